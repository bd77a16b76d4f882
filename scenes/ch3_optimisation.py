"""Chapter 3, the Hessian and optimisation: how eigenvalues set the speed and stability of gradient descent.

Scenes, in lecture order:

- ``convergence``: gradient descent on a 2-D quadratic; the error's two eigen-components, simulated (dots)
  against the closed form c_i (1 - a l_i)^t (lines).
- ``ball``: the same step on a steep and a shallow 1-D bowl; the steep one reaches the minimum sooner.
- ``step_size``: one curvature, four step sizes, the four regimes of the factor 1 - a l.
- ``condition``: a narrow valley; the step is capped by l_max, the speed set by l_min; steps to a tolerance
  against the condition number k, simulated and predicted.

Every number drawn comes from :meth:`values` (mathcore); the scenes only place it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Arrow,
    Create,
    CurvedArrow,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    Line,
    NumberLine,
    Rectangle,
    ReplacementTransform,
    Rotate,
    Transform,
    Triangle,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    config,
    linear,
)

from mathcore import descent, quadratic
from mathcore.errors import ValidationError
from scenes import components as C
from scenes import theme, valley
from scenes.base import LectureScene, SceneValues
from scenes.beats import frames
from scenes.cards import ChapterCard
from scenes.pointing import Pointing
from scenes.params import SceneParams, param
from scenes.values import Curve, EllipseRecord


class Chapter3Card(ChapterCard):
    chapter = 3
    summary = "Opens chapter 3: how eigenvalues set the speed and stability of gradient descent."
    questions = (
        "How fast does each eigen-direction converge?",
        "How large may a step be?",
        "Why do unequal eigenvalues slow descent?",
    )
    narration = "Chapter three: how curvature sets the speed and the step of gradient descent."


# ---------------------------------------------------------------------------------------------------------
# Layout helpers (geometry of the picture only: no optimisation maths happens here)

LEVEL_FRACTIONS = (0.03, 0.1, 0.22, 0.4, 0.65, 0.95)  # contour levels as fractions of the largest that fits
CURVE_SAMPLES = 121  # points of a drawn bowl
SWEEP_SAMPLES = 60  # steps a at which factors 1 - a l are looked up while a step size is swept


def _fitting_levels(q: quadratic.Quadratic, half_w: float, half_h: float) -> list[float]:
    """Contour levels (innermost first) whose ellipses fit in the box |x1| <= half_w, |x2| <= half_h."""
    top = quadratic.largest_level_in_box(q, half_w, half_h)
    return [top * f for f in LEVEL_FRACTIONS]


def _ball_ranges(p) -> tuple[list[float], list[float]]:
    """The ball scene's plot ranges: x over 1.2 times the start on both sides, loss up to the steep bowl's there."""
    reach = B_REACH * p.start
    y_top = float(_bowl(p.steep).value(np.array([[reach]]))[0])
    return C.axis_range(-reach, reach, 4), C.axis_range(0.0, y_top, 4)


@dataclass(frozen=True)
class SlicedValley:
    """The 2-D valley whose slices along v1 and v2 are the ball scene's bowls, as its inset draws it."""

    eigenvalues: list[float]  # (shallow, steep)
    angle: float  # of v1, degrees
    eigenvectors: list[list[float]]  # one row per eigenvector
    levels: list[float]
    contours: list[EllipseRecord]
    slice_reach: list[float]  # the outer contour's reach along each eigenvector, sqrt(2 L / l_i)


def _sliced_valley(p) -> SlicedValley:
    """The 2-D valley whose slices along v1 and v2 are the ball scene's bowls: eigenvalues (shallow, steep), v1 at
    the recurring valley's angle; contour levels that fit the inset, and the reach of the outer one along each
    eigenvector, sqrt(2 L / l_i)."""
    q = quadratic.from_eigen((p.shallow, p.steep), math.radians(valley.ANGLE_DEG))
    levels = _fitting_levels(q, *SLICE_HALF)[2:]  # the outer four: the inset is small
    e = q.eigen()
    return SlicedValley(e.values.tolist(), valley.ANGLE_DEG, e.vectors.T.tolist(), levels, _contour_records(q, levels),
                        np.sqrt(2 * levels[-1] / e.values).tolist())


def _contour_records(q: quadratic.Quadratic, levels) -> list[EllipseRecord]:
    """The level sets f - f* = L of ``q`` at each of ``levels``, as ellipse records (components.ellipse_record)."""
    return [C.ellipse_record(quadratic.ellipse(q, level)) for level in levels]


def _contours(plane, records: list[EllipseRecord]) -> VGroup:
    return C.contour_family(plane, [C.ellipse_of(r) for r in records])


def _bowl(curvature: float) -> quadratic.Quadratic:
    """The 1-D quadratic f(x) = l x^2 / 2 (minimum at 0), as a mathcore Quadratic."""
    return quadratic.Quadratic(np.array([[curvature]]), np.zeros(1))


def _interpolate(rows: np.ndarray, s: float) -> np.ndarray:
    """The point a fraction of the way between rows[floor(s)] and rows[floor(s) + 1] (for smooth motion)."""
    k = min(int(math.floor(s)), len(rows) - 2)
    k = max(k, 0)
    return rows[k] + (s - k) * (rows[k + 1] - rows[k])


LEGEND_DOT = 0.07  # radius of a legend's dot, scene units
LEGEND_LINE = 0.25  # half the length of a legend's line, scene units
LEGEND_GAP = 0.15  # between a legend's mark and its words, scene units
LEGEND_ENTRIES_GAP = 0.5  # between the entries of a legend in a row, scene units
ROW_GAP = 0.45  # between the parts of a row (the default of _row), scene units
FACTOR_TIP = 0.1  # the triangles that mark factors on a factor line: this times manim's triangle
FACTOR_TIP_GAP = 0.02  # between a factor line and a triangle marking a factor on it, scene units


def _legend(color: str) -> VGroup:
    """'dots: simulation, lines: closed form' for a plot whose points and lines share ``color``."""
    dot = VGroup(Dot(radius=LEGEND_DOT, color=color), C.tex(r"\text{simulated}", size=theme.LABEL))
    dot.arrange(RIGHT, buff=LEGEND_GAP)
    line = VGroup(Line(LEFT * LEGEND_LINE, RIGHT * LEGEND_LINE, color=color, stroke_width=theme.THIN),
                  C.tex(r"\text{closed form}", size=theme.LABEL)).arrange(RIGHT, buff=LEGEND_GAP)
    return VGroup(dot, line).arrange(RIGHT, buff=LEGEND_ENTRIES_GAP)


def _row(*mobjects, buff: float = ROW_GAP) -> VGroup:
    return VGroup(*mobjects).arrange(RIGHT, buff=buff)


ARROW_STROKE = 2.5 * theme.STROKE  # the error vector and its eigen-components: thick, so their motion reads
ARROW_TIP = 0.22  # their tips' length
MIN_ARROW = 0.02  # below this length (scene units) a component is too short to draw
ERROR_OPACITY = 0.55  # the error vector under its two components
ARROW_TIP_RATIO = 0.4  # a thick arrow's tip takes at most this share of its length
ARROW_STROKE_RATIO = 100  # large: a short thick arrow keeps its stroke width


def _thick_arrow(start: np.ndarray, end: np.ndarray, color: str, opacity: float = 1.0) -> VMobject:
    """A thick arrow from ``start`` to ``end`` (nothing once it is shorter than MIN_ARROW)."""
    if np.linalg.norm(end - start) < MIN_ARROW:
        return VMobject()
    return Arrow(start, end, buff=0, color=color, stroke_width=ARROW_STROKE, tip_length=ARROW_TIP,
                 max_tip_length_to_length_ratio=ARROW_TIP_RATIO,
                 max_stroke_width_to_length_ratio=ARROW_STROKE_RATIO).set_opacity(opacity)


# ---------------------------------------------------------------------------------------------------------
# Scene 8: convergence per eigen-direction

CONVERGENCE_HALF = 4.0  # the plane shows |x1|, |x2| <= 4; the minimiser is the origin
MARKER_RADIUS = 0.09  # the markers that trace the closed-form lines
CG_UNIT = 0.72  # screen units per math unit of the plane
CG_EIGEN_ARROW = 1.4  # length of the eigenvector arrows, math units
CG_EIGEN_LABEL_GAP = 0.12  # between an eigenvector's tip and its name, scene units
CG_BALL = 0.09  # radius of the iterate, scene units
CG_START_DOT = 0.05  # radius of the dot left at the start, scene units
CG_START_GAP = 0.1  # between that dot and its name, scene units
CG_PLOT = (6.0, 3.0)  # width and height of the components' plot, scene units
CG_CLOCK_GAP = 0.15  # between "t =" and its number, scene units
CG_PANEL_GAP = 0.5  # between the plane and the panel beside it, scene units
CG_PANEL_ROWS_GAP = 0.28  # between the rows of that panel, scene units
CG_CLOCK_ABOVE = 0.1  # between the plot and the clock above it, scene units
CG_LINE_OPACITY = 0.8  # stroke opacity of the closed-form lines
CG_PLOT_DOT = 0.06  # radius of a simulated component on the plot, scene units
CG_TRAIL_DOT = 0.04  # radius of an iterate left behind on the plane, scene units


@dataclass(frozen=True)
class ConvergenceParams(SceneParams):
    eigenvalues: tuple[float, ...] = param(
        valley.EIGENVALUES, "the Hessian's two eigenvalues (shown in ascending order)", min=0.05, max=10, length=2)
    angle: float = param(valley.ANGLE_DEG, "direction, in degrees, of the eigenvector of the first listed eigenvalue",
                         min=-180, max=180)
    start: tuple[float, ...] = param((-3.2, 2.0), "start point x0 (the minimiser x* is the origin)",
                                     min=-3.6, max=3.6, length=2)
    step: float = param(valley.STEP, "step size a; must be below 2/l_max", min=0.001, max=40)
    steps: int = param(12, "iterations run and plotted", min=1, max=40)

    def check(self) -> None:
        bound = descent.stable_step_bound(self.eigenvalues)
        if not self.step < bound:
            raise ValidationError(
                f"step = {self.step:g}: must be < 2/l_max = {bound:.6g} so that every eigen-direction converges")
        if self.start == (0.0, 0.0):
            raise ValidationError("start = [0.0, 0.0]: must differ from the minimiser [0, 0]")
        xs = descent.descent_on_quadratic(ConvergenceScene.quadratic_of(self), self.start, self.step, self.steps)
        half = CONVERGENCE_HALF
        exit_step = descent.first_exit(xs, ((-half, half), (-half, half)))
        if exit_step is not None:
            raise ValidationError(
                f"start = {list(self.start)}: with step = {self.step:g} the run leaves the plotted square "
                f"|x1|, |x2| <= {half:g} at step {exit_step}; pick a start nearer the minimiser or a smaller step")


@dataclass(frozen=True)
class ConvergenceValues(SceneValues):
    """What the convergence scene shows: descent on a quadratic, simulated and by the closed form, per eigen-direction."""

    eigenvalues: list[float]
    eigenvectors: list[list[float]]  # row i is v_i
    minimiser: list[float]
    step: float
    factors: list[float]  # 1 - a l_i
    start_components: list[float]  # (c_1, c_2) of x_0 - x*
    iterates: list[list[float]]
    simulated_components: list[list[float]]  # row t: (c_1, c_2) of x_t - x*
    predicted_components: list[list[float]]  # the closed form at t
    levels: list[float]
    contours: list[EllipseRecord]


