"""Chapter 1 scenes show mathcore's numbers, at default and at other parameters."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore import derivatives, functions
from mathcore.errors import ValidationError
from scenes.ch1_basics import (
    CurvatureParams,
    CurvatureScene,
    GradientParams,
    GradientScene,
    HessianParams,
    HessianScene,
    SlopeParams,
    SlopeScene,
    _symbolic_hessian,
)


@pytest.mark.parametrize(
    "params",
    [SlopeParams(), SlopeParams(function="logcosh", x_min=-2.0, x_max=2.0, marks=(-1.5, 0.0, 1.0))],
    ids=["default", "logcosh"],
)
def test_slope_readouts_are_the_derivative(dry, params):
    shown = dry(SlopeScene, params).readouts
    loss = functions.loss_1d(params.function)
    for k, m in enumerate(params.marks):
        assert shown[f"slope_at_marks[{k}]"] == pytest.approx(float(loss.df(m)), abs=1e-12)
        # and the analytic slope agrees with an independent finite difference
        assert shown[f"slope_at_marks[{k}]"] == pytest.approx(derivatives.derivative(loss.f, m), abs=1e-6)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"function": "nope"}, r"function = 'nope': must be one of bowl"),
        ({"x_min": 1.0, "x_max": 1.5}, r"x_max = 1.5: must be at least x_min \+ 1"),
        ({"marks": (0.0, 5.0, 1.0)}, r"marks = .*must lie in \[x_min, x_max\]"),
        ({"marks": (0.0, 1.0)}, r"marks = .*must be 3 numbers"),
        ({"x_min": float("nan")}, r"x_min = nan: must be finite"),
        ({"x_max": 99.0}, r"x_max = 99.0: must be >= -10 and <= 10"),
    ],
)
def test_slope_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        SlopeParams(**kwargs)


def test_slope_marks_sit_on_the_curve():
    values = SlopeScene.values(SlopeParams())
    loss = functions.loss_1d("double_well")
    np.testing.assert_allclose(values["loss_at_marks"], loss.f(np.array(values["marks"])))


# --- gradient ----------------------------------------------------------------------------------------

GRADIENT_CASES = [
    GradientParams(),
    GradientParams(function="rosenbrock", grid=4, point=(0.5, 1.5)),
]


@pytest.mark.parametrize("params", GRADIENT_CASES, ids=["default", "rosenbrock"])
def test_gradient_readouts_are_the_partial_slopes(dry, params):
    shown = dry(GradientScene, params).readouts
    loss = functions.loss_2d(params.function)
    x = np.array(params.point)
    assert shown["point"] == list(params.point)
    assert shown["partial_x1"] == pytest.approx(float(loss.grad(x)[0]), abs=1e-12)
    assert shown["partial_x2"] == pytest.approx(float(loss.grad(x)[1]), abs=1e-12)
    # independently: central differences of f
    fd = derivatives.gradient_fd(loss.f, x)
    assert [shown["partial_x1"], shown["partial_x2"]] == pytest.approx(fd.tolist(), abs=1e-6)


@pytest.mark.parametrize("params", GRADIENT_CASES, ids=["default", "rosenbrock"])
def test_gradient_partials_are_the_slopes_of_the_two_slices(params):
    # The scene draws each partial slope as the tangent of a slice through the point: check that claim
    # by differentiating each 1-D slice numerically.
    values = GradientScene.values(params)
    loss = functions.loss_2d(params.function)
    x1, x2 = params.point
    along_x1 = derivatives.derivative(lambda t: float(loss.f(np.array([t, x2]))), x1)
    along_x2 = derivatives.derivative(lambda t: float(loss.f(np.array([x1, t]))), x2)
    assert values["partial_x1"] == pytest.approx(along_x1, abs=1e-6)
    assert values["partial_x2"] == pytest.approx(along_x2, abs=1e-6)
    assert values["loss_at_point"] == pytest.approx(float(loss.f(np.array(params.point))))


@pytest.mark.parametrize("params", GRADIENT_CASES, ids=["default", "rosenbrock"])
def test_gradient_floor_arrows_are_the_gradient_on_a_grid_over_the_domain(params):
    values = GradientScene.values(params)
    loss = functions.loss_2d(params.function)
    points = np.array(values["grid_points"])
    assert points.shape == (params.grid**2, 2)
    for axis, (lo, hi) in enumerate(loss.domain):
        assert len(set(np.round(points[:, axis], 12))) == params.grid
        assert np.all((points[:, axis] > lo) & (points[:, axis] < hi))
    expected = np.array([derivatives.gradient_fd(loss.f, q) for q in points])
    np.testing.assert_allclose(values["grid_gradients"], expected, atol=1e-6)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"function": "sharp"}, r"function = 'sharp': must be one of bowl, coupled"),
        ({"grid": 2}, r"grid = 2: must be >= 3 and <= 10"),
        ({"grid": 4.5}, r"grid = 4.5: must be a whole number"),
        ({"point": (3.0, 0.0)}, r"point = \[3.0, 0.0\]: must lie in the domain of coupled, x1 in \[-2, 2\]"),
        ({"function": "rosenbrock", "point": (0.0, -1.0)}, r"point = .*domain of rosenbrock.*x2 in \[-0.25, 2.25\]"),
        ({"point": (1.0,)}, r"point = .*must be 2 numbers"),
    ],
)
def test_gradient_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        GradientParams(**kwargs)


# --- curvature ---------------------------------------------------------------------------------------

CURVATURE_CASES = [
    CurvatureParams(),
    CurvatureParams(sharp="double_well", flat="logcosh", x_max=2.2, points=(-2.0, -1.0, 0.5, 2.0)),
]


@pytest.mark.parametrize("params", CURVATURE_CASES, ids=["default", "double_well-logcosh"])
def test_curvature_readouts_are_slopes_their_changes_and_second_derivatives(dry, params):
    shown = dry(CurvatureScene, params).readouts
    xs = np.array(params.points)
    for side in ("sharp", "flat"):
        loss = functions.loss_1d(getattr(params, side))
        for k, x in enumerate(xs):
            slope = shown[f"{side}.slopes[{k}]"]
            assert slope == pytest.approx(float(loss.df(x)), abs=1e-12)
            assert slope == pytest.approx(derivatives.derivative(loss.f, x), abs=1e-6)
            second = shown[f"{side}.second_derivatives[{k}]"]
            assert second == pytest.approx(float(loss.d2f(x)), abs=1e-12)
            assert second == pytest.approx(derivatives.second_derivative(loss.f, x), abs=1e-4)
        for k in range(len(xs) - 1):
            change = (loss.df(xs[k + 1]) - loss.df(xs[k])) / (xs[k + 1] - xs[k])
            assert shown[f"{side}.slope_change_per_unit_x[{k}]"] == pytest.approx(float(change), abs=1e-12)


def test_curvature_sharp_slope_changes_faster_and_its_rate_is_the_second_derivative():
    values = CurvatureScene.values(CurvatureParams())
    sharp, flat = values["sharp"], values["flat"]
    # on the default quadratics the slope's change per unit x is f'' itself, constant along the curve
    np.testing.assert_allclose(sharp["slope_change_per_unit_x"], 3.0)
    np.testing.assert_allclose(flat["slope_change_per_unit_x"], 0.3)
    np.testing.assert_allclose(sharp["second_derivatives"], 3.0)
    np.testing.assert_allclose(flat["second_derivatives"], 0.3)
    assert np.ptp(sharp["slopes"]) > 5 * np.ptp(flat["slopes"])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"sharp": "coupled"}, r"sharp = 'coupled': must be one of bowl, sharp, flat"),
        ({"x_max": 2.4}, r"x_max = 2.4: must be <= 2 so that \[-x_max, x_max\] lies in the domain of sharp"),
        ({"x_max": 3.0}, r"x_max = 3.0: must be >= 0.5 and <= 2.5"),
        ({"points": (-1.0, 0.0, 0.0, 1.0)}, r"points = \[-1.0, 0.0, 0.0, 1.0\]: must be strictly increasing"),
        ({"x_max": 1.0}, r"points = .*each must lie in \[-x_max, x_max\] = \[-1, 1\]"),
        ({"points": (0.0, 1.0)}, r"points = .*must be 4 numbers"),
    ],
)
def test_curvature_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        CurvatureParams(**kwargs)


# --- Hessian -----------------------------------------------------------------------------------------

HESSIAN_CASES = [
    HessianParams(),
    HessianParams(function="rosenbrock", point=(0.5, 0.5), decimals=3),
    HessianParams(function="logsumexp", point=(0.3, -0.7)),
]


@pytest.mark.parametrize("params", HESSIAN_CASES, ids=["default", "rosenbrock", "logsumexp"])
def test_hessian_readouts_are_the_analytic_hessian(dry, params):
    shown = dry(HessianScene, params).readouts
    loss = functions.loss_2d(params.function)
    x = np.array(params.point)
    matrix = np.array([[shown[f"hessian[{i}][{j}]"] for j in range(2)] for i in range(2)])
    np.testing.assert_allclose(matrix, loss.hess(x), atol=1e-12)
    # independently: second central differences of f
    np.testing.assert_allclose(matrix, derivatives.hessian_fd(loss.f, x), atol=1e-5)
    assert matrix[0, 1] == matrix[1, 0]
    assert shown["point"] == list(params.point)


def test_hessian_default_has_a_point_dependent_mixed_partial():
    # "coupled": the mixed partial 0.3 + 0.2 x1 is non-zero, so the symmetric pair is worth showing
    h = np.array(HessianScene.values(HessianParams())["hessian"])
    assert abs(h[0, 1]) > 0.1
    other = np.array(HessianScene.values(HessianParams(point=(-1.0, 1.0)))["hessian"])
    assert other[0, 1] != pytest.approx(h[0, 1])


def test_symbolic_hessian_orders_the_derivatives_correctly():
    # Row i, column j is d2f/(dx_i dx_j); the article writes row 2, column 1 as d2f/dx2dx2, which is wrong.
    entries = _symbolic_hessian(["1", "2"])
    assert entries[1][0] == r"\frac{\partial^2 f}{\partial x_2\,\partial x_1}"
    assert entries[0][1] == r"\frac{\partial^2 f}{\partial x_1\,\partial x_2}"
    assert entries[0][0] == r"\frac{\partial^2 f}{\partial x_1^2}"
    assert entries[1][1] == r"\frac{\partial^2 f}{\partial x_2^2}"
    general = _symbolic_hessian(["1", "2", ".", "d"])
    assert general[2] == [r"\vdots", r"\vdots", r"\ddots", r"\vdots"]
    assert general[3][0] == r"\frac{\partial^2 f}{\partial x_d\,\partial x_1}"


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"function": "flat"}, r"function = 'flat': must be one of bowl, coupled"),
        ({"point": (0.0, 9.0)}, r"point = \[0.0, 9.0\]: must lie in the domain of coupled"),
        ({"point": (0.0, 11.0)}, r"point = \(0.0, 11.0\): must be >= -10 and <= 10"),
        ({"decimals": 0}, r"decimals = 0: must be >= 1 and <= 4"),
    ],
)
def test_hessian_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        HessianParams(**kwargs)


@pytest.mark.parametrize("params", [SlopeParams(), SlopeParams(function="logcosh", x_min=-3.0, x_max=1.0,
                                                               marks=(-2.0, 0.0, 0.5))], ids=["default", "logcosh"])
def test_the_slope_scenes_curve_and_its_tangents_come_from_values(params):
    curve = SlopeScene.values(params)["curve"]
    loss = functions.loss_1d(params.function)
    x = np.array(curve["x"])
    assert x[0] == params.x_min and x[-1] == params.x_max and np.all(np.diff(x) > 0)
    assert curve["loss"] == pytest.approx(loss.f(x).tolist())
    for k in range(0, len(x), 40):  # the slopes the tangent takes agree with a finite difference of the loss
        assert curve["slope"][k] == pytest.approx(derivatives.derivative(loss.f, x[k]), abs=1e-6)


def test_the_curvature_scenes_curves_come_from_values():
    p = CurvatureParams()
    v = CurvatureScene.values(p)
    for side in ("sharp", "flat"):
        loss = functions.loss_1d(getattr(p, side))
        x = np.array(v[side]["curve"]["x"])
        assert x[0] == -p.x_max and x[-1] == p.x_max
        assert v[side]["curve"]["slope"][::60] == pytest.approx([derivatives.derivative(loss.f, t) for t in x[::60]],
                                                                abs=1e-6)
