"""Chapter 1, the basic intuition: slope, gradient, curvature and the Hessian matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import (
    DEGREES,
    DOWN,
    IN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    UR,
    Arrow,
    Circle,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    GrowArrow,
    Indicate,
    LaggedStart,
    Line,
    Matrix,
    MathTex,
    Polygon,
    Rectangle,
    ReplacementTransform,
    SurroundingRectangle,
    Swap,
    ThreeDAxes,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
)

from mathcore import derivatives, descent, functions
from mathcore.errors import ValidationError
from scenes import components as C
from scenes import losses
from scenes import theme
from scenes.base import LectureScene, SceneValues
from scenes.beats import frames
from scenes.cards import ChapterCard, TitleCard
from scenes.params import LOSS_1D_NAMES, LOSS_2D_NAMES, SceneParams, param
from scenes.projection import View
from scenes.turning import ShowPieces, Turn, TurningView, out_and_back
from scenes.values import SlopedCurve, SurfaceGrid

SAMPLES = 241  # points per curve; the sliding tangent visits each of them


def _sampled(loss: functions.Loss1D, xs: np.ndarray) -> SlopedCurve:
    """A loss curve as drawn: the samples x, f(x) and f'(x) (a sliding tangent or arrow visits each)."""
    return SlopedCurve(xs.tolist(), loss.f(xs).tolist(), loss.df(xs).tolist())


class Chapter1Card(ChapterCard):
    chapter = 1
    summary = "Opens chapter 1: slopes, gradients, curvature, the Hessian."
    questions = ("What is a slope, and a gradient?", "What does curvature measure?", "How does the Hessian collect it?")
    narration = "Chapter one builds the intuition: slopes, then curvature, then the Hessian."


CURVE_MARGIN = 0.1  # a curve's y axis reaches this share of its height range (at least 1) beyond it


def _curve_frame(xs: np.ndarray, ys: np.ndarray) -> tuple[list[float], list[float]]:
    """Axis ranges [lo, hi, step] that hold the sampled curve with a margin."""
    x_step = C.nice_step(xs[-1] - xs[0], ticks=6)
    lo, hi = float(np.min(ys)), float(np.max(ys))
    pad = CURVE_MARGIN * max(hi - lo, 1.0)
    return [float(xs[0]), float(xs[-1]), x_step], C.axis_range(lo - pad, hi + pad, ticks=6)


