"""A formula's exact derivatives agree with finite differences and with the named losses they spell out."""

from __future__ import annotations

import numpy as np
import pytest

import formula_losses
from mathcore import derivatives, functions
from mathcore.errors import ValidationError

RANGE = (-2.5, 2.5)
BOX = ((-2.0, 2.0), (-2.0, 2.0))
POINTS_1D = [-2.137, -1.318, -0.417, 0.291, 0.973, 1.731, 2.263]  # away from kinks and grid points
POINTS_2D = [(-1.61, 0.37), (-0.43, -1.29), (0.27, 0.81), (1.13, -0.57), (1.77, 1.49)]

FORMULAS_1D = [
    "x**4/4 - x**2 + 0.3*x",
    "log(cosh(x))",
    "sin(3*x)*exp(-x**2)",
    "sigmoid(2*x) + softplus(-x)",
    "sqrt(1 + x**2)",
    "x*atan(x)",
    "abs(x)**3 - x",
    "tanh(x)**2 - sinh(x)/cosh(2)",
    "2^x - pi*x",
    "1/(1 + x^2) + e**(-x)/5",
    "cos(x)**2 + tan(x/2)",
]
FORMULAS_2D = [
    "sin(x1)*cos(x2) + x1*x2**3/5",
    "exp(-(x1**2 + x2**2)) + 0.1*x1",
    "sqrt(1 + x1**2 + 2*x2**2) + x1/(1 + x2**2)",
    "log(1 + exp(x1 - x2)) + tanh(x1*x2)",
]
SAME_AS_NAMED_1D = {"double_well": "x**4/4 - x**2 + 0.3*x", "logcosh": "log(cosh(x))", "sharp": "3*x**2/2"}
SAME_AS_NAMED_2D = {
    "coupled": "x1^2/2 + x2^2/2 + 0.3*x1*x2 + 0.1*x1^2*x2",
    "rosenbrock": "(1 - x1)**2/2 + (x2 - x1**2)**2/2",
    "logsumexp": "log(exp(x1 + x2) + exp(-x1) + exp(-x2)) - log(3)",
    "saddle": "x1**2/2 - x2**2/2 + x2**4/8",
}


@pytest.mark.parametrize("text", FORMULAS_1D)
def test_1d_derivatives_agree_with_finite_differences(text):
    loss = formula_losses.loss_1d(text, RANGE)
    for x in POINTS_1D:
        assert float(loss.df(x)) == pytest.approx(derivatives.derivative(loss.f, x), rel=1e-7, abs=1e-7)
        assert float(loss.d2f(x)) == pytest.approx(derivatives.second_derivative(loss.f, x), rel=1e-4, abs=1e-4)
        assert float(loss.d2f(x)) == pytest.approx(derivatives.derivative(loss.df, x), rel=1e-7, abs=1e-7)


@pytest.mark.parametrize("text", FORMULAS_2D)
def test_2d_derivatives_agree_with_finite_differences(text):
    loss = formula_losses.loss_2d(text, BOX)
    for x in np.array(POINTS_2D):
        np.testing.assert_allclose(loss.grad(x), derivatives.gradient_fd(loss.f, x), rtol=1e-7, atol=1e-7)
        np.testing.assert_allclose(loss.hess(x), derivatives.hessian_fd(loss.f, x), rtol=1e-4, atol=1e-4)
        np.testing.assert_array_equal(loss.hess(x), loss.hess(x).T)


@pytest.mark.parametrize("name", SAME_AS_NAMED_1D)
def test_a_formula_of_a_named_1d_loss_matches_its_hand_written_derivatives(name):
    named, typed = functions.loss_1d(name), formula_losses.loss_1d(SAME_AS_NAMED_1D[name], RANGE)
    xs = np.linspace(*RANGE, 41)
    for part in ("f", "df", "d2f"):
        np.testing.assert_allclose(getattr(typed, part)(xs), getattr(named, part)(xs), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("name", SAME_AS_NAMED_2D)
def test_a_formula_of_a_named_2d_loss_matches_its_hand_written_derivatives(name):
    named, typed = functions.loss_2d(name), formula_losses.loss_2d(SAME_AS_NAMED_2D[name], BOX)
    grid = np.stack(np.meshgrid(np.linspace(-2, 2, 9), np.linspace(-2, 2, 7)), axis=-1)
    for part in ("f", "grad", "hess"):
        np.testing.assert_allclose(getattr(typed, part)(grid), getattr(named, part)(grid), rtol=1e-11, atol=1e-11)


def test_a_formula_loss_has_the_shapes_and_fields_of_a_named_one():
    one = formula_losses.loss_1d("x**4/4 - x**2", RANGE)
    assert isinstance(one, functions.Loss1D) and one.domain == RANGE and one.name == "x**4/4 - x**2"
    assert one.tex == r"\frac{x^{4}}{4} - x^{2}"
    assert np.shape(one.f(0.5)) == () and one.df(np.zeros((3, 4))).shape == (3, 4)
    assert one.d2f(np.zeros(5)).shape == (5,)  # a constant part is broadcast: f'' = 3x^2 - 2 has one
    two = formula_losses.loss_2d("x1**2 + 3*x2", BOX)
    assert isinstance(two, functions.Loss2D) and two.domain == BOX
    assert two.f(np.zeros((4, 2))).shape == (4,) and two.grad(np.zeros((4, 2))).shape == (4, 2)
    np.testing.assert_array_equal(two.hess(np.zeros((3, 5, 2))),
                                  np.broadcast_to([[2.0, 0.0], [0.0, 0.0]], (3, 5, 2, 2)))
    with pytest.raises(ValidationError, match=r"^x = "):
        two.f(np.zeros(3))


def test_a_kink_has_the_slope_of_either_side_and_no_curvature_term():
    """abs is differentiated almost everywhere: f' = sign, and the delta at the kink is dropped from f''."""
    loss = formula_losses.loss_1d("abs(x) + x**2", RANGE)
    assert float(loss.df(-1.0)) == -3.0 and float(loss.df(1.0)) == 3.0
    assert float(loss.d2f(0.0)) == 2.0


def test_inspect_description_gives_the_derivatives_as_text():
    shown = formula_losses.describe("x^3 - 2*x", formula_losses.INPUTS_1D)
    assert shown == {"formula": "x^3 - 2*x", "parsed": "x**3 - 2*x", "tex": "x^{3} - 2 x",
                     "derivative": "3*x**2 - 2", "second_derivative": "6*x"}
    shown = formula_losses.describe("x1*x2**2", formula_losses.INPUTS_2D)
    assert shown["gradient"] == ["x2**2", "2*x1*x2"] and shown["hessian"] == [["0", "2*x2"], ["2*x2", "2*x1"]]
