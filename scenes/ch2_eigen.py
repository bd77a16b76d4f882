"""Chapter 2, eigenvectors and eigenvalues: the quadratic form, its four shapes, the eigen-axes of its contours."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Arrow,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    ReplacementTransform,
    ShowPassingFlash,
    Transform,
    TransformFromCopy,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
)

from mathcore import quadratic
from mathcore.errors import ValidationError
from scenes import components as C
from scenes import layout, theme, valley
from scenes.base import LectureScene, SceneValues
from scenes.beats import frames
from scenes.cards import ChapterCard
from scenes.pointing import Pointing
from scenes.params import SceneParams, param
from scenes.projection import View
from scenes.turning import Reveal, Swing, TurningView, out_and_back
from scenes.values import EllipseRecord


class Chapter2Card(ChapterCard):
    chapter = 2
    summary = "Opens chapter 2: the quadratic form, its four shapes, the eigen-axes of its contours."
    questions = (
        "What does a quadratic loss look like?",
        "How do eigenvalues decide its shape?",
        "Where are the eigenvectors on a contour plot?",
    )
    narration = "Chapter two shows how eigenvalues shape a quadratic loss and its contours."


# ---------------------------------------------------------------------------------------------------------------
# Scene 5: the quadratic form
# ---------------------------------------------------------------------------------------------------------------

Q_PLANE_X = (-4.0, 4.0)  # plotted window of scene 5, math units
Q_PLANE_Y = (-3.0, 3.0)
Q_UNIT = 0.74  # screen units per math unit
Q_BOX = (3.0, 2.0)  # the minimiser and the probe must lie in |x1| <= 3, |x2| <= 2
Q_MAX_CONDITION = 50.0
Q_LEVELS = 4  # contours drawn
Q_RING = 2  # index of the contour whose gradient arrows are drawn
Q_RING_POINTS = 8
Q_ARROW = 0.9  # longest gradient arrow, math units
Q_TRACE = 48  # points of the contour the travelling gradient arrow visits
Q_ROOM_MARGIN = 0.2  # kept between the outer contour and the plane's nearest edge, math units
Q_OUTER_RANGE = (0.8, 2.8)  # the outer contour's longest semi-axis lies in this range, math units
Q_LINE_GAP = 0.25  # between the lines of the formula, scene units
Q_HEADING_GAP = 0.5  # between the heading and the formula, scene units
Q_SYMMETRIC_GAP = 0.8  # between f(x) = ... and A = A^T beside it, scene units
Q_SHRINK = 0.85  # the formulas shrink by this factor to make room for the plane
Q_RING_OPACITY = 0.7  # the gradient arrows across one contour
Q_PROBE_DOT = 0.06  # radius of the probe point p, scene units
Q_PROBE_GAP = 0.1  # between the probe point and its label, scene units
Q_ROW_GAP = 0.2  # between the parts of a row of the side panel, scene units
Q_STAR_DOT = 0.08  # radius of the minimiser's dot, scene units
Q_STAR_GAP = 0.12  # between the minimiser's dot and its label, scene units
Q_STAR_GROW = 2  # the minimiser's dot fades in from this many times its size
Q_TIP_RATIO = 0.3  # an arrow's tip takes at most this share of its length


def _fit_levels(q: quadratic.Quadratic, radius: float, count: int) -> list[float]:
    """Levels L_k = L_out (k / count)^2 whose contours have evenly spaced sizes, the outermost having its longest
    semi-axis equal to ``radius`` (layout only: mathcore's semi-axes grow as sqrt(L), so the longest semi-axis at
    level 1, s, gives L_out = (radius / s)^2)."""
    longest = float(np.max(quadratic.ellipse(q, 1.0).semi_axes))
    outer = (radius / longest) ** 2
    return [outer * (k / count) ** 2 for k in range(1, count + 1)]


@dataclass(frozen=True)
class QuadraticParams(SceneParams):
    a11: float = param(2.0, "entry a11 of the symmetric matrix A (must make A positive definite)", min=-10, max=10)
    a12: float = param(0.8, "entries a12 = a21 of A (must keep a12^2 < a11 a22)", min=-10, max=10)
    a22: float = param(1.2, "entry a22 of A (must make A positive definite)", min=-10, max=10)
    b: tuple[float, ...] = param((1.0, 0.5), "the vector b of the linear term -b^T x", min=-10, max=10, length=2)
    c: float = param(1.0, "the constant c", min=-10, max=10)
    probe: tuple[float, ...] = param((-1.2, 1.8), "point where the gradient is read out", min=-3, max=3, length=2)

    def matrix(self) -> list[list[float]]:
        return [[self.a11, self.a12], [self.a12, self.a22]]

    def check(self) -> None:
        q = quadratic.Quadratic(self.matrix(), self.b, self.c)
        if q.shape_class() != "positive definite":
            ev = q.eigen().values
            eig = f"A's eigenvalues are {ev[0]:.3g}, {ev[1]:.3g}"
            if self.a11 <= 0:
                raise ValidationError(f"a11 = {self.a11:g}: must be > 0 for A to be positive definite ({eig})")
            if self.a22 <= 0:
                raise ValidationError(f"a22 = {self.a22:g}: must be > 0 for A to be positive definite ({eig})")
            raise ValidationError(
                f"a12 = {self.a12:g}: must satisfy a12^2 < a11 a22 = {self.a11 * self.a22:g} "
                f"for A to be positive definite ({eig})"
            )
        k = q.condition_number()
        if k > Q_MAX_CONDITION:
            raise ValidationError(
                f"a11, a12, a22 = {self.a11:g}, {self.a12:g}, {self.a22:g}: must give A a condition number "
                f"<= {Q_MAX_CONDITION:g} so the contours stay visible (it is {k:.3g})"
            )
        x = q.minimiser()
        if abs(x[0]) > Q_BOX[0] or abs(x[1]) > Q_BOX[1]:
            raise ValidationError(
                f"b = {list(self.b)}: must put the minimiser A^-1 b = ({x[0]:.3g}, {x[1]:.3g}) inside the window "
                f"|x1| <= {Q_BOX[0]:g}, |x2| <= {Q_BOX[1]:g}"
            )
        if abs(self.probe[0]) > Q_BOX[0] or abs(self.probe[1]) > Q_BOX[1]:
            raise ValidationError(
                f"probe = {list(self.probe)}: must lie inside |x1| <= {Q_BOX[0]:g}, |x2| <= {Q_BOX[1]:g}"
            )
        if np.hypot(*(np.array(self.probe) - x)) < 0.5:
            raise ValidationError(
                f"probe = {list(self.probe)}: must be at least 0.5 from the minimiser ({x[0]:.3g}, {x[1]:.3g}), "
                "where the gradient vanishes"
            )


@dataclass(frozen=True)
class QuadraticValues(SceneValues):
    """What the quadratic scene shows: f(x) = 1/2 x^T A x - b^T x + c, its Hessian, minimum, contours and gradients."""

    A: list[list[float]]
    b: list[float]
    c: float
    # f(x) = 1/2 a11 x1^2 + a12 x1 x2 + 1/2 a22 x2^2 + g1 x1 + g2 x2 + f(0), with g = grad f(0) = -b
    linear_coefficients: list[float]
    constant: float  # f(0)
    hessian: list[list[float]]
    eigenvalues: list[float]
    shape_class: str
    probe: list[float]
    gradient_at_probe: list[float]
    minimiser: list[float]
    gradient_at_minimiser: list[float]
    min_value: float
    levels: list[float]  # f - f* of each contour
    ellipses: list[EllipseRecord]  # the contour at each level
    ring_points: list[list[float]]  # points on one contour, where gradient arrows are drawn
    ring_gradients: list[list[float]]
    trace_points: list[list[float]]  # the same contour, finely sampled for an arrow that runs round it
    trace_gradients: list[list[float]]


class QuadraticScene(Pointing, LectureScene):
    """The quadratic form written out, its gradient, its Hessian, and its minimiser on the contour plot."""

    Params = QuadraticParams
    chapter = 2
    title = "The quadratic form"
    summary = (
        "1/2 x^T A x - b^T x + c in two inputs, term by term: gradient A x - b, Hessian A, its eigenvalues, minimiser A^-1 b."
    )

    @classmethod
    def values(cls, p: QuadraticParams) -> QuadraticValues:
        q = quadratic.Quadratic(p.matrix(), p.b, p.c)
        origin = np.zeros(2)
        x_star = q.minimiser()
        room = min(Q_PLANE_X[1] - abs(x_star[0]), Q_PLANE_Y[1] - abs(x_star[1])) - Q_ROOM_MARGIN
        levels = _fit_levels(q, float(np.clip(room, *Q_OUTER_RANGE)), Q_LEVELS)
        ring = quadratic.level_set_points(q, levels[Q_RING], n=Q_RING_POINTS)
        trace = quadratic.level_set_points(q, levels[Q_RING], n=Q_TRACE)
        probe = np.array(p.probe)
        return QuadraticValues(
            A=q.A.tolist(),
            b=q.b.tolist(),
            c=q.c,
            linear_coefficients=q.gradient(origin).tolist(),
            constant=float(q.value(origin)),
            hessian=q.hessian().tolist(),
            eigenvalues=q.eigen().values.tolist(),
            shape_class=q.shape_class(),
            probe=probe.tolist(),
            gradient_at_probe=q.gradient(probe).tolist(),
            minimiser=x_star.tolist(),
            gradient_at_minimiser=q.gradient(x_star).tolist(),
            min_value=q.min_value(),
            levels=levels,
            ellipses=[C.ellipse_record(quadratic.ellipse(q, L)) for L in levels],
            ring_points=ring.tolist(),
            ring_gradients=q.gradient(ring).tolist(),
            trace_points=trace.tolist(),
            trace_gradients=q.gradient(trace).tolist(),
        )

    def construct(self) -> None:
        self.write_formula()
        self.draw_contours()
        self.build_panel()
        self.show_gradient()
        self.show_hessian()
        self.find_minimum()

    def write_formula(self) -> None:
        """Beats form, expansion, numbers: the general form (A symmetric), its expansion with each kind of term framed
        as it is named, and this example's numbers, each grown out of its symbol."""
        v = self.v
        A, g0 = v.A, v.linear_coefficients
        self.heading = C.heading("The quadratic form")
        general = C.tex("f(x)", "=", r"\frac12\, x^\top A\, x - b^\top x + c", size=theme.BODY)
        symmetric = C.tex(r"A = A^\top", size=theme.BODY, color=theme.CURVATURE)
        expanded = C.tex(*Q_SYMBOLS, size=theme.BODY)
        a11, a12, a22 = (self.show(k, x) for k, x in (("a11", A[0][0]), ("a12", A[0][1]), ("a22", A[1][1])))
        lin = [self.show(f"linear_coefficients[{i}]", g0[i]) for i in range(2)]
        const = self.show("constant", v.constant)
        numeric = C.tex("=", rf"\frac12\cdot {C.fmt(a11)}\,x_1^2", *_signed_parts(a12, r"\,x_1x_2"),
                        *_signed_parts(a22, r"\,x_2^2", half=True), *_signed_parts(lin[0], r"\,x_1"),
                        *_signed_parts(lin[1], r"\,x_2"), *_signed_parts(const, ""), size=theme.BODY)
        self.top = VGroup(general, expanded, numeric).arrange(DOWN, aligned_edge=LEFT, buff=Q_LINE_GAP)
        expanded.align_to(general[1], LEFT)
        numeric.align_to(general[1], LEFT)
        self.top.next_to(self.heading, DOWN, buff=Q_HEADING_GAP).to_edge(LEFT, buff=theme.EDGE)
        symmetric.next_to(general, RIGHT, buff=Q_SYMMETRIC_GAP)
        self.top.add(symmetric)

        with self.beat("form", "The simplest loss with curvature is a quadratic form, with A symmetric.") as b:
            self.play(FadeIn(self.heading), Write(general), run_time=b.part(0.4))
            self.wait_until(b, 0.7)
            self.play(Write(symmetric), self.move_pointer(symmetric), run_time=b.part(0.25))
        text = "In two inputs: two squares, a cross term, two linear terms, a constant."
        with self.beat("expansion", text) as b:
            self.play(Write(expanded), run_time=b.part(0.25))
            for phrase, parts in Q_TERMS:
                self.wait_until(b, _at(text, phrase))
                self.point_at(*[expanded[i] for i in parts], run_time=b.part(0.1))
        with self.beat("numbers", "With this example's numbers for A, b and c it reads like this.") as b:
            grow = [TransformFromCopy(symbol, number) for symbol, number in zip(expanded, numeric)]
            self.play(*self.drop_pointer(), LaggedStart(*grow, lag_ratio=0.15), run_time=b.part(0.7))

    def draw_contours(self) -> None:
        """Beat contours: the formulas move up to make room for the plane and its nested ellipses."""
        top = self.top
        with self.beat("contours", "Its level curves, the points of equal loss, are nested ellipses.") as b:
            self.play(FadeOut(self.heading),
                      top.animate.scale(Q_SHRINK).to_edge(UP, buff=theme.EDGE).to_edge(LEFT, buff=theme.EDGE),
                      run_time=b.part(0.2))
            self.plane = C.plane(Q_PLANE_X, Q_PLANE_Y, Q_UNIT)
            C.above_captions(self.plane.next_to(top, DOWN, buff=theme.BUFF).to_edge(LEFT, buff=theme.EDGE))
            self.contours = C.contour_family(self.plane, [C.ellipse_of(e) for e in self.v.ellipses])
            self.play(Create(self.plane), run_time=b.part(0.2))
            self.play(Create(self.contours), run_time=b.part(0.45))

    def build_panel(self) -> None:
        """The gradient arrows and the side panel's rows (gradient, Hessian, minimiser, eigenvalues), placed beside
        the plane (the numbers are recorded by the beats that show them)."""
        v, plane = self.v, self.plane
        # Gradient: arrows across one contour, scaled to fit (layout), and the value at the probe point.
        ring, ring_g = np.array(v.ring_points), np.array(v.ring_gradients)
        probe, g_probe = np.array(v.probe), np.array(v.gradient_at_probe)
        self.arrow_scale = Q_ARROW / max(np.max(np.linalg.norm(ring_g, axis=1)), np.linalg.norm(g_probe))
        scale = self.arrow_scale
        self.ring_arrows = VGroup(*[_arrow(plane, x, x + scale * g, theme.TANGENT, opacity=Q_RING_OPACITY)
                                    for x, g in zip(ring, ring_g)])
        probe_dot = Dot(plane.c2p(*probe), color=theme.TEXT, radius=Q_PROBE_DOT)
        away = -g_probe / np.linalg.norm(g_probe)  # label on the side away from the arrow (layout)
        probe_label = C.tex("p", size=theme.LABEL).next_to(probe_dot, np.round([*away, 0.0]), buff=Q_PROBE_GAP)
        self.probe = VGroup(probe_dot, probe_label, _arrow(plane, probe, probe + scale * g_probe, theme.TANGENT))

        self.grad_rule = C.tex(r"\nabla f(x) = A x - b", size=theme.LABEL, color=theme.TANGENT)
        self.grad_probe = C.tex(r"\nabla f(p) = " + C.vector_tex(g_probe), size=theme.LABEL, color=theme.TANGENT)
        self.hess = VGroup(C.tex(r"\nabla^2 f(x) = A =", size=theme.LABEL, color=theme.CURVATURE),
                           C.number_matrix(v.hessian, color=theme.CURVATURE, size=theme.LABEL, compact=True)
                           ).arrange(RIGHT, buff=Q_ROW_GAP)
        self.minimiser = C.tex(r"x^* = A^{-1} b = " + C.vector_tex(v.minimiser), size=theme.LABEL,
                               color=theme.ITERATE)
        self.at_min = C.tex(r"\nabla f(x^*) = " + C.vector_tex(v.gradient_at_minimiser) + r",\quad f(x^*) = "
                            + C.fmt(v.min_value), size=theme.LABEL, color=theme.ITERATE)
        l1, l2 = v.eigenvalues
        self.eigen_row = VGroup(C.tex(rf"\lambda_1 = {C.fmt(l1)} > 0,", size=theme.LABEL, color=theme.EIGEN_1),
                                C.tex(rf"\lambda_2 = {C.fmt(l2)} > 0", size=theme.LABEL, color=theme.EIGEN_2),
                                C.tex(rf"\Rightarrow\ \text{{{v.shape_class}}}", size=theme.LABEL),
                                ).arrange(RIGHT, buff=Q_ROW_GAP)
        C.side_panel(self.grad_rule, self.grad_probe, self.hess, self.minimiser, self.at_min, self.eigen_row,
                     beside=plane)  # places the rows

    def show_gradient(self) -> None:
        """Beats gradient, probe: the rule A x - b with arrows across a contour and one arrow carried round it, then
        its value at the point p, framed on the plane and in the panel."""
        v = self.v
        with self.beat("gradient",
                       "Its gradient is A x minus b: it points uphill, straight across the level curves.") as b:
            self.play(Write(self.grad_rule), self.move_pointer(self.grad_rule), run_time=b.part(0.3))
            self.play(*[GrowArrow(a) for a in self.ring_arrows], run_time=b.part(0.25))
            self.trace_ring(b.left)
        dot, label, arrow = self.probe
        with self.beat("probe", "At the point p, for example, the gradient has these two entries.") as b:
            for i in range(2):
                self.show(f"gradient_at_probe[{i}]", v.gradient_at_probe[i])
            self.play(FadeIn(dot), FadeIn(label), GrowArrow(arrow), run_time=b.part(0.25))
            self.point_at(self.probe, run_time=b.part(0.15))
            self.play(FadeIn(self.grad_probe, shift=LEFT * theme.FADE_SHIFT), run_time=b.part(0.2))
            self.wait_until(b, _at("At the point p, for example, the gradient has these two entries.", "these"))
            self.point_at(self.grad_probe, run_time=b.part(0.15))

    def trace_ring(self, seconds: float) -> None:
        """One gradient arrow carried once round the lit contour in about ``seconds``: at every point it crosses the
        curve (values from mathcore at Q_TRACE points of the contour)."""
        points, grads = np.array(self.v.trace_points), np.array(self.v.trace_gradients)
        k = ValueTracker(0)

        def arrow() -> Arrow:
            i = int(k.get_value()) % len(points)
            return _arrow(self.plane, points[i], points[i] + self.arrow_scale * grads[i], theme.TANGENT)

        ring = self.contours[Q_RING]
        drawn = (ring.get_stroke_color(), ring.get_stroke_width(), ring.get_stroke_opacity())
        tracer = C.rebuilt(arrow)
        self.add(tracer)
        self.play(ring.animate.set_stroke(theme.HIGHLIGHT, theme.STROKE, 1.0), run_time=0.3)
        self.play(k.animate.set_value(len(points)), run_time=frames(max(seconds - 0.6, 1.0)), rate_func=linear)
        self.remove(tracer)
        self.play(ring.animate.set_stroke(*drawn), run_time=0.3)

    def show_hessian(self) -> None:
        """Beat hessian: one more derivative of A x - b leaves the constant matrix A."""
        v = self.v
        with self.beat("hessian", "One more derivative leaves only A: the Hessian is A at every point.") as b:
            for i in range(2):
                for j in range(2):
                    self.show(f"hessian[{i}][{j}]", v.hessian[i][j])
            self.point_at(self.grad_rule, run_time=b.part(0.15))
            self.play(FadeIn(self.hess, shift=LEFT * theme.FADE_SHIFT), run_time=b.part(0.3))
            self.point_at(self.hess, run_time=b.part(0.15))

    def find_minimum(self) -> None:
        """Beats stationary, minimum, definite: the minimiser A^-1 b on the plane, the values there, and A's two
        positive eigenvalues that make it a true minimum."""
        v = self.v
        star_dot = Dot(self.plane.c2p(*v.minimiser), color=theme.ITERATE, radius=Q_STAR_DOT)
        star_label = C.tex("x^*", size=theme.LABEL, color=theme.ITERATE).next_to(star_dot, UP, buff=Q_STAR_GAP)
        text = "The gradient is zero where A x equals b, so the stationary point is A inverse b."
        with self.beat("stationary", text) as b:
            for i in range(2):
                self.show(f"minimiser[{i}]", v.minimiser[i])
            self.point_at(self.grad_rule, run_time=b.part(0.15))
            self.wait_until(b, _at(text, "so the"))
            self.play(FadeIn(self.minimiser, shift=LEFT * theme.FADE_SHIFT), run_time=b.part(0.2))
            self.point_at(self.minimiser, run_time=b.part(0.1))
            self.play(FadeIn(star_dot, scale=Q_STAR_GROW), FadeIn(star_label), run_time=b.part(0.15))
        with self.beat("minimum", "There the gradient vanishes and the loss takes its lowest value.") as b:
            for i in range(2):
                self.show(f"gradient_at_minimiser[{i}]", v.gradient_at_minimiser[i])
            self.show("min_value", v.min_value)
            self.play(FadeIn(self.at_min, shift=LEFT * theme.FADE_SHIFT), run_time=b.part(0.3))
            self.point_at(self.at_min, run_time=b.part(0.15))
            self.play(Indicate(star_dot, color=theme.ITERATE), run_time=b.part(0.3))
        text = "A is positive definite here, so this point is a true minimum, not a saddle."
        with self.beat("definite", text) as b:
            for i in range(2):
                self.show(f"eigenvalues[{i}]", v.eigenvalues[i])
            self.show("shape_class", v.shape_class)
            self.play(FadeOut(self.ring_arrows), FadeIn(self.eigen_row, shift=LEFT * theme.FADE_SHIFT),
                      run_time=b.part(0.2))
            self.point_at(self.eigen_row, run_time=b.part(0.15))
            self.wait_until(b, _at(text, "so this"))
            self.point_at(VGroup(star_dot, star_label), run_time=b.part(0.15))
            self.play(Indicate(star_dot, color=theme.ITERATE), run_time=b.part(0.25))

