"""The network scenes of chapter 4 show mathcore's numbers, and the default run sits at the edge of stability."""

from __future__ import annotations

import math

import numpy as np
import pytest
from click.testing import CliRunner
from threadpoolctl import threadpool_limits

from hessian_lecture.cli import cli
from mathcore import network, spectrum, training
from mathcore.errors import ValidationError
from scenes import digits
from scenes.catalogue import lecture
from scenes.ch4_networks import (
    EDGE_TOLERANCE,
    LANCZOS_STEPS,
    EdgeOfStabilityScene,
    EdgeParams,
    SpectrumParams,
    SpectrumScene,
)

SMALL = EdgeParams(samples=200, width=12, depth=1, steps=400, step_sizes=(0.1, 0.4, 0.9), seed=3)


def test_the_scenes_close_chapter_4():
    names = [e.name for e in lecture()]
    assert names[names.index("momentum") + 1:names.index("momentum") + 3] == ["edge_of_stability", "spectrum"]
    assert EdgeOfStabilityScene.chapter == SpectrumScene.chapter == 4


def test_the_digits_come_from_scikit_learns_file_centred():
    x, labels = digits.digits(500)
    assert x.shape == (500, 64) and labels.shape == (500,)
    np.testing.assert_allclose(x.mean(axis=0), 0.0, atol=1e-12)
    assert set(labels) == set(range(10)) and np.all(np.bincount(labels) >= 40)  # every class, roughly balanced


def _fresh_run(p, step):
    """The run computed here from mathcore alone (no cache shared with the scene). BLAS on one thread, as the scene
    computes it: at the edge of stability the run is chaotic, so a different order of summation in a threaded
    product ends, after thousands of steps, at different weights (with the same sharpness near 2/a)."""
    x, labels = digits.digits(p.samples)
    problem = network.Problem(network.layer_sizes(64, p.width, p.depth, 10), x, network.one_hot(labels, 10))
    theta0 = network.initial_weights(problem.sizes, p.seed)
    with threadpool_limits(1):
        return training.full_batch_descent(problem, theta0, step, p.steps, p.every(), LANCZOS_STEPS, p.seed)


def test_edge_readouts_equal_a_fresh_mathcore_run(dry):
    shown = dry(EdgeOfStabilityScene, SMALL).readouts
    assert shown["weights"] == 65 * 12 + 13 * 10
    for k, step in enumerate(SMALL.step_sizes):
        run = _fresh_run(SMALL, step)
        np.testing.assert_array_equal(shown[f"runs[{k}].sharpness"], run.sharpness)  # reproducible from the seed
        assert shown[f"runs[{k}].edge"] == pytest.approx(2 / step)
        assert shown[f"runs[{k}].rises"] == len(training.rises(run.losses))
        np.testing.assert_array_equal(shown[f"runs[{k}].late_sharpness"], training.late_sharpness(run, 1 / 3))


def test_default_readouts_are_the_values(dry):
    v = EdgeOfStabilityScene.values(EdgeParams())
    shown = dry(EdgeOfStabilityScene).readouts
    for k, r in enumerate(v.runs):
        assert shown[f"runs[{k}].sharpness"] == r.sharpness
        assert shown[f"runs[{k}].regime"] == r.regime
        assert shown[f"runs[{k}].rises"] == r.rises


def test_the_default_training_sits_at_the_edge_of_stability():
    """Cohen et al.: with the steps that reach it, the sharpness over the last third stays within 10 % of 2/a; with
    the small step it stays below 2/a. The sharpness itself rises from its start for the steps that climb."""
    v = EdgeOfStabilityScene.values(EdgeParams())
    small, middle, large = v.runs
    assert max(small.late_sharpness) < small.edge
    assert small.sharpness[-1] > small.sharpness[1]  # still climbing
    for r in (middle, large):
        late = np.array(r.late_sharpness)
        assert np.all(np.abs(late - r.edge) <= EDGE_TOLERANCE * r.edge), (r.step, late)
        assert r.regime == "rides"
    assert middle.sharpness[0] < 0.9 * middle.edge  # it had to climb to get there
    assert large.rises > 0 and large.losses[-1] < 0.1 * large.losses[0]  # falls overall, not every step