def _with_stops(grid: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """The sorted union of ``grid`` and ``stops``, without grid points that crowd a stop (so a tangent that walks
    the samples lands exactly on each stop)."""
    stops = np.unique(stops)
    gap = 0.25 * (grid[-1] - grid[0]) / (len(grid) - 1)
    kept = grid[np.min(np.abs(grid[:, None] - stops[None, :]), axis=1) > gap]
    return np.union1d(kept, stops)


TOUCH_SHARE = 0.12  # of the curve the tangent creeps along while it is introduced
SETTLE_STEPS = 2000  # descent steps that find the flat point the descent run heads for
FLAT_TOL = 1e-9  # |f'| at the flat point
SL_PLOT = (7.0, 4.8)  # width and height of the curve's axes, scene units
SL_ROW_GAP = 0.15  # between the parts of a readout row, scene units
SL_GHOST_HALF = 0.5  # half the width of the tangent left behind at a mark, math units of x
SL_GHOST_OPACITY = 0.5  # that tangent, dimmed
SL_DOT = 0.06  # radius of a point marked on the curve (at a mark, an iterate), scene units
SL_BOX_BUFF = 0.1  # the frame around the readout at the flat point reaches this far beyond it, scene units
SL_TIP_RATIO = 0.35  # a descent step's arrow: its tip takes at most this share of its length


def _slope_loss(p: "SlopeParams") -> functions.Loss1D:
    """The slope scene's loss; a formula is checked on the plotted range [x_min, x_max]."""
    return losses.loss_1d(p.function, (p.x_min, p.x_max))


def _descent_run(p: "SlopeParams") -> tuple[np.ndarray, float]:
    """The iterates x_0..x_steps of x - a f'(x) from ``p.start``, and the flat point the run settles at."""
    loss = _slope_loss(p)
    run = descent.gradient_descent(loss.df, p.start, p.step, p.steps)
    flat = float(descent.gradient_descent(loss.df, run[-1], p.step, SETTLE_STEPS)[-1])
    return run, flat


@dataclass(frozen=True)
class SlopeParams(SceneParams):
    function: str = param("double_well", "1-D loss: a name from mathcore's library or a formula in x",
                          choices=LOSS_1D_NAMES, formula=1)
    x_min: float = param(-2.2, "left end of the plotted range", min=-10, max=10)
    x_max: float = param(2.2, "right end of the plotted range", min=-10, max=10)
    marks: tuple[float, ...] = param((-1.6, 0.3, 1.4), "three points where the tangent stops", min=-10, max=10, length=3)
    start: float = param(-0.3, "where the gradient-descent run starts", min=-10, max=10)
    step: float = param(0.2, "step size a of the gradient-descent run", min=0.01, max=2)
    steps: int = param(6, "descent steps shown", min=1, max=12)

    def check(self) -> None:
        if self.x_max - self.x_min < 1:
            raise ValidationError(f"x_max = {self.x_max:g}: must be at least x_min + 1 (x_min = {self.x_min:g})")
        for m in self.marks:
            if not self.x_min <= m <= self.x_max:
                raise ValidationError(f"marks = {list(self.marks)}: each must lie in [x_min, x_max] = [{self.x_min:g}, {self.x_max:g}]")
        if not self.x_min <= self.start <= self.x_max:
            raise ValidationError(f"start = {self.start:g}: must lie in [x_min, x_max] = [{self.x_min:g}, {self.x_max:g}]")
        run, flat = _descent_run(self)
        loss = _slope_loss(self)
        if descent.first_exit(np.append(run, flat), [(self.x_min, self.x_max)]) is not None \
                or not abs(float(loss.df(flat))) < FLAT_TOL:
            raise ValidationError(f"step = {self.step:g}: descent from start = {self.start:g} must settle at a flat "
                                  f"point inside [x_min, x_max] = [{self.x_min:g}, {self.x_max:g}]; take a smaller step")


@dataclass(frozen=True)
class Stop:
    """A point of a 1-D loss: x, f(x) and the slope f'(x)."""

    x: float
    loss: float
    slope: float


@dataclass(frozen=True)
class SlopeDescent:
    """A gradient-descent run on a 1-D loss: its step size and the iterates x_t, with f and f' at each."""

    step: float
    x: list[float]
    loss: list[float]
    slope: list[float]


@dataclass(frozen=True)
class SlopeValues(SceneValues):
    """What the slope scene shows: slopes at the marks, the flat point the descent settles at, and the curve."""

    function: str  # the loss's name
    marks: list[float]
    loss_at_marks: list[float]
    slope_at_marks: list[float]
    flat: Stop  # where the descent run settles
    descent: SlopeDescent
    curve: SlopedCurve  # over [x_min, x_max], the marks and the run's iterates among the samples


class SlopeScene(LectureScene):
    """A tangent slides along a 1-D loss and reads out its slope, stops where it is flat, and descent steps downhill."""

    Params = SlopeParams
    chapter = 1
    title = "Slope in one dimension"
    summary = (
        "A tangent slides along a loss curve reading out the slope, stops where it is flat (f' = 0), and descent steps against it."
    )

    @classmethod
    def values(cls, p: SlopeParams) -> SlopeValues:
        loss = _slope_loss(p)
        marks = np.array(p.marks)
        run, flat = _descent_run(p)
        xs = _with_stops(np.linspace(p.x_min, p.x_max, SAMPLES), np.concatenate([marks, run, [flat]]))
        return SlopeValues(
            function=loss.name,
            marks=marks.tolist(),
            loss_at_marks=loss.f(marks).tolist(),
            slope_at_marks=loss.df(marks).tolist(),
            flat=Stop(flat, float(loss.f(flat)), float(loss.df(flat))),
            descent=SlopeDescent(p.step, run.tolist(), loss.f(run).tolist(), loss.df(run).tolist()),
            curve=_sampled(loss, xs),
        )

    def construct(self) -> None:
        self.build()
        self.draw_curve()
        self.touch_curve()
        self.slide_tangent()
        self.read_rate()
        self.find_flat()
        self.step_downhill()

    def build(self) -> None:
        """The axes, the curve, the tangent that follows ``self.index`` and the side panel."""
        p, v = self.p, self.v
        loss = _slope_loss(p)
        xs, ys, slopes = (np.array(samples) for samples in (v.curve.x, v.curve.loss, v.curve.slope))
        x_range, y_range = _curve_frame(xs, ys)

        self.heading = C.heading("Slope: how fast the loss changes")
        self.frame = C.loss_axes(x_range, y_range, width=SL_PLOT[0], height=SL_PLOT[1])
        self.frame.next_to(self.heading, DOWN, buff=theme.HEADING_GAP).to_edge(LEFT, buff=theme.EDGE)
        self.axes = axes = self.frame[0]
        self.xs, self.ys, self.slopes = xs, ys, slopes
        self.curve = C.curve(axes, xs, ys)
        self.formula = C.tex(rf"f(x) = {loss.tex}", size=theme.LABEL, color=theme.LOSS)

        # The tangent follows an index into precomputed samples: no derivative is taken here.
        self.index = index = ValueTracker(0)

        def at() -> int:
            return int(round(index.get_value()))

        self.touch = always_redraw(lambda: Dot(axes.c2p(xs[at()], ys[at()]), color=theme.TANGENT))
        self.line = always_redraw(lambda: C.tangent(axes, xs[at()], ys[at()], slopes[at()]))
        self.live = VGroup(C.tex("x =", size=theme.LABEL), C.live_number(lambda: xs[at()]),
                           C.tex(r"\quad f'(x) =", size=theme.LABEL, color=theme.TANGENT),
                           C.live_number(lambda: slopes[at()], color=theme.TANGENT)).arrange(RIGHT, buff=SL_ROW_GAP)
        self.rate = C.tex(r"f(x + dx) \approx f(x) + f'(x)\,dx", size=theme.LABEL)
        self.pins = VGroup(*[
            C.readout(f"f'({C.fmt(m, 1)})", v.slope_at_marks[k], color=theme.TANGENT)
            for k, m in enumerate(v.marks)
        ])
        self.panel = C.side_panel(self.formula, self.live, self.rate, *self.pins, beside=self.frame)
        self.build_descent_rows()

    def build_descent_rows(self) -> None:
        """The update rule, the step size and the step counter, in the places of the rate formula and the pins."""
        shrink = self.rate.height / C.tex(r"f(x + dx) \approx f(x) + f'(x)\,dx", size=theme.LABEL).height
        self.step_count = ValueTracker(0)
        self.rule = C.tex(r"x_{t+1} = x_t - a\,f'(x_t)", size=theme.LABEL, color=theme.ITERATE)
        self.step_size = C.readout("a", self.v.descent.step, color=theme.ITERATE)
        self.counter = VGroup(C.tex("t =", size=theme.LABEL, color=theme.ITERATE),
                              C.live_number(lambda: self.step_count.get_value(), decimals=0, color=theme.ITERATE)
                              ).arrange(RIGHT, buff=SL_ROW_GAP)
        for row, place in zip((self.rule, self.step_size, self.counter), (self.rate, *self.pins)):
            row.scale(shrink).move_to(place, aligned_edge=LEFT)

    def stop(self, x: float) -> int:
        """The sample index of ``x``, one of the stops values() put among the samples."""
        return int(np.searchsorted(self.xs, x))

    def draw_curve(self) -> None:
        with self.beat("loss", "Start with a loss that depends on a single input x.") as b:
            self.play(FadeIn(self.heading), Create(self.frame), run_time=b.part(0.35))
            self.play(Create(self.curve), run_time=b.part(0.45))
            self.play(FadeIn(self.formula), run_time=b.part(0.2))

    def touch_curve(self) -> None:
        """Beat ``tangent``: the tangent appears at the left end and creeps in along the curve, touching it."""
        with self.beat("tangent", "The slope is the steepness of the straight line that just touches the curve.") as b:
            self.play(FadeIn(self.touch), Create(self.line), FadeIn(self.live), run_time=b.part(0.4))
            self.play(self.index.animate.set_value(int(TOUCH_SHARE * (len(self.xs) - 1))), rate_func=linear,
                      run_time=b.left + self.breath)

    def slide_tangent(self) -> None:
        with self.beat("slide",
                       "Slide the point: the slope is negative going downhill and positive going uphill.") as b:
            self.play(self.index.animate.set_value(len(self.xs) - 1), run_time=b.duration)

    def read_rate(self) -> None:
        """Beat ``rate``: the rate formula, then the tangent stops at each mark and leaves its slope behind."""
        v, axes = self.v, self.axes
        self.ghosts = VGroup()
        with self.beat("rate",
                       "Read it as a rate: a small step dx to the right changes the loss by about f'(x) dx.") as b:
            self.play(Write(self.rate), run_time=b.part(0.2))
            for k, m in enumerate(v.marks):
                self.play(self.index.animate.set_value(self.stop(m)), run_time=b.part(0.19))
                fm, slope = v.loss_at_marks[k], v.slope_at_marks[k]
                ghost = VGroup(C.tangent(axes, m, fm, slope, half_width=SL_GHOST_HALF).set_opacity(SL_GHOST_OPACITY),
                               Dot(axes.c2p(m, fm), color=theme.TANGENT, radius=SL_DOT))
                self.ghosts.add(ghost)
                self.show(f"slope_at_marks[{k}]", slope)
                self.play(FadeIn(ghost), FadeIn(self.pins[k]), run_time=b.part(0.07))

    def find_flat(self) -> None:
        """Beat ``flat``: the tangent glides to the flat point and reads out a zero slope there."""
        i = self.stop(self.v.flat.x)
        box = SurroundingRectangle(self.live, color=theme.HIGHLIGHT, buff=SL_BOX_BUFF, stroke_width=theme.THIN)
        with self.beat("flat", "Where the slope is zero the tangent is flat: the curve stops falling there.") as b:
            self.play(self.index.animate.set_value(i), run_time=b.part(0.55))
            self.show("flat.x", float(self.xs[i]))
            self.show("flat.slope", float(self.slopes[i]))
            self.play(Create(box), Indicate(self.touch, color=theme.HIGHLIGHT), run_time=b.part(0.3))
        self.flat_box = box

    def step_downhill(self) -> None:
        """Beat ``descent``: the update rule replaces the rate and the pins; the point takes the descent steps."""
        axes, run = self.axes, self.v.descent
        xs, ys = run.x, run.loss
        with self.beat("descent", "Gradient descent steps against the slope, downhill, to lower the loss. "
                                  "Each step is a times minus f'(x): long where steep, short where flat.") as b:
            self.show("descent.step", run.step)
            self.show("descent.iterates", xs)
            self.show("descent.slopes", run.slope)
            start = Dot(axes.c2p(xs[0], ys[0]), color=theme.ITERATE, radius=SL_DOT)
            self.play(FadeOut(VGroup(self.flat_box, self.ghosts, self.rate, self.pins)),
                      self.index.animate.set_value(self.stop(xs[0])), run_time=b.part(0.12))
            self.play(FadeIn(VGroup(self.rule, self.step_size, self.counter)), FadeIn(start), run_time=b.part(0.1))
            each = (b.left - b.part(0.05)) / len(xs[1:])
            for t in range(len(xs) - 1):
                move = Arrow(axes.c2p(xs[t], ys[t]), axes.c2p(xs[t + 1], ys[t]), buff=0, color=theme.ITERATE,
                             stroke_width=theme.STROKE, max_tip_length_to_length_ratio=SL_TIP_RATIO)
                self.play(GrowArrow(move), run_time=frames(0.35 * each))
                self.play(self.index.animate.set_value(self.stop(xs[t + 1])), self.step_count.animate.set_value(t + 1),
                          FadeIn(Dot(axes.c2p(xs[t + 1], ys[t + 1]), color=theme.ITERATE, radius=SL_DOT)),
                          run_time=frames(0.65 * each))


# --- Scene 2: the gradient of a two-input function -------------------------------------------------

X1_COLOR = theme.EIGEN_1  # chapter 1: the x1 direction (its slice, tangent and partial slope)
X2_COLOR = theme.EIGEN_2  # chapter 1: the x2 direction
SLICE_SAMPLES = 41
SURFACE_FACES = 16  # per side of the drawn surface; its heights also fix the vertical scale
SHADE_OPACITY = 0.4  # of the floor cell under the longest arrow (beat ``lengths``)
NAMED_ARROWS = 4  # how many of the longest and of the shortest floor arrows beat ``lengths`` points at
SURFACE_TURN = 30 * DEGREES  # the surface swings this far round and back while the words describe it
SLICE_TURN = 20 * DEGREES  # ... and this far while a slice is traced
CURTAIN_OPACITY = 0.3  # the slicing plane under a slice while it is drawn
G_FLOOR_OPACITY = 0.08  # fill of the floor under the surface
G_EDGE_REACH = 0.12  # the floor's x1 and x2 arrows reach this share of its side beyond it
G_EDGE_TIP_RATIO = 0.06  # their tips take at most this share of their length
G_X1_LABEL_AT = 0.25  # x1's name sits this share of the floor's side beyond its far edge
G_X2_LABEL_AT = 0.12  # x2's name sits this share of the floor's side before its near edge
G_ARROW_FILL = 0.8  # the longest floor arrow spans this share of a grid cell
G_FORMULA_WIDTH = 6.2  # a longer formula is scaled down to this width, clear of the picture, scene units
G_DIAGRAM = 0.75  # the longer part of the gradient in the flat diagram, scene units
G_DIAGRAM_AXES = 1  # stroke width of the flat diagram's axes
G_FLAT_DOT = 0.04  # radius of a diagram arrow too short to draw, scene units
G_FLAT_TIP_RATIO = 0.3  # a diagram arrow's tip takes at most this share of its length
G_GRAD_LABEL_GAP = 0.3  # between the gradient's tip in the diagram and its name, scene units
G_DESCENT_LABEL_GAP = 0.35  # between the tip of minus the gradient and its name, scene units
G_ROWS_GAP = 0.4  # between the rows of the panel (and its two partial slopes), scene units
G_DIAGRAM_GAP = 0.9  # between the partial slopes and the diagram, scene units
G_HEADING_GAP = 0.45  # between the heading and the panel, scene units
G_SLICE_STROKE = theme.THIN + 1  # a slice of the surface, stroke width
G_SLICE_OPACITY = 0.8  # ... and its stroke opacity
G_ON_SURFACE_LIFT = 0.2  # a slice and its running point are sorted this much nearer the camera than they lie (scene
# units), so each piece is drawn over the facet it lies on (more than half a facet's depth, less than a facet's)
G_TANGENT_HALF = 0.25  # half a slice's tangent, as a share of the floor's longer side
G_TANGENT_STROKE = theme.STROKE + 2  # a slice's tangent, stroke width
G_FLOOR_DOT = 0.03  # radius of a floor arrow too short to draw, scene units
G_FLOOR_TIP_RATIO = 0.35  # a floor arrow's tip takes at most this share of its length
G_MARKER_DOT = 0.07  # radius of the picked point on the surface, scene units
G_BASE_DOT = 0.05  # radius of the picked point on the floor, scene units
G_GUIDE_OPACITY = 0.7  # the floor lines x1 = const and x2 = const
G_SURFACE_DOT = 0.06  # radius of a point moving on the surface (along a slice, an iterate), scene units
G_FIELD_STROKE = theme.THIN + 1  # the floor's field of arrows, stroke width
G_FIELD_OPACITY = 0.85  # ... and its opacity
G_LONGEST_SCALE = 1.5  # the longest arrows grow by this factor when they light up
G_SHORTEST_SCALE = 1.6  # ... and the shortest by this one
G_RING_PAD = 0.45  # the ring round the shortest arrows reaches this share of a cell beyond them
G_STEP_DOT = 0.045  # radius of a descent iterate on the floor, scene units


def _domain_text(loss: functions.Loss2D) -> str:
    (a, b), (c, d) = loss.domain
    return f"x1 in [{a:g}, {b:g}] and x2 in [{c:g}, {d:g}]"


def _check_point_in_domain(field: str, point: tuple[float, ...], function: str) -> None:
    loss = losses.loss_2d(function)
    if not all(lo <= x <= hi for x, (lo, hi) in zip(point, loss.domain)):
        raise ValidationError(f"{field} = {list(point)}: must lie in the domain of {function}, {_domain_text(loss)}")


def _flat_arrow(start: np.ndarray, end: np.ndarray, color: str) -> VMobject:
    """An arrow in the flat vector diagram (a dot if it is too short to draw)."""
    if np.linalg.norm(end - start) < 1e-3:
        return Dot(start, radius=G_FLAT_DOT, color=color)
    return Arrow(start, end, buff=0, color=color, stroke_width=theme.STROKE,
                 max_tip_length_to_length_ratio=G_FLAT_TIP_RATIO)


@dataclass(frozen=True)
class GradientParams(SceneParams):
    function: str = param("coupled", "2-D loss: a name from mathcore's library or a formula in x1 and x2",
                          choices=LOSS_2D_NAMES, formula=2)
    grid: int = param(6, "gradient arrows per side of the grid on the floor", min=3, max=10)
    point: tuple[float, ...] = param((-1.0, 1.0), "point (x1, x2) whose two partial slopes are shown",
                                     min=-10, max=10, length=2)
    step: float = param(0.5, "step size a of the descent run drawn from the point", min=0.01, max=2)
    steps: int = param(5, "descent steps drawn on the floor", min=1, max=12)

    def check(self) -> None:
        _check_point_in_domain("point", self.point, self.function)
        loss = losses.loss_2d(self.function)
        run = descent.gradient_descent(loss.grad, np.array(self.point), self.step, self.steps)
        if descent.first_exit(run, loss.domain) is not None:
            raise ValidationError(f"step = {self.step:g}: descent from point = {list(self.point)} leaves the domain of "
                                  f"{self.function}, {_domain_text(loss)}; take a smaller step")


@dataclass(frozen=True)
class Slice:
    """The surface over the line through the point along one input: samples t of that input, f and the slope of
    the slice (the partial derivative along it)."""

    t: list[float]
    loss: list[float]
    slope: list[float]


@dataclass(frozen=True)
class GradientDescent:
    """A gradient-descent run on a 2-D loss: its step size, the iterates and f at each."""

    step: float
    points: list[list[float]]
    loss: list[float]


@dataclass(frozen=True)
class GradientValues(SceneValues):
    """What the gradient scene shows: the surface, the point's partial derivatives, the arrow field and a descent."""

    function: str  # the loss's name
    point: list[float]
    loss_at_point: float
    partial_x1: float
    partial_x2: float
    z_range: list[float]  # lowest and highest height of the surface
    surface: SurfaceGrid
    slices: list[Slice]  # along x1, then x2
    grid_points: list[list[float]]  # cell centres of the arrow field
    grid_gradients: list[list[float]]
    grid_lengths: list[float]
    longest: list[int]  # indices into the grid, longest first
    shortest: list[int]  # indices into the grid, shortest first
    descent: GradientDescent


class GradientScene(LectureScene):
    """A loss surface over two inputs, its two partial slopes at a point, and the gradient field beneath."""

    Params = GradientParams
    chapter = 1
    title = "The gradient of a two-input function"
    summary = (
        "A loss surface, slicing planes and the slopes of the two slices at a point, gradient arrows shaded by length, descent on the surface."
    )

    PHI = 70 * DEGREES
    THETA = -75 * DEGREES
    SIDE = 3.8  # length of the longer side of the floor, scene units
    HEIGHT = 2.2  # height of the surface from its lowest to its highest point
    GAP = 1.8  # from the floor up to the surface's lowest point: on screen the floor stays below the surface
    SCREEN_CENTRE = np.array([-2.9, 0.3, 0.0])  # where the 3-D picture sits on screen

    @classmethod
    def values(cls, p: GradientParams) -> GradientValues:
        loss = losses.loss_2d(p.function)
        (a, b), (c, d) = loss.domain
        n = p.grid
        x1 = a + (np.arange(n) + 0.5) * (b - a) / n  # cell centres
        x2 = c + (np.arange(n) + 0.5) * (d - c) / n
        grid = np.stack(np.meshgrid(x1, x2, indexing="ij"), axis=-1).reshape(-1, 2)
        point = np.array(p.point)
        g = loss.grad(point)
        gradients = loss.grad(grid)
        lengths = np.linalg.norm(gradients, axis=1)
        order = np.argsort(lengths, kind="stable")
        surface = C.surface_grid(loss.f, loss.grad, (a, b), (c, d), SURFACE_FACES)
        heights = np.array(surface.height)
        run = descent.gradient_descent(loss.grad, point, p.step, p.steps)
        return GradientValues(
            function=loss.name,
            point=point.tolist(),
            loss_at_point=float(loss.f(point)),
            partial_x1=float(g[0]),
            partial_x2=float(g[1]),
            z_range=[float(np.min(heights)), float(np.max(heights))],
            surface=surface,
            slices=[cls._slice(loss, point, axis) for axis in range(2)],
            grid_points=grid.tolist(),
            grid_gradients=gradients.tolist(),
            grid_lengths=lengths.tolist(),
            longest=order[::-1][:NAMED_ARROWS].tolist(),
            shortest=order[:NAMED_ARROWS].tolist(),
            descent=GradientDescent(p.step, run.tolist(), loss.f(run).tolist()),
        )

    @staticmethod
    def _slice(loss: functions.Loss2D, point: np.ndarray, axis: int) -> Slice:
        """The surface over the line through ``point`` along input ``axis``: samples t (the point's own coordinate
        among them), f and the slope of the slice, the partial derivative along ``axis``."""
        ts = _with_stops(np.linspace(*loss.domain[axis], SLICE_SAMPLES), np.array([point[axis]]))
        pts = np.tile(point, (len(ts), 1))
        pts[:, axis] = ts
        return Slice(ts.tolist(), loss.f(pts).tolist(), loss.grad(pts)[:, axis].tolist())

    def construct(self) -> None:
        self.build_picture()
        self.build_panel()
        self.show_surface()
        self.pick_point()
        self.slice_along_x1()
        self.slice_along_x2()
        self.add_slopes()
        self.fill_floor()
        self.compare_lengths()
        self.step_downhill()

    def build_picture(self) -> None:
        """The 3-D axes placed on screen, the surface, the floor and its two axis arrows."""
        p, v = self.p, self.v
        self.loss = losses.loss_2d(p.function)  # its formula and domain
        (a, b), (c, d) = self.loss.domain
        z_lo, z_hi = v.z_range  # the surface's heights fix the vertical scale
        self.z_lo, self.z_hi = z_lo, z_hi
        unit = self.SIDE / max(b - a, d - c)
        self.axes = ThreeDAxes(
            x_range=[a, b, b - a], y_range=[c, d, d - c], z_range=[z_lo, z_hi, z_hi - z_lo],
            x_length=unit * (b - a), y_length=unit * (d - c), z_length=self.HEIGHT, tips=False,
        )

        # Move the 3-D picture (not the view) to its place on screen; every 3-D piece is flattened once, and
        # redrawn only while the view turns about the picture's vertical axis.
        view = View(self.PHI, self.THETA)
        middle = (self.on_floor((a + b) / 2, (c + d) / 2) + self.on_surface((a + b) / 2, (c + d) / 2, z_hi)) / 2
        self.axes.shift(view.rotation.T @ self.SCREEN_CENTRE - middle)
        self.view = view = TurningView(view, view.rotation.T @ self.SCREEN_CENTRE)

        self.surface = view.flatten(C.surface(self.axes, v.surface))
        corners = [self.on_floor(a, c), self.on_floor(b, c), self.on_floor(b, d), self.on_floor(a, d)]
        self.floor = view.flatten(Polygon(*corners, stroke_color=theme.MUTED, stroke_width=theme.THIN,
                                          fill_color=theme.MUTED, fill_opacity=G_FLOOR_OPACITY))
        self.edges = VGroup(
            view.flatten(Arrow(self.on_floor(a, c), self.on_floor(b + G_EDGE_REACH * (b - a), c), buff=0,
                               color=X1_COLOR, stroke_width=theme.THIN,
                               max_tip_length_to_length_ratio=G_EDGE_TIP_RATIO)),
            view.flatten(Arrow(self.on_floor(a, c), self.on_floor(a, d + G_EDGE_REACH * (d - c)), buff=0,
                               color=X2_COLOR, stroke_width=theme.THIN,
                               max_tip_length_to_length_ratio=G_EDGE_TIP_RATIO)),
        )
        self.axis_labels = VGroup(
            view.place(C.tex("x_1", size=theme.LABEL, color=X1_COLOR), self.on_floor(b + G_X1_LABEL_AT * (b - a), c)),
            view.place(C.tex("x_2", size=theme.LABEL, color=X2_COLOR),
                       self.on_floor(a - G_X2_LABEL_AT * (b - a), (c + d) / 2)),
        )

        grads = np.array(v.grid_gradients)
        longest = max(float(np.max(np.linalg.norm(grads, axis=1))), float(np.hypot(v.partial_x1, v.partial_x2)),
                      1e-12)
        self.arrow_scale = G_ARROW_FILL * min((b - a), (d - c)) / p.grid / longest  # x-units of arrow per gradient

    def on_floor(self, x1: float, x2: float) -> np.ndarray:
        return self.axes.c2p(x1, x2, self.z_lo) + self.GAP * IN

    def on_surface(self, x1: float, x2: float, z: float) -> np.ndarray:
        return self.axes.c2p(x1, x2, z)

    def build_panel(self) -> None:
        """The heading and the panel on the right: formula, point, the two partial slopes and the gradient diagram."""
        v = self.v
        self.heading = C.heading("The gradient: one slope per input")
        self.formula = C.tex(rf"f(x_1, x_2) = {self.loss.tex}", size=theme.LABEL, color=theme.LOSS)
        x1p, x2p = v.point
        g1, g2 = v.partial_x1, v.partial_x2
        self.where = C.tex(r"\text{at } (x_1, x_2) = (" + C.fmt(x1p) + ", " + C.fmt(x2p) + ")", size=theme.LABEL)
        self.row_1 = C.readout(r"\frac{\partial f}{\partial x_1}", g1, color=X1_COLOR)
        self.row_2 = C.readout(r"\frac{\partial f}{\partial x_2}", g2, color=X2_COLOR)
        self.row_g = C.tex(r"\nabla f = \begin{pmatrix}" + C.fmt(g1) + r"\\" + C.fmt(g2) + r"\end{pmatrix}",
                           size=theme.LABEL, color=theme.TANGENT)
        self.note = C.caption_box("floor arrows: the gradient\nat each point (uphill)", color=theme.TANGENT)
        if self.formula.width > G_FORMULA_WIDTH:  # a long formula: keep the panel clear of the picture
            self.formula.scale_to_fit_width(G_FORMULA_WIDTH)

        # The gradient at the point as a flat vector diagram: x1 part, then x2 part, then their sum.
        k = G_DIAGRAM / max(abs(g1), abs(g2), 1e-12)  # diagram units per unit of gradient
        corner = RIGHT * k * g1
        tip = corner + UP * k * g2
        self.diagram = diagram = VGroup(
            VGroup(Line(LEFT, RIGHT, color=theme.MUTED, stroke_width=G_DIAGRAM_AXES),
                   Line(DOWN, UP, color=theme.MUTED, stroke_width=G_DIAGRAM_AXES)),
            _flat_arrow(ORIGIN, corner, X1_COLOR),
            _flat_arrow(corner, tip, X2_COLOR),
            _flat_arrow(ORIGIN, tip, theme.TANGENT),
            _flat_arrow(ORIGIN, -tip, theme.ITERATE),
        )
        unit_tip = tip / max(np.linalg.norm(tip), 1e-12)
        diagram.add(C.tex(r"\nabla f", size=theme.SMALL, color=theme.TANGENT)
                    .move_to(tip + G_GRAD_LABEL_GAP * unit_tip),
                    C.tex(r"-\nabla f", size=theme.SMALL, color=theme.ITERATE)
                    .move_to(-tip - G_DESCENT_LABEL_GAP * unit_tip))
        partials = VGroup(self.row_1, self.row_2).arrange(DOWN, aligned_edge=LEFT, buff=G_ROWS_GAP)
        middle_row = VGroup(partials, diagram).arrange(RIGHT, buff=G_DIAGRAM_GAP)
        panel = VGroup(self.formula, self.where, middle_row, self.row_g, self.note).arrange(DOWN, aligned_edge=LEFT,
                                                                                            buff=G_ROWS_GAP)
        C.above_captions(panel.next_to(self.heading, DOWN, buff=G_HEADING_GAP).to_edge(RIGHT, buff=theme.EDGE), UR)

    def slice_points(self, axis: int) -> tuple[np.ndarray, np.ndarray]:
        """The slice along input ``axis`` (sampled in values()) in 3-D: its points on the surface and below them on
        the floor, one per sample."""
        cut = self.v.slices[axis]
        qs = np.tile(np.array(self.v.point, dtype=float), (len(cut.t), 1))
        qs[:, axis] = cut.t
        zs = np.clip(cut.loss, self.z_lo, self.z_hi)
        return (np.array([self.on_surface(*q, z) for q, z in zip(qs, zs)]),
                np.array([self.on_floor(*q) for q in qs]))

    def slice_curve(self, axis: int, color: str) -> np.ndarray:
        """The surface over the line through the point along input ``axis``, joined to the surface's painter's
        order one sample step at a time, each lifted to be drawn over the facet it lies on; their indices."""
        rim, _ = self.slice_points(axis)
        curve = VMobject().set_points_smoothly(rim)
        steps = VGroup(*[VMobject(stroke_color=color, stroke_width=G_SLICE_STROKE, stroke_opacity=G_SLICE_OPACITY)
                         .set_points(curve.points[4 * i:4 * i + 4]) for i in range(len(rim) - 1)])
        return self.view.join(self.surface, steps, references=(rim[:-1] + rim[1:]) / 2, lift=G_ON_SURFACE_LIFT)

    def tangent_line(self, direction: int, slope: float, color: str) -> VMobject:
        """The tangent of that slice at the point."""
        (a, b), (c, d) = self.loss.domain
        zp = self.v.loss_at_point
        half = G_TANGENT_HALF * max(b - a, d - c)
        step = np.zeros(2)
        step[direction] = half
        lo, hi = np.array(self.v.point) - step, np.array(self.v.point) + step
        return self.view.flatten(Line(self.on_surface(*lo, zp - slope * half), self.on_surface(*hi, zp + slope * half),
                                      color=color, stroke_width=G_TANGENT_STROKE))

    def floor_arrow(self, start: np.ndarray, end: np.ndarray, color: str, width: float = theme.STROKE) -> VMobject:
        """An arrow lying on the floor (a dot if it is too short to draw)."""
        if np.linalg.norm(end - start) < 1e-3:
            return self.view.place(Dot(radius=G_FLOOR_DOT, color=color), start)
        return self.view.flatten(Arrow(start, end, buff=0, color=color, stroke_width=width,
                                       max_tip_length_to_length_ratio=G_FLOOR_TIP_RATIO))

    def show_surface(self) -> None:
        with self.beat("surface", "With two inputs, the loss is a surface above the plane of x1 and x2.") as b:
            self.play(FadeIn(self.heading), FadeIn(self.formula), run_time=b.part(0.15))
            self.play(FadeIn(self.floor), FadeIn(self.edges), FadeIn(self.surface), run_time=b.part(0.35))
            # the surface swings round and back, so its shape reads, until the words end
            self.play(FadeIn(self.axis_labels, run_time=b.part(0.15)),
                      Turn(self.view, out_and_back(SURFACE_TURN), run_time=frames(b.left + self.breath)))

    def pick_point(self) -> None:
        """Beat ``point``: the floor lines x1 = const and x2 = const sweep in to meet at the point, then its height
        above the floor and the point on the surface."""
        (x1_lo, x1_hi), (x2_lo, x2_hi) = self.loss.domain
        x1p, x2p = self.v.point
        top = self.on_surface(x1p, x2p, self.v.loss_at_point)
        marker = self.view.place(Dot(radius=G_MARKER_DOT, color=theme.TEXT), top)
        # the height as dashes joined to the surface's painter's order: the surface in front of them hides them
        dashes = self.view.join(self.surface, DashedLine(self.on_floor(x1p, x2p), top, color=theme.TEXT,
                                                         stroke_width=theme.THIN))
        base = self.view.place(Dot(radius=G_BASE_DOT, color=theme.TEXT), self.on_floor(x1p, x2p))
        u, w = ValueTracker(x1_lo), ValueTracker(x2_lo)  # the guides' positions, swept to the point's coordinates
        self.guides = VGroup(
            always_redraw(lambda: self.floor_line((x1_lo, w.get_value()), (x1_hi, w.get_value()), X1_COLOR)),
            always_redraw(lambda: self.floor_line((u.get_value(), x2_lo), (u.get_value(), x2_hi), X2_COLOR)),
        )
        with self.beat("point", "Pick one point on the surface, above the point marked on the floor.") as b:
            self.show("point", self.v.point)
            self.add(self.guides)
            self.play(u.animate.set_value(x1p), w.animate.set_value(x2p), FadeIn(self.where), run_time=b.part(0.5))
            self.play(ShowPieces(self.view, self.surface, dashes, lambda t: np.arange(len(dashes)) < t * len(dashes)),
                      FadeIn(base), FadeIn(marker), run_time=b.part(0.35))
        # the guides as they stopped, now drawn from 3-D lines, so that they turn with the surface
        for guide, (start, end) in zip(list(self.guides), [((x1_lo, x2p), (x1_hi, x2p)), ((x1p, x2_lo), (x1p, x2_hi))]):
            self.replace(guide, self.view.flatten(Line(self.on_floor(*start), self.on_floor(*end))
                                                  .match_style(guide)))

    def floor_line(self, start: tuple[float, float], end: tuple[float, float], color: str) -> Line:
        """A thin line on the floor from ``start`` to ``end`` (points (x1, x2))."""
        return Line(self.view.point(self.on_floor(*start)), self.view.point(self.on_floor(*end)), color=color,
                    stroke_width=theme.THIN, stroke_opacity=G_GUIDE_OPACITY)

    def glider(self, axis: int, index: ValueTracker, color: str) -> VMobject:
        """A point moving along the slice through the point along ``axis`` (sample ``index``), with the slice's
        tangent there; a lookup of the samples values() took."""
        cut, half = self.v.slices[axis], G_TANGENT_HALF * max(hi - lo for lo, hi in self.loss.domain)

        def build() -> VGroup:
            i = int(round(index.get_value()))
            q = np.array(self.v.point, dtype=float)
            q[axis] = cut.t[i]
            z, slope = float(np.clip(cut.loss[i], self.z_lo, self.z_hi)), cut.slope[i]
            step = np.zeros(2)
            step[axis] = half
            line = Line(self.view.point(self.on_surface(*(q - step), z - slope * half)),
                        self.view.point(self.on_surface(*(q + step), z + slope * half)),
                        color=color, stroke_width=G_TANGENT_STROKE)
            return VGroup(line, Dot(self.view.point(self.on_surface(*q, z)), radius=G_SURFACE_DOT, color=color))

        return always_redraw(build)

    def curtain(self, axis: int, color: str) -> np.ndarray:
        """The cut between the floor line and the slice along ``axis``, the slicing plane, as one strip per sample
        step joined to the surface's painter's order (each strip sorted by the middle of its top edge, on the
        surface, so the facets in front of it hide it and those behind it show through); their indices."""
        rim, base = self.slice_points(axis)
        strips = VGroup(*[Polygon(rim[i], rim[i + 1], base[i + 1], base[i], stroke_width=0, fill_color=color,
                                  fill_opacity=CURTAIN_OPACITY) for i in range(len(rim) - 1)])
        return self.view.join(self.surface, strips, references=(rim[:-1] + rim[1:]) / 2)

    def runner(self, axis: int, color: str) -> tuple[np.ndarray, np.ndarray]:
        """The point running along the slice along ``axis``: at each sample, its drop line to the floor and its dot
        (a disc facing the camera), joined to the surface's painter's order; their indices, sample by sample."""
        rim, base = self.slice_points(axis)
        drops = VGroup(*[Line(low, top, color=color, stroke_width=theme.THIN) for low, top in zip(base, rim)])
        facing = self.view.rotation.T  # turns a flat shape to face the camera of the unturned view
        dots = VGroup(*[Dot(radius=G_SURFACE_DOT, color=color).apply_matrix(facing).move_to(top) for top in rim])
        return (self.view.join(self.surface, drops, references=rim),
                self.view.join(self.surface, dots, references=rim, lift=G_ON_SURFACE_LIFT))

    def trace_slice(self, axis: int, color: str, run_time: float) -> None:
        """Draw the slice along ``axis`` while a point runs along it, its drop line sweeping the slicing plane out
        of the floor line, and the surface swings round and back. The plane stays until :meth:`settle_tangent`."""
        curve, self.curtains[axis] = self.slice_curve(axis, color), self.curtain(axis, color)
        drops, dots = self.runner(axis, color)
        steps = len(curve)

        def drawn(t: float) -> np.ndarray:
            """At time t of the trace the point is at sample k: the steps before it drawn, its drop line and dot."""
            k = int(round(t * steps))
            behind, here = (np.arange(steps) < k).astype(float), (np.arange(steps + 1) == k).astype(float)
            return np.concatenate([behind, behind, here, here])

        self.play(ShowPieces(self.view, self.surface, np.concatenate([curve, self.curtains[axis], drops, dots]), drawn),
                  Turn(self.view, out_and_back(SLICE_TURN)), rate_func=linear, run_time=run_time)
        self.view.show(self.surface, np.concatenate([drops, dots]), 0.0)

    def settle_tangent(self, axis: int, color: str, row: VMobject, run_time: float, slope: float) -> None:
        """The slice's tangent slides in from the far end of the slice and settles at the point; its slope is read
        out. The slicing plane fades meanwhile."""
        cut = self.v.slices[axis]
        index = ValueTracker(len(cut.t) - 1)
        glider = self.glider(axis, index, color)
        self.play(FadeIn(glider), run_time=frames(0.15 * run_time))
        self.play(index.animate.set_value(int(np.searchsorted(cut.t, self.v.point[axis]))),
                  ShowPieces(self.view, self.surface, self.curtains[axis], lambda t: 1 - t),
                  run_time=frames(0.6 * run_time))
        self.remove(glider)
        self.add(self.tangent_line(axis, slope, color))
        self.play(FadeIn(row), run_time=frames(0.25 * run_time))

    def slice_along_x1(self) -> None:
        self.curtains: dict[int, np.ndarray] = {}  # each slicing plane's pieces among the surface's
        with self.beat("slice1", "Hold x2 fixed and move only x1: the surface gives a curve, a slice.") as b:
            self.trace_slice(0, X1_COLOR, b.part(0.85))
        with self.beat("partial1", "The slope of that slice at the point is the partial derivative along x1.") as b:
            self.show("partial_x1", self.v.partial_x1)
            self.settle_tangent(0, X1_COLOR, self.row_1, b.part(0.85), self.v.partial_x1)

    def slice_along_x2(self) -> None:
        with self.beat("slice2", "Now hold x1 fixed and move x2: another slice with its own slope.") as b:
            self.show("partial_x2", self.v.partial_x2)
            self.trace_slice(1, X2_COLOR, b.part(0.45))
            self.settle_tangent(1, X2_COLOR, self.row_2, b.part(0.5), self.v.partial_x2)

    def add_slopes(self) -> None:
        """Beat ``vector``: the x1 part, the x2 part, their sum, and the gradient drawn on the floor."""
        v, diagram, scale = self.v, self.diagram, self.arrow_scale
        x1p, x2p = v.point
        whole = self.floor_arrow(self.on_floor(x1p, x2p),
                                 self.on_floor(x1p + scale * v.partial_x1, x2p + scale * v.partial_x2),
                                 theme.TANGENT)
        with self.beat("vector", "Put the two slopes together as one vector: the gradient at that point.") as b:
            self.show("gradient", [v.partial_x1, v.partial_x2])
            self.play(FadeIn(diagram[0]), GrowArrow(diagram[1]), run_time=b.part(0.25))
            self.play(GrowArrow(diagram[2]), run_time=b.part(0.25))
            self.play(GrowArrow(diagram[3]), FadeIn(diagram[5]), FadeIn(self.row_g), FadeIn(whole),
                      run_time=b.part(0.3))

    def fill_floor(self) -> None:
        """Beat ``field``: the gradient at every grid point of the floor."""
        scale = self.arrow_scale
        self.field = field = VGroup(*[
            self.floor_arrow(self.on_floor(*q), self.on_floor(*(q + scale * gq)), theme.TANGENT, width=G_FIELD_STROKE)
            for q, gq in zip(np.array(self.v.grid_points), np.array(self.v.grid_gradients))
        ]).set_opacity(G_FIELD_OPACITY)
        with self.beat("field", "Do this at every point of the floor: a field of arrows, each pointing uphill.") as b:
            self.play(LaggedStart(*[FadeIn(arrow) for arrow in field], lag_ratio=0.05), FadeIn(self.note),
                      run_time=b.part(0.85))

    def compare_lengths(self) -> None:
        """Beat ``lengths``: floor cells shade by the length of their arrow and the longest arrows light up; then a
        ring marks the shortest ones, at the bottom."""
        v, field = self.v, self.field
        grid, lengths = np.array(v.grid_points), np.array(v.grid_lengths)
        bottom = grid[v.shortest]
        centre = bottom.mean(axis=0)
        cell = np.array([(hi - lo) / self.p.grid for lo, hi in self.loss.domain])
        radius = float(np.max(np.linalg.norm(bottom - centre, axis=1)) + G_RING_PAD * cell.min())
        unit = float(np.linalg.norm(self.on_floor(1, 0) - self.on_floor(0, 0)))
        self.ring = self.view.flatten(Circle(radius=radius * unit, color=theme.HIGHLIGHT, stroke_width=theme.STROKE)
                                      .move_to(self.on_floor(*centre)))
        corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]]) * cell / 2
        self.shade = VGroup(*[Polygon(*[self.view.point(self.on_floor(*(q + k))) for k in corners], stroke_width=0,
                                      fill_color=theme.TANGENT, fill_opacity=0) for q in grid])
        shading = [cell.animate.set_fill(opacity=SHADE_OPACITY * length / lengths.max())
                   for cell, length in zip(self.shade, lengths)]
        with self.beat("lengths", "Arrows are longer where the surface is steeper and vanish at the bottom.") as b:
            self.show("lengths.longest", lengths[v.longest].tolist())
            self.bring_to_back(self.shade)  # under the arrows and the floor
            self.play(*shading, LaggedStart(*[Indicate(field[i], color=theme.HIGHLIGHT, scale_factor=G_LONGEST_SCALE)
                                                        for i in v.longest], lag_ratio=0.4), run_time=b.part(0.5))
            self.show("lengths.shortest", lengths[v.shortest].tolist())
            self.play(Create(self.ring), run_time=b.part(0.25))
            self.play(Indicate(VGroup(*[field[i] for i in v.shortest]), color=theme.HIGHLIGHT,
                               scale_factor=G_SHORTEST_SCALE),
                      run_time=b.left)

    def walker(self, q: np.ndarray, z: float) -> VGroup:
        """An iterate: its point on the surface, joined to its point on the floor."""
        top = self.view.point(self.on_surface(*q, z))
        return VGroup(Line(self.view.point(self.on_floor(*q)), top, color=theme.ITERATE, stroke_width=theme.THIN),
                      Dot(top, radius=G_SURFACE_DOT, color=theme.ITERATE))

    def step_downhill(self) -> None:
        """Beat ``descent``: -grad f in the diagram, then the descent steps from the point, on the surface and on the
        floor."""
        run = self.v.descent
        points, heights = np.array(run.points), run.loss
        corners = [self.on_floor(*q) for q in points]
        walker = self.walker(points[0], heights[0])
        with self.beat("descent", "Gradient descent steps against these arrows, downhill towards the minimum.") as b:
            self.show("descent.points", run.points)
            self.play(GrowArrow(self.diagram[4]), FadeIn(self.diagram[6]), FadeOut(self.ring), FadeOut(self.shade),
                      FadeIn(walker), run_time=b.part(0.25))
            each = (b.left - b.part(0.05)) / (len(corners) - 1)
            for t in range(1, len(points)):
                line = self.view.flatten(Line(corners[t - 1], corners[t], color=theme.ITERATE, stroke_width=theme.STROKE))
                dot = self.view.place(Dot(radius=G_STEP_DOT, color=theme.ITERATE), corners[t])
                self.play(Transform(walker, self.walker(points[t], heights[t])), Create(line), FadeIn(dot),
                          run_time=frames(each))


