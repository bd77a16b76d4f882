"""Finite differences against closed-form derivatives."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathcore.derivatives import derivative, gradient_fd, hessian_fd, second_derivative

reals = st.floats(-10.0, 10.0)


def symmetric(d):
    return arrays(np.float64, (d, d), elements=st.floats(-5.0, 5.0)).map(lambda m: (m + m.T) / 2)


@given(reals)
def test_derivative_of_sin_is_cos(x):
    assert derivative(np.sin, x) == pytest.approx(np.cos(x), abs=1e-9)


@given(st.floats(-5.0, 5.0))
def test_derivatives_of_exp_are_exp(x):
    assert derivative(np.exp, x) == pytest.approx(np.exp(x), rel=1e-9)
    assert second_derivative(np.exp, x) == pytest.approx(np.exp(x), rel=1e-6)


@given(reals)
def test_second_derivative_of_sin_is_minus_sin(x):
    assert second_derivative(np.sin, x) == pytest.approx(-np.sin(x), abs=1e-6)


@given(reals, st.floats(0.01, 1.0))
def test_central_differences_are_exact_on_low_degree_polynomials(x, h):
    # Truncation error vanishes: central first difference on quadratics, second difference on cubics.
    assert derivative(lambda t: 3 * t**2 - 2 * t + 1, x, h=h) == pytest.approx(6 * x - 2, abs=1e-9)
    assert second_derivative(lambda t: t**3 - t**2, x, h=h) == pytest.approx(6 * x - 2, abs=1e-7)


def test_explicit_step_sets_the_truncation_error():
    # (sin(1 + h) - sin(1 - h)) / 2h = cos(1) sin(h) / h = cos(1) (1 - h^2/6 + ...)
    h = 0.1
    assert derivative(np.sin, 1.0, h=h) == pytest.approx(np.cos(1.0) * np.sin(h) / h, rel=1e-12)
    assert derivative(np.sin, 1.0, h=h) - np.cos(1.0) == pytest.approx(-np.cos(1.0) * h**2 / 6, rel=1e-2)


@pytest.mark.parametrize("x", [1e-8, 1.0, 1e3, 1e6, -1e6])
def test_default_step_scales_with_x(x):
    assert derivative(lambda t: t**2, x) == pytest.approx(2 * x, rel=1e-9)
    assert second_derivative(lambda t: t**3, x) == pytest.approx(6 * x, rel=1e-5, abs=1e-6)


@given(st.integers(1, 4).flatmap(lambda d: st.tuples(
    symmetric(d), arrays(np.float64, (d,), elements=st.floats(-5, 5)), arrays(np.float64, (d,), elements=reals))))
def test_gradient_and_hessian_of_a_quadratic_form(problem):
    A, b, x = problem

    def f(p):
        return 0.5 * p @ A @ p - b @ p

    scale = 1.0 + np.abs(A).max() * (1.0 + np.abs(x).max()) + np.abs(b).max()
    np.testing.assert_allclose(gradient_fd(f, x), A @ x - b, atol=1e-8 * scale)
    H = hessian_fd(f, x)
    np.testing.assert_allclose(H, A, atol=1e-5 * scale)
    np.testing.assert_array_equal(H, H.T)


@given(arrays(np.float64, (3,), elements=st.floats(-3, 3)))
def test_gradient_and_hessian_of_a_non_quadratic(x):
    def f(p):  # derivatives below by hand
        return np.sin(p[0]) * p[1] + np.exp(p[1] * p[2])

    e = np.exp(x[1] * x[2])
    g = [np.cos(x[0]) * x[1], np.sin(x[0]) + x[2] * e, x[1] * e]
    H = [[-np.sin(x[0]) * x[1], np.cos(x[0]), 0.0],
         [np.cos(x[0]), x[2] ** 2 * e, e + x[1] * x[2] * e],
         [0.0, e + x[1] * x[2] * e, x[1] ** 2 * e]]
    scale = 1.0 + e * (1 + np.abs(x).max()) ** 2
    np.testing.assert_allclose(gradient_fd(f, x), g, atol=1e-8 * scale)
    np.testing.assert_allclose(hessian_fd(f, x), H, atol=2e-5 * scale)


def test_explicit_step_in_several_dimensions():
    def f(p):
        return p[0] ** 2 * p[1]

    x = np.array([1.0, 2.0])
    np.testing.assert_allclose(gradient_fd(f, x, h=1e-3), [4.0, 1.0], rtol=1e-6)
    np.testing.assert_allclose(hessian_fd(f, x, h=1e-2), [[4.0, 2.0], [2.0, 0.0]], atol=1e-9)


def test_results_are_plain_floats_and_arrays():
    assert type(derivative(np.sin, 0.5)) is float and type(second_derivative(np.sin, 0.5)) is float
    assert gradient_fd(np.sum, [1.0, 2.0, 3.0]).shape == (3,)
    assert hessian_fd(np.sum, [1.0, 2.0, 3.0]).shape == (3, 3)