Q_SYMBOLS = ("=", r"\frac12 a_{11}x_1^2", "+", "a_{12}x_1x_2", "+", r"\frac12 a_{22}x_2^2", "-", "b_1x_1", "-",
             "b_2x_2", "+", "c")  # the expansion, one part per term and sign (the numbers line up with these)
Q_TERMS = (("two squares", (1, 5)), ("a cross", (3,)), ("two linear", (7, 9)), ("a constant", (11,)))  # framed


def _at(text: str, phrase: str) -> float:
    """Where ``phrase`` starts in ``text``, as a share of its length: roughly when the voice says it (a
    replaced script without the phrase: the end)."""
    i = text.find(phrase)
    return i / len(text) if i >= 0 else 1.0


def _signed_parts(x: float, body: str, half: bool = False) -> tuple[str, str]:
    """The sign of ``x`` (from its formatted text) and its magnitude followed by ``body``, as two TeX parts,
    the magnitude optionally as ``\\frac12\\cdot``."""
    s = C.fmt(x)
    sign, mag = ("-", s[1:]) if s.startswith("-") else ("+", s)
    return sign, (rf"\frac12\cdot {mag}{body}" if half else f"{mag}{body}")


def _arrow(plane, start, end, color: str, opacity: float = 1.0) -> Arrow:
    """A straight arrow between two points in plane coordinates."""
    return Arrow(
        plane.c2p(*start), plane.c2p(*end), buff=0, color=color, stroke_width=theme.STROKE,
        max_tip_length_to_length_ratio=Q_TIP_RATIO, stroke_opacity=opacity, fill_opacity=opacity,
    )


