"""The loss library: analytic derivatives against finite differences, shapes, and the advertised features."""

import dataclasses
import re
import shutil
import subprocess

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathcore.derivatives import derivative, gradient_fd, hessian_fd, second_derivative
from mathcore.errors import ValidationError
from mathcore.functions import LOSSES_1D, LOSSES_2D, Loss1D, Loss2D, loss_1d, loss_2d

NAMES_1D = sorted(LOSSES_1D)
NAMES_2D = sorted(LOSSES_2D)
unit = st.floats(0.0, 1.0)

# Independent transcriptions of each loss's formula, written naively from its tex.
REFERENCE_1D = {
    "bowl": lambda x: x**2 / 2,
    "sharp": lambda x: 3 * x**2 / 2,
    "flat": lambda x: 0.15 * x**2,
    "double_well": lambda x: x**4 / 4 - x**2 + 0.3 * x,
    "logcosh": lambda x: np.log(np.cosh(x)),
}
REFERENCE_2D = {
    "bowl": lambda a, b: (a**2 + 3 * b**2) / 2,
    "coupled": lambda a, b: a**2 / 2 + b**2 / 2 + 0.3 * a * b + 0.1 * a**2 * b,
    "rosenbrock": lambda a, b: (1 - a) ** 2 / 2 + (b - a**2) ** 2 / 2,
    "logsumexp": lambda a, b: np.log(np.exp(a + b) + np.exp(-a) + np.exp(-b)) - np.log(3),
    "saddle": lambda a, b: a**2 / 2 - b**2 / 2 + b**4 / 8,
}


def point_1d(loss, u):
    lo, hi = loss.domain
    return lo + u * (hi - lo)


def point_2d(loss, u1, u2):
    (a0, a1), (b0, b1) = loss.domain
    return np.array([a0 + u1 * (a1 - a0), b0 + u2 * (b1 - b0)])


def grid_2d(loss, n=41):
    (a0, a1), (b0, b1) = loss.domain
    g1, g2 = np.meshgrid(np.linspace(a0, a1, n), np.linspace(b0, b1, n))
    return np.stack([g1, g2], axis=-1)


def test_library_has_the_required_names():
    assert {"bowl", "sharp", "flat", "double_well", "logcosh"} <= set(LOSSES_1D)
    assert {"bowl", "coupled", "rosenbrock", "logsumexp", "saddle"} <= set(LOSSES_2D)
    assert all(loss.name == name for name, loss in {**LOSSES_1D, **LOSSES_2D}.items())
    assert all(loss_1d(n) is LOSSES_1D[n] for n in NAMES_1D) and all(loss_2d(n) is LOSSES_2D[n] for n in NAMES_2D)


@pytest.mark.parametrize("name", NAMES_1D)
@given(u=unit)
def test_1d_first_derivative_matches_central_difference(name, u):
    loss = loss_1d(name)
    x = point_1d(loss, u)
    assert loss.df(x) == pytest.approx(derivative(loss.f, x), abs=1e-7, rel=1e-7)


@pytest.mark.parametrize("name", NAMES_1D)
@given(u=unit)
def test_1d_second_derivative_matches_differences_of_f_and_of_df(name, u):
    loss = loss_1d(name)
    x = point_1d(loss, u)
    assert loss.d2f(x) == pytest.approx(second_derivative(loss.f, x), abs=1e-5, rel=1e-5)
    assert loss.d2f(x) == pytest.approx(derivative(loss.df, x), abs=1e-7, rel=1e-7)


@pytest.mark.parametrize("name", NAMES_2D)
@given(u1=unit, u2=unit)
def test_2d_gradient_matches_central_differences(name, u1, u2):
    loss = loss_2d(name)
    x = point_2d(loss, u1, u2)
    np.testing.assert_allclose(loss.grad(x), gradient_fd(loss.f, x), atol=1e-7, rtol=1e-7)


