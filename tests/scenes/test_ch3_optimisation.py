"""Chapter 3 scenes show mathcore's numbers, at default and at other parameters, and state the maths correctly."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathcore import descent, quadratic
from mathcore.errors import ValidationError
from scenes.ch3_optimisation import (
    BallParams,
    BallScene,
    Chapter3Card,
    ConditionParams,
    ConditionScene,
    ConvergenceParams,
    ConvergenceScene,
    StepSizeParams,
    StepSizeScene,
    SCENES,
)


def test_chapter_card_is_first_and_filled():
    assert SCENES[0] == ("chapter3", Chapter3Card)
    assert [name for name, _ in SCENES] == ["chapter3", "convergence", "ball", "step_size", "condition"]
    assert len(Chapter3Card.questions) == 3


def _run(dry, cls, params):
    """The dry run at ``params``; None means the class defaults (shared with the catalogue tests' cache)."""
    return dry(cls) if params is None else dry(cls, params)


# --- convergence -----------------------------------------------------------------------------------------

CONVERGENCE_CASES = [
    None,
    ConvergenceParams(eigenvalues=(3.0, 0.5), angle=-70.0, start=(2.5, -3.0), step=0.55, steps=9),
]


def _rotation(deg):
    t = math.radians(deg)
    return np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])


@pytest.mark.parametrize("params", CONVERGENCE_CASES, ids=["default", "other"])
def test_convergence_readouts_match_mathcore(dry, params):
    p = params or ConvergenceParams()
    shown = _run(dry, ConvergenceScene, params).readouts
    q = quadratic.from_eigen(p.eigenvalues, math.radians(p.angle))
    eigen = q.eigen()
    assert shown["step"] == p.step
    for i in range(2):
        assert shown[f"eigenvalues[{i}]"] == pytest.approx(sorted(p.eigenvalues)[i], abs=1e-12)
        assert shown[f"factors[{i}]"] == pytest.approx(1 - p.step * sorted(p.eigenvalues)[i], abs=1e-12)
        c0 = eigen.vectors[:, i] @ (np.array(p.start) - q.minimiser())
        assert shown[f"start_components[{i}]"] == pytest.approx(c0, abs=1e-12)
    xs = descent.descent_on_quadratic(q, p.start, p.step, p.steps)
    np.testing.assert_allclose(shown["simulated_components"], descent.eigen_coordinates(q, xs), atol=1e-12)


@pytest.mark.parametrize("params", CONVERGENCE_CASES, ids=["default", "other"])
def test_convergence_simulated_points_agree_with_the_closed_form(dry, params):
    """Dots (simulation) lie on the lines (closed form): c_i(t) = c_i (1 - a l_i)^t, built here independently."""
    p = params or ConvergenceParams()
    shown = _run(dry, ConvergenceScene, params).readouts
    simulated, predicted = np.array(shown["simulated_components"]), np.array(shown["predicted_components"])
    assert simulated.shape == predicted.shape == (p.steps + 1, 2)
    np.testing.assert_allclose(simulated, predicted, rtol=0, atol=1e-9)
    # independent of mathcore: A = R diag(l) R^T, plain iteration, numpy's own eigenvectors
    R = _rotation(p.angle)
    A = R @ np.diag(p.eigenvalues) @ R.T
    values, vectors = np.linalg.eigh(A)
    x = np.array(p.start, dtype=float)
    c0 = vectors.T @ x
    for t in range(p.steps + 1):
        expected = c0 * (1 - p.step * values) ** t  # the correct formula: factor to the power t times c_i
        np.testing.assert_allclose(np.abs(simulated[t]), np.abs(expected), atol=1e-9)  # eigh's sign is free
        np.testing.assert_allclose(np.abs(vectors.T @ x), np.abs(simulated[t]), atol=1e-9)
        x = x - p.step * (A @ x)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"step": 1.0}, r"step = 1: must be < 2/l_max = 1 "),
        ({"eigenvalues": (0.4, 4.0), "step": 0.6}, r"step = 0.6: must be < 2/l_max = 0.5"),
        ({"start": (0.0, 0.0)}, r"start = \[0.0, 0.0\]: must differ from the minimiser"),
        ({"start": (3.5, -3.5), "step": 0.95},
         r"start = \[3.5, -3.5\]: with step = 0.95 the run leaves the plotted square \|x1\|, \|x2\| <= 4 at step 1"),
        ({"start": (5.0, 0.0)}, r"start = \(5.0, 0.0\): must be >= -3.6 and <= 3.6"),
        ({"eigenvalues": (0.0, 1.0)}, r"eigenvalues = .*>= 0.05"),
        ({"steps": 0}, r"steps = 0: must be >= 1 and <= 40"),
        ({"angle": float("inf")}, r"angle = inf: must be finite"),
    ],
)
def test_convergence_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        ConvergenceParams(**kwargs)