# ---------------------------------------------------------------------------------------------------------------
# Scene 6: four shapes
# ---------------------------------------------------------------------------------------------------------------

PANELS = ("a", "b", "c", "d")
S_DOMAIN = (-1.0, 1.0)  # each surface is drawn over [-1, 1]^2
S_GRID = 21  # samples per side for the common height range
S_SLICE = 33  # samples along each eigen-direction slice
S_SIZE = 2.5  # side of each surface's base, screen units
S_PHI, S_THETA = 70 * DEGREES, -60 * DEGREES
S_Z_STRETCH = 1.35  # taller than surface_axes makes them, so the curvature shows
S_CELLS = {"a": (-4.8, 1.4), "b": (2.15, 1.4), "c": (-4.8, -1.85), "d": (2.15, -1.85)}  # where z = 0 lands
S_NARRATION = {  # by the computed class, so that any eigenvalues the user picks are described truthfully
    "positive definite": "Both eigenvalues positive: it curves up along both eigenvectors, a bowl.",
    "negative definite": "Both negative: it curves down along both eigenvectors, a dome.",
    "positive semidefinite": "One zero, one positive: positive semidefinite, a valley with a flat floor.",
    "negative semidefinite": "One zero, one negative: negative semidefinite, a ridge with a flat top.",
    "zero": "Both eigenvalues zero: flat along every direction, a level plane.",
    "indefinite": "One of each sign: up along one eigenvector, down the other, a saddle.",
}
S_TURN = 30 * DEGREES  # each panel swings this far round and back while it is described
S_TURN_ANGLES = tuple(S_TURN * k / 3 for k in range(4))  # where a panel's drawn extent is measured for layout
S_CLASS_WIDTH = 2.6  # a class name wider than this (screen units) is set on two lines
S_CLASS_NAMED = 0.7  # share of a panel's narration spoken when it names the shape
S_SIGNS = {1: "> 0", 0: "= 0", -1: "< 0"}  # an eigenvalue's sign, written after it
S_MIN_HEIGHT = 0.5  # the surfaces' common z range reaches at least this high (and as low), math units
S_HEADROOM = 1.05  # ... and this factor beyond the highest surface
S_AXES_OPACITY = 0.35  # stroke opacity of each surface's axes
S_LABEL_ROWS_GAP = 0.15  # between the rows of a panel's label, scene units
S_SIGN_GAP = 0.2  # between an eigenvalue and its sign, scene units
S_FLASH_STROKE = 2.5 * theme.STROKE  # the flash along a panel's curves, stroke width