# --- Scene 3: curvature, the rate of change of the slope -------------------------------------------

CV_RUN = 0.22  # a slope arrow's x-length, as a share of x_max
CV_CENTRES = (-3.5, 3.5)  # x of the two plots' centres, scene units
CV_HEADING_GAP = 0.65  # between the heading and the plots, scene units
CV_TITLE_GAP = 0.15  # between a plot and its formula above it, scene units
CV_TABLE_GAP = 0.35  # between a plot and its table below it, scene units
CV_TANGENT_OPACITY = 0.7  # stroke opacity of the tangent behind the sliding slope arrow
CV_PIN_DOT = 0.05  # radius of the point where a slope arrow is pinned, scene units
CV_STRIP_OPACITY = 0.15  # fill of the band over a step in x
CV_BEND_STROKE = theme.STROKE + 2  # a curve traced over in the curvature colour, stroke width
CV_QUOTIENT_SHIFT = 0.1  # a quotient slides this far down while it fades in, scene units
CV_BOX_BUFF = 0.08  # the frames around the f'' rows reach this far beyond them, scene units
CV_SWEEP_BUFF = 0.06  # the box that sweeps the f'' readouts reaches this far beyond each, scene units


@dataclass(frozen=True)
class CurvatureParams(SceneParams):
    sharp: str = param("sharp", "1-D loss drawn on the left (the sharply curved one): a library name or a "
                       "formula in x", choices=LOSS_1D_NAMES, formula=1)
    flat: str = param("flat", "1-D loss drawn on the right (the gently curved one): a library name or a "
                      "formula in x", choices=LOSS_1D_NAMES, formula=1)
    x_max: float = param(1.8, "both curves are drawn over [-x_max, x_max]", min=0.5, max=2.5)
    points: tuple[float, ...] = param((-1.5, -0.5, 0.5, 1.5), "four points where slope arrows are drawn",
                                      min=-2.5, max=2.5, length=4)

    def check(self) -> None:
        for field in ("sharp", "flat"):
            name = getattr(self, field)
            lo, hi = losses.loss_1d(name, field=field).domain
            if -self.x_max < lo or self.x_max > hi:
                raise ValidationError(
                    f"x_max = {self.x_max:g}: must be <= {min(-lo, hi):g} so that [-x_max, x_max] lies in the "
                    f"domain of {field} = {name}, [{lo:g}, {hi:g}]")
        if not all(q < r for q, r in zip(self.points, self.points[1:])):
            raise ValidationError(f"points = {list(self.points)}: must be strictly increasing")
        if any(abs(q) > self.x_max for q in self.points):
            raise ValidationError(f"points = {list(self.points)}: each must lie in [-x_max, x_max] = "
                                  f"[{-self.x_max:g}, {self.x_max:g}]")


