"""Gradient descent: iteration against closed forms, rates against norms, grid searches and simulation."""

import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mathcore.descent import (
    REGIMES,
    best_rate,
    best_step,
    closed_form,
    convergence_rate,
    descent_on_quadratic,
    direction_factors,
    eigen_coordinates,
    first_exit,
    gradient_descent,
    iterations_to_tolerance,
    predicted_iterations,
    stable_step_bound,
    step_regime,
)
from mathcore.functions import loss_1d
from mathcore.quadratic import Quadratic, from_eigen

curvatures = st.floats(0.1, 10.0)
pairs = st.tuples(curvatures, curvatures)
angles = st.floats(-np.pi, np.pi)
points = st.tuples(st.floats(-3.0, 3.0), st.floats(-3.0, 3.0))


def error_norms(q, xs):
    return np.linalg.norm(xs - q.minimiser(), axis=-1)


@given(pairs, angles, points, points, st.floats(0.01, 1.2))
def test_iteration_matches_closed_form(values, angle, x_star, x0, fraction):
    q = from_eigen(values, angle, x_star)
    step = fraction * 2 / max(values)
    xs = descent_on_quadratic(q, x0, step, 25)
    assert xs.shape == (26, 2)
    scale = 1.0 + np.abs(xs).max()
    np.testing.assert_allclose(xs, closed_form(q, x0, step, np.arange(26)), atol=1e-10 * scale)
    np.testing.assert_allclose(xs[7], closed_form(q, x0, step, 7), atol=1e-10 * scale)
    np.testing.assert_allclose(closed_form(q, x0, step, 0), x0, atol=1e-12 * scale)


@given(pairs, angles, points, points, st.floats(0.01, 0.99))
def test_each_eigen_component_shrinks_by_its_own_factor(values, angle, x_star, x0, fraction):
    q = from_eigen(values, angle, x_star)
    step = fraction * 2 / max(values)
    cs = eigen_coordinates(q, descent_on_quadratic(q, x0, step, 30))
    factors = 1 - step * np.sort(values)
    np.testing.assert_allclose(cs, cs[0] * factors ** np.arange(31)[:, None], atol=1e-10)
    np.testing.assert_allclose(x_star + cs[5] @ q.eigen().vectors.T, descent_on_quadratic(q, x0, step, 5)[5],
                               atol=1e-10)


@given(st.integers(1, 4).flatmap(lambda d: st.lists(st.floats(-10, 10), min_size=d, max_size=d)),
       st.floats(0.01, 2.0))
def test_direction_factors_are_the_eigenvalues_of_the_iteration_matrix(values, step):
    A = np.diag(values)
    np.testing.assert_allclose(np.sort(direction_factors(values, step)),
                               np.linalg.eigvalsh(np.eye(len(values)) - step * A), atol=1e-12)
    assert convergence_rate(values, step) == pytest.approx(np.linalg.norm(np.eye(len(values)) - step * A, 2))


@given(pairs, angles, st.floats(0.01, 2.0))
def test_convergence_rate_is_the_spectral_norm_of_I_minus_aA(values, angle, step):
    q = from_eigen(values, angle)
    assert convergence_rate(values, step) == pytest.approx(np.linalg.norm(np.eye(2) - step * q.A, 2), rel=1e-10)


PRODUCTS = {0.5: "creeping", 1.0: "one step", 1.5: "oscillating", 2.0: "bouncing", 2.5: "diverging"}


@pytest.mark.parametrize("product", sorted(PRODUCTS))
@pytest.mark.parametrize("curvature", [0.5, 2.0, 7.0])
def test_step_regime_table_agrees_with_simulation(product, curvature):
    step = product / curvature
    regime = step_regime(step, curvature)
    assert regime == PRODUCTS[product] and regime in REGIMES
    xs = gradient_descent(lambda x: curvature * x, 1.0, step, 12)
    assert xs.shape == (13,)
    if regime == "creeping":
        assert np.all(xs > 0) and np.all(np.diff(xs) < 0)
    elif regime == "one step":
        assert abs(xs[1]) < 1e-12 and np.all(np.abs(xs[1:]) < 1e-12)
    elif regime == "oscillating":
        assert np.all(xs[:-1] * xs[1:] < 0) and np.all(np.diff(np.abs(xs)) < 0)
    elif regime == "bouncing":
        np.testing.assert_allclose(np.abs(xs), 1.0, rtol=1e-12)
        assert np.all(xs[:-1] * xs[1:] < 0)
    else:
        assert np.all(np.diff(np.abs(xs)) > 0)