# --- ball ------------------------------------------------------------------------------------------------

BALL_CASES = [None, BallParams(steep=1.5, shallow=0.5, step=0.9, start=1.0, steps=7, tolerance=1e-3)]


@pytest.mark.parametrize("params", BALL_CASES, ids=["default", "other"])
def test_ball_readouts_match_mathcore(dry, params):
    p = params or BallParams()
    shown = _run(dry, BallScene, params).readouts
    assert shown["step"] == p.step
    for name in ("steep", "shallow"):
        l = getattr(p, name)
        q = quadratic.Quadratic(np.array([[l]]), np.zeros(1))
        xs = descent.descent_on_quadratic(q, [p.start], p.step, p.steps)
        assert shown[f"{name}.curvature"] == l
        assert shown[f"{name}.factor"] == pytest.approx(1 - p.step * l, abs=1e-12)
        np.testing.assert_allclose(shown[f"{name}.gradients"], l * xs[:, 0], atol=1e-12)
        # the gradient after t steps is (1 - a l)^t l x0: the per-step factor, checked by hand
        np.testing.assert_allclose(shown[f"{name}.gradients"],
                                   l * p.start * (1 - p.step * l) ** np.arange(p.steps + 1), atol=1e-9)
        assert shown[f"{name}.gradients[0]"] == pytest.approx(l * p.start)
        n = descent.iterations_to_tolerance(q, [p.start], p.step, p.tolerance)
        assert shown[f"{name}.steps_to_tolerance"] == n
        # independently: the first t with |1 - a l|^t <= tolerance
        assert n == math.ceil(math.log(p.tolerance) / math.log(abs(1 - p.step * l)) - 1e-9)


@pytest.mark.parametrize("params", BALL_CASES, ids=["default", "other"])
def test_ball_steep_bowl_arrives_sooner(dry, params):
    shown = _run(dry, BallScene, params).readouts
    assert abs(shown["steep.factor"]) < abs(shown["shallow.factor"])
    assert shown["steep.steps_to_tolerance"] < shown["shallow.steps_to_tolerance"]
    steep = np.abs(shown["steep.gradients"]) / abs(shown["steep.gradients"][0])
    shallow = np.abs(shown["shallow.gradients"]) / abs(shown["shallow.gradients"][0])
    assert np.all(steep[1:] < shallow[1:])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"steep": 0.2, "shallow": 0.3}, r"steep = 0.2: must be > shallow = 0.3"),
        ({"step": 1.0}, r"step = 1: must be < 2/\(steep \+ shallow\) = 0.909091"),
        ({"start": 0.0}, r"start = 0.0: must be >= 0.2 and <= 5"),
        ({"tolerance": 0.9}, r"tolerance = 0.9: must be >= 1e-06 and <= 0.5"),
        ({"steps": 2.5}, r"steps = 2.5: must be a whole number"),
    ],
)
def test_ball_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        BallParams(**kwargs)


