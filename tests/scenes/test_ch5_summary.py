"""Chapter 5: the summary shows mathcore's numbers, at default and at other parameters."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore import derivatives, functions
from mathcore.errors import ValidationError
from scenes.ch5_summary import POINTS, Chapter5Card, SummaryParams, SummaryScene
from scenes.params import MAX_STEPS


def test_chapter_card_asks_three_questions():
    assert len(Chapter5Card.questions) == 3
    assert len(Chapter5Card.narration) == 1 + len(Chapter5Card.questions)


CASES = [
    SummaryParams(),
    SummaryParams(sharp_curve="double_well", flat_curve="logcosh", eigenvalues=(0.5, 4.0), angle=-0.2,
                  start=(2.0, 1.0), steps=20),
]


@pytest.mark.parametrize("params", CASES, ids=["default", "other"])
def test_summary_readouts_match_independent_formulas(dry, params):
    shown = dry(SummaryScene, params).readouts
    for name, key in ((params.sharp_curve, "curvature_sharp"), (params.flat_curve, "curvature_flat")):
        loss = functions.loss_1d(name)
        assert shown[key] == pytest.approx(derivatives.second_derivative(loss.f, 0.0), abs=1e-4)
    lo, hi = params.eigenvalues
    k = hi / lo
    a = 2 / (lo + hi)
    assert shown["eigenvalues"] == [lo, hi]
    assert shown["stable_step_bound"] == pytest.approx(2 / hi, rel=1e-12)
    assert shown["best_step"] == pytest.approx(a, rel=1e-12)
    np.testing.assert_allclose(shown["factors"], [1 - a * lo, 1 - a * hi], rtol=1e-12)
    assert shown["condition"] == pytest.approx(k, rel=1e-9)
    assert shown["descent_rate"] == pytest.approx((k - 1) / (k + 1), rel=1e-12)
    assert shown["momentum_rate"] == pytest.approx((np.sqrt(k) - 1) / (np.sqrt(k) + 1), rel=1e-12)


@pytest.mark.parametrize("params", CASES, ids=["default", "other"])
def test_summary_claims_hold(params):
    v = SummaryScene.values(params)
    # at the best step both factors sit inside the band, with equal size and opposite signs
    f1, f2 = v["factors"]
    assert abs(f1) < 1 and abs(f2) < 1 and f1 == pytest.approx(-f2)
    assert v["best_step"] < v["stable_step_bound"]
    assert v["momentum_rate"] < v["descent_rate"]


def test_summary_has_five_points():
    assert len(POINTS) == 5


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"sharp_curve": "cliff"}, r"sharp_curve = 'cliff': must be one of bowl"),
        ({"eigenvalues": (2.0, 1.0)}, r"eigenvalues = \[2.0, 1.0\]: must be ascending"),
        ({"eigenvalues": (-1.0, 1.0)}, r"eigenvalues = .*must be >= 0.001"),
        ({"start": (0.0, 0.0)}, r"start = \[0.0, 0.0\]: must be at least 0.1 away"),
        ({"steps": MAX_STEPS + 1}, rf"steps = {MAX_STEPS + 1}: must be >= 5 and <= {MAX_STEPS}"),
        ({"angle": 4.0}, r"angle = 4.0: must be >= -3.14159 and <= 3.14159"),
    ],
)
def test_summary_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        SummaryParams(**kwargs)
