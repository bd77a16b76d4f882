"""Heavy-ball momentum: per-direction recurrences, spectral radii, Polyak's tuning against a grid search."""

import dataclasses
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mathcore.descent import best_rate, descent_on_quadratic, eigen_coordinates, gradient_descent
from mathcore.momentum import (
    MomentumSetting,
    critical_beta,
    heavy_ball,
    heavy_ball_on_quadratic,
    is_stable,
    momentum_rate,
    optimal_momentum,
    rate_map,
    recurrence_matrix,
    spectral_radius,
)
from mathcore.quadratic import from_eigen

curvatures = st.floats(0.1, 10.0)
pairs = st.tuples(curvatures, curvatures)
angles = st.floats(-np.pi, np.pi)
points = st.tuples(st.floats(-3.0, 3.0), st.floats(-3.0, 3.0))
betas = st.floats(0.0, 0.99)


def eigvals_radius(step, beta, curvature):
    return np.abs(np.linalg.eigvals(recurrence_matrix(step, beta, curvature))).max()


@given(pairs, angles, points, points, st.floats(0.01, 1.0), betas)
def test_heavy_ball_on_a_quadratic_is_the_per_direction_2x2_recurrence(values, angle, x_star, x0, fraction, beta):
    q = from_eigen(values, angle, x_star)
    step = fraction * 2 / max(values)
    xs = heavy_ball_on_quadratic(q, x0, step, beta, 30)
    assert xs.shape == (31, 2)
    cs = eigen_coordinates(q, xs)
    for i, l in enumerate(q.eigen().values):
        M = recurrence_matrix(step, beta, l)
        state = np.array([cs[0, i], cs[0, i]])  # (e_0, e_{-1}) with x_{-1} = x_0
        expected = [state[0]]
        for _ in range(30):
            state = M @ state
            expected.append(state[0])
        np.testing.assert_allclose(cs[:, i], expected, atol=1e-9 * (1 + np.abs(expected).max()))


@given(pairs, angles, points, st.floats(0.01, 1.0))
def test_zero_momentum_is_gradient_descent(values, angle, x0, fraction):
    q = from_eigen(values, angle)
    step = fraction * 2 / max(values)
    np.testing.assert_array_equal(heavy_ball_on_quadratic(q, x0, step, 0.0, 20), descent_on_quadratic(q, x0, step, 20))


def test_recurrence_matrix_entries():
    np.testing.assert_allclose(recurrence_matrix(0.1, 0.5, 4.0), [[1.1, -0.5], [1.0, 0.0]])


@given(st.floats(0.01, 2.0), st.floats(0.0, 1.0), curvatures)
def test_spectral_radius_matches_numpy_eigenvalues(step, beta, curvature):
    expected = eigvals_radius(step, beta, curvature)
    assert spectral_radius(step, beta, curvature) == pytest.approx(expected, rel=1e-6, abs=1e-6)


@given(st.floats(0.01, 2.0), st.floats(0.0, 1.0), curvatures)
def test_is_stable_exactly_when_the_spectral_radius_is_below_one(step, beta, curvature):
    radius = eigvals_radius(step, beta, curvature)
    assume(abs(radius - 1) > 1e-6)
    assert is_stable(step, beta, curvature) == (radius < 1)


@pytest.mark.parametrize("beta", [0.0, 0.3, 0.8])
@pytest.mark.parametrize("curvature", [0.5, 4.0])
def test_stability_bound_just_inside_and_just_outside_by_simulation(beta, curvature):
    edge = (2 + 2 * beta) / curvature
    inside = heavy_ball(lambda x: curvature * x, 1.0, 0.98 * edge, beta, 3000)
    outside = heavy_ball(lambda x: curvature * x, 1.0, 1.02 * edge, beta, 3000)
    assert is_stable(0.98 * edge, beta, curvature) and not is_stable(1.02 * edge, beta, curvature)
    assert abs(inside[-1]) < 1e-3 and abs(outside[-1]) > 1e3


@pytest.mark.parametrize("beta", [1.0, 1.5, 3.0])
def test_beta_of_one_or_more_is_never_stable(beta):
    assert not is_stable(0.1, beta, 1.0)
    roots = np.linalg.eigvals(np.array([[1.0 + beta - 0.1, -beta], [1.0, 0.0]]))  # M for a = 0.1, l = 1
    assert np.abs(roots).max() >= 1.0 - 1e-9


@given(pairs)
def test_optimal_momentum_beats_a_grid_search(values):
    best = optimal_momentum(values)
    coarse = rate_map(values, np.linspace(1e-3, 4.0 / max(values), 301), np.linspace(0.0, 0.999, 301))
    assert coarse.min() >= best.rate - 1e-9
    # Near a double root the radius moves like the square root of a parameter change, hence the loose margin.
    assert coarse.min() <= best.rate + 0.1
    fine = rate_map(values, best.step * np.linspace(0.8, 1.2, 201),
                    np.clip(best.beta + np.linspace(-0.05, 0.05, 201), 0.0, 0.999))
    assert fine.min() >= best.rate - 1e-9
    assert momentum_rate(values, best.step, best.beta) == pytest.approx(best.rate, abs=1e-7)


