"""Read a formula typed by a user into a SymPy expression, as data: the text is never executed.

The text is checked for size, characters and bracket depth, then parsed by Python's :mod:`ast` (which only
builds a tree) and the tree is walked against a whitelist: numbers, the inputs, ``pi`` and ``e``, ``+ - * /``,
powers (``**`` or ``^``) and the one-argument functions of :data:`FUNCTIONS`. Everything else is refused
with a :class:`FormulaError` naming the problem. Constant parts are also computed as floats while walking,
so that no constant can grow huge (``10**10**10``) or be undefined (``log(0)``) before SymPy sees it; SymPy's
own text parsers (``parse_expr``, ``sympify``), which call ``eval``, never see the text.
"""

from __future__ import annotations

import ast
import math
import unicodedata
from collections.abc import Callable

import sympy as sp

from mathcore.errors import ValidationError
from mathcore.validation import describe

MAX_LENGTH = 500  # characters of a formula
MAX_BRACKETS = 20  # nesting depth of brackets, checked before Python's parser sees the text
MAX_NODES = 200  # numbers, names and operations in the parsed tree
MAX_DEPTH = 100  # operations nested inside each other (a sum of n terms nests n - 1 deep)
MAX_EXPONENT = 100  # largest |p| in a power u**p
MAX_CONSTANT = 1e100  # largest size of any number or constant part
INPUTS_1D = ("x",)
INPUTS_2D = ("x1", "x2")
EXAMPLES = {INPUTS_1D: "x**4/4 - x**2", INPUTS_2D: "x1**2 + 3*x2**2"}


def _sigmoid(u: float) -> float:
    """1 / (1 + e^{-u}), in a form that does not overflow."""
    return 1.0 / (1.0 + math.exp(-u)) if u >= 0 else math.exp(u) / (1.0 + math.exp(u))


# name -> (SymPy constructor, float version used on constant arguments)
FUNCTIONS: dict[str, tuple[Callable, Callable]] = {
    "exp": (sp.exp, math.exp),
    "log": (sp.log, math.log),
    "sqrt": (sp.sqrt, math.sqrt),
    "sin": (sp.sin, math.sin),
    "cos": (sp.cos, math.cos),
    "tan": (sp.tan, math.tan),
    "sinh": (sp.sinh, math.sinh),
    "cosh": (sp.cosh, math.cosh),
    "tanh": (sp.tanh, math.tanh),
    "atan": (sp.atan, math.atan),
    "abs": (sp.Abs, abs),
    "sigmoid": (lambda u: 1 / (1 + sp.exp(-u)), _sigmoid),
    "softplus": (lambda u: sp.log(1 + sp.exp(u)), lambda u: max(u, 0.0) + math.log1p(math.exp(-abs(u)))),
}
CONSTANTS = {"pi": (sp.pi, math.pi), "e": (sp.E, math.e)}

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_REFUSED = {  # constructs a formula cannot hold, by tree node type
    ast.Attribute: "attribute access ('.name') is not allowed",
    ast.Lambda: "lambda is not allowed",
    ast.ListComp: "comprehensions are not allowed",
    ast.SetComp: "comprehensions are not allowed",
    ast.DictComp: "comprehensions are not allowed",
    ast.GeneratorExp: "comprehensions are not allowed",
    ast.Subscript: "indexing with [...] is not allowed",
    ast.Compare: "comparisons are not allowed",
    ast.BoolOp: "'and' and 'or' are not allowed",
    ast.IfExp: "'if ... else' is not allowed",
    ast.JoinedStr: "strings are not allowed",
    ast.List: "lists are not allowed",
    ast.Tuple: "tuples (values separated by commas) are not allowed",
    ast.Set: "sets are not allowed",
    ast.Dict: "dicts are not allowed",
    ast.NamedExpr: "assignment (:=) is not allowed",
    ast.Starred: "'*' unpacking is not allowed",
    ast.Await: "'await' is not allowed",
    ast.Yield: "'yield' is not allowed",
    ast.YieldFrom: "'yield' is not allowed",
}


class FormulaError(ValidationError):
    """A formula that cannot be used; ``reason`` says why, without the formula itself."""

    def __init__(self, text: object, reason: str) -> None:
        super().__init__(f"formula = {describe(text)}: {reason}")
        self.reason = reason


def function_list() -> str:
    return ", ".join(FUNCTIONS)


