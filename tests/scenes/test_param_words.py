"""Friendlier values (issue 16): a computed default is the word 'optimal', and choices match in any case."""

from __future__ import annotations

import pytest

from hessian_lecture import overrides
from mathcore.errors import ValidationError
from scenes.catalogue import find
from scenes.ch1_basics import SlopeParams
from scenes.ch4_deep_learning import MomentumParams, MomentumScene
from scenes.ch5_summary import SummaryParams


def test_momentum_takes_optimal_in_any_case_and_computes_it():
    p = MomentumParams(step="Optimal", beta=" OPTIMAL ")
    assert (p.step, p.beta) == ("optimal", "optimal") and p == MomentumParams()
    v = MomentumScene.values(p)
    assert (v.step, v.beta) == (v.optimal_step, v.optimal_beta) and v.optimal
    mixed = MomentumScene.values(MomentumParams(beta=0.5))
    assert mixed.step == mixed.optimal_step and mixed.beta == 0.5 and not mixed.optimal


@pytest.mark.parametrize("kwargs, message", [
    ({"step": "best"}, r"step = 'best': must be a number, >= 0.001 and <= 100, or 'optimal'"),
    ({"step": 0.0}, r"step = 0.0: must be >= 0.001 and <= 100, or 'optimal'"),  # 0 no longer means optimal
    ({"beta": -1.0}, r"beta = -1.0: must be >= 0 and <= 0.999, or 'optimal'"),  # nor does -1
    ({"beta": "optimum"}, r"beta = 'optimum': must be a number, >= 0 and <= 0.999, or 'optimal'"),
])
def test_momentum_refuses_other_words_and_the_old_codes(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        MomentumParams(**kwargs)


def test_the_word_and_numbers_sweep_from_the_command_line():
    entry = find("momentum")
    variants = overrides.resolve([entry], settings=("step=OPTIMAL,0.9", "beta=optimal"))["momentum"]
    assert [(p.step, p.beta) for p in variants] == [("optimal", "optimal"), (0.9, "optimal")]


def test_choices_and_library_names_match_in_any_case():
    assert SummaryParams(sharp_curve="SHARP", flat_curve="Flat").sharp_curve == "sharp"
    assert SlopeParams(function="LogCosh").function == "logcosh"
    with pytest.raises(ValidationError, match="sharp_curve = 'sharpest': must be one of"):
        SummaryParams(sharp_curve="sharpest")


def test_quality_and_format_match_in_any_case(tmp_path):
    from click.testing import CliRunner

    from hessian_lecture.cli import cli

    result = CliRunner().invoke(cli, ["render", "title", "--quality", "LOW", "--format", "PNG", "--voice", "none",
                                      "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.glob("*.png")] and all("-low-" in p.name for p in tmp_path.glob("*.png"))
