"""Gradient descent x_{t+1} = x_t - a grad f(x_t), and its exact analysis on quadratics.

On f(x) = 1/2 x^T A x - b^T x + c with A = sum_i l_i v_i v_i^T and x0 - x* = sum_i c_i v_i, every eigen-direction
evolves alone: x_t - x* = sum_i c_i (1 - a l_i)^t v_i. The factor 1 - a l_i must have |1 - a l_i| < 1, so all
directions converge iff 0 < a < 2 / l_max; the rate max_i |1 - a l_i| is smallest, (k - 1)/(k + 1) with
k = l_max / l_min, at a = 2 / (l_min + l_max).
"""

import numpy as np

from mathcore import validation
from mathcore.quadratic import Quadratic

REGIMES = ("creeping", "one step", "oscillating", "bouncing", "diverging")


def iterate(grad, x0, steps, update) -> np.ndarray:
    """Rows x_0..x_steps of x_{t+1} = update(x_t, x_{t-1}, grad(x_t)) with x_{-1} = x0, after validating grad, x0
    (a scalar or a 1-D point) and steps; shape (steps + 1,) + shape(x0). Overflow becomes inf/nan silently."""
    grad, update = validation.function("grad", grad), validation.function("update", update)
    x0 = validation.finite_array("x0", x0)
    if x0.ndim > 1:
        raise validation.invalid("x0", x0, "must be a scalar or a 1-D point")
    steps = validation.count("steps", steps)
    xs = np.empty((steps + 1,) + x0.shape)
    xs[0] = x0
    previous = x0
    with np.errstate(all="ignore"):
        g0 = np.shape(grad(x0))
        if g0 != x0.shape:
            raise validation.invalid("grad", grad, f"must return the shape of x0, {x0.shape}, not {g0}")
        for t in range(steps):
            xs[t + 1] = update(xs[t], previous, np.asarray(grad(xs[t])))
            previous = xs[t]
    return xs


def gradient_descent(grad, x0, step, steps) -> np.ndarray:
    """Rows x_0..x_steps of x_{t+1} = x_t - a grad(x_t); shape (steps + 1, d), or (steps + 1,) for a scalar x0.
    A run that overflows keeps its inf/nan rows (no warnings); cut it with :func:`first_exit`."""
    step = validation.positive("step", step)
    return iterate(grad, x0, steps, lambda x, previous, g: x - step * g)


def _start(q, x0) -> tuple[Quadratic, np.ndarray]:
    q = validation.instance("q", q, Quadratic)
    return q, validation.finite_array("x0", x0, shape=(q.dim,))


def descent_on_quadratic(q: Quadratic, x0, step, steps) -> np.ndarray:
    """Gradient descent on q: x_{t+1} = x_t - a (A x_t - b), shape (steps + 1, d)."""
    q, x0 = _start(q, x0)
    return gradient_descent(lambda x: q.A @ x - q.b, x0, step, steps)


def eigen_coordinates(q: Quadratic, xs) -> np.ndarray:
    """c_i = v_i^T (x - x*) for points of shape (..., d) (inf/nan of a diverged run propagate)."""
    q = validation.instance("q", q, Quadratic)
    xs = validation.float_array("xs", xs, shape=(..., q.dim))
    with np.errstate(all="ignore"):
        return (xs - q.minimiser()) @ q.eigen().vectors


def closed_form(q: Quadratic, x0, step, t) -> np.ndarray:
    """x_t = x* + sum_i c_i (1 - a l_i)^t v_i with c_i = v_i^T (x0 - x*): shape (d,) for an integer t,
    (len(t), d) for an array of t."""
    q, x0 = _start(q, x0)
    step = validation.positive("step", step)
    scalar = np.ndim(t) == 0
    ts = np.array([validation.count("t", t)]) if scalar else validation.counts("t", t)
    eigen, x_star = q.eigen(), q.minimiser()
    c0 = eigen.vectors.T @ (x0 - x_star)
    with np.errstate(all="ignore"):
        xs = x_star + (direction_factors(eigen.values, step) ** ts[:, None] * c0) @ eigen.vectors.T
    return xs[0] if scalar else xs