@pytest.mark.parametrize("name", NAMES_2D)
@given(u1=unit, u2=unit)
def test_2d_hessian_matches_differences_of_f_and_of_the_gradient(name, u1, u2):
    loss = loss_2d(name)
    x = point_2d(loss, u1, u2)
    H = loss.hess(x)
    np.testing.assert_allclose(H, hessian_fd(loss.f, x), atol=1e-5, rtol=1e-5)
    jacobian = np.array([gradient_fd(lambda p, i=i: loss.grad(p)[i], x) for i in range(2)])
    np.testing.assert_allclose(H, jacobian, atol=1e-7, rtol=1e-7)
    np.testing.assert_array_equal(H, H.T)


@pytest.mark.parametrize("name", NAMES_1D)
def test_1d_values_match_the_formula_in_tex_and_stay_modest(name):
    loss = loss_1d(name)
    xs = np.linspace(*loss.domain, 401)
    np.testing.assert_allclose(loss.f(xs), REFERENCE_1D[name](xs), atol=1e-12, rtol=1e-12)
    assert -3.0 <= loss.f(xs).min() and loss.f(xs).max() <= 6.5
    assert loss.domain[0] < loss.domain[1]


@pytest.mark.parametrize("name", NAMES_2D)
def test_2d_values_match_the_formula_in_tex_and_stay_modest(name):
    loss = loss_2d(name)
    grid = grid_2d(loss)
    values = loss.f(grid)
    np.testing.assert_allclose(values, REFERENCE_2D[name](grid[..., 0], grid[..., 1]), atol=1e-12, rtol=1e-12)
    assert -3.0 <= values.min() and values.max() <= 6.5
    assert all(lo < hi for lo, hi in loss.domain)


@pytest.mark.parametrize("name", NAMES_1D)
def test_1d_callables_are_vectorised_and_keep_scalars_scalar(name):
    loss = loss_1d(name)
    xs = np.linspace(*loss.domain, 12).reshape(3, 4)
    for fun in (loss.f, loss.df, loss.d2f):
        out = fun(xs)
        assert out.shape == (3, 4)
        np.testing.assert_allclose(out, [[fun(float(x)) for x in row] for row in xs], rtol=0, atol=0)
        assert np.ndim(fun(0.3)) == 0 and np.ndim(fun([0.3])) == 1
        assert np.isnan(fun(np.nan))


@pytest.mark.parametrize("name", NAMES_2D)
def test_2d_callables_broadcast_over_leading_axes(name):
    loss = loss_2d(name)
    grid = grid_2d(loss, 5)[:3]
    assert loss.f(grid).shape == (3, 5)
    assert loss.grad(grid).shape == (3, 5, 2)
    assert loss.hess(grid).shape == (3, 5, 2, 2)
    i, j = 2, 4
    np.testing.assert_allclose(loss.grad(grid)[i, j], loss.grad(grid[i, j]), rtol=1e-14)
    np.testing.assert_allclose(loss.hess(grid)[i, j], loss.hess(grid[i, j]), rtol=1e-14)
    assert np.ndim(loss.f(grid[i, j])) == 0
    assert np.isnan(loss.f([np.nan, 0.0]))


@pytest.mark.parametrize("name, curvature", [("bowl", 1.0), ("sharp", 3.0), ("flat", 0.3)])
def test_parabolas_have_the_stated_constant_curvature(name, curvature):
    loss = loss_1d(name)
    xs = np.linspace(*loss.domain, 9)
    np.testing.assert_allclose(loss.d2f(xs), curvature)
    np.testing.assert_allclose(loss.f(xs), curvature * xs**2 / 2)


def test_double_well_has_two_minima_of_different_depth():
    loss = loss_1d("double_well")
    xs = np.linspace(*loss.domain, 5001)
    slope = loss.df(xs)
    crossings = np.flatnonzero(np.sign(slope[:-1]) != np.sign(slope[1:]))
    assert len(crossings) == 3
    minima = xs[crossings[[0, 2]]]
    assert np.all(loss.d2f(minima) > 0) and loss.d2f(xs[crossings[1]]) < 0
    depths = loss.f(minima)
    assert abs(depths[0] - depths[1]) > 0.5
    np.testing.assert_allclose(minima, [-1.48, 1.34], atol=0.01)


def test_logcosh_is_convex_and_not_quadratic():
    loss = loss_1d("logcosh")
    xs = np.linspace(*loss.domain, 101)
    assert np.all(loss.d2f(xs) > 0)
    assert loss.d2f(0.0) == 1.0 and loss.d2f(2.5) < 0.05
    assert np.isfinite(loss.f(1e4)) and loss.f(1e4) == pytest.approx(1e4 - np.log(2))


