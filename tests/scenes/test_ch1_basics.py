"""Chapter 1 scenes show mathcore's numbers, at default and at other parameters."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DEGREES, VMobject, color_to_rgb
from manim.utils.family import extract_mobject_family_members

from hessian_lecture.inspection import dry_run
from mathcore import derivatives, descent, functions
from mathcore.errors import ValidationError
from scenes import components as C
from scenes.ch1_basics import (
    CURTAIN_OPACITY,
    SLICE_TURN,
    X1_COLOR,
    X2_COLOR,
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
    np.testing.assert_allclose(values.loss_at_marks, loss.f(np.array(values.marks)))


# --- gradient ----------------------------------------------------------------------------------------

GRADIENT_CASES = [
    GradientParams(),
    GradientParams(function="rosenbrock", grid=4, point=(0.5, 1.5), step=0.2),
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
    assert values.partial_x1 == pytest.approx(along_x1, abs=1e-6)
    assert values.partial_x2 == pytest.approx(along_x2, abs=1e-6)
    assert values.loss_at_point == pytest.approx(float(loss.f(np.array(params.point))))


@pytest.mark.parametrize("params", GRADIENT_CASES, ids=["default", "rosenbrock"])
def test_gradient_floor_arrows_are_the_gradient_on_a_grid_over_the_domain(params):
    values = GradientScene.values(params)
    loss = functions.loss_2d(params.function)
    points = np.array(values.grid_points)
    assert points.shape == (params.grid**2, 2)
    for axis, (lo, hi) in enumerate(loss.domain):
        assert len(set(np.round(points[:, axis], 12))) == params.grid
        assert np.all((points[:, axis] > lo) & (points[:, axis] < hi))
    expected = np.array([derivatives.gradient_fd(loss.f, q) for q in points])
    np.testing.assert_allclose(values.grid_gradients, expected, atol=1e-6)


@pytest.mark.parametrize("params", GRADIENT_CASES, ids=["default", "rosenbrock"])
def test_the_surface_drawn_is_the_loss_and_its_slope_at_each_corner_and_fixes_the_height(params):
    surface = GradientScene.values(params).surface
    loss = functions.loss_2d(params.function)
    xs, ys = np.array(surface.x), np.array(surface.y)
    assert (xs[0], xs[-1]) == loss.domain[0] and (ys[0], ys[-1]) == loss.domain[1] and len(xs) == len(ys) > 10
    heights, slopes = np.array(surface.height), np.array(surface.gradient)
    for i, j in [(0, 0), (3, 7), (len(xs) // 2, len(ys) - 1), (len(xs) - 1, 2)]:
        corner = np.array([xs[i], ys[j]])
        assert heights[i, j] == pytest.approx(float(loss.f(corner)), abs=1e-12)
        np.testing.assert_allclose(slopes[i, j], derivatives.gradient_fd(loss.f, corner), atol=1e-6)
    assert GradientScene.values(params).z_range == [heights.min(), heights.max()]


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
    sharp, flat = values.sharp, values.flat
    # on the default quadratics the slope's change per unit x is f'' itself, constant along the curve
    np.testing.assert_allclose(sharp.slope_change_per_unit_x, 3.0)
    np.testing.assert_allclose(flat.slope_change_per_unit_x, 0.3)
    np.testing.assert_allclose(sharp.second_derivatives, 3.0)
    np.testing.assert_allclose(flat.second_derivatives, 0.3)
    assert np.ptp(sharp.slopes) > 5 * np.ptp(flat.slopes)


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
    h = np.array(HessianScene.values(HessianParams()).hessian)
    assert abs(h[0, 1]) > 0.1
    other = np.array(HessianScene.values(HessianParams(point=(-1.0, 1.0))).hessian)
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
    curve = SlopeScene.values(params).curve
    loss = functions.loss_1d(params.function)
    x = np.array(curve.x)
    assert x[0] == params.x_min and x[-1] == params.x_max and np.all(np.diff(x) > 0)
    assert curve.loss == pytest.approx(loss.f(x).tolist())
    for k in range(0, len(x), 40):  # the slopes the tangent takes agree with a finite difference of the loss
        assert curve.slope[k] == pytest.approx(derivatives.derivative(loss.f, x[k]), abs=1e-6)


def test_the_curvature_scenes_curves_come_from_values():
    p = CurvatureParams()
    v = CurvatureScene.values(p)
    for side in ("sharp", "flat"):
        loss = functions.loss_1d(getattr(p, side))
        curve = getattr(v, side).curve
        x = np.array(curve.x)
        assert x[0] == -p.x_max and x[-1] == p.x_max
        assert curve.slope[::60] == pytest.approx([derivatives.derivative(loss.f, t) for t in x[::60]],
                                                                abs=1e-6)


# --- issue 13: each beat shows its own state ------------------------------------------------------------

SLOPE_CASES = [SlopeParams(), SlopeParams(function="logcosh", x_min=-2.0, x_max=2.0, marks=(-1.5, 0.0, 1.0),
                                          start=1.5, step=0.5, steps=4)]


@pytest.mark.parametrize("params", SLOPE_CASES, ids=["default", "logcosh"])
def test_during_the_flat_beat_the_tangent_stops_where_the_slope_vanishes(dry, params):
    shown = dry(SlopeScene, params).beat_readouts["slope.flat"]
    loss = functions.loss_1d(params.function)
    x = shown["flat.x"]
    assert params.x_min <= x <= params.x_max
    assert shown["flat.slope"] == pytest.approx(0.0, abs=1e-9)
    assert shown["flat.slope"] == pytest.approx(float(loss.df(x)), abs=1e-12)
    assert derivatives.derivative(loss.f, x) == pytest.approx(0.0, abs=1e-6)  # independently: a flat point
    assert loss.d2f(x) > 0  # where the curve stops falling: a minimum


@pytest.mark.parametrize("params", SLOPE_CASES, ids=["default", "logcosh"])
def test_the_descent_beat_shows_mathcores_iterates_and_their_slopes(dry, params):
    shown = dry(SlopeScene, params).beat_readouts["slope.descent"]
    loss = functions.loss_1d(params.function)
    expected = descent.gradient_descent(loss.df, params.start, params.step, params.steps)
    assert shown["descent.step"] == params.step
    np.testing.assert_allclose(shown["descent.iterates"], expected, atol=1e-12)
    np.testing.assert_allclose(shown["descent.slopes"], loss.df(expected), atol=1e-12)
    xs = np.array(shown["descent.iterates"])
    # each step goes against the slope, and downhill
    assert np.all(np.sign(np.diff(xs)) == -np.sign(shown["descent.slopes"][:-1]))
    assert np.all(np.diff(loss.f(xs)) < 0)


def test_the_tangent_visits_every_stop_exactly():
    v = SlopeScene.values(SlopeParams())
    xs = v.curve.x
    for x in [*v.marks, *v.descent.x, v.flat.x]:
        assert x in xs


def test_each_slope_pin_is_shown_in_the_rate_beat(dry):
    shown = dry(SlopeScene, SlopeParams()).beat_readouts
    loss = functions.loss_1d("double_well")
    for k, m in enumerate(SlopeParams().marks):
        assert shown["slope.rate"][f"slope_at_marks[{k}]"] == pytest.approx(float(loss.df(m)), abs=1e-12)


def test_a_descent_that_leaves_the_range_is_refused():
    with pytest.raises(ValidationError, match=r"step = 1.5: descent from start = -0.3 must settle"):
        SlopeParams(step=1.5)
    with pytest.raises(ValidationError, match=r"start = 3: must lie in \[x_min, x_max\]"):
        SlopeParams(start=3.0)


@pytest.mark.parametrize("params", GRADIENT_CASES, ids=["default", "rosenbrock"])
def test_gradient_beats_show_their_own_numbers(dry, params):
    shown = dry(GradientScene, params).beat_readouts
    loss = functions.loss_2d(params.function)
    x = np.array(params.point)
    assert shown["gradient.point"]["point"] == list(params.point)
    assert shown["gradient.partial1"]["partial_x1"] == pytest.approx(float(loss.grad(x)[0]), abs=1e-12)
    assert shown["gradient.slice2"]["partial_x2"] == pytest.approx(float(loss.grad(x)[1]), abs=1e-12)
    # beat lengths names the longest and the shortest floor arrows
    grid = np.array(GradientScene.values(params).grid_points)
    lengths = np.sort(np.linalg.norm(loss.grad(grid), axis=1))
    np.testing.assert_allclose(shown["gradient.lengths"]["lengths.longest"], lengths[::-1][:4], atol=1e-12)
    np.testing.assert_allclose(shown["gradient.lengths"]["lengths.shortest"], lengths[:4], atol=1e-12)
    # beat descent draws mathcore's iterates, each lower than the last
    run = descent.gradient_descent(loss.grad, x, params.step, params.steps)
    np.testing.assert_allclose(shown["gradient.descent"]["descent.points"], run, atol=1e-12)
    assert np.all(np.diff(loss.f(run)) < 0)


@pytest.mark.parametrize("params", GRADIENT_CASES, ids=["default", "rosenbrock"])
def test_gradient_slices_pass_through_the_point_with_its_partial_slopes(params):
    v = GradientScene.values(params)
    for axis, key in enumerate(("partial_x1", "partial_x2")):
        cut = v.slices[axis]
        k = cut.t.index(params.point[axis])
        assert cut.loss[k] == pytest.approx(v.loss_at_point)
        assert cut.slope[k] == pytest.approx(getattr(v, key))


def test_curvature_rows_are_shown_in_the_beats_that_narrate_them(dry):
    params = CurvatureParams()
    shown = dry(CurvatureScene, params).beat_readouts
    for side in ("sharp", "flat"):
        loss = functions.loss_1d(getattr(params, side))
        for k, x in enumerate(params.points):
            assert shown["curvature.pins"][f"{side}.slopes[{k}]"] == pytest.approx(float(loss.df(x)))
            assert shown["curvature.second"][f"{side}.second_derivatives[{k}]"] == pytest.approx(float(loss.d2f(x)))
        assert f"{side}.second_derivatives[0]" not in shown["curvature.quotients"]
        np.testing.assert_allclose(shown["curvature.measures"][f"measures.{side}"], loss.d2f(np.array(params.points)))


def test_hessian_numbers_appear_in_the_numbers_beat(dry):
    shown = dry(HessianScene, HessianParams()).beat_readouts
    h = functions.loss_2d("coupled").hess(np.array(HessianParams().point))
    assert shown["hessian.concrete"]["point"] == list(HessianParams().point)
    for i in range(2):
        for j in range(2):
            assert shown["hessian.numbers"][f"hessian[{i}][{j}]"] == pytest.approx(float(h[i, j]))


def test_hessian_highlights_sit_on_the_rows_and_columns_each_beat_names(dry):
    shown = dry(HessianScene, HessianParams()).beat_readouts
    named = {  # beat -> (row, column) its words name; None: no frame on a row or a column
        "inputs": (None, "1"),  # the first slope's d directions
        "entry": ("d", "2"),  # row i, column j: one example
        "row2col1": ("2", "1"),
        "row": ("1", None),
        "column": (None, "1"),
    }
    for beat, (row, col) in named.items():
        assert (shown[f"hessian.{beat}"]["row"], shown[f"hessian.{beat}"]["column"]) == (row, col), beat
    assert shown["hessian.symmetry"]["cells"] == [["2", "1"], ["1", "2"]]  # the mirrored pair, lit together


@pytest.mark.parametrize("params", HESSIAN_CASES, ids=["default", "rosenbrock", "logsumexp"])
def test_hessian_number_beats_show_the_entries_they_narrate(dry, params):
    shown = dry(HessianScene, params).beat_readouts
    h = functions.loss_2d(params.function).hess(np.array(params.point))
    off, diag = shown["hessian.off_diagonal"], shown["hessian.diagonal"]
    assert set(off) == {"hessian[0][1]", "hessian[1][0]"}
    assert set(diag) == {"hessian[0][0]", "hessian[1][1]"}
    assert off["hessian[0][1]"] == pytest.approx(float(h[0, 1])) == pytest.approx(off["hessian[1][0]"])
    for k in range(2):
        assert diag[f"hessian[{k}][{k}]"] == pytest.approx(float(h[k, k]))


# --- gradient: the slicing plane in depth order with the surface -------------------------------------------------

DEPTH_MARGIN = 0.15  # a facet this much nearer (or farther) than a point of the plane clearly hides it (or not)


def traced(axis: int, params: GradientParams) -> GradientScene:
    """The gradient scene, dry-run up to the end of the trace of the slice along ``axis`` (its plane still shown)."""
    made = []

    class Traced(GradientScene):
        name = "gradient"

        def construct(self) -> None:
            self.build_picture()
            self.build_panel()
            self.show_surface()
            self.pick_point()
            self.curtains = {}
            self.trace_slice(axis, (X1_COLOR, X2_COLOR)[axis], 1.0)
            made.append(self)

    dry_run(Traced, params)
    return made[0]


def inside(outline: np.ndarray, p: np.ndarray) -> bool:
    """Whether the flat point ``p`` lies inside the closed polyline through ``outline``'s points (even-odd rule)."""
    x, y = outline[:, 0], outline[:, 1]
    xn, yn = np.roll(x, -1), np.roll(y, -1)
    crosses = (y > p[1]) != (yn > p[1])
    at = x + (p[1] - y) * (xn - x) / np.where(yn == y, 1, yn - y)
    return bool(np.sum(crosses & (p[0] < at)) % 2)