def test_spectrum_readouts_equal_mathcore(dry):
    p = SpectrumParams()
    shown = dry(SpectrumScene).readouts
    run = _fresh_run(p, p.step)
    x, labels = digits.digits(p.samples)
    problem = network.Problem(network.layer_sizes(64, p.width, p.depth, 10), x, network.one_hot(labels, 10))

    def matvec(v):
        return problem.hessian_vector_product(run.weights, v)

    l_max = spectrum.sharpness(matvec, problem.dim, 40, seed=99)  # another start, more steps
    assert shown["sharpness"] == pytest.approx(l_max, rel=1e-6)
    assert shown["weights"] == problem.dim == 3466 and shown["classes"] == 10
    top = spectrum.top_eigenvalues(matvec, problem.dim, 60, 150, seed=p.seed)
    assert shown["outliers"] == int(np.sum(top > 0.1 * top[0]))
    k = shown["sharpness"] / shown["bulk_edge"]
    assert shown["condition_number"] == pytest.approx(k)
    assert shown["descent_rate"] == pytest.approx((k - 1) / (k + 1))
    assert shown["momentum_rate"] == pytest.approx((math.sqrt(k) - 1) / (math.sqrt(k) + 1))
    assert shown["bulk_factor"] == pytest.approx(1 - p.step * shown["bulk_edge"])
    assert shown["edge"] == pytest.approx(2 / p.step)
    # the picture's claims: a bulk near zero, the largest at the edge, outliers a small share of all eigenvalues
    assert 0 < shown["bulk_edge"] < 0.05 * shown["sharpness"]
    assert abs(shown["sharpness"] - shown["edge"]) <= EDGE_TOLERANCE * shown["edge"]
    assert shown["classes"] <= shown["outliers"] < 0.05 * shown["weights"]


def test_the_drawn_density_integrates_to_one():
    v = SpectrumScene.values(SpectrumParams())
    grid, phi = np.array(v.grid), 10.0 ** np.array(v.log_density)
    assert np.trapezoid(phi, grid) == pytest.approx(1.0, abs=0.02)
    assert np.trapezoid(grid * phi, grid) == pytest.approx(v.density_mean, abs=0.02)


@pytest.mark.parametrize(
    "cls, kwargs, message",
    [
        (EdgeParams, {"step_sizes": (0.3, 0.2, 0.5)}, r"step_sizes = \[0.3, 0.2, 0.5\]: must be different and in increasing"),
        (EdgeParams, {"step_sizes": (0.2, 0.3, 1.5)}, r"step_sizes = \(0.2, 0.3, 1.5\): must be >= 0.01 and <= 1"),
        (EdgeParams, {"samples": 1797, "width": 64, "depth": 3}, r"samples = 1797, width = 64, depth = 3, steps = 2000: "
                                                                   r".* more than the .* \(about 30 s\)"),
        (EdgeParams, {"samples": 20}, r"samples = 20: must be >= 50 and <= 1797"),
        (EdgeParams, {"depth": 4}, r"depth = 4: must be >= 1 and <= 3"),
        (EdgeParams, {"seed": -1}, r"seed = -1: must be >= 0"),
        (SpectrumParams, {"step": 0.0}, r"step = 0.0: must be >= 0.01 and <= 1"),
        (SpectrumParams, {"outlier_share": 0.9}, r"outlier_share = 0.9: must be >= 0.02 and <= 0.5"),
    ],
)
def test_params_reject_bad_values(cls, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        cls(**kwargs)


def test_too_much_work_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["render", "edge_of_stability", "--set", "samples=1797", "--set", "width=64",
                                      "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "multiply-adds" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("cls, params", [(EdgeOfStabilityScene, SMALL),
                                         (SpectrumScene, SpectrumParams(samples=300, width=16, depth=1, steps=800,
                                                                        step=0.5, outlier_share=0.2, seed=4))],
                         ids=["edge_of_stability", "spectrum"])
def test_other_parameters_keep_to_the_frame_and_the_length(dry, cls, params):
    run = dry(cls, params)
    assert {beat: faults for beat, faults in run.faults.items() if faults} == {}
    assert 20 <= run.duration <= 60