@dataclass(frozen=True)
class ShapesParams(SceneParams):
    eigenvalues_a: tuple[float, ...] = param((0.8, 2.0), "eigenvalues of surface (a)", min=-3, max=3, length=2)
    eigenvalues_b: tuple[float, ...] = param((-2.0, -0.8), "eigenvalues of surface (b)", min=-3, max=3, length=2)
    eigenvalues_c: tuple[float, ...] = param((0.0, 1.6), "eigenvalues of surface (c)", min=-3, max=3, length=2)
    eigenvalues_d: tuple[float, ...] = param((-1.2, 1.6), "eigenvalues of surface (d)", min=-3, max=3, length=2)
    angle: float = param(30.0, "rotation of every surface's eigenvectors, degrees", min=-180, max=180)

    def pairs(self) -> dict[str, tuple[float, float]]:
        return {k: getattr(self, f"eigenvalues_{k}") for k in PANELS}


@dataclass(frozen=True)
class ShapesPanel:
    """One surface of the shapes scene: its eigen-pairs, definiteness, and its slices along the eigenvectors."""

    panel: str  # which pair of eigenvalues (ShapesParams.pairs)
    eigenvalues: list[float]  # ascending
    eigenvectors: list[list[float]]  # one row per eigenvector, ascending eigenvalues
    class_: str  # definiteness
    signs: list[int]  # of the eigenvalues
    slice_t: list[float]  # positions t along an eigenvector, |t v_j| <= 1
    slices: list[list[float]]  # the height at t v_j, for each eigenvector j


@dataclass(frozen=True)
class ShapesValues(SceneValues):
    """What the shapes scene shows: one panel per pair of eigenvalues."""

    panels: list[ShapesPanel]
    height_extent: float  # the largest |f| over the panels' squares