# --- step size -------------------------------------------------------------------------------------------

STEP_CASES = [None, StepSizeParams(curvature=0.7, multiples=(0.3, 1.0, 1.9, 2.6), frame=3.0, steps=12)]


@pytest.mark.parametrize("params", STEP_CASES, ids=["default", "other"])
def test_step_size_readouts_match_mathcore(dry, params):
    p = params or StepSizeParams()
    shown = _run(dry, StepSizeScene, params).readouts
    l = p.curvature
    assert shown["one_step_size"] == pytest.approx(1 / l, abs=1e-12)
    assert shown["stable_step_bound"] == pytest.approx(2 / l, abs=1e-12)
    assert shown["stable_step_bound"] == descent.stable_step_bound([l])
    q = quadratic.Quadratic(np.array([[l]]), np.zeros(1))
    for k, m in enumerate(p.multiples):
        a = m / l
        assert shown[f"runs[{k}].step"] == pytest.approx(a, abs=1e-12)
        assert shown[f"runs[{k}].factor"] == pytest.approx(1 - m, abs=1e-12)
        assert shown[f"runs[{k}].regime"] == descent.step_regime(a, l)
        xs = descent.descent_on_quadratic(q, [1.0], a, p.steps)[:, 0]
        exit_step = descent.first_exit(xs, ((-p.frame, p.frame),))
        if exit_step is not None:
            assert shown[f"runs[{k}].exit_step"] == exit_step
            # independently: |x_t| = |1 - m|^t first exceeds the frame
            assert exit_step == next(t for t in range(p.steps + 1) if abs(1 - m) ** t > p.frame)
        else:
            assert f"runs[{k}].exit_step" not in shown
    assert [shown[f"runs[{k}].regime"] for k in range(4)] == ["creeping", "one step", "oscillating", "diverging"]
    assert "runs[3].exit_step" in shown, "the diverging run leaves the plot at these parameters"


def test_step_size_one_over_l_lands_in_one_step():
    v = StepSizeScene.values(StepSizeParams())
    one = v.runs[1]
    assert one.positions[0] == 1.0
    assert all(abs(x) < 1e-12 for x in one.positions[1:])
    diverging = v.runs[3]
    assert len(diverging.positions) == diverging.exit_step + 1  # cut where it leaves the frame
    assert abs(diverging.positions[-1]) > StepSizeParams().frame
    assert all(abs(x) <= StepSizeParams().frame for x in diverging.positions[:-1])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"multiples": (0.5, 1.1, 1.6, 2.25)}, r"multiples = \[0.5, 1.1, 1.6, 2.25\]: must be one below 1, exactly 1,"
                                               r".*\(these give creeping, oscillating, oscillating, diverging\)"),
        ({"multiples": (0.5, 1.0, 1.6, 2.0)}, r"multiples = .*these give creeping, one step, oscillating, bouncing"),
        ({"multiples": (0.5, 1.0, 1.6)}, r"multiples = .*must be 4 numbers"),
        ({"curvature": -1.0}, r"curvature = -1.0: must be >= 0.05 and <= 20"),
        ({"frame": 1.0}, r"frame = 1.0: must be >= 1.2"),
    ],
)
def test_step_size_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        StepSizeParams(**kwargs)


# --- condition number ------------------------------------------------------------------------------------

CONDITION_CASES = [
    None,
    ConditionParams(eigenvalues=(0.5, 3.0), tolerance=1e-4, k_values=(2.0, 8.0, 30.0, 70.0), start=(3.0, -1.0),
                    steps=10),
]


