"""Second-order Taylor models: exact to second order at x0, error O(|d|^3) away from it."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathcore.derivatives import derivative, gradient_fd, hessian_fd, second_derivative
from mathcore.functions import LOSSES_1D, LOSSES_2D, loss_1d, loss_2d
from mathcore.quadratic import Quadratic
from mathcore.taylor import TaylorModel, taylor_1d, taylor_2d

NAMES_1D = sorted(LOSSES_1D)
NAMES_2D = sorted(LOSSES_2D)
QUADRATIC = {"bowl", "sharp", "flat"}
unit = st.floats(0.0, 1.0)


def point_2d(loss, u1, u2):
    (a0, a1), (b0, b1) = loss.domain
    return np.array([a0 + u1 * (a1 - a0), b0 + u2 * (b1 - b0)])


@pytest.mark.parametrize("name", NAMES_1D)
@given(u=unit)
def test_1d_model_matches_value_slope_and_curvature_at_x0(name, u):
    loss = loss_1d(name)
    x0 = loss.domain[0] + u * (loss.domain[1] - loss.domain[0])
    m = taylor_1d(loss, x0)
    assert m(x0) == pytest.approx(loss.f(x0), abs=1e-14)
    assert derivative(m, x0) == pytest.approx(loss.df(x0), abs=1e-7)
    assert second_derivative(m, x0) == pytest.approx(loss.d2f(x0), abs=1e-5)


@pytest.mark.parametrize("name", NAMES_2D)
@given(u1=unit, u2=unit)
def test_2d_model_matches_value_gradient_and_hessian_at_x0(name, u1, u2):
    loss = loss_2d(name)
    x0 = point_2d(loss, u1, u2)
    m = taylor_2d(loss, x0)
    assert m(x0) == pytest.approx(loss.f(x0), abs=1e-14)
    np.testing.assert_allclose(gradient_fd(m, x0), loss.grad(x0), atol=1e-7)
    np.testing.assert_allclose(hessian_fd(m, x0), loss.hess(x0), atol=1e-5)


def log_slope(errors, hs):
    return np.polyfit(np.log(hs), np.log(errors), 1)[0]


HS = 0.1 * 2.0 ** -np.arange(5)


@pytest.mark.parametrize("x0", [-1.3, 0.4, 1.7])
@pytest.mark.parametrize("name", NAMES_1D)
def test_1d_model_error_is_third_order(name, x0):
    loss = loss_1d(name)
    m = taylor_1d(loss, x0)
    for sign in (-1.0, 1.0):
        errors = np.abs(loss.f(x0 + sign * HS) - m(x0 + sign * HS))
        if name in QUADRATIC:
            assert errors.max() < 1e-14
        else:
            assert errors.min() > 0 and log_slope(errors, HS) > 2.8
            assert np.all(errors[1:] / errors[:-1] < 0.2)


# Off-axis directions: along the axes "coupled" and "saddle" are exactly quadratic, so their models are exact there.
@pytest.mark.parametrize("direction", [(0.8, -0.6), (0.6, 0.8), (-0.8, 0.6)])
@pytest.mark.parametrize("x0", [(-0.7, 0.5), (0.9, 1.1)])
@pytest.mark.parametrize("name", NAMES_2D)
def test_2d_model_error_is_third_order(name, x0, direction):
    loss = loss_2d(name)
    m = taylor_2d(loss, x0)
    points = np.asarray(x0) + HS[:, None] * np.asarray(direction)
    errors = np.abs(loss.f(points) - m(points))
    if name == "bowl":
        assert errors.max() < 1e-14
    else:
        assert errors.min() > 0 and log_slope(errors, HS) > 2.8
        assert np.all(errors[1:] / errors[:-1] < 0.2)


@pytest.mark.parametrize("name", NAMES_2D)
@given(u1=unit, u2=unit, v1=unit, v2=unit)
def test_as_quadratic_is_the_same_function(name, u1, u2, v1, v2):
    loss = loss_2d(name)
    x0, x = point_2d(loss, u1, u2), point_2d(loss, v1, v2)
    m = taylor_2d(loss, x0)
    q = m.as_quadratic()
    assert isinstance(q, Quadratic)
    assert q.value(x) == pytest.approx(m(x), abs=1e-9)
    np.testing.assert_allclose(q.gradient(x0), loss.grad(x0), atol=1e-12)
    np.testing.assert_allclose(q.hessian(), loss.hess(x0), atol=1e-15)


def test_1d_model_is_vectorised_and_converts_to_a_1d_quadratic():
    m = taylor_1d(loss_1d("double_well"), 0.5)
    xs = np.linspace(-1, 1, 7)
    assert m(xs).shape == (7,) and np.ndim(m(0.2)) == 0
    np.testing.assert_allclose(m(xs), [m(float(x)) for x in xs])
    q = m.as_quadratic()
    assert q.dim == 1
    np.testing.assert_allclose(q.value(xs[:, None]), m(xs), atol=1e-12)


def test_model_at_a_maximum_or_saddle_is_not_convex():
    near_max = taylor_1d(loss_1d("double_well"), 0.15).as_quadratic()
    assert near_max.shape_class() == "negative definite"
    assert taylor_2d(loss_2d("saddle"), (0.0, 0.0)).as_quadratic().shape_class() == "indefinite"
    assert taylor_2d(loss_2d("rosenbrock"), (1.0, 1.0)).as_quadratic().shape_class() == "positive definite"


def test_model_of_a_quadratic_is_exact_everywhere():
    m = taylor_2d(loss_2d("bowl"), (0.5, -1.0))
    grid = np.stack(np.meshgrid(np.linspace(-2, 2, 9), np.linspace(-1.5, 1.5, 7)), axis=-1)
    np.testing.assert_allclose(m(grid), loss_2d("bowl").f(grid), atol=1e-14)
    assert m(grid).shape == (7, 9)


def test_model_fields_are_validated_and_frozen():
    m = TaylorModel([1.0, 2.0], 3, [0, 1], [[2, 1], [1, 2]])
    assert m.x0.dtype == np.float64 and type(m.f0) is float and m.H.shape == (2, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.f0 = 1.0
    with pytest.raises(ValueError):
        m.g[0] = 5.0
