"""Chapter 2 scenes show mathcore's numbers, at default and at other parameters, and say true things about them."""

from __future__ import annotations

import numpy as np
import pytest

from mathcore import quadratic
from mathcore.derivatives import gradient_fd, hessian_fd
from mathcore.errors import ValidationError
from scenes.ch2_eigen import (
    S_NARRATION,
    Chapter2Card,
    EigenAxesParams,
    EigenAxesScene,
    QuadraticParams,
    QuadraticScene,
    ShapesParams,
    ShapesScene,
)


def rotation(degrees: float) -> np.ndarray:
    t = np.radians(degrees)
    return np.array([[np.cos(t), -np.sin(t)], [np.sin(t), np.cos(t)]])


def ellipse_points(record: dict, n: int = 24) -> np.ndarray:
    """Points of a drawn ellipse record, from its centre, semi-axes and angle alone (as Ellipse mobjects are drawn)."""
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    c, s = np.cos(record.angle), np.sin(record.angle)
    local = np.stack([record.semi_axes[0] * np.cos(t), record.semi_axes[1] * np.sin(t)], axis=1)
    return np.array(record.center) + local @ np.array([[c, s], [-s, c]])


def parallel(u, v) -> float:
    """|sin| of the angle between two plane vectors."""
    u, v = np.asarray(u, float), np.asarray(v, float)
    return abs(u[0] * v[1] - u[1] * v[0]) / (np.linalg.norm(u) * np.linalg.norm(v))


def test_chapter_card_asks_three_questions():  # the card's timing: tests/scenes/test_cards.py
    assert len(Chapter2Card.questions) == 3


# --- scene 5: the quadratic form --------------------------------------------------------------------------------

QUADRATIC_CASES = [
    QuadraticParams(),
    QuadraticParams(a11=1.0, a12=-0.3, a22=2.5, b=(-1.0, 2.0), c=-2.0, probe=(2.0, -1.5)),
]


@pytest.mark.parametrize("params", QUADRATIC_CASES, ids=["default", "other"])
def test_quadratic_readouts_are_independent_answers(dry, params):
    shown = dry(QuadraticScene, params).readouts
    A = np.array([[params.a11, params.a12], [params.a12, params.a22]])
    b, c, p = np.array(params.b), params.c, np.array(params.probe)
    f = quadratic.Quadratic(A, b, c).value

    # the expansion on screen: the matrix entries, the linear coefficients -b and the constant c
    assert (shown["a11"], shown["a12"], shown["a22"]) == (params.a11, params.a12, params.a22)
    np.testing.assert_allclose([shown["linear_coefficients[0]"], shown["linear_coefficients[1]"]], -b, atol=1e-12)
    assert shown["constant"] == pytest.approx(c, abs=1e-12)
    # gradient A p - b, checked by hand and by finite differences
    grad = [shown["gradient_at_probe[0]"], shown["gradient_at_probe[1]"]]
    np.testing.assert_allclose(grad, A @ p - b, atol=1e-12)
    np.testing.assert_allclose(grad, gradient_fd(f, p), atol=1e-6)
    # Hessian A, also by finite differences
    H = np.array([[shown[f"hessian[{i}][{j}]"] for j in range(2)] for i in range(2)])
    np.testing.assert_allclose(H, A, atol=1e-12)
    np.testing.assert_allclose(H, hessian_fd(f, p), atol=1e-4)
    # minimiser A^-1 b, where the gradient vanishes, and the value there
    x_star = np.array([shown["minimiser[0]"], shown["minimiser[1]"]])
    np.testing.assert_allclose(x_star, np.linalg.solve(A, b), atol=1e-12)
    np.testing.assert_allclose([shown["gradient_at_minimiser[0]"], shown["gradient_at_minimiser[1]"]], 0, atol=1e-12)
    assert shown["min_value"] == pytest.approx(0.5 * x_star @ A @ x_star - b @ x_star + c, abs=1e-12)