@pytest.mark.parametrize("params", CONDITION_CASES, ids=["default", "other"])
def test_condition_readouts_match_mathcore(dry, params):
    p = params or ConditionParams()
    shown = _run(dry, ConditionScene, params).readouts
    lmin, lmax = p.eigenvalues
    k = lmax / lmin
    assert shown["condition_number"] == pytest.approx(k, rel=1e-12)
    assert shown["stable_step_bound"] == pytest.approx(2 / lmax, rel=1e-12)
    a = 2 / (lmin + lmax)
    assert shown["best_step"] == pytest.approx(a, rel=1e-12)
    assert shown["rate"] == pytest.approx((k - 1) / (k + 1), rel=1e-12)
    assert shown["factors[0]"] == pytest.approx(1 - a * lmin, abs=1e-12)
    assert shown["factors[1]"] == pytest.approx(1 - a * lmax, abs=1e-12)
    assert shown["factors[0]"] == pytest.approx(-shown["factors[1]"], abs=1e-12)  # equal sizes at the best step
    q = quadratic.from_eigen(p.eigenvalues)
    assert shown["iterations"] == descent.iterations_to_tolerance(q, p.start, a, p.tolerance)
    assert shown["predicted_iterations"] == descent.predicted_iterations((k - 1) / (k + 1), p.tolerance)
    assert shown["k_values"] == list(p.k_values)
    for kk, sim, pred in zip(p.k_values, shown["simulated_iterations"], shown["predicted_at_k"]):
        qk = quadratic.from_eigen((lmin, lmin * kk))
        assert sim == descent.iterations_to_tolerance(qk, p.start, 2 / (lmin + lmin * kk), p.tolerance)
        assert pred == descent.predicted_iterations((kk - 1) / (kk + 1), p.tolerance)


@pytest.mark.parametrize("params", CONDITION_CASES, ids=["default", "other"])
def test_condition_simulation_matches_prediction_and_grows_with_k(dry, params):
    shown = _run(dry, ConditionScene, params).readouts
    assert shown["simulated_iterations"] == shown["predicted_at_k"]
    assert shown["iterations"] == shown["predicted_iterations"]
    counts = shown["simulated_iterations"]
    assert all(b > a for a, b in zip(counts, counts[1:]))


def test_condition_independent_iteration_count():
    """Plain numpy descent at the best step: the error norm falls by (k-1)/(k+1) every step."""
    p = ConditionParams()
    v = ConditionScene.values(p)
    lmin = p.eigenvalues[0]
    for kk, n in zip(p.k_values, v.simulated_iterations):
        A = np.diag([lmin, lmin * kk])
        a = 2 / (lmin + lmin * kk)
        x = np.array(p.start)
        start = np.linalg.norm(x)
        t = 0
        while np.linalg.norm(x) > p.tolerance * start:
            x = x - a * (A @ x)
            t += 1
        assert n == t


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"eigenvalues": (2.0, 0.2)}, r"eigenvalues = \[2.0, 0.2\]: must be \(l_min, l_max\) with l_min < l_max"),
        ({"k_values": (1.0, 5.0)}, r"k_values = \[1.0, 5.0\]: must be 3 to 12 numbers, strictly increasing"),
        ({"k_values": (1.0, 5.0, 5.0)}, r"k_values = .*strictly increasing"),
        ({"k_values": (0.5, 5.0, 9.0)}, r"k_values = .*>= 1 and <= 1000"),
        ({"tolerance": 0.0}, r"tolerance = 0.0: must be >= 1e-08 and <= 0.5"),
        ({"start": (0.0, 1.9)}, r"start = \[0.0, 1.9\]: its second coordinate must be in \[-1.8, 1.8\]"),
    ],
)
def test_condition_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        ConditionParams(**kwargs)


def test_the_bowls_drawn_are_l_x_squared_over_two_below_the_plots_top():
    p = BallParams()
    v = BallScene.values(p)
    x_range, y_range = v.x_range, v.y_range
    for name in ("steep", "shallow"):
        curve = getattr(v, name).curve
        x, y = np.array(curve.x), np.array(curve.loss)
        assert y == pytest.approx(getattr(p, name) * x**2 / 2)
        assert x_range[0] <= x.min() and x.max() <= x_range[1] and y.max() <= y_range[1]
    assert len(v.shallow.curve.x) > len(v.steep.curve.x), "the steep bowl leaves the plot sooner"