@dataclass(frozen=True)
class CurvatureSide:
    """One of the two losses of the curvature scene, at the points: f, f', the change of f' per unit x between
    neighbouring points, f'', and the curve as drawn."""

    function: str  # the loss's name
    loss: list[float]
    slopes: list[float]
    slope_change_per_unit_x: list[float]  # one fewer than the points
    second_derivatives: list[float]
    curve: SlopedCurve  # over [-x_max, x_max]


@dataclass(frozen=True)
class CurvatureValues(SceneValues):
    """What the curvature scene shows: the same points on a sharp and a flat loss."""

    points: list[float]
    sharp: CurvatureSide
    flat: CurvatureSide


class CurvatureScene(LectureScene):
    """Slope arrows on a sharp and a flat curve: the slope changes fast on one, slowly on the other."""

    Params = CurvatureParams
    chapter = 1
    title = "Curvature"
    summary = (
        "Slope arrows on a sharp and a flat curve; the slope's rate of change over each step is the second derivative."
    )

    QUICK = 0.3  # seconds: a change that should read as one event
    PLOT_WIDTH = 5.0
    PLOT_HEIGHT = 2.6
    COLUMN = 1.05  # width of one number column in the tables
    ROW = 0.52  # height of one table row

    @classmethod
    def values(cls, p: CurvatureParams) -> CurvatureValues:
        xs = np.array(p.points)
        return CurvatureValues(xs.tolist(), cls._side(p, p.sharp, xs), cls._side(p, p.flat, xs))

    @staticmethod
    def _side(p: CurvatureParams, function: str, xs: np.ndarray) -> CurvatureSide:
        loss = losses.loss_1d(function)
        slopes = loss.df(xs)
        return CurvatureSide(
            function=loss.name,
            loss=loss.f(xs).tolist(),
            slopes=slopes.tolist(),
            slope_change_per_unit_x=derivatives.difference_quotients(xs, slopes).tolist(),
            second_derivatives=loss.d2f(xs).tolist(),
            curve=_sampled(loss, np.linspace(-p.x_max, p.x_max, SAMPLES)),
        )

    def _table(self, side: str) -> tuple[VGroup, list[VGroup]]:
        """Row labels and number rows: x, f'(x), the change of f' per unit x (between columns), f''(x)."""
        v, own = self.v, getattr(self.v, side)
        labels = VGroup(
            C.tex("x", size=theme.LABEL, color=theme.MUTED),
            C.tex("f'(x)", size=theme.LABEL, color=theme.TANGENT),
            C.tex(r"\Delta f' / \Delta x", size=theme.LABEL, color=theme.CURVATURE),
            C.tex("f''(x)", size=theme.LABEL, color=theme.CURVATURE),
        )
        label_width = max(m.width for m in labels) + theme.BUFF
        rows: list[VGroup] = []
        for r, (numbers, color, offset) in enumerate([
            (v.points, theme.MUTED, 0.0),
            (own.slopes, theme.TANGENT, 0.0),
            (own.slope_change_per_unit_x, theme.CURVATURE, 0.5),  # between the columns it compares
            (own.second_derivatives, theme.CURVATURE, 0.0),
        ]):
            row = VGroup()
            for k, value in enumerate(numbers):
                text = f"{value + 0.0:g}" if r == 0 else C.fmt(value, 2)  # x as given: 0.25 stays 0.25
                cell = C.tex(text, size=theme.LABEL, color=color)
                row.add(cell.move_to([label_width + (k + 0.5 + offset) * self.COLUMN, -r * self.ROW, 0]))
            labels[r].move_to([0.0, -r * self.ROW, 0], aligned_edge=LEFT)
            rows.append(row)
        return labels, rows

    def construct(self) -> None:
        self.build()
        self.draw_curves()
        self.slide_arrows()
        self.pin_arrows()
        self.rate_of_slope()

    def build(self) -> None:
        """Both plots with their formulas and tables, on one y range; the curves' samples are kept on ``self``."""
        p, v = self.p, self.v
        self.sides = sides = ("sharp", "flat")
        self.xs = xs = np.array(v.sharp.curve.x)
        curves = {s: losses.loss_1d(getattr(p, s)) for s in sides}
        self.ys = ys = {s: np.array(getattr(v, s).curve.loss) for s in sides}
        self.slopes = {s: np.array(getattr(v, s).curve.slope) for s in sides}
        self.run = run = CV_RUN * p.x_max  # x-length of a slope arrow
        # One y range for both plots, so that their steepness can be compared by eye.
        tips = [np.array(d.loss) + run * np.array(d.slopes) for d in (v.sharp, v.flat)]
        reach = np.array([xs[0] - run, xs[-1] + run])  # the axes leave room for the arrows at the ends
        x_range, y_range = _curve_frame(reach, np.concatenate([ys["sharp"], ys["flat"], *tips]))

        self.heading = C.heading("Curvature: how fast the slope changes")
        self.parts: dict[str, dict[str, Any]] = {}
        for s, centre in zip(sides, CV_CENTRES):
            frame = C.loss_axes(x_range, y_range, width=self.PLOT_WIDTH, height=self.PLOT_HEIGHT)
            frame.next_to(self.heading, DOWN, buff=CV_HEADING_GAP).set_x(centre)
            title = C.tex(rf"f(x) = {curves[s].tex}", size=theme.LABEL, color=theme.LOSS)
            title.next_to(frame, UP, buff=CV_TITLE_GAP)
            labels, rows = self._table(s)
            VGroup(labels, *rows).next_to(frame, DOWN, buff=CV_TABLE_GAP).set_x(centre)
            self.parts[s] = {"axes": frame[0], "frame": frame, "title": title, "labels": labels, "rows": rows}

    def draw_curves(self) -> None:
        parts, sides = self.parts, self.sides
        with self.beat("compare", "Curvature asks how quickly the slope itself changes. Compare two curves.") as b:
            self.play(FadeIn(self.heading), run_time=b.part(0.2))
            self.play(*[Create(parts[s]["frame"]) for s in sides], *[FadeIn(parts[s]["title"]) for s in sides],
                      run_time=b.until(1))
            self.curves = {s: C.curve(parts[s]["axes"], self.xs, self.ys[s]) for s in sides}
            self.play(*[Create(self.curves[s]) for s in sides], run_time=b.until_end())

    def slide_arrows(self) -> None:
        """Beats ``slide`` and ``swing``: one slope arrow slides along both curves, there and back."""
        parts, sides, xs, ys, slopes = self.parts, self.sides, self.xs, self.ys, self.slopes
        # A slope arrow slides along both curves together; it only looks up precomputed slopes.
        index = ValueTracker(0)

        def at() -> int:
            return int(round(index.get_value()))

        sliders = VGroup(*[
            always_redraw(lambda s=s: VGroup(
                C.tangent(parts[s]["axes"], xs[at()], ys[s][at()], slopes[s][at()], half_width=2 * self.run)
                .set_stroke(opacity=CV_TANGENT_OPACITY),
                C.slope_arrow(parts[s]["axes"], xs[at()], ys[s][at()], slopes[s][at()], run=self.run)))
            for s in sides
        ])
        lives = VGroup()
        for s in sides:
            live = C.live_number(lambda s=s: slopes[s][at()], color=theme.TANGENT)
            live.move_to(VGroup(*parts[s]["rows"][1]).get_center())
            lives.add(VGroup(parts[s]["labels"][1].copy(), live))
        with self.beat("slide", "Slide the same arrow along both curves: it follows the slope at each x.") as b:
            self.play(FadeIn(sliders), FadeIn(lives), run_time=b.part(0.15))
            self.play(index.animate.set_value(SAMPLES - 1), run_time=b.until_end())
        with self.beat("swing", "On the sharp curve the slope swings a lot; on the flat one it barely moves.") as b:
            self.play(index.animate.set_value(0), run_time=b.part(0.85))
            self.play(FadeOut(sliders), FadeOut(lives), run_time=0.6)

    def pin_arrows(self) -> None:
        v, parts, sides = self.v, self.parts, self.sides
        with self.beat("pins", "Now pin arrows at the same four points and list their slopes below.") as b:
            self.play(*[FadeIn(VGroup(parts[s]["labels"][:2], parts[s]["rows"][0])) for s in sides],
                      run_time=b.part(0.16))
            for k, x in enumerate(v.points):
                pins = []
                for s in sides:
                    axes, fx, slope = parts[s]["axes"], getattr(v, s).loss[k], getattr(v, s).slopes[k]
                    self.show(f"{s}.slopes[{k}]", slope)
                    pins += [GrowArrow(C.slope_arrow(axes, x, fx, slope, run=self.run)),
                             FadeIn(Dot(axes.c2p(x, fx), radius=CV_PIN_DOT, color=theme.TANGENT)),
                             FadeIn(parts[s]["rows"][1][k])]
                self.play(*pins, run_time=b.part(0.2))

    def strip(self, side: str, x0: float, x1: float) -> Rectangle:
        """A faint band over the step [x0, x1] on one plot, full height: the step in x that a quotient divides by."""
        axes = self.parts[side]["axes"]
        lo, hi = axes.c2p(x0, axes.y_range[0]), axes.c2p(x1, axes.y_range[1])
        return Rectangle(width=hi[0] - lo[0], height=hi[1] - lo[1], stroke_width=0, fill_color=theme.HIGHLIGHT,
                         fill_opacity=CV_STRIP_OPACITY).move_to((lo + hi) / 2)

    def bend(self, side: str) -> VMobject:
        """The curve on ``side`` traced over in the curvature colour: the bend that f'' measures."""
        return self.curves[side].copy().set_stroke(color=theme.CURVATURE, width=CV_BEND_STROKE)

    def show_row(self, key: str) -> None:
        """Record that row ``key`` of both tables is drawn in the beat being played."""
        for s in self.sides:
            for k, value in enumerate(getattr(getattr(self.v, s), key)):
                self.show(f"{s}.{key}[{k}]", value)

    def rate_of_slope(self) -> None:
        """Beats ``quotients``, ``second`` and ``measures``: the slope's change per unit x, then f''."""
        parts, sides = self.parts, self.sides
        points = self.v.points
        strips = VGroup(*[self.strip(s, points[0], points[1]) for s in sides])
        with self.beat("quotients", "Divide each change in slope by the step in x: the slope's rate of change.") as b:
            self.show_row("slope_change_per_unit_x")
            each = b.part(0.9) / (len(points) - 1)
            for k in range(len(points) - 1):
                moved = VGroup(*[self.strip(s, points[k], points[k + 1]) for s in sides])
                self.play(Transform(strips, moved) if k else FadeIn(strips),
                          *[FadeIn(parts[s]["rows"][2][k], shift=DOWN * CV_QUOTIENT_SHIFT) for s in sides],
                          *([FadeIn(parts[s]["labels"][2]) for s in sides] if k == 0 else []), run_time=each)
            self.play(FadeOut(strips), run_time=b.left + self.breath)
        second_rows = [VGroup(parts[s]["labels"][3], parts[s]["rows"][3]) for s in sides]
        boxes = VGroup(*[SurroundingRectangle(row, color=theme.CURVATURE, buff=CV_BOX_BUFF, stroke_width=theme.THIN)
                         for row in second_rows])
        with self.beat("second", "That rate is the second derivative f''. It is large where the curve is sharp.") as b:
            self.show_row("second_derivatives")
            self.play(*[FadeIn(row) for row in second_rows], run_time=b.part(0.15))
            self.wait(b.until(1))
            sharp = self.bend("sharp")
            self.play(Create(boxes), FadeIn(sharp), run_time=b.part(0.15))
            self.play(FadeOut(sharp), run_time=b.part(0.2))
        self.measure_bends()

    def measure_bends(self) -> None:
        """Beat ``measures``: on each side in turn the curve lights up while a box sweeps its f'' readouts."""
        parts = self.parts
        cells = {s: parts[s]["rows"][3] for s in self.sides}
        sweep = SurroundingRectangle(cells["sharp"][0], color=theme.HIGHLIGHT, buff=CV_SWEEP_BUFF,
                                     stroke_width=theme.THIN)
        with self.beat("measures", "So the second derivative measures curvature: how sharply the loss bends.") as b:
            for s in self.sides:
                self.show(f"measures.{s}", getattr(self.v, s).second_derivatives)
            bends = {s: self.bend(s) for s in self.sides}
            self.play(FadeIn(sweep), FadeIn(bends["sharp"]), run_time=b.part(0.08))
            stops = [(s, k) for s in self.sides for k in range(len(cells[s]))][1:]
            each = (b.left - b.part(0.04)) / len(stops)
            for s, k in stops:
                if (s, k) == ("flat", 0):  # the light moves over quickly, so the change reads at once
                    self.play(sweep.animate.move_to(cells[s][k]), FadeOut(bends["sharp"]), FadeIn(bends["flat"]),
                              run_time=frames(min(each, self.QUICK)))
                    self.wait(frames(max(each - self.QUICK, 0)))
                else:
                    self.play(sweep.animate.move_to(cells[s][k]), run_time=frames(each))