class ConvergenceScene(Pointing, LectureScene):
    """Gradient descent over contours; each eigen-component of the error follows c_i (1 - a l_i)^t."""

    Params = ConvergenceParams
    chapter = 3
    title = "Convergence per eigen-direction"
    summary = (
        "Descent on a 2-D quadratic: the error split into c1 v1 + c2 v2, each shrinking by its own factor 1 - a l_i."
    )

    @staticmethod
    def quadratic_of(p: ConvergenceParams) -> quadratic.Quadratic:
        return quadratic.from_eigen(p.eigenvalues, math.radians(p.angle))

    @classmethod
    def values(cls, p: ConvergenceParams) -> ConvergenceValues:
        q = cls.quadratic_of(p)
        eigen = q.eigen()
        xs = descent.descent_on_quadratic(q, p.start, p.step, p.steps)
        predicted = descent.closed_form(q, p.start, p.step, np.arange(p.steps + 1))
        levels = _fitting_levels(q, CONVERGENCE_HALF, CONVERGENCE_HALF)
        return ConvergenceValues(
            eigenvalues=eigen.values.tolist(),
            eigenvectors=eigen.vectors.T.tolist(),
            minimiser=q.minimiser().tolist(),
            step=p.step,
            factors=descent.direction_factors(eigen.values, p.step).tolist(),
            start_components=descent.eigen_coordinates(q, np.array(p.start)).tolist(),
            iterates=xs.tolist(),
            simulated_components=descent.eigen_coordinates(q, xs).tolist(),
            predicted_components=descent.eigen_coordinates(q, predicted).tolist(),
            levels=levels,
            contours=_contour_records(q, levels),
        )

    def construct(self) -> None:
        self.build()
        self.draw_bowl()
        self.split_error()
        self.state_factors()
        self.draw_plot()
        self.run_descent()
        self.compare_with_closed_form()

    def build(self) -> None:
        """Every mobject of the scene, placed; the beats below only animate them."""
        p, v = self.p, self.v
        colors = (theme.EIGEN_1, theme.EIGEN_2)
        x_star = np.array(v.minimiser)
        vecs = np.array(v.eigenvectors)
        xs = self.xs = np.array(v.iterates)
        sim = np.array(self.show("simulated_components", v.simulated_components))
        pred = np.array(self.show("predicted_components", v.predicted_components))

        self.heading = C.heading("Each eigen-direction converges on its own")
        half = CONVERGENCE_HALF
        plane = self.plane = C.plane([-half, half, 1], [-half, half, 1], unit=CG_UNIT)
        C.above_captions(plane.next_to(self.heading, DOWN, buff=theme.BUFF).to_edge(LEFT, buff=theme.EDGE))
        self.contours = _contours(plane, v.contours)
        self.arrows = C.eigen_arrows(plane, x_star, vecs.T, [CG_EIGEN_ARROW, CG_EIGEN_ARROW], colors)
        self.arrow_labels = VGroup(*[
            C.tex(f"v_{i + 1}", size=theme.LABEL, color=colors[i]).next_to(
                plane.c2p(*(x_star + CG_EIGEN_ARROW * vecs[i])), (vecs[i][0] * RIGHT + vecs[i][1] * UP),
                buff=CG_EIGEN_LABEL_GAP)
            for i in range(2)
        ])

        # The error x - x* as a thick arrow, split along the eigenvectors into legs c_1 v_1 then c_2 v_2; all three
        # follow the iterate (a lookup in the precomputed run).
        s = self.t_tracker = ValueTracker(0.0)

        def components_now() -> np.ndarray:
            return _interpolate(sim, s.get_value()) if len(sim) > 1 else sim[0]

        def position_now() -> np.ndarray:
            return _interpolate(xs, s.get_value()) if len(xs) > 1 else xs[0]

        def leg_ends(i: int) -> tuple[np.ndarray, np.ndarray]:
            c = components_now()
            corner = x_star + c[0] * vecs[0]
            return (x_star, corner) if i == 0 else (corner, corner + c[1] * vecs[1])

        self.leg_ends = leg_ends
        self.error_arrow = C.rebuilt(lambda: _thick_arrow(plane.c2p(*x_star), plane.c2p(*position_now()),
                                                          theme.ITERATE, opacity=ERROR_OPACITY))
        self.legs = VGroup(*[C.rebuilt(lambda i=i: _thick_arrow(*[plane.c2p(*e) for e in leg_ends(i)], colors[i]))
                             for i in range(2)])
        self.ball = Dot(plane.c2p(*xs[0]), radius=CG_BALL, color=theme.ITERATE)
        self.ball.add_updater(lambda m: m.move_to(plane.c2p(*position_now())))
        self.start_dot = Dot(plane.c2p(*xs[0]), radius=CG_START_DOT, color=theme.ITERATE)
        self.start_label = C.tex("x_0", size=theme.LABEL, color=theme.ITERATE)
        self.start_label.next_to(self.start_dot, UP, buff=CG_START_GAP)
        start_formula = self.start_formula = C.tex(r"x_0 - x^* =", r"c_1 v_1", "+", r"c_2 v_2", size=theme.LABEL)
        start_formula[1].set_color(colors[0])
        start_formula[3].set_color(colors[1])

        formula = self.formula = C.tex(r"x_t - x^* =", "c_1", r"(1 - a\lambda_1)^t", r"\, v_1", "+", "c_2",
                                       r"(1 - a\lambda_2)^t", r"\, v_2", size=theme.LABEL)
        for part, color in zip((1, 2, 3, 5, 6, 7), 3 * colors[:1] + 3 * colors[1:]):
            formula[part].set_color(color)
        self.formula_factors = (formula[2], formula[6])
        self.step_row = C.readout("a", self.show("step", v.step))
        self.rows = [
            _row(
                C.readout(rf"\lambda_{i + 1}", self.show(f"eigenvalues[{i}]", v.eigenvalues[i]), color=colors[i]),
                C.readout(rf"1 - a\lambda_{i + 1}", self.show(f"factors[{i}]", v.factors[i]), color=colors[i]),
                C.readout(f"c_{i + 1}", self.show(f"start_components[{i}]", v.start_components[i]),
                          color=colors[i]),
            )
            for i in range(2)
        ]

        # The components over the iterations: closed form as lines, simulation as dots.
        lo = min(0.0, float(np.min(pred)), float(np.min(sim)))
        hi = max(0.0, float(np.max(pred)), float(np.max(sim)))
        frame = self.frame = C.loss_axes(C.axis_range(0, p.steps, 6), C.axis_range(lo, hi, 4),
                                         width=CG_PLOT[0], height=CG_PLOT[1], x_label="t", y_label="c_i")
        axes = frame[0]
        self.legend = _legend(theme.TEXT)
        clock = self.clock = _row(C.tex("t =", size=theme.LABEL),
                                  C.live_number(lambda: round(s.get_value()), decimals=0), buff=CG_CLOCK_GAP)

        C.side_panel(start_formula, formula, self.step_row, *self.rows, VGroup(frame, clock), self.legend,
                     beside=plane, gap=CG_PANEL_GAP, buff=CG_PANEL_ROWS_GAP)
        clock.next_to(frame, UP, buff=CG_CLOCK_ABOVE).align_to(frame, RIGHT)
        ts = np.arange(p.steps + 1)  # built after the panel is placed: c2p reads the axes' final position
        self.lines = VGroup(*[C.polyline(axes, np.column_stack([ts, pred[:, i]]), colors[i], width=theme.THIN)
                              .set_stroke(opacity=CG_LINE_OPACITY) for i in range(2)])
        self.dots = [VGroup(*[Dot(axes.c2p(t, sim[t, i]), radius=CG_PLOT_DOT, color=colors[i]) for i in range(2)])
                     for t in ts]
        self.build_tracing(axes, pred)

    def build_tracing(self, axes, pred: np.ndarray) -> None:
        """A vertical guide at time u over the plot, and on each closed-form line a marker at u (a lookup in the
        precomputed components, linear between steps as the lines are)."""
        u = self.guide_t = ValueTracker(0.0)
        ts = np.arange(len(pred))
        lo, hi = axes.y_range[:2]

        def on_line(i: int) -> np.ndarray:
            return axes.c2p(u.get_value(), float(np.interp(u.get_value(), ts, pred[:, i])))

        self.guide = Line(axes.c2p(0, lo), axes.c2p(0, hi), color=theme.MUTED, stroke_width=theme.STROKE)
        self.guide.add_updater(lambda m: m.put_start_and_end_on(axes.c2p(u.get_value(), lo),
                                                                axes.c2p(u.get_value(), hi)))
        self.markers = VGroup(*[Dot(on_line(i), radius=MARKER_RADIUS, color=color)
                                .add_updater(lambda m, i=i: m.move_to(on_line(i)))
                                for i, color in enumerate((theme.EIGEN_1, theme.EIGEN_2))])

    def draw_bowl(self) -> None:
        with self.beat("bowl", "Gradient descent on a bowl whose Hessian has two different eigenvalues.") as b:
            self.play(FadeIn(self.heading), FadeIn(self.plane), run_time=b.part(0.25))
            self.play(Create(self.contours), run_time=b.part(0.4))
            self.play(Create(self.arrows), FadeIn(self.arrow_labels), run_time=b.part(0.25))

    def split_error(self) -> None:
        """The start's error grows as a thick arrow from x*, then splits into c_1 v_1 and c_2 v_2 along the
        eigenvectors, a frame lighting each term of the formula as it is named."""
        v, f = self.v, self.start_formula
        with self.beat("split", "Split the start's error along the eigenvectors: c1 v1 plus c2 v2.") as b:
            for i in range(2):
                self.show(f"start_components[{i}]", v.start_components[i])
            self.add(self.start_dot)
            self.play(FadeIn(self.ball), FadeIn(self.start_label), Write(f), run_time=b.part(0.12))
            self.point_at(f[0], run_time=b.part(0.2), also=(Create(self.error_arrow),))
            self.point_at(VGroup(self.arrows, self.arrow_labels), run_time=b.part(0.22))
            self.point_at(f[1], run_time=b.part(0.2), also=(Create(self.legs[0]),))
            self.point_at(f[3], run_time=b.part(0.2), also=(Create(self.legs[1]),))

    def state_factors(self) -> None:
        """The frame lights each factor 1 - a l_i in the formula while a copy of its component shrinks by it, then
        the two factors' values."""
        v = self.v
        with self.beat("factors",
                       "Each step multiplies each coefficient by its own factor, one minus a times lambda.") as b:
            self.show("step", v.step)
            for i in range(2):
                self.show(f"eigenvalues[{i}]", v.eigenvalues[i])
                self.show(f"factors[{i}]", v.factors[i])
            self.play(Write(self.formula), FadeIn(self.step_row), run_time=b.part(0.25))
            self.play(FadeIn(VGroup(*self.rows)), run_time=b.part(0.12))
            shrunk = []
            for i in range(2):
                start, end = (self.plane.c2p(*e) for e in self.leg_ends(i))
                copy = Line(start, end, color=theme.HIGHLIGHT, stroke_width=ARROW_STROKE / 2)
                self.add(copy)
                self.point_at(self.formula_factors[i], run_time=b.part(0.18), also=(copy.animate.scale(v.factors[i], about_point=start),))
                shrunk.append(copy)
            self.point_at(VGroup(self.rows[0][1], self.rows[1][1]), run_time=b.part(0.18), also=(FadeOut(VGroup(*shrunk)),))

    def draw_plot(self) -> None:
        """The axes, then both closed-form lines traced by a marker each under a moving guide; the guide returns to
        t = 0, where the first simulated dots sit."""
        v = self.v
        with self.beat("plot",
                       "On the right: the lines are this closed form, the dots will be the simulated run.") as b:
            self.show("predicted_components", v.predicted_components)
            self.point_at(self.frame, run_time=b.part(0.18), also=(Create(self.frame),))
            self.add(self.guide, self.markers)
            self.point_at(self.formula[1:], run_time=b.part(0.42), also=(Create(self.lines[0], rate_func=linear), Create(self.lines[1], rate_func=linear), self.guide_t.animate(rate_func=linear).set_value(self.p.steps)))
            self.point_at(self.dots[0], run_time=b.part(0.3), also=(self.guide_t.animate.set_value(0), FadeOut(self.markers), FadeIn(self.legend), FadeIn(self.clock), FadeIn(self.dots[0])))

    def run_descent(self) -> None:
        """The iterate steps down the bowl, its error and components following, while the guide walks along the
        plot and both components are plotted: the run lasts the sentence."""
        xs, plane, v = self.xs, self.plane, self.v
        with self.beat("run", "Run it: each part of the error shrinks at its own pace, set by its factor.") as b:
            self.show("iterates", v.iterates)
            self.show("simulated_components", v.simulated_components)
            self.play(*self.drop_pointer(), run_time=b.part(0.05))
            run = frames(min(0.6, b.left / self.p.steps))
            for t in range(1, self.p.steps + 1):
                segment = Line(plane.c2p(*xs[t - 1]), plane.c2p(*xs[t]), color=theme.ITERATE,
                               stroke_width=theme.THIN)
                self.play(self.t_tracker.animate.set_value(t), self.guide_t.animate.set_value(t), Create(segment),
                          FadeIn(self.dots[t]), run_time=run)
                self.add(Dot(plane.c2p(*xs[t]), radius=CG_TRAIL_DOT, color=theme.ITERATE))

    def compare_with_closed_form(self) -> None:
        with self.beat("exact", "Every dot lands on its line: on a quadratic this formula is exact.") as b:
            self.play(Indicate(VGroup(*self.dots), color=theme.HIGHLIGHT), run_time=b.part(0.4))
        factors = self.v.factors
        nearer = min(range(2), key=lambda i: abs(factors[i]))
        with self.beat("winner", "The factor nearer zero wins; for small steps that is the larger eigenvalue's.") as b:
            self.show("winner", nearer)
            self.point_at(VGroup(self.rows[0][1], self.rows[1][1]), run_time=b.part(0.3))
            self.point_at(self.rows[nearer][1], run_time=b.part(0.3), also=(Indicate(self.rows[nearer][1], color=theme.HIGHLIGHT),))


