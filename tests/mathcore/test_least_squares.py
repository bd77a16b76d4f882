"""Least squares: the Hessian S + m m^T, the bound on l_max, and what centring and scaling do."""

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathcore import least_squares
from mathcore.descent import best_step, iterations_to_tolerance
from mathcore.errors import ValidationError
from mathcore.least_squares import (
    largest_eigenvalue_lower_bound,
    least_squares_quadratic,
    make_inputs,
    make_targets,
    mean_and_covariance,
    standardise,
)

means = st.tuples(st.floats(-10.0, 10.0), st.floats(-10.0, 10.0))
scales = st.tuples(st.floats(0.2, 3.0), st.floats(0.2, 3.0))
seeds = st.integers(0, 2**32 - 1)
correlations = st.floats(-0.9, 0.9)
sizes = st.integers(5, 200)


@st.composite
def datasets(draw, mean=means):
    return make_inputs(draw(sizes), draw(mean), draw(scales), draw(seeds), draw(correlations))


@st.composite
def large_means(draw):
    radius, angle = draw(st.floats(5.0, 20.0)), draw(st.floats(-np.pi, np.pi))
    return radius * np.cos(angle), radius * np.sin(angle)


def test_inputs_are_seeded_and_have_the_requested_statistics():
    X = make_inputs(40_000, (3.0, -2.0), (0.5, 2.0), seed=7, correlation=0.6)
    np.testing.assert_array_equal(X, make_inputs(40_000, (3.0, -2.0), (0.5, 2.0), seed=7, correlation=0.6))
    assert not np.array_equal(X, make_inputs(40_000, (3.0, -2.0), (0.5, 2.0), seed=8, correlation=0.6))
    assert X.shape == (40_000, 2)
    assert np.all(np.abs(X.mean(axis=0) - [3.0, -2.0]) <= 5 * np.array([0.5, 2.0]) / np.sqrt(40_000))
    np.testing.assert_allclose(X.std(axis=0), [0.5, 2.0], rtol=0.03)
    assert np.corrcoef(X.T)[0, 1] == pytest.approx(0.6, abs=0.02)


def test_targets_are_linear_plus_seeded_noise():
    X = make_inputs(5_000, (1.0, 1.0), (1.0, 1.0), seed=1)
    np.testing.assert_allclose(make_targets(X, (2.0, -1.0), 0.0, seed=3), X @ [2.0, -1.0], rtol=1e-15)
    y = make_targets(X, (2.0, -1.0), 0.5, seed=3)
    np.testing.assert_array_equal(y, make_targets(X, (2.0, -1.0), 0.5, seed=3))
    assert np.std(y - X @ [2.0, -1.0]) == pytest.approx(0.5, rel=0.05)


@given(datasets(), st.tuples(st.floats(-3, 3), st.floats(-3, 3)), st.floats(0.0, 1.0), seeds,
       st.tuples(st.floats(-5, 5), st.floats(-5, 5)))