@pytest.mark.parametrize("params", QUADRATIC_CASES, ids=["default", "other"])
def test_quadratic_beats_show_their_own_numbers(dry, params):
    """Each beat records the numbers it brings on screen; "A is positive definite" shows A's two eigenvalues."""
    by_beat = dry(QuadraticScene, params).beat_readouts
    A = np.array([[params.a11, params.a12], [params.a12, params.a22]])
    b, p = np.array(params.b), np.array(params.probe)
    probe = by_beat["quadratic.probe"]
    np.testing.assert_allclose([probe["gradient_at_probe[0]"], probe["gradient_at_probe[1]"]], A @ p - b, atol=1e-12)
    hessian = by_beat["quadratic.hessian"]
    np.testing.assert_allclose([[hessian[f"hessian[{i}][{j}]"] for j in range(2)] for i in range(2)], A, atol=1e-12)
    stationary = by_beat["quadratic.stationary"]
    np.testing.assert_allclose([stationary["minimiser[0]"], stationary["minimiser[1]"]], np.linalg.solve(A, b),
                               atol=1e-12)
    definite = by_beat["quadratic.definite"]
    eigenvalues = [definite["eigenvalues[0]"], definite["eigenvalues[1]"]]
    np.testing.assert_allclose(eigenvalues, np.linalg.eigvalsh(A), atol=1e-12)
    np.testing.assert_allclose(eigenvalues, quadratic.Quadratic(A, b).eigen().values, atol=1e-12)
    assert min(eigenvalues) > 0
    assert definite["shape_class"] == "positive definite"


@pytest.mark.parametrize("params", QUADRATIC_CASES, ids=["default", "other"])
def test_quadratic_expansion_and_contours_are_the_function(params):
    values = QuadraticScene.values(params)
    A = np.array(values.A)
    q = quadratic.Quadratic(A, values.b, values.c)
    x = np.random.default_rng(0).uniform(-3, 3, size=(20, 2))
    g, k = values.linear_coefficients, values.constant
    expanded = (0.5 * A[0, 0] * x[:, 0] ** 2 + A[0, 1] * x[:, 0] * x[:, 1] + 0.5 * A[1, 1] * x[:, 1] ** 2
                + g[0] * x[:, 0] + g[1] * x[:, 1] + k)
    np.testing.assert_allclose(expanded, q.value(x), atol=1e-12)
    # each drawn ellipse is the level set f - f* = L, innermost first, inside the plotted window
    levels = values.levels
    assert levels == sorted(levels)
    for L, record in zip(levels, values.ellipses):
        points = ellipse_points(record)
        np.testing.assert_allclose(q.value(points) - values.min_value, L, rtol=1e-9)
        assert np.all(np.abs(points[:, 0]) <= 4) and np.all(np.abs(points[:, 1]) <= 3)
    # the gradient arrows sit on a contour and are A x - b there
    ring = np.array(values.ring_points)
    np.testing.assert_allclose(values.ring_gradients, ring @ A - np.array(values.b), atol=1e-12)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"a11": 1.0, "a12": 2.0, "a22": 1.0}, r"a12 = 2: must satisfy a12\^2 < a11 a22 = 1 .*positive definite"),
        ({"a11": -1.0}, r"a11 = -1: must be > 0 for A to be positive definite"),
        ({"a22": 0.0}, r"a22 = 0: must be > 0 for A to be positive definite"),
        ({"a11": 10.0, "a12": 0.0, "a22": 0.1, "b": (0.0, 0.0)}, r"a11, a12, a22 = 10, 0, 0.1: .*condition number"),
        ({"b": (10.0, 10.0)}, r"b = \[10.0, 10.0\]: must put the minimiser A\^-1 b = .* inside"),
        ({"probe": (0.5, 0.1)}, r"probe = .*: must be at least 0.5 from the minimiser"),
        ({"probe": (-1.0, 2.5)}, r"probe = \[-1.0, 2.5\]: must lie inside"),
        ({"b": (1.0,)}, r"b = \(1.0,\): must be 2 numbers"),
        ({"c": float("inf")}, r"c = inf: must be finite"),
        ({"a12": 11.0}, r"a12 = 11.0: must be >= -10 and <= 10"),
    ],
)
def test_quadratic_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        QuadraticParams(**kwargs)


# --- scene 6: four shapes ---------------------------------------------------------------------------------------

SHAPES_CASES = [
    ShapesParams(),
    ShapesParams(eigenvalues_a=(1.0, 1.0), eigenvalues_b=(2.0, -0.5), eigenvalues_c=(0.0, 0.0),
                 eigenvalues_d=(-3.0, -3.0), angle=-70.0),
]


