"""Least squares L(w) = 1/(2n) ||X w - y||^2 as a quadratic, and why the mean of the inputs matters.

The Hessian is H = X^T X / n = S + m m^T (m: column means, S: biased covariance). With u = m / |m|,
l_max(H) >= u^T H u = |m|^2 + m^T S m / |m|^2, so a large mean makes l_max large; centring removes m m^T.
"""

import numpy as np

from mathcore import validation
from mathcore.quadratic import Quadratic


def _inputs(X) -> np.ndarray:
    X = validation.finite_array("X", X, shape=(None, None))
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise validation.invalid("X", X, "must have at least one row and one column")
    return X


def make_inputs(n, mean, scales, seed, correlation=0.0) -> np.ndarray:
    """X (n, 2) with rows mean + scales * (z_1, rho z_1 + sqrt(1 - rho^2) z_2), z ~ N(0, I) drawn from
    numpy.random.default_rng(seed): column means ``mean``, standard deviations ``scales``, correlation rho."""
    n = validation.count("n", n, minimum=1)
    mean = validation.vector("mean", mean, 2)
    scales = validation.vector("scales", scales, 2, positive=True)
    seed = validation.non_negative_int("seed", seed)
    rho = validation.in_range("correlation", correlation, -1.0, 1.0, lo_open=True, hi_open=True)
    z = np.random.default_rng(seed).standard_normal((n, 2))
    z[:, 1] = rho * z[:, 0] + np.sqrt(1.0 - rho**2) * z[:, 1]
    return mean + scales * z


def make_targets(X, weights, noise, seed) -> np.ndarray:
    """y = X w + noise * e, e ~ N(0, I) drawn from numpy.random.default_rng(seed)."""
    X = _inputs(X)
    weights = validation.vector("weights", weights, X.shape[1])
    noise = validation.non_negative("noise", noise)
    seed = validation.non_negative_int("seed", seed)
    return X @ weights + noise * np.random.default_rng(seed).standard_normal(X.shape[0])


def least_squares_quadratic(X, y) -> Quadratic:
    """L(w) = 1/(2n) ||X w - y||^2 = 1/2 w^T A w - b^T w + c with A = X^T X / n, b = X^T y / n,
    c = y^T y / (2n)."""
    X = _inputs(X)
    n = X.shape[0]
    y = validation.finite_array("y", y, shape=(n,))
    return Quadratic(X.T @ X / n, X.T @ y / n, y @ y / (2.0 * n))


def standardise(X) -> np.ndarray:
    """(X - mean) / std column by column (biased std); a constant column cannot be scaled: ValidationError."""
    X = _inputs(X)
    mean, std = X.mean(axis=0), X.std(axis=0)
    scale = np.maximum(1.0, np.max(np.abs(X), axis=0))
    constant = np.flatnonzero(std <= 1e-12 * scale)
    if constant.size:
        j = constant[0]
        raise validation.invalid(f"X[:, {j}]", X[:, j], "column must not be constant (its std is 0)")
    return (X - mean) / std


def mean_and_covariance(X) -> tuple[np.ndarray, np.ndarray]:
    """m = X^T 1 / n and S = (X - m)^T (X - m) / n, so that X^T X / n = S + m m^T."""
    X = _inputs(X)
    m = X.mean(axis=0)
    centred = X - m
    return m, centred.T @ centred / X.shape[0]


def largest_eigenvalue_lower_bound(X) -> float:
    """|m|^2 + m^T S m / |m|^2 = u^T H u for u = m / |m|, a lower bound on l_max(X^T X / n); needs m != 0."""
    m, S = mean_and_covariance(X)
    m2 = float(m @ m)
    if m2 == 0.0:
        raise validation.invalid("X", X, "must have non-zero column means m (the bound divides by |m|^2)")
    return m2 + float(m @ S @ m) / m2


def standardised_hessian(H) -> np.ndarray:
    """D H D with D = diag(H)^(-1/2): the Hessian of centred least squares (H = S) once each input is scaled to
    unit spread, i.e. the inputs' correlation matrix; needs a positive diagonal."""
    H = validation.finite_array("H", H, shape=(None, None))
    diagonal = np.diag(H)
    if H.shape[0] != H.shape[1] or np.any(diagonal <= 0):
        raise validation.invalid("H", H, "must be square with a positive diagonal")
    d = 1.0 / np.sqrt(diagonal)
    return H * np.outer(d, d)