class ShapesScene(Pointing, LectureScene):
    """Four quadratic surfaces, each labelled with its computed eigenvalues and class."""

    Params = ShapesParams
    chapter = 2
    title = "Four shapes"
    summary = (
        "Bowl, dome, flat-floored valley (positive semidefinite) and saddle: the signs of the eigenvalues decide the shape."
    )
    cells: dict[str, dict[str, VGroup]]  # panel key -> its slice curves, eigenvalue rows, class, sign marks

    @classmethod
    def values(cls, p: ShapesParams) -> ShapesValues:
        t = np.linspace(-1.0, 1.0, S_SLICE)  # |t v_j| <= 1: the slices stay on the [-1, 1]^2 surface
        g = np.linspace(*S_DOMAIN, S_GRID)
        grid = np.stack(np.meshgrid(g, g), axis=-1)
        panels, extent = [], 0.0
        for key, pair in p.pairs().items():
            q = quadratic.from_eigen(pair, np.radians(p.angle))
            e = q.eigen()
            extent = max(extent, float(np.max(np.abs(q.value(grid)))))
            panels.append(ShapesPanel(
                panel=key,
                eigenvalues=e.values.tolist(),
                eigenvectors=e.vectors.T.tolist(),
                class_=q.definiteness(),
                signs=q.eigen_signs().tolist(),
                slice_t=t.tolist(),
                slices=[q.value(np.outer(t, e.vectors[:, i])).tolist() for i in range(2)],
            ))
        return ShapesValues(panels, extent)

    def setup(self) -> None:
        super().setup()
        self.view = View(S_PHI, S_THETA)
        self.height = max(self.v.height_extent, S_MIN_HEIGHT) * S_HEADROOM  # the surfaces' common z range

    def construct(self) -> None:
        self.cells = {}
        self.ask()
        for panel in self.v.panels:
            self.present(panel)
        self.conclude()

    def ask(self) -> None:
        """Beat question: the heading and the question the four surfaces answer."""
        self.spectral = C.tex(r"A = V \begin{pmatrix} \lambda_1 & 0 \\ 0 & \lambda_2 \end{pmatrix} V^\top",
                              size=theme.HEADING)
        with self.beat("question", "What does a quadratic form look like? Its Hessian's eigenvalues decide.") as b:
            self.play(FadeIn(C.heading("Four shapes of a quadratic")), run_time=b.part(0.3))
            self.wait_until(b, 0.5)
            self.play(Write(self.spectral), run_time=b.part(0.3))
            glyphs = self.spectral[0]
            self.point_at(glyphs[4:6], glyphs[8:10], run_time=b.part(0.15))  # lambda_1 and lambda_2

    def present(self, panel: ShapesPanel) -> None:
        """Beat panel_<key>: one surface with its eigen-direction slices, labelled with its eigenvalues and class."""
        p, view, z = self.p, self.view, self.height
        key = panel.panel
        q = quadratic.from_eigen(p.pairs()[key], np.radians(p.angle))
        axes = C.surface_axes(S_DOMAIN, S_DOMAIN, (-z, z), size=S_SIZE)
        surf = C.surface(axes, C.surface_grid(q.value, q.gradient, S_DOMAIN, S_DOMAIN, faces=16))
        slices = VGroup(*[
            VMobject(stroke_color=color, stroke_width=theme.STROKE).set_points_smoothly(
                [axes.c2p(*(t * np.array(vec)), h) for t, h in zip(panel.slice_t, heights)])
            for vec, heights, color in zip(panel.eigenvectors, panel.slices, (theme.EIGEN_1, theme.EIGEN_2))
        ])
        axes.set_stroke(opacity=S_AXES_OPACITY)
        group = VGroup(axes, surf, slices)
        group.stretch(S_Z_STRETCH, 2, about_point=axes.c2p(0, 0, 0))
        # place the group so that its centre projects onto the cell's screen position
        sx, sy = S_CELLS[key]
        group.shift(view.rotation.T @ np.array([sx, sy, 0.0]) - axes.c2p(0, 0, 0))
        turning = TurningView(view, axes.c2p(0, 0, 0))  # the panel turns about its own vertical axis
        picture, curves = turning.flatten(VGroup(axes, surf)), turning.flatten(slices)

        l1, l2 = (self.show(f"eigenvalues[{key}][{i}]", panel.eigenvalues[i]) for i in range(2))
        kind = self.show(f"class[{key}]", panel.class_)
        rows = VGroup(C.tex(rf"\lambda_1 = {C.fmt(l1)}", size=theme.BODY, color=theme.EIGEN_1),
                      C.tex(rf"\lambda_2 = {C.fmt(l2)}", size=theme.BODY, color=theme.EIGEN_2))
        name = C.text(kind, theme.SMALL)
        if name.width > S_CLASS_WIDTH:  # "positive semidefinite" would reach the next panel: one word a line
            name = C.text(kind.replace(" ", "\n"), theme.SMALL)
        label = VGroup(C.text(f"({key})", theme.SMALL), *rows, name).arrange(DOWN, aligned_edge=LEFT,
                                                                          buff=S_LABEL_ROWS_GAP)
        signs = VGroup(*[C.tex(S_SIGNS[sign], size=theme.BODY, color=row.get_color()).next_to(row, RIGHT,
                                                                                              buff=S_SIGN_GAP)
                         for sign, row in zip(panel.signs, rows)])
        for mark in signs[1:]:
            mark.align_to(signs[0], LEFT)
        right = max(float(np.max(turning.project(surf.get_all_points(), a)[:, 0]))  # layout: the drawn extent
                    for a in S_TURN_ANGLES)  # at any angle of the turn
        block = VGroup(label, signs)
        block.shift(np.array([right + theme.BUFF - block.get_left()[0], sy - label.get_center()[1], 0.0]))
        block.shift(UP * max(0.0, layout.content_bottom() + C.CAPTION_GAP - block.get_bottom()[1]))
        self.cells[key] = {"curves": curves, "rows": rows, "kind": label[-1], "signs": signs}

        with self.beat(f"panel_{key}", f"({key}) " + S_NARRATION[kind]) as b:
            fade = [FadeOut(self.spectral), *self.drop_pointer()] if key == PANELS[0] else []  # frames go with it
            self.play(*fade, FadeIn(picture), FadeIn(label), run_time=b.part(0.25))
            # the surface swings about its axis while the words describe it, so its shape reads, and is at rest again
            # when the frame, after the rows, reaches the class; meanwhile its curves are drawn
            named = b.start + S_CLASS_NAMED * b.duration
            run, last = b.part(0.3), b.part(0.15)
            turn = Swing(turning, out_and_back(S_TURN), self.time, max(named - self.time, run) + last)
            self.play(turn.turn(self.time, run), Reveal(turning, curves), self.move_pointer(rows), run_time=run)
            turn.play_until(self, named)
            self.point_at(label[-1], run_time=last, also=[turn.turn(self.time, last)])

    def conclude(self) -> None:
        """Beats slices, signs: each panel's two curves traced beside its eigenvalues, then each panel's signs
        written beside its class, panel by panel."""
        share = 0.9 / len(PANELS)
        with self.beat("slices", "Each coloured curve follows an eigenvector and bends with its eigenvalue.") as b:
            for key in PANELS:
                cell = self.cells[key]
                trace = cell["curves"].copy().set_stroke(width=S_FLASH_STROKE)
                self.play(ShowPassingFlash(trace, time_width=0.6), self.move_pointer(cell["rows"]),
                          run_time=b.part(share))
        with self.beat("signs", "So the signs of the eigenvalues tell us which shape we are standing on.") as b:
            for panel in self.v.panels:
                key, cell = panel.panel, self.cells[panel.panel]
                self.show(f"signs[{key}]", panel.signs)
                self.show(f"class[{key}]", panel.class_)
                self.play(FadeIn(cell["signs"], shift=LEFT * theme.FADE_SHIFT),
                          self.move_pointer(VGroup(cell["rows"], cell["signs"], cell["kind"])), run_time=b.part(share))
            self.play(*self.drop_pointer(), run_time=b.part(0.05))


# ---------------------------------------------------------------------------------------------------------------
# Scene 7: eigenvectors are the axes of the contour ellipses
# ---------------------------------------------------------------------------------------------------------------

E_PLANE_X = (-4.0, 4.0)
E_PLANE_Y = (-3.5, 3.5)
E_UNIT = 0.85
E_MAX_AXIS = 3.0  # the outer contour's longest semi-axis (math units) must fit, with its label, in the window
E_MIN_AXIS = 0.3  # ... and its shortest must stay visible
E_KEYFRAMES = 12  # precomputed contour families per morph
E_DEMO = 1.2  # length of the demonstration vectors (shortened if A would stretch them out of the window)
E_DEMO_REACH = 2.6  # ... so that A times them is at most this long, math units
E_HEADING_GAP = 0.25  # between the heading and the plane, scene units
E_ROW_GAP = 0.2  # between f(x) = ..., A = and A's matrix, scene units
E_PANEL_ROWS_GAP = 0.32  # between the rows of the side panel, scene units
E_CENTRE_DOT = 0.06  # radius of the dot at the contours' centre, scene units
E_CENTRE_GROW = 3  # the centre's dot fades in from this many times its size
E_TIP_RATIO = 0.25  # an arrow's tip takes at most this share of its length
E_TAG_GAP = 0.15  # between an arrow's tip and its name, scene units
E_SWEEP_SAMPLES = 121  # directions of w on its turn round the centre (beat ``multiply``), the first repeated last
E_FLASH_TIME = 0.5  # share of a contour's path lit at once by the flash of beat ``contours``
E_LENGTH_GAP = 0.25  # between an eigen-arrow's tip and the number of its length, scene units


def _fit_message(field: str, values, eigenvalues, levels) -> str | None:
    """Why the contours of ``eigenvalues`` at ``levels`` would not fit, or None (semi-axes from mathcore)."""
    q = quadratic.from_eigen(eigenvalues, 0.0)
    s = quadratic.ellipse(q, max(levels)).semi_axes
    if np.max(s) > E_MAX_AXIS + 1e-9:
        return (f"{field} = {list(values)}: must keep the outer contour's longest semi-axis sqrt(2 L / l_min) "
                f"<= {E_MAX_AXIS:g} to fit the window (it is {np.max(s):.3g} for eigenvalues {list(eigenvalues)})")
    if np.min(s) < E_MIN_AXIS - 1e-9:
        return (f"{field} = {list(values)}: must keep the outer contour's shortest semi-axis sqrt(2 L / l_max) "
                f">= {E_MIN_AXIS:g} to stay visible (eigenvalues {list(eigenvalues)})")
    return None


