"""Chapter 4 scenes show mathcore's numbers, at default and at other parameters, and make correct claims."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mathcore import derivatives, functions, least_squares, momentum, quadratic, taylor
from hessian_lecture.inspection import dry_run
from mathcore.errors import ValidationError
from scenes import ch4_deep_learning as ch4
from scenes.ch4_deep_learning import (
    Chapter4Card,
    MomentumParams,
    MomentumScene,
    NormaliseParams,
    NormaliseScene,
    TaylorParams,
    TaylorScene,
)
from scenes.params import MAX_STEPS


def test_chapter_card_asks_three_questions():
    assert len(Chapter4Card.questions) == 3


# -- Taylor expansion ------------------------------------------------------------------------------

TAYLOR_CASES = [
    TaylorParams(),
    TaylorParams(function_1d="logcosh", points_1d=(-2.0, 0.0, 1.5), function_2d="saddle",
                 points_2d=(1.0, 1.5, 0.5, 0.2, -1.0, -1.2)),
]


def _shape_from_eigenvalues(values: np.ndarray, tol: float = 1e-9) -> str:
    if np.min(np.abs(values)) <= tol * max(1.0, np.max(np.abs(values))):
        return "singular"
    if np.all(values > 0):
        return "positive definite"
    if np.all(values < 0):
        return "negative definite"
    return "indefinite"


@pytest.mark.parametrize("params", TAYLOR_CASES, ids=["default", "logcosh-saddle"])
def test_taylor_readouts_are_value_slope_and_curvature(dry, params):
    shown = dry(TaylorScene, params).readouts
    loss1 = functions.loss_1d(params.function_1d)
    for k, x in enumerate(params.points_1d):
        assert shown[f"points_1d[{k}]"] == x
        assert shown[f"value_1d[{k}]"] == pytest.approx(float(loss1.f(x)), abs=1e-12)
        assert shown[f"slope_1d[{k}]"] == pytest.approx(derivatives.derivative(loss1.f, x), abs=1e-6)
        assert shown[f"curvature_1d[{k}]"] == pytest.approx(derivatives.second_derivative(loss1.f, x), abs=1e-4)
    loss2 = functions.loss_2d(params.function_2d)
    for k, x in enumerate(np.reshape(params.points_2d, (3, 2))):
        assert shown[f"points_2d[{k}]"] == pytest.approx(x.tolist())
        assert shown[f"value_2d[{k}]"] == pytest.approx(float(loss2.f(x)), abs=1e-12)
        np.testing.assert_allclose(shown[f"gradient_2d[{k}]"], derivatives.gradient_fd(loss2.f, x), atol=1e-6)
        H = derivatives.hessian_fd(loss2.f, x)
        np.testing.assert_allclose(shown[f"hessian_2d[{k}]"], H, atol=1e-4)
        eig = np.linalg.eigvalsh(np.array(loss2.hess(x)))
        np.testing.assert_allclose(shown[f"eigenvalues_2d[{k}]"], eig, atol=1e-12)
        assert shown[f"shape_2d[{k}]"] == _shape_from_eigenvalues(eig)


def test_taylor_default_visits_a_saddle_and_two_bowls():
    shapes = TaylorScene.values(TaylorParams()).shape_2d
    assert shapes == ["positive definite", "indefinite", "positive definite"]
    assert TaylorScene.values(TaylorParams()).curvature_1d[1] < 0  # the 1-D model opens downward on the hump


@pytest.mark.parametrize("params", TAYLOR_CASES, ids=["default", "logcosh-saddle"])
def test_taylor_model_error_is_third_order(params):
    """The model drawn agrees with the loss up to O(|d|^3): halving d divides the gap by about 8 (or less)."""
    loss2 = functions.loss_2d(params.function_2d)
    direction = np.array([0.6, -0.8])
    for x in np.reshape(params.points_2d, (3, 2)):
        model = taylor.taylor_2d(loss2, x)
        gaps = [abs(float(model(x + h * direction)) - float(loss2.f(x + h * direction))) for h in (0.02, 0.01)]
        assert gaps[1] <= gaps[0] / 7.0 + 1e-13


def test_model_contours_pass_through_the_point_ellipses_in_a_bowl_hyperbolas_at_a_saddle():
    loss = functions.loss_2d("rosenbrock")
    box = np.array(loss.domain, dtype=float)
    levels = np.array([0.05, 0.3, 1.0, 2.0, 3.0])
    for x, runs in (((-1.0, 0.5), 1), ((0.0, 1.0), 2)):  # a bowl (one ellipse, cut by the box), a saddle (two branches)
        model = taylor.taylor_2d(loss, np.array(x))
        q = model.as_quadratic()
        curves = ch4._model_contours(model, levels, box)
        assert curves.family and curves.through
        through = np.concatenate([np.array(run) for run in curves.through])
        inner = np.concatenate([np.array(run)[1:-1] for run in curves.through])  # the ends are cut at the box
        np.testing.assert_allclose(q.value(inner), model.f0, atol=1e-9)  # on the model's level set at f(x0)
        spacing = max(np.max(np.linalg.norm(np.diff(np.array(run), axis=0), axis=1)) for run in curves.through)
        assert np.min(np.linalg.norm(through - x, axis=1)) < spacing  # and through the point itself
        assert np.all((through >= box[:, 0] - 1e-9) & (through <= box[:, 1] + 1e-9))
        assert len(curves.through) == runs


@pytest.mark.parametrize("params", TAYLOR_CASES, ids=["default", "logcosh-saddle"])
def test_each_taylor_stop_beat_shows_its_own_stop_from_mathcore(dry, params):
    run = dry(TaylorScene, params)
    beats = run.beat_readouts
    loss1, loss2 = functions.loss_1d(params.function_1d), functions.loss_2d(params.function_2d)
    for k, beat in ((1, "taylor.stop1"), (2, "taylor.stop2")):
        shown = beats[beat]
        assert {key for key in shown} == {f"{name}[{k}]" for name in ("points_1d", "value_1d", "slope_1d",
                                                                        "curvature_1d")}
        assert shown[f"curvature_1d[{k}]"] == pytest.approx(float(loss1.d2f(params.points_1d[k])), abs=1e-12)
    for k, x in enumerate(np.reshape(params.points_2d, (3, 2))):
        beat = "taylor.model2d" if k == 0 else f"taylor.move{k}"
        shown = beats[beat]
        assert all(key.endswith(f"[{k}]") for key in shown), f"{beat} shows another stop: {sorted(shown)}"
        eig = np.linalg.eigvalsh(np.array(loss2.hess(x)))
        assert shown[f"points_2d[{k}]"] == pytest.approx(x.tolist())
        np.testing.assert_allclose(shown[f"hessian_2d[{k}]"], loss2.hess(x), atol=1e-12)
        np.testing.assert_allclose(shown[f"eigenvalues_2d[{k}]"], eig, atol=1e-12)
        assert shown[f"shape_2d[{k}]"] == _shape_from_eigenvalues(eig)
        if k:
            text = next(b["text"] for b in run.beats if b["id"] == beat)
            assert ch4.SHAPE_LINES[shown[f"shape_2d[{k}]"]] in text  # the words name the class the panel shows


@pytest.mark.parametrize("params", TAYLOR_CASES, ids=["default", "logcosh-saddle"])
def test_taylor_stop_lines_differ_and_name_each_curvature_sign(dry, params):
    texts = {b["id"]: b["text"] for b in dry(TaylorScene, params).beats}
    assert texts["taylor.stop1"] != texts["taylor.stop2"]
    loss1 = functions.loss_1d(params.function_1d)
    for k in (1, 2):
        h = float(loss1.d2f(params.points_1d[k]))
        assert ("negative" if h < 0 else "positive" if h > 0 else "zero") in texts[f"taylor.stop{k}"]


def test_taylor_second_stop_compares_its_curvature_with_the_first():
    scene = TaylorScene.with_params(TaylorParams(function_1d="logcosh", points_1d=(-2.0, 0.0, 1.5)))
    v = TaylorScene.values(scene.params)
    h = v.curvature_1d
    line = scene._stop_line_1d(type("S", (), {"v": v})(), 2)
    assert ("smaller: a wider model" if abs(h[2]) < abs(h[1]) else "larger: a narrower model") in line


def test_taylor_frames_the_whole_curvature_row_at_each_stop():
    """The frame round f''(x) fits the number shown at its stop (it was once sized for the stop before)."""
    framed = []

    def play(self, *animations, **kwargs):
        TaylorScene.play(self, *animations, **kwargs)
        box = getattr(self, "row_box", None)
        if box is not None and box in self.mobjects:
            row = self.rows[3]
            framed.append((self.current_beat, box.get_left()[0] <= row.get_left()[0]
                           and box.get_right()[0] >= row.get_right()[0]))

    dry_run(type("TaylorScene", (TaylorScene,), {"play": play}), voice="none")
    assert {beat for beat, _ in framed} == {"taylor.stop1", "taylor.stop2"}
    assert [beat for beat, inside in framed if not inside] == []


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"function_1d": "nope"}, r"function_1d = 'nope': must be one of bowl"),
        ({"function_2d": "bowl3"}, r"function_2d = 'bowl3': must be one of bowl"),
        ({"points_1d": (0.0, 3.0, 1.0)}, r"points_1d = .*must lie in the domain of double_well, \[-2.5, 2.5\]"),
        ({"points_2d": (0.0, 0.0, 0.0, 3.0, 1.0, 1.0)}, r"points_2d = .*must lie in the domain of rosenbrock"),
        ({"points_2d": (0.0, 0.0)}, r"points_2d = .*must be 6 numbers"),
        ({"points_1d": (0.0, float("inf"), 1.0)}, r"points_1d = .*must be finite"),
    ],
)
def test_taylor_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        TaylorParams(**kwargs)


# -- Normalising the inputs ------------------------------------------------------------------------

NORMALISE_CASES = [
    NormaliseParams(),
    NormaliseParams(input_mean=(-3.0, 5.0), scales=(0.5, 2.0), samples=300, seed=7, tolerance=1e-4),
]


def _descent_iterations(H: np.ndarray, b: np.ndarray, step: float, tol: float) -> int:
    """Independent count: plain loop of w <- w - step (H w - b) from w = 0 until the error is tol of the start."""
    w_star = np.linalg.solve(H, b)
    w = np.zeros(2)
    target = tol * np.linalg.norm(w_star)
    for t in range(200_000):
        if np.linalg.norm(w - w_star) <= target:
            return t
        w = w - step * (H @ w - b)
    raise AssertionError("did not converge")


@pytest.mark.parametrize("params", NORMALISE_CASES, ids=["default", "other"])
def test_normalise_readouts_match_an_independent_computation(dry, params):
    shown = dry(NormaliseScene, params).readouts
    X = least_squares.make_inputs(params.samples, params.input_mean, params.scales, params.seed)
    y = least_squares.make_targets(X, ch4.TARGET_WEIGHTS, ch4.TARGET_NOISE, params.seed + 1)
    n = len(X)
    m = X.mean(axis=0)
    S = np.cov(X.T, bias=True)
    Xs = (X - m) / X.std(axis=0)
    problems = {"raw": (X.T @ X / n, X.T @ y / n), "standardised": (Xs.T @ Xs / n, Xs.T @ y / n)}
    spectra = {"raw": np.linalg.eigvalsh(problems["raw"][0]), "centred": np.linalg.eigvalsh(S),
               "standardised": np.linalg.eigvalsh(problems["standardised"][0])}
    for name, eig in spectra.items():
        if name != "centred":  # for the centred inputs only k is shown
            np.testing.assert_allclose(shown[f"eigenvalues_{name}"], eig, rtol=1e-10)
        assert shown[f"condition_{name}"] == pytest.approx(eig[-1] / eig[0], rel=1e-10)
    bound = m @ m + m @ S @ m / (m @ m)
    assert shown["bound"] == pytest.approx(bound, rel=1e-10)
    assert shown["bound"] <= spectra["raw"][-1] + 1e-9
    assert shown["tolerance"] == params.tolerance
    for name, (H, b) in problems.items():
        eig = spectra[name]
        expected = _descent_iterations(H, b, 2.0 / (eig[0] + eig[-1]), params.tolerance)
        assert shown[f"iterations_{name}"] == expected


@pytest.mark.parametrize("params", NORMALISE_CASES, ids=["default", "other"])
def test_normalising_lowers_k_and_the_step_count(params):
    v = NormaliseScene.values(params)
    assert v.condition_standardised < v.condition_raw
    assert v.iterations_standardised < v.iterations_raw
    # H = S + m m^T: the mean's outer product is exactly what centring removes
    H = np.array(v.covariance) + np.outer(v.sample_mean, v.sample_mean)
    np.testing.assert_allclose(v.hessian_raw, H, rtol=1e-10, atol=1e-12)


def test_normalise_default_centring_then_scaling_each_help():
    v = NormaliseScene.values(NormaliseParams())
    assert v.condition_standardised < v.condition_centred < v.condition_raw
    assert v.eigenvalues_centred[-1] < v.bound <= v.eigenvalues_raw[-1]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"input_mean": (0.0, 0.2)}, r"input_mean = \[0.0, 0.2\]: must be at least 0.5 away from \(0, 0\)"),
        ({"scales": (0.0, 1.0)}, r"scales = .*must be >= 0.05 and <= 5"),
        ({"samples": 5}, r"samples = 5: must be >= 10 and <= 5000"),
        ({"samples": 10.5}, r"samples = 10.5: must be a whole number"),
        ({"seed": -1}, r"seed = -1: must be >= 0"),
        ({"tolerance": 0.9}, r"tolerance = 0.9: must be >= 1e-08 and <= 0.5"),
    ],
)
def test_normalise_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        NormaliseParams(**kwargs)


# -- Momentum -------------------------------------------------------------------------------------

MOMENTUM_CASES = [
    MomentumParams(),
    MomentumParams(eigenvalues=(0.2, 2.0), angle=-17.0, start=(2.0, -1.0), step=0.5, beta=0.5, steps=60),
]


def _spectral_radius(a: float, b: float, lam: float) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(np.array([[1 + b - a * lam, -b], [1.0, 0.0]])))))


@pytest.mark.parametrize("params", MOMENTUM_CASES, ids=["default", "own-a-b"])
def test_momentum_readouts_match_the_formulas(dry, params):
    shown = dry(MomentumScene, params).readouts
    lo, hi = params.eigenvalues
    k = hi / lo
    assert shown["eigenvalues"] == [lo, hi]
    assert shown["condition"] == pytest.approx(k, rel=1e-12)
    assert shown["descent_step"] == pytest.approx(2 / (lo + hi), rel=1e-12)
    assert shown["descent_rate"] == pytest.approx((k - 1) / (k + 1), rel=1e-12)
    assert shown["optimal_step"] == pytest.approx((2 / (np.sqrt(hi) + np.sqrt(lo))) ** 2, rel=1e-12)
    assert shown["optimal_beta"] == pytest.approx(((np.sqrt(k) - 1) / (np.sqrt(k) + 1)) ** 2, rel=1e-12)
    assert shown["optimal_rate"] == pytest.approx((np.sqrt(k) - 1) / (np.sqrt(k) + 1), rel=1e-12)
    a = shown["optimal_step"] if params.step == "optimal" else params.step
    b = shown["optimal_beta"] if params.beta == "optimal" else params.beta
    assert shown["step"] == pytest.approx(a) and shown["beta"] == pytest.approx(b)
    if params.step != "optimal" or params.beta != "optimal":
        assert shown["momentum_rate"] == pytest.approx(max(_spectral_radius(a, b, l) for l in (lo, hi)), rel=1e-6)
        assert shown["stable"] == (shown["momentum_rate"] < 1)


def test_momentum_with_a_step_too_large_says_it_does_not_converge(dry):
    params = MomentumParams(step=5.0, beta=0.1, steps=30)
    shown = dry(MomentumScene, params).readouts
    assert shown["stable"] is False
    assert shown["momentum_rate"] == pytest.approx(_spectral_radius(5.0, 0.1, params.eigenvalues[1]), rel=1e-9)
    assert shown["momentum_rate"] > 1


def test_momentum_at_the_optimum_every_direction_decays_at_sqrt_b():
    v = MomentumScene.values(MomentumParams())
    a, b = v.optimal_step, v.optimal_beta
    for lam in np.linspace(*v.eigenvalues, 7):
        assert _spectral_radius(a, b, lam) == pytest.approx(np.sqrt(b), rel=1e-6)
    assert v.momentum_rate == pytest.approx(v.optimal_rate, rel=1e-6)
    assert v.optimal_rate < v.descent_rate
    # the best momentum step exceeds 2 / l_max: plain descent would diverge with it, the recurrence does not
    assert a * v.eigenvalues[1] > 2 and v.stable


@pytest.mark.parametrize("params", MOMENTUM_CASES, ids=["default", "own-a-b"])
def test_each_eigen_direction_follows_the_two_term_recurrence(params):
    v = MomentumScene.values(params)
    q = quadratic.from_eigen(params.eigenvalues, math.radians(params.angle))
    xs = momentum.heavy_ball_on_quadratic(q, np.array(params.start), v.step, v.beta, params.steps)
    e = (xs - q.minimiser()) @ np.linalg.eigh(q.A)[1]
    a, b = v.step, v.beta
    for i, lam in enumerate(np.linalg.eigvalsh(q.A)):
        predicted = (1 + b - a * lam) * e[1:-1, i] - b * e[:-2, i]
        np.testing.assert_allclose(e[2:, i], predicted, atol=1e-9)


def test_momentum_ends_closer_than_descent_at_defaults():
    p = MomentumParams()
    v = MomentumScene.values(p)
    q = quadratic.from_eigen(p.eigenvalues, math.radians(p.angle))
    x0 = np.array(p.start)
    gd = x0.copy()
    for _ in range(p.steps):
        gd = gd - v.descent_step * (q.A @ gd - q.b)
    hb = momentum.heavy_ball_on_quadratic(q, x0, v.step, v.beta, p.steps)[-1]
    assert np.linalg.norm(hb) < 0.1 * np.linalg.norm(gd)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"eigenvalues": (1.0, 0.1)}, r"eigenvalues = \[1.0, 0.1\]: must be ascending"),
        ({"eigenvalues": (0.0, 1.0)}, r"eigenvalues = .*must be >= 0.001"),
        ({"beta": -0.5}, r"beta = -0.5: must be >= 0 and <= 0.999, or 'optimal'"),
        ({"beta": 1.0}, r"beta = 1.0: must be >= 0 and <= 0.999, or 'optimal'"),
        ({"steps": MAX_STEPS + 1}, rf"steps = {MAX_STEPS + 1}: must be >= 5 and <= {MAX_STEPS}"),
        ({"start": (0.0, 0.0)}, r"start = \[0.0, 0.0\]: must be at least 0.1 away"),
    ],
)
def test_momentum_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        MomentumParams(**kwargs)


def _error(xs: np.ndarray) -> np.ndarray:
    return np.linalg.norm(xs, axis=1)  # the valley's minimiser is the origin


@pytest.mark.parametrize("params", MOMENTUM_CASES, ids=["default", "own-a-b"])
def test_momentum_words_match_the_runs_they_describe(dry, params):
    run = dry(MomentumScene, params)
    texts = {b["id"]: b["text"] for b in run.beats}
    q = quadratic.from_eigen(params.eigenvalues, math.radians(params.angle))
    v = MomentumScene.values(params)
    x0 = np.array(params.start)
    gd = [x0]
    for _ in range(params.steps):
        gd.append(gd[-1] - v.descent_step * (q.A @ gd[-1] - q.b))
    hb = momentum.heavy_ball_on_quadratic(q, x0, v.step, v.beta, params.steps)
    steep = np.linalg.eigh(q.A)[1][:, 1]
    wider = np.max(np.abs(hb @ steep)) > np.max(np.abs(np.array(gd) @ steep))
    assert v.stable  # (an unstable pair is said to diverge instead)
    assert ("swings wider at first" in texts["momentum.damps"]) == wider
    above = v.step > 2 / max(params.eigenvalues)
    assert ("above two over the largest eigenvalue" in texts["momentum.damps"]) == (wider and above)
    below = _error(hb) < _error(np.array(gd))
    ahead = next(t for t in range(params.steps + 2) if below[t:].all())
    assert run.beat_readouts["momentum.error"]["ahead_from"] == ahead
    if ahead < params.steps:
        assert f"From step {ahead} on, momentum's error stays below" in texts["momentum.error"]
    else:
        assert "does not end below" in texts["momentum.error"]


def test_momentum_default_overshoots_first_then_wins_and_says_both(dry):
    run = dry(MomentumScene)
    texts = {b["id"]: b["text"] for b in run.beats}
    v = MomentumScene.values(MomentumParams())
    assert v.step * v.eigenvalues[1] > 2 and v.wider  # the picture swings wide: the words must say so
    assert "swings wider at first" in texts["momentum.damps"] and "damps" not in texts["momentum.damps"]
    assert run.readouts["step_bound"] == pytest.approx(2 / v.eigenvalues[1])
    errors = {key: np.array(e) for key, e in v.errors.items()}
    ahead = v.ahead_from
    assert ahead is not None and ahead <= 3 and np.all(errors["momentum"][ahead:] < errors["descent"][ahead:])
    assert errors["momentum"][-1] < 1e-3 * errors["descent"][-1]  # far faster, as the log plot shows


# -- Drawing from values() (issue 12; test_layout.py checks that construct computes nothing) ---------------

@pytest.mark.parametrize("cls, params", [(TaylorScene, TAYLOR_CASES[1]), (NormaliseScene, NORMALISE_CASES[1]),
                                         (MomentumScene, MOMENTUM_CASES[1]),
                                         (MomentumScene, MomentumParams(step=5.0, beta=0.1, steps=30))])
def test_values_are_plain_json_at_other_parameters_too(cls, params):
    import json

    json.dumps(cls.values(params).as_dict(), allow_nan=False)


def _valley_hessian(eigenvalues, degrees: float) -> np.ndarray:
    """R diag(l) R^T with v1 = (cos t, sin t): built here, not by mathcore."""
    t = math.radians(degrees)
    r = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    return r @ np.diag(eigenvalues) @ r.T


@pytest.mark.parametrize("params", TAYLOR_CASES, ids=["default", "logcosh-saddle"])
def test_taylor_draws_the_loss_and_at_each_stop_its_second_order_model(params):
    v = TaylorScene.values(params)
    loss = functions.loss_1d(params.function_1d)
    np.testing.assert_allclose(v.curve_1d.loss, loss.f(np.array(v.curve_1d.x)), atol=1e-12)
    for k, x0 in enumerate(params.points_1d):
        i = v.stops_1d[k]
        assert v.path_1d.x[i] == pytest.approx(x0)
        model = v.models_1d[i]
        d = np.array(model.x) - x0
        expected = (float(loss.f(x0)) + derivatives.derivative(loss.f, x0) * d
                    + 0.5 * derivatives.second_derivative(loss.f, x0) * d**2)
        np.testing.assert_allclose(model.loss, expected, atol=1e-3)
        assert len(d) > 10 and d.min() < 0 < d.max()


@pytest.mark.parametrize("params", NORMALISE_CASES, ids=["default", "other"])
def test_normalise_draws_descent_at_the_best_step_on_each_panel(params):
    v = NormaliseScene.values(params)
    for name in ("raw", "standardised"):
        H = np.array(getattr(v, f"hessian_{name}"))
        eig = np.linalg.eigvalsh(H)
        a = 2 / (eig[0] + eig[-1])
        path = np.array(getattr(v, f"panel_{name}").path)
        assert path[0].tolist() == list(ch4.START)
        assert len(path) == min(getattr(v, f"iterations_{name}"), MAX_STEPS) + 1
        moves = np.diff(path, axis=0)  # w_{t+1} - w_t = -a (H w_t - b), so each move is (I - a H) times the last
        np.testing.assert_allclose(moves[1:], moves[:-1] @ (np.eye(2) - a * H).T, atol=1e-9 * np.abs(moves).max())


@pytest.mark.parametrize("params", MOMENTUM_CASES, ids=["default", "own-a-b"])
def test_momentum_draws_both_runs_and_their_eigen_components(params):
    v = MomentumScene.values(params)
    H = _valley_hessian(params.eigenvalues, params.angle)
    a, b, gd = v.step, v.beta, 2 / sum(params.eigenvalues)
    hx, hy, _ = v.window
    descent_path, momentum_path = (np.array(v.paths[key]) for key in ("descent", "momentum"))
    for path in (descent_path, momentum_path):
        assert path[0].tolist() == list(params.start) and len(path) > 2
        assert np.all(np.abs(path) <= [hx, hy]), "a path is drawn inside its window"
    np.testing.assert_allclose(descent_path[1:], descent_path[:-1] - gd * descent_path[:-1] @ H, atol=1e-9)
    m = momentum_path
    np.testing.assert_allclose(m[2:], m[1:-1] - a * m[1:-1] @ H + b * (m[1:-1] - m[:-2]), atol=1e-9)
    t = math.radians(params.angle)
    directions = np.array([[math.cos(t), math.sin(t)], [-math.sin(t), math.cos(t)]])
    for key, factor in (("descent", lambda e, lam: (1 - gd * lam) * e[1:-1]),
                        ("momentum", lambda e, lam: (1 + b - a * lam) * e[1:-1] - b * e[:-2])):
        parts = np.array(v.components[key], dtype=float)  # row i: the error along v_i over t
        np.testing.assert_allclose(np.abs(parts[:, 0]), np.abs(directions @ params.start), atol=1e-12)
        for e, lam in zip(parts, params.eigenvalues):
            np.testing.assert_allclose(e[2:], factor(e, lam), atol=1e-9)
        np.testing.assert_allclose(v.log_errors[key], np.log10(np.hypot(*parts)), atol=1e-9)