def _precheck(text: str) -> None:
    """Size, characters and bracket depth, before any parser runs (a 1 MB or 10,000-deep text stops here)."""
    if len(text) > MAX_LENGTH:
        raise ValueError(f"is {len(text)} characters long (at most {MAX_LENGTH})")
    for i, ch in enumerate(text):
        if not ch.isascii():
            name = unicodedata.name(ch, "unnamed")
            raise ValueError(f"contains {ch!r} (U+{ord(ch):04X} {name}) at character {i + 1}: write formulas with "
                             f"plain ASCII letters, digits and + - * / ^ ( )")
        if not ch.isprintable():
            raise ValueError(f"contains the control character {ch!r} at character {i + 1}")
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if depth > MAX_BRACKETS:
            raise ValueError(f"nests brackets more than {MAX_BRACKETS} deep (at character {i + 1})")


def _check_size(tree: ast.AST) -> None:
    """At most MAX_NODES expression nodes, nested at most MAX_DEPTH deep (walked without recursion)."""
    stack, count = [(tree, 0)], 0
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ast.expr):
            count, depth = count + 1, depth + 1
            if count > MAX_NODES:
                raise ValueError(f"has more than {MAX_NODES} numbers, names and operations")
            if depth > MAX_DEPTH:
                raise ValueError(f"nests operations more than {MAX_DEPTH} deep")
        stack.extend((child, depth) for child in ast.iter_child_nodes(node))


def _constant(value: float, what: str) -> float:
    if not math.isfinite(value) or abs(value) > MAX_CONSTANT:
        raise ValueError(f"{what} is too large (constants must stay below {MAX_CONSTANT:g} in size)")
    return value


def _fold(what: str, compute: Callable[[], float]) -> float:
    """A constant part computed as a float; ValueError naming ``what`` if it is undefined or too large."""
    try:
        value = compute()
    except ZeroDivisionError:
        raise ValueError(f"{what} divides by zero") from None
    except OverflowError:
        raise ValueError(f"{what} is too large (constants must stay below {MAX_CONSTANT:g} in size)") from None
    except ValueError:  # math.log(-1), math.sqrt(-1)
        raise ValueError(f"{what} is undefined (not a real number)") from None
    if isinstance(value, complex):
        raise ValueError(f"{what} is undefined (not a real number)")
    return _constant(float(value), what)