def _contours_drawn(scene: str, p) -> tuple[list[dict], list[float], np.ndarray, tuple[float, float]]:
    """The contours a scene draws from values(), their levels, its Hessian built here from eigenvalues and angle
    (H = R diag(l) R^T, minimum at 0), and the half-sizes of its plane."""
    from scenes.ch3_optimisation import CONVERGENCE_HALF, SLICE_HALF, VALLEY_HALF

    if scene == "convergence":
        v = ConvergenceScene.values(p)
        return v.contours, v.levels, _hessian(p.eigenvalues, p.angle), (CONVERGENCE_HALF, CONVERGENCE_HALF)
    if scene == "ball":
        v = BallScene.values(p).valley
        return v.contours, v.levels, _hessian((p.shallow, p.steep), v.angle), SLICE_HALF
    v = ConditionScene.values(p)
    return v.contours, v.levels, _hessian(p.eigenvalues, 0.0), VALLEY_HALF


def _hessian(eigenvalues, deg) -> np.ndarray:
    r = _rotation(deg)
    return r @ np.diag(eigenvalues) @ r.T


@pytest.mark.parametrize("scene, params", [("convergence", ConvergenceParams()), ("convergence", CONVERGENCE_CASES[1]),
                                           ("ball", BallParams()), ("ball", BallParams(steep=4.0, shallow=0.4, step=0.3)),
                                           ("condition", ConditionParams()),
                                           ("condition", ConditionParams(eigenvalues=(0.1, 3.0)))])
def test_the_contours_drawn_are_the_level_sets_at_their_levels_inside_the_plane(scene, params):
    contours, levels, H, (hx, hy) = _contours_drawn(scene, params)
    assert len(contours) == len(levels) and len(levels) >= 4
    t = np.linspace(0.0, 2 * np.pi, 50)
    for record, level in zip(contours, levels):
        a, b = record.semi_axes
        points = np.array(record.center) + np.column_stack([a * np.cos(t), b * np.sin(t)]) @ _rotation(
            math.degrees(record.angle)).T
        np.testing.assert_allclose(0.5 * np.einsum("ni,ij,nj->n", points, H, points), level, rtol=1e-9)
        assert np.all(np.abs(points[:, 0]) <= hx + 1e-9) and np.all(np.abs(points[:, 1]) <= hy + 1e-9)
    outer = contours[-1]
    assert max(outer.semi_axes) > 0.5 * min(hx, hy), "the outer contour fills its plane"


def test_the_step_size_bowl_spans_its_plots():
    from scenes.ch3_optimisation import STEP_START

    p = StepSizeParams(curvature=3.0)
    curve = StepSizeScene.values(p).curve
    x = np.array(curve.x)
    assert x[-1] == pytest.approx(p.frame * STEP_START) and x[0] == pytest.approx(-x[-1])
    assert curve.loss == pytest.approx(3.0 * x**2 / 2)


# --- each beat shows its own state (issue 13) ------------------------------------------------------------

@pytest.mark.parametrize("params", CONDITION_CASES, ids=["default", "other"])
def test_condition_flat_factor_beat_shows_the_flat_factor_at_the_cap_above_one_minus_two_over_k(dry, params):
    p = params or ConditionParams()
    shown = _run(dry, ConditionScene, params).beat_readouts["condition.flat_factor"]
    lmin, lmax = p.eigenvalues
    cap = descent.stable_step_bound(p.eigenvalues)
    assert shown["step"] == pytest.approx(cap) == pytest.approx(2 / lmax)
    assert shown["flat_factor_at_cap"] == pytest.approx(descent.direction_factors(p.eigenvalues, cap)[0])
    assert shown["flat_factor_floor"] == pytest.approx(1 - 2 / (lmax / lmin))
    assert shown["flat_factor_at_cap"] >= shown["flat_factor_floor"] - 1e-12