def test_quadratic_is_the_mean_squared_error(X, weights, noise, seed, w):
    y = make_targets(X, weights, noise, seed)
    q = least_squares_quadratic(X, y)
    n = len(y)
    direct = np.sum((X @ w - y) ** 2) / (2 * n)
    assert q.value(w) == pytest.approx(direct, rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(q.gradient(w), X.T @ (X @ w - y) / n, atol=1e-9 * (1 + np.abs(X).max() ** 2 * 10))
    np.testing.assert_allclose(q.hessian(), X.T @ X / n, rtol=1e-12)


@given(datasets(), st.tuples(st.floats(-3, 3), st.floats(-3, 3)), seeds)
def test_minimiser_is_the_lstsq_solution(X, weights, seed):
    y = make_targets(X, weights, 0.3, seed)
    expected = np.linalg.lstsq(X, y, rcond=None)[0]
    q = least_squares_quadratic(X, y)
    assume(q.condition_number() < 1e6)
    np.testing.assert_allclose(q.minimiser(), expected, atol=1e-6 * (1 + np.abs(expected).max()))
    noiseless = least_squares_quadratic(X, make_targets(X, weights, 0.0, seed))
    np.testing.assert_allclose(noiseless.minimiser(), weights, atol=1e-6 * (1 + np.abs(weights).max()))


@given(datasets())
def test_hessian_is_covariance_plus_mean_outer_product(X):
    m, S = mean_and_covariance(X)
    np.testing.assert_allclose(m, np.mean(X, axis=0), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(S, np.cov(X.T, bias=True), atol=1e-10 * (1 + np.abs(X).max() ** 2))
    H = least_squares_quadratic(X, np.zeros(len(X))).hessian()
    np.testing.assert_allclose(H, S + np.outer(m, m), atol=1e-10 * (1 + np.abs(X).max() ** 2))


@given(datasets())
def test_lower_bound_on_the_largest_eigenvalue_holds(X):
    m, S = mean_and_covariance(X)
    assume(m @ m > 1e-6)
    bound = largest_eigenvalue_lower_bound(X)
    l_max = np.linalg.eigvalsh(X.T @ X / len(X)).max()
    assert m @ m <= bound * (1 + 1e-12) and bound <= l_max * (1 + 1e-10)


@given(datasets(large_means()))
def test_centring_lowers_the_largest_eigenvalue_and_the_condition_number(X):
    m, S = mean_and_covariance(X)
    raw = least_squares_quadratic(X, np.zeros(len(X)))
    centred = least_squares_quadratic(X - m, np.zeros(len(X)))
    l_S = np.linalg.eigvalsh(S)
    assert centred.eigen().values[-1] <= raw.eigen().values[-1] + 1e-9
    np.testing.assert_allclose(centred.hessian(), S, atol=1e-9)
    # Interlacing gives l_min(H) <= l_max(S) and l_max(H) >= |m|^2, so k(H) >= |m|^2 / l_max(S) > k(S) when:
    assume(m @ m > l_S[1] ** 2 / l_S[0])
    assert centred.condition_number() < raw.condition_number()


@given(datasets())
def test_standardised_inputs_have_zero_mean_unit_variance_and_a_correlation_hessian(X):
    Z = standardise(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12)
    q = least_squares_quadratic(Z, np.zeros(len(Z)))
    r = np.corrcoef(X.T)[0, 1]
    np.testing.assert_allclose(q.hessian(), [[1.0, r], [r, 1.0]], atol=1e-12)
    assume(abs(r) < 0.99)
    assert q.condition_number() == pytest.approx((1 + abs(r)) / (1 - abs(r)), rel=1e-9)


@pytest.mark.parametrize("mean", [(8.0, 5.0), (-10.0, 3.0), (0.0, 12.0)])
def test_descent_needs_fewer_steps_after_standardising(mean):
    X = make_inputs(200, mean, (1.0, 2.0), seed=4, correlation=0.2)
    y = make_targets(X, (1.5, -0.5), 0.1, seed=5)
    steps = []
    for inputs in (X, standardise(X)):
        q = least_squares_quadratic(inputs, y)
        steps.append(iterations_to_tolerance(q, (0.0, 0.0), best_step(q.eigen().values), 1e-4))
    assert steps[1] * 10 < steps[0]
    assert largest_eigenvalue_lower_bound(X) >= np.dot(mean, mean) * 0.8


def test_constant_column_cannot_be_standardised_but_a_large_offset_can():
    X = make_inputs(50, (1e6, 0.0), (1.0, 1.0), seed=0)
    np.testing.assert_allclose(standardise(X).std(axis=0), 1.0)
    with pytest.raises(ValidationError, match=r"^X\[:, 0\] = .*constant"):
        standardise(np.column_stack([np.full(50, 0.1), X[:, 1]]))


@given(arrays(np.float64, (40, 3), elements=st.floats(-5.0, 5.0)), st.tuples(*[st.floats(0.1, 10.0)] * 3))
def test_standardised_hessian_is_the_correlation_matrix_and_ignores_input_scales(X, scales):
    Xc = X - X.mean(axis=0)
    assume(np.all(Xc.std(axis=0) > 1e-3))
    H = Xc.T @ Xc / len(X)
    R = least_squares.standardised_hessian(H)
    np.testing.assert_allclose(R, np.corrcoef(Xc, rowvar=False), atol=1e-9)
    np.testing.assert_allclose(np.diag(R), 1.0, atol=1e-12)
    D = np.diag(scales)  # scaling each input scales H by D H D and leaves its standardised form alone
    np.testing.assert_allclose(least_squares.standardised_hessian(D @ H @ D), R, atol=1e-9)


def test_standardised_hessian_needs_a_positive_diagonal():
    with pytest.raises(ValidationError, match="positive diagonal"):
        least_squares.standardised_hessian(np.array([[1.0, 0.0], [0.0, 0.0]]))
