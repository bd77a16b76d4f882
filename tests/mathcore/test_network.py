"""The network's gradient and Hessian-vector products against finite differences, and its shapes and checks."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore import network
from mathcore.errors import ValidationError

SIZES = (3, 4, 4, 2)  # two hidden layers: every term of the R-operator's backward pass is used


def tiny(seed: int = 0) -> tuple[network.Problem, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(7, SIZES[0]))
    problem = network.Problem(SIZES, X, network.one_hot(rng.integers(0, SIZES[-1], 7), SIZES[-1]))
    return problem, network.initial_weights(SIZES, seed) + 0.1 * rng.normal(size=problem.dim)


def fd_gradient(problem, theta, h=1e-6):
    """Central differences of the loss, coordinate by coordinate."""
    return np.array([(problem.loss(theta + h * e) - problem.loss(theta - h * e)) / (2 * h) for e in np.eye(len(theta))])


def fd_hessian(problem, theta, h=1e-5):
    """The Hessian column by column: central differences of the exact gradient."""
    return np.array([(problem.gradient(theta + h * e) - problem.gradient(theta - h * e)) / (2 * h)
                     for e in np.eye(len(theta))]).T


def test_dim_counts_weights_and_biases():
    problem, theta = tiny()
    assert problem.dim == network.weight_count(SIZES) == (3 + 1) * 4 + (4 + 1) * 4 + (4 + 1) * 2 == len(theta)


def test_loss_is_half_the_mean_squared_error():
    problem, theta = tiny()
    r = problem.outputs(theta) - problem.Y
    assert problem.loss(theta) == pytest.approx(0.5 * np.mean(np.sum(r ** 2, axis=1)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_agrees_with_finite_differences(seed):
    problem, theta = tiny(seed)
    np.testing.assert_allclose(problem.gradient(theta), fd_gradient(problem, theta), atol=1e-8)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hessian_vector_product_equals_the_finite_difference_hessian_times_v(seed):
    problem, theta = tiny(seed)
    H = fd_hessian(problem, theta)
    v = np.random.default_rng(seed + 10).normal(size=problem.dim)
    np.testing.assert_allclose(problem.hessian_vector_product(theta, v), H @ v, atol=1e-7)


def test_hessian_built_from_products_is_symmetric():
    problem, theta = tiny()
    H = np.array([problem.hessian_vector_product(theta, e) for e in np.eye(problem.dim)])
    np.testing.assert_allclose(H, H.T, atol=1e-12)


def test_initial_weights_are_reproducible_from_the_seed():
    np.testing.assert_array_equal(network.initial_weights(SIZES, 5), network.initial_weights(SIZES, 5))
    assert not np.array_equal(network.initial_weights(SIZES, 5), network.initial_weights(SIZES, 6))


def test_layer_sizes_and_one_hot():
    assert network.layer_sizes(64, 32, 2, 10) == (64, 32, 32, 10)
    np.testing.assert_array_equal(network.one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])
    with pytest.raises(ValidationError, match="labels = .*must be < classes = 3"):
        network.one_hot([3], 3)


def test_bad_shapes_are_refused():
    problem, theta = tiny()
    with pytest.raises(ValidationError, match=r"theta = .*must have shape \(46,\)"):
        problem.loss(theta[:-1])
    with pytest.raises(ValidationError, match="Y = "):
        network.Problem(SIZES, problem.X, problem.Y[:-1])
