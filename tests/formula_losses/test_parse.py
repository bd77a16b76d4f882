"""Hostile and broken formulas are refused with one line naming the problem, through the parser and the CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import sympy as sp
from click.testing import CliRunner

import formula_losses
from formula_losses.reader import INPUTS_2D, MAX_LENGTH
from hessian_lecture.cli import cli
from mathcore.errors import ValidationError

RANGE = (-2.5, 2.5)
BOX = ((-2.0, 2.0), (-2.0, 2.0))
DEEP = "(" * 10_000 + "x" + ")" * 10_000
MEGABYTE = "x+" * (1 << 19) + "x"

HOSTILE_1D = {  # text: what the one-line answer must say
    "empty": ("", r"is empty"),
    "blank": ("   ", r"is empty"),
    "dangling_power": ("x**", r"is not a formula"),
    "two_values": ("2 x", r"is not a formula"),
    "unclosed": ("(x", r"is not a formula: '\(' was never closed"),
    "statement": ("x; import os", r"is not a formula"),
    "import": ("import os", r"is not a formula"),
    "yield": ("(yield)", r"'yield' is not allowed"),
    "await": ("await x", r"'await' is not allowed"),
    "class_of_tuple": ("().__class__", r"attribute access"),
    "attribute": ("x.real", r"attribute access"),
    "dunder_attribute_call": ("x.__class__.__bases__[0].__subclasses__()", r"attribute access"),
    "dunder_import": ("__import__('os')", r"'__import__' is not a function a formula may call"),
    "dunder_name": ("__builtins__", r"unknown name '__builtins__'"),
    "eval": ("eval('1')", r"'eval' is not a function"),
    "open": ("open('/etc/passwd')", r"'open' is not a function"),
    "getattr": ("getattr(x, 'real')", r"'getattr' is not a function"),
    "call_of_call": ("exp(x)(2)", r"cannot be called"),
    "call_of_input": ("(x)(2)", r"'x' is not a function: write \* between factors"),
    "implicit_product": ("2(x + 1)", r"'2' cannot be called: write \* between factors"),
    "lambda": ("lambda: x", r"lambda is not allowed"),
    "list_comprehension": ("[x for x in (1, 2)]", r"comprehensions are not allowed"),
    "generator": ("sum(x for x in (1, 2))", r"comprehensions are not allowed|'sum' is not a function"),
    "string": ("'x**2'", r"strings are not allowed"),
    "f_string": ("f'{x}'", r"strings are not allowed"),
    "bytes": ("b'x'", r"strings are not allowed"),
    "keyword": ("exp(x=1)", r"keyword arguments are not allowed"),
    "double_star": ("exp(**{'x': 1})", r"keyword arguments are not allowed"),
    "star": ("exp(*[x])", r"exp takes exactly one argument"),
    "two_arguments": ("log(x, 2)", r"log takes exactly one argument"),
    "no_argument": ("exp()", r"exp takes exactly one argument"),
    "unknown_function": ("foo(x)", r"'foo' is not a function"),
    "unknown_name": ("y**2", r"unknown name 'y'"),
    "function_as_value": ("exp + x", r"exp is a function: write exp\(...\)"),
    "input_of_2d": ("x1 + x2", r"a 1-D formula uses x, not x1"),
    "tower_of_tens": ("10**10**10", r"exponent 1e\+10 is too large"),
    "tower_of_nines": ("9**9**9 * x", r"exponent 3.8742e\+08 is too large"),
    "tower_of_x": ("x**x**x**x", r"the exponent must be a number"),
    "variable_exponent": ("x**x", r"the exponent must be a number"),
    "big_exponent": ("x**1000", r"exponent 1000 is too large"),
    "deep_brackets": (DEEP, r"is 20001 characters long \(at most 500\)"),
    "brackets_under_length": ("(" * 30 + "x" + ")" * 30, r"nests brackets more than 20 deep"),
    "brackets_past_the_parser": ("(" * 240 + "x" + ")" * 240, r"nests brackets more than 20 deep"),
    "unary_chain": ("-" * 200 + "x", r"nests operations more than 100 deep"),
    "many_terms": ("+".join(["x"] * 201), r"more than (200 numbers|100 deep)"),
    "megabyte": (MEGABYTE, r"is 1048577 characters long"),
    "cyrillic_x": ("\u0445**2", r"U\+0445 CYRILLIC SMALL LETTER HA"),
    "greek_omicron": ("x**2 + \u03bf", r"U\+03BF GREEK SMALL LETTER OMICRON"),
    "fullwidth_digit": ("x**\uff12", r"U\+FF12 FULLWIDTH DIGIT TWO"),
    "math_italic_x": ("\U0001d465**2", r"MATHEMATICAL ITALIC SMALL X"),
    "superscript_two": ("x\u00b2", r"U\+00B2 SUPERSCRIPT TWO"),
    "zero_width_space": ("x\u200b+1", r"U\+200B ZERO WIDTH SPACE"),
    "minus_sign": ("\u2212x", r"U\+2212 MINUS SIGN"),
    "nul": ("x\x00", r"control character '\\x00'"),
    "newline": ("x\nimport os", r"control character '\\n'"),
    "divide_by_zero": ("1/0", r"'1/0' divides by zero"),
    "divide_by_zero_everywhere": ("1/(x - x)", r"divides by zero for every input"),
    "zero_to_negative_power": ("0**-1 + x", r"divides by zero"),
    "log_of_negatives": ("log(x)", r"f is undefined at x = -2.5 \(the plotted range \[-2.5, 2.5\]\)"),
    "sqrt_of_negatives": ("sqrt(x)", r"f is undefined at x = -2.5"),
    "fractional_power_of_negatives": ("x**0.5", r"f is undefined at x = -2.5"),
    "pole": ("1/x", r"f is infinite at x = 0"),
    "slope_pole": ("sqrt(x**2)**0.5", r"f' is (undefined|infinite) at x = 0"),
    "overflow": ("exp(exp(exp(x)))", r"f is infinite at x = 1.885"),
    "huge": ("x**20", r"f reaches 9.09e\+07 at x = -2.5, too large to show"),
    "log_of_zero": ("log(0) + x", r"'log\(0\)' is undefined"),
    "sqrt_of_minus_one": ("sqrt(-1) + x", r"'sqrt\(-1\)' is undefined"),
    "cube_root_of_negative": ("(-8)**(1/3) + x", r"is undefined \(not a real number\)"),
    "huge_literal": ("1e400 * x", r"the number inf is too large"),
    "huge_integer": ("10" + "0" * 120 + " * x", r"the number .* is too large"),
    "huge_constant": ("cosh(1000) * x", r"'cosh\(1000\)' is too large"),
    "imaginary": ("1j * x", r"imaginary numbers"),
    "boolean": ("True * x", r"True is not a number"),
    "none": ("None", r"None is not a number"),
    "ellipsis": ("...", r"Ellipsis is not a number"),
    "if_else": ("x if x > 0 else -x", r"'if ... else' is not allowed"),
    "comparison": ("x > 0", r"comparisons are not allowed"),
    "and": ("x and 1", r"'and' and 'or' are not allowed"),
    "subscript": ("x[0]", r"indexing with \[...\] is not allowed"),
    "list": ("[x]", r"lists are not allowed"),
    "tuple": ("x, 1", r"tuples"),
    "set": ("{x}", r"sets are not allowed"),
    "dict": ("{'a': x}", r"dicts are not allowed"),
    "walrus": ("(y := 2)", r"assignment \(:=\) is not allowed"),
    "modulo": ("x % 2", r"the operator in 'x % 2' is not allowed"),
    "floor_division": ("x // 2", r"operator .* is not allowed"),
    "shift": ("x << 2", r"operator .* is not allowed"),
    "matrix_product": ("x @ x", r"operator .* is not allowed"),
    "invert": ("~x", r"operator .* is not allowed"),
    "not": ("not x", r"operator .* is not allowed"),
    "constant": ("2", r"f is flat on the plotted range"),
    "zero_times_x": ("0*x", r"f is flat"),
    "pole_at_tangent": ("tan(pi/2) + x", r"divides by zero for every input"),
    "abs_of_complex": ("abs(x**0.5)", r"cannot be differentiated exactly \(im appears\)"),
}

HOSTILE_2D = {
    "x_in_2d": ("x**2 + x2", r"a 2-D formula uses x1 and x2, not x"),
    "log_on_box": ("log(x1) + x2", r"f is undefined at \(x1, x2\) = \(-2, -2\) \(the plotted box"),
    "pole_on_box": ("1/(x1**2 + x2**2)", r"f is infinite at \(x1, x2\) = \(0, 0\)"),
    "pole_between_grid_points": ("1/(x1 - 0.02) + x2",
                                 r"divides by zero near \(x1, x2\) = \(0, -2\): x1 - 0.02 changes sign"),
    "hessian_pole": ("abs(x1)**1.5 + x2", r"the Hessian is (undefined|infinite) at \(x1, x2\) = \(0, "),
    "flat_2d": ("x1 - x1 + 1", r"f is flat on the plotted box"),
    "unknown_2d": ("x3", r"unknown name 'x3': a formula may use x1 and x2"),
}

NOT_TEXT = [None, 3, 2.5, ["x"], {"x": 1}, b"x"]


def _one_line(error: Exception) -> str:
    text = str(error)
    assert "\n" not in text and len(text) < 400, text
    return text


@pytest.mark.parametrize("text, pattern", HOSTILE_1D.values(), ids=HOSTILE_1D.keys())
def test_hostile_1d_formula_is_refused_with_one_line(text, pattern):
    with pytest.raises(ValidationError) as caught:
        formula_losses.loss_1d(text, RANGE)
    assert re.search(pattern, _one_line(caught.value)), str(caught.value)
    assert isinstance(caught.value, formula_losses.FormulaError)


@pytest.mark.parametrize("text, pattern", HOSTILE_2D.values(), ids=HOSTILE_2D.keys())
def test_hostile_2d_formula_is_refused_with_one_line(text, pattern):
    with pytest.raises(ValidationError) as caught:
        formula_losses.loss_2d(text, BOX)
    assert re.search(pattern, _one_line(caught.value)), str(caught.value)


@pytest.mark.parametrize("value", NOT_TEXT, ids=repr)
def test_a_value_that_is_not_text_is_refused(value):
    with pytest.raises(formula_losses.FormulaError, match="must be text"):
        formula_losses.parse(value)


def test_the_hostile_list_is_long_enough():
    assert len(HOSTILE_1D) + len(HOSTILE_2D) + len(NOT_TEXT) >= 40


def test_a_message_shows_at_most_80_characters_of_the_formula():
    with pytest.raises(formula_losses.FormulaError) as caught:
        formula_losses.parse(MEGABYTE)
    assert len(str(caught.value)) < 160
    assert caught.value.reason == f"is {len(MEGABYTE)} characters long (at most {MAX_LENGTH})"


def test_no_eval_exec_or_sympy_text_parser_in_the_formula_package():
    """The text is data: nothing in the package hands it to eval, exec, compile, sympify or parse_expr."""
    import ast
    from pathlib import Path

    banned = {"eval", "exec", "compile", "sympify", "parse_expr", "S", "__import__"}
    for path in Path(formula_losses.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        attributes = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)} - {"S"}  # sp.S.Zero is a constant
        assert not (names | attributes) & banned, (path.name, (names | attributes) & banned)


def test_a_valid_formula_is_read_as_the_expression_it_says():
    x = sp.Symbol("x", real=True)
    assert formula_losses.parse("x**4/4 - x**2 + 0.3*x") == x**4 / 4 - x**2 + sp.Float(0.3) * x
    assert formula_losses.parse("x^2 + 1") == x**2 + 1  # ^ is a power, with a power's precedence
    assert formula_losses.parse("2^x") == 2**x and formula_losses.parse("e**x") == sp.exp(x)
    x1, x2 = sp.symbols("x1 x2", real=True)
    assert formula_losses.parse("x1*x2 - pi", INPUTS_2D) == x1 * x2 - sp.pi


# -- through the command line: one line on stderr, exit 2, nothing written ---------------------------

CLI_CASES = ["empty", "class_of_tuple", "dunder_import", "lambda", "attribute", "string", "keyword",
             "unknown_function", "tower_of_tens", "tower_of_x", "deep_brackets", "megabyte", "cyrillic_x",
             "fullwidth_digit", "divide_by_zero_everywhere", "log_of_negatives", "huge", "constant"]


def _assert_clean_failure(result, pattern: str, out) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hessian-lecture: error: scene taylor: function_1d = "), lines[0]
    assert re.search(pattern, lines[0]), lines[0]
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("case", CLI_CASES)
def test_hostile_formula_on_the_command_line(tmp_path, case):
    text, pattern = HOSTILE_1D[case]
    out = tmp_path / "out"
    if not text.strip():  # --set refuses an empty value before the formula reader sees it
        text, pattern = "  ", r"is empty"
        file = tmp_path / "p.toml"
        file.write_text(f"[taylor]\nfunction_1d = {json.dumps(text)}\n")
        args = ["--params", str(file)]
    else:
        args = ["--set", f"function_1d={text}"]
    result = CliRunner().invoke(cli, ["render", "taylor", *args, "--voice", "none", "--output", str(out)])
    _assert_clean_failure(result, pattern, out)


@pytest.mark.parametrize("case", ["dunder_import", "tuple", "two_arguments", "newline", "getattr",
                                  "list_comprehension"])
def test_hostile_formula_in_a_parameter_file(tmp_path, case):
    """Texts with commas, quotes or control characters, which a TOML string can hold."""
    text, pattern = HOSTILE_1D[case]
    file = tmp_path / "p.toml"
    file.write_text(f"[taylor]\nfunction_1d = {json.dumps(text)}\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "taylor", "--params", str(file), "--voice", "none",
                                      "--output", str(out)])
    _assert_clean_failure(result, pattern, out)


def test_a_misspelt_name_is_answered_with_the_names_and_the_formula_rule(tmp_path):
    result = CliRunner().invoke(cli, ["inspect", "slope", "--set", "function=double_wel", "--voice", "none"])
    assert result.exit_code == 2
    assert ("function = 'double_wel': must be one of bowl, sharp, flat, double_well, logcosh, or a formula in x "
            "(unknown name 'double_wel'") in result.stderr


def test_deep_brackets_in_a_real_process_end_in_one_line():
    """The 10,000-deep text in a separate interpreter: no RecursionError or MemoryError escapes."""
    code = ("import formula_losses\ntry:\n    formula_losses.parse('(' * 10000 + 'x' + ')' * 10000)\n"
            "except formula_losses.FormulaError as e:\n    print(e.reason)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "is 20001 characters long (at most 500)"
