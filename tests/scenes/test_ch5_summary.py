"""Chapter 5: the summary shows mathcore's numbers, at default and at other parameters."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathcore import derivatives, functions, quadratic
from mathcore.errors import ValidationError
from scenes import theme
from scenes.ch5_summary import PICTURES, POINTS, Chapter5Card, SummaryParams, SummaryScene
from scenes.params import MAX_STEPS


def test_chapter_card_asks_three_questions():
    assert len(Chapter5Card.questions) == 3


CASES = [
    SummaryParams(),
    SummaryParams(sharp_curve="double_well", flat_curve="logcosh", eigenvalues=(0.5, 4.0), angle=-11.5,
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
    f1, f2 = v.factors
    assert abs(f1) < 1 and abs(f2) < 1 and f1 == pytest.approx(-f2)
    assert v.best_step < v.stable_step_bound
    assert v.momentum_rate < v.descent_rate


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
        ({"angle": 200.0}, r"angle = 200.0: must be >= -180 and <= 180"),
    ],
)
def test_summary_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        SummaryParams(**kwargs)


# the words of each point's line that its picture shows
TOPICS = {"curvature": "second derivative", "eigen": "eigenvectors", "factors": "1 − aλ", "zigzag": "zig-zag",
          "rates": "normalising"}


@pytest.mark.parametrize("params", CASES, ids=["default", "other"])
def test_each_point_shows_the_picture_its_line_names(dry, params):
    run = dry(SummaryScene, params)
    points = [b for b in run.beats if b["id"].startswith("summary.point")]
    assert [run.beat_readouts[b["id"]]["picture"] for b in points] == list(PICTURES)
    for beat, picture in zip(points, PICTURES):
        assert TOPICS[picture] in beat["text"]


@pytest.mark.parametrize("params", CASES, ids=["default", "other"])
def test_each_point_records_its_own_numbers(dry, params):
    by_beat = dry(SummaryScene, params).beat_readouts
    v = SummaryScene.values(params)
    expected = {"point1": ("curvature_sharp", "curvature_flat"), "point2": ("eigenvalues",),
                "point3": ("factors", "best_step", "stable_step_bound"), "point4": ("condition", "descent_rate"),
                "point5": ("condition", "condition_normalised", "momentum_rate", "descent_rate")}
    for point, keys in expected.items():
        for key in keys:
            assert by_beat[f"summary.{point}"][key] == getattr(v, key)


def test_sharp_and_flat_curves_take_the_steep_and_shallow_roles():
    assert dict(SummaryScene.CURVES) == {"sharp": theme.EIGEN_2, "flat": theme.EIGEN_1}


@pytest.mark.parametrize("params", CASES, ids=["default", "other"])
def test_normalising_and_momentum_pictures_hold(params):
    v = SummaryScene.values(params)
    A = quadratic.from_eigen(params.eigenvalues, math.radians(params.angle)).A
    d = 1 / np.sqrt(np.diag(A))
    k_normalised = np.linalg.cond(A * np.outer(d, d))
    assert v.condition_normalised == pytest.approx(k_normalised, rel=1e-9)
    assert v.condition_normalised <= v.condition * (1 + 1e-12)
    r = v.rates
    ks = np.array(r.k)
    np.testing.assert_allclose(r.descent, (ks - 1) / (ks + 1), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(r.momentum, (np.sqrt(ks) - 1) / (np.sqrt(ks) + 1), rtol=1e-12, atol=1e-15)
    assert v.condition in r.k and v.condition_normalised in r.k
    stops = v.factor_stops
    assert [s.step for s in stops] == [0.0, pytest.approx(v.best_step), pytest.approx(v.stable_step_bound)]
    assert stops[-1].factors[1] == pytest.approx(-1.0)  # at the cap the steep direction sits on the band's edge


def test_normalising_line_says_when_the_tilt_leaves_k_unchanged(dry):
    at_45 = SummaryParams(angle=45.0)
    v = SummaryScene.values(at_45)
    assert v.condition_normalised == pytest.approx(v.condition, rel=1e-9)
    assert "not at this tilt" in dry(SummaryScene, at_45).beats[5]["text"]


def test_the_curves_may_be_formulas_checked_where_they_are_drawn(dry):
    p = SummaryParams(sharp_curve="2*x**2", flat_curve="0.1*x^2 + 0.05*x^4")
    shown = dry(SummaryScene, p).readouts
    assert (shown["curvature_sharp"], shown["curvature_flat"]) == (pytest.approx(4.0), pytest.approx(0.2))
    with pytest.raises(ValidationError, match=r"sharp_curve = 'log\(x\)': f is undefined at x = -2"):
        SummaryParams(sharp_curve="log(x)")


@pytest.mark.parametrize("params", CASES, ids=["default", "other"])
def test_summary_draws_each_curve_its_tangents_and_descent_at_the_best_step(params):
    v = SummaryScene.values(params)
    for key in ("sharp", "flat"):
        loss = functions.loss_1d(getattr(params, f"{key}_curve"))
        curve = v.curves[key]
        np.testing.assert_allclose(curve.loss, loss.f(np.array(curve.x)), atol=1e-12)
        assert len(curve.tangents) >= 3
        for x, y, slope in curve.tangents:
            assert y == pytest.approx(float(loss.f(x)), abs=1e-12)
            assert slope == pytest.approx(derivatives.derivative(loss.f, x), abs=1e-6)
    t = math.radians(params.angle)
    r = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    H = r @ np.diag(params.eigenvalues) @ r.T
    a = 2 / sum(params.eigenvalues)
    zigzag = v.zigzag
    path = np.array(zigzag.path)
    assert path[0].tolist() == list(params.start) and len(path) > 2
    np.testing.assert_allclose(path[1:], path[:-1] - a * path[:-1] @ H, atol=1e-9)
    assert np.all(np.abs(path) <= [zigzag.x_range[1], zigzag.y_range[1]])