def expected_class(pair) -> str:
    lo, hi = sorted(pair)
    if lo == hi == 0:
        return "zero"
    if lo == 0 or hi == 0:
        return "positive semidefinite" if hi > 0 else "negative semidefinite"
    if lo > 0:
        return "positive definite"
    if hi < 0:
        return "negative definite"
    return "indefinite"


@pytest.mark.parametrize("params", SHAPES_CASES, ids=["default", "other"])
def test_shapes_labels_are_the_computed_eigenvalues_and_class(dry, params):
    shown = dry(ShapesScene, params).readouts
    for key, pair in params.pairs().items():
        R = rotation(params.angle)
        A = R @ np.diag(pair) @ R.T
        eigenvalues = [shown[f"eigenvalues[{key}][0]"], shown[f"eigenvalues[{key}][1]"]]
        np.testing.assert_allclose(eigenvalues, sorted(pair), atol=1e-12)
        np.testing.assert_allclose(eigenvalues, np.linalg.eigvalsh(A), atol=1e-12)
        assert shown[f"class[{key}]"] == expected_class(pair)


def test_shapes_defaults_show_the_four_classes_in_order():
    classes = [panel.class_ for panel in ShapesScene.values(ShapesParams()).panels]
    assert classes == ["positive definite", "negative definite", "positive semidefinite", "indefinite"]
    assert set(classes) <= set(quadratic.DEFINITENESS)


@pytest.mark.parametrize("params", SHAPES_CASES, ids=["default", "other"])
def test_shapes_panel_c_is_called_what_it_is(dry, params):
    """A zero eigenvalue makes a flat direction, not a "singular" shape: (c) is positive semidefinite (a flat valley),
    and with both eigenvalues zero the words still hold."""
    run = dry(ShapesScene, params)
    pair = params.eigenvalues_c
    kind = run.readouts["class[c]"]
    assert kind == expected_class(pair)
    assert "semidefinite" in kind if any(pair) else kind == "zero"
    spoken = next(beat["text"] for beat in run.beats if beat["id"] == "shapes.panel_c")
    assert spoken == "(c) " + S_NARRATION[kind]
    assert "flat" in spoken and "singular" not in spoken
    if kind == "positive semidefinite":
        assert "positive semidefinite" in spoken and "valley" in spoken
    assert all("singular" not in text for text in S_NARRATION.values())


@pytest.mark.parametrize("params", SHAPES_CASES, ids=["default", "other"])
def test_shapes_signs_beat_shows_each_panels_signs_beside_its_class(dry, params):
    signs_beat = dry(ShapesScene, params).beat_readouts["shapes.signs"]
    for key, pair in params.pairs().items():
        expected = [int(np.sign(x)) for x in sorted(pair)]
        assert signs_beat[f"signs[{key}]"] == expected
        assert signs_beat[f"class[{key}]"] == expected_class(pair)


@pytest.mark.parametrize("params", SHAPES_CASES, ids=["default", "other"])
def test_shapes_slices_bend_with_their_eigenvalue(params):
    """Along eigenvector v_i the surface is 1/2 l_i t^2: the coloured curves show each eigenvalue's curvature."""
    for panel in ShapesScene.values(params).panels:
        t = np.array(panel.slice_t)
        for l, heights in zip(panel.eigenvalues, panel.slices):
            np.testing.assert_allclose(heights, 0.5 * l * t ** 2, atol=1e-12)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"eigenvalues_a": (5.0, 1.0)}, r"eigenvalues_a = \(5.0, 1.0\): must be >= -3 and <= 3"),
        ({"eigenvalues_c": (1.0,)}, r"eigenvalues_c = \(1.0,\): must be 2 numbers"),
        ({"angle": 200.0}, r"angle = 200.0: must be >= -180 and <= 180"),
        ({"eigenvalues_d": (float("nan"), 1.0)}, r"eigenvalues_d = .*must be finite"),
    ],
)
def test_shapes_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        ShapesParams(**kwargs)


# --- scene 7: eigenvectors are the axes of the contour ellipses ---------------------------------------------------

EIGEN_CASES = [
    EigenAxesParams(),
    EigenAxesParams(eigenvalues=(1.0, 3.0), angle=-20.0, levels=(0.5, 1.5), morph_eigenvalues=(0.8, 1.6),
                    morph_angle=140.0),
]


