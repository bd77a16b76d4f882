"""Bad inputs raise ValidationError with a one-line message naming the argument; the helpers clean good ones."""

import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import mathcore
from mathcore import derivatives as dv
from mathcore import descent as ds
from mathcore import functions as fn
from mathcore import least_squares as ls
from mathcore import momentum as mm
from mathcore import quadratic as qd
from mathcore import taylor as ty
from mathcore import validation as v
from mathcore.errors import ValidationError

NAN, INF = float("nan"), float("inf")
Q = qd.from_eigen([1.0, 4.0], 0.3)
SADDLE = qd.from_eigen([-1.0, 2.0])
FLAT = qd.from_eigen([0.0, 2.0])
BOWL = fn.loss_1d("bowl")
X = ls.make_inputs(20, (3.0, -1.0), (1.0, 2.0), seed=0)


def grad(x):
    return x


BAD = [
    # (argument named in the message, call)
    ("name", lambda: fn.loss_1d("cubic")),
    ("name", lambda: fn.loss_2d("bowl3d")),
    ("name", lambda: fn.loss_2d(["bowl"])),
    ("x", lambda: fn.loss_2d("bowl").f(np.zeros(3))),
    ("x", lambda: fn.loss_2d("logsumexp").grad([[1.0, 2.0, 3.0]])),
    ("x", lambda: BOWL.f("one")),
    ("f", lambda: dv.derivative("sin", 1.0)),
    ("x", lambda: dv.derivative(np.sin, NAN)),
    ("h", lambda: dv.derivative(np.sin, 1.0, h=0.0)),
    ("h", lambda: dv.second_derivative(np.sin, 1.0, h=-1e-3)),
    ("x", lambda: dv.second_derivative(np.sin, INF)),
    ("x", lambda: dv.gradient_fd(np.sum, [[1.0, 2.0]])),
    ("x", lambda: dv.gradient_fd(np.sum, [])),
    ("x", lambda: dv.hessian_fd(np.sum, [1.0, NAN])),
    ("h", lambda: dv.hessian_fd(np.sum, [1.0, 2.0], h=INF)),
    ("A", lambda: qd.Quadratic([[1.0, 2.0], [0.0, 1.0]], [0.0, 0.0])),
    ("A", lambda: qd.Quadratic([[1.0, NAN], [NAN, 1.0]], [0.0, 0.0])),
    ("A", lambda: qd.Quadratic([[1.0, 0.0, 0.0]], [0.0])),
    ("A", lambda: qd.Quadratic(np.zeros((0, 0)), [])),
    ("b", lambda: qd.Quadratic(np.eye(2), [0.0, 0.0, 0.0])),
    ("b", lambda: qd.Quadratic(np.eye(2), [INF, 0.0])),
    ("c", lambda: qd.Quadratic(np.eye(2), [0.0, 0.0], NAN)),
    ("c", lambda: qd.Quadratic(np.eye(2), [0.0, 0.0], "zero")),
    ("x", lambda: Q.value([1.0, 2.0, 3.0])),
    ("x", lambda: Q.gradient([NAN, 0.0])),
    ("tol", lambda: Q.shape_class(tol=-1e-9)),
    ("A", lambda: FLAT.minimiser()),
    ("A", lambda: FLAT.min_value()),
    ("A", lambda: SADDLE.condition_number()),
    ("A", lambda: FLAT.condition_number()),
    ("eigenvalues", lambda: qd.from_eigen([1.0, 2.0, 3.0])),
    ("eigenvalues", lambda: qd.from_eigen([1.0, NAN])),
    ("angle", lambda: qd.from_eigen([1.0, 2.0], angle=INF)),
    ("minimiser", lambda: qd.from_eigen([1.0, 2.0], minimiser=(0.0,))),
    ("c", lambda: qd.from_eigen([1.0, 2.0], c=NAN)),
    ("q", lambda: qd.ellipse(SADDLE, 1.0)),
    ("q", lambda: qd.ellipse(qd.Quadratic(np.eye(3), np.zeros(3)), 1.0)),
    ("q", lambda: qd.ellipse("bowl", 1.0)),
    ("level", lambda: qd.ellipse(Q, 0.0)),
    ("level", lambda: qd.ellipse(Q, -1.0)),
    ("n", lambda: qd.level_set_points(Q, 1.0, n=2)),
    ("n", lambda: qd.level_set_points(Q, 1.0, n=10**7)),
    ("n", lambda: qd.level_set_points(Q, 1.0, n=12.5)),
    ("grad", lambda: ds.gradient_descent("grad", [1.0], 0.1, 3)),
    ("grad", lambda: ds.gradient_descent(lambda x: np.zeros(3), [1.0, 2.0], 0.1, 3)),
    ("x0", lambda: ds.gradient_descent(grad, [1.0, NAN], 0.1, 3)),
    ("x0", lambda: ds.gradient_descent(grad, np.eye(2), 0.1, 3)),
    ("step", lambda: ds.gradient_descent(grad, [1.0], -0.1, 3)),
    ("step", lambda: ds.gradient_descent(grad, [1.0], 0.0, 3)),
    ("step", lambda: ds.gradient_descent(grad, [1.0], NAN, 3)),
    ("steps", lambda: ds.gradient_descent(grad, [1.0], 0.1, -1)),
    ("steps", lambda: ds.gradient_descent(grad, [1.0], 0.1, 2.5)),
    ("steps", lambda: ds.gradient_descent(grad, [1.0], 0.1, True)),
    ("steps", lambda: ds.gradient_descent(grad, [1.0], 0.1, 10**9)),
    ("update", lambda: ds.iterate(grad, [1.0], 3, None)),
    ("q", lambda: ds.descent_on_quadratic(Q.A, [1.0, 1.0], 0.1, 3)),
    ("x0", lambda: ds.descent_on_quadratic(Q, [1.0, 1.0, 1.0], 0.1, 3)),
    ("xs", lambda: ds.eigen_coordinates(Q, np.zeros((4, 3)))),
    ("A", lambda: ds.eigen_coordinates(FLAT, np.zeros((4, 2)))),
    ("t", lambda: ds.closed_form(Q, [1.0, 1.0], 0.1, -1)),
    ("t", lambda: ds.closed_form(Q, [1.0, 1.0], 0.1, [0, 1.5])),
    ("t", lambda: ds.closed_form(Q, [1.0, 1.0], 0.1, [0, -2])),
    ("t", lambda: ds.closed_form(Q, [1.0, 1.0], 0.1, [0, 10**8])),
    ("step", lambda: ds.closed_form(Q, [1.0, 1.0], -0.1, 3)),
    ("eigenvalues", lambda: ds.direction_factors([], 0.1)),
    ("eigenvalues", lambda: ds.direction_factors([[1.0]], 0.1)),
    ("step", lambda: ds.direction_factors([1.0], 0.0)),
    ("step", lambda: ds.step_regime(-1.0, 1.0)),
    ("curvature", lambda: ds.step_regime(1.0, 0.0)),
    ("curvature", lambda: ds.step_regime(1.0, -2.0)),
    ("tol", lambda: ds.step_regime(1.0, 1.0, tol=0.5)),
    ("eigenvalues", lambda: ds.stable_step_bound([1.0, -1.0])),
    ("eigenvalues", lambda: ds.best_step([0.0, 1.0])),
    ("eigenvalues", lambda: ds.best_rate([1.0, INF])),
    ("step", lambda: ds.convergence_rate([1.0], -1.0)),
    ("tol", lambda: ds.iterations_to_tolerance(Q, [1.0, 1.0], 0.1, 0.0)),
    ("tol", lambda: ds.iterations_to_tolerance(Q, [1.0, 1.0], 0.1, 1.0)),
    ("max_steps", lambda: ds.iterations_to_tolerance(Q, [1.0, 1.0], 0.1, 0.1, max_steps=-5)),
    ("max_steps", lambda: ds.iterations_to_tolerance(Q, [1.0, 1.0], 0.1, 0.1, max_steps=10**8)),
    ("A", lambda: ds.iterations_to_tolerance(FLAT, [1.0, 1.0], 0.1, 0.1)),
    ("rate", lambda: ds.predicted_iterations(1.0, 0.1)),
    ("rate", lambda: ds.predicted_iterations(-0.5, 0.1)),
    ("tol", lambda: ds.predicted_iterations(0.5, 1.5)),
    ("xs", lambda: ds.first_exit(np.zeros((3, 2, 2)), [(0, 1), (0, 1)])),
    ("bounds", lambda: ds.first_exit(np.zeros((3, 2)), [(0.0, 1.0)])),
    ("bounds", lambda: ds.first_exit(np.zeros(3), (1.0, 0.0))),
    ("bounds", lambda: ds.first_exit(np.zeros(3), (0.0, NAN))),
    ("x0", lambda: ty.TaylorModel([NAN], 0.0, [0.0], [[1.0]])),
    ("f0", lambda: ty.TaylorModel([0.0], INF, [0.0], [[1.0]])),
    ("g", lambda: ty.TaylorModel([0.0, 0.0], 0.0, [0.0], np.eye(2))),
    ("H", lambda: ty.TaylorModel([0.0, 0.0], 0.0, [0.0, 0.0], [[1.0, 1.0], [0.0, 1.0]])),
    ("H", lambda: ty.TaylorModel([0.0, 0.0], 0.0, [0.0, 0.0], np.eye(3))),
    ("x", lambda: ty.taylor_2d(fn.loss_2d("bowl"), [0.0, 0.0])([1.0, 2.0, 3.0])),
    ("x", lambda: ty.taylor_1d(BOWL, 0.0)(NAN)),
    ("loss", lambda: ty.taylor_1d(fn.loss_2d("bowl"), 0.0)),
    ("loss", lambda: ty.taylor_2d(BOWL, [0.0, 0.0])),
    ("x0", lambda: ty.taylor_1d(BOWL, [0.0, 1.0])),
    ("x0", lambda: ty.taylor_2d(fn.loss_2d("bowl"), [0.0])),
    ("n", lambda: ls.make_inputs(0, (0, 0), (1, 1), 0)),
    ("n", lambda: ls.make_inputs(10**7, (0, 0), (1, 1), 0)),
    ("mean", lambda: ls.make_inputs(10, (0, 0, 0), (1, 1), 0)),
    ("scales", lambda: ls.make_inputs(10, (0, 0), (1, 0), 0)),
    ("seed", lambda: ls.make_inputs(10, (0, 0), (1, 1), -1)),
    ("correlation", lambda: ls.make_inputs(10, (0, 0), (1, 1), 0, correlation=1.0)),
    ("X", lambda: ls.make_targets(np.zeros(4), (1, 1), 0.1, 0)),
    ("weights", lambda: ls.make_targets(X, (1, 1, 1), 0.1, 0)),
    ("noise", lambda: ls.make_targets(X, (1, 1), -0.1, 0)),
    ("seed", lambda: ls.make_targets(X, (1, 1), 0.1, 1.5)),
    ("X", lambda: ls.least_squares_quadratic(np.zeros((0, 2)), np.zeros(0))),
    ("y", lambda: ls.least_squares_quadratic(X, np.zeros(3))),
    ("X", lambda: ls.least_squares_quadratic(np.where(X > 4, NAN, X), np.zeros(20))),
    ("X[:, 1]", lambda: ls.standardise(np.column_stack([X[:, 0], np.full(20, 0.1)]))),
    ("X", lambda: ls.mean_and_covariance([[1.0, INF]])),
    ("X", lambda: ls.largest_eigenvalue_lower_bound([[1.0, -2.0], [-1.0, 2.0]])),
    ("beta", lambda: mm.heavy_ball(grad, [1.0], 0.1, 1.5, 3)),
    ("beta", lambda: mm.heavy_ball(grad, [1.0], 0.1, -0.1, 3)),
    ("step", lambda: mm.heavy_ball(grad, [1.0], 0.0, 0.5, 3)),
    ("steps", lambda: mm.heavy_ball(grad, [1.0], 0.1, 0.5, 10**7)),
    ("x0", lambda: mm.heavy_ball_on_quadratic(Q, [1.0], 0.1, 0.5, 3)),
    ("q", lambda: mm.heavy_ball_on_quadratic(None, [1.0, 1.0], 0.1, 0.5, 3)),
    ("curvature", lambda: mm.recurrence_matrix(0.1, 0.5, 0.0)),
    ("beta", lambda: mm.spectral_radius(0.1, NAN, 1.0)),
    ("step", lambda: mm.is_stable(-0.1, 0.5, 1.0)),
    ("beta", lambda: mm.is_stable(0.1, -0.5, 1.0)),
    ("eigenvalues", lambda: mm.momentum_rate([1.0, 0.0], 0.1, 0.5)),
    ("eigenvalues", lambda: mm.optimal_momentum([])),
    ("curvature", lambda: mm.critical_beta(0.1, -1.0)),
    ("steps_grid", lambda: mm.rate_map([1.0], [0.1, -0.1], [0.5])),
    ("betas_grid", lambda: mm.rate_map([1.0], [0.1], [0.5, 1.2])),
    ("betas_grid", lambda: mm.rate_map([1.0], [0.1], [])),
]


