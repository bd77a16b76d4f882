"""Lanczos and stochastic Lanczos quadrature against numpy's eigenvalues of the full Hessian of a tiny network."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore import network, spectrum
from mathcore.errors import ValidationError


@pytest.fixture(scope="module")
def tiny():
    """A tiny network's Hessian, by products with the unit vectors, and its product function."""
    rng = np.random.default_rng(3)
    sizes = (4, 5, 5, 3)
    problem = network.Problem(sizes, rng.normal(size=(9, 4)), network.one_hot(rng.integers(0, 3, 9), 3))
    theta = network.initial_weights(sizes, 3)

    def matvec(v):
        return problem.hessian_vector_product(theta, v)

    H = np.array([matvec(e) for e in np.eye(problem.dim)])
    return matvec, (H + H.T) / 2


def test_lanczos_top_eigenvalues_equal_numpys(tiny):
    matvec, H = tiny
    exact = np.linalg.eigvalsh(H)[::-1]
    np.testing.assert_allclose(spectrum.top_eigenvalues(matvec, len(H), 3, 30, seed=0), exact[:3], rtol=1e-8)
    assert spectrum.sharpness(matvec, len(H), 30, seed=1) == pytest.approx(exact[0], rel=1e-8)


def test_a_full_lanczos_run_finds_every_eigenvalue(tiny):
    matvec, H = tiny
    alpha, beta = spectrum.lanczos(matvec, spectrum.random_unit_vector(len(H), 0), len(H))
    np.testing.assert_allclose(np.linalg.eigvalsh(spectrum.tridiagonal(alpha, beta)), np.linalg.eigvalsh(H), atol=1e-8)


def test_lanczos_stops_when_the_krylov_space_is_exhausted():
    alpha, beta = spectrum.lanczos(lambda v: np.diag([1.0, 2.0, 3.0, 4.0]) @ v, [1.0, 1.0, 0.0, 0.0], 4)
    np.testing.assert_allclose(np.sort(np.linalg.eigvalsh(spectrum.tridiagonal(alpha, beta))), [1.0, 2.0])


def test_density_integrates_to_one_and_its_mean_is_the_trace_over_n(tiny):
    matvec, H = tiny
    n = len(H)
    d = spectrum.spectral_density(matvec, n, 20, starts=40, seed=0)
    exact = np.linalg.eigvalsh(H)
    grid = np.linspace(exact[0] - 1, exact[-1] + 1, 4001)
    phi = d.density(grid, width=0.05)
    dt = grid[1] - grid[0]
    assert np.sum(phi) * dt == pytest.approx(1.0, abs=1e-6)
    assert np.sum(grid * phi) * dt == pytest.approx(d.mean, abs=1e-6)
    np.testing.assert_allclose(d.weights.sum(axis=1), 1.0, atol=1e-12)
    # each start's mean is its Rayleigh quotient v^T H v; averaged, Hutchinson's estimate of trace(H)/n
    spread = np.std(exact) * np.sqrt(2.0 / (n + 2) / 40)  # its standard error for unit vectors uniform on the sphere
    assert d.mean == pytest.approx(np.trace(H) / n, abs=4 * spread)


def test_density_with_every_step_places_nodes_on_the_eigenvalues(tiny):
    matvec, H = tiny
    d = spectrum.spectral_density(matvec, len(H), len(H), starts=1, seed=2)
    exact = np.linalg.eigvalsh(H)
    assert np.max(np.min(np.abs(d.nodes[0][:, None] - exact[None, :]), axis=1)) < 1e-7


def test_bad_arguments():
    with pytest.raises(ValidationError, match="start = .*must not be zero"):
        spectrum.lanczos(lambda v: v, [0.0, 0.0], 2)
    with pytest.raises(ValidationError, match="iterations = 3: must be <= 2"):
        spectrum.lanczos(lambda v: v, [1.0, 0.0], 3)


def test_quantile_and_outliers():
    d = spectrum.SpectralDensity(np.array([[0.0, 1.0, 5.0], [0.5, 2.0, 6.0]]), np.array([[0.5, 0.3, 0.2], [0.6, 0.3, 0.1]]))
    assert d.quantile(0.5) == 0.5  # 0.25 + 0.3 at or below 0.5
    assert d.quantile(0.85) == 2.0
    assert d.quantile(1.0) == 6.0
    assert d.mean == pytest.approx((0.3 + 1.0 + 0.3 + 0.6 + 0.6) / 2)
    assert spectrum.outliers([10.0, 5.0, 1.1, 0.9, -3.0], 0.1) == 3