@pytest.mark.parametrize("params", EIGEN_CASES, ids=["default", "other"])
def test_eigen_axes_readouts_are_independent_answers(dry, params):
    shown = dry(EigenAxesScene, params).readouts
    R = rotation(params.angle)
    A = R @ np.diag(params.eigenvalues) @ R.T
    np.testing.assert_allclose([[shown[f"A[{i}][{j}]"] for j in range(2)] for i in range(2)], A, atol=1e-12)
    L = max(params.levels)
    assert shown["outer_level"] == L
    for i in range(2):
        l, v = shown[f"eigenvalues[{i}]"], np.array(shown[f"eigenvectors[{i}]"])
        assert l == pytest.approx(params.eigenvalues[i], abs=1e-12)
        np.testing.assert_allclose(A @ v, l * v, atol=1e-12)  # A v = l v
        assert parallel(v, R[:, i]) < 1e-12  # v_i is the i-th rotated axis
        assert shown[f"semi_axes_outer[{i}]"] == pytest.approx(np.sqrt(2 * L / l), rel=1e-12)
    # the larger eigenvalue has the shorter axis
    assert shown["semi_axes_outer[1]"] < shown["semi_axes_outer[0]"]
    assert (shown["tilt_deg"] - params.angle) % 180 == pytest.approx(0, abs=1e-9) or \
        (shown["tilt_deg"] - params.angle) % 180 == pytest.approx(180, abs=1e-9)

    # after the morph: the new eigenvalues, axes along the new angle (either sign), lengths sqrt(2L / l)
    R = rotation(params.morph_angle)
    A = R @ np.diag(params.morph_eigenvalues) @ R.T
    np.testing.assert_allclose(shown["final.eigenvalues"], params.morph_eigenvalues, atol=1e-12)
    for i in range(2):
        v = np.array(shown["final.eigenvectors"])[i]
        np.testing.assert_allclose(A @ v, params.morph_eigenvalues[i] * v, atol=1e-12)
        assert parallel(v, R[:, i]) < 1e-12
    np.testing.assert_allclose(shown["final.outer_semi_axes"], np.sqrt(2 * L / np.array(params.morph_eigenvalues)))
    assert (shown["final.tilt_deg"] - params.morph_angle) % 180 == pytest.approx(0, abs=1e-9) or \
        (shown["final.tilt_deg"] - params.morph_angle) % 180 == pytest.approx(180, abs=1e-9)


@pytest.mark.parametrize("params", EIGEN_CASES, ids=["default", "other"])
def test_eigen_axes_morph_beats_show_their_own_state(dry, params):
    """After "change" the new eigenvalues and lengths, after "rotate" the new tilt; "recap" traces the final axes."""
    by_beat = dry(EigenAxesScene, params).beat_readouts
    L = max(params.levels)
    change = by_beat["eigen_axes.change"]
    np.testing.assert_allclose(change["changed.eigenvalues"], params.morph_eigenvalues, atol=1e-12)
    np.testing.assert_allclose(change["changed.outer_semi_axes"], np.sqrt(2 * L / np.array(params.morph_eigenvalues)))
    turned = by_beat["eigen_axes.rotate"]["turned.tilt_deg"]
    assert (turned - params.morph_angle) % 180 == pytest.approx(0, abs=1e-9) or \
        (turned - params.morph_angle) % 180 == pytest.approx(180, abs=1e-9)
    recap = by_beat["eigen_axes.recap"]
    R = rotation(params.morph_angle)
    for i in range(2):
        assert parallel(recap["final.eigenvectors"][i], R[:, i]) < 1e-12
    np.testing.assert_allclose(recap["final.eigenvalues"], params.morph_eigenvalues, atol=1e-12)
    np.testing.assert_allclose(recap["final.outer_semi_axes"], np.sqrt(2 * L / np.array(params.morph_eigenvalues)))


@pytest.mark.parametrize("params", EIGEN_CASES, ids=["default", "other"])
def test_eigen_axes_demo_stretches_eigenvectors_and_turns_others(params):
    values = EigenAxesScene.values(params)
    demo, l = values.demo, values.eigenvalues
    for i in (1, 2):
        np.testing.assert_allclose(getattr(demo, f"Av{i}"), l[i - 1] * np.array(getattr(demo, f"v{i}")), atol=1e-12)
    A = np.array(values.A)
    np.testing.assert_allclose(demo.Aw, A @ np.array(demo.w), atol=1e-12)
    assert parallel(demo.w, demo.Aw) > np.sin(np.radians(5))  # visibly turned