@pytest.mark.parametrize("name, call", BAD, ids=[f"{i}-{name}" for i, (name, _) in enumerate(BAD)])
def test_bad_input_raises_one_line_message_naming_the_argument(name, call):
    with pytest.raises(ValidationError) as info:
        call()
    message = str(info.value)
    assert message.startswith(f"{name} = "), message
    assert "\n" not in message and ": " in message
    assert len(message) < 400


def test_message_states_value_and_what_is_allowed():
    with pytest.raises(ValidationError, match=re.escape("step = -0.1: must be > 0")):
        v.positive("step", -0.1)
    with pytest.raises(ValidationError, match=re.escape("A = [[1, 2], [0, 1]]: must be symmetric")):
        v.symmetric_matrix("A", [[1, 2], [0, 1]])
    with pytest.raises(ValidationError, match="memory"):
        v.count("steps", 10**7)
    with pytest.raises(ValidationError, match="'bowl', 'sharp', 'flat', 'double_well', 'logcosh'"):
        fn.loss_1d("cubic")


@pytest.mark.parametrize("value, expected", [(3, 3), (3.0, 3), (np.int64(7), 7), (np.float32(2.0), 2), (0, 0)])
def test_non_negative_int_accepts_integral_values(value, expected):
    n = v.non_negative_int("n", value)
    assert n == expected and type(n) is int