@given(st.floats(0.01, 3.0), curvatures)
def test_step_regime_classifies_a_times_l(product, curvature):
    expected = ("creeping" if product < 1 - 1e-9 else "one step" if product <= 1 + 1e-9 else "oscillating"
                if product < 2 - 1e-9 else "bouncing" if product <= 2 + 1e-9 else "diverging")
    assert step_regime(product / curvature, curvature, tol=1e-6) in {expected, "one step", "bouncing"}
    assume(min(abs(product - 1), abs(product - 2)) > 1e-6)
    assert step_regime(product / curvature, curvature, tol=1e-6) == expected


@given(pairs, angles, points)
def test_stable_step_bound_just_inside_converges_and_just_outside_diverges(values, angle, x_star):
    q = from_eigen(values, angle, x_star)
    bound = stable_step_bound(values)
    assert bound == pytest.approx(2 / max(values))
    vectors = q.eigen().vectors
    x0 = np.asarray(x_star) + vectors[:, 0] + vectors[:, 1]
    inside = error_norms(q, descent_on_quadratic(q, x0, 0.98 * bound, 1000))
    outside = error_norms(q, descent_on_quadratic(q, x0, 1.02 * bound, 1000))
    assert inside[-1] < 1e-3 * inside[0]
    assert outside[-1] > 1e3 * outside[0]
    assert convergence_rate(values, 0.98 * bound) < 1 < convergence_rate(values, 1.02 * bound)


@given(st.lists(curvatures, min_size=1, max_size=5))
def test_best_step_and_rate_beat_a_grid_search(values):
    grid = np.linspace(1e-4, stable_step_bound(values), 801)
    rates = np.array([convergence_rate(values, a) for a in grid])
    assert best_rate(values) <= rates.min() + 1e-12
    assert abs(grid[np.argmin(rates)] - best_step(values)) <= 2 * (grid[1] - grid[0])
    assert convergence_rate(values, best_step(values)) == pytest.approx(best_rate(values), abs=1e-12)
    k = max(values) / min(values)
    assert best_rate(values) == pytest.approx((k - 1) / (k + 1), abs=1e-12)


@given(pairs, angles, points, points)
def test_best_step_shrinks_every_error_by_exactly_the_best_rate_in_2d(values, angle, x_star, x0):
    q = from_eigen(values, angle, x_star)
    assume(np.linalg.norm(np.subtract(x0, x_star)) > 1e-3 and best_rate(values) > 1e-2)
    norms = error_norms(q, descent_on_quadratic(q, x0, best_step(values), 10))
    above_rounding = norms[1:] > 1e-7 * norms[0]
    assert above_rounding[0]
    np.testing.assert_allclose((norms[1:] / norms[:-1])[above_rounding], best_rate(values), rtol=1e-6)


def near_integer(x):
    return abs(x - round(x)) < 1e-6


@given(st.floats(0.1, 1.0), st.floats(1.0, 30.0), angles, points, points, st.floats(1e-6, 0.5))
def test_iterations_to_tolerance_matches_predicted_for_the_best_step_in_2d(lmin, k, angle, x_star, x0, tol):
    values = [lmin, lmin * k]
    q = from_eigen(values, angle, x_star)
    assume(np.linalg.norm(np.subtract(x0, x_star)) > 1e-3)
    rate = best_rate(values)
    assume(rate > 1e-3 and not near_integer(np.log(tol) / np.log(rate)))
    simulated = iterations_to_tolerance(q, x0, best_step(values), tol)
    assert simulated == predicted_iterations(rate, tol)


@given(st.lists(curvatures, min_size=3, max_size=3), st.lists(st.floats(0.5, 3.0), min_size=3, max_size=3),
       st.lists(st.booleans(), min_size=3, max_size=3), st.floats(1e-6, 0.5), st.floats(0.5, 1.0))
def test_simulated_count_never_exceeds_the_prediction_and_is_close(values, sizes, signs, tol, fraction):
    q = Quadratic(np.diag(values), np.zeros(3))
    x0 = np.where(signs, -1.0, 1.0) * sizes
    step = fraction * best_step(values)
    rate = convergence_rate(values, step)
    assume(rate > 1e-3 and not near_integer(np.log(tol) / np.log(rate)))
    simulated = iterations_to_tolerance(q, x0, step, tol)
    predicted = predicted_iterations(rate, tol)
    assert simulated <= predicted
    # The worst direction holds a share >= 0.5 / |x0| >= 0.5 / (3 sqrt 3) of the error, so at most
    # log(6 sqrt 3) / -log(rate) steps separate the simulated count from the prediction.
    assert simulated >= predicted - np.ceil(np.log(6 * np.sqrt(3)) / -np.log(rate)) - 1