# ---------------------------------------------------------------------------------------------------------
# Scene 9: a ball on a steep and a shallow curve

BALL_NAMES = ("steep", "shallow")
BALL_EIGEN = {"steep": 1, "shallow": 0}  # which eigen-direction of the valley each bowl is the slice along
SLICE_HALF = (3.0, 1.6)  # the sliced valley's plane shows |x1| <= 3, |x2| <= 1.6
SLICE_UNIT = 0.8
B_REACH = 1.2  # the bowls' x axes reach this multiple of the start on both sides
B_TOP_ROW_GAP = 1.0  # between the step's readout and the update rule, scene units
B_HEADING_GAP = 0.25  # between the heading and that row, scene units
B_PLOT_WIDTH = 5.0  # width of each bowl's plots, scene units
B_BOWL_HEIGHT = 2.0  # height of a bowl's plot, scene units
B_GRAD_HEIGHT = 1.35  # height of a bowl's gradient plot, scene units
B_GRAD_PAD = 0.1  # the gradient axes reach this share of the gradients' range beyond it
B_COLUMN_ROWS_GAP = 0.22  # between the parts of a bowl's column, scene units
B_WITHIN_GAP = 0.15  # between the factor and the steps to tolerance under it, scene units
B_COLUMNS_GAP = 1.2  # between the two columns, scene units
B_G0_GAP = 0.12  # between the gradient axis and the start value's label, scene units
B_GRAD_DOT = 0.06  # radius of a gradient plotted on its axes, scene units
B_BALL = 0.11  # radius of a ball, scene units
B_CUT_STROKE = 2 * theme.STROKE  # a cut through the valley, stroke width
B_TANGENT_HALF = 0.6  # half the width of the tangent at the start, math units of x
B_LENGTH_STROKE = 3 * theme.STROKE  # the bar of length x_t along the x-axis, stroke width
B_DROP = 0.6  # the balls drop in from this far above their start, scene units
B_HOP_ARC = -0.6  # the arc a ball hops along to its next position, radians
B_TRAIL_DOT = 0.04  # radius of a ball's earlier positions, scene units
B_TRAIL_OPACITY = 0.6  # ... and their opacity


@dataclass(frozen=True)
class BallParams(SceneParams):
    steep: float = param(valley.EIGENVALUES[1], "curvature l of the steep bowl f(x) = l x^2 / 2 (the valley's l2)",
                         min=0.05, max=20)
    shallow: float = param(valley.EIGENVALUES[0], "curvature l of the shallow bowl (the valley's l1)", min=0.01, max=20)
    step: float = param(valley.STEP, "the step size a used on both bowls", min=0.001, max=10)
    start: float = param(2.0, "start x0 on both bowls (the minimum is at 0)", min=0.2, max=5)
    steps: int = param(10, "steps animated", min=2, max=30)
    tolerance: float = param(0.01, "a bowl counts as reached once |x_t| <= tolerance |x0|", min=1e-6, max=0.5)

    def check(self) -> None:
        if not self.steep > self.shallow:
            raise ValidationError(f"steep = {self.steep:g}: must be > shallow = {self.shallow:g}")
        bound = descent.best_step((self.shallow, self.steep))
        if not self.step < bound:
            raise ValidationError(
                f"step = {self.step:g}: must be < 2/(steep + shallow) = {bound:.6g}, so that the steep bowl's "
                f"factor |1 - a l| is the smaller one")


@dataclass(frozen=True)
class BallRun:
    """One bowl f(x) = l x^2 / 2 of the ball scene and the descent run on it."""

    curve: Curve  # the bowl, cut at the plot's top
    curvature: float  # l
    factor: float  # 1 - a l
    regime: str  # mathcore.descent.step_regime
    positions: list[float]  # x_t
    losses: list[float]
    gradients: list[float]
    steps_to_tolerance: int | None


@dataclass(frozen=True)
class BallValues(SceneValues):
    """What the ball scene shows: one step size on a steep and a shallow bowl, and the valley they slice."""

    step: float
    start: float
    tolerance: float
    x_range: list[float]  # [min, max, tick]
    y_range: list[float]
    valley: SlicedValley
    steep: BallRun
    shallow: BallRun


