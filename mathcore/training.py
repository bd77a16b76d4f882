"""Full-batch gradient descent on a network, recording the loss and the sharpness along the way.

On a quadratic, descent with step a converges only while the largest Hessian eigenvalue stays below 2/a (chapter 3).
On a network the Hessian changes as the weights move; Cohen, Kaur, Li, Kolter and Talwalkar (ICLR 2021) found that
the sharpness l_max(H(theta_t)) rises during full-batch training until it reaches 2/a, then hovers there while the
loss keeps falling, though not monotonically: training runs at the edge of stability.
"""

from dataclasses import dataclass

import numpy as np

from mathcore import spectrum, validation
from mathcore.network import Problem


@dataclass(frozen=True)
class Run:
    """A training run: the loss at every step t = 0..steps, and the sharpness at the steps ``sharpness_steps``."""

    step: float
    losses: np.ndarray
    sharpness_steps: np.ndarray
    sharpness: np.ndarray
    weights: np.ndarray  # theta after the last step

    @property
    def edge(self) -> float:
        """2/a: the sharpness above which descent with step a is unstable on the local quadratic model."""
        return edge_of_stability(self.step)


def edge_of_stability(step) -> float:
    """2/a for a step a > 0."""
    return 2.0 / validation.positive("step", step)


def full_batch_descent(problem: Problem, theta0, step, steps, every, lanczos_steps, seed) -> Run:
    """theta_{t+1} = theta_t - a grad L(theta_t) for t < ``steps``, recording L(theta_t) at every t and the
    sharpness (:func:`mathcore.spectrum.sharpness`, ``lanczos_steps`` Lanczos steps from a start drawn from ``seed``
    and t) at t = 0, every, 2 every, ... and at t = steps. A run that overflows records inf/nan from there on."""
    problem = validation.instance("problem", problem, Problem)
    theta = validation.finite_array("theta0", theta0, shape=(problem.dim,)).copy()
    step = validation.positive("step", step)
    steps = validation.count("steps", steps, minimum=1)
    every = validation.count("every", every, minimum=1)
    seed = validation.non_negative_int("seed", seed)
    checks = np.unique(np.append(np.arange(0, steps + 1, every), steps))
    losses, sharp = np.full(steps + 1, np.nan), np.full(len(checks), np.nan)
    k = 0
    with np.errstate(all="ignore"):
        for t in range(steps + 1):
            if not np.all(np.isfinite(theta)):
                break
            loss, grad = problem.loss_and_gradient(theta)
            losses[t] = loss
            if t == checks[k]:
                sharp[k] = spectrum.sharpness(lambda v: problem.hessian_vector_product(theta, v), problem.dim,
                                              lanczos_steps, seed + t)
                k += 1
            if t < steps:
                theta = theta - step * grad
    return Run(step, validation.readonly(losses), validation.readonly(checks), validation.readonly(sharp),
               validation.readonly(theta))


def late_sharpness(run: Run, fraction=1 / 3) -> np.ndarray:
    """The sharpness measured over the last ``fraction`` of the run's steps (t >= (1 - fraction) steps)."""
    run = validation.instance("run", run, Run)
    fraction = validation.in_range("fraction", fraction, 0.0, 1.0, lo_open=True)
    last = run.sharpness_steps[-1]
    return run.sharpness[run.sharpness_steps >= (1.0 - fraction) * last - 1e-9 * last]  # 1e-9: rounding of (1 - f) t


def rises(losses) -> np.ndarray:
    """The steps t at which the loss went up: L(t + 1) > L(t)."""
    losses = validation.float_array("losses", losses, shape=(None,))
    with np.errstate(invalid="ignore"):
        return np.flatnonzero(np.diff(losses) > 0)