def test_iterations_to_tolerance_edge_cases():
    q = from_eigen([1.0, 4.0], 0.2, (1.0, 1.0))
    assert iterations_to_tolerance(q, (1.0, 1.0), 0.1, 1e-3) == 0
    assert iterations_to_tolerance(q, (2.0, 0.0), 0.6, 1e-3) is None
    assert iterations_to_tolerance(q, (2.0, 0.0), 0.001, 1e-3, max_steps=50) is None
    assert iterations_to_tolerance(q, (2.0, 0.0), 0.5, 1e-3, max_steps=10) is None
    assert iterations_to_tolerance(q, (2.0, 0.0), 0.25, 1e-3, max_steps=10_000) is not None


@pytest.mark.parametrize("rate, tol, expected", [
    (0.5, 0.125, 3), (0.5, 0.1, 4), (0.9, 0.9, 1), (0.1, 1e-6, 6), (0.0, 1e-9, 1), (0.99, 0.01, 459)])
def test_predicted_iterations_table(rate, tol, expected):
    assert predicted_iterations(rate, tol) == expected


@given(st.floats(1e-3, 0.999), st.floats(1e-12, 0.999))
def test_predicted_iterations_is_the_first_power_below_tol(rate, tol):
    n = predicted_iterations(rate, tol)
    assert rate**n <= tol * (1 + 1e-8)
    assert n == 1 or rate ** (n - 1) > tol * (1 - 1e-8)


@pytest.mark.parametrize("xs, bounds, expected", [
    ([0.0, 1.0, 2.0, 5.0], (-3, 3), 3),
    ([0.0, 1.0, 2.0], (-3, 3), None),
    ([0.0, -3.0, 3.0], ((-3, 3),), None),
    ([0.0, 1.0, np.nan, 0.0], (-3, 3), 2),
    ([0.0, np.inf], (-3, 3), 1),
    ([5.0], (-3, 3), 0),
    ([[0.0, 0.0], [1.0, 2.9], [1.0, 3.1]], ((-3, 3), (-3, 3)), 2),
    ([[0.0, 0.0], [-2.0, 0.5]], ((-1, 1), (-3, 3)), 1),
    ([[0.0, 0.0], [0.0, -np.inf]], ((-1, 1), (-3, 3)), 1),
    (np.zeros((0, 2)), ((-1, 1), (-3, 3)), None),
])
def test_first_exit_table(xs, bounds, expected):
    assert first_exit(xs, bounds) == expected


@given(st.lists(st.tuples(st.floats(-5, 5), st.floats(-5, 5)), max_size=20), st.floats(0.5, 4), st.floats(0.5, 4))
def test_first_exit_matches_a_plain_loop(rows, w, h):
    bounds = ((-w, w), (-h, h))
    expected = next((t for t, (a, b) in enumerate(rows) if not (-w <= a <= w and -h <= b <= h)), None)
    assert first_exit(np.array(rows).reshape(-1, 2), bounds) == expected


def test_diverging_run_keeps_inf_and_nan_without_warnings():
    q = from_eigen([1.0, 10.0], 0.3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        xs = descent_on_quadratic(q, (1.0, 1.0), 0.5, 2000)
        cs = eigen_coordinates(q, xs)
        far = closed_form(q, (1.0, 1.0), 0.5, [0, 2000])
    assert xs.shape == (2001, 2) and not np.all(np.isfinite(xs))
    assert not np.all(np.isfinite(cs)) and not np.all(np.isfinite(far[1]))
    exit_index = first_exit(xs, ((-10, 10), (-10, 10)))
    assert 0 < exit_index < 20
    assert np.all(np.abs(xs[:exit_index]) <= 10)


@pytest.mark.parametrize("name", ["bowl", "sharp", "flat"])
def test_gradient_descent_on_parabolas_follows_the_factor(name):
    loss = loss_1d(name)
    k = float(loss.d2f(0.0))
    xs = gradient_descent(loss.df, 2.0, 0.4, 15)
    np.testing.assert_allclose(xs, 2.0 * (1 - 0.4 * k) ** np.arange(16), rtol=1e-12)


def test_gradient_descent_shapes_and_zero_steps():
    assert gradient_descent(lambda x: x, [1.0, 2.0], 0.1, 0).tolist() == [[1.0, 2.0]]
    assert gradient_descent(lambda x: x, 1.0, 0.1, 3).shape == (4,)
    xs = gradient_descent(lambda x: [2 * x[0], 2 * x[1]], [1.0, 2.0], 0.25, 3)
    np.testing.assert_allclose(xs, [[1, 2], [0.5, 1], [0.25, 0.5], [0.125, 0.25]])


def test_gradient_descent_on_a_non_quadratic_loss_reaches_its_minimum():
    xs = gradient_descent(loss_1d("logcosh").df, 2.0, 1.0, 200)
    assert abs(xs[-1]) < 1e-12