class BallScene(Pointing, LectureScene):
    """The same step on a steep and a shallow 1-D bowl; the gradient over the iterations beside them."""

    Params = BallParams
    chapter = 3
    title = "A ball on a steep and a shallow curve"
    summary = (
        "The valley sliced along v1 and v2 into two bowls; with the same step, the steeper one (larger eigenvalue) "
        "shrinks x by a smaller factor and reaches its minimum sooner."
    )

    @classmethod
    def values(cls, p: BallParams) -> BallValues:
        x_range, y_range = _ball_ranges(p)
        runs = {name: cls._run(p, getattr(p, name), x_range, y_range) for name in BALL_NAMES}
        return BallValues(p.step, p.start, p.tolerance, x_range, y_range, _sliced_valley(p), **runs)

    @staticmethod
    def _run(p: BallParams, curvature: float, x_range: list[float], y_range: list[float]) -> BallRun:
        q = _bowl(curvature)
        xs = descent.descent_on_quadratic(q, [p.start], p.step, p.steps)
        grid = np.linspace(x_range[0], x_range[1], CURVE_SAMPLES)
        heights = q.value(grid[:, None])
        keep = heights <= y_range[1]
        return BallRun(
            curve=Curve(grid[keep].tolist(), heights[keep].tolist()),
            curvature=curvature,
            factor=float(descent.direction_factors([curvature], p.step)[0]),
            regime=descent.step_regime(p.step, curvature),
            positions=xs[:, 0].tolist(),
            losses=q.value(xs).tolist(),
            gradients=q.gradient(xs)[:, 0].tolist(),
            steps_to_tolerance=descent.iterations_to_tolerance(q, [p.start], p.step, p.tolerance),
        )

    def construct(self) -> None:
        self.build()
        self.slice_valley()
        self.draw_bowls()
        self.place_balls()
        self.derive_factor()
        self.draw_gradients()
        self.roll()
        self.compare_bowls()

    def build(self) -> None:
        """Every mobject of the scene, placed; the beats below only animate them."""
        p, v = self.p, self.v
        colors = {"steep": theme.EIGEN_2, "shallow": theme.EIGEN_1}  # a large and a small eigenvalue
        words = {"steep": "steep", "shallow": "shallow"}
        x_range, y_range = v.x_range, v.y_range

        self.heading = C.heading("Same step, steep and shallow bowls")
        self.update_rule = C.tex(r"x_{t+1} = x_t -", r"a\,f'(x_t)", r"= x_t -", r"a\lambda\,x_t", "=",
                                 r"(1 - a\lambda)\,x_t", size=theme.LABEL)
        self.step_readout = C.readout("a", self.show("step", v.step))
        top_row = _row(self.step_readout, self.update_rule, buff=B_TOP_ROW_GAP)
        top_row.next_to(self.heading, DOWN, buff=B_HEADING_GAP)

        columns, parts = [], {}
        for name in BALL_NAMES:
            d = getattr(v, name)
            color = colors[name]
            header = C.readout(rf"\text{{{words[name]}: }}\lambda", self.show(f"{name}.curvature", d.curvature),
                               color=color)
            loss = C.loss_axes(x_range, y_range, width=B_PLOT_WIDTH, height=B_BOWL_HEIGHT)
            g = np.array(self.show(f"{name}.gradients", d.gradients))
            g_lo, g_hi = min(0.0, float(g.min())), max(0.0, float(g.max()))
            pad = B_GRAD_PAD * max(g_hi - g_lo, 1e-9)
            grad_frame = C.loss_axes(C.axis_range(0, p.steps, 5), [g_lo - pad, g_hi + pad, g_hi - g_lo + 2 * pad],
                                     width=B_PLOT_WIDTH, height=B_GRAD_HEIGHT, x_label="t", y_label="f'(x_t)")
            g0_label = C.text(C.fmt(self.show(f"{name}.gradients[0]", d.gradients[0])), theme.SMALL, theme.MUTED)
            factor = C.readout(r"1 - a\lambda", self.show(f"{name}.factor", d.factor), color=color)
            n = self.show(f"{name}.steps_to_tolerance", d.steps_to_tolerance)
            after = rf"\text{{ after {n} steps}}" if n is not None else r"\text{ after more than 100000 steps}"
            within = C.tex(rf"|x_t| \le {C.power_tex(p.tolerance)}\,|x_0|" + after, size=theme.LABEL, color=color)
            col = VGroup(header, loss, grad_frame, factor).arrange(DOWN, buff=B_COLUMN_ROWS_GAP)
            within.next_to(factor, DOWN, buff=B_WITHIN_GAP)
            columns.append(VGroup(col, within))
            parts[name] = dict(header=header, loss=loss, grad=grad_frame, g0=g0_label, factor=factor,
                               within=within, g=g, color=color)
        VGroup(*columns).arrange(RIGHT, buff=B_COLUMNS_GAP, aligned_edge=UP).next_to(top_row, DOWN, buff=theme.BUFF)
        # headers differ in height ("steep" has a descender): line the plots up exactly
        columns[1].shift(UP * (parts["steep"]["loss"][0].get_y() - parts["shallow"]["loss"][0].get_y()))
        C.above_captions(VGroup(*columns))
        # pieces that depend on where the axes ended up
        for name in BALL_NAMES:
            d, part = getattr(v, name), parts[name]
            part["curve"] = C.curve(part["loss"][0], np.array(d.curve.x), np.array(d.curve.loss),
                                    color=part["color"])
            gaxes = part["grad"][0]
            part["g0"].next_to(gaxes.c2p(0, part["g"][0]), LEFT, buff=B_G0_GAP)
            part["first"] = Dot(gaxes.c2p(0, part["g"][0]), radius=B_GRAD_DOT, color=part["color"])
            part["ball"] = Dot(part["loss"][0].c2p(d.positions[0], d.losses[0]), radius=B_BALL,
                               color=theme.ITERATE)
            self.build_first_step(d, part)
        self.parts = parts
        self.build_valley()

    def build_valley(self) -> None:
        """The valley with eigenvalues (shallow, steep) as contours, and the cut through its minimum along each
        eigenvector, coloured as that eigen-direction's bowl."""
        v = self.v.valley
        hx, hy = SLICE_HALF
        plane = self.valley_plane = C.plane([-hx, hx, 1], [-hy, hy, 1], unit=SLICE_UNIT)
        plane.move_to(VGroup(*[self.parts[name]["loss"] for name in BALL_NAMES]))
        self.valley_contours = _contours(plane, v.contours)
        self.cuts = {}
        for name in BALL_NAMES:
            i = BALL_EIGEN[name]
            reach = v.slice_reach[i] * np.array(v.eigenvectors[i])
            self.cuts[name] = Line(plane.c2p(*-reach), plane.c2p(*reach), color=self.parts[name]["color"],
                                   stroke_width=B_CUT_STROKE)

    def build_first_step(self, d: dict, part: dict) -> None:
        """On one bowl: the start line x = x0, the tangent there, the first move on the x-axis, and the length x_t
        as a bar from 0 that the factor scales."""
        axes = part["loss"][0]
        x0, x1, y0 = d.positions[0], d.positions[1], d.losses[0]
        part["start_line"] = DashedLine(axes.c2p(x0, axes.y_range[1]), axes.c2p(x0, 0), color=theme.MUTED,
                                        stroke_width=theme.THIN)
        part["tangent"] = C.tangent(axes, x0, y0, d.gradients[0], half_width=B_TANGENT_HALF)
        part["move"] = Arrow(axes.c2p(x0, 0), axes.c2p(x1, 0), buff=0, color=theme.TANGENT, stroke_width=ARROW_STROKE,
                             tip_length=ARROW_TIP, max_tip_length_to_length_ratio=ARROW_TIP_RATIO,
                             max_stroke_width_to_length_ratio=ARROW_STROKE_RATIO)
        part["length"] = Line(axes.c2p(0, 0), axes.c2p(x0, 0), color=theme.ITERATE, stroke_width=B_LENGTH_STROKE)
        part["length_after"] = Line(axes.c2p(0, 0), axes.c2p(x1, 0), color=theme.ITERATE,
                                    stroke_width=B_LENGTH_STROKE)

    def both(self, animation, key: str) -> list:
        """``animation`` of part ``key`` of both bowls."""
        return [animation(self.parts[name][key]) for name in BALL_NAMES]

    def slice_valley(self) -> None:
        """The valley of the scenes before, cut through its minimum along v2 and v1; each cut lifts into its bowl."""
        parts, v = self.parts, self.v.valley
        with self.beat("slices", "Cut the valley along each eigenvector, and each cut is a bowl in one input.") as b:
            self.show("valley.eigenvalues", v.eigenvalues)
            self.play(FadeIn(self.heading), FadeIn(self.valley_plane), Create(self.valley_contours),
                      run_time=b.part(0.25))
            for name in BALL_NAMES:
                self.play(Create(self.cuts[name]), run_time=b.part(0.15))
            self.play(FadeOut(self.valley_plane), FadeOut(self.valley_contours), *self.both(FadeIn, "header"),
                      *self.both(Create, "loss"),
                      *[ReplacementTransform(self.cuts[name], parts[name]["curve"]) for name in BALL_NAMES],
                      run_time=b.part(0.35))

    def draw_bowls(self) -> None:
        """A frame on each bowl as the words name it."""
        parts = self.parts
        with self.beat("bowls", "The steep bowl has the large eigenvalue, the shallow one the small.") as b:
            steep, shallow = (VGroup(parts[name]["header"], parts[name]["loss"]) for name in BALL_NAMES)
            self.point_at(steep, steep, run_time=b.part(0.35), also=(Indicate(parts["steep"]["curve"]),))
            self.point_at(shallow, shallow, run_time=b.part(0.35), also=(Indicate(parts["shallow"]["curve"]),))

    def place_balls(self) -> None:
        """The frames go to the start x on each bowl as the balls drop there, then together to the step a."""
        with self.beat("same_start", "Both balls start at the same x and take steps of the same size a.") as b:
            self.show("start", self.v.start)
            self.point_at(*[VGroup(self.parts[name]["start_line"], self.parts[name]["ball"]) for name in BALL_NAMES],
                          run_time=b.part(0.4),
                          also=(*self.both(Create, "start_line"),
                                *[FadeIn(self.parts[name]["ball"], shift=DOWN * B_DROP) for name in BALL_NAMES]))
            self.point_at(*([self.step_readout] * 2), run_time=b.part(0.3), also=(FadeIn(self.step_readout),))

    def derive_factor(self) -> None:
        """The first step on each bowl: the frames walk the update rule, a times the slope, the slope lambda x, then
        the factor; each tangent gives its move, and x shrinks by the factor."""
        rule = self.update_rule
        with self.beat("update_rule",
                       "A step moves x by a times the slope, and here the slope is lambda times x.") as b:
            for name in BALL_NAMES:
                run = getattr(self.v, name)
                self.show(f"{name}.first_move", [run.positions[0], run.positions[1]])
            self.play(Write(rule), run_time=b.part(0.2))
            self.point_at(*([rule[1]] * 2), run_time=b.part(0.25), also=(*self.both(Create, "tangent"),))
            self.play(*self.both(GrowArrow, "move"), run_time=b.part(0.2))
            self.point_at(*([rule[3]] * 2), run_time=b.part(0.25), also=(*self.both(lambda m: Indicate(m, color=theme.HIGHLIGHT), "tangent"),))
        with self.beat("factor", "So each step multiplies x by the factor 1−aλ, read out under each bowl.") as b:
            for name in BALL_NAMES:
                self.show(f"{name}.factor", getattr(self.v, name).factor)
            self.point_at(*([rule[5]] * 2), run_time=b.part(0.3), also=(*self.both(Create, "length"),))
            self.point_at(*[self.parts[name]["factor"] for name in BALL_NAMES], run_time=b.part(0.25), also=(*self.both(FadeIn, "factor"),))
            self.play(*[Transform(self.parts[name]["length"], self.parts[name]["length_after"])
                        for name in BALL_NAMES], run_time=b.part(0.3))

    def draw_gradients(self) -> None:
        """The gradient plots appear under the frames; the frames then go to each plot's start value."""
        with self.beat("gradients",
                       "Below each bowl, its gradient over the steps, scaled to its own start value.") as b:
            self.play(*self.both(FadeOut, "tangent"), *self.both(FadeOut, "move"), *self.both(FadeOut, "length"),
                      *self.both(FadeOut, "start_line"), run_time=b.part(0.15))
            self.point_at(*[self.parts[name]["grad"] for name in BALL_NAMES], run_time=b.part(0.4), also=(*self.both(Create, "grad"),))
            self.point_at(*[VGroup(self.parts[name]["g0"], self.parts[name]["first"]) for name in BALL_NAMES], run_time=b.part(0.3), also=(*self.both(FadeIn, "g0"), *self.both(FadeIn, "first")))

    def roll(self) -> None:
        """Both balls take their steps while each gradient is plotted: the roll lasts the sentence."""
        p, v = self.p, self.v
        with self.beat("roll", "Let both balls roll, and watch each gradient head for zero.") as b:
            self.play(*self.drop_pointer(), run_time=b.part(0.05))
            run = frames(min(0.7, b.left / p.steps))
            for t in range(1, p.steps + 1):
                anims = []
                for name in BALL_NAMES:
                    d, part = getattr(v, name), self.parts[name]
                    axes, gaxes = part["loss"][0], part["grad"][0]
                    target = axes.c2p(d.positions[t], d.losses[t])
                    anims.append(part["ball"].animate(path_arc=B_HOP_ARC).move_to(target))
                    anims.append(FadeIn(Dot(gaxes.c2p(t, part["g"][t]), radius=B_GRAD_DOT, color=part["color"])))
                    anims.append(Create(Line(gaxes.c2p(t - 1, part["g"][t - 1]), gaxes.c2p(t, part["g"][t]),
                                             color=part["color"], stroke_width=theme.THIN)))
                    self.add(Dot(axes.c2p(d.positions[t - 1], d.losses[t - 1]), radius=B_TRAIL_DOT,
                                 color=theme.ITERATE).set_opacity(B_TRAIL_OPACITY))
                self.play(*anims, run_time=run)

    def compare_bowls(self) -> None:
        """A frame on each column moves to what the words compare: the gradients, the step counts, then the
        eigenvalues, the factors and the step counts side by side."""
        parts = self.parts

        def move_to(key: str, run_time: float, *animations) -> None:
            self.point_at(*[parts[name][key] for name in BALL_NAMES], run_time=run_time, also=(*animations,))

        with self.beat("steep_sooner", "The steep bowl's gradient dies out sooner than the shallow one's.") as b:
            move_to("grad", b.part(0.6))
        with self.beat("tolerance", "Count the steps until x is within the tolerance of the minimum.") as b:
            for name in BALL_NAMES:
                self.show(f"{name}.steps_to_tolerance", getattr(self.v, name).steps_to_tolerance)
            self.play(*self.both(FadeIn, "within"), run_time=b.part(0.3))
            move_to("within", b.part(0.4))
        with self.beat("conclusion",
                       "More curvature, a larger eigenvalue: faster progress for the same safe step.") as b:
            for name in BALL_NAMES:
                self.show(f"{name}.curvature", getattr(self.v, name).curvature)
                self.show(f"{name}.factor", getattr(self.v, name).factor)
                self.show(f"{name}.steps_to_tolerance", getattr(self.v, name).steps_to_tolerance)
            for key in ("header", "factor", "within"):  # what the sentence compares, in its order
                move_to(key, b.part(0.28))


# ---------------------------------------------------------------------------------------------------------
# Scene 10: too large a step

SWEEP_WINDOW = (0.3, 0.4)  # the window that marks the swept factor on the line
REGIME_RANGES = {  # where each regime's factor 1 - a l lies on the factor line (lit while its beat speaks)
    "creeping": (0.0, 1.0),
    "one step": (0.0, 0.0),
    "oscillating": (-1.0, 0.0),
    "diverging": (-math.inf, -1.0),
}
STABLE_RANGE = (-1.0, 1.0)  # the band
RANGE_DOT = 0.1  # a range that is a single point is lit as a dot this size
RANGE_OPACITY = 0.85
STEP_START = 1.0  # every run starts at x0 = 1 (the picture is the same for any start: descent is linear)
EXPECTED_REGIMES = ("creeping", "one step", "oscillating", "diverging")
SS_PLOT = (2.9, 1.9)  # width and height of each run's plot, scene units
SS_PANEL_ROWS_GAP = 0.15  # between the parts of a run's panel, scene units
SS_PANELS_GAP = 0.35  # between the runs' panels, scene units
SS_NOTE_ROWS_GAP = 0.08  # between the two lines of a "leaves the plot" note, scene units
SS_NOTE_GAP = 0.1  # between a run's regime and that note, scene units
SS_LINE_LENGTH = 9.0  # the factor line, scene units
SS_BAND_HEIGHT = 0.45  # the stable band across the factor line, scene units
SS_KEY = (0.4, 0.3)  # width and height of the band's key, scene units
SS_KEY_GAP = 0.15  # between the key and its words, scene units
SS_BAND_LABEL_GAP = 0.5  # between the factor line and the band's key on its left, scene units
SS_LINE_GAP = 1.05  # between the panels and the factor line, scene units
SS_TAG_GAP = 0.08  # between a factor's triangle and its run's number, scene units
SS_TAG_STACK_GAP = 0.05  # between the numbers of nearby factors, stacked, scene units
SS_FACTS_ROW_GAP = 0.8  # between the two facts of the first row, scene units
SS_FACTS_GAP = 0.2  # between the rows of facts, scene units
SS_FACTS_BELOW = 0.45  # between the factor line and the facts, scene units
SS_WINDOW_OPACITY = 0.25  # fill of the window on the swept factor
SS_READOUT_GAP = 0.15  # between a readout's label and its live number, scene units
SS_READOUT_ROWS_GAP = 0.12  # between the two readouts of the sweep, scene units
SS_READOUT_ABOVE = 0.2  # between the band's key and those readouts above it, scene units
SS_RUN_DOT = 0.07  # radius of the iterate running down its bowl, scene units
SS_TRAIL_DOT = 0.035  # radius of an iterate left behind, scene units
REGIME_WORDS = {
    "creeping": "creeps in",
    "one step": "lands in one step",
    "oscillating": "overshoots, converges",
    "diverging": "diverges",
}
REGIME_NARRATION = {  # beat regime_<regime>: what the factor does in each regime
    "creeping": "Below 1/λ the factor lies between 0 and 1: x creeps in from one side.",
    "one step": "At exactly 1/λ the factor is zero: the minimum is reached in one step.",
    "oscillating": "Between 1/λ and 2/λ the factor is negative: x overshoots, yet shrinks.",
    "diverging": "Beyond 2/λ the factor is below −1: each overshoot is larger than the last.",
}


