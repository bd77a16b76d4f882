"""Full-batch descent on a network records its loss and sharpness reproducibly."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore import network, spectrum, training
from mathcore.errors import ValidationError

SIZES = (4, 6, 3)


@pytest.fixture(scope="module")
def problem():
    rng = np.random.default_rng(0)
    return network.Problem(SIZES, rng.normal(size=(20, 4)), network.one_hot(rng.integers(0, 3, 20), 3))


def test_records_every_loss_and_the_sharpness_at_its_checks(problem):
    theta0 = network.initial_weights(SIZES, 1)
    run = training.full_batch_descent(problem, theta0, 0.1, 25, 10, 12, seed=1)
    assert run.losses.shape == (26,)
    np.testing.assert_array_equal(run.sharpness_steps, [0, 10, 20, 25])
    assert run.losses[0] == pytest.approx(problem.loss(theta0))
    # theta_t by hand, and its sharpness against numpy's eigenvalues of the Hessian built from products
    theta = theta0.copy()
    for _ in range(25):
        theta = theta - 0.1 * problem.gradient(theta)
    np.testing.assert_allclose(run.weights, theta, atol=1e-12)
    assert run.losses[-1] == pytest.approx(problem.loss(theta))
    H = np.array([problem.hessian_vector_product(theta, e) for e in np.eye(problem.dim)])
    assert run.sharpness[-1] == pytest.approx(np.linalg.eigvalsh((H + H.T) / 2)[-1], rel=1e-6)
    assert run.edge == pytest.approx(20.0)


def test_the_same_seed_gives_the_same_run(problem):
    theta0 = network.initial_weights(SIZES, 2)
    a = training.full_batch_descent(problem, theta0, 0.2, 30, 10, 10, seed=3)
    b = training.full_batch_descent(problem, theta0, 0.2, 30, 10, 10, seed=3)
    np.testing.assert_array_equal(a.losses, b.losses)
    np.testing.assert_array_equal(a.sharpness, b.sharpness)


def test_a_diverging_run_keeps_its_length_and_records_nan_after_it_overflows(problem):
    run = training.full_batch_descent(problem, network.initial_weights(SIZES, 2), 1e6, 40, 10, 5, seed=0)
    assert run.losses.shape == (41,) and not np.all(np.isfinite(run.losses))


def test_late_sharpness_and_rises():
    run = training.Run(0.5, np.array([3.0, 2.0, 2.5, 1.0, 1.5]), np.array([0, 3, 6, 9]), np.array([1.0, 2.0, 3.0, 4.0]),
                       np.zeros(1))
    np.testing.assert_array_equal(training.late_sharpness(run, 1 / 3), [3.0, 4.0])
    np.testing.assert_array_equal(training.rises(run.losses), [1, 3])
    assert training.edge_of_stability(0.25) == 8.0


def test_bad_arguments(problem):
    theta0 = network.initial_weights(SIZES, 0)
    with pytest.raises(ValidationError, match="step = -0.1: must be > 0"):
        training.full_batch_descent(problem, theta0, -0.1, 5, 1, 3, 0)
    with pytest.raises(ValidationError, match="every = 0: must be >= 1"):
        training.full_batch_descent(problem, theta0, 0.1, 5, 0, 3, 0)