@given(st.lists(curvatures, min_size=1, max_size=6))
def test_optimal_setting_follows_the_formulas_and_beats_plain_descent(values):
    best = optimal_momentum(values)
    k = max(values) / min(values)
    assert best.rate == pytest.approx((np.sqrt(k) - 1) / (np.sqrt(k) + 1))
    assert best.beta == pytest.approx(best.rate**2)
    assert best.step == pytest.approx((2 / (np.sqrt(max(values)) + np.sqrt(min(values)))) ** 2)
    assert best.rate <= best_rate(values) + 1e-15
    if k > 1.01:
        assert best.rate < best_rate(values)
    # Every direction is damped: complex (or double) roots of modulus sqrt(beta).
    assert momentum_rate(values, best.step, best.beta) == pytest.approx(np.sqrt(best.beta), abs=1e-7)


@given(st.floats(0.1, 1.0), st.floats(1.5, 100.0), angles, points, points)
def test_optimal_momentum_error_follows_the_double_root_law_in_2d(lmin, k, angle, x_star, x0):
    q = from_eigen([lmin, lmin * k], angle, x_star)
    best = optimal_momentum([lmin, lmin * k])
    cs = eigen_coordinates(q, heavy_ball_on_quadratic(q, x0, best.step, best.beta, 40))
    t, r = np.arange(41), best.rate
    # Both directions sit on a double root z (z = r for l_min, z = -r for l_max); with e_{-1} = e_0 the
    # solution is e_t = (1 + (1 - z) t) z^t e_0.
    for i, z in enumerate((r, -r)):
        expected = (1 + (1 - z) * t) * z**t * cs[0, i]
        np.testing.assert_allclose(cs[:, i], expected, rtol=1e-6, atol=1e-9 * (1 + abs(cs[0, i])))
    assert np.all(np.abs(cs) <= (1 + 2 * t[:, None]) * r ** t[:, None] * np.abs(cs[0]) + 1e-9)


@given(st.floats(0.01, 1.0), curvatures)
def test_critical_beta_is_where_the_roots_meet(step, curvature):
    p = step * curvature
    assume(0.05 < p < 3.5)
    b = critical_beta(step, curvature)
    assert b == pytest.approx((1 - np.sqrt(p)) ** 2)
    assume(0.02 < b < 0.95)
    roots = np.linalg.eigvals(recurrence_matrix(step, b, curvature))
    assert abs(roots[0] - roots[1]) < 1e-6
    above = np.linalg.eigvals(recurrence_matrix(step, b + 0.01, curvature))
    assert np.all(np.abs(above.imag) > 0) and np.allclose(np.abs(above), np.sqrt(b + 0.01))
    below = np.linalg.eigvals(recurrence_matrix(step, b - 0.01, curvature))
    assert np.all(below.imag == 0) and abs(below[0] - below[1]) > 1e-3
    assert spectral_radius(step, b - 0.01, curvature) > np.sqrt(b - 0.01)


@given(pairs)
def test_optimal_setting_is_critical_for_both_extreme_curvatures(values):
    best = optimal_momentum(values)
    assert critical_beta(best.step, min(values)) == pytest.approx(best.beta, abs=1e-12)
    assert critical_beta(best.step, max(values)) == pytest.approx(best.beta, abs=1e-12)


def test_rate_map_rows_are_betas_and_columns_are_steps():
    values, steps, betas_grid = [0.5, 3.0], [0.1, 0.2, 0.4], [0.0, 0.5]
    rates = rate_map(values, steps, betas_grid)
    assert rates.shape == (2, 3)
    for j, b in enumerate(betas_grid):
        for i, a in enumerate(steps):
            assert rates[j, i] == pytest.approx(max(eigvals_radius(a, b, lam) for lam in values), abs=1e-7)
            assert rates[j, i] == momentum_rate(values, a, b)


def test_heavy_ball_shapes_and_silent_divergence():
    assert heavy_ball(lambda x: x, 1.0, 0.5, 0.5, 4).shape == (5,)
    xs = heavy_ball(lambda x: x, [1.0, -1.0], 0.5, 0.5, 3)
    np.testing.assert_allclose(xs[:, 0], [1.0, 0.5, 0.0, -0.25])
    np.testing.assert_array_equal(heavy_ball(lambda x: x, [1.0], 0.5, 0.9, 0), [[1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        far = heavy_ball(lambda x: 10.0 * x, 1.0, 1.0, 0.9, 2000)
    assert not np.all(np.isfinite(far))
    np.testing.assert_array_equal(gradient_descent(lambda x: x, 1.0, 0.5, 4), heavy_ball(lambda x: x, 1.0, 0.5, 0.0, 4))


def test_momentum_setting_is_frozen():
    best = optimal_momentum([1.0, 100.0])
    assert isinstance(best, MomentumSetting)
    assert best.rate == pytest.approx(9 / 11) and best.beta == pytest.approx(81 / 121)
    with pytest.raises(dataclasses.FrozenInstanceError):
        best.rate = 0.0
