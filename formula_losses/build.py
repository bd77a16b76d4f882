"""A parsed formula as a loss like mathcore's named ones: exact derivatives, numpy functions, checked on a domain.

SymPy differentiates the expression (gradient and Hessian); the results are turned into numpy functions by
``sympy.lambdify``, which writes code from the checked SymPy tree (whose only names are the inputs and
whitelisted functions), never from the user's text. Before a loss is returned, it and its derivatives are
evaluated on a grid over the domain the scene plots: each must be real, finite and at most
:data:`MAX_VALUE` in size there, no denominator may change sign there (a pole between grid points), and f
must not be flat there, or :class:`~formula_losses.reader.FormulaError` says where it fails.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import sympy as sp

from formula_losses.reader import INPUTS_1D, INPUTS_2D, FormulaError, parse
from mathcore import validation
from mathcore.functions import Loss1D, Loss2D

GRID_1D = 1001  # points of a 1-D domain where a formula is checked (an odd count: the middle is a point)
GRID_2D = 101  # points per side of a 2-D domain
MAX_VALUE = 1e6  # largest size of f, its slope or its curvature on the domain: beyond it a plot says nothing
MIN_SPREAD = 1e-3  # least max f - min f on the domain: a flatter loss has no curve (or surface) to draw
CACHED = 64  # formulas kept parsed and differentiated
NUMERIC = (sp.exp, sp.log, sp.sin, sp.cos, sp.tan, sp.sinh, sp.cosh, sp.tanh, sp.atan, sp.atan2, sp.Abs, sp.sign)
"""The functions a derivative may contain: those numpy evaluates (not re, im, unevaluated Derivative...)."""


@dataclass(frozen=True)
class Derived:
    """A formula's expression f, gradient (df/dx_i) and Hessian (d^2 f / dx_i dx_j) in SymPy."""

    text: str
    inputs: tuple[str, ...]
    f: sp.Expr
    grad: tuple[sp.Expr, ...]
    hess: tuple[tuple[sp.Expr, ...], ...]


def _almost_everywhere(expr: sp.Expr) -> sp.Expr:
    """``expr`` with DiracDelta terms dropped: they are zero except where abs() has a kink."""
    return expr.replace(sp.DiracDelta, lambda *args: sp.S.Zero)


@lru_cache(maxsize=CACHED)
def derive(text: str, inputs: tuple[str, ...]) -> Derived:
    """Parse ``text`` and differentiate it exactly: grad_i = df/dx_i, hess_ij = d grad_i / dx_j."""
    f = parse(text, inputs)
    xs = [sp.Symbol(name, real=True) for name in inputs]  # the same symbols as parse's (SymPy caches them)
    grad = tuple(_almost_everywhere(sp.diff(f, x)) for x in xs)
    hess = tuple(tuple(_almost_everywhere(sp.diff(g, x)) for x in xs) for g in grad)
    for expr in (*grad, *sum(hess, ())):
        for node in sp.preorder_traversal(expr):
            if isinstance(node, (sp.Derivative, sp.Subs)) or (isinstance(node, sp.Function)
                                                               and not isinstance(node, NUMERIC)):
                raise FormulaError(text, f"cannot be differentiated exactly ({type(node).__name__} appears): take "
                                         f"abs, sqrt and log only of values that stay real")
    return Derived(text.strip(), inputs, f, grad, hess)