@pytest.mark.parametrize("value", [True, np.bool_(False), 2.5, -1, NAN, INF, "3", None, [1]])
def test_non_negative_int_rejects(value):
    with pytest.raises(ValidationError, match="^n = "):
        v.non_negative_int("n", value)


@pytest.mark.parametrize("value, kwargs, ok", [
    (0.0, {}, True), (1.0, {}, True), (0.0, {"lo_open": True}, False), (1.0, {"hi_open": True}, False),
    (0.5, {"lo_open": True, "hi_open": True}, True), (-1e-12, {}, False), (1.0 + 1e-12, {}, False)])
def test_in_range_respects_open_and_closed_ends(value, kwargs, ok):
    if ok:
        assert v.in_range("beta", value, 0.0, 1.0, **kwargs) == value
    else:
        with pytest.raises(ValidationError, match=r"^beta = .*must be in [\[(]0, 1[\])]"):
            v.in_range("beta", value, 0.0, 1.0, **kwargs)


@pytest.mark.parametrize("shape, good, bad", [
    ((2,), (2,), (3,)), ((None, 2), (5, 2), (5, 3)), ((..., 2), (4, 3, 2), (2, 3)), ((..., 2), (2,), ()),
    ((None,), (0,), (1, 1)), ((None, None), (2, 3), (6,))])
