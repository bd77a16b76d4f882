"""A small named library of losses with analytic derivatives, for plotting and for experiments.

Every callable is vectorised: 1-D losses act elementwise on floats or arrays; 2-D losses take points of
shape (..., 2) and return values (...), gradients (..., 2) and Hessians (..., 2, 2). NaN and inf propagate
(so that a diverging run can still be followed); wrong shapes raise :class:`ValidationError`.
Defaults keep values roughly within [-3, 6] over each loss's domain.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

from mathcore import validation


@dataclass(frozen=True)
class Loss1D:
    """A loss f: R -> R with its derivatives f' (``df``) and f'' (``d2f``); ``tex`` is LaTeX for f(x)."""

    name: str
    tex: str
    f: Callable
    df: Callable
    d2f: Callable
    domain: tuple[float, float]
    summary: str


@dataclass(frozen=True)
class Loss2D:
    """A loss f: R^2 -> R with gradient and Hessian; ``tex`` is LaTeX for f(x_1, x_2)."""

    name: str
    tex: str
    f: Callable
    grad: Callable
    hess: Callable
    domain: tuple[tuple[float, float], tuple[float, float]]
    summary: str


def _x(x) -> np.ndarray:
    return validation.float_array("x", x)


def _parts(x) -> tuple[np.ndarray, np.ndarray]:
    x = validation.float_array("x", x, shape=(..., 2))
    return x[..., 0], x[..., 1]


def _vector(g1, g2) -> np.ndarray:
    return np.stack(np.broadcast_arrays(g1, g2), axis=-1)


def _matrix(h11, h12, h22) -> np.ndarray:
    h11, h12, h22 = np.broadcast_arrays(h11, h12, h22)
    return np.stack([np.stack([h11, h12], axis=-1), np.stack([h12, h22], axis=-1)], axis=-2)


def _parabola(name: str, k: float, tex: str, domain: tuple[float, float], summary: str) -> Loss1D:
    """f(x) = k x^2 / 2, f'(x) = k x, f''(x) = k."""
    return Loss1D(name, tex, lambda x: 0.5 * k * _x(x) ** 2, lambda x: k * _x(x), lambda x: k + 0.0 * _x(x),
                  domain, summary)


def _double_well(x):
    """f(x) = x^4/4 - x^2 + 0.3 x."""
    x = _x(x)
    return 0.25 * x**4 - x**2 + 0.3 * x


def _double_well_df(x):
    """f'(x) = x^3 - 2x + 0.3."""
    x = _x(x)
    return x**3 - 2.0 * x + 0.3


def _double_well_d2f(x):
    """f''(x) = 3x^2 - 2."""
    return 3.0 * _x(x) ** 2 - 2.0


def _logcosh(x):
    """f(x) = log cosh x = |x| + log(1 + e^{-2|x|}) - log 2 (the stable form)."""
    a = np.abs(_x(x))
    return a + np.log1p(np.exp(-2.0 * a)) - np.log(2.0)


def _logcosh_df(x):
    """f'(x) = tanh x."""
    return np.tanh(_x(x))


def _logcosh_d2f(x):
    """f''(x) = 1 - tanh^2 x = sech^2 x."""
    return 1.0 - np.tanh(_x(x)) ** 2


LOSSES_1D: dict[str, Loss1D] = {
    "bowl": _parabola("bowl", 1.0, r"\tfrac{1}{2}x^2", (-2.5, 2.5), "the unit parabola: f'' = 1 everywhere"),
    "sharp": _parabola("sharp", 3.0, r"\tfrac{3}{2}x^2", (-2.0, 2.0), "a steep parabola: f'' = 3 everywhere"),
    "flat": _parabola("flat", 0.3, r"0.15\,x^2", (-2.5, 2.5), "a shallow parabola: f'' = 0.3 everywhere"),
    "double_well": Loss1D(
        "double_well", r"\tfrac{1}{4}x^4 - x^2 + 0.3\,x", _double_well, _double_well_df, _double_well_d2f,
        (-2.5, 2.5),
        "a tilted double well: a deep minimum near x = -1.48, a shallow one near x = 1.34, a maximum near "
        "x = 0.15; f'' = 3x^2 - 2 changes sign"),
    "logcosh": Loss1D(
        "logcosh", r"\log\cosh x", _logcosh, _logcosh_df, _logcosh_d2f, (-2.5, 2.5),
        "convex but not quadratic: f'' = sech^2 x is 1 at the minimum and fades away from it"),
}