@dataclass(frozen=True)
class EigenAxesParams(SceneParams):
    eigenvalues: tuple[float, ...] = param((0.5, 2.0), "the Hessian's eigenvalues l1 < l2 (both > 0)",
                                           min=0.1, max=10, length=2)
    angle: float = param(75.0, "direction of the eigenvector v1, degrees", min=-180, max=180)
    levels: tuple[float, ...] = param((0.1, 0.4, 0.9), "contour levels L of f - f*, increasing (1 to 6)",
                                      min=0.01, max=50)
    morph_eigenvalues: tuple[float, ...] = param(valley.EIGENVALUES, "eigenvalues l1 < l2 to change to (by default "
                                                 "the valley the next chapter works on)", min=0.1, max=10, length=2)
    morph_angle: float = param(valley.ANGLE_DEG, "direction of v1 to turn to, degrees", min=-180, max=180)

    def check(self) -> None:
        for field in ("eigenvalues", "morph_eigenvalues"):
            l1, l2 = getattr(self, field)
            if not l1 < l2:
                raise ValidationError(f"{field} = {[l1, l2]}: must be increasing, l1 < l2, so each has its own axis")
        if not 1 <= len(self.levels) <= 6 or any(b <= a for a, b in zip(self.levels, self.levels[1:])):
            raise ValidationError(f"levels = {list(self.levels)}: must be 1 to 6 increasing numbers")
        for field in ("eigenvalues", "morph_eigenvalues"):
            message = _fit_message("levels", self.levels, getattr(self, field), self.levels)
            if message:
                raise ValidationError(message)


@dataclass(frozen=True)
class EigenFrame:
    """The quadratic's eigen-structure and contours at one keyframe of the eigen-axes scene."""

    eigenvalues: list[float]
    eigenvectors: list[list[float]]  # one row per eigenvector, signed to agree with the previous keyframe
    tilt_deg: float  # the direction of v1, degrees
    outer_level: float
    outer_semi_axes: list[float]  # of the outer contour
    ellipses: list[EllipseRecord]  # the contours, angles moved to follow the previous keyframe


@dataclass(frozen=True)
class EigenDemo:
    """Vectors multiplied by A: the eigenvectors v1, v2 and w between them, each with its product."""

    v1: list[float]
    Av1: list[float]
    v2: list[float]
    Av2: list[float]
    w: list[float]
    Aw: list[float]


@dataclass(frozen=True)
class EigenSweep:
    """w turned once round, and A w at each turn."""

    w: list[list[float]]
    Aw: list[list[float]]


@dataclass(frozen=True)
class EigenAxesValues(SceneValues):
    """What the eigen-axes scene shows: A, its eigen-pairs, the contours' semi-axes and the keyframes of the morph."""

    A: list[list[float]]
    minimiser: list[float]
    eigenvalues: list[float]
    eigenvectors: list[list[float]]  # one row per eigenvector
    levels: list[float]
    semi_axes: list[list[float]]  # of the contour at each level
    # A x is the gradient of f at x, because the minimum is at the origin (b = 0)
    demo: EigenDemo
    sweep: EigenSweep
    frames: list[EigenFrame]
    morph_start: int  # frames[0..morph_start] change the eigenvalues, the rest the angle


def _keyframes(p: EigenAxesParams) -> list[EigenFrame]:
    """The quadratic's eigen-structure and contours at the start, along the eigenvalue morph and along the turn.

    Every number comes from mathcore for interpolated parameters. Two layout choices keep the motion smooth: an
    eigenvector's sign is arbitrary, so each keyframe's vectors are signed to agree with the previous keyframe's;
    an ellipse is unchanged by a half turn, so each ellipse angle is moved by a multiple of pi next to the previous.
    """
    t = np.linspace(0.0, 1.0, E_KEYFRAMES + 1)
    l0, l1 = np.array(p.eigenvalues), np.array(p.morph_eigenvalues)
    params = [(l0 + s * (l1 - l0), p.angle) for s in t] + [(l1, p.angle + s * (p.morph_angle - p.angle)) for s in t[1:]]
    frames, previous, previous_tilt = [], None, 0.0
    for eigenvalues, angle in params:
        q = quadratic.from_eigen(eigenvalues, np.radians(angle))
        e = q.eigen()
        vectors = e.vectors.T.copy()
        ellipses = [quadratic.ellipse(q, L) for L in p.levels]
        tilt = ellipses[0].angle
        if previous is not None:
            for i in range(2):
                if np.dot(vectors[i], previous.eigenvectors[i]) < 0:
                    vectors[i] = -vectors[i]
            tilt += np.pi * np.round((previous_tilt - tilt) / np.pi)
        frame = EigenFrame(
            eigenvalues=e.values.tolist(),
            eigenvectors=vectors.tolist(),
            tilt_deg=float(np.degrees(tilt)),
            outer_level=float(max(p.levels)),
            outer_semi_axes=quadratic.ellipse(q, max(p.levels)).semi_axes.tolist(),
            ellipses=[replace(C.ellipse_record(x), angle=float(tilt)) for x in ellipses],
        )
        frames.append(frame)
        previous, previous_tilt = frame, tilt
    return frames