@pytest.mark.parametrize("params", EIGEN_CASES, ids=["default", "other"])
def test_eigen_axes_sweep_turns_w_once_round_with_A_w_following(params):
    """Beat multiply: w goes once round from where it was drawn, each A w is A times it, and A w lines up with w
    only near the eigenvectors (four times a turn)."""
    values = EigenAxesScene.values(params)
    sweep, A = values.sweep, np.array(values.A)
    w, Aw = np.array(sweep.w), np.array(sweep.Aw)
    np.testing.assert_allclose(w[0], values.demo.w, atol=1e-12)
    np.testing.assert_allclose(w[-1], w[0], atol=1e-12)
    np.testing.assert_allclose(Aw, w @ A.T, atol=1e-12)
    angles = np.unwrap(np.arctan2(w[:, 1], w[:, 0]))
    assert np.all(np.diff(angles) > 0) and angles[-1] - angles[0] == pytest.approx(2 * np.pi)
    cross = w[:, 0] * Aw[:, 1] - w[:, 1] * Aw[:, 0]  # zero exactly where A w is parallel to w
    assert np.count_nonzero(np.sign(cross[1:]) != np.sign(cross[:-1])) == 4


@pytest.mark.parametrize("params", EIGEN_CASES, ids=["default", "other"])
def test_eigen_axes_keyframes_are_level_sets_of_the_interpolated_quadratics(params):
    values = EigenAxesScene.values(params)
    frames, start = values.frames, values.morph_start
    l0, l1 = np.array(params.eigenvalues), np.array(params.morph_eigenvalues)
    for k, frame in enumerate(frames):
        if k <= start:
            eigenvalues, angle = l0 + (k / start) * (l1 - l0), params.angle
        else:
            s = (k - start) / (len(frames) - 1 - start)
            eigenvalues, angle = l1, params.angle + s * (params.morph_angle - params.angle)
        R = rotation(angle)
        A = R @ np.diag(eigenvalues) @ R.T
        np.testing.assert_allclose(frame.eigenvalues, eigenvalues, atol=1e-12)
        for L, record in zip(params.levels, frame.ellipses):
            x = ellipse_points(record)
            np.testing.assert_allclose(0.5 * np.einsum("ni,ij,nj->n", x, A, x), L, rtol=1e-9)
        for i in range(2):
            v = np.array(frame.eigenvectors[i])
            np.testing.assert_allclose(A @ v, eigenvalues[i] * v, atol=1e-12)
    # consecutive keyframes move smoothly: no eigenvector flips, no half-turn jumps of the ellipses
    for a, b in zip(frames, frames[1:]):
        assert all(np.dot(u, w) > 0 for u, w in zip(a.eigenvectors, b.eigenvectors))
        assert abs(a.tilt_deg - b.tilt_deg) < 45
        assert all(abs(e.angle - np.radians(b.tilt_deg)) < 1e-12 for e in b.ellipses)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"eigenvalues": (2.0, 0.5)}, r"eigenvalues = \[2.0, 0.5\]: must be increasing, l1 < l2"),
        ({"morph_eigenvalues": (1.0, 1.0)}, r"morph_eigenvalues = \[1.0, 1.0\]: must be increasing"),
        ({"eigenvalues": (0.0, 1.0)}, r"eigenvalues = \(0.0, 1.0\): must be >= 0.1 and <= 10"),
        ({"levels": (1.0, 0.5)}, r"levels = \[1.0, 0.5\]: must be 1 to 6 increasing numbers"),
        ({"levels": (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)}, r"levels = .*: must be 1 to 6 increasing numbers"),
        ({"levels": (0.25, 1.0, 4.0)}, r"levels = \[0.25, 1.0, 4.0\]: must keep the outer contour's longest semi-axis"),
        ({"morph_eigenvalues": (0.1, 1.0)}, r"levels = .*longest semi-axis .* for eigenvalues \[0.1, 1.0\]"),
        ({"levels": (0.01,), "eigenvalues": (0.5, 10.0)}, r"levels = \[0.01\]: .*shortest semi-axis"),
        ({"angle": 181.0}, r"angle = 181.0: must be >= -180 and <= 180"),
    ],
)
def test_eigen_axes_params_reject_bad_values(kwargs, message):
    with pytest.raises(ValidationError, match=message):
        EigenAxesParams(**kwargs)