# --- Scene 4: the Hessian matrix --------------------------------------------------------------------


def _second_partial(i: str, j: str) -> str:
    """LaTeX for d^2 f / (dx_i dx_j): differentiate by x_j first, then by x_i."""
    if i == j:
        return rf"\frac{{\partial^2 f}}{{\partial x_{i}^2}}"
    return rf"\frac{{\partial^2 f}}{{\partial x_{i}\,\partial x_{j}}}"


def _symbolic_hessian(indices: list[str]) -> list[list[str]]:
    """Entries of the symbolic Hessian; "." marks an elided row or column (dots)."""
    rows = []
    for i in indices:
        row = []
        for j in indices:
            if i == "." and j == ".":
                row.append(r"\ddots")
            elif i == ".":
                row.append(r"\vdots")
            elif j == ".":
                row.append(r"\cdots")
            else:
                row.append(_second_partial(i, j))
        rows.append(row)
    return rows


@dataclass(frozen=True)
class HessianParams(SceneParams):
    function: str = param("coupled", "2-D loss whose Hessian is evaluated: a name from mathcore's library or "
                          "a formula in x1 and x2", choices=LOSS_2D_NAMES, formula=2)
    point: tuple[float, ...] = param((1.5, 1.0), "point (x1, x2) where the Hessian is evaluated",
                                     min=-10, max=10, length=2)
    decimals: int = param(2, "decimal places of the numbers shown", min=1, max=4)

    def check(self) -> None:
        _check_point_in_domain("point", self.point, self.function)


