"""Heavy-ball momentum x_{t+1} = x_t - a grad f(x_t) + b (x_t - x_{t-1}) (Polyak, 1964), analysed on quadratics.

On a quadratic each eigen-component e_t = v_i^T (x_t - x*) follows its own linear recurrence
e_{t+1} = (1 + b - a l) e_t - b e_{t-1}, i.e. (e_{t+1}, e_t) = M (e_t, e_{t-1}) with M = [[1 + b - a l, -b], [1, 0]].
Its characteristic polynomial z^2 - (1 + b - a l) z + b has roots of modulus sqrt(b) when complex, i.e. for
(1 - sqrt(a l))^2 < b < (1 + sqrt(a l))^2. With a = (2 / (sqrt(l_max) + sqrt(l_min)))^2 and
b = ((sqrt k - 1) / (sqrt k + 1))^2 every direction lies in the closed band (l_min and l_max on its edges, as double
roots), so the rate is sqrt(b) = (sqrt k - 1) / (sqrt k + 1) instead of plain descent's (k - 1) / (k + 1).
"""

from dataclasses import dataclass

import numpy as np

from mathcore import validation
from mathcore.descent import iterate
from mathcore.quadratic import Quadratic


@dataclass(frozen=True)
class MomentumSetting:
    """A step a, a momentum b and the resulting rate (the spectral radius of the worst direction)."""

    step: float
    beta: float
    rate: float


def _beta(beta) -> float:
    return validation.in_range("beta", beta, 0.0, 1.0)


def heavy_ball(grad, x0, step, beta, steps) -> np.ndarray:
    """Rows x_0..x_steps of x_{t+1} = x_t - a grad(x_t) + b (x_t - x_{t-1}) with x_{-1} = x0; shape (steps + 1, d),
    or (steps + 1,) for a scalar x0. Overflow becomes inf/nan silently."""
    step, beta = validation.positive("step", step), _beta(beta)
    return iterate(grad, x0, steps, lambda x, previous, g: x - step * g + beta * (x - previous))


def heavy_ball_on_quadratic(q: Quadratic, x0, step, beta, steps) -> np.ndarray:
    """Heavy ball on q, whose gradient is A x - b; shape (steps + 1, d)."""
    q = validation.instance("q", q, Quadratic)
    x0 = validation.finite_array("x0", x0, shape=(q.dim,))
    return heavy_ball(lambda x: q.A @ x - q.b, x0, step, beta, steps)


def _direction(step, beta, curvature) -> tuple[float, float, float]:
    """Validated (a, b, l) for one eigen-direction."""
    return validation.positive("step", step), _beta(beta), validation.positive("curvature", curvature)


def recurrence_matrix(step, beta, curvature) -> np.ndarray:
    """M = [[1 + b - a l, -b], [1, 0]], acting on (e_t, e_{t-1})."""
    a, b, lam = _direction(step, beta, curvature)
    return np.array([[1.0 + b - a * lam, -b], [1.0, 0.0]])


def _radius(a, b, lam):
    """Largest |z| with z^2 - T z + b = 0, T = 1 + b - a l: (|T| + sqrt(T^2 - 4b)) / 2 if real, else sqrt(b)."""
    T = 1.0 + b - a * lam
    disc = T**2 - 4.0 * b
    return np.where(disc >= 0.0, 0.5 * (np.abs(T) + np.sqrt(np.maximum(disc, 0.0))), np.sqrt(b))


def spectral_radius(step, beta, curvature) -> float:
    """The spectral radius of M: the asymptotic per-step factor of one eigen-direction."""
    return float(_radius(*_direction(step, beta, curvature)))


def momentum_rate(eigenvalues, step, beta) -> float:
    """max_i spectral_radius(a, b, l_i)."""
    values = validation.vector("eigenvalues", eigenvalues, positive=True)
    return float(np.max(_radius(validation.positive("step", step), _beta(beta), values)))


def is_stable(step, beta, curvature) -> bool:
    """Every solution of the recurrence decays iff 0 <= b < 1 and 0 < a l < 2 + 2b (the Jury conditions on
    z^2 - (1 + b - a l) z + b); any b >= 1 is unstable, as the roots' product is b."""
    a = validation.positive("step", step)
    b = validation.non_negative("beta", beta)
    lam = validation.positive("curvature", curvature)
    return bool(b < 1.0 and 0.0 < a * lam < 2.0 + 2.0 * b)


def optimal_momentum(eigenvalues) -> MomentumSetting:
    """Polyak's tuning: a = (2 / (sqrt(l_max) + sqrt(l_min)))^2, b = ((sqrt k - 1) / (sqrt k + 1))^2,
    rate = (sqrt k - 1) / (sqrt k + 1), with k = l_max / l_min."""
    values = validation.vector("eigenvalues", eigenvalues, positive=True)
    lo, hi = np.sqrt(values.min()), np.sqrt(values.max())
    rate = (hi - lo) / (hi + lo)
    return MomentumSetting(float((2.0 / (hi + lo)) ** 2), float(rate**2), float(rate))


def critical_beta(step, curvature) -> float:
    """(1 - sqrt(a l))^2: the smallest b >= 0 at which M has a double real root; for b up to (1 + sqrt(a l))^2 above
    it the roots are complex with modulus sqrt(b), below it they are real."""
    p = validation.positive("step", step) * validation.positive("curvature", curvature)
    return float((1.0 - np.sqrt(p)) ** 2)


def rate_map(eigenvalues, steps_grid, betas_grid) -> np.ndarray:
    """R[j, i] = momentum_rate(eigenvalues, steps_grid[i], betas_grid[j]), shape (len(betas), len(steps))."""
    values = validation.vector("eigenvalues", eigenvalues, positive=True)
    a = validation.vector("steps_grid", steps_grid, positive=True)
    b = validation.vector("betas_grid", betas_grid)
    if np.any((b < 0.0) | (b > 1.0)):
        raise validation.invalid("betas_grid", betas_grid, "entries must be in [0, 1]")
    return np.max(_radius(a[None, :, None], b[:, None, None], values[None, None, :]), axis=-1)