@dataclass(frozen=True)
class StepSizeParams(SceneParams):
    curvature: float = param(valley.EIGENVALUES[1], "curvature l of the bowl f(x) = l x^2 / 2 (its eigenvalue; "
                             "by default the valley's steep slice)", min=0.05, max=20)
    multiples: tuple[float, ...] = param(
        (0.5, 1.0, 1.6, 2.25),
        "the four step sizes in units of 1/l (a = m / l): one below 1, exactly 1, one between 1 and 2, "
        "one above 2, in that order",
        min=0.01, max=4, length=4)
    frame: float = param(2.0, "each plot shows |x| <= frame * x0; a run is cut where it leaves", min=1.2, max=10)
    steps: int = param(8, "steps per run", min=2, max=30)

    def check(self) -> None:
        regimes = tuple(descent.step_regime(m / self.curvature, self.curvature) for m in self.multiples)
        if regimes != EXPECTED_REGIMES:
            raise ValidationError(
                f"multiples = {list(self.multiples)}: must be one below 1, exactly 1, one between 1 and 2 and one "
                f"above 2, in that order (these give {', '.join(regimes)})")


@dataclass(frozen=True)
class StepRun:
    """One run of the step-size scene: a step size on the bowl, its factor, and the iterates up to any exit."""

    multiple: float  # the step in units of 1/l
    step: float  # a = multiple / l
    factor: float  # 1 - a l
    regime: str  # mathcore.descent.step_regime
    positions: list[float]  # up to and including the exit, if any
    losses: list[float]
    exit_step: int | None  # the step at which the run leaves the plot


@dataclass(frozen=True)
class StepSizeValues(SceneValues):
    """What the step-size scene shows: the factor 1 - a l over a sweep of steps, and four runs on one bowl."""

    sweep_steps: list[float]  # a > 0, past 2/l
    sweep_factors: list[float]
    curvature: float  # l
    curve: Curve  # the bowl each panel draws
    one_step_size: float  # 2/(l + l) = 1/l
    stable_step_bound: float  # 2/l
    runs: list[StepRun]


class StepSizeScene(Pointing, LectureScene):
    """One curvature, four step sizes: creeping, one step, overshooting, diverging; the factor 1 - a l."""

    Params = StepSizeParams
    chapter = 3
    title = "Too large a step"
    summary = (
        "The step swept through 1/l and 2/l and four runs on one bowl: the factor 1 - a l must stay inside (-1, 1), so 0 < a < 2/l."
    )

    @classmethod
    def values(cls, p: StepSizeParams) -> StepSizeValues:
        q = _bowl(p.curvature)
        box = ((-p.frame * STEP_START, p.frame * STEP_START),)
        runs = []
        for m in p.multiples:
            a = m / p.curvature
            xs = descent.descent_on_quadratic(q, [STEP_START], a, p.steps)
            exit_step = descent.first_exit(xs[:, 0], box)
            last = p.steps if exit_step is None else exit_step
            runs.append(StepRun(
                multiple=m,
                step=a,
                factor=float(descent.direction_factors([p.curvature], a)[0]),
                regime=descent.step_regime(a, p.curvature),
                positions=xs[: last + 1, 0].tolist(),
                losses=q.value(xs[: last + 1]).tolist(),
                exit_step=exit_step,
            ))
        xs = np.linspace(-box[0][1], box[0][1], CURVE_SAMPLES)
        sweep = np.linspace(0.0, max(p.multiples) / p.curvature, SWEEP_SAMPLES + 1)[1:]  # a > 0, past 2/l
        return StepSizeValues(
            sweep_steps=sweep.tolist(),
            sweep_factors=[float(descent.direction_factors([p.curvature], a)[0]) for a in sweep],
            curvature=p.curvature,
            curve=Curve(xs.tolist(), q.value(xs[:, None]).tolist()),
            one_step_size=descent.best_step([p.curvature]),
            stable_step_bound=descent.stable_step_bound([p.curvature]),
            runs=runs,
        )

    def construct(self) -> None:
        self.build()
        self.draw_bowls()
        for k in range(len(self.v.runs)):
            self.try_step(k)
        self.state_bounds()

    def build(self) -> None:
        """Every mobject of the scene, placed; the beats below only animate them."""
        p, v = self.p, self.v
        half = p.frame * STEP_START
        top = max(v.curve.loss)  # the bowl's height at the plot's edges
        self.box = ((-half, half), (0, top))
        self.heading = C.heading("Too large a step")

        panels = self.panels = []
        for k, r in enumerate(v.runs):
            color = theme.UNSTABLE if r.regime == "diverging" else theme.STABLE
            frame = C.loss_axes([-half, half, C.nice_step(2 * half, 4)], [0, top, C.nice_step(top, 3)],
                                width=SS_PLOT[0], height=SS_PLOT[1])
            frame[1].set_opacity(0)  # axis letters would crowd four small plots
            header = C.tex(rf"a = {C.fmt(self.show(f'runs[{k}].step', r.step))}",
                           rf"= {r.multiple:g}/\lambda", size=theme.LABEL, color=color)
            factor = C.readout(r"1 - a\lambda", self.show(f"runs[{k}].factor", r.factor), color=color,
                               size=theme.LABEL)
            regime = C.text(f"({k + 1}) " + REGIME_WORDS[self.show(f"runs[{k}].regime", r.regime)],
                            theme.SMALL, color)
            panels.append(dict(frame=frame, header=header, factor=factor, regime=regime, color=color))
        grid = VGroup(*[VGroup(d["header"], d["frame"], d["factor"], d["regime"]).arrange(DOWN, buff=SS_PANEL_ROWS_GAP)
                        for d in panels]).arrange(RIGHT, buff=SS_PANELS_GAP, aligned_edge=UP)
        if grid.width > config.frame_width - 2 * theme.EDGE:
            grid.scale_to_fit_width(config.frame_width - 2 * theme.EDGE)
        grid.next_to(self.heading, DOWN, buff=theme.BUFF)
        for k, r in enumerate(v.runs):  # where a run leaves its plot, a note says when
            if r.exit_step is not None:
                d = panels[k]
                shown = self.show(f"runs[{k}].exit_step", r.exit_step)
                d["note"] = VGroup(C.text("leaves the plot", theme.SMALL, d["color"]),
                                   C.text(f"at step {shown}", theme.SMALL, d["color"]))
                d["note"].arrange(DOWN, buff=SS_NOTE_ROWS_GAP)
                d["note"].next_to(d["regime"], DOWN, buff=SS_NOTE_GAP)

        curve = np.array(v.curve.x), np.array(v.curve.loss)
        self.is_steep_slice = self.p.curvature == valley.EIGENVALUES[1]  # the ball scene's steep bowl, in its colour
        color = theme.EIGEN_2 if self.is_steep_slice else theme.LOSS
        self.curves = VGroup(*[C.curve(d["frame"][0], *curve, color=color, width=theme.THIN) for d in panels])

        # The factor 1 - a l on a number line with the band |.| < 1.
        factors = [r.factor for r in v.runs]
        lo = min(-2.0, math.floor(min(factors) * 2) / 2 - 0.5)
        line = self.line = NumberLine(x_range=[lo, 1.5, 0.5], length=SS_LINE_LENGTH, color=theme.MUTED,
                                      stroke_width=theme.THIN, font_size=theme.SMALL)
        line.add_numbers([x for x in range(math.ceil(lo), 2)], font_size=theme.LABEL, num_decimal_places=0)
        band = self.band = C.stable_band(line, height=SS_BAND_HEIGHT)
        key = Rectangle(width=SS_KEY[0], height=SS_KEY[1], stroke_width=0, fill_color=theme.STABLE,
                        fill_opacity=theme.BAND_OPACITY)
        self.band_label = _row(key, C.tex(r"|1 - a\lambda| < 1", size=theme.LABEL, color=theme.STABLE),
                               buff=SS_KEY_GAP)
        self.axis_label = C.tex(r"1 - a\lambda", size=theme.LABEL, color=theme.TEXT)
        self.axis_label.next_to(line, RIGHT, buff=theme.BUFF)
        self.band_label.next_to(line, LEFT, buff=SS_BAND_LABEL_GAP)
        group = VGroup(band, line, self.axis_label, self.band_label)
        group.next_to(grid, DOWN, buff=SS_LINE_GAP).set_x(0)
        markers = self.markers = []
        for k, f in enumerate(factors):
            tip = Triangle(color=panels[k]["color"], fill_opacity=1, stroke_width=0).scale(FACTOR_TIP).rotate(math.pi)
            tip.next_to(line.n2p(f), UP, buff=FACTOR_TIP_GAP)
            tag = C.text(f"({k + 1})", theme.SMALL, panels[k]["color"]).next_to(tip, UP, buff=SS_TAG_GAP)
            while any(abs(tag.get_x() - m[1].get_x()) < tag.width and abs(tag.get_y() - m[1].get_y()) < tag.height
                      for m in markers):
                tag.shift(UP * (tag.height + SS_TAG_STACK_GAP))  # stack tags of nearby factors
            markers.append(VGroup(tip, tag))

        one = self.show("one_step_size", v.one_step_size)
        bound = self.show("stable_step_bound", v.stable_step_bound)
        self.facts = VGroup(
            _row(C.tex(rf"a = \tfrac{{1}}{{\lambda}} = {C.fmt(one)}", r"\text{ solves this direction in one step}",
                       size=theme.LABEL),
                 C.tex(rf"\text{{converges iff }} 0 < a < \tfrac{{2}}{{\lambda}} = {C.fmt(bound)}", size=theme.LABEL),
                 buff=SS_FACTS_ROW_GAP),
            C.tex(r"\text{many directions: } 0 < a < 2/\lambda_{\max}", size=theme.LABEL, color=theme.ITERATE),
        ).arrange(DOWN, buff=SS_FACTS_GAP)
        self.facts.next_to(group, DOWN, buff=SS_FACTS_BELOW).set_x(0)
        notes = [d["note"] for d in panels if "note" in d]
        C.above_captions(VGroup(grid, self.curves, *notes, group, *markers, self.facts))
        self.build_sweep(line)  # placed on the line's final position

    def build_sweep(self, line: NumberLine) -> None:
        """A window on the factor line at 1 - a l for a step a that the beats sweep, with a and the factor read out
        beside the line (a lookup in the precomputed sweep)."""
        sweep, factors = np.array(self.v.sweep_steps), np.array(self.v.sweep_factors)
        self.step = ValueTracker(sweep[0])

        def factor() -> float:
            return float(np.interp(self.step.get_value(), sweep, factors))

        window = self.window = Rectangle(width=SWEEP_WINDOW[0], height=SWEEP_WINDOW[1], color=theme.HIGHLIGHT,
                                         stroke_width=theme.THIN, fill_color=theme.HIGHLIGHT,
                                         fill_opacity=SS_WINDOW_OPACITY)
        window.add_updater(lambda m: m.move_to(line.n2p(factor())))
        window.update()
        self.sweep_readout = VGroup(
            _row(C.tex("a =", size=theme.LABEL), C.live_number(lambda: self.step.get_value()), buff=SS_READOUT_GAP),
            _row(C.tex(r"1 - a\lambda =", size=theme.LABEL), C.live_number(factor), buff=SS_READOUT_GAP),
        ).arrange(DOWN, aligned_edge=LEFT, buff=SS_READOUT_ROWS_GAP).next_to(self.band_label, UP,
                                                                              buff=SS_READOUT_ABOVE).align_to(
            self.band_label, LEFT)

    def sweep_to(self, a: float, run_time: float) -> None:
        """Move the swept step a, and its window on the factor line, to ``a``."""
        self.play(self.step.animate.set_value(a), run_time=run_time, rate_func=linear)

    def range_mark(self, lo: float, hi: float) -> VMobject:
        """The stretch lo..hi of the factor line lit thick (cut at the line's end; a dot where lo = hi)."""
        line = self.line
        if lo == hi:
            return Dot(line.n2p(lo), radius=RANGE_DOT, color=theme.HIGHLIGHT).set_opacity(RANGE_OPACITY)
        return Line(line.n2p(max(lo, line.x_range[0])), line.n2p(min(hi, line.x_range[1])), color=theme.HIGHLIGHT,
                    stroke_width=ARROW_STROKE).set_opacity(RANGE_OPACITY)

    def light_range(self, lo: float, hi: float, run_time: float, *animations) -> None:
        """Light lo..hi on the factor line (moving the lit stretch there from where it was) while ``animations``
        play."""
        mark = self.range_mark(lo, hi)
        if getattr(self, "lit_range", None) is None:
            self.lit_range = mark
            self.play(FadeIn(mark), *animations, run_time=run_time)
        else:
            self.play(Transform(self.lit_range, mark), *animations, run_time=run_time)

    def draw_bowls(self) -> None:
        panels = self.panels
        words = ("The valley's steep slice: one bowl with curvature lambda. Four step sizes to try on it."
                 if self.is_steep_slice else "One bowl with curvature lambda, and four step sizes to try on it.")
        with self.beat("bowl", words) as b:
            self.play(FadeIn(self.heading), run_time=b.part(0.2))
            self.play(*[Create(d["frame"]) for d in panels], *[FadeIn(d["header"]) for d in panels],
                      run_time=b.part(0.3))
            self.play(Create(self.curves), run_time=b.part(0.3))
        with self.beat("factor_line", "Each step multiplies x by the factor 1−aλ, marked on this line.") as b:
            self.play(FadeIn(self.band), Create(self.line), FadeIn(self.axis_label), FadeIn(self.band_label),
                      run_time=b.part(0.4))
            self.play(FadeIn(self.window), FadeIn(self.sweep_readout), run_time=b.part(0.2))

    def try_step(self, k: int) -> None:
        """Beat ``regime_<regime>``: the step a is swept to run ``k``'s (a frame on its header), the regime's range
        of the factor is lit on the line (the frame on the factor's value), then run ``k`` descends its bowl (the
        frame on its plot) and its regime is named."""
        r, d = self.v.runs[k], self.panels[k]
        axes = d["frame"][0]
        xs, fs = np.array(r.positions), np.array(r.losses)
        exit_step = r.exit_step
        inside = len(xs) if exit_step is None else exit_step
        with self.beat("regime_" + r.regime.replace(" ", "_"), REGIME_NARRATION[r.regime]) as b:
            self.show("swept_step", r.step)
            self.show("factor_range", REGIME_RANGES[r.regime])
            dot = Dot(axes.c2p(xs[0], fs[0]), radius=SS_RUN_DOT, color=d["color"])
            self.point_at(d["header"], run_time=b.part(0.12),
                          also=(self.step.animate(rate_func=linear).set_value(r.step),))
            self.light_range(*REGIME_RANGES[r.regime], b.part(0.12), FadeIn(self.markers[k]),
                             FadeIn(d["factor"]), self.move_pointer(d["factor"]))
            self.point_at(d["frame"], run_time=b.part(0.06), also=(FadeIn(dot),))
            run = frames(min(0.4, 0.7 * b.duration / self.p.steps))  # every run steps at the same pace
            for t in range(1, inside):
                seg = Line(axes.c2p(xs[t - 1], fs[t - 1]), axes.c2p(xs[t], fs[t]), color=d["color"],
                           stroke_width=theme.THIN)
                self.play(Create(seg), dot.animate.move_to(axes.c2p(xs[t], fs[t])), run_time=run)
                self.add(Dot(axes.c2p(xs[t - 1], fs[t - 1]), radius=SS_TRAIL_DOT, color=d["color"]))
            named = VGroup(d["regime"], d["note"]) if exit_step is not None else d["regime"]
            if exit_step is not None:
                end = _clip_to_box((xs[inside - 1], fs[inside - 1]), (xs[inside], fs[inside]), *self.box)
                seg = Line(axes.c2p(xs[inside - 1], fs[inside - 1]), axes.c2p(*end), color=d["color"],
                           stroke_width=theme.THIN)
                self.play(Create(seg), FadeOut(dot), run_time=run)
            self.point_at(named, run_time=b.part(0.1), also=(FadeIn(named),))

    def state_bounds(self) -> None:
        """The band lit, and the step swept from 0 across it and out of it; then back to its edge 2/l, the cap,
        the frame on the one-direction bound and then the many-direction one."""
        bound = self.v.stable_step_bound
        with self.beat("band", "Descent converges only while the factor stays in the band: 0 < a < 2/λ.") as b:
            self.show("sweep_steps", self.v.sweep_steps)
            self.show("factor_range", STABLE_RANGE)
            self.light_range(*STABLE_RANGE, b.part(0.2), FadeIn(self.facts[0]),
                             self.step.animate.set_value(self.v.sweep_steps[0]), self.move_pointer(self.facts[0][1]))
            self.sweep_to(self.v.sweep_steps[-1], b.part(0.6))
        with self.beat("cap", "With many eigen-directions, the largest eigenvalue sets the cap: a < 2/λ_max.") as b:
            self.show("swept_step", bound)
            self.play(FadeOut(self.lit_range), run_time=b.part(0.1))
            self.sweep_to(bound, b.part(0.3))
            self.point_at(self.facts[1], run_time=b.part(0.4), also=(Write(self.facts[1]), Indicate(self.window, color=theme.HIGHLIGHT)))