INDICES = ["1", "2", ".", "d"]  # the symbolic Hessian's rows and columns ("." elides the middle ones)
FRAME_STROKE = 6  # a highlight frame's stroke: thick enough to read (and to count as motion) at low quality
FRAME_FILL = 0.16  # the wash inside a highlight frame (drawn behind the entries)
FRAME_PAD = 0.1  # how far a frame reaches beyond the entries it holds
SWAP_ARC = 40 * DEGREES  # the arc two mirrored entries swap along (small: they pass between the others)
H_GENERAL_BUFFS = (1.4, 0.95)  # column and row spacing of the symbolic d x d Hessian, scene units
H_NAME_GAP = 0.25  # between H = and its matrix, scene units
H_INDENT = 0.2  # the Hessian sits this far inside the usual left margin, scene units
H_LINE_GAP = 0.15  # between a formula and the line under it, scene units
H_NOTE_GAP = 0.12  # between the lines of a note, scene units
H_DEFINE_GAP = 0.35  # between the symbolic Hessian and its definition under it, scene units
H_PANEL_GAP = 0.5  # between the Hessian and the panel beside it, scene units
H_PANEL_ROWS_GAP = 0.45  # between the blocks of that panel, scene units
H_SLOPE_SHIFT = 0.3  # each slope slides this far down while it fades in, scene units
H_EXAMPLE_BUFFS = (1.7, 1.15)  # column and row spacing of the symbolic 2 x 2 Hessian, scene units
H_DIAGONAL_GAP = 0.2  # between the two notes on the diagonal, scene units
H_TOP_GAP = 0.25  # between the example's formula and its point, scene units
H_PAGE_GAP = 0.5  # between the formula, the equation and the notes, scene units
H_MAX_WIDTH = 13.0  # a wider formula or equation is scaled down to this width, scene units