def test_condition_sweep_reaches_the_cap_where_the_steep_factor_is_minus_one():
    p = ConditionParams()
    v = ConditionScene.values(p)
    steps, factors = np.array(v.sweep_steps), np.array(v.sweep_factors)
    assert steps[-1] == pytest.approx(2 / p.eigenvalues[1]) and np.all(np.diff(steps) > 0) and steps[0] > 0
    np.testing.assert_allclose(factors, 1 - np.outer(steps, p.eigenvalues), atol=1e-12)
    assert factors[-1, 1] == pytest.approx(-1.0)
    assert np.all(factors[:, 0] >= v.flat_factor_floor - 1e-12), "the flat factor stays above 1 - 2/k"


@pytest.mark.parametrize("params", CONDITION_CASES, ids=["default", "other"])
def test_condition_rate_beat_shows_the_factor_that_multiplies_the_error(dry, params):
    p = params or ConditionParams()
    run = _run(dry, ConditionScene, params)
    rate = run.beat_readouts["condition.rate"]["rate"]
    assert rate == pytest.approx(descent.best_rate(p.eigenvalues))
    errors = np.array(run.beat_readouts["condition.zigzag"]["errors"])
    np.testing.assert_allclose(errors[1:] / errors[:-1], rate, rtol=1e-9)  # each bar is the one before times the rate
    text = next(b["text"] for b in run.beats if b["id"] == "condition.rate")
    assert "multiplies the error" in text and "cuts" not in text


def test_condition_beats_show_their_own_state(dry):
    p = ConditionParams()
    shown = dry(ConditionScene).beat_readouts
    a = descent.best_step(p.eigenvalues)
    assert shown["condition.best_step"]["best_step"] == pytest.approx(a)
    assert shown["condition.best_step"]["factors[0]"] == pytest.approx(-shown["condition.best_step"]["factors[1]"])
    assert "iterations" not in shown["condition.rate"], "this valley's count belongs to the count beats"
    assert shown["condition.predicted"]["iterations"] == shown["condition.predicted"]["predicted_iterations"]
    v = ConditionScene.values(p)
    assert shown["condition.ill_conditioned"]["traced_to"] == [v.curve_k[-1], v.curve_iterations[-1]]


@pytest.mark.parametrize("params", BALL_CASES, ids=["default", "other"])
def test_ball_conclusion_compares_what_it_shows(dry, params):
    shown = _run(dry, BallScene, params).beat_readouts["ball.conclusion"]
    assert shown["steep.curvature"] > shown["shallow.curvature"]
    assert abs(shown["steep.factor"]) < abs(shown["shallow.factor"])
    assert shown["steep.steps_to_tolerance"] < shown["shallow.steps_to_tolerance"]


def test_ball_first_step_moves_x_by_the_factor(dry):
    p = BallParams()
    shown = dry(BallScene).beat_readouts
    for name in ("steep", "shallow"):
        x0, x1 = shown["ball.update_rule"][f"{name}.first_move"]
        assert x0 == p.start and x1 == pytest.approx((1 - p.step * getattr(p, name)) * x0)
        assert shown["ball.factor"][f"{name}.factor"] == pytest.approx(x1 / x0)


def test_step_size_sweep_passes_one_and_two_over_lambda_and_ends_at_the_cap(dry):
    p = StepSizeParams()
    run = dry(StepSizeScene)
    v = StepSizeScene.values(p)
    steps, factors = np.array(v.sweep_steps), np.array(v.sweep_factors)
    np.testing.assert_allclose(factors, 1 - p.curvature * steps, atol=1e-12)
    assert steps[0] > 0 and steps[-1] > 2 / p.curvature, "the sweep crosses 1/l and 2/l"
    for k, r in enumerate(v.runs):
        assert run.beat_readouts["step_size.regime_" + r.regime.replace(" ", "_")]["swept_step"] == r.step
    assert run.beat_readouts["step_size.cap"]["swept_step"] == pytest.approx(descent.stable_step_bound([p.curvature]))


