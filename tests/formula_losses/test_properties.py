"""Random text and random valid expressions: each is accepted, with derivatives that agree with finite
differences, or refused with the project's validation error; never another exception."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import formula_losses
from mathcore import derivatives
from mathcore.errors import ValidationError

RANGE = (-2.5, 2.5)
BOX = ((-2.0, 2.0), (-2.0, 2.0))
POINTS_1D = [-2.137, -0.417, 0.973, 2.263]  # away from the grid and from kinks at simple numbers
POINTS_2D = [(-1.61, 0.37), (0.27, -0.81), (1.13, 1.49)]
SMOOTH = ["sin", "cos", "tanh", "exp", "atan", "sigmoid", "softplus", "cosh", "sinh"]
ANY = [*SMOOTH, "log", "sqrt", "abs", "tan"]

PIECES = st.sampled_from(list("x12()+-*/^. e") + ["**", "x1", "x2", "pi", "exp(", "log(", "sqrt(", "abs(", ", "])
TEXT = st.one_of(st.text(max_size=40), st.lists(PIECES, max_size=25).map("".join))


def expressions(inputs: tuple[str, ...], functions: list[str]) -> st.SearchStrategy[str]:
    """Formulas of the grammar the reader takes, built as text."""
    leaves = st.one_of(st.sampled_from(inputs), st.sampled_from(["1", "2", "3", "0.5", "1.5", "pi", "e"]))

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.builds(lambda f, a: f"{f}({a})", st.sampled_from(functions), inner),
            st.builds(lambda a: f"-({a})", inner),
            st.builds(lambda a, op, b: f"({a}) {op} ({b})", inner, st.sampled_from(["+", "-", "*", "/"]), inner),
            st.builds(lambda a, k: f"({a})**{k}", inner, st.sampled_from(["2", "3", "-1", "0.5", "(1/2)"])),
        )

    return st.recursive(leaves, grow, max_leaves=8)


def _agrees_1d(loss) -> None:
    scale = 1.0 + max(float(np.max(np.abs(g(np.linspace(*RANGE, 201))))) for g in (loss.f, loss.df, loss.d2f))
    for x in POINTS_1D:
        assert abs(float(loss.df(x)) - derivatives.derivative(loss.f, x)) <= 1e-6 * scale, loss.name
        assert abs(float(loss.d2f(x)) - derivatives.derivative(loss.df, x)) <= 1e-6 * scale, loss.name


def _agrees_2d(loss) -> None:
    grid = np.stack(np.meshgrid(np.linspace(-2, 2, 21), np.linspace(-2, 2, 21)), axis=-1)
    scale = 1.0 + max(float(np.max(np.abs(g(grid)))) for g in (loss.f, loss.grad, loss.hess))
    for x in np.array(POINTS_2D):
        assert np.max(np.abs(loss.grad(x) - derivatives.gradient_fd(loss.f, x))) <= 1e-6 * scale, loss.name
        hess_of_grad = np.stack([derivatives.gradient_fd(lambda y, i=i: loss.grad(y)[..., i], x) for i in range(2)])
        assert np.max(np.abs(loss.hess(x) - hess_of_grad)) <= 1e-6 * scale, loss.name


def _accepted_or_refused(build, text: str):
    try:
        return build(text)
    except ValidationError as e:
        assert "\n" not in str(e)
        return None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_random_text_is_accepted_or_refused_cleanly(text):
    loss = _accepted_or_refused(lambda t: formula_losses.loss_1d(t, RANGE), text)
    if loss is not None:
        _agrees_1d(loss)
    loss = _accepted_or_refused(lambda t: formula_losses.loss_2d(t, BOX), text)
    if loss is not None:
        _agrees_2d(loss)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(expressions(("x",), SMOOTH))
def test_random_smooth_1d_formula_has_exact_derivatives(text):
    loss = _accepted_or_refused(lambda t: formula_losses.loss_1d(t, RANGE), text)
    if loss is not None:
        _agrees_1d(loss)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(expressions(("x",), ANY))
def test_random_1d_formula_with_any_function_is_accepted_or_refused_cleanly(text):
    loss = _accepted_or_refused(lambda t: formula_losses.loss_1d(t, RANGE), text)
    if loss is not None:
        for x in POINTS_1D:
            assert np.isfinite([loss.f(x), loss.df(x), loss.d2f(x)]).all(), text


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(expressions(("x1", "x2"), SMOOTH))
def test_random_smooth_2d_formula_has_exact_derivatives(text):
    loss = _accepted_or_refused(lambda t: formula_losses.loss_2d(t, BOX), text)
    if loss is not None:
        _agrees_2d(loss)


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(expressions(("x1", "x2"), ANY))
def test_random_2d_formula_with_any_function_is_accepted_or_refused_cleanly(text):
    loss = _accepted_or_refused(lambda t: formula_losses.loss_2d(t, BOX), text)
    if loss is not None:
        points = np.array(POINTS_2D)
        assert all(np.isfinite(part(points)).all() for part in (loss.f, loss.grad, loss.hess)), text