def test_finite_array_shape_patterns(shape, good, bad):
    assert v.finite_array("x", np.zeros(good), shape).shape == good
    with pytest.raises(ValidationError, match=r"^x = .*must have shape"):
        v.finite_array("x", np.zeros(bad), shape)


@given(arrays(np.float64, array_shapes(min_dims=1, max_dims=3, max_side=4)), st.data())
def test_any_non_finite_entry_is_rejected(array, data):
    index = data.draw(st.tuples(*[st.integers(0, n - 1) for n in array.shape]))
    array = np.nan_to_num(array)
    array[index] = data.draw(st.sampled_from([NAN, INF, -INF]))
    with pytest.raises(ValidationError, match="^arr = .*finite"):
        v.finite_array("arr", array)
    assert np.isnan(v.float_array("arr", array)[index]) or np.isinf(v.float_array("arr", array)[index])


@given(arrays(np.float64, (3, 3), elements=st.floats(-1e6, 1e6)))
def test_symmetric_matrix_returns_the_symmetric_part_within_relative_tolerance(m):
    s = m + m.T
    tiny = s + 1e-12 * max(1.0, np.abs(s).max()) * np.triu(np.ones((3, 3)), 1)
    out = v.symmetric_matrix("A", tiny)
    np.testing.assert_array_equal(out, out.T)
    np.testing.assert_allclose(out, s, atol=1e-11 * max(1.0, np.abs(s).max()))