def _bowl(x):
    """f(x) = (x_1^2 + 3 x_2^2) / 2."""
    x1, x2 = _parts(x)
    return 0.5 * (x1**2 + 3.0 * x2**2)


def _bowl_grad(x):
    """grad f = (x_1, 3 x_2)."""
    x1, x2 = _parts(x)
    return _vector(x1, 3.0 * x2)


def _bowl_hess(x):
    """H = diag(1, 3)."""
    x1, _ = _parts(x)
    return _matrix(1.0 + 0.0 * x1, 0.0, 3.0)


def _coupled(x):
    """f(x) = x_1^2/2 + x_2^2/2 + 0.3 x_1 x_2 + 0.1 x_1^2 x_2."""
    x1, x2 = _parts(x)
    return 0.5 * x1**2 + 0.5 * x2**2 + 0.3 * x1 * x2 + 0.1 * x1**2 * x2


def _coupled_grad(x):
    """grad f = (x_1 + 0.3 x_2 + 0.2 x_1 x_2, x_2 + 0.3 x_1 + 0.1 x_1^2)."""
    x1, x2 = _parts(x)
    return _vector(x1 + 0.3 * x2 + 0.2 * x1 * x2, x2 + 0.3 * x1 + 0.1 * x1**2)


def _coupled_hess(x):
    """H = [[1 + 0.2 x_2, 0.3 + 0.2 x_1], [0.3 + 0.2 x_1, 1]]."""
    x1, x2 = _parts(x)
    return _matrix(1.0 + 0.2 * x2, 0.3 + 0.2 * x1, 1.0)


def _rosenbrock(x):
    """f(x) = (1 - x_1)^2/2 + (x_2 - x_1^2)^2/2."""
    x1, x2 = _parts(x)
    return 0.5 * (1.0 - x1) ** 2 + 0.5 * (x2 - x1**2) ** 2


def _rosenbrock_grad(x):
    """grad f = (x_1 - 1 - 2 x_1 (x_2 - x_1^2), x_2 - x_1^2)."""
    x1, x2 = _parts(x)
    return _vector(x1 - 1.0 - 2.0 * x1 * (x2 - x1**2), x2 - x1**2)


def _rosenbrock_hess(x):
    """H = [[1 - 2 x_2 + 6 x_1^2, -2 x_1], [-2 x_1, 1]]."""
    x1, x2 = _parts(x)
    return _matrix(1.0 - 2.0 * x2 + 6.0 * x1**2, -2.0 * x1, 1.0)


_LSE_J = np.array([[1.0, 1.0], [-1.0, 0.0], [0.0, -1.0]])
"""Rows are the exponents' coefficients: z = J x = (x_1 + x_2, -x_1, -x_2)."""


def _exponents(x) -> np.ndarray:
    """z = J x = (x_1 + x_2, -x_1, -x_2), shape (..., 3)."""
    return validation.float_array("x", x, shape=(..., 2)) @ _LSE_J.T


def _softmax(x) -> np.ndarray:
    """p = softmax(J x)."""
    z = _exponents(x)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _logsumexp(x):
    """f(x) = log(e^{x_1 + x_2} + e^{-x_1} + e^{-x_2}) - log 3, evaluated as m + log sum e^{z - m}, m = max z."""
    z = _exponents(x)
    m = np.max(z, axis=-1)
    return m + np.log(np.sum(np.exp(z - m[..., None]), axis=-1)) - np.log(3.0)


