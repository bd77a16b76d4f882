"""Scenes take a typed formula where they take a named loss, and show the numbers of its exact derivatives."""

from __future__ import annotations

import json
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest
from click.testing import CliRunner

from hessian_lecture.cli import cli
from hessian_lecture.jobs import Job
from mathcore import functions
from mathcore.errors import ValidationError
from scenes import losses
from scenes.ch1_basics import CurvatureParams, GradientParams, GradientScene, HessianParams, HessianScene, SlopeParams
from scenes.ch4_deep_learning import TaylorParams, TaylorScene

WELL = "x**4/4 - x**2 + 0.3*x"
BOWL = "x1^2 + 3*x2^2 + x1*x2"


def test_taylor_scene_of_a_formula_shows_its_exact_derivatives(dry):
    """f = x^4/4 - x^2 + 0.3 x: f' = x^3 - 2x + 0.3, f'' = 3x^2 - 2; f = x1^2 + 3 x2^2 + x1 x2: H = [[2, 1], [1, 6]]."""
    params = TaylorParams(function_1d=WELL, function_2d=BOWL)
    shown = dry(TaylorScene, params).readouts
    for k, x in enumerate(params.points_1d):
        assert shown[f"points_1d[{k}]"] == x
        assert shown[f"value_1d[{k}]"] == pytest.approx(x**4 / 4 - x**2 + 0.3 * x, abs=1e-12)
        assert shown[f"slope_1d[{k}]"] == pytest.approx(x**3 - 2 * x + 0.3, abs=1e-12)
        assert shown[f"curvature_1d[{k}]"] == pytest.approx(3 * x**2 - 2, abs=1e-12)
    for k, (x1, x2) in enumerate(np.reshape(params.points_2d, (3, 2))):
        np.testing.assert_allclose(shown[f"gradient_2d[{k}]"], [2 * x1 + x2, x1 + 6 * x2], atol=1e-12)
        assert shown[f"hessian_2d[{k}]"] == [[2.0, 1.0], [1.0, 6.0]]
        assert shown[f"shape_2d[{k}]"] == "positive definite"


def test_the_numbers_of_a_formula_equal_those_of_the_named_loss_it_spells():
    typed = TaylorScene.values(TaylorParams(function_1d=WELL))
    named = TaylorScene.values(TaylorParams(function_1d="double_well"))
    for key in ("value_1d", "slope_1d", "curvature_1d"):
        np.testing.assert_allclose(getattr(typed, key), getattr(named, key), rtol=1e-12, atol=1e-12)
    assert typed.function_1d == WELL and named.function_1d == "double_well"


def test_hessian_and_gradient_scenes_take_a_2d_formula():
    """f = x1^2 x2 + x2^2: H = [[2 x2, 2 x1], [2 x1, 2]] = [[2, 3], [3, 2]] at (1.5, 1),
    grad = (2 x1 x2, x1^2 + 2 x2) = (-2, 3) at (-1, 1)."""
    values = HessianScene.values(HessianParams(function="x1^2*x2 + x2^2", point=(1.5, 1.0)))
    assert values.hessian == [[2.0, 3.0], [3.0, 2.0]] and values.function == "x1^2*x2 + x2^2"
    values = GradientScene.values(GradientParams(function="x1^2*x2 + x2^2", point=(-1.0, 1.0), step=0.1))
    assert (values.partial_x1, values.partial_x2) == (-2.0, 3.0)


def test_a_library_name_stays_the_library_loss():
    assert losses.loss_1d("double_well") is functions.LOSSES_1D["double_well"]
    assert losses.loss_2d("rosenbrock") is functions.LOSSES_2D["rosenbrock"]
    assert TaylorParams(function_1d=" logcosh ").function_1d == "logcosh"


def test_named_losses_do_not_import_sympy():
    code = ("import sys; from scenes.catalogue import find, lecture\n"
            "params = [e.cls.Params() for e in lecture()]\n"
            "for name in ('slope', 'hessian', 'curvature'): find(name).cls.values(find(name).cls.Params())\n"
            "assert 'sympy' not in sys.modules")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_slope_scene_checks_a_formula_on_its_own_plotted_range():
    """(x - 2)^2 + log x is defined on [0.5, 3] (its flat point is near 1.707) but not on the default range."""
    text = "(x - 2)**2 + log(x)"
    p = SlopeParams(function=text, x_min=0.5, x_max=3.0, marks=(1.0, 2.0, 2.5), start=1.0, step=0.2)
    assert p.function == text
    with pytest.raises(ValidationError, match=r"^function = '\(x - 2\)\*\*2 \+ log\(x\)': f is undefined at "
                                              r"x = -2.2 \(the plotted range \[-2.2, 2.2\]\)$"):
        SlopeParams(function=text)


def test_a_bad_formula_names_the_parameter_it_came_in():
    with pytest.raises(ValidationError, match=r"^sharp = '1/x': f is infinite at x = 0"):
        CurvatureParams(sharp="1/x")
    with pytest.raises(ValidationError, match=r"^function_2d = 'x\*\*2': a 2-D formula uses x1 and x2, not x$"):
        TaylorParams(function_2d="x**2")
    with pytest.raises(ValidationError, match=r"^function = 3: must be one of bowl, .*, or a formula in x$"):
        SlopeParams(function=3)


def test_the_cache_key_of_a_job_changes_with_the_formula_text():
    jobs = [Job("taylor", TaylorParams(function_1d=text), code="fixed")
            for text in (WELL, "x**4/4 - x**2 + 0.31*x", "double_well")]
    assert len({j.digest for j in jobs}) == 3 and len({j.params_digest for j in jobs}) == 3


def test_inspect_shows_the_parsed_formula_and_its_derivatives(monkeypatch):
    from hessian_lecture import inspection

    monkeypatch.setattr(inspection, "dry_run", lambda *args, **kwargs: SimpleNamespace(beats=[]))  # no beats needed
    result = CliRunner().invoke(cli, ["inspect", "hessian", "--set", "function=x1^2*x2 + x2^2", "--voice", "none",
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["formulas"] == {"function": {
        "formula": "x1^2*x2 + x2^2", "parsed": "x1**2*x2 + x2**2", "tex": "x_{1}^{2} x_{2} + x_{2}^{2}",
        "gradient": ["2*x1*x2", "x1**2 + 2*x2"], "hessian": [["2*x2", "2*x1"], ["2*x1", "2"]]}}
    assert report["values"]["hessian"] == [[2.0, 3.0], [3.0, 2.0]]


def test_params_lists_a_formula_among_the_allowed_values():
    text = CliRunner().invoke(cli, ["params", "taylor"]).stdout
    assert "allowed bowl, sharp, flat, double_well, logcosh, or a formula in x\n" in text
    rows = {r["name"]: r for r in json.loads(CliRunner().invoke(cli, ["params", "taylor", "--json"]).stdout)}
    assert rows["function_1d"]["formula_inputs"] == ["x"] and rows["function_2d"]["formula_inputs"] == ["x1", "x2"]
    assert "formula_inputs" not in rows["points_1d"]
