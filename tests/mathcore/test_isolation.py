"""mathcore stands alone (numpy only) and exposes every name of the API contract."""

import ast
import pathlib
import subprocess
import sys

import pytest

import mathcore

PACKAGE = pathlib.Path(mathcore.__file__).parent


def test_import_pulls_in_neither_manim_nor_scipy():
    code = "import sys, mathcore; assert 'manim' not in sys.modules; assert 'scipy' not in sys.modules"
    result = subprocess.run([sys.executable, "-c", code], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_modules_import_only_numpy_and_the_standard_library(path):
    tree = ast.parse(path.read_text())
    roots = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    roots |= {node.module.split(".")[0] for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module}
    assert roots <= {"numpy", "mathcore", "dataclasses", "typing", "numbers", "sys"}, roots


CONTRACT = {
    "errors": ["ValidationError"],
    "validation": ["finite_array", "finite_scalar", "positive", "in_range", "non_negative_int", "symmetric_matrix"],
    "functions": ["Loss1D", "Loss2D", "LOSSES_1D", "LOSSES_2D", "loss_1d", "loss_2d"],
    "derivatives": ["derivative", "second_derivative", "gradient_fd", "hessian_fd"],
    "quadratic": ["Eigen", "Quadratic", "from_eigen", "Ellipse", "ellipse", "level_set_points", "SHAPE_CLASSES"],
    "descent": ["gradient_descent", "descent_on_quadratic", "eigen_coordinates", "closed_form", "direction_factors",
                "step_regime", "REGIMES", "stable_step_bound", "best_step", "convergence_rate", "best_rate",
                "iterations_to_tolerance", "predicted_iterations", "first_exit"],
    "taylor": ["TaylorModel", "taylor_1d", "taylor_2d"],
    "least_squares": ["make_inputs", "make_targets", "least_squares_quadratic", "standardise",
                      "mean_and_covariance", "largest_eigenvalue_lower_bound"],
    "momentum": ["heavy_ball", "heavy_ball_on_quadratic", "recurrence_matrix", "spectral_radius", "momentum_rate",
                 "is_stable", "optimal_momentum", "MomentumSetting", "critical_beta", "rate_map"],
}


@pytest.mark.parametrize("module", sorted(CONTRACT))
def test_contract_names_exist(module):
    assert all(hasattr(getattr(mathcore, module), name) for name in CONTRACT[module])


def test_top_level_reexports():
    assert mathcore.ValidationError is mathcore.errors.ValidationError
    assert issubclass(mathcore.ValidationError, ValueError)
    assert all(hasattr(mathcore, name) for name in mathcore.__all__)
    assert mathcore.from_eigen is mathcore.quadratic.from_eigen