def plane_points(scene: GradientScene, axis: int) -> list[np.ndarray]:
    """3-D points of the slicing plane along ``axis``: in the middle of every third sample step, a quarter, half and
    three quarters of the way from the floor up to the slice."""
    cut = scene.v.slices[axis]
    points = []
    for i in range(0, len(cut.t) - 1, 3):
        ends = []
        for j in (i, i + 1):
            q = np.array(scene.v.point, dtype=float)
            q[axis] = cut.t[j]
            z = float(np.clip(cut.loss[j], scene.z_lo, scene.z_hi))
            ends.append((scene.on_floor(*q), scene.on_surface(*q, z)))
        low, top = (ends[0][0] + ends[1][0]) / 2, (ends[0][1] + ends[1][1]) / 2
        points += [low + s * (top - low) for s in (0.25, 0.5, 0.75)]
    return points


@pytest.mark.parametrize("axis", [0, 1])
@pytest.mark.parametrize("params", GRADIENT_CASES, ids=["default", "rosenbrock"])
def test_gradient_slicing_plane_hides_behind_the_surface_in_front_of_it_at_every_angle_of_the_swing(params, axis):
    """Where a surface facet lies in front of a point of the slicing plane, the last of the two drawn over that
    point on screen is the facet; where none does (every facet there behind it, or none there), the plane."""
    scene = traced(axis, params)
    turning, colour = scene.view, color_to_rgb((X1_COLOR, X2_COLOR)[axis])
    facets = [f for f in C.surface(scene.axes, scene.v.surface).family_members_with_points()]
    surface = set(scene.surface.submobjects)
    hidden = shown = 0
    for angle in np.linspace(-SLICE_TURN, SLICE_TURN, 5):
        turning.set_angle(angle)
        depth = [turning.view.depth(turning.turned(f.points)).mean() for f in facets]
        outlines = [turning.project(f.points) for f in facets]
        drawn = [m for m in extract_mobject_family_members(scene.mobjects, only_those_with_points=True)
                 if isinstance(m, VMobject) and m.get_fill_opacity() > 0]
        for p in plane_points(scene, axis):
            spot, near = turning.point(p), turning.view.depth(turning.turned(p))[0]
            over = [d - near for d, outline in zip(depth, outlines) if inside(outline, spot)]
            if over and min(abs(d) for d in over) < DEPTH_MARGIN:
                continue  # a facet too close to call
            curtain = [np.allclose(m.fill_rgbas[0], [*colour, CURTAIN_OPACITY]) for m in drawn]
            last = [m for m, c in zip(drawn, curtain) if (c or m in surface) and inside(m.points, spot)][-1]
            in_front = bool(over) and max(over) > 0
            assert np.allclose(last.fill_rgbas[0], [*colour, CURTAIN_OPACITY]) != in_front, \
                f"{angle / DEGREES:.0f} degrees: the plane at {p} drawn {'over' if in_front else 'under'} the surface"
            hidden, shown = hidden + in_front, shown + (not in_front)
    assert hidden > 20 and shown > 20