@pytest.mark.parametrize("scene", [ConvergenceScene, BallScene, StepSizeScene, ConditionScene])
def test_chapter_3_words_say_a_factor_multiplies(dry, scene):
    """A rate or factor multiplies the error; "cuts by" a factor reads as a cut of that size."""
    for beat in dry(scene).beats:
        assert "cuts" not in beat["text"] and "cut the" not in beat["text"], beat["id"]


@pytest.mark.parametrize("params", CONVERGENCE_CASES, ids=["default", "other"])
def test_convergence_split_and_factor_beats_show_their_own_state(dry, params):
    """The split beat's arrows add up to the start's error; the factors beat lights 1 - a l_i; the winner is the
    factor nearer zero."""
    p = params or ConvergenceParams()
    shown = _run(dry, ConvergenceScene, params).beat_readouts
    R = _rotation(p.angle)
    values, vectors = np.linalg.eigh(R @ np.diag(p.eigenvalues) @ R.T)
    c = shown["convergence.split"]
    vecs = np.array(ConvergenceScene.values(p).eigenvectors)  # row i is v_i
    legs = sum(c[f"start_components[{i}]"] * vecs[i] for i in range(2))
    np.testing.assert_allclose(legs, p.start, atol=1e-12)  # c1 v1 + c2 v2 = x0 - x* (x* = 0)
    for i in range(2):
        assert abs(c[f"start_components[{i}]"]) == pytest.approx(abs(vectors[:, i] @ np.array(p.start)))
        assert shown["convergence.factors"][f"factors[{i}]"] == pytest.approx(1 - p.step * values[i])
    assert shown["convergence.factors"]["step"] == p.step
    plotted = np.array(shown["convergence.plot"]["predicted_components"])
    np.testing.assert_allclose(plotted, np.array(shown["convergence.run"]["simulated_components"]), atol=1e-9)
    winner = shown["convergence.winner"]["winner"]
    assert winner == int(np.argmin(np.abs(1 - p.step * values)))
    assert winner == 1, "at these steps the larger eigenvalue's factor is nearer zero, as the words say"


@pytest.mark.parametrize("params", STEP_CASES, ids=["default", "other"])
def test_step_size_each_regime_beat_lights_the_range_its_factor_lies_in(dry, params):
    p = params or StepSizeParams()
    shown = _run(dry, StepSizeScene, params).beat_readouts
    for m in p.multiples:
        regime = descent.step_regime(m / p.curvature, p.curvature)
        lo, hi = shown["step_size.regime_" + regime.replace(" ", "_")]["factor_range"]
        factor = 1 - m
        assert (lo == hi == factor) if regime == "one step" else (lo < factor < hi), regime
    assert shown["step_size.band"]["factor_range"] == (-1.0, 1.0)


def test_ball_beats_name_the_start_and_the_step(dry):
    p = BallParams()
    shown = dry(BallScene).beat_readouts
    assert shown["ball.same_start"]["start"] == p.start
    for name in ("steep", "shallow"):
        x0, x1 = shown["ball.update_rule"][f"{name}.first_move"]
        assert x0 - x1 == pytest.approx(p.step * getattr(p, name) * x0)  # the move is a times the slope l x0


def test_thick_arrows_vanish_rather_than_degenerate():
    from scenes.ch3_optimisation import MIN_ARROW, _thick_arrow
    from manim import RIGHT

    assert len(_thick_arrow(np.zeros(3), 0.5 * MIN_ARROW * RIGHT, "#FFFFFF").points) == 0
    assert len(_thick_arrow(np.zeros(3), RIGHT, "#FFFFFF").points) > 0