def direction_factors(eigenvalues, step) -> np.ndarray:
    """1 - a l_i: the factor by which each eigen-component of the error is multiplied per step."""
    values = validation.vector("eigenvalues", eigenvalues)
    return 1.0 - validation.positive("step", step) * values


def step_regime(step, curvature, tol=1e-9) -> str:
    """The regime of a step a on curvature l, from p = a l: (0, 1) "creeping", 1 "one step",
    (1, 2) "oscillating" (converges), 2 "bouncing" (|1 - p| = 1 forever), > 2 "diverging"; |p - 1|, |p - 2| <= tol
    count as equal."""
    p = validation.positive("step", step) * validation.positive("curvature", curvature)
    tol = validation.in_range("tol", tol, 0.0, 0.5, hi_open=True)
    if abs(p - 1.0) <= tol:
        return "one step"
    if abs(p - 2.0) <= tol:
        return "bouncing"
    return "creeping" if p < 1.0 else "oscillating" if p < 2.0 else "diverging"


def _spectrum(eigenvalues) -> np.ndarray:
    return validation.vector("eigenvalues", eigenvalues, positive=True)


def stable_step_bound(eigenvalues) -> float:
    """2 / l_max: descent converges from every start iff 0 < a < 2 / l_max."""
    return float(2.0 / np.max(_spectrum(eigenvalues)))


def best_step(eigenvalues) -> float:
    """a* = 2 / (l_min + l_max), which equalises |1 - a l_min| = |1 - a l_max|."""
    values = _spectrum(eigenvalues)
    return float(2.0 / (values.min() + values.max()))


def convergence_rate(eigenvalues, step) -> float:
    """max_i |1 - a l_i|, the worst per-step factor (the spectral norm of I - a A)."""
    return float(np.max(np.abs(direction_factors(eigenvalues, step))))


def best_rate(eigenvalues) -> float:
    """(k - 1) / (k + 1) with k = l_max / l_min: the rate at the best step 2 / (l_min + l_max)."""
    values = _spectrum(eigenvalues)
    k = values.max() / values.min()
    return float((k - 1.0) / (k + 1.0))


def iterations_to_tolerance(q: Quadratic, x0, step, tol, max_steps=100_000) -> int | None:
    """The smallest t with ||x_t - x*|| <= tol ||x0 - x*||, found by running descent; None if the run diverges
    (becomes non-finite) or needs more than max_steps steps."""
    q, x0 = _start(q, x0)
    step = validation.positive("step", step)
    tol = validation.in_range("tol", tol, 0.0, 1.0, lo_open=True, hi_open=True)
    max_steps = validation.count("max_steps", max_steps)
    x_star = q.minimiser()
    target = tol * np.linalg.norm(x0 - x_star)
    x = x0
    with np.errstate(all="ignore"):
        for t in range(max_steps + 1):
            error = np.linalg.norm(x - x_star)
            if error <= target:
                return t
            if not np.isfinite(error):
                return None
            x = x - step * (q.A @ x - q.b)
    return None


def predicted_iterations(rate, tol) -> int:
    """ceil(log tol / log rate), the steps after which rate^t <= tol (rate 0 needs 1 step; a 1e-9 guard keeps an
    integer quotient from being rounded up by floating-point error)."""
    rate = validation.in_range("rate", rate, 0.0, 1.0, hi_open=True)
    tol = validation.in_range("tol", tol, 0.0, 1.0, lo_open=True, hi_open=True)
    if rate == 0.0:
        return 1
    return max(1, int(np.ceil(np.log(tol) / np.log(rate) - 1e-9)))


def first_exit(xs, bounds) -> int | None:
    """The first t at which xs[t] is outside the box bounds = ((lo, hi), ...) (ends included) or not finite;
    None if the run stays inside. xs has shape (T, d), or (T,) for 1-D runs."""
    xs = validation.float_array("xs", xs)
    if xs.ndim not in (1, 2):
        raise validation.invalid("xs", xs, "must have shape (T,) or (T, d)")
    points = xs[:, None] if xs.ndim == 1 else xs
    box = validation.box("bounds", bounds, points.shape[1])
    inside = np.all((points >= box[:, 0]) & (points <= box[:, 1]), axis=1)
    outside = np.flatnonzero(~inside)
    return int(outside[0]) if outside.size else None
