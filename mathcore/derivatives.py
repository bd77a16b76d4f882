"""Central finite differences: numerical derivatives that check the analytic ones independently.

Default steps balance truncation against rounding: h = eps^(1/3) max(1, |x|) for first derivatives
(error O(h^2) + O(eps/h)) and h = eps^(1/4) max(1, |x|) for second derivatives (O(h^2) + O(eps/h^2)).
Each step is rounded so that x + h is exactly representable. Costs: 2, 3, 2d and 2d^2 + 1 calls of f.
"""

import numpy as np

from mathcore import validation

_EPS = np.finfo(float).eps


def _steps(x: np.ndarray, h, power: float) -> np.ndarray:
    """h_i = eps^power * max(1, |x_i|) unless h is given, then rounded so that (x_i + h_i) - x_i = h_i."""
    if h is None:
        h = _EPS**power * np.maximum(1.0, np.abs(x))
    else:
        h = np.full_like(x, validation.positive("h", h))
    return (x + h) - x


def derivative(f, x, h=None) -> float:
    """f'(x) ~ (f(x + h) - f(x - h)) / (2h)."""
    f = validation.function("f", f)
    x = validation.finite_scalar("x", x)
    h = float(_steps(np.array(x), h, 1 / 3))
    return float((f(x + h) - f(x - h)) / (2.0 * h))


def second_derivative(f, x, h=None) -> float:
    """f''(x) ~ (f(x + h) - 2 f(x) + f(x - h)) / h^2."""
    f = validation.function("f", f)
    x = validation.finite_scalar("x", x)
    h = float(_steps(np.array(x), h, 1 / 4))
    return float((f(x + h) - 2.0 * f(x) + f(x - h)) / h**2)


def gradient_fd(f, x, h=None) -> np.ndarray:
    """g_i ~ (f(x + h_i e_i) - f(x - h_i e_i)) / (2 h_i), for f: R^d -> R."""
    f = validation.function("f", f)
    x = validation.vector("x", x)
    hs = _steps(x, h, 1 / 3)
    g = np.empty_like(x)
    for i, hi in enumerate(hs):
        e = np.zeros_like(x)
        e[i] = hi
        g[i] = (f(x + e) - f(x - e)) / (2.0 * hi)
    return g


def hessian_fd(f, x, h=None) -> np.ndarray:
    """H_ij ~ (f(x + h_i e_i + h_j e_j) - f(x + h_i e_i - h_j e_j) - f(x - h_i e_i + h_j e_j)
    + f(x - h_i e_i - h_j e_j)) / (4 h_i h_j), H_ii ~ (f(x + h_i e_i) - 2 f(x) + f(x - h_i e_i)) / h_i^2;
    computed for i <= j and mirrored, so H is exactly symmetric."""
    f = validation.function("f", f)
    x = validation.vector("x", x)
    hs = _steps(x, h, 1 / 4)
    d = x.size
    shifts = np.diag(hs)
    f0 = f(x)
    H = np.empty((d, d))
    for i in range(d):
        ei = shifts[i]
        H[i, i] = (f(x + ei) - 2.0 * f0 + f(x - ei)) / hs[i] ** 2
        for j in range(i + 1, d):
            ej = shifts[j]
            H[i, j] = H[j, i] = (f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)) / (
                4.0 * hs[i] * hs[j])
    return H


def difference_quotients(xs, ys) -> np.ndarray:
    """q_k = (y_{k+1} - y_k) / (x_{k+1} - x_k), k = 0 .. n-2: the change of y per unit of x between samples.

    With y_k = f'(x_k) this is the mean of f'' over [x_k, x_{k+1}] (fundamental theorem of calculus),
    exactly f'' when f is quadratic. ``xs`` must be strictly increasing, both of the same length n >= 2.
    """
    xs = validation.vector("xs", xs)
    ys = validation.finite_array("ys", ys, shape=(xs.size,))
    if xs.size < 2:
        raise validation.invalid("xs", xs, "must hold at least 2 points")
    if not np.all(np.diff(xs) > 0):
        raise validation.invalid("xs", xs, "must be strictly increasing")
    return np.diff(ys) / np.diff(xs)