def _clip_to_box(a, b, xs, ys) -> tuple[float, float]:
    """The point where the segment from ``a`` (inside) towards ``b`` first meets the box xs x ys (layout only)."""
    (ax, ay), (bx, by) = a, b
    s = 1.0
    for lo, hi, p0, p1 in ((xs[0], xs[1], ax, bx), (ys[0], ys[1], ay, by)):
        if p1 > hi:
            s = min(s, (hi - p0) / (p1 - p0))
        if p1 < lo:
            s = min(s, (lo - p0) / (p1 - p0))
    return ax + s * (bx - ax), ay + s * (by - ay)


# ---------------------------------------------------------------------------------------------------------
# Scene 11: the condition number

VALLEY_HALF = (4.0, 2.0)  # the plane shows |x1| <= 4, |x2| <= 2; the valley runs along x1
K_SAMPLES = 120  # condition numbers at which the predicted count is drawn
FACTOR_LINE_LENGTH = 5.6  # the factor line and the error bars below it
RATE_HOPS = 6  # error bars the "times the rate" arrow hops between
DIM = 0.35  # fill opacity of the error bars the arrow is not on
TRACER_READOUT_AT = (0.1, 0.85)  # where the traced count is read out, as fractions of the count plot's ranges
CN_UNIT = 0.74  # screen units per math unit of the valley's plane
CN_HEADING_GAP = 0.35  # between the heading and the plane, scene units
CN_ROWS_GAP = 0.22  # between the rows of numbers under the plane, scene units
CN_ROWS_BELOW = 0.35  # between the plane and those rows, scene units
CN_BAND_HEIGHT = 0.4  # the stable band across the factor line, scene units
CN_AXIS_LABEL_GAP = 0.25  # between the factor line and its name, scene units
CN_TAG_GAP = 0.05  # between a factor marker's stem and its name, scene units
CN_FLAT_STEM = 0.55  # the flat factor's marker stem: its name sits above the steep one's (both start near 1)
CN_STEEP_STEM = 0.05  # the steep factor's marker stem, scene units
CN_READOUT_GAP = 0.15  # between a readout's label and its live number, scene units
CN_READOUTS_GAP = 0.4  # between the readouts of a and of the two factors, scene units
CN_STACK_GAP = 1.2  # between the readouts and the factor line as first stacked, scene units
CN_FACTOR_GAP = 0.9  # between the plane and the factor line on its right, scene units
CN_FACTOR_DROP = 1.1  # the factor line sits this far below the plane's top, scene units
CN_READOUTS_BELOW = 0.75  # between the factor line and its readouts, scene units
CN_FLOOR_MARK = (0.2, 0.6)  # the mark of 1 - 2/k reaches this far above and below the line, scene units
CN_FLOOR_LABEL_GAP = 0.05  # between that mark and its label, scene units
CN_SIZE_STROKE = 3 * theme.STROKE  # the sizes |1 - a l| at the best step, stroke width
CN_BARS_HEIGHT = 2.0  # the error bars' plot, scene units
CN_BARS_GAP = 0.45  # between the readouts and the error bars' plot, scene units
CN_BAR_WIDTH = 0.6  # an error bar's width, as a share of a step
CN_BAR_OPACITY = 0.8  # fill of an error bar
CN_COUNT_PLOT = (5.2, 4.1)  # width and height of the step-count plot, scene units
CN_OWN_KEY = 0.1  # radius of the ring in the legend for this valley, scene units
CN_OWN_STROKE = 3  # the ring round this valley's count (and its key), stroke width
CN_LEGEND_ROWS_GAP = 0.12  # between the entries of the count plot's legend, scene units
CN_PANEL_GAP = 0.7  # between the plane and the count plot beside it, scene units
CN_POINT_DOT = 0.07  # radius of a simulated count, scene units
CN_OWN_RADIUS = 0.13  # the ring round this valley's count, scene units
CN_ITERATE_DOT = 0.08  # radius of the iterate zig-zagging down the valley, scene units
CN_HOP_LIFT = 0.08  # the rate's arrow starts and ends this far above the bars' tops, scene units
CN_HOP_TIP = 0.15  # the rate arrow's tip length, scene units
CN_HOP_LABEL_GAP = 0.08  # between the rate arrow and its label, scene units
CN_TRACER_DOT = 0.09  # radius of the marker climbing the predicted curve, scene units
CN_TRACER_ROWS_GAP = 0.15  # between the rows of the traced readout, scene units


@dataclass(frozen=True)
class ConditionParams(SceneParams):
    eigenvalues: tuple[float, ...] = param(valley.EIGENVALUES, "l_min and l_max of the valley (l_min < l_max)",
                                           min=0.01, max=20, length=2)
    tolerance: float = param(1e-3, "target: ||x_t - x*|| <= tolerance ||x0 - x*||", min=1e-8, max=0.5)
    k_values: tuple[float, ...] = param((1.0, 5.0, 10.0, 20.0, 40.0, 60.0, 80.0, 100.0),
                                        "condition numbers k simulated for the plot (3 to 12, increasing)",
                                        min=1, max=1000)
    start: tuple[float, ...] = param((-3.5, 1.2), "start point x0 (the valley floor is the x1 axis)",
                                     min=-3.8, max=3.8, length=2)
    steps: int = param(16, "zig-zag iterations drawn", min=1, max=60)

    def check(self) -> None:
        lmin, lmax = self.eigenvalues
        if not lmin < lmax:
            raise ValidationError(f"eigenvalues = {list(self.eigenvalues)}: must be (l_min, l_max) with l_min < l_max")
        ks = self.k_values
        if not 3 <= len(ks) <= 12 or any(b <= a for a, b in zip(ks, ks[1:])):
            raise ValidationError(f"k_values = {list(ks)}: must be 3 to 12 numbers, strictly increasing")
        if abs(self.start[1]) > 1.8:
            raise ValidationError(f"start = {list(self.start)}: its second coordinate must be in [-1.8, 1.8]")
        if self.start == (0.0, 0.0):
            raise ValidationError("start = [0.0, 0.0]: must differ from the minimiser [0, 0]")