def _frame(matrix: Matrix, rows: range | list[int], cols: range | list[int], color: str) -> Rectangle:
    """A filled frame over the cells of ``matrix`` in ``rows`` and ``cols``: each row as tall and each column as
    wide as its largest entry, so frames over whole rows or columns line up."""
    grid = matrix.get_mob_matrix()
    every = range(len(grid))
    left = min(grid[i][j].get_left()[0] for i in every for j in cols) - FRAME_PAD
    right = max(grid[i][j].get_right()[0] for i in every for j in cols) + FRAME_PAD
    bottom = min(grid[i][j].get_bottom()[1] for i in rows for j in every) - FRAME_PAD
    top = max(grid[i][j].get_top()[1] for i in rows for j in every) + FRAME_PAD
    frame = Rectangle(width=right - left, height=top - bottom, color=color, stroke_width=FRAME_STROKE,
                      fill_color=color, fill_opacity=FRAME_FILL)
    return frame.move_to([(left + right) / 2, (bottom + top) / 2, 0]).set_z_index(-1)


@dataclass(frozen=True)
class HessianValues(SceneValues):
    """What the Hessian scene shows: the Hessian of the 2-D loss at the point."""

    function: str  # the loss's name
    point: list[float]
    hessian: list[list[float]]


class HessianScene(LectureScene):
    """The d x d matrix of second derivatives built entry by entry, then evaluated for a 2-D loss."""

    Params = HessianParams
    chapter = 1
    title = "The Hessian matrix"
    summary = (
        "The matrix of all second derivatives, built entry by entry: rows, columns, mirrored entries, its numbers at a point."
    )

    @classmethod
    def values(cls, p: HessianParams) -> HessianValues:
        loss = losses.loss_2d(p.function)
        point = np.array(p.point)
        return HessianValues(function=loss.name, point=point.tolist(), hessian=loss.hess(point).tolist())

    def construct(self) -> None:
        self.build_general()
        self.build_example()
        self.count_entries()
        self.read_entry()
        self.read_rows_and_columns()
        self.evaluate()
        self.read_numbers()

    def build_general(self) -> None:
        """The symbolic d x d Hessian, the d slopes its columns grow from, and the panel beside it."""
        self.heading = C.heading("The Hessian: every second derivative")
        self.general = general = Matrix(_symbolic_hessian(INDICES), h_buff=H_GENERAL_BUFFS[0],
                                        v_buff=H_GENERAL_BUFFS[1],
                                        element_alignment_corner=ORIGIN,
                                        element_to_mobject_config={"font_size": theme.LABEL, "color": theme.TEXT})
        self.name = C.tex(r"H =", size=theme.BODY)
        self.block = VGroup(self.name, general).arrange(RIGHT, buff=H_NAME_GAP)
        self.block.next_to(self.heading, DOWN, buff=theme.HEADING_GAP).to_edge(LEFT, buff=theme.EDGE + H_INDENT)
        self.slopes = VGroup(*[
            C.tex(r"\cdots" if k == "." else rf"\frac{{\partial f}}{{\partial x_{k}}}", size=theme.LABEL,
                  color=theme.TANGENT).move_to(entry)
            for k, entry in zip(INDICES, general.get_rows()[0])
        ])

        def note(content: str) -> MathTex:
            return C.tex(content, size=theme.SMALL, color=theme.TEXT)

        self.define = VGroup(
            C.tex(r"H_{ij} = \frac{\partial}{\partial x_i}\left(\frac{\partial f}{\partial x_j}\right)",
                  size=theme.LABEL),
            note(r"\text{the slope along } x_j \text{, then its change along } x_i"),
        ).arrange(DOWN, aligned_edge=LEFT, buff=H_LINE_GAP)
        self.define.next_to(general, DOWN, buff=H_DEFINE_GAP).set_x(general.get_x())
        first = C.tex(r"H_{21}", "=", r"\frac{\partial^2 f}{\partial x_2\,\partial x_1}", size=theme.LABEL,
                      color=theme.CURVATURE)
        second = C.tex("=", r"\frac{\partial^2 f}{\partial x_1\,\partial x_2} = H_{12}", size=theme.LABEL,
                       color=theme.CURVATURE)
        second.next_to(first, DOWN, buff=H_LINE_GAP)
        second.shift(RIGHT * (first[1].get_x() - second[0].get_x()))
        self.pick = pick = VGroup(
            first, second,
            note(r"\text{Schwarz: for smooth } f \text{ the order}"),
            note(r"\text{does not matter, so } H = H^{\top}"),
        )
        self.row_rule = VGroup(
            C.tex(r"\text{row } i = \frac{\partial}{\partial x_i}\,\nabla f^{\top}", size=theme.LABEL,
                  color=theme.TANGENT),
            note(r"\text{how the gradient changes as } x_i \text{ moves}"),
        )
        self.col_rule = VGroup(
            C.tex(r"\text{column } j = \nabla\!\left(\frac{\partial f}{\partial x_j}\right)", size=theme.LABEL,
                  color=theme.HIGHLIGHT),
            note(r"\text{the gradient of one gradient entry}"),
        )
        pick[2:].arrange(DOWN, aligned_edge=LEFT, buff=H_NOTE_GAP)
        pick[2:].next_to(second, DOWN, buff=H_LINE_GAP).align_to(first, LEFT)
        for group in (self.row_rule, self.col_rule):
            group.arrange(DOWN, aligned_edge=LEFT, buff=H_NOTE_GAP)
        self.panel = C.side_panel(pick, self.row_rule, self.col_rule, beside=self.block, gap=H_PANEL_GAP,
                                  buff=H_PANEL_ROWS_GAP)
        self.cell_21 = _frame(general, [1], [0], theme.CURVATURE)
        self.cell_12 = _frame(general, [0], [1], theme.CURVATURE)

    def build_example(self) -> None:
        """A concrete loss at a concrete point: the symbolic 2 x 2 Hessian beside its numbers, and notes on them."""
        p, v = self.p, self.v
        loss = losses.loss_2d(p.function)
        hess = v.hessian
        x1p, x2p = v.point
        formula = C.tex(rf"f(x_1, x_2) = {loss.tex}", size=theme.LABEL, color=theme.LOSS)
        where = C.tex(r"\text{at } (x_1, x_2) = (" + C.fmt(x1p) + ", " + C.fmt(x2p) + ")", size=theme.LABEL)
        self.symbolic = symbolic = Matrix(_symbolic_hessian(["1", "2"]), h_buff=H_EXAMPLE_BUFFS[0],
                                          v_buff=H_EXAMPLE_BUFFS[1],
                                          element_alignment_corner=ORIGIN,
                                          element_to_mobject_config={"font_size": theme.BODY, "color": theme.TEXT})
        self.numbers = C.number_matrix(np.array(hess), decimals=p.decimals, color=theme.CURVATURE)
        self.equation = VGroup(C.tex("H =", size=theme.BODY), symbolic, C.tex("=", size=theme.BODY), self.numbers)
        self.equation.arrange(RIGHT, buff=theme.BUFF)

        def num(i: int, j: int) -> str:
            return C.fmt(hess[i][j], p.decimals)

        self.symmetric = C.tex(r"H_{12} = H_{21} = " + num(0, 1) + r"\quad\text{(symmetric)}", size=theme.LABEL,
                               color=theme.CURVATURE)
        self.diagonal = VGroup(
            C.tex(r"H_{11} = " + num(0, 0) + r"\text{: curvature along } x_1", size=theme.LABEL, color=X1_COLOR),
            C.tex(r"H_{22} = " + num(1, 1) + r"\text{: curvature along } x_2", size=theme.LABEL, color=X2_COLOR),
        ).arrange(DOWN, aligned_edge=LEFT, buff=H_DIAGONAL_GAP)
        notes = VGroup(self.symmetric, self.diagonal).arrange(DOWN, aligned_edge=LEFT, buff=theme.BUFF)
        self.top = VGroup(formula, where).arrange(DOWN, buff=H_TOP_GAP)
        page = VGroup(self.top, self.equation, notes).arrange(DOWN, buff=H_PAGE_GAP)
        page.next_to(self.heading, DOWN, buff=theme.HEADING_GAP)
        C.above_captions(page)
        for m in (formula, self.equation):
            if m.width > H_MAX_WIDTH:
                m.scale_to_fit_width(H_MAX_WIDTH)

    def point_at(self, row: int | None, col: int | None) -> None:
        """Record which row and column of the symbolic Hessian the highlight frames hold (None: none)."""
        self.show("row", None if row is None else INDICES[row])
        self.show("column", None if col is None else INDICES[col])

    def count_entries(self) -> None:
        """Beats ``inputs`` and ``grid``: d slopes, each changing along d directions, fill the grid column by column."""
        grid, d = self.general.get_mob_matrix(), len(INDICES)
        self.band = _frame(self.general, [0], [0], theme.HIGHLIGHT)
        with self.beat("inputs", "With d inputs there are d slopes, and each can change along d directions.") as b:
            self.play(FadeIn(self.heading), run_time=b.part(0.15))
            self.play(LaggedStart(*[FadeIn(s, shift=H_SLOPE_SHIFT * DOWN) for s in self.slopes], lag_ratio=0.5),
                      run_time=b.part(0.35))
            self.play(FadeIn(self.name), FadeIn(self.general.get_brackets()), FadeIn(self.band), run_time=b.part(0.15))
            self.play(Transform(self.band, _frame(self.general, range(d), [0], theme.HIGHLIGHT)), run_time=b.part(0.25))
            self.point_at(None, 0)
        with self.beat("grid", "That makes d squared second derivatives, laid out in a square grid.") as b:
            for j, slope in enumerate(self.slopes):
                self.play(Transform(self.band, _frame(self.general, range(d), [j], theme.HIGHLIGHT)),
                          FadeOut(slope), *[ReplacementTransform(slope.copy(), grid[i][j]) for i in range(d)],
                          run_time=b.part(0.2))
            self.play(FadeOut(self.band), run_time=b.part(0.1))
            self.point_at(None, None)

    def read_entry(self) -> None:
        """Beats ``entry``, ``row2col1`` and ``symmetry``: a row band and a column band pick one entry, then the
        two mirrored entries swap places and back, equal by symmetry."""
        d = len(INDICES)
        grid = self.general.get_mob_matrix()
        self.row_band = _frame(self.general, [0], range(d), theme.TANGENT)
        self.col_band = _frame(self.general, range(d), [0], theme.HIGHLIGHT)
        with self.beat("entry", "Row i, column j: the slope along input j, differentiated along input i.") as b:
            self.play(FadeIn(self.row_band), run_time=b.part(0.08))
            self.play(Transform(self.row_band, _frame(self.general, [d - 1], range(d), theme.TANGENT)),
                      run_time=b.part(0.15))
            self.play(FadeIn(self.col_band), run_time=b.part(0.08))
            self.play(Transform(self.col_band, _frame(self.general, range(d), [1], theme.HIGHLIGHT)),
                      run_time=b.part(0.12))
            self.play(FadeIn(self.define[0]), Indicate(grid[d - 1][1], color=theme.CURVATURE), run_time=b.part(0.25))
            self.play(FadeIn(self.define[1]), run_time=b.part(0.2))
            self.point_at(d - 1, 1)
        with self.beat("row2col1", "Row two, column one: the slope along x1, differentiated along x2.") as b:
            self.play(Transform(self.row_band, _frame(self.general, [1], range(d), theme.TANGENT)), run_time=b.part(0.15))
            self.play(Transform(self.col_band, _frame(self.general, range(d), [0], theme.HIGHLIGHT)),
                      run_time=b.part(0.15))
            self.play(FadeIn(self.cell_21), FadeIn(self.pick[0]), grid[1][0].animate.set_color(theme.CURVATURE),
                      run_time=b.part(0.3))
            self.play(FadeOut(self.row_band), FadeOut(self.col_band), run_time=b.part(0.2))
            self.point_at(1, 0)
        with self.beat("symmetry", "For smooth losses the order does not matter: it equals row one, column two.") as b:
            mirrored = (VGroup(grid[1][0], self.cell_21), VGroup(grid[0][1], self.cell_12))
            self.play(FadeIn(self.cell_12), grid[0][1].animate.set_color(theme.CURVATURE), FadeIn(self.pick[2:]),
                      run_time=b.part(0.2))
            self.play(Swap(*mirrored, path_arc=SWAP_ARC), run_time=b.part(0.3))
            self.play(Swap(*mirrored, path_arc=SWAP_ARC), FadeIn(self.pick[1]), run_time=b.part(0.3))
            self.show("cells", [[INDICES[1], INDICES[0]], [INDICES[0], INDICES[1]]])

    def read_rows_and_columns(self) -> None:
        """Beats ``row`` and ``column``: a frame sweeps along row 1, then down column 1."""
        d = len(INDICES)
        grid = self.general.get_mob_matrix()
        corner = _frame(self.general, [0], [0], theme.TANGENT)
        with self.beat("row", "A row tells how the whole gradient changes as one input moves.") as b:
            self.play(FadeOut(self.cell_21), FadeOut(self.cell_12), FadeIn(corner),
                      *[grid[i][j].animate.set_color(theme.TEXT) for i, j in ((1, 0), (0, 1))], run_time=b.part(0.2))
            self.play(Transform(corner, _frame(self.general, [0], range(d), theme.TANGENT)), run_time=b.part(0.4))
            self.play(FadeIn(self.row_rule), run_time=b.part(0.25))
            self.point_at(0, None)
        with self.beat("column", "A column is the gradient of a single gradient entry.") as b:
            self.play(Transform(corner, _frame(self.general, [0], [0], theme.HIGHLIGHT)), run_time=b.part(0.25))
            self.play(Transform(corner, _frame(self.general, range(d), [0], theme.HIGHLIGHT)), run_time=b.part(0.35))
            self.play(FadeIn(self.col_rule), run_time=b.part(0.25))
            self.point_at(None, 0)
        self.corner = corner

    def evaluate(self) -> None:
        with self.beat("concrete", "Now a concrete loss, at one point.") as b:
            self.show("point", self.v.point)
            self.play(FadeOut(VGroup(self.block, self.define, self.panel, self.corner)), run_time=b.part(0.3))
            self.play(FadeIn(self.top), run_time=b.part(0.35))
            self.play(FadeIn(self.equation[0]), FadeIn(self.equation[1]), run_time=b.part(0.35))
        with self.beat("numbers", "Each symbol becomes a number at this point.") as b:
            for i, row in enumerate(self.v.hessian):
                for j, entry in enumerate(row):
                    self.show(f"hessian[{i}][{j}]", entry)
            self.play(FadeIn(self.equation[2]), FadeIn(self.numbers), run_time=b.part(0.5))

    def read_numbers(self) -> None:
        """Beats ``off_diagonal`` and ``diagonal``: the mirrored pair swaps places and back with nothing changed,
        then frames light H11 and H22 in the symbolic matrix and in the numbers, one direction after the other."""
        hess, grid = self.v.hessian, self.numbers.get_mob_matrix()
        off = VGroup(*[_frame(self.numbers, [i], [j], theme.CURVATURE) for i, j in ((0, 1), (1, 0))])
        lit = [VGroup(_frame(self.symbolic, [k], [k], color), _frame(self.numbers, [k], [k], color))
               for k, color in enumerate((X1_COLOR, X2_COLOR))]
        mirrored = (VGroup(grid[0][1], off[0]), VGroup(grid[1][0], off[1]))
        with self.beat("off_diagonal", "The two off-diagonal numbers agree, as symmetry promised.") as b:
            for i, j in ((0, 1), (1, 0)):
                self.show(f"hessian[{i}][{j}]", hess[i][j])
            self.play(FadeIn(off), run_time=b.part(0.2))
            self.play(Swap(*mirrored, path_arc=SWAP_ARC), run_time=b.part(0.3))
            self.play(Swap(*mirrored, path_arc=SWAP_ARC), FadeIn(self.symmetric), run_time=b.part(0.3))
        with self.beat("diagonal", "The diagonal holds the curvature along x1 and along x2.") as b:
            for k in range(2):
                self.show(f"hessian[{k}][{k}]", hess[k][k])
            self.play(Transform(off, lit[0]), FadeIn(self.diagonal[0]), run_time=b.part(0.45))
            self.play(ReplacementTransform(off.copy(), lit[1]), FadeIn(self.diagonal[1]), run_time=b.part(0.35))


SCENES = [
    ("title", TitleCard),
    ("chapter1", Chapter1Card),
    ("slope", SlopeScene),
    ("gradient", GradientScene),
    ("curvature", CurvatureScene),
    ("hessian", HessianScene),
]
