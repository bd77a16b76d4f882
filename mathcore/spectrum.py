"""The spectrum of a symmetric matrix known only through products H v: Lanczos and stochastic Lanczos quadrature.

Lanczos builds an orthonormal basis q_1..q_m of the Krylov space of a start vector and the tridiagonal matrix
T = Q^T H Q (diagonal alpha_j = q_j^T H q_j, off-diagonal beta_j); T's eigenvalues (Ritz values) approximate H's
extreme eigenvalues first, and equal them all once m = n. Here every new vector is orthogonalised against all the
earlier ones (full reorthogonalisation), so the basis stays orthonormal in floating point.

Stochastic Lanczos quadrature (Ghorbani, Krishnan and Xiao 2019; Lin, Saad and Yang 2016): for a random unit v,
T = U diag(t_j) U^T gives the nodes t_j and weights w_j = U_{1j}^2 of a Gauss quadrature of the measure
sum_i (v^T u_i)^2 delta(t - l_i), whose average over v is the eigenvalue density (1/n) sum_i delta(t - l_i).
Smoothing each node with a Gaussian of width s gives a density that integrates to 1 and whose mean, sum_j w_j t_j
= v^T H v, averages to trace(H)/n (Hutchinson's estimate).
"""

from dataclasses import dataclass

import numpy as np

from mathcore import validation


def lanczos(matvec, start, iterations) -> tuple[np.ndarray, np.ndarray]:
    """The diagonal alpha (m,) and off-diagonal beta (m - 1,) of T = Q^T H Q after m = ``iterations`` steps from
    ``start`` (normalised): w = H q_j - beta_{j-1} q_{j-1}, alpha_j = q_j^T w, w -= alpha_j q_j, then w is
    orthogonalised against every q_i again and beta_j = |w|, q_{j+1} = w / beta_j. Stops early, with m smaller, when
    the Krylov space is exhausted (beta_j ~ 0)."""
    matvec = validation.function("matvec", matvec)
    q = validation.vector("start", start)
    norm = float(np.linalg.norm(q))
    if norm == 0:
        raise validation.invalid("start", start, "must not be zero")
    m = validation.count("iterations", iterations, minimum=1, maximum=q.size)
    basis = np.zeros((m, q.size))
    basis[0] = q / norm
    alpha, beta = np.zeros(m), np.zeros(max(m - 1, 0))
    for j in range(m):
        w = np.asarray(matvec(basis[j]), dtype=float)
        alpha[j] = basis[j] @ w
        w = w - alpha[j] * basis[j] - (beta[j - 1] * basis[j - 1] if j > 0 else 0.0)
        for _ in range(2):  # twice is enough (Parlett's "twice is enough")
            w -= basis[:j + 1].T @ (basis[:j + 1] @ w)
        if j == m - 1:
            break
        beta[j] = np.linalg.norm(w)
        if beta[j] <= 1e-10 * max(1.0, abs(alpha[:j + 1]).max()):
            return alpha[:j + 1], beta[:j]
        basis[j + 1] = w / beta[j]
    return alpha, beta


def tridiagonal(alpha, beta) -> np.ndarray:
    """The symmetric tridiagonal matrix with diagonal ``alpha`` and off-diagonal ``beta``."""
    return np.diag(alpha) + np.diag(beta, 1) + np.diag(beta, -1)


def random_unit_vector(dim, seed) -> np.ndarray:
    """A unit vector drawn uniformly on the sphere in ``dim`` dimensions (normalised Gaussian), from ``seed``."""
    rng = np.random.default_rng(validation.non_negative_int("seed", seed))
    v = rng.standard_normal(validation.count("dim", dim, minimum=1))
    return v / np.linalg.norm(v)


def top_eigenvalues(matvec, dim, count, iterations, seed) -> np.ndarray:
    """The ``count`` largest Ritz values, largest first, of ``iterations`` Lanczos steps from a random start: the
    largest eigenvalues of H, to high accuracy once ``iterations`` is a few times ``count``."""
    count = validation.count("count", count, minimum=1)
    alpha, beta = lanczos(matvec, random_unit_vector(dim, seed), iterations)
    if count > len(alpha):
        raise validation.invalid("count", count, f"must be <= the Lanczos steps taken, {len(alpha)}")
    return np.linalg.eigvalsh(tridiagonal(alpha, beta))[::-1][:count]


def sharpness(matvec, dim, iterations, seed) -> float:
    """The largest eigenvalue of H (the sharpness of a loss whose Hessian it is), by Lanczos."""
    return float(top_eigenvalues(matvec, dim, 1, iterations, seed)[0])


@dataclass(frozen=True)
class SpectralDensity:
    """Gauss quadrature nodes and weights of stochastic Lanczos quadrature, one row per random start; each row's
    weights sum to 1 (rows shorter than the rest are padded with weight 0)."""

    nodes: np.ndarray
    weights: np.ndarray

    def density(self, grid, width) -> np.ndarray:
        """phi(t) = mean over starts of sum_j w_j N(t; t_j, width^2), at each t of ``grid``."""
        grid = validation.finite_array("grid", grid, shape=(None,))
        width = validation.positive("width", width)
        gauss = np.exp(-0.5 * ((grid[:, None, None] - self.nodes) / width) ** 2) / (width * np.sqrt(2 * np.pi))
        return np.einsum("grj,rj->g", gauss, self.weights) / len(self.nodes)

    @property
    def mean(self) -> float:
        """The density's mean, mean over starts of sum_j w_j t_j (= v^T H v): Hutchinson's estimate of trace(H)/n."""
        return float(np.sum(self.nodes * self.weights) / len(self.nodes))

    def quantile(self, q) -> float:
        """The smallest node t with (mean over starts of the weight of nodes <= t) >= q: the eigenvalue below which
        a share q of the spectrum lies."""
        q = validation.in_range("q", q, 0.0, 1.0)
        order = np.argsort(self.nodes, axis=None)
        mass = np.cumsum(self.weights.ravel()[order]) / len(self.nodes)
        return float(self.nodes.ravel()[order][min(np.searchsorted(mass, q - 1e-12), len(order) - 1)])


def outliers(eigenvalues, fraction) -> int:
    """How many of ``eigenvalues`` exceed ``fraction`` times the largest of them."""
    values = validation.vector("eigenvalues", eigenvalues)
    return int(np.sum(values > validation.in_range("fraction", fraction, 0.0, 1.0) * values.max()))


def spectral_density(matvec, dim, iterations, starts, seed) -> SpectralDensity:
    """Stochastic Lanczos quadrature: ``starts`` random unit vectors from ``seed``, ``iterations`` Lanczos steps each."""
    starts = validation.count("starts", starts, minimum=1)
    rng = np.random.default_rng(validation.non_negative_int("seed", seed))
    nodes, weights = [], []
    for _ in range(starts):
        alpha, beta = lanczos(matvec, rng.standard_normal(validation.count("dim", dim, minimum=1)), iterations)
        t, U = np.linalg.eigh(tridiagonal(alpha, beta))
        nodes.append(t)
        weights.append(U[0] ** 2)
    m = max(len(t) for t in nodes)
    pad = [(0, m - len(t)) for t in nodes]
    return SpectralDensity(
        validation.readonly(np.array([np.pad(t, p, mode="edge") for t, p in zip(nodes, pad)])),
        validation.readonly(np.array([np.pad(w, p) for w, p in zip(weights, pad)])))