def _logsumexp_grad(x):
    """grad f = J^T p with p = softmax(J x)."""
    return _softmax(x) @ _LSE_J


def _logsumexp_hess(x):
    """H = J^T (diag p - p p^T) J = J^T diag(p) J - g g^T."""
    p = _softmax(x)
    g = p @ _LSE_J
    return np.einsum("ki,...k,kj->...ij", _LSE_J, p, _LSE_J) - g[..., :, None] * g[..., None, :]


def _saddle(x):
    """f(x) = x_1^2/2 - x_2^2/2 + x_2^4/8."""
    x1, x2 = _parts(x)
    return 0.5 * x1**2 - 0.5 * x2**2 + 0.125 * x2**4


def _saddle_grad(x):
    """grad f = (x_1, -x_2 + x_2^3/2)."""
    x1, x2 = _parts(x)
    return _vector(x1, -x2 + 0.5 * x2**3)


def _saddle_hess(x):
    """H = diag(1, -1 + 3 x_2^2/2)."""
    _, x2 = _parts(x)
    return _matrix(1.0 + 0.0 * x2, 0.0, -1.0 + 1.5 * x2**2)


LOSSES_2D: dict[str, Loss2D] = {
    "bowl": Loss2D(
        "bowl", r"\tfrac{1}{2}\left(x_1^2 + 3x_2^2\right)", _bowl, _bowl_grad, _bowl_hess,
        ((-2.0, 2.0), (-1.5, 1.5)), "an axis-aligned quadratic bowl: H = diag(1, 3) everywhere"),
    "coupled": Loss2D(
        "coupled", r"\tfrac{1}{2}x_1^2 + \tfrac{1}{2}x_2^2 + 0.3\,x_1 x_2 + 0.1\,x_1^2 x_2",
        _coupled, _coupled_grad, _coupled_hess, ((-2.0, 2.0), (-2.0, 2.0)),
        "a minimum at the origin; the mixed partial 0.3 + 0.2 x_1 changes from point to point"),
    "rosenbrock": Loss2D(
        "rosenbrock", r"\tfrac{1}{2}(1 - x_1)^2 + \tfrac{1}{2}\left(x_2 - x_1^2\right)^2",
        _rosenbrock, _rosenbrock_grad, _rosenbrock_hess, ((-1.5, 1.5), (-0.25, 2.25)),
        "a scaled Rosenbrock valley: curved, narrow, minimum 0 at (1, 1) where k is about 34"),
    "logsumexp": Loss2D(
        "logsumexp", r"\log\left(e^{x_1 + x_2} + e^{-x_1} + e^{-x_2}\right) - \log 3",
        _logsumexp, _logsumexp_grad, _logsumexp_hess, ((-2.5, 2.5), (-2.5, 2.5)),
        "smooth and strictly convex, not quadratic: minimum 0 at the origin"),
    "saddle": Loss2D(
        "saddle", r"\tfrac{1}{2}x_1^2 - \tfrac{1}{2}x_2^2 + \tfrac{1}{8}x_2^4",
        _saddle, _saddle_grad, _saddle_hess, ((-2.0, 2.0), (-2.0, 2.0)),
        "a saddle at the origin (H = diag(1, -1)) between two minima at (0, -sqrt 2) and (0, sqrt 2)"),
}


def _lookup(kind: str, library: dict, name: str):
    if not isinstance(name, str) or name not in library:
        known = ", ".join(repr(k) for k in library)
        raise validation.invalid("name", name, f"must name a {kind} loss, one of {known}")
    return library[name]


def loss_1d(name: str) -> Loss1D:
    """The 1-D loss called ``name`` in :data:`LOSSES_1D`."""
    return _lookup("1-D", LOSSES_1D, name)


def loss_2d(name: str) -> Loss2D:
    """The 2-D loss called ``name`` in :data:`LOSSES_2D`."""
    return _lookup("2-D", LOSSES_2D, name)
