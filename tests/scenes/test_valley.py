"""One recurring valley (issue 13): the optimisation scenes carry the same quadratic by default, the ball scene
slices it into its bowls, and the condition scene turns it to lie along x1."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathcore import quadratic
from scenes import theme, valley
from scenes.ch2_eigen import EigenAxesParams
from scenes.ch3_optimisation import (BALL_EIGEN, BallParams, BallScene, ConditionParams, ConditionScene,
                                     ConvergenceParams, StepSizeParams, StepSizeScene)
from scenes.ch4_deep_learning import MomentumParams
from scenes.ch5_summary import SummaryParams


def test_every_scene_from_eigen_axes_to_summary_defaults_to_the_valley():
    assert (EigenAxesParams().morph_eigenvalues, EigenAxesParams().morph_angle) == (valley.EIGENVALUES,
                                                                                   valley.ANGLE_DEG)
    c = ConvergenceParams()
    assert (c.eigenvalues, c.angle, c.step) == (valley.EIGENVALUES, valley.ANGLE_DEG, valley.STEP)
    b = BallParams()
    assert ((b.shallow, b.steep), b.step) == (valley.EIGENVALUES, valley.STEP)
    assert StepSizeParams().curvature == valley.EIGENVALUES[1]
    assert ConditionParams().eigenvalues == valley.EIGENVALUES
    m = MomentumParams()
    assert (m.eigenvalues, m.angle) == (valley.EIGENVALUES, valley.FLAT_ANGLE_DEG)
    s = SummaryParams()
    assert (s.eigenvalues, s.angle) == (valley.EIGENVALUES, valley.ANGLE_DEG)


@pytest.mark.parametrize("params", [BallParams(), BallParams(steep=4.0, shallow=0.5, step=0.3)],
                         ids=["default", "own"])
def test_the_ball_scene_cuts_the_valley_into_its_two_bowls(params, dry):
    v = BallScene.values(params).valley
    q = quadratic.from_eigen((params.shallow, params.steep), math.radians(valley.ANGLE_DEG))
    e = q.eigen()
    np.testing.assert_allclose(v.eigenvalues, [params.shallow, params.steep])
    np.testing.assert_allclose(np.abs(np.array(v.eigenvectors) @ e.vectors), np.eye(2), atol=1e-12)
    outer = quadratic.ellipse(q, v.levels[-1])
    np.testing.assert_allclose(sorted(v.slice_reach), sorted(outer.semi_axes), rtol=1e-12)
    # each bowl is the slice along its own eigenvector: the curvature of f(t v_i) is l_i
    for name, i in BALL_EIGEN.items():
        along = np.array(v.eigenvectors[i])
        t = np.array([-1.0, 0.0, 1.0])
        f = q.value(np.outer(t, along))
        assert f[0] - 2 * f[1] + f[2] == pytest.approx(getattr(params, name))
    run = dry(BallScene, params)
    assert run.beats[0]["id"] == "ball.slices"
    assert run.beat_readouts["ball.slices"]["valley.eigenvalues"] == v.eigenvalues


def test_the_bowls_keep_their_eigen_direction_colours():
    scene = BallScene()
    scene.setup()
    scene.build()
    assert scene.parts["shallow"]["color"] == theme.EIGEN_1 and scene.parts["steep"]["color"] == theme.EIGEN_2
    assert all(scene.cuts[name].get_color().to_hex() == scene.parts[name]["color"] for name in BALL_EIGEN)


def test_the_condition_scene_turns_the_valley_from_where_it_was_met(dry):
    assert ConditionScene.values(ConditionParams()).turned_from == valley.ANGLE_DEG
    run = dry(ConditionScene)
    assert "turned so that v1 lies along x1" in run.beats[0]["text"]


@pytest.mark.parametrize("params, slice_words", [(StepSizeParams(), True), (StepSizeParams(curvature=1.0), False)])
def test_the_step_size_scene_names_the_steep_slice_only_when_it_is_one(params, slice_words, dry):
    assert ("steep slice" in dry(StepSizeScene, params).beats[0]["text"]) is slice_words
