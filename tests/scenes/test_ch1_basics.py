"""Chapter 1 scenes show mathcore's numbers, at default and at other parameters."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore import derivatives, functions
from mathcore.errors import ValidationError
from scenes.ch1_basics import SlopeParams, SlopeScene


@pytest.mark.parametrize(
    "params",
    [SlopeParams(), SlopeParams(function="logcosh", x_min=-2.0, x_max=2.0, marks=(-1.5, 0.0, 1.0))],
    ids=["default", "logcosh"],
)
def test_slope_readouts_are_the_derivative(dry, params):
    shown = dry(SlopeScene, params).readouts
    loss = functions.loss_1d(params.function)
    for k, m in enumerate(params.marks):
        assert shown[f"slope_at_marks[{k}]"] == pytest.approx(float(loss.df(m)), abs=1e-12)
        # and the analytic slope agrees with an independent finite difference
        assert shown[f"slope_at_marks[{k}]"] == pytest.approx(derivatives.derivative(loss.f, m), abs=1e-6)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"function": "nope"}, r"function = 'nope': must be one of bowl"),
        ({"x_min": 1.0, "x_max": 1.5}, r"x_max = 1.5: must be at least x_min \+ 1"),
        ({"marks": (0.0, 5.0, 1.0)}, r"marks = .*must lie in \[x_min, x_max\]"),
        ({"marks": (0.0, 1.0)}, r"marks = .*must be 3 numbers"),
        ({"x_min": float("nan")}, r"x_min = nan: must be finite"),
        ({"x_max": 99.0}, r"x_max = 99.0: must be >= -10 and <= 10"),
    ],
)
def test_slope_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        SlopeParams(**kwargs)


def test_slope_marks_sit_on_the_curve():
    values = SlopeScene.values(SlopeParams())
    loss = functions.loss_1d("double_well")
    np.testing.assert_allclose(values["loss_at_marks"], loss.f(np.array(values["marks"])))