def _numeric(expr: sp.Expr, inputs: tuple[str, ...]):
    """``expr`` as a numpy function of the input arrays, broadcast to their shape (constants too)."""
    raw = sp.lambdify([sp.Symbol(name, real=True) for name in inputs], expr, modules="numpy")

    def fn(*xs: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(raw(*xs)) + np.zeros(np.broadcast(*xs).shape)

    return fn


def _where(inputs: tuple[str, ...], point) -> str:
    if len(inputs) == 1:
        return f"x = {point[0]:.4g}"
    return f"(x1, x2) = ({point[0]:.4g}, {point[1]:.4g})"


def _check_values(text: str, name: str, values: np.ndarray, points: np.ndarray, inputs, domain_text: str) -> None:
    """``values`` of ``name`` at ``points`` (one row each) are real, finite and at most MAX_VALUE in size."""
    if np.iscomplexobj(values):
        raise FormulaError(text, f"{name} is not a real number on {domain_text}")
    values = values.reshape(len(points), -1)
    for bad, problem in ((np.isnan(values), "is undefined"), (np.isinf(values), "is infinite")):
        rows = np.flatnonzero(bad.any(axis=1))
        if rows.size:
            raise FormulaError(text, f"{name} {problem} at {_where(inputs, points[rows[0]])} ({domain_text})")
    sizes = np.max(np.abs(values), axis=1)
    if np.max(sizes) > MAX_VALUE:
        k = int(np.argmax(sizes))
        raise FormulaError(text, f"{name} reaches {sizes[k]:.3g} at {_where(inputs, points[k])}, too large to "
                                 f"show (at most {MAX_VALUE:g} on {domain_text})")


def _denominators(d: Derived) -> set[sp.Expr]:
    """Every u that f or a derivative divides by: u in u**p with p < 0, and cos(u) for tan(u)."""
    found = set()
    for expr in (d.f, *d.grad, *sum(d.hess, ())):
        for node in sp.preorder_traversal(expr):
            if isinstance(node, sp.Pow) and node.exp.is_number and node.exp.is_negative:
                found.add(node.base)
            elif isinstance(node, sp.tan):
                found.add(sp.cos(node.args[0]))
    return found


def _check_denominators(d: Derived, columns: list[np.ndarray], points: np.ndarray, domain_text: str) -> None:
    """No denominator is zero or changes sign on the grid (so none is zero between its points either)."""
    for u in sorted(_denominators(d), key=str):
        values = np.real(_numeric(u, d.inputs)(*columns)).ravel()
        if np.any(values <= 0) and np.any(values >= 0):
            k = int(np.argmin(np.abs(values)))
            raise FormulaError(d.text, f"divides by zero near {_where(d.inputs, points[k])}: {u} changes sign or "
                                       f"is 0 on {domain_text}")


def _check_spread(text: str, values: np.ndarray, domain_text: str) -> None:
    """f changes by at least MIN_SPREAD over the domain."""
    spread = float(np.max(values) - np.min(values))
    if spread < MIN_SPREAD:
        raise FormulaError(text, f"f is flat on {domain_text}: it changes by {spread:.3g} there, too little to draw "
                                 f"(at least {MIN_SPREAD:g})")


@lru_cache(maxsize=CACHED)
def loss_1d(text: str, domain: tuple[float, float]) -> Loss1D:
    """The formula ``text`` in ``x`` as a :class:`Loss1D` with exact f' and f'', checked on ``domain``."""
    d = derive(text, INPUTS_1D)
    f, df, d2f = (_numeric(e, INPUTS_1D) for e in (d.f, d.grad[0], d.hess[0][0]))
    lo, hi = domain
    xs = np.linspace(lo, hi, GRID_1D)
    where = f"the plotted range [{lo:g}, {hi:g}]"
    for name, fn in (("f", f), ("f'", df), ("f''", d2f)):
        _check_values(text, name, fn(xs), xs[:, None], INPUTS_1D, where)
    _check_denominators(d, [xs], xs[:, None], where)
    _check_spread(text, f(xs), where)

    def value(x):
        return f(validation.float_array("x", x))

    def slope(x):
        return df(validation.float_array("x", x))

    def curvature(x):
        return d2f(validation.float_array("x", x))

    summary = f"your formula; f'(x) = {d.grad[0]}, f''(x) = {d.hess[0][0]}"
    return Loss1D(d.text, sp.latex(d.f), value, slope, curvature, (float(lo), float(hi)), summary)


@lru_cache(maxsize=CACHED)
def loss_2d(text: str, domain: tuple[tuple[float, float], tuple[float, float]]) -> Loss2D:
    """The formula ``text`` in ``x1`` and ``x2`` as a :class:`Loss2D` with exact gradient and Hessian, checked on
    the box ``domain``."""
    d = derive(text, INPUTS_2D)
    f = _numeric(d.f, INPUTS_2D)
    grad = [_numeric(e, INPUTS_2D) for e in d.grad]
    hess = [[_numeric(e, INPUTS_2D) for e in row] for row in d.hess]

    def parts(x) -> tuple[np.ndarray, np.ndarray]:
        x = validation.float_array("x", x, shape=(..., 2))
        return x[..., 0], x[..., 1]

    def value(x):
        return f(*parts(x))

    def gradient(x):
        x1, x2 = parts(x)
        return np.stack([g(x1, x2) for g in grad], axis=-1)

    def hessian(x):
        x1, x2 = parts(x)
        return np.stack([np.stack([h(x1, x2) for h in row], axis=-1) for row in hess], axis=-2)

    (a, b), (c, e) = domain
    u, w = np.meshgrid(np.linspace(a, b, GRID_2D), np.linspace(c, e, GRID_2D), indexing="ij")
    points = np.stack([u.ravel(), w.ravel()], axis=-1)
    where = f"the plotted box [{a:g}, {b:g}] x [{c:g}, {e:g}]"
    for name, fn in (("f", value), ("the gradient", gradient), ("the Hessian", hessian)):
        _check_values(text, name, fn(points), points, INPUTS_2D, where)
    _check_denominators(d, [points[:, 0], points[:, 1]], points, where)
    _check_spread(text, value(points), where)
    summary = f"your formula; gradient ({d.grad[0]}, {d.grad[1]})"
    box = ((float(a), float(b)), (float(c), float(e)))
    return Loss2D(d.text, sp.latex(d.f), value, gradient, hessian, box, summary)


def describe(text: str, inputs: tuple[str, ...]) -> dict:
    """The parsed formula and its exact derivatives as plain text and LaTeX (for ``inspect``)."""
    d = derive(text, inputs)
    shown = {"formula": d.text, "parsed": str(d.f), "tex": sp.latex(d.f)}
    if inputs == INPUTS_1D:
        return {**shown, "derivative": str(d.grad[0]), "second_derivative": str(d.hess[0][0])}
    return {**shown, "gradient": [str(g) for g in d.grad], "hessian": [[str(h) for h in row] for row in d.hess]}