class EigenAxesScene(Pointing, LectureScene):
    """Contours of a positive definite quadratic; eigenvectors are their axes; the axes' lengths; a morph."""

    Params = EigenAxesParams
    chapter = 2
    title = "Eigenvectors are the axes of the contour ellipses"
    summary = (
        "A v = l v; the eigenvectors are the ellipse axes; the semi-axis along v_i is sqrt(2L / l_i). Ends on the "
        "valley that chapter 3 works on."
    )

    @classmethod
    def values(cls, p: EigenAxesParams) -> EigenAxesValues:
        q = quadratic.from_eigen(p.eigenvalues, np.radians(p.angle))  # minimum at the origin: grad f(x) = A x
        e = q.eigen()
        d = min(E_DEMO, E_DEMO_REACH / e.values[1])
        v1, v2 = d * e.vectors[:, 0], d * e.vectors[:, 1]
        w = d * (e.vectors[:, 0] + e.vectors[:, 1]) / np.sqrt(2.0)  # a direction half-way between the axes
        turn = np.arctan2(w[1], w[0]) + np.linspace(0.0, 2 * np.pi, E_SWEEP_SAMPLES)
        sweep = d * np.column_stack([np.cos(turn), np.sin(turn)])  # w turned once round, from where it starts
        frames = _keyframes(p)
        return EigenAxesValues(
            A=q.hessian().tolist(),
            minimiser=q.minimiser().tolist(),
            eigenvalues=e.values.tolist(),
            eigenvectors=e.vectors.T.tolist(),
            levels=list(p.levels),
            semi_axes=[quadratic.ellipse(q, L).semi_axes.tolist() for L in p.levels],
            demo=EigenDemo(v1.tolist(), q.gradient(v1).tolist(), v2.tolist(), q.gradient(v2).tolist(), w.tolist(),
                           q.gradient(w).tolist()),
            sweep=EigenSweep(sweep.tolist(), [q.gradient(x).tolist() for x in sweep]),
            frames=frames,
            morph_start=E_KEYFRAMES,
        )

    def construct(self) -> None:
        self.build()
        self.draw_contours()
        self.multiply()
        self.show_axes()
        self.morph()

    def build(self) -> None:
        """The plane, the keyframe tracker and the side panel: A, the rule A v = l v, the eigen-pairs (live), the
        tilt (live), the semi-axis formula and its numbers (live)."""
        v = self.v
        self.heading = C.heading("Eigenvectors are the axes of the contours")
        self.plane = C.plane(E_PLANE_X, E_PLANE_Y, E_UNIT)
        C.above_captions(self.plane.next_to(self.heading, DOWN, buff=E_HEADING_GAP).to_edge(LEFT, buff=theme.EDGE))
        self.center = np.array(v.minimiser)
        self.colors = (theme.EIGEN_1, theme.EIGEN_2)
        self.key = ValueTracker(0)  # which keyframe the live numbers show
        at = self.at

        A = [[self.show(f"A[{i}][{j}]", v.A[i][j]) for j in range(2)] for i in range(2)]
        self.row_a = VGroup(C.tex(r"f(x) = \frac12\, x^\top A\, x,\quad A =", size=theme.LABEL),
                            C.number_matrix(A, size=theme.LABEL, compact=True)).arrange(RIGHT, buff=E_ROW_GAP)
        for i in range(2):
            self.show(f"eigenvalues[{i}]", v.eigenvalues[i])
            self.show(f"eigenvectors[{i}]", v.eigenvectors[i])
            self.show(f"semi_axes_outer[{i}]", v.semi_axes[-1][i])
        self.show("outer_level", v.levels[-1])
        self.show("tilt_deg", v.frames[0].tilt_deg)
        self.pair_rows = [
            _live_row([rf"\lambda_{i + 1} =", lambda i=i: at().eigenvalues[i], rf",\quad v_{i + 1} = (",
                       lambda i=i: at().eigenvectors[i][0], ",", lambda i=i: at().eigenvectors[i][1], ")"],
                      self.colors[i])
            for i in range(2)
        ]
        self.rule = C.tex(r"A v = \lambda v", size=theme.LABEL)
        self.formula = C.tex(r"f - f^* = L:\quad s_i = \sqrt{2L/\lambda_i}", size=theme.LABEL)
        self.lengths = _live_row([f"L = {C.fmt(v.levels[-1])}:\\quad s_1 =", lambda: at().outer_semi_axes[0],
                                  r",\quad s_2 =", lambda: at().outer_semi_axes[1]], theme.TEXT)
        self.turn = _live_row([r"v_1 \text{ at } \theta =", lambda: at().tilt_deg, r"^\circ"], theme.TEXT,
                              decimals=0)
        C.side_panel(self.row_a, self.rule, *self.pair_rows, self.turn, self.formula, self.lengths,
                     beside=self.plane, buff=E_PANEL_ROWS_GAP)  # places the rows

    def at(self) -> EigenFrame:
        """The keyframe the live numbers show."""
        return self.v.frames[int(round(self.key.get_value()))]

    def family(self, k: int) -> VGroup:
        """The contours of keyframe ``k``."""
        return C.contour_family(self.plane, [C.ellipse_of(e) for e in self.v.frames[k].ellipses])

    def axes_arrows(self, k: int) -> VGroup:
        """The eigenvectors of keyframe ``k``, as long as the outer contour's semi-axes."""
        f = self.v.frames[k]
        return C.eigen_arrows(self.plane, self.center, np.array(f.eigenvectors).T, f.outer_semi_axes,
                              self.colors)

    def draw_contours(self) -> None:
        """Beats quadratic, contours: the plane, A and the minimum at the origin, then the nested ellipses with their
        common centre and tilt (the axis lines of keyframe 0)."""
        f = self.v.frames[0]
        self.centre_dot = Dot(self.plane.c2p(*self.center), color=theme.TEXT, radius=E_CENTRE_DOT)
        text = "Take a positive definite quadratic with its minimum at the origin."
        with self.beat("quadratic", text) as b:
            self.play(FadeIn(self.heading), Create(self.plane), FadeIn(self.row_a), run_time=b.part(0.35))
            self.point_at(self.row_a, run_time=b.part(0.15))
            self.wait_until(b, _at(text, "its minimum"))
            self.play(FadeIn(self.centre_dot, scale=E_CENTRE_GROW), run_time=b.part(0.1))
            self.point_at(self.centre_dot, run_time=b.part(0.15))
        self.contours = self.family(0)
        ends = [(self.center - s * np.array(u), self.center + s * np.array(u))
                for s, u in zip(f.outer_semi_axes, f.eigenvectors)]  # each axis across the outer contour
        self.axis_lines = VGroup(*[DashedLine(self.plane.c2p(*a), self.plane.c2p(*z), color=theme.MUTED,
                                              stroke_width=theme.THIN) for a, z in ends])
        text = "Its level curves are ellipses, all with the same centre and the same tilt."
        with self.beat("contours", text) as b:
            self.play(Create(self.contours), *self.drop_pointer(), run_time=b.part(0.4))
            self.wait_until(b, _at(text, "the same centre"))
            self.point_at(self.centre_dot, run_time=b.part(0.1))
            self.wait_until(b, _at(text, "the same tilt"))
            flashes = [ShowPassingFlash(c.copy().set_stroke(color=theme.HIGHLIGHT, width=theme.FLASH),
                                        time_width=E_FLASH_TIME) for c in self.contours]
            self.play(Create(self.axis_lines), LaggedStart(*flashes, lag_ratio=0.3), *self.drop_pointer(),
                      run_time=b.left)

    def multiply(self) -> None:
        """Beats multiply, stretch: A v = l v, against a vector that turns (A x is f's gradient here, from mathcore).
        In ``multiply`` w goes once round the centre with A w following: A w points elsewhere, except where w
        passes an eigenvector."""
        demo, sweep = self.v.demo, self.v.sweep
        w, w_tag = self._arrow(demo.w, theme.TEXT), self._tag("w", demo.w, theme.TEXT)
        aw, aw_tag = self._arrow(demo.Aw, theme.TANGENT), self._tag("Aw", demo.Aw, theme.TANGENT)
        step = ValueTracker(0)

        def along(key: str) -> list[float]:
            return getattr(sweep, key)[int(round(step.get_value()))]

        with self.beat("multiply", "Multiplying by A usually turns a vector as well as stretching it.") as b:
            self.play(GrowArrow(w), FadeIn(w_tag), run_time=b.part(0.2))
            self.play(ReplacementTransform(w.copy(), aw), FadeIn(aw_tag), run_time=b.part(0.3))
            self.remove(w, aw)
            w, aw = (always_redraw(lambda: self._arrow(along("w"), theme.TEXT)),
                     always_redraw(lambda: self._arrow(along("Aw"), theme.TANGENT)))
            w_tag.add_updater(lambda m: self._place_tag(m, along("w")))
            aw_tag.add_updater(lambda m: self._place_tag(m, along("Aw")))
            self.add(w, aw)
            self.play(step.animate.set_value(len(sweep.w) - 1), rate_func=linear, run_time=b.left)
            for tag in (w_tag, aw_tag):
                tag.clear_updaters()
        with self.beat("stretch", "Along an eigenvector it only stretches: A v equals lambda v.") as b:
            self.play(FadeOut(VGroup(w, w_tag, aw, aw_tag)), Write(self.rule), run_time=b.part(0.15))
            factors = VGroup(*[self._stretch(i, b.part(0.45)) for i in (2, 1)])
            self.play(FadeOut(factors), run_time=0.5)

    def _stretch(self, i: int, seconds: float) -> VGroup:
        """Eigenvector v_i and A v_i = l_i v_i, in ``seconds``; returns the stretch factor left on screen."""
        demo, color = self.v.demo, self.colors[i - 1]
        vi, avi = getattr(demo, f"v{i}"), getattr(demo, f"Av{i}")
        grows = np.linalg.norm(avi) > np.linalg.norm(vi)
        a, a_tag = self._arrow(vi, color), self._tag(f"v_{i}", vi, color, side=1)
        av = self._arrow(avi, theme.TANGENT)
        (a if grows else av).set_z_index(1)  # the shorter arrow on top
        av_tag = self._tag(rf"Av_{i}", avi, theme.TANGENT, 0 if grows else -1)
        # the stretch factor, written where the eigen-pair's row will appear
        factor = C.tex(rf"A v_{i} = {C.fmt(self.v.eigenvalues[i - 1])}\, v_{i}", size=theme.LABEL,
                       color=theme.TANGENT)
        factor.move_to(self.pair_rows[i - 1], aligned_edge=LEFT)
        self.play(GrowArrow(a), FadeIn(a_tag), run_time=frames(0.25 * seconds))
        self.play(ReplacementTransform(a.copy(), av), FadeIn(av_tag), FadeIn(factor), run_time=frames(0.4 * seconds))
        self.wait(frames(0.2 * seconds))
        self.play(FadeOut(VGroup(a, a_tag, av, av_tag)), run_time=frames(0.15 * seconds))
        return factor

    def _arrow(self, vec, color) -> Arrow:
        """An arrow from the minimum along ``vec`` (plane units)."""
        return Arrow(self.plane.c2p(*self.center), self.plane.c2p(*(self.center + np.array(vec))), buff=0,
                     color=color, stroke_width=theme.STROKE, max_tip_length_to_length_ratio=E_TIP_RATIO)

    def _tag(self, text: str, vec, color, side: int = 0) -> VGroup:
        """A label at the tip of the arrow along ``vec``: beyond it (side 0) or to its left (+1) or right (-1).
        Layout only."""
        return self._place_tag(C.tex(text, size=theme.LABEL, color=color), vec, side)

    def _place_tag(self, m: VMobject, vec, side: int = 0) -> VMobject:
        """Move the label ``m`` to the tip of the arrow along ``vec``, as :meth:`_tag` places it. Layout only."""
        u = np.array([*vec, 0.0]) / np.linalg.norm(vec)
        direction = side * np.array([-u[1], u[0], 0.0]) if side else u
        return m.next_to(self.plane.c2p(*(self.center + np.array(vec))), np.round(direction), buff=E_TAG_GAP)

    def show_axes(self) -> None:
        """Beats axes, lengths, shorter: the eigenvectors along the ellipse axes, the semi-axis lengths on the outer
        contour, and the larger eigenvalue's shorter axis."""
        self.arrows = self.axes_arrows(0)
        text = "And the eigenvectors lie exactly along the axes of every ellipse."
        with self.beat("axes", text) as b:
            self.play(*[GrowArrow(a) for a in self.arrows], *[FadeIn(r) for r in self.pair_rows], FadeIn(self.turn),
                      run_time=b.part(0.3))
            self.point_at(VGroup(*self.pair_rows), run_time=b.part(0.15))
            self.wait_until(b, _at(text, "along the axes"))
            self.play(FadeOut(self.axis_lines), self.move_pointer(self.turn), run_time=b.part(0.2))
        tips = VGroup(*[_tip_label(self.plane, self.center, self.at, i, self.colors[i]) for i in range(2)])
        outer = self.contours[-1]
        drawn = (outer.get_stroke_color(), outer.get_stroke_width(), outer.get_stroke_opacity())
        with self.beat("lengths", "On the contour f - f* = L, the semi-axis along v_i is sqrt(2L / lambda_i).") as b:
            self.play(outer.animate.set_stroke(color=theme.HIGHLIGHT, width=theme.STROKE, opacity=1.0),
                      Write(self.formula), self.move_pointer(self.formula), run_time=b.part(0.3))
            self.play(FadeIn(self.lengths), FadeIn(tips), run_time=b.part(0.2))
            self.point_at(self.lengths, run_time=b.part(0.1))
            self.play(*[ShowPassingFlash(a.copy().set_stroke(color=theme.HIGHLIGHT, width=theme.FLASH),
                                         time_width=0.5) for a in self.arrows], run_time=b.part(0.2))
            self.play(outer.animate.set_stroke(*drawn), run_time=b.part(0.1))
        with self.beat("shorter", "So the larger eigenvalue, the sharper curvature, gives the shorter axis.") as b:
            self.point_at(self.pair_rows[1], run_time=b.part(0.15))
            self.wait_until(b, 0.6)
            self.play(self.move_pointer(tips[1]), Indicate(self.arrows[1], color=theme.EIGEN_2),
                      run_time=b.part(0.3))
        self.tips = tips

    def morph(self) -> None:
        """Beats change, rotate, recap: change the eigenvalues, then turn the eigenvectors (precomputed keyframes,
        one Transform each), then trace the axes' directions and lengths."""
        keyframes, start = self.v.frames, self.v.morph_start
        changed, final = keyframes[start], keyframes[-1]
        with self.beat("change", "Now change the eigenvalues: each axis follows its own eigenvalue.") as b:
            self.show("changed.eigenvalues", changed.eigenvalues)
            self.show("changed.outer_semi_axes", changed.outer_semi_axes)
            self.play(FadeOut(self.row_a), *self.drop_pointer(), run_time=0.5)
            self._morph(range(1, start + 1), seconds=b.until_end())
        with self.beat("rotate", "Turn the eigenvectors, and the ellipses turn with them.") as b:
            self.show("turned.eigenvectors", final.eigenvectors)
            self.show("turned.tilt_deg", final.tilt_deg)
            self._morph(range(start + 1, len(keyframes)), seconds=b.duration)
        text = "Eigenvectors give the directions of the axes, eigenvalues their lengths."
        with self.beat("recap", text) as b:
            for key in ("eigenvalues", "eigenvectors", "outer_semi_axes", "tilt_deg"):
                self.show(f"final.{key}", getattr(final, key))
            self.play(*[ShowPassingFlash(a.copy().set_stroke(color=theme.HIGHLIGHT, width=theme.FLASH),
                                         time_width=0.5) for a in self.arrows],
                      self.move_pointer(VGroup(*self.pair_rows, self.turn)), run_time=b.part(0.3))
            self.wait_until(b, _at(text, "eigenvalues their"))
            self.play(self.move_pointer(self.lengths, *self.tips), run_time=b.part(0.2))
            self.play(*[Indicate(t, color=c) for t, c in zip(self.tips, self.colors)], run_time=b.part(0.25))

    def _morph(self, ks, seconds: float) -> None:
        """Step the contours, the eigen-arrows and the live numbers through keyframes ``ks`` in ``seconds``."""
        ks = list(ks)
        for k in ks:
            self.key.set_value(k)
            self.play(Transform(self.contours, self.family(k)), Transform(self.arrows, self.axes_arrows(k)),
                      run_time=seconds / len(ks), rate_func=linear)