class _Reader:
    """Walks the tree into (SymPy expression, float value if the part is constant else None)."""

    def __init__(self, text: str, inputs: tuple[str, ...]) -> None:
        self.text = text
        self.inputs = inputs
        self.symbols = {name: sp.Symbol(name, real=True) for name in inputs}

    def part(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.text, node) or type(node).__name__

    def read(self, node: ast.AST) -> tuple[sp.Expr, float | None]:
        if isinstance(node, ast.Expression):
            return self.read(node.body)
        if isinstance(node, ast.Constant):
            return self.number(node.value)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.BinOp):
            return self.binary(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        raise ValueError(_REFUSED.get(type(node), f"{type(node).__name__} is not allowed in a formula"))

    def number(self, value: object) -> tuple[sp.Expr, float]:
        if isinstance(value, bool) or value is None or value is Ellipsis:
            raise ValueError(f"{value!r} is not a number")
        if isinstance(value, (str, bytes)):
            raise ValueError("strings are not allowed")
        if isinstance(value, complex):
            raise ValueError(f"imaginary numbers ({value!r}) are not allowed")
        if isinstance(value, int):
            if abs(value) > MAX_CONSTANT:
                raise ValueError(f"the number {describe(value)} is too large (at most {MAX_CONSTANT:g})")
            return sp.Integer(value), float(value)
        if isinstance(value, float):
            return sp.Float(value), _constant(value, f"the number {value!r}")
        raise ValueError(f"{type(value).__name__} values are not allowed")

    def name(self, name: str) -> tuple[sp.Expr, float | None]:
        if name in self.symbols:
            return self.symbols[name], None
        if name in CONSTANTS:
            return CONSTANTS[name]
        if name in FUNCTIONS:
            raise ValueError(f"{name} is a function: write {name}(...)")
        inputs = " and ".join(self.inputs)
        if self.inputs == INPUTS_2D and name == "x":
            raise ValueError("a 2-D formula uses x1 and x2, not x")
        if self.inputs == INPUTS_1D and name in INPUTS_2D:
            raise ValueError(f"a 1-D formula uses x, not {name}")
        raise ValueError(f"unknown name {name!r}: a formula may use {inputs}, pi, e and the functions "
                         f"{function_list()}")

    def unary(self, node: ast.UnaryOp) -> tuple[sp.Expr, float | None]:
        expr, value = self.read(node.operand)
        if isinstance(node.op, ast.USub):
            return -expr, None if value is None else -value
        if isinstance(node.op, ast.UAdd):
            return expr, value
        raise ValueError(f"the operator in {self.part(node)!r} is not allowed: use + - * / and ** (or ^)")

    def binary(self, node: ast.BinOp) -> tuple[sp.Expr, float | None]:
        if type(node.op) not in _OPERATORS:
            raise ValueError(f"the operator in {self.part(node)!r} is not allowed: use + - * / and ** (or ^)")
        (a, u), (b, v) = self.read(node.left), self.read(node.right)
        what = repr(self.part(node))
        if isinstance(node.op, ast.Pow):
            return self.power(node, a, u, b, v)
        if isinstance(node.op, ast.Div) and v == 0:
            raise ValueError(f"{what} divides by zero")
        combine = {ast.Add: lambda p, q: p + q, ast.Sub: lambda p, q: p - q, ast.Mult: lambda p, q: p * q,
                   ast.Div: lambda p, q: p / q}[type(node.op)]
        value = None if u is None or v is None else _fold(what, lambda: combine(u, v))
        return combine(a, b), value

    def power(self, node: ast.BinOp, a: sp.Expr, u: float | None, b: sp.Expr, v: float | None):
        """a**b: the exponent is a number of size at most MAX_EXPONENT, unless the base is a positive number
        (2**x, e**x)."""
        what = repr(self.part(node))
        if v is None:
            if u is None or u <= 0:
                raise ValueError(f"in {what} the exponent must be a number (like x**2 or x**0.5); for a power that "
                                 f"varies write exp(...)")
            return a**b, None
        if abs(v) > MAX_EXPONENT:
            raise ValueError(f"in {what} the exponent {v:g} is too large (at most {MAX_EXPONENT} in size)")
        if u is None:
            return a**b, None
        value = _fold(what, lambda: u**v)  # before SymPy computes an exact power
        return a**b, value

    def call(self, node: ast.Call) -> tuple[sp.Expr, float | None]:
        if isinstance(node.func, ast.Attribute):
            raise ValueError(_REFUSED[ast.Attribute])
        if not isinstance(node.func, ast.Name):
            raise ValueError(f"{self.part(node.func)!r} cannot be called: write * between factors, like 2*(x + 1)")
        name = node.func.id
        if name in self.symbols or name in CONSTANTS:
            raise ValueError(f"{name!r} is not a function: write * between factors, like {name}*(...)")
        if name not in FUNCTIONS:
            raise ValueError(f"{name!r} is not a function a formula may call: allowed are {function_list()}")
        if node.keywords:
            raise ValueError(f"keyword arguments are not allowed ({name} takes one argument)")
        if len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
            raise ValueError(f"{name} takes exactly one argument")
        symbolic, numeric = FUNCTIONS[name]
        expr, value = self.read(node.args[0])
        folded = None if value is None else _fold(repr(self.part(node)), lambda: numeric(value))
        return symbolic(expr), folded


def parse(text: object, inputs: tuple[str, ...] = INPUTS_1D) -> sp.Expr:
    """The SymPy expression of ``text`` in the real symbols ``inputs`` (:data:`INPUTS_1D` or :data:`INPUTS_2D`);
    :class:`FormulaError` if the text is not an allowed formula."""
    if not isinstance(text, str):
        raise FormulaError(text, "must be text")
    source = text.strip()
    try:
        if not source:
            raise ValueError(f"is empty: write a formula in {' and '.join(inputs)} such as {EXAMPLES[inputs]}")
        _precheck(source)
        source = source.replace("^", "**")  # ^ as a power; Python would read it as exclusive or
        try:
            tree = ast.parse(source, mode="eval")
        except SyntaxError as e:
            at = f" (at character {e.offset})" if e.offset else ""
            raise ValueError(f"is not a formula: {e.msg}{at}") from None
        _check_size(tree)
        expr, _ = _Reader(source, inputs).read(tree)
    except ValueError as e:
        raise FormulaError(text, str(e)) from None
    if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
        raise FormulaError(text, "divides by zero for every input")
    if expr.has(sp.I):
        raise FormulaError(text, "is not a real number")
    return expr