def test_bowl_2d_has_hessian_diag_1_3_everywhere():
    H = loss_2d("bowl").hess(grid_2d(loss_2d("bowl"), 7))
    np.testing.assert_array_equal(H, np.broadcast_to(np.diag([1.0, 3.0]), H.shape))


def test_coupled_mixed_partial_depends_on_the_point():
    loss = loss_2d("coupled")
    mixed = loss.hess(grid_2d(loss, 9))[..., 0, 1]
    assert np.ptp(mixed) > 0.5
    np.testing.assert_allclose(loss.grad([0.0, 0.0]), 0.0)
    assert np.all(np.linalg.eigvalsh(loss.hess([0.0, 0.0])) > 0)


def test_rosenbrock_valley_minimum_is_at_one_one_and_ill_conditioned():
    loss = loss_2d("rosenbrock")
    assert loss.f([1.0, 1.0]) == 0.0
    np.testing.assert_array_equal(loss.grad([1.0, 1.0]), [0.0, 0.0])
    values = np.linalg.eigvalsh(loss.hess([1.0, 1.0]))
    assert values[0] > 0 and values[1] / values[0] == pytest.approx(17 + 12 * np.sqrt(2))


def test_logsumexp_is_strictly_convex_with_minimum_zero_at_origin():
    loss = loss_2d("logsumexp")
    assert loss.f([0.0, 0.0]) == pytest.approx(0.0, abs=1e-15)
    np.testing.assert_allclose(loss.grad([0.0, 0.0]), 0.0, atol=1e-15)
    assert np.all(np.linalg.eigvalsh(loss.hess(grid_2d(loss, 15))) > 0)
    assert np.all(loss.f(grid_2d(loss)) >= 0)
    assert np.isfinite(loss.f([800.0, 800.0])) and np.all(np.isfinite(loss.hess([800.0, -800.0])))


def test_saddle_has_a_saddle_at_origin_between_two_minima():
    loss = loss_2d("saddle")
    np.testing.assert_array_equal(loss.hess([0.0, 0.0]), np.diag([1.0, -1.0]))
    for x2 in (-np.sqrt(2), np.sqrt(2)):
        np.testing.assert_allclose(loss.grad([0.0, x2]), 0.0, atol=1e-15)
        assert np.all(np.linalg.eigvalsh(loss.hess([0.0, x2])) > 0)
        assert loss.f([0.0, x2]) == pytest.approx(-0.5)


def test_losses_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        loss_1d("bowl").name = "other"
    assert isinstance(loss_1d("bowl"), Loss1D) and isinstance(loss_2d("bowl"), Loss2D)


@pytest.mark.parametrize("loss", [*LOSSES_1D.values(), *LOSSES_2D.values()], ids=lambda loss: loss.name)
def test_tex_is_plain_math_with_balanced_braces(loss):
    tex = loss.tex
    assert tex and "$" not in tex and "**" not in tex and "\n" not in tex
    depth = 0
    for char in re.sub(r"\\[{}]", "", tex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    assert tex.count(r"\left") == tex.count(r"\right")
    assert loss.summary


@pytest.mark.skipif(shutil.which("latex") is None, reason="needs a LaTeX installation")
def test_tex_compiles_with_latex(tmp_path):
    body = "\n".join(rf"\[ f = {loss.tex} \]" for loss in [*LOSSES_1D.values(), *LOSSES_2D.values()])
    (tmp_path / "t.tex").write_text(
        "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{amssymb}\n"
        f"\\begin{{document}}\n{body}\n\\end{{document}}\n")
    result = subprocess.run(["latex", "-interaction=nonstopmode", "-halt-on-error", "t.tex"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout[-2000:]


@pytest.mark.parametrize("lookup, name", [(loss_1d, "coupled"), (loss_2d, "double_well"), (loss_1d, None)])
def test_unknown_names_list_the_known_ones(lookup, name):
    with pytest.raises(ValidationError, match="^name = .*one of 'bowl'"):
        lookup(name)
