"""mathcore: the numbers behind the Hessian lecture (numpy only; never imports manim or scipy).

Submodules: ``functions`` (named losses), ``derivatives`` (finite differences), ``quadratic`` (quadratic forms,
eigen-structure, contour ellipses), ``descent`` (gradient descent and its analysis), ``taylor`` (second-order
models), ``least_squares`` (input statistics and the Hessian), ``momentum`` (heavy ball), ``network`` (a tanh
network: loss, gradient, exact Hessian-vector products), ``spectrum`` (Lanczos, spectral density), ``training``
(full-batch descent recording loss and sharpness), ``validation`` and ``errors``. The most used names are
re-exported here.
"""

from mathcore import (derivatives, descent, errors, functions, least_squares, momentum, network, quadratic, spectrum,
                      taylor, training, validation)
from mathcore.descent import (
    REGIMES,
    best_rate,
    best_step,
    closed_form,
    convergence_rate,
    descent_on_quadratic,
    direction_factors,
    eigen_coordinates,
    first_exit,
    gradient_descent,
    iterations_to_tolerance,
    predicted_iterations,
    stable_step_bound,
    step_regime,
)
from mathcore.errors import ValidationError
from mathcore.functions import LOSSES_1D, LOSSES_2D, Loss1D, Loss2D, loss_1d, loss_2d
from mathcore.least_squares import least_squares_quadratic
from mathcore.momentum import MomentumSetting, heavy_ball, heavy_ball_on_quadratic, optimal_momentum
from mathcore.quadratic import SHAPE_CLASSES, Eigen, Ellipse, Quadratic, ellipse, from_eigen, level_set_points
from mathcore.taylor import TaylorModel, taylor_1d, taylor_2d

__all__ = [
    "LOSSES_1D", "LOSSES_2D", "REGIMES", "SHAPE_CLASSES", "Eigen", "Ellipse", "Loss1D", "Loss2D",
    "MomentumSetting", "Quadratic", "TaylorModel", "ValidationError", "best_rate", "best_step", "closed_form",
    "convergence_rate", "derivatives", "descent", "descent_on_quadratic", "direction_factors",
    "eigen_coordinates", "ellipse", "errors", "first_exit", "from_eigen", "functions", "gradient_descent",
    "heavy_ball", "heavy_ball_on_quadratic", "iterations_to_tolerance", "least_squares",
    "least_squares_quadratic", "level_set_points", "loss_1d", "loss_2d", "momentum", "optimal_momentum",
    "predicted_iterations", "quadratic", "stable_step_bound", "step_regime", "taylor", "taylor_1d", "taylor_2d",
    "validation",
]