def _live_row(parts, color: str, decimals: int = 2) -> VGroup:
    """One line of TeX whose numeric parts follow precomputed values.

    ``parts`` are TeX strings and callables returning a number to show (a lookup, never a computation). The line is
    typeset once, with the first values in place, so every piece sits on the common baseline; each number is then
    swapped for a live number over its own glyphs, and when a number's width changes the pieces after it slide
    sideways (only horizontally, so the baseline is kept).
    """
    values = [part() if callable(part) else None for part in parts]
    strings = [C.fmt(x, decimals) if callable(part) else part for part, x in zip(parts, values)]
    line = C.tex(*strings, size=theme.LABEL, color=color)
    pieces = []
    for part, piece in zip(parts, line):
        if callable(part):
            number = C.live_number(part, decimals=decimals, color=color)
            number.move_to(piece)
            piece = number
        pieces.append(piece)
    gaps = [b.get_left()[0] - a.get_right()[0] for a, b in zip(pieces, pieces[1:])]
    row = VGroup(*pieces)

    def slide(m: VGroup) -> None:
        for a, b, gap in zip(m[:-1], m[1:], gaps):
            b.shift(RIGHT * (a.get_right()[0] + gap - b.get_left()[0]))

    row.add_updater(slide)
    return row


def _tip_label(plane, center, frame_of, i: int, color: str):
    """The semi-axis length s_i written just beyond the tip of eigen-arrow i (positions looked up, not computed)."""

    def tip() -> np.ndarray:
        f = frame_of()
        return center + f.outer_semi_axes[i] * np.array(f.eigenvectors[i])

    number = C.live_number(lambda: frame_of().outer_semi_axes[i], color=color)

    def place(m) -> None:
        f = frame_of()
        u = np.array([*f.eigenvectors[i], 0.0])
        m.move_to(plane.c2p(*tip()) + u * (E_LENGTH_GAP + 0.5 * (abs(u[0]) * m.width + abs(u[1]) * m.height)))

    number.add_updater(place)
    place(number)
    return number


SCENES = [
    ("chapter2", Chapter2Card),
    ("quadratic", QuadraticScene),
    ("shapes", ShapesScene),
    ("eigen_axes", EigenAxesScene),
]