def test_helpers_return_clean_values():
    assert v.finite_scalar("c", np.float32(2.5)) == 2.5 and type(v.finite_scalar("c", 3)) is float
    assert v.non_negative("noise", 0) == 0.0
    assert v.count("n", 5, minimum=3) == 5
    np.testing.assert_array_equal(v.counts("t", [0, 2.0, 5]), [0, 2, 5])
    assert v.counts("t", [0, 2.0]).dtype == np.int64
    np.testing.assert_array_equal(v.box("bounds", (-1, 1), 1), [[-1, 1]])
    np.testing.assert_array_equal(v.vector("scales", [1, 2], 2, positive=True), [1.0, 2.0])
    assert v.function("f", len) is len and v.instance("q", Q, qd.Quadratic) is Q
    frozen = v.readonly(np.zeros(2))
    with pytest.raises(ValueError):
        frozen[0] = 1.0


@pytest.mark.parametrize("value", [np.arange(10_000.0), "x" * 500, {"a": list(range(100))}, 1e300, np.float64(-0.1)])
def test_describe_is_short_and_on_one_line(value):
    text = v.describe(value)
    assert len(text) <= 80 and "\n" not in text


def test_describe_scalars_plainly():
    assert v.describe(np.float64(-0.1)) == "-0.1" and v.describe(np.int64(3)) == "3"
    assert v.describe(np.array([[1.0, 2.0], [0.0, 1.0]])) == "[[1., 2.], [0., 1.]]"


@pytest.mark.parametrize("call", [lambda: v.finite_array("x", [1, "a"]), lambda: v.finite_array("x", [[1], [1, 2]]),
                                  lambda: v.finite_array("x", [1 + 2j]), lambda: v.finite_array("x", [True])])
def test_non_real_arrays_are_rejected(call):
    with pytest.raises(ValidationError, match="^x = .*real numbers"):
        call()


def test_validation_error_is_a_value_error():
    with pytest.raises(ValueError):
        mathcore.loss_2d("nope")