@dataclass(frozen=True)
class ConditionValues(SceneValues):
    """What the condition scene shows: the best step on a valley, its rate and iterations, and how they grow with k."""

    eigenvalues: list[float]  # (l_min, l_max)
    condition_number: float  # k = l_max / l_min
    stable_step_bound: float  # 2 / l_max
    sweep_steps: list[float]  # the step a grown towards its cap
    sweep_factors: list[list[float]]  # 1 - a l at each, (flat, steep)
    flat_factor_at_cap: float
    flat_factor_floor: float  # 1 - 2/k
    best_step: float
    factors: list[float]  # (l_min direction, l_max direction)
    rate: float
    iterates: list[list[float]]
    errors: list[float]  # ||x_t - x*||
    iterations: int | None  # to the tolerance
    predicted_iterations: int | None
    k_values: list[float]
    simulated_iterations: list[int | None]  # at each of k_values
    predicted_at_k: list[int | None]
    curve_k: list[float]
    curve_iterations: list[int | None]  # predicted, at each of curve_k
    levels: list[float]
    contours: list[EllipseRecord]
    turned_from: float  # the direction of v1 the valley turns from as the scene opens, degrees


class ConditionScene(LectureScene):
    """A narrow valley: step capped by l_max, speed set by l_min; iterations to tolerance against k."""

    Params = ConditionParams
    chapter = 3
    title = "The condition number"
    summary = (
        "The valley turned to lie along x1; l_max caps the step (swept to 2/l_max), l_min's factor stays above "
        "1 - 2/k; steps to a tolerance grow with k."
    )

    @classmethod
    def values(cls, p: ConditionParams) -> ConditionValues:
        lmin, lmax = p.eigenvalues
        q = quadratic.from_eigen(p.eigenvalues)
        a = descent.best_step(p.eigenvalues)
        rate = descent.best_rate(p.eigenvalues)
        cap = descent.stable_step_bound(p.eigenvalues)
        sweep = np.linspace(cap / SWEEP_SAMPLES, cap, SWEEP_SAMPLES)  # the step a grown towards its cap
        iterates = descent.descent_on_quadratic(q, p.start, a, p.steps)
        simulated, predicted = [], []
        for k in p.k_values:
            spectrum = (lmin, lmin * k)
            qk = quadratic.from_eigen(spectrum)
            simulated.append(descent.iterations_to_tolerance(qk, p.start, descent.best_step(spectrum), p.tolerance))
            predicted.append(descent.predicted_iterations(descent.best_rate(spectrum), p.tolerance))
        k_own = q.condition_number()
        k_lo, k_hi = min(p.k_values[0], k_own), max(p.k_values[-1], k_own)
        curve_k = np.linspace(k_lo, k_hi, K_SAMPLES)
        curve = [descent.predicted_iterations(descent.best_rate((1.0, k)), p.tolerance) for k in curve_k]
        levels = _fitting_levels(q, *VALLEY_HALF)
        return ConditionValues(
            eigenvalues=[lmin, lmax],
            condition_number=k_own,
            stable_step_bound=cap,
            sweep_steps=sweep.tolist(),
            sweep_factors=[descent.direction_factors(p.eigenvalues, s).tolist() for s in sweep],
            flat_factor_at_cap=float(descent.direction_factors(p.eigenvalues, cap)[0]),
            flat_factor_floor=1.0 - 2.0 / k_own,
            best_step=a,
            factors=descent.direction_factors(p.eigenvalues, a).tolist(),
            rate=rate,
            iterates=iterates.tolist(),
            errors=np.linalg.norm(iterates - q.minimiser(), axis=1).tolist(),
            iterations=descent.iterations_to_tolerance(q, p.start, a, p.tolerance),
            predicted_iterations=descent.predicted_iterations(rate, p.tolerance),
            k_values=list(p.k_values),
            simulated_iterations=simulated,
            predicted_at_k=predicted,
            curve_k=curve_k.tolist(),
            curve_iterations=curve,
            levels=levels,
            contours=_contour_records(q, levels),
            turned_from=valley.ANGLE_DEG,
        )

    def construct(self) -> None:
        self.build()
        self.draw_valley()
        self.choose_step()
        self.zig_zag()
        self.count_steps()
        self.conclude()

    def build(self) -> None:
        """Every mobject of the scene, placed; the beats below only animate them."""
        p, v = self.p, self.v
        self.heading = C.heading("The condition number")
        hx, hy = VALLEY_HALF
        plane = self.plane = C.plane([-hx, hx, 1], [-hy, hy, 1], unit=CN_UNIT)
        plane.next_to(self.heading, DOWN, buff=CN_HEADING_GAP).to_edge(LEFT, buff=theme.EDGE)
        self.xs = np.array(v.iterates)

        rows = self.rows = VGroup(
            _row(C.readout(r"\lambda_{\min}", v.eigenvalues[0], color=theme.EIGEN_1),
                 C.readout(r"\lambda_{\max}", v.eigenvalues[1], color=theme.EIGEN_2),
                 C.readout(r"k = \lambda_{\max}/\lambda_{\min}", v.condition_number, decimals=1)),
            C.readout(r"\text{stable: } a < 2/\lambda_{\max}", v.stable_step_bound, color=theme.EIGEN_2),
            C.readout(r"\text{best: } a = 2/(\lambda_{\min} + \lambda_{\max})", v.best_step, color=theme.ITERATE),
            _row(C.readout(r"1 - a\lambda_{\min}", v.factors[0], color=theme.EIGEN_1),
                 C.readout(r"1 - a\lambda_{\max}", v.factors[1], color=theme.EIGEN_2)),
            C.readout(r"\text{rate } (k - 1)/(k + 1)", v.rate, color=theme.ITERATE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=CN_ROWS_GAP)
        n_sim, n_pred = v.iterations, v.predicted_iterations
        count_row = C.tex(rf"\text{{to }} {C.power_tex(p.tolerance)}\text{{: {n_sim} steps simulated, "
                          rf"{n_pred} predicted}}", size=theme.LABEL)
        rows.add(count_row)
        count_row.next_to(rows[-2], DOWN, buff=CN_ROWS_GAP, aligned_edge=LEFT)
        if rows.width > plane.width:
            rows.scale_to_fit_width(plane.width)
        rows.next_to(plane, DOWN, buff=CN_ROWS_BELOW).align_to(plane, LEFT)
        C.above_captions(VGroup(plane, rows))
        self.contours = _contours(plane, v.contours)  # drawn after placing: c2p reads the plane's final position
        self.build_factor_line()
        self.build_error_bars()
        self.build_count_plot()

    def build_factor_line(self) -> None:
        """Right of the valley: the factors 1 - a l_min and 1 - a l_max on a number line, following the step a."""
        v = self.v
        line = NumberLine(x_range=[-1.5, 1.5, 0.5], length=FACTOR_LINE_LENGTH, color=theme.MUTED,
                          stroke_width=theme.THIN, font_size=theme.SMALL)
        line.add_numbers([-1, 0, 1], font_size=theme.LABEL, num_decimal_places=0)
        band = C.stable_band(line, height=CN_BAND_HEIGHT)
        axis_label = C.tex(r"1 - a\lambda", size=theme.LABEL).next_to(line, RIGHT, buff=CN_AXIS_LABEL_GAP)
        self.step = ValueTracker(v.sweep_steps[0])
        sweep = np.array(v.sweep_steps)
        factors = np.array(v.sweep_factors)

        def factor(i: int) -> float:  # a lookup in the precomputed sweep
            return float(np.interp(self.step.get_value(), sweep, factors[:, i]))

        def marker(i: int, color: str, label: str, height: float) -> VGroup:
            tip = Triangle(color=color, fill_opacity=1, stroke_width=0).scale(FACTOR_TIP).rotate(math.pi)
            tag = C.tex(label, size=theme.LABEL, color=color)
            stem = Line(ORIGIN, UP * height, color=color, stroke_width=theme.THIN)
            group = VGroup(tip, stem, tag)

            def follow(g: VGroup) -> None:
                at = line.n2p(factor(i))
                g[0].next_to(at, UP, buff=FACTOR_TIP_GAP)
                g[1].put_start_and_end_on(g[0].get_top(), g[0].get_top() + UP * height)
                g[2].next_to(g[1], UP, buff=CN_TAG_GAP)

            follow(group)
            group.add_updater(follow)
            return group

        self.flat_marker = marker(0, theme.EIGEN_1, r"\lambda_{\min}", CN_FLAT_STEM)  # tags stacked: both start near 1
        self.steep_marker = marker(1, theme.EIGEN_2, r"\lambda_{\max}", CN_STEEP_STEM)
        self.step_readout = _row(C.tex("a =", size=theme.LABEL),
                                 C.live_number(lambda: self.step.get_value()), buff=CN_READOUT_GAP)
        self.factor_readouts = VGroup(*[
            _row(C.tex(rf"1 - a\lambda_{{\{name}}} =", size=theme.LABEL, color=color),
                 C.live_number(lambda i=i: factor(i), color=color), buff=CN_READOUT_GAP)
            for i, (name, color) in enumerate((("min", theme.EIGEN_1), ("max", theme.EIGEN_2)))
        ])
        readouts = _row(self.step_readout, *self.factor_readouts, buff=CN_READOUTS_GAP)
        self.factor_group = VGroup(band, line, axis_label)
        VGroup(readouts, self.factor_group).arrange(DOWN, buff=CN_STACK_GAP, aligned_edge=LEFT)
        self.factor_group.next_to(self.plane, RIGHT, buff=CN_FACTOR_GAP).align_to(self.plane, UP)
        self.factor_group.shift(DOWN * CN_FACTOR_DROP)
        readouts.next_to(line, DOWN, buff=CN_READOUTS_BELOW).align_to(line, LEFT)
        self.factor_readout_row = readouts
        for m in (self.flat_marker, self.steep_marker):  # onto the line's final position
            m.update()
        at = line.n2p(v.flat_factor_floor)
        self.floor_mark = VGroup(DashedLine(at + UP * CN_FLOOR_MARK[0], at + DOWN * CN_FLOOR_MARK[1],
                                            color=theme.EIGEN_1, stroke_width=theme.THIN),
                                 C.tex(rf"1 - 2/k = {C.fmt(v.flat_factor_floor)}", size=theme.LABEL,
                                       color=theme.EIGEN_1))
        self.floor_mark[1].next_to(self.floor_mark[0], DOWN, buff=CN_FLOOR_LABEL_GAP)
        self.sizes = VGroup(*[Line(line.n2p(0), line.n2p(f), color=color, stroke_width=CN_SIZE_STROKE)
                              for f, color in zip(v.factors, (theme.EIGEN_1, theme.EIGEN_2))])  # |1 - a l| at a*

    def build_error_bars(self) -> None:
        """Below the factor line: the error ||x_t - x*|| of each iterate as a bar, drawn as the run goes."""
        errors = np.array(self.v.errors)
        frame = self.error_frame = C.loss_axes(C.axis_range(0, len(errors) - 1, 8), C.axis_range(0, errors[0], 3),
                                               width=FACTOR_LINE_LENGTH, height=CN_BARS_HEIGHT, x_label="t",
                                               y_label=r"\|x_t - x^*\|")
        frame.next_to(self.factor_readout_row, DOWN, buff=CN_BARS_GAP).align_to(self.factor_readout_row, LEFT)
        C.above_captions(frame)
        axes = frame[0]
        width = CN_BAR_WIDTH * (axes.c2p(1, 0)[0] - axes.c2p(0, 0)[0])
        self.bars = [Rectangle(width=width, height=max(axes.c2p(0, e)[1] - axes.c2p(0, 0)[1], 1e-3),
                               stroke_width=0, fill_color=theme.ITERATE, fill_opacity=CN_BAR_OPACITY)
                     .move_to(axes.c2p(t, 0), aligned_edge=DOWN) for t, e in enumerate(errors)]
        self.error_axes = axes

    def build_count_plot(self) -> None:
        """Steps to tolerance against k: simulated dots, the predicted curve, this valley circled."""
        v = self.v
        ks, sim = np.array(v.k_values), v.simulated_iterations
        n_sim = v.iterations
        curve_k, curve_n = np.array(v.curve_k), np.array(v.curve_iterations)
        top = max([n for n in sim if n is not None] + list(curve_n) + [n_sim or 0])
        x_range = C.axis_range(0, float(curve_k[-1]), 5)
        y_range = C.axis_range(0, float(top), 5)
        frame = self.frame = C.loss_axes(x_range, y_range, width=CN_COUNT_PLOT[0], height=CN_COUNT_PLOT[1],
                                         x_label="k",
                                         y_label=r"\text{steps}")
        axes = self.count_axes = frame[0]
        axes.get_x_axis().add_numbers(np.arange(x_range[2], x_range[1] + 1e-9, x_range[2]),
                                      font_size=theme.LABEL, num_decimal_places=0)
        axes.get_y_axis().add_numbers(np.arange(y_range[2], y_range[1] + 1e-9, y_range[2]),
                                      font_size=theme.LABEL, num_decimal_places=0)
        legend = self.legend = VGroup(
            _row(Dot(radius=LEGEND_DOT, color=theme.ITERATE), C.tex(r"\text{simulated}", size=theme.LABEL),
                 buff=LEGEND_GAP),
            _row(Line(LEFT * LEGEND_LINE, RIGHT * LEGEND_LINE, color=theme.MODEL),
                 C.tex(r"\text{predicted } \lceil \log \mathrm{tol} / \log \tfrac{k-1}{k+1} \rceil",
                       size=theme.LABEL), buff=LEGEND_GAP),
            _row(Dot(radius=CN_OWN_KEY, color=theme.TEXT, fill_opacity=0, stroke_width=CN_OWN_STROKE),
                 C.tex(r"\text{this valley}", size=theme.LABEL), buff=LEGEND_GAP),
        ).arrange(DOWN, aligned_edge=LEFT, buff=CN_LEGEND_ROWS_GAP)
        C.side_panel(frame, legend, beside=self.plane, gap=CN_PANEL_GAP, buff=theme.BUFF)
        # built after placing: c2p reads the axes' final position
        self.points = VGroup(*[Dot(axes.c2p(k, n), radius=CN_POINT_DOT, color=theme.ITERATE)
                               for k, n in zip(ks, sim) if n is not None])
        self.predicted = C.polyline(axes, np.column_stack([curve_k, curve_n]), theme.MODEL, width=theme.THIN)
        self.own = Dot(axes.c2p(v.condition_number, n_sim), radius=CN_OWN_RADIUS, color=theme.TEXT,
                       fill_opacity=0, stroke_width=CN_OWN_STROKE) if n_sim is not None else VGroup()

    def draw_valley(self) -> None:
        v, show = self.v, self.show
        with self.beat("valley", "A narrow valley, turned so that v1 lies along x1. One eigenvalue is large, "
                                 "the other small.") as b:
            show("eigenvalues[0]", v.eigenvalues[0])
            show("eigenvalues[1]", v.eigenvalues[1])
            show("condition_number", v.condition_number)
            turn = math.radians(v.turned_from)
            centre = self.plane.c2p(0, 0)
            self.contours.rotate(turn, about_point=centre)  # as the scenes before left it
            self.play(FadeIn(self.heading), FadeIn(self.plane), Create(self.contours), run_time=b.part(0.3))
            self.play(Rotate(self.contours, -turn, about_point=centre), run_time=b.part(0.35))
            self.play(FadeIn(self.rows[0]), run_time=b.part(0.2))

    def sweep_to(self, a: float, run_time: float) -> None:
        """Move the step a (and the factors' markers with it) to ``a``."""
        self.play(self.step.animate.set_value(a), run_time=run_time, rate_func=linear)

    def choose_step(self) -> None:
        """The step grows to its cap: the steep factor reaches -1, the flat one only 1 - 2/k; then the best step."""
        v, show = self.v, self.show
        cap = v.stable_step_bound
        with self.beat("cap", "The steep direction caps the step: a must stay below 2/λ_max.") as b:
            show("stable_step_bound", cap)
            show("steep_factor_at_cap", v.sweep_factors[-1][1])
            self.play(FadeIn(self.factor_group), FadeIn(self.steep_marker), FadeIn(self.step_readout),
                      FadeIn(self.factor_readouts[1]), run_time=b.part(0.2))
            self.sweep_to(cap, b.part(0.5))
            self.play(FadeIn(self.rows[1]), Indicate(self.steep_marker[2]), run_time=b.part(0.25))
        with self.beat("flat_factor", "With such a step, the flat direction's factor stays above 1−2/k.") as b:
            show("step", cap)
            show("flat_factor_at_cap", v.flat_factor_at_cap)
            show("flat_factor_floor", v.flat_factor_floor)
            self.play(self.step.animate.set_value(v.sweep_steps[0]), FadeIn(self.flat_marker),
                      FadeIn(self.factor_readouts[0]), run_time=b.part(0.15))
            self.sweep_to(cap, b.part(0.5))
            self.play(Create(self.floor_mark[0]), FadeIn(self.floor_mark[1]), Indicate(self.factor_readouts[0]),
                      run_time=b.part(0.3))
        with self.beat("best_step", "The best fixed step gives both directions factors of the same size.") as b:
            show("best_step", v.best_step)
            show("factors[0]", v.factors[0])
            show("factors[1]", v.factors[1])
            self.play(FadeOut(self.floor_mark), run_time=b.part(0.1))
            self.sweep_to(v.best_step, b.part(0.3))
            self.play(Create(self.sizes), run_time=b.part(0.25))
            self.play(FadeIn(self.rows[2]), FadeIn(self.rows[3]), Indicate(self.sizes), run_time=b.part(0.25))

    def zig_zag(self) -> None:
        """The iterate zig-zags down the valley at the best step while its error is drawn as bars; the run lasts
        the sentence. Then each bar is the one before times the rate."""
        xs, plane, v, show = self.xs, self.plane, self.v, self.show
        with self.beat("zigzag", "Descent zig-zags across the valley and only crawls along it.") as b:
            show("iterates", v.iterates)
            show("errors", v.errors)
            dot = Dot(plane.c2p(*xs[0]), radius=CN_ITERATE_DOT, color=theme.ITERATE)
            self.play(FadeIn(dot), Create(self.error_frame), FadeIn(self.bars[0]), run_time=b.part(0.12))
            run = frames(min(0.35, b.left / (len(xs) - 1)))
            for t in range(1, len(xs)):
                seg = Line(plane.c2p(*xs[t - 1]), plane.c2p(*xs[t]), color=theme.ITERATE, stroke_width=theme.THIN)
                self.play(Create(seg), dot.animate.move_to(plane.c2p(*xs[t])), FadeIn(self.bars[t]), run_time=run)
        with self.beat("rate", "Each step multiplies the error by (k−1)/(k+1), which is near 1 for large k.") as b:
            show("rate", v.rate)
            self.play(FadeIn(self.rows[4]), Indicate(self.flat_marker[0]), Indicate(self.steep_marker[0]),
                      *[bar.animate.set_fill(opacity=DIM) for bar in self.bars], run_time=b.part(0.15))
            self.hop_rate(b)

    def hop_rate(self, b) -> None:
        """A 'times the rate' arrow hops from each error bar to the next, lighting the pair, for the rest of the
        sentence."""
        hops = min(RATE_HOPS, len(self.bars) - 1)
        run = frames(0.85 * b.left / hops)

        def arrow(t: int) -> VGroup:
            start, end = self.bars[t].get_top() + UP * CN_HOP_LIFT, self.bars[t + 1].get_top() + UP * CN_HOP_LIFT
            curve = CurvedArrow(start, end, angle=-math.pi / 2, color=theme.HIGHLIGHT, stroke_width=theme.STROKE,
                                tip_length=CN_HOP_TIP)
            label = C.tex(rf"\times {C.fmt(self.v.rate)}", size=theme.BODY, color=theme.ITERATE)
            return VGroup(curve, label.next_to(curve, UP, buff=CN_HOP_LABEL_GAP))

        def lit(t: int) -> list:
            return [bar.animate.set_fill(opacity=1.0 if j in (t, t + 1) else DIM) for j, bar in enumerate(self.bars)]

        hop = self.hop = arrow(0)
        self.play(FadeIn(hop), *lit(0), run_time=run)
        for t in range(1, hops):
            self.play(Transform(hop, arrow(t)), *lit(t), run_time=run)

    def count_steps(self) -> None:
        v, show = self.v, self.show
        with self.beat("count", "Now count, by simulation, the steps to reach the tolerance for many k.") as b:
            show("k_values", v.k_values)
            show("simulated_iterations", v.simulated_iterations)
            self.play(FadeOut(self.error_frame), FadeOut(VGroup(*self.bars)), FadeOut(self.hop),
                      FadeOut(self.factor_group), FadeOut(self.flat_marker), FadeOut(self.steep_marker),
                      FadeOut(self.sizes),
                      FadeOut(self.factor_readout_row), run_time=b.part(0.15))
            self.play(Create(self.frame), FadeIn(self.legend[0]), run_time=b.part(0.25))
            self.play(FadeIn(self.points, lag_ratio=0.3), run_time=b.part(0.45))
        with self.beat("predicted", "The count predicted from the rate matches, and grows in proportion to k.") as b:
            show("predicted_at_k", v.predicted_at_k)
            show("iterations", v.iterations)
            show("predicted_iterations", v.predicted_iterations)
            self.play(Create(self.predicted), FadeIn(self.legend[1]), run_time=b.part(0.5))
            self.play(FadeIn(self.own), FadeIn(self.legend[2]), FadeIn(self.rows[5]), run_time=b.part(0.2))

    def conclude(self) -> None:
        """A marker climbs the predicted curve from this valley's k to the largest, its step count read out."""
        v, axes = self.v, self.count_axes
        curve_k, curve_n = np.array(v.curve_k), np.array(v.curve_iterations)
        start = int(np.searchsorted(curve_k, v.condition_number))
        s = ValueTracker(start)

        def sample(i: int) -> tuple[float, float]:  # a lookup in the precomputed curve
            i = min(i, len(curve_k) - 1)
            return curve_k[i], curve_n[i]

        tracer = Dot(axes.c2p(*sample(start)), radius=CN_TRACER_DOT, color=theme.HIGHLIGHT)
        tracer.add_updater(lambda m: m.move_to(axes.c2p(*sample(round(s.get_value())))))
        readout = VGroup(*[_row(C.tex(label, size=theme.LABEL), C.live_number(
            lambda i=i: sample(round(s.get_value()))[i], decimals=0), buff=CN_READOUT_GAP)
            for i, label in enumerate(("k =", r"\text{steps} ="))]).arrange(DOWN, aligned_edge=LEFT,
                                                                       buff=CN_TRACER_ROWS_GAP)
        readout.next_to(axes.c2p(axes.x_range[1] * TRACER_READOUT_AT[0], axes.y_range[1] * TRACER_READOUT_AT[1]),
                        RIGHT, buff=0)
        with self.beat("ill_conditioned", "A large condition number means many small steps: ill-conditioning.") as b:
            self.show("traced_to", [float(curve_k[-1]), int(curve_n[-1])])
            self.play(FadeIn(tracer), FadeIn(readout), run_time=b.part(0.1))
            self.play(s.animate.set_value(len(curve_k) - 1), run_time=b.part(0.75), rate_func=linear)


SCENES = [
    ("chapter3", Chapter3Card),
    ("convergence", ConvergenceScene),
    ("ball", BallScene),
    ("step_size", StepSizeScene),
    ("condition", ConditionScene),
]
