"""Chapter 4, the Hessian and deep learning: Taylor models, normalised inputs and momentum."""

from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN,
    Circle,
    ReplacementTransform,
    ShowPassingFlash,
    Succession,
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
    ManimColor,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Wait,
    Write,
    always_redraw,
    linear,
)

from mathcore import descent, least_squares, momentum, quadratic, taylor
from mathcore.errors import ValidationError
from scenes import components as C
from scenes import losses
from scenes import theme, valley
from scenes.base import LectureScene, SceneValues
from scenes.cards import ChapterCard
from scenes.pointing import highlight
from scenes.params import LOSS_1D_NAMES, LOSS_2D_NAMES, MAX_STEPS, SceneParams, param
from scenes.values import Curve, EllipseRecord, SlopedCurve



class Chapter4Card(ChapterCard):
    chapter = 4
    summary = "Opens chapter 4: Taylor models, normalising and momentum, and the Hessian of a trained network."
    questions = (
        "Why does the quadratic picture apply near any point?",
        "How do normalising and momentum speed up descent?",
        "What does a real network's Hessian do as it trains?",
    )
    narration = "Chapter four: Taylor models, normalising, momentum, and a real network."


# ----------------------------------------------------------------------------------------------
# Chapter helpers: layout and colour only (every number comes from mathcore).


def _hex_rgb(color: str) -> np.ndarray:
    """'#RRGGBB' as three floats in [0, 1]."""
    return np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)], dtype=float) / 255.0


def _band_colours(count: int, color: str = theme.LOSS) -> np.ndarray:
    """``count`` colours from dim to bright ``color`` over the background, shape (count, 3) in [0, 255]."""
    back, front = _hex_rgb(theme.BACKGROUND), _hex_rgb(color)
    mix = 0.1 + 0.75 * (np.arange(count) / max(count - 1, 1)) ** 1.5  # by band index, lowest band dimmest
    return np.round(255 * ((1 - mix)[:, None] * back + mix[:, None] * front)).astype(np.uint8)


def _band_runs(heights: np.ndarray, levels: np.ndarray) -> list[list[int]]:
    """Sampled loss values (rows from top to bottom) cut into bands between ``levels``: every row's runs of cells in
    one band, as [row, first column, column after the last, band] (band 0 lies below levels[0])."""
    bands = np.searchsorted(levels, heights)
    runs = []
    for r, row in enumerate(bands):
        edges = np.flatnonzero(np.diff(row)) + 1
        starts, stops = np.concatenate([[0], edges]), np.concatenate([edges, [len(row)]])
        runs.extend([r, int(a), int(b), int(row[a])] for a, b in zip(starts, stops))
    return runs


BAND_OVERLAP = 0.35  # neighbouring band cells overlap by this share of a cell


@dataclass(frozen=True)
class Bands:
    """A 2-D loss sampled on a grid over its domain and cut into bands between contour levels."""

    rows: int
    columns: int
    levels: list[float]
    runs: list[list[int]]  # [row, first column, column after the last, band], see _band_runs


def _band_fill(bands: Bands, plane, color: str = theme.LOSS) -> VGroup:
    """The loss's bands (``bands``: rows, columns, levels and the runs of :func:`_band_runs` over ``plane``'s box)
    drawn lower bands darker: one filled VMobject per band made of its row runs (vector shapes, because manim's
    ImageMobject cannot be drawn by the Cairo renderer under Pillow 13). The band edges are the loss's contours."""
    rows, columns = bands.rows, bands.columns
    lo = plane.c2p(plane.x_range[0], plane.y_range[0])
    hi = plane.c2p(plane.x_range[1], plane.y_range[1])
    dx, dy = (hi[0] - lo[0]) / columns, (hi[1] - lo[1]) / rows
    overlap = BAND_OVERLAP * min(dx, dy)  # hides hairline seams between neighbouring cells
    count = len(bands.levels) + 1
    corners: list[list[np.ndarray]] = [[] for _ in range(count)]
    for r, a, b, band in bands.runs:
        y1 = hi[1] - r * dy
        y0 = y1 - dy
        x0, x1 = lo[0] + a * dx, lo[0] + b * dx
        corners[band].append(np.array([[x0 - overlap, y0 - overlap], [x1 + overlap, y0 - overlap],
                                       [x1 + overlap, y1 + overlap], [x0 - overlap, y1 + overlap]]))
    colours = _band_colours(count, color)
    group = VGroup()
    for band, rects in enumerate(corners):
        if not rects:
            continue
        quads = np.array(rects)  # (n, 4, 2)
        outline = C.polyline_points(np.concatenate([quads, quads[:, :1]], axis=1))  # each closed, edge by edge
        points = np.zeros((len(outline), 3))
        points[:, :2] = outline
        shape = VMobject(stroke_width=0, fill_color=ManimColor(tuple(int(c) for c in colours[band])), fill_opacity=1)
        shape.set_points(points)
        group.add(shape)
    return group


def _grid_points(x_range, y_range, columns: int, rows: int) -> np.ndarray:
    """Pixel centres of an image over the box, top row first: shape (rows, columns, 2)."""
    xs = np.linspace(x_range[0], x_range[1], columns)
    ys = np.linspace(y_range[1], y_range[0], rows)
    gx, gy = np.meshgrid(xs, ys)
    return np.stack([gx, gy], axis=-1)


def _run_inside(ys: np.ndarray, lo: float, hi: float, centre: int) -> slice:
    """The longest run of indices around ``centre`` whose ys lie within [lo, hi] (clips a curve to the axes)."""
    inside = (ys >= lo) & (ys <= hi)
    if not inside[centre]:
        return slice(centre, centre + 1)
    start = centre
    while start > 0 and inside[start - 1]:
        start -= 1
    stop = centre
    while stop < len(ys) - 1 and inside[stop + 1]:
        stop += 1
    return slice(start, stop + 1)


def _path(stops: np.ndarray, per_leg: int) -> tuple[np.ndarray, list[int]]:
    """Points along straight legs between consecutive stops (each stop included exactly) and the stops' indices."""
    pieces, indices = [stops[:1]], [0]
    for a, b in zip(stops[:-1], stops[1:]):
        t = np.linspace(0.0, 1.0, per_leg + 1)[1:]
        leg = a + np.multiply.outer(t, b - a)
        leg[-1] = b  # the stop itself, exactly
        pieces.append(leg)
        indices.append(indices[-1] + per_leg)
    return np.concatenate(pieces), indices


def _follow(m: VMobject, points_of) -> VMobject:
    """Give ``m`` the points ``points_of()`` on every frame (a lookup of precomputed values). The mobject stays the
    same one: a group that swaps its children (components.rebuilt) leaves the old children in the list of moving
    mobjects manim takes at the start of an animation, and they stay drawn, stale, until it ends."""
    m.add_updater(lambda mob: mob.set_points(points_of()))
    return m


def _clip_runs(points: np.ndarray, box: np.ndarray) -> list[np.ndarray]:
    """The parts of the polyline ``points`` (n, 2) inside ``box`` ((lo, hi) per axis), each cut exactly where it
    crosses the box's edge; parts of a single point are dropped."""
    lo, hi = box[:, 0], box[:, 1]
    inside = np.all((points >= lo) & (points <= hi), axis=1)
    if np.allclose(points[0], points[-1]) and not inside.all():  # a closed curve: start outside, so no run wraps
        start = int(np.argmin(inside))
        points = np.vstack([np.roll(points[:-1], -start, axis=0), points[start:start + 1]])
        inside = np.all((points >= lo) & (points <= hi), axis=1)

    def crossing(p: np.ndarray, q: np.ndarray) -> np.ndarray:  # p inside, q outside: where p -> q leaves the box
        d = q - p
        with np.errstate(divide="ignore", invalid="ignore"):
            s = np.where(q > hi, (hi - p) / d, np.where(q < lo, (lo - p) / d, np.inf))
        return p + float(np.min(s)) * d

    runs, i, n = [], 0, len(points)
    while i < n:
        if not inside[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and inside[j + 1]:
            j += 1
        run = [points[i:j + 1]]
        if i > 0:
            run.insert(0, crossing(points[i], points[i - 1])[None])
        if j + 1 < n:
            run.append(crossing(points[j], points[j + 1])[None])
        run = np.concatenate(run)
        if len(run) > 1:
            runs.append(run)
        i = j + 1
    return runs


# ----------------------------------------------------------------------------------------------
# Scene 12: the second-order Taylor model.

INTRO_1D = {
    "double_well": "Real losses are not quadratic: this one has two valleys and a hump.",
    "logcosh": "Real losses are not quadratic: this one is convex but not a parabola.",
    "bowl": "This loss happens to be quadratic, so its model will be exact.",
    "sharp": "This loss happens to be quadratic, so its model will be exact.",
    "flat": "This loss happens to be quadratic, so its model will be exact.",
}

SHAPE_NOTES = {  # the class of H at a 2-D stop and what its model's contours look like
    "positive definite": "positive definite: ellipses round a minimum",
    "negative definite": "negative definite: ellipses round a maximum",
    "singular": "singular: flat along one direction",
    "indefinite": "indefinite: a saddle, hyperbolas",
}

SHAPE_LINES = {  # the sentence that names the class of H at a 2-D stop
    "positive definite": "Here H is positive definite: its contours are ellipses.",
    "negative definite": "Here H is negative definite: ellipses round a peak.",
    "singular": "Here H is singular: the model is flat along one direction.",
    "indefinite": "Here H is indefinite: a saddle, whose contours are hyperbolas.",
}

MODEL_SAMPLES = 97  # points along each model contour (ellipse or hyperbola branch)
GRID_COLUMNS = 240  # cells across the 2-D loss's bands
LEG_1D, LEG_2D = 60, 45  # frames of the point's path between two stops
GHOST_OPACITY = 0.35  # the model of the last 1-D stop, kept for comparison
T_Y_PAD = 0.1  # the padding axis_range gives the 1-D curve's y range
T_MODEL_HALF = 0.3  # the model parabola reaches this share of the curve's x range on either side of the point
T_PLOT_1D = (6.2, 5.0)  # width and height of the 1-D curve's axes, scene units
T_POINT_DOT = 0.09  # radius of the moving point, scene units
T_ROW_GAP = 0.15  # between a row's label and its live number, scene units
T_NOTE_GAP = 0.15  # between the lines of a note or of the legend, scene units
T_PLANE_BOX = (6.2, 5.6)  # the 2-D plane fits this width and height, scene units
T_HEADING_2D_GAP = 0.35  # between the 2-D heading and the plane, scene units
T_FAMILY_STROKE = 2.5  # the model's thin contours, stroke width
T_FAMILY_OPACITY = 0.75  # ... and their stroke opacity
T_TARGET_RADIUS = 0.17  # the ring that marks the next 2-D stop, scene units
T_CARD_ROWS_GAP = 0.22  # between the rows of a 2-D stop's card, scene units


@dataclass(frozen=True)
class TaylorParams(SceneParams):
    function_1d: str = param("double_well", "1-D loss: a name from mathcore's library or a formula in x",
                             choices=LOSS_1D_NAMES, formula=1)
    points_1d: tuple[float, ...] = param(
        (-1.5, 0.15, 1.2), "three stops of the point in 1-D, inside the loss's domain", min=-10, max=10, length=3
    )
    function_2d: str = param("rosenbrock", "2-D loss: a name from mathcore's library or a formula in x1 and x2",
                             choices=LOSS_2D_NAMES, formula=2)
    points_2d: tuple[float, ...] = param(
        (-1.0, 0.5, 0.0, 1.0, 1.0, 1.0),
        "three stops of the point in 2-D as x1, x2, x1, x2, x1, x2, inside the loss's domain",
        min=-10,
        max=10,
        length=6,
    )

    def check(self) -> None:
        lo, hi = losses.loss_1d(self.function_1d, field="function_1d").domain
        for x in self.points_1d:
            if not lo <= x <= hi:
                raise ValidationError(
                    f"points_1d = {list(self.points_1d)}: each must lie in the domain of {self.function_1d}, [{lo:g}, {hi:g}]"
                )
        (a1, b1), (a2, b2) = losses.loss_2d(self.function_2d, field="function_2d").domain
        for x1, x2 in np.reshape(self.points_2d, (3, 2)):
            if not (a1 <= x1 <= b1 and a2 <= x2 <= b2):
                raise ValidationError(
                    f"points_2d = {list(self.points_2d)}: each point must lie in the domain of {self.function_2d}, "
                    f"[{a1:g}, {b1:g}] x [{a2:g}, {b2:g}]"
                )


def _level_curves(q: quadratic.Quadratic, height: float, reach: float) -> list[np.ndarray]:
    """The model's level set q = ``height`` as polylines: an ellipse (closed) round the minimum or maximum of a
    definite q, a hyperbola's branches within ``reach`` of a saddle; none if the set is empty, a point, singular or an
    ellipse with a semi-axis longer than ``reach``."""
    shape = q.shape_class()
    if shape == "indefinite":
        return quadratic.hyperbola(q, height, reach, MODEL_SAMPLES)
    if shape == "singular":
        return []
    if shape == "negative definite":  # q = height is -q = -height, and -q is a bowl
        q, height = quadratic.Quadratic(-q.A, -q.b, -q.c), -height
    level = height - q.min_value()
    if level <= 1e-12 * max(1.0, abs(height)) or float(np.max(quadratic.ellipse(q, level).semi_axes)) > reach:
        return []
    points = quadratic.level_set_points(q, level, MODEL_SAMPLES - 1)
    return [np.vstack([points, points[:1]])]


@dataclass(frozen=True)
class ModelContours:
    """The Taylor model's contours at one position of the point, as polylines clipped to the domain."""

    family: list[list[list[float]]]  # at the two levels just below and the two just above f(x0)
    through: list[list[list[float]]]  # at f(x0)


@dataclass(frozen=True)
class Path1D(SlopedCurve):
    """The point's path through the 1-D stops: x, f, f' and f'' at every position."""

    curvature: list[float]


def _model_contours(model: taylor.TaylorModel, levels: np.ndarray, box: np.ndarray) -> ModelContours:
    """The model's contours inside ``box`` as lists of polylines: ``family`` at the two loss heights of ``levels`` just
    below and the two just above f(x0), ``through`` at f(x0) (the one through the model's own point). Ellipses for a
    definite Hessian, hyperbolas for an indefinite one, none for a singular one; curves reaching further than three
    times the box's size are left out."""
    q = model.as_quadratic()
    reach = 3.0 * float(np.max(box[:, 1] - box[:, 0]))
    levels = np.asarray(levels)
    near = np.concatenate([levels[levels < model.f0][-2:], levels[levels > model.f0][:2]])

    def clipped(height: float) -> list:
        return [run.tolist() for curve in _level_curves(q, height, reach) for run in _clip_runs(curve, box)]

    return ModelContours([run for c in near for run in clipped(float(c))], clipped(model.f0))


def _contour_levels(heights: np.ndarray, through: Sequence[float], count: int = 9) -> np.ndarray:
    """Band levels for a picture of ``heights``: ``count`` levels spaced like a bowl's (denser near the bottom) plus
    the heights ``through`` (so that a band edge passes through each of those points); near-duplicates merged."""
    lo, hi = float(np.min(heights)), float(np.quantile(heights, 0.9))
    levels = np.concatenate([lo + (hi - lo) * np.linspace(0.12, 1.0, count) ** 2, np.asarray(through, dtype=float)])
    levels = np.sort(levels)
    keep = np.concatenate([[True], np.diff(levels) > 0.02 * (hi - lo)])
    return levels[keep]


@dataclass(frozen=True)
class TaylorValues(SceneValues):
    """What the Taylor scene shows: the quadratic model of a 1-D and a 2-D loss at three stops each, and the pictures
    of the point moving between them."""

    function_1d: str  # the loss's name
    points_1d: list[float]
    value_1d: list[float]  # f at each stop
    slope_1d: list[float]
    curvature_1d: list[float]
    function_2d: str
    points_2d: list[list[float]]
    value_2d: list[float]
    gradient_2d: list[list[float]]
    hessian_2d: list[list[list[float]]]
    eigenvalues_2d: list[list[float]]
    shape_2d: list[str]
    curve_1d: Curve  # over the loss's domain
    x_range_1d: list[float]  # [min, max, tick]
    y_range_1d: list[float]
    path_1d: Path1D
    stops_1d: list[int]  # indices into the path
    models_1d: list[Curve]  # the model parabola at every position, clipped to the axes
    domain_2d: list[list[float]]
    bands_2d: Bands
    path_2d: list[list[float]]
    stops_2d: list[int]
    models_2d: list[ModelContours]  # at every position of the path


class TaylorScene(LectureScene):
    """A non-quadratic loss and its second-order Taylor model following a moving point, in 1-D then 2-D."""

    Params = TaylorParams
    chapter = 4
    title = "Taylor expansion"
    summary = (
        "Near any point a smooth loss looks like its second-order Taylor model: parabolas in 1-D, ellipses or a saddle's hyperbolas in 2-D."
    )

    @classmethod
    def values(cls, p: TaylorParams) -> TaylorValues:
        loss1, loss2 = losses.loss_1d(p.function_1d), losses.loss_2d(p.function_2d)
        models_1d = [taylor.taylor_1d(loss1, x) for x in p.points_1d]
        points_2d = np.reshape(p.points_2d, (3, 2))
        models_2d = [taylor.taylor_2d(loss2, x) for x in points_2d]
        quads = [m.as_quadratic() for m in models_2d]
        return TaylorValues(
            function_1d=loss1.name,
            points_1d=list(p.points_1d),
            value_1d=[m.f0 for m in models_1d],
            slope_1d=[float(m.g[0]) for m in models_1d],
            curvature_1d=[float(m.H[0, 0]) for m in models_1d],
            function_2d=loss2.name,
            points_2d=points_2d.tolist(),
            value_2d=[m.f0 for m in models_2d],
            gradient_2d=[m.g.tolist() for m in models_2d],
            hessian_2d=[m.H.tolist() for m in models_2d],
            eigenvalues_2d=[q.eigen().values.tolist() for q in quads],
            shape_2d=[q.shape_class() for q in quads],
            **cls.drawing_1d(p, loss1),
            **cls.drawing_2d(p, loss2),
        )

    @staticmethod
    def drawing_1d(p: TaylorParams, loss) -> dict[str, Any]:
        """The 1-D curve, the point's path through the stops and the model parabola (clipped to the axes) at every
        position on it."""
        xs = np.linspace(*loss.domain, 241)
        ys = loss.f(xs)
        y_range = C.axis_range(float(ys.min()), float(ys.max()), ticks=6, pad=T_Y_PAD)
        path, stops = _path(np.array(p.points_1d)[:, None], per_leg=LEG_1D)
        models = [taylor.taylor_1d(loss, x) for x in path[:, 0]]
        half = T_MODEL_HALF * (xs[-1] - xs[0])
        window = np.linspace(-half, half, 61)
        parabolas = []
        for m in models:
            mx = np.clip(m.x0[0] + window, xs[0], xs[-1])
            my = m(mx)
            cut = _run_inside(my, y_range[0], y_range[1], len(window) // 2)
            parabolas.append(Curve(mx[cut].tolist(), my[cut].tolist()))
        return {
            "curve_1d": Curve(xs.tolist(), ys.tolist()),
            "x_range_1d": C.axis_range(xs[0], xs[-1], ticks=6),
            "y_range_1d": y_range,
            "path_1d": Path1D(path[:, 0].tolist(), [m.f0 for m in models], [float(m.g[0]) for m in models],
                              [float(m.H[0, 0]) for m in models]),
            "stops_1d": stops,
            "models_1d": parabolas,
        }

    @staticmethod
    def drawing_2d(p: TaylorParams, loss) -> dict[str, Any]:
        """The 2-D loss in bands (one edge through each stop), the point's path and the model's contours at every
        position on it."""
        box = np.array(loss.domain, dtype=float)
        (a1, b1), (a2, b2) = box
        grid = _grid_points((a1, b1), (a2, b2), GRID_COLUMNS, max(2, int(GRID_COLUMNS * (b2 - a2) / (b1 - a1))))
        heights = loss.f(grid)
        points = np.reshape(p.points_2d, (3, 2))
        levels = _contour_levels(heights, loss.f(points))
        path, stops = _path(points, per_leg=LEG_2D)
        return {
            "domain_2d": box.tolist(),
            "bands_2d": Bands(heights.shape[0], heights.shape[1], levels.tolist(), _band_runs(heights, levels)),
            "path_2d": path.tolist(),
            "stops_2d": stops,
            "models_2d": [_model_contours(taylor.taylor_2d(loss, x), levels, box) for x in path],
        }

    def construct(self) -> None:
        self.build_1d()
        self.loss_curve()
        self.model_1d()
        self.slide_1d()
        self.clear_1d()
        self.build_2d()
        self.model_2d()
        for k in (1, 2):
            self.move_2d(k)
        self.conclude()

    # -- 1-D: the curve, the point and its model parabola ----------------------------------------
    def build_1d(self) -> None:
        """The 1-D picture: the loss curve, the point moving through the stops, its model parabola and the panel."""
        v = self.v
        path, self.stops_1d = v.path_1d, v.stops_1d
        self.heading_1d = C.heading("Near a point, every smooth loss looks quadratic")
        self.frame = C.loss_axes(v.x_range_1d, v.y_range_1d, width=T_PLOT_1D[0], height=T_PLOT_1D[1])
        self.frame.next_to(self.heading_1d, DOWN, buff=theme.HEADING_GAP).to_edge(LEFT, buff=theme.EDGE)
        axes = self.axes_1d = self.frame[0]
        self.curve = C.curve(axes, v.curve_1d.x, v.curve_1d.loss)

        index = self.index_1d = ValueTracker(self.stops_1d[0])

        def at() -> int:
            return int(round(index.get_value()))

        self.point_1d = always_redraw(lambda: Dot(axes.c2p(path.x[at()], path.loss[at()]), color=theme.ITERATE,
                                                  radius=T_POINT_DOT))
        self.parabola = self._parabola(self.stops_1d[0])  # one mobject whose points follow the point (see _follow)
        _follow(self.parabola, lambda: self._parabola(at()).points)
        self.formula_1d = C.tex(r"f(x + d) \approx f(x) + f'(x)\,d + \tfrac{1}{2} f''(x)\,d^2", size=theme.BODY,
                                color=theme.MODEL)
        self.rows = [
            VGroup(C.tex(label, size=theme.BODY, color=color),
                   C.live_number(lambda a=numbers: a[at()], color=color, size=theme.BODY)).arrange(
                RIGHT, buff=T_ROW_GAP
            )
            for label, numbers, color in (
                ("x =", path.x, theme.ITERATE),
                ("f(x) =", path.loss, theme.LOSS),
                ("f'(x) =", path.slope, theme.TANGENT),
                ("f''(x) =", path.curvature, theme.CURVATURE),
            )
        ]
        self.notes = [self._shape_note_1d(v.curvature_1d[k]) for k in range(3)]
        self.ghost_key = C.legend_entry("the model at the last stop", theme.MODEL, size=theme.SMALL)
        self.ghost_key[0].set_stroke(opacity=GHOST_OPACITY)
        self.loss_formula_1d = C.tex(rf"f(x) = {losses.loss_1d(self.p.function_1d).tex}", size=theme.BODY,
                                     color=theme.LOSS)
        if self.loss_formula_1d.width > self.formula_1d.width:  # a long formula is shrunk, not the whole panel
            self.loss_formula_1d.scale_to_fit_width(self.formula_1d.width)
        before = self.formula_1d.width
        C.side_panel(self.loss_formula_1d, self.formula_1d, *self.rows, self.notes[0], self.ghost_key,
                     beside=self.frame)
        for n in self.notes[1:]:
            n.scale(self.formula_1d.width / before).move_to(self.notes[0], aligned_edge=UP + LEFT)

    def _parabola(self, i: int) -> VMobject:
        """The model parabola at position ``i`` of the point's path."""
        m = self.v.models_1d[i]
        return C.curve(self.axes_1d, m.x, m.loss, color=theme.MODEL)

    def loss_curve(self) -> None:
        text = INTRO_1D.get(self.v.function_1d, "Real losses are rarely quadratic; take this curve as an example.")
        with self.beat("intro", text) as b:
            self.play(FadeIn(self.heading_1d), Create(self.frame), run_time=b.part(0.3))
            self.play(Create(self.curve), FadeIn(self.loss_formula_1d), run_time=b.part(0.5))

    def model_1d(self) -> None:
        with self.beat("model", "Matching value, slope and curvature gives the second-order Taylor model.") as b:
            self._register_1d(0)
            self.play(FadeIn(self.point_1d), Write(self.formula_1d), FadeIn(VGroup(*self.rows)), run_time=b.part(0.4))
            self.play(Create(self.parabola), run_time=b.part(0.3))
            self.bring_to_front(self.point_1d)
            self.play(FadeIn(self.notes[0]), run_time=0.6)

    def slide_1d(self) -> None:
        """Beats ``slide``, ``stop1`` and ``stop2``: the point moves to each later stop; the curvature row is framed
        and the model traced while its sign is read; at stop 2 the model of stop 1 stays, dimmed and labelled."""
        index, stops, notes = self.index_1d, self.stops_1d, self.notes
        with self.beat("slide", "Slide the point: the model follows, fitting the curve only nearby.") as b:
            self.play(FadeOut(notes[0]), index.animate.set_value(stops[1]), run_time=b.part(0.85), rate_func=linear)
        with self.beat("stop1", self._stop_line_1d(1)) as b:
            self._register_1d(1)
            self.row_box = highlight(self.rows[3], filled=True)  # around the row as it reads at this stop
            self.play(Create(self.row_box), run_time=b.part(0.25))
            self.play(FadeIn(notes[1]), self._trace_model(), run_time=b.part(0.5))
        with self.beat("stop2", self._stop_line_1d(2)) as b:
            ghost = self._parabola(stops[1]).set_stroke(opacity=GHOST_OPACITY)
            self.add(ghost, self.parabola, self.point_1d)
            self.play(FadeOut(notes[1]), FadeOut(self.row_box), FadeIn(self.ghost_key), run_time=b.part(0.15))
            self.play(index.animate.set_value(stops[2]), run_time=b.part(0.4), rate_func=linear)
            self._register_1d(2)
            self.row_box = highlight(self.rows[3], filled=True)
            self.play(FadeIn(notes[2]), Create(self.row_box), self._trace_model(), run_time=b.part(0.35))

    def _trace_model(self) -> ShowPassingFlash:
        """A highlight running along the model parabola where the point now is."""
        trace = self._parabola(int(round(self.index_1d.get_value()))).set_stroke(color=theme.HIGHLIGHT,
                                                                                 width=theme.FLASH)
        return ShowPassingFlash(trace, time_width=0.5)

    def clear_1d(self) -> None:
        self.point_1d.clear_updaters()
        self.parabola.clear_updaters()
        for r in self.rows:
            r[1].clear_updaters()
        self.play(*[FadeOut(m) for m in self.mobjects if not isinstance(m, ValueTracker)], run_time=0.8)
        self.clear()

    def _stop_line_1d(self, k: int) -> str:
        """What stop ``k`` shows: the sign of its curvature, and at stop 2 how it compares with stop 1."""
        h = self.v.curvature_1d
        sign = "negative" if h[k] < 0 else "positive" if h[k] > 0 else "zero"
        opens = {"negative": "the model opens downward", "positive": "the model opens upward, like a valley",
                 "zero": "the model is just the tangent line"}[sign]
        if k == 1:
            return f"Here the curvature is {sign}, so {opens}."
        if np.sign(h[2]) != np.sign(h[1]) or h[2] == 0:
            return f"Further on it turns {sign}: {opens}."
        ratio = abs(h[2]) / abs(h[1])
        if ratio > 1.1:
            return f"Further on it is {sign} too, but larger: a narrower model."
        if ratio < 1 / 1.1:
            return f"Further on it is {sign} too, but smaller: a wider model."
        return f"Further on it is {sign} and about as large: a model as wide."

    def _shape_note_1d(self, curvature: float) -> VGroup:
        sign, words = (">", "the model opens upward") if curvature > 0 else \
            ("<", "the model opens downward") if curvature < 0 else ("=", "the model is a straight line")
        return VGroup(C.tex(rf"f''(x) {sign} 0:", size=theme.BODY, color=theme.CURVATURE),
                      C.text(words, theme.LABEL, theme.CURVATURE)).arrange(DOWN, aligned_edge=LEFT,
                                                                                        buff=T_NOTE_GAP)

    def _register_1d(self, k: int) -> None:
        for key in ("points_1d", "value_1d", "slope_1d", "curvature_1d"):
            self.show(f"{key}[{k}]", getattr(self.v, key)[k])

    # -- 2-D: the loss's contours as colour bands, the model's contours following the point -----
    def build_2d(self) -> None:
        """The 2-D picture: the loss's contours as colour bands, the point moving through the stops, the model's
        contours following it, and the panel (one card per stop)."""
        v = self.v
        (a1, b1), (a2, b2) = v.domain_2d
        unit = min(T_PLANE_BOX[0] / (b1 - a1), T_PLANE_BOX[1] / (b2 - a2))
        plane = self.plane = C.plane([a1, b1, 1], [a2, b2, 1], unit)
        self.heading_2d = C.heading("In two inputs the model has contours too")
        plane.next_to(self.heading_2d, DOWN, buff=T_HEADING_2D_GAP).to_edge(LEFT, buff=theme.EDGE)
        C.above_captions(plane, about_edge=UP + LEFT)
        self.background = _band_fill(v.bands_2d, plane)

        path, self.stops_2d = v.path_2d, v.stops_2d
        index = self.index_2d = ValueTracker(self.stops_2d[0])

        def at() -> int:
            return int(round(index.get_value()))

        self.contours = VGroup(VMobject(stroke_color=theme.MODEL, stroke_width=T_FAMILY_STROKE,
                                        stroke_opacity=T_FAMILY_OPACITY),
                               VMobject(stroke_color=theme.MODEL, stroke_width=theme.STROKE))
        for part, key in zip(self.contours, ("family", "through")):
            _follow(part, lambda key=key: self._model_points(at(), key))
        self.point_2d = always_redraw(lambda: Dot(plane.c2p(*path[at()]), color=theme.ITERATE,
                                                     radius=T_POINT_DOT))
        self.targets = [Circle(radius=T_TARGET_RADIUS, color=theme.ITERATE, stroke_width=theme.THIN)
                        .move_to(plane.c2p(*x))
                        for x in v.points_2d]

        self.formula_2d = C.tex(r"f(x + d) \approx f(x) + g^\top d + \tfrac{1}{2}\, d^\top H\, d", size=theme.BODY,
                                color=theme.MODEL)
        self.legend = VGroup(
            C.text("bands: the loss's own contours", theme.SMALL, theme.LOSS),
            C.text("lines: the model's contours", theme.SMALL, theme.MODEL),
            C.text("thick: its contour through the point", theme.SMALL, theme.MODEL),
        ).arrange(DOWN, aligned_edge=LEFT, buff=T_NOTE_GAP)
        self.cards = [self._card_2d(k) for k in range(3)]
        self.class_box = VMobject()  # the frame round the class of the stop being narrated (none yet)
        before = self.formula_2d.width
        C.side_panel(self.formula_2d, self.legend, self.cards[0], beside=plane)
        C.above_captions(VGroup(self.formula_2d, self.legend, self.cards[0]), about_edge=UP + LEFT)  # room for a frame
        for c in self.cards[1:]:
            c.scale(self.formula_2d.width / before).move_to(self.cards[0], aligned_edge=UP + LEFT)

    def _model_points(self, i: int, key: str) -> np.ndarray:
        """The Bezier points of the model's ``key`` contours ("family": the thin ones, "through": the thick one) at
        position ``i`` of the point's path, one subpath per polyline."""
        runs = getattr(self.v.models_2d[i], key)
        if not runs:
            return np.zeros((0, 3))
        o = self.plane.c2p(0, 0)
        basis = np.array([self.plane.c2p(1, 0) - o, self.plane.c2p(0, 1) - o])
        return np.concatenate([C.polyline_points(o + np.array(run) @ basis) for run in runs])

    def model_2d(self) -> None:
        """Beats ``model2d`` and ``hug``: the 2-D formula and the point's numbers, then the model's contours."""
        with self.beat("model2d", "In two inputs the model uses the gradient g and the Hessian H.") as b:
            self._register_2d(0)
            self.play(FadeIn(self.heading_2d), FadeIn(self.background), FadeIn(self.plane), Write(self.formula_2d),
                      run_time=b.part(0.4))
            self.play(FadeIn(self.point_2d), FadeIn(self.cards[0]), run_time=b.part(0.3))
        with self.beat("hug", "Near the point the model's contours hug the loss's; far away they part.") as b:
            self.play(Create(self.contours), FadeIn(self.legend), run_time=b.part(0.5))
            self.bring_to_front(self.point_2d)  # the point stays drawn over the contours

    def move_2d(self, k: int) -> None:
        """Beat ``move<k>``: stop k's card replaces the last one and a ring marks stop k, the point moves there with
        the model rebuilt along the way, and the card's class is framed while its sentence is spoken."""
        with self.beat(f"move{k}", self._move_line(k)) as b:
            self._register_2d(k)
            self.play(FadeOut(self.cards[k - 1]), FadeOut(self.class_box), FadeIn(self.cards[k]),
                      Create(self.targets[k]), run_time=0.5)
            self.bring_to_front(self.contours, self.point_2d)  # the moving pieces last: the text is drawn once per animation
            self.play(self.index_2d.animate.set_value(self.stops_2d[k]), run_time=b.until(1), rate_func=linear)
            self.class_box = highlight(self.cards[k][-1], filled=True)
            self.play(FadeOut(self.targets[k]), Create(self.class_box), run_time=b.part(0.2))

    def conclude(self) -> None:
        """Beat ``holds``: a highlight runs along the model's contours, then frames H in the card."""
        with self.beat("holds", "So near any point the quadratic picture holds, with H taken there.") as b:
            shape = self.contours.copy().clear_updaters().set_stroke(color=theme.HIGHLIGHT, width=theme.FLASH)
            self.play(ShowPassingFlash(shape, time_width=0.6), run_time=b.part(0.5))
            self.play(ReplacementTransform(self.class_box, highlight(self.cards[2][3], filled=True)), run_time=b.part(0.3))
        self.contours.clear_updaters()
        self.point_2d.clear_updaters()

    def _move_line(self, k: int) -> str:
        first = "Move the point: the model is rebuilt as it goes." if k == 1 else \
            "Move again: the model reshapes on the way."
        return f"{first} {SHAPE_LINES[self.v.shape_2d[k]]}"

    def _card_2d(self, k: int) -> VGroup:
        v = self.v
        shape = v.shape_2d[k]
        rows = VGroup(
            C.tex(r"x = " + C.vector_tex(v.points_2d[k]), size=theme.BODY, color=theme.ITERATE),
            C.tex(r"f(x) = " + C.fmt(v.value_2d[k]), size=theme.BODY, color=theme.LOSS),
            C.tex(r"g = " + C.vector_tex(v.gradient_2d[k]), size=theme.BODY, color=theme.TANGENT),
            C.tex(r"H = " + C.matrix_tex(v.hessian_2d[k]), size=theme.BODY, color=theme.CURVATURE),
            C.tex(r"\lambda(H) = " + C.vector_tex(v.eigenvalues_2d[k]), size=theme.BODY, color=theme.CURVATURE),
            C.text(SHAPE_NOTES[shape], theme.LABEL, theme.TEXT if shape == "positive definite" else theme.CURVATURE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=T_CARD_ROWS_GAP)
        return rows

    def _register_2d(self, k: int) -> None:
        for key in ("points_2d", "value_2d", "gradient_2d", "hessian_2d", "eigenvalues_2d", "shape_2d"):
            self.show(f"{key}[{k}]", getattr(self.v, key)[k])


# ----------------------------------------------------------------------------------------------
# Scene 13: normalising the inputs of least squares.

TARGET_WEIGHTS = (1.0, -1.0)  # the targets are y = X w + noise with these weights
TARGET_NOISE = 0.3
START = (0.0, 0.0)  # gradient descent starts from zero weights
MAX_ITERATIONS = 100_000  # iterations_to_tolerance gives up after this many steps
PANEL = 4.3  # width of each weight-space plane
N_WINDOW = 1.3  # a weight panel's half-width: this multiple of the start's distance from the minimiser
N_INPUT_PAD = 0.3  # the input plane reaches this far beyond the data (and the origin), input units
N_INPUT_BOX = (3.6, 2.6)  # the input plane fits this width and height, scene units
N_HEADING_GAP = 0.75  # between the heading and the input plane, scene units
N_TITLE_GAP = 0.15  # between a plane and its title above it, scene units
N_DATA_DOT = 0.025  # radius of a data point, scene units
N_MEAN_TIP_RATIO = 0.15  # the mean's arrow: its tip takes at most this share of its length
N_MEAN_LABEL_GAP = 0.05  # between the mean's arrow and its name, scene units
N_PANELS_LEFT = -2.5  # x of the first weight panel's left edge, scene units
N_PANELS_GAP = 0.45  # between the two weight panels, scene units
N_BOUND_INDENT = 0.6  # the bound's value is indented this far under the bound, scene units
N_NOTES_GAP = 0.45  # between the input plane and the notes under it, scene units
N_PATH_STROKE = 1.5  # descent's path in a weight panel, stroke width
N_PATH_OPACITY = 0.8  # ... and its stroke opacity
N_START_DOT = 0.07  # radius of descent's start in a weight panel, scene units
N_ROWS_GAP = 0.22  # between the rows of numbers under a weight panel, scene units


def _steps_tex(iterations: int | None) -> str:
    return str(iterations) if iterations is not None else rf"> {MAX_ITERATIONS}"


def _square_window(center: np.ndarray, half: float) -> tuple[list[float], list[float]]:
    """Equal x and y ranges [lo, hi, tick] on a nice tick that contain [c - half, c + half] for each coordinate."""
    tick = C.nice_step(2 * half, 8)
    span = (math.ceil(2 * half / tick) + 1) * tick
    ranges = []
    for c in center:
        lo = math.floor((c - half) / tick) * tick
        ranges.append([lo, lo + span, tick])
    return ranges[0], ranges[1]


@dataclass(frozen=True)
class NormaliseParams(SceneParams):
    input_mean: tuple[float, ...] = param((4.0, 2.0), "mean of the two inputs before normalising", min=-10, max=10,
                                          length=2)
    scales: tuple[float, ...] = param((1.0, 0.4), "standard deviation of each input", min=0.05, max=5, length=2)
    samples: int = param(200, "number of data points n", min=10, max=5000)
    seed: int = param(0, "random seed of the generated data", min=0, max=2**31 - 2)
    tolerance: float = param(1e-3, "descent is done when its error is this fraction of the starting error",
                             min=1e-8, max=0.5)

    def check(self) -> None:
        if math.hypot(*self.input_mean) < 0.5:
            raise ValidationError(
                f"input_mean = {list(self.input_mean)}: must be at least 0.5 away from (0, 0) (the scene is about a large mean)"
            )


@dataclass(frozen=True)
class WeightPanel:
    """A weight panel of the normalise scene: a square window round the minimiser, its contours, the descent path."""

    x_range: list[float]  # [min, max, tick]
    y_range: list[float]
    contours: list[EllipseRecord]  # the outer one through the start or fitting the window
    path: list[list[float]]


@dataclass(frozen=True)
class NormaliseValues(SceneValues):
    """What the normalise scene shows: the least-squares Hessian of raw, centred and standardised inputs, and descent
    on the raw and the standardised problem."""

    sample_mean: list[float]
    covariance: list[list[float]]
    tolerance: float
    bound: float  # a lower bound of the raw Hessian's largest eigenvalue
    inputs: list[list[float]]
    inputs_standardised: list[list[float]]
    hessian_raw: list[list[float]]
    eigenvalues_raw: list[float]
    condition_raw: float
    hessian_centred: list[list[float]]  # the covariance
    eigenvalues_centred: list[float]
    condition_centred: float
    hessian_standardised: list[list[float]]
    eigenvalues_standardised: list[float]
    condition_standardised: float
    step_raw: float  # the best step
    iterations_raw: int | None  # to the tolerance; None: not within MAX_ITERATIONS
    panel_raw: WeightPanel
    step_standardised: float
    iterations_standardised: int | None
    panel_standardised: WeightPanel


class NormaliseScene(LectureScene):
    """Least squares on inputs with a large mean, before and after centring and scaling the inputs."""

    Params = NormaliseParams
    chapter = 4
    title = "Normalising the inputs"
    summary = (
        "A large input mean inflates the largest eigenvalue; normalising rounds the contours and speeds descent."
    )

    @staticmethod
    def problems(p: NormaliseParams):
        """The data and the two least-squares quadratics (raw and standardised inputs), from mathcore."""
        X = least_squares.make_inputs(p.samples, p.input_mean, p.scales, p.seed)
        y = least_squares.make_targets(X, TARGET_WEIGHTS, TARGET_NOISE, p.seed + 1)
        Xs = least_squares.standardise(X)
        return X, Xs, least_squares.least_squares_quadratic(X, y), least_squares.least_squares_quadratic(Xs, y)

    @classmethod
    def values(cls, p: NormaliseParams) -> NormaliseValues:
        X, Xs, raw, std = cls.problems(p)
        m, S = least_squares.mean_and_covariance(X)
        centred = quadratic.Quadratic(S, np.zeros(2))  # the Hessian of the centred problem is S
        out: dict[str, Any] = {"sample_mean": m.tolist(), "covariance": S.tolist(), "tolerance": p.tolerance,
                               "bound": least_squares.largest_eigenvalue_lower_bound(X),
                               "inputs": X.tolist(), "inputs_standardised": Xs.tolist()}
        for name, q in (("raw", raw), ("centred", centred), ("standardised", std)):
            eigenvalues = q.eigen().values
            out[f"hessian_{name}"] = q.A.tolist()
            out[f"eigenvalues_{name}"] = eigenvalues.tolist()
            out[f"condition_{name}"] = q.condition_number()
        for name, q in (("raw", raw), ("standardised", std)):
            step = descent.best_step(out[f"eigenvalues_{name}"])
            out[f"step_{name}"] = step
            out[f"iterations_{name}"] = descent.iterations_to_tolerance(q, START, step, p.tolerance, MAX_ITERATIONS)
            out[f"panel_{name}"] = cls.panel(q, step, out[f"iterations_{name}"])
        return NormaliseValues(**out)

    @staticmethod
    def panel(q, step: float, iterations: int | None) -> WeightPanel:
        """A weight panel's square window round the minimiser (holding the start), its contours (the outer one through
        the start or fitting the window) and the descent path from the start."""
        floor = q.min_value()
        start_level = float(q.value(np.array(START))) - floor
        centre = q.minimiser()
        half = N_WINDOW * float(np.linalg.norm(np.array(START) - centre))
        x_range, y_range = _square_window(centre, half)
        room = [min(c - r[0], r[1] - c) for c, r in zip(centre, (x_range, y_range))]
        top = min(start_level, quadratic.largest_level_in_box(q, *(theme.FIT_MARGIN * r for r in room), around=centre))
        shown = MAX_STEPS if iterations is None else min(iterations, MAX_STEPS)
        return WeightPanel(
            x_range=x_range,
            y_range=y_range,
            contours=[C.ellipse_record(quadratic.ellipse(q, top * f)) for f in (1.0, 0.45, 0.18, 0.05)],
            path=descent.descent_on_quadratic(q, np.array(START), step, shown).tolist(),
        )

    def construct(self) -> None:
        self.build()
        self.data_cloud()
        self.raw_loss()
        self.raw_descent()
        self.centre()
        self.scale()
        self.conclude()

    def build(self) -> None:
        """The input plane with the data cloud (raw and standardised) and the mean m as an arrow, the two weight panels
        and their numbers, and the notes on H = S + m m^T under the cloud."""
        v = self.v
        X, Xs = np.array(v.inputs), np.array(v.inputs_standardised)
        self.heading = C.heading("Normalising the inputs")

        # Input space: the data cloud, with room for its standardised version around the origin.
        lo = np.minimum(np.minimum(X.min(axis=0), Xs.min(axis=0)), 0.0) - N_INPUT_PAD
        hi = np.maximum(np.maximum(X.max(axis=0), Xs.max(axis=0)), 0.0) + N_INPUT_PAD
        unit = min(N_INPUT_BOX[0] / (hi[0] - lo[0]), N_INPUT_BOX[1] / (hi[1] - lo[1]))
        tick = max(1.0, C.nice_step(float((hi - lo).max()), 12))  # whole units: the ranges end on integers
        inputs = self.inputs = C.plane([math.floor(lo[0]), math.ceil(hi[0]), tick],
                                       [math.floor(lo[1]), math.ceil(hi[1]), tick], unit)
        inputs.next_to(self.heading, DOWN, buff=N_HEADING_GAP).to_edge(LEFT, buff=theme.EDGE)
        self.inputs_title = C.tex(r"\text{inputs } (x_1, x_2)", size=theme.BODY, color=theme.MUTED).next_to(
            inputs, UP, buff=N_TITLE_GAP)
        self.cloud = VGroup(*[Dot(inputs.c2p(*x), radius=N_DATA_DOT, color=theme.DATA) for x in X])
        self.cloud_std = VGroup(*[Dot(inputs.c2p(*x), radius=N_DATA_DOT, color=theme.DATA) for x in Xs])
        self.mean_arrow = Arrow(inputs.c2p(0, 0), inputs.c2p(*v.sample_mean), buff=0, color=theme.DATA,
                                stroke_width=theme.STROKE, max_tip_length_to_length_ratio=N_MEAN_TIP_RATIO)
        self.mean_label = C.tex("m", size=theme.BODY, color=theme.DATA).next_to(self.mean_arrow.get_center(),
                                                                                DOWN + RIGHT, buff=N_MEAN_LABEL_GAP)

        # Weight space: contours of the two quadratics, each around its own minimiser.
        self.panels = [self._weight_panel(panel) for panel in (v.panel_raw, v.panel_standardised)]
        self.titles = [C.text("raw inputs", theme.LABEL, theme.TEXT), C.text("normalised inputs", theme.LABEL, theme.TEXT)]
        for k, (panel, title) in enumerate(zip(self.panels, self.titles)):
            group = VGroup(panel["plane"], panel["contours"], panel["path"], panel["start"])
            group.shift(RIGHT * (N_PANELS_LEFT + (PANEL + N_PANELS_GAP) * k - panel["plane"].get_left()[0]))
            group.shift(UP * (inputs.get_top()[1] - panel["plane"].get_top()[1]))
            title.next_to(panel["plane"], UP, buff=N_TITLE_GAP)

        self.numbers = [self._numbers(name, panel["plane"]) for name, panel in zip(("raw", "standardised"), self.panels)]

        # The decomposition H = S + m m^T and the bound on the largest eigenvalue, under the cloud.
        self.show("tolerance", v.tolerance)  # drawn in each panel's "steps to" line
        self.decomposition = C.tex(r"H = \tfrac{1}{n} X^\top X", r"= S + m\,m^\top", size=theme.BODY)
        self.bound = C.tex(r"\lambda_{\max} \ge |m|^2 + \frac{m^\top S\, m}{|m|^2}", size=theme.BODY)
        self.bound_value = C.tex(r"= " + C.fmt(self.show("bound", v.bound)), size=theme.BODY, color=theme.EIGEN_2)
        self.centred = C.tex(r"\text{centred: } H = S,\ k = "
                             + C.fmt(self.show("condition_centred", v.condition_centred)), size=theme.BODY)
        notes = VGroup(self.decomposition, self.bound, self.bound_value, self.centred).arrange(
            DOWN, aligned_edge=LEFT, buff=theme.BUFF)
        self.bound_value.shift(RIGHT * N_BOUND_INDENT)
        notes.next_to(inputs, DOWN, buff=N_NOTES_GAP).align_to(inputs, LEFT)
        C.above_captions(VGroup(self.inputs_title, inputs, self.cloud, self.cloud_std, self.mean_arrow, self.mean_label,
                                notes, *self.titles, *[m for panel in self.panels for m in panel.values()],
                                *self.numbers))

    def data_cloud(self) -> None:
        with self.beat("data", "Fit a linear model by least squares to inputs that sit far from zero.") as b:
            self.play(FadeIn(self.heading), FadeIn(self.inputs), FadeIn(self.inputs_title), run_time=b.part(0.3))
            self.play(FadeIn(self.cloud, lag_ratio=0.01), run_time=b.part(0.45))

    def raw_loss(self) -> None:
        """Beats ``loss``, ``split`` and ``bound``: the raw problem's contours, H = S + m m^T with m drawn as an arrow,
        and the bound, with the largest eigenvalue and the bound's value lit in turn."""
        raw = self.panels[0]
        with self.beat("loss", "Its loss is exactly quadratic in the weights, with Hessian H = XᵀX/n.") as b:
            self.play(FadeIn(self.titles[0]), FadeIn(raw["plane"]), Write(self.decomposition[0]), run_time=b.part(0.3))
            self.play(Create(raw["contours"]), FadeIn(raw["start"]), run_time=b.part(0.35))
            lit = highlight(self.decomposition[0], filled=True)
            self.play(FadeIn(self.numbers[0][:2], lag_ratio=0.5), FadeIn(lit), run_time=b.part(0.25))
        with self.beat("split", "It splits into the covariance S plus m mᵀ, where m is the mean input.") as b:
            self.play(Write(self.decomposition[1]), Transform(lit, highlight(self.decomposition[1], filled=True)),
                      run_time=b.part(0.4))
            self.play(GrowArrow(self.mean_arrow), FadeIn(self.mean_label),
                      Transform(lit, highlight(VGroup(self.mean_arrow, self.mean_label), filled=True)), run_time=b.part(0.35))
            self.play(FadeOut(lit), run_time=b.part(0.1))
        with self.beat("bound", "So the largest eigenvalue is at least |m|²: a large mean makes it large.") as b:
            self.play(Write(self.bound), run_time=b.part(0.3))
            self.play(FadeIn(self.bound_value), run_time=b.part(0.15))
            lit, self.lit = highlight(self.bound_value, filled=True), highlight(self.numbers[0][0], filled=True)
            self.play(FadeIn(lit), run_time=b.part(0.1))
            self.play(ReplacementTransform(lit, self.lit), run_time=b.part(0.25))

    def raw_descent(self) -> None:
        with self.beat("zigzag", "With its best fixed step, gradient descent zig-zags along the narrow valley.") as b:
            self.play(FadeOut(self.lit), Create(self.panels[0]["path"]), run_time=b.part(0.7), rate_func=linear)
            self.play(FadeIn(self.numbers[0][2]), run_time=b.part(0.15))

    def centre(self) -> None:
        v = self.v
        shift = self.inputs.c2p(*(-np.array(v.sample_mean))) - self.inputs.c2p(0, 0)
        drop = "drops" if v.condition_centred < v.condition_raw else "changes"
        with self.beat("centre", f"Centre the inputs: the m mᵀ term vanishes, H becomes S and k {drop}.") as b:
            origin = self.inputs.c2p(0, 0)
            self.play(self.cloud.animate.shift(shift), self.mean_arrow.animate.put_start_and_end_on(origin, origin),
                      FadeOut(self.mean_label), run_time=b.part(0.4))
            self.remove(self.mean_arrow)
            self.play(FadeIn(self.centred), run_time=b.part(0.2))
            lit = highlight(self.centred, filled=True)
            self.play(FadeIn(lit), run_time=b.part(0.2))
            self.lit = lit

    def scale(self) -> None:
        """Beats ``scale`` and ``fewer``: the standardised cloud, its rounder contours and its shorter descent."""
        v, std, numbers = self.v, self.panels[1], self.numbers
        rounder = "nearly round" if v.condition_standardised < 2 else "rounder"
        with self.beat("scale", f"Then scale each input to unit spread: the contours become {rounder}.") as b:
            self.play(Transform(self.cloud, self.cloud_std), FadeOut(self.lit), run_time=b.part(0.4))
            self.play(FadeIn(self.titles[1]), FadeIn(std["plane"]), Create(std["contours"]),
                      FadeIn(std["start"]), FadeIn(numbers[1][:2]), run_time=b.part(0.4))
        fewer = v.iterations_standardised is not None and (
            v.iterations_raw is None or v.iterations_standardised < v.iterations_raw)
        with self.beat("fewer", "Descent now reaches the same tolerance in far fewer steps." if fewer else
                       "Compare how many steps descent needs to reach the same tolerance.") as b:
            self.play(Create(std["path"]), run_time=b.part(0.5), rate_func=linear)
            self.play(FadeIn(numbers[1][2]), run_time=b.part(0.2))

    def conclude(self) -> None:
        """Beat ``why``: a highlight moves from k before to k after, then from the step count before to after."""
        rows = [self.numbers[0][1], self.numbers[1][1], self.numbers[0][2], self.numbers[1][2]]
        with self.beat("why", "Same optimiser, better-conditioned Hessian: that is why normalising helps.") as b:
            lit = highlight(rows[0], filled=True)
            self.play(FadeIn(lit), run_time=b.part(0.12))
            for row in rows[1:]:
                self.play(Transform(lit, highlight(row, filled=True)), run_time=b.part(0.22))

    def _weight_panel(self, panel: WeightPanel) -> dict:
        """The plane, contours, start point and descent path of a weight panel from its values."""
        plane = C.plane(panel.x_range, panel.y_range, PANEL / (panel.x_range[1] - panel.x_range[0]))
        contours = C.contour_family(plane, [C.ellipse_of(e) for e in panel.contours])
        path = C.polyline(plane, np.array(panel.path), theme.ITERATE, width=N_PATH_STROKE)
        path.set_stroke(opacity=N_PATH_OPACITY)
        start = Dot(plane.c2p(*START), color=theme.ITERATE, radius=N_START_DOT)
        return {"plane": plane, "contours": contours, "path": path, "start": start}

    def _numbers(self, name: str, plane) -> VGroup:
        v = self.v
        eigenvalues = self.show(f"eigenvalues_{name}", getattr(v, f"eigenvalues_{name}"))
        k = self.show(f"condition_{name}", getattr(v, f"condition_{name}"))
        steps = self.show(f"iterations_{name}", getattr(v, f"iterations_{name}"))
        tol = C.power_tex(v.tolerance)
        rows = VGroup(
            C.tex(r"\lambda = " + C.fmt(eigenvalues[0]) + r",\ " + C.fmt(eigenvalues[1]), size=theme.BODY,
                  color=theme.EIGEN_2),
            C.tex(r"k = " + C.fmt(k), size=theme.BODY, color=theme.CURVATURE),
            C.tex(r"\text{steps to } " + tol + r":\ " + _steps_tex(steps), size=theme.BODY, color=theme.ITERATE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=N_ROWS_GAP)
        return rows.next_to(plane, DOWN, buff=theme.BUFF).align_to(plane, LEFT)


# ----------------------------------------------------------------------------------------------
# Scene 14: heavy-ball momentum on an ill-conditioned quadratic.


@dataclass(frozen=True)
class MomentumParams(SceneParams):
    eigenvalues: tuple[float, ...] = param(valley.EIGENVALUES, "Hessian eigenvalues, smallest first", min=0.001,
                                           max=100, length=2)
    angle: float = param(valley.FLAT_ANGLE_DEG, "direction of the eigenvector v1, degrees", min=-180, max=180)
    start: tuple[float, ...] = param((-3.2, 0.4), "common starting point (x1, x2)", min=-10, max=10, length=2)
    step: float = param("optimal", "momentum step a, or optimal: the best a for the eigenvalues", min=0.001, max=100,
                        word="optimal")
    beta: float = param("optimal", "momentum b, or optimal: the best b for the eigenvalues", min=0, max=0.999,
                        word="optimal")
    steps: int = param(40, "iterations shown", min=5, max=MAX_STEPS)

    def check(self) -> None:
        if self.eigenvalues[0] > self.eigenvalues[1]:
            raise ValidationError(f"eigenvalues = {list(self.eigenvalues)}: must be ascending (smallest first)")
        if math.hypot(*self.start) < 0.1:
            raise ValidationError(f"start = {list(self.start)}: must be at least 0.1 away from the minimum (0, 0)")


def _finite_list(values: np.ndarray) -> list:
    """A float array as a list for values(), with inf and nan (a diverged run) as None."""
    return [float(x) if np.isfinite(x) else None for x in values]


VALLEY_W, VALLEY_H = 3.2, 1.25  # half-width and half-height of each valley plane on screen
M_REACH_CAP = 3.0  # the valley's window holds the runs up to this multiple of the start
M_MARGINS = (1.08, 1.12)  # ... reaching these factors beyond them along x1 and x2
M_MIN_REACH = (0.5, 0.3)  # ... and at least this far along x1 and x2, math units
M_HEADING_GAP = 0.75  # between the heading and the upper valley plane, scene units
M_PLANES_GAP = 0.6  # between the two valley planes, scene units
M_PATH_DOT = 0.035  # radius of an iterate on a valley plane, scene units
M_LABEL_GAP = 0.1  # between a valley plane and its label above it, scene units
M_START_DOT = 0.06  # radius of the start both runs share, scene units
M_PANEL_ROWS_GAP = 0.25  # between the rows of the valley's side panel, scene units
M_PLOT_WIDTH = 5.6  # the error plots' width, scene units
M_ERROR_HEIGHT = 2.6  # the height of the plot of both runs' errors, scene units
M_DIRECTION_HEIGHT = 2.2  # the height of each eigen-direction's error plot, scene units
M_TICK_GAP = 0.12  # between the error axis and its powers of ten, scene units
M_KEY_GAP = 0.4  # between the entries of a legend in a row, scene units
M_KEY_ROWS_GAP = 0.1  # between the entries of the error plot's legend, stacked, scene units
M_LEGEND_GAP = 0.15  # between the error plot's origin and its legend, scene units
M_LEGEND_INSET = 0.3  # ... which is moved this far right, scene units
M_CURVE_STROKE = 3  # a run's error curve, stroke width
M_HEADROOM = 1.1  # an eigen-direction's error plot reaches this factor beyond its largest error
M_TITLE_GAP = 0.25  # between a direction's name and its eigenvalue, scene units
M_PLOT_TITLE_GAP = 0.1  # between a direction's title and its plot, scene units
M_LEGEND_BELOW = 0.2  # between the direction plots and their legend, scene units
M_PANEL_GAP = 0.6  # between the direction plots and the panel beside them, scene units
M_RECURRENCE_ROWS_GAP = 0.35  # between the rows of that panel, scene units
M_TRACE_STROKE = 6  # the flash along momentum's error curves, stroke width



@dataclass(frozen=True)
class MomentumValues(SceneValues):
    """What the momentum scene shows: descent and heavy-ball momentum on one valley, their rates, errors and paths.
    The dicts are keyed by run, "descent" and "momentum"; a diverged run's non-finite numbers are None."""

    eigenvalues: list[float]
    condition: float  # k
    descent_step: float  # the best step of plain descent
    descent_rate: float  # (k - 1)/(k + 1)
    step_bound: float  # 2 / l_max
    optimal_step: float
    optimal_beta: float
    optimal_rate: float
    step: float  # momentum's step, as given or optimal
    beta: float
    momentum_rate: float
    stable: bool  # momentum converges in every eigen-direction
    optimal: bool  # step and beta are both the optimal ones
    widest_swing: dict[str, float]  # the largest |e_2| (steep direction) of each run
    wider: bool  # momentum swings wider than descent
    errors: dict[str, list[float | None]]  # |x_t - x*| of each run
    ahead_from: int | None  # from this t on momentum's error is the smaller
    window: list[float]  # half-width, half-height and tick of the valley's planes
    unit: float  # screen units per unit of x
    contours: list[EllipseRecord]
    paths: dict[str, list[list[float]]]  # each run inside the window
    log_errors: dict[str, list[float | None]]  # log10 of errors
    components: dict[str, list[list[float | None]]]  # each run's eigen-components, one list per direction


class MomentumScene(LectureScene):
    """Plain gradient descent against heavy-ball momentum on a narrow valley: the paths (momentum's first swings
    wider, its step being above 2 / l_max), the distance to the minimum on a log scale (momentum's falls far faster),
    and the error direction by direction."""

    Params = MomentumParams
    chapter = 4
    title = "Momentum"
    summary = (
        "Heavy-ball momentum swings wider at first (a > 2/l_max), then its error falls far faster than plain descent's."
    )

    @classmethod
    def values(cls, p: MomentumParams) -> MomentumValues:
        eigenvalues = list(p.eigenvalues)
        best = momentum.optimal_momentum(eigenvalues)
        step = best.step if p.step == "optimal" else p.step
        beta = best.beta if p.beta == "optimal" else p.beta
        q = quadratic.from_eigen(eigenvalues, math.radians(p.angle))
        gd_step = descent.best_step(eigenvalues)
        runs = {"descent": descent.descent_on_quadratic(q, p.start, gd_step, p.steps),
                "momentum": momentum.heavy_ball_on_quadratic(q, p.start, step, beta, p.steps)}
        with np.errstate(all="ignore"):
            errors = {key: np.linalg.norm(xs - q.minimiser(), axis=1) for key, xs in runs.items()}
        parts = {key: descent.eigen_coordinates(q, xs) for key, xs in runs.items()}
        behind = np.flatnonzero(~(errors["momentum"] < errors["descent"]))  # nan (diverged) counts as behind
        ahead = int(behind[-1]) + 1 if behind.size else 0
        widest = {key: float(np.nanmax(np.abs(c[:, 1]))) for key, c in parts.items()}
        return MomentumValues(
            eigenvalues=eigenvalues,
            condition=q.condition_number(),
            descent_step=gd_step,
            descent_rate=descent.best_rate(eigenvalues),
            step_bound=descent.stable_step_bound(eigenvalues),
            optimal_step=best.step,
            optimal_beta=best.beta,
            optimal_rate=best.rate,
            step=step,
            beta=beta,
            momentum_rate=momentum.momentum_rate(eigenvalues, step, beta),
            stable=all(momentum.is_stable(step, beta, l) for l in eigenvalues),
            optimal=p.step == p.beta == "optimal",
            widest_swing=widest,
            wider=widest["momentum"] > widest["descent"],
            errors={key: _finite_list(e) for key, e in errors.items()},
            ahead_from=ahead if ahead <= p.steps else None,
            **cls.drawing(p, q, runs, errors, parts),
        )

    @staticmethod
    def drawing(p: MomentumParams, q, runs: dict, errors: dict, parts: dict) -> dict[str, Any]:
        """The valley's window (wide enough for both runs' first swings), its contours, each run's path inside the
        window, log10 of each run's error and each run's eigen-components (both clipped to finite values)."""
        start = np.array(p.start)
        reach = np.abs(np.concatenate([xs[np.isfinite(xs).all(axis=1)] for xs in runs.values()]))
        reach = np.minimum(reach.max(axis=0), M_REACH_CAP * np.abs(start).max())
        unit = min(VALLEY_W / max(M_MARGINS[0] * reach[0], M_MIN_REACH[0]),
                   VALLEY_H / max(M_MARGINS[1] * reach[1], M_MIN_REACH[1]))
        hx, hy = VALLEY_W / unit, VALLEY_H / unit
        top = quadratic.largest_level_in_box(q, theme.FIT_MARGIN * hx, theme.FIT_MARGIN * hy)
        contours = [C.ellipse_record(quadratic.ellipse(q, f * top)) for f in (1.0, 0.45, 0.18, 0.05)]
        paths = {}
        for key, xs in runs.items():
            leave = descent.first_exit(xs, ((-hx, hx), (-hy, hy)))
            paths[key] = xs[: leave if leave is not None else len(xs)].tolist()
        with np.errstate(all="ignore"):
            logs = {key: np.log10(e) for key, e in errors.items()}
        return {
            "window": [hx, hy, C.nice_step(2 * hx, 12)],
            "unit": unit,
            "contours": contours,
            "paths": paths,
            "log_errors": {key: _finite_list(e) for key, e in logs.items()},
            "components": {key: [_finite_list(c[:, i]) for i in range(2)] for key, c in parts.items()},
        }

    def construct(self) -> None:
        self.build_valley()
        self.valley()
        self.descent_run()
        self.momentum_run()
        self.error_plot()
        self.clear_valley()
        self.build_directions()
        self.split()
        self.recurrence()
        self.conclude()

    def build_valley(self) -> None:
        """Both runs on the valley (two wide planes, one above the other, with the same contours) and the right-hand
        column: the numbers, the update rule, the step bound and the plot of each run's error on a log scale."""
        p, v = self.p, self.v
        self.heading = C.heading("Momentum in a narrow valley")
        hx, hy, tick = v.window
        planes = self.planes = [C.plane([-hx, hx, tick], [-hy, hy, tick], v.unit) for _ in range(2)]
        planes[0].next_to(self.heading, DOWN, buff=M_HEADING_GAP).to_edge(LEFT, buff=theme.EDGE)
        planes[1].next_to(planes[0], DOWN, buff=M_PLANES_GAP)
        C.above_captions(VGroup(*planes))
        self.contours = [C.contour_family(plane, [C.ellipse_of(e) for e in v.contours]) for plane in planes]
        self.paths = [C.trajectory(plane, np.array(v.paths[key]), color=color, dot_radius=M_PATH_DOT)
                      for plane, key, color in zip(planes, ("descent", "momentum"), (theme.ITERATE, theme.MOMENTUM))]
        self.labels = [
            C.legend_entry("gradient descent, best fixed step", theme.ITERATE),
            C.legend_entry("heavy-ball momentum", theme.MOMENTUM),
        ]
        for label, plane in zip(self.labels, planes):
            label.next_to(plane, UP, buff=M_LABEL_GAP).align_to(plane, LEFT)
        self.starts = [Dot(plane.c2p(*p.start), color=theme.TEXT, radius=M_START_DOT) for plane in planes]

        l1, l2 = self.show("eigenvalues", v.eigenvalues)
        self.eig_row = C.tex(rf"\lambda = {C.fmt(l1)},\ {C.fmt(l2)},\quad k = "
                             + C.fmt(self.show("condition", v.condition)), size=theme.BODY, color=theme.CURVATURE)
        self.gd_row = C.tex(r"\text{descent: } a = " + C.fmt(self.show("descent_step", v.descent_step)),
                            size=theme.BODY, color=theme.ITERATE)
        self.update = C.tex(r"x_{t+1} = x_t - a\nabla f(x_t)", r"+\, b\,(x_t - x_{t-1})", size=theme.BODY)
        self.hb_row = C.tex(r"\text{momentum: } a = " + C.fmt(self.show("step", v.step)) + r",\ b = "
                            + C.fmt(self.show("beta", v.beta)), size=theme.BODY)
        bound = C.fmt(self.show("step_bound", v.step_bound))
        self.bound_row = C.tex(rf"a > 2/\lambda_{{\max}} = {bound}" if v.step > v.step_bound else
                               rf"a \le 2/\lambda_{{\max}} = {bound}", size=theme.BODY, color=theme.UNSTABLE
                               if v.step > v.step_bound else theme.STABLE)
        self.error_frame = self._error_plot()
        self.error_mark = None  # the line at the step from which momentum stays ahead, once drawn
        C.side_panel(self.eig_row, self.gd_row, self.update, self.hb_row, self.bound_row, self.error_frame,
                     beside=planes[0], buff=M_PANEL_ROWS_GAP)
        self.error_curves = self._error_curves(self.error_frame[0])

    def _error_plot(self) -> VGroup:
        """The axes of log10 |x_t - x*| over t, drawn from the lowest power of ten shown (so that the t axis lies at
        the bottom) with its ticks labelled as powers of ten, and the plot's legend."""
        v, steps = self.v, self.p.steps
        logs = np.concatenate([np.array(e, dtype=float) for e in v.log_errors.values()])
        lo, hi = math.floor(np.nanmin(logs)), math.ceil(np.nanmax(logs))
        tick = max(1, math.ceil((hi - lo) / 4))
        lo = hi - tick * math.ceil((hi - lo) / tick)
        frame = C.loss_axes([0, steps, max(5, 10 * round(steps / 50))], [0, hi - lo, tick],
                            width=M_PLOT_WIDTH, height=M_ERROR_HEIGHT, x_label="t", y_label=r"|x_t - x^\ast|")
        axes = frame[0]
        powers = VGroup(*[C.tex(rf"10^{{{k}}}", size=theme.SMALL, color=theme.MUTED).next_to(axes.c2p(0, k - lo), LEFT,
                                                                                              buff=M_TICK_GAP)
                          for k in range(lo, hi + 1, tick)])
        legend = VGroup(C.legend_entry("descent", theme.ITERATE, theme.SMALL),
                        C.legend_entry("momentum", theme.MOMENTUM, theme.SMALL)).arrange(RIGHT, buff=M_KEY_GAP)
        legend.arrange(DOWN, aligned_edge=LEFT, buff=M_KEY_ROWS_GAP)
        legend.next_to(axes.c2p(0, 0), UP + RIGHT, buff=M_LEGEND_GAP).shift(RIGHT * M_LEGEND_INSET)
        self.y_lo = lo
        return VGroup(axes, frame[1], powers, legend)

    def _error_curves(self, axes) -> list[VMobject]:
        """Each run's log10 error over t, on the placed axes (clipped at the bottom)."""
        v = self.v
        curves = []
        for key, color in (("descent", theme.ITERATE), ("momentum", theme.MOMENTUM)):
            ys = np.array(v.log_errors[key], dtype=float)
            ok = np.isfinite(ys)
            points = np.column_stack([np.arange(len(ys))[ok], np.clip(ys[ok] - self.y_lo, 0, axes.y_range[1])])
            curves.append(C.polyline(axes, points, color, width=M_CURVE_STROKE))
        return curves

    def valley(self) -> None:
        with self.beat("valley", "Take a narrow valley: a quadratic with very different eigenvalues.") as b:
            self.play(FadeIn(self.heading), *[FadeIn(pl) for pl in self.planes], *[Create(cn) for cn in self.contours],
                      run_time=b.part(0.4))
            self.play(FadeIn(self.eig_row), *[FadeIn(x) for x in self.starts], run_time=b.part(0.25))

    def descent_run(self) -> None:
        with self.beat("descent", "Plain descent with its best fixed step zig-zags across, and creeps along.") as b:
            self.play(FadeIn(self.labels[0]), FadeIn(self.gd_row), run_time=0.6)
            self.play(Create(self.paths[0]), run_time=b.part(0.75), rate_func=linear)

    def momentum_run(self) -> None:
        """Beats ``update`` and ``damps``: the heavy-ball rule, then its run from the same start; when it swings wider
        than descent, its first swings are traced and the bound 2 / l_max its step exceeds is shown."""
        v = self.v
        with self.beat("update", "Momentum adds b times the previous step to every gradient step.") as b:
            self.play(Write(self.update), run_time=b.part(0.4))
            lit = highlight(self.update[1])  # the term the words name: b times the previous step
            self.play(FadeIn(self.labels[1]), FadeIn(self.hb_row), Create(lit), run_time=b.part(0.3))
        with self.beat("damps", self._damps_line()) as b:
            # the frame moves to the start both runs share, then leaves while the momentum path is drawn from it
            self.play(Create(self.paths[1]), Succession(Transform(lit, highlight(self.starts[1])), Wait(),
                                                        FadeOut(lit)),
                      run_time=b.until(1) if len(b.cues) > 1 else b.part(0.85), rate_func=linear)
            if len(b.cues) > 1:
                swings = min(1.0, 2 / max(1, len(v.paths["momentum"]) - 1))  # its first two steps
                first = self.paths[1][0].copy().pointwise_become_partial(self.paths[1][0], 0, swings)
                flash = first.set_stroke(color=theme.HIGHLIGHT, width=theme.FLASH)
                self.play(FadeIn(self.bound_row), ShowPassingFlash(flash, time_width=0.6), run_time=b.part(0.3))

    def _damps_line(self) -> str:
        v = self.v
        if not v.stable:
            return "From the same start it swings ever wider: with this a and b it diverges."
        if v.wider and v.step > v.step_bound:
            return ("From the same start it swings wider at first. "
                    "Its step a is above two over the largest eigenvalue.")
        if v.wider:
            return "From the same start it swings wider at first. Watch where it ends."
        return "From the same start it swings less and speeds along the valley."

    def error_plot(self) -> None:
        """Beat ``error``: each run's distance to the minimum over the steps on a log scale, traced together."""
        v = self.v
        ahead = v.ahead_from
        verdict = (f"From step {ahead} on, momentum's error stays below and falls far faster." if ahead is not None
                   and ahead < self.p.steps else "Here momentum's error does not end below descent's.")
        with self.beat("error", f"Now each run's distance to the minimum, on a log scale. {verdict}") as b:
            self.show("ahead_from", ahead)
            self.play(FadeIn(self.error_frame), run_time=b.part(0.15))
            self.play(*[Create(c) for c in self.error_curves], run_time=b.until(1), rate_func=linear)
            if ahead is not None and ahead < self.p.steps:
                axes = self.error_frame[0]
                self.error_mark = DashedLine(axes.c2p(ahead, axes.y_range[0]), axes.c2p(ahead, axes.y_range[1]),
                                             color=theme.HIGHLIGHT, stroke_width=theme.THIN)
                self.play(Create(self.error_mark), run_time=b.part(0.15))
                trace = self.error_curves[1].copy().set_stroke(color=theme.HIGHLIGHT, width=theme.FLASH)
                self.play(ShowPassingFlash(trace, time_width=0.4), run_time=b.part(0.3))

    def clear_valley(self) -> None:
        extra = [self.error_mark] if self.error_mark is not None else []
        self.play(*[FadeOut(m) for m in (*self.planes, *self.contours, *self.paths, *self.labels, *self.starts,
                                         self.eig_row, self.gd_row, self.hb_row, self.bound_row, self.error_frame,
                                         *self.error_curves, *extra)], run_time=0.8)

    def build_directions(self) -> None:
        """Each run's error along each eigenvector over the iterations, and the panel of the recurrence and rates
        (the update rule moves to its top)."""
        p, v = self.p, self.v
        parts = v.components
        t = np.arange(p.steps + 1)
        plots = self.plots = VGroup()
        axes_list, tops = [], []
        self.lambda_labels = []
        for i, (color, name) in enumerate(((theme.EIGEN_1, "flat"), (theme.EIGEN_2, "steep"))):
            finite = np.abs(np.concatenate([np.array(parts[key][i], dtype=float) for key in parts]))
            top = float(np.nanmax(finite)) * M_HEADROOM
            frame = C.loss_axes([0, p.steps, max(5, 10 * round(p.steps / 50))], [-top, top, top],
                                width=M_PLOT_WIDTH, height=M_DIRECTION_HEIGHT, x_label="t", y_label=rf"e_{i + 1}")
            label = C.tex(rf"\lambda_{i + 1} = {C.fmt(v.eigenvalues[i])}", size=theme.BODY, color=color)
            title = VGroup(C.text(f"{name} direction", theme.LABEL, color), label).arrange(RIGHT, buff=M_TITLE_GAP)
            plots.add(VGroup(title, frame).arrange(DOWN, aligned_edge=LEFT, buff=M_PLOT_TITLE_GAP))
            axes_list.append(frame[0])
            tops.append(top)
            self.lambda_labels.append(label)
        plots.arrange(DOWN, aligned_edge=LEFT, buff=theme.BUFF).next_to(self.heading, DOWN, buff=theme.BUFF).to_edge(
            LEFT, buff=theme.EDGE)
        self.legend = VGroup(C.legend_entry("descent", theme.ITERATE), C.legend_entry("momentum", theme.MOMENTUM))
        self.legend.arrange(RIGHT, buff=M_KEY_GAP).next_to(plots, DOWN, buff=M_LEGEND_BELOW).align_to(plots, LEFT)
        C.above_captions(VGroup(plots, self.legend))
        self.curves = {"descent": [], "momentum": []}  # drawn after placing: c2p reads the axes' final position
        for i, (axes, top) in enumerate(zip(axes_list, tops)):
            for key, line_color in (("descent", theme.ITERATE), ("momentum", theme.MOMENTUM)):
                values = np.clip(np.array(parts[key][i], dtype=float), -top, top)
                ok = np.isfinite(values)
                self.curves[key].append(C.polyline(axes, np.column_stack([t[ok], values[ok]]), line_color,
                                                      width=M_CURVE_STROKE))

        self.recurrence_tex = C.tex(
            r"\begin{bmatrix} e_{t+1} \\ e_t \end{bmatrix} = "
            r"\begin{bmatrix} 1 + b - a\lambda & -b \\ 1 & 0 \end{bmatrix}"
            r"\begin{bmatrix} e_t \\ e_{t-1} \end{bmatrix}",
            size=theme.BODY,
        )
        self.best = [
            C.tex(r"a^\ast = \Big(\tfrac{2}{\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}}}\Big)^2 = "
                  + C.fmt(self.show("optimal_step", v.optimal_step)), size=theme.BODY),
            C.tex(r"b^\ast = \Big(\tfrac{\sqrt{k} - 1}{\sqrt{k} + 1}\Big)^2 = "
                  + C.fmt(self.show("optimal_beta", v.optimal_beta)), size=theme.BODY),
        ]
        self.rates = [
            C.tex(r"\text{momentum: } \tfrac{\sqrt{k} - 1}{\sqrt{k} + 1} = "
                  + C.fmt(self.show("optimal_rate", v.optimal_rate)), size=theme.BODY),
            C.tex(r"\text{descent: } \tfrac{k - 1}{k + 1} = " + C.fmt(self.show("descent_rate", v.descent_rate)),
                  size=theme.BODY, color=theme.ITERATE),
        ]
        if not v.optimal:
            verdict = "" if self.show("stable", v.stable) else r"\ \text{(does not converge)}"
            self.rates.append(C.tex(r"\text{rate at your } a, b:\ "
                                    + C.fmt(self.show("momentum_rate", v.momentum_rate)) + verdict, size=theme.BODY))
        self.slot = self.update.copy()
        C.side_panel(self.slot, self.recurrence_tex, *self.best, *self.rates, beside=plots, gap=M_PANEL_GAP,
                     buff=M_RECURRENCE_ROWS_GAP)

    def split(self) -> None:
        with self.beat("split", "Split each run's error along the two eigenvectors of the Hessian.") as b:
            self.play(FadeIn(self.plots), FadeIn(self.legend), Transform(self.update, self.slot), run_time=b.part(0.25))
            self.play(*[Create(line) for lines in self.curves.values() for line in lines], run_time=b.part(0.6),
                      rate_func=linear)

    def recurrence(self) -> None:
        """Beats ``recurrence``, ``best`` and ``rate``: the two-term recurrence, the best a and b, and the rates."""
        with self.beat("recurrence", "Momentum does not just shrink steep steps: each direction obeys a recurrence.") as b:
            self.play(Write(self.recurrence_tex), run_time=b.part(0.5))
            self._light_in_turn([self.recurrence_tex], b.part(0.3))
        with self.beat("best", "With the best a and b, every direction shrinks by the same factor per step."
                       if self.v.optimal else
                       "Here a and b are your own; the best pair for this k is shown for reference.") as b:
            self.play(*[FadeIn(m) for m in self.best], run_time=b.part(0.3))
            self._light_in_turn(self.best, b.part(0.45))
        with self.beat("rate", "Its rate depends on the square root of k, where plain descent's depends on k.") as b:
            self.play(*[FadeIn(m) for m in self.rates], run_time=b.part(0.3))
            self._light_in_turn(self.rates[:2], b.part(0.45))

    def _light_in_turn(self, rows: list, seconds: float) -> None:
        """A lit frame visits ``rows`` one after the other over ``seconds``, then goes out."""
        lit = highlight(rows[0], filled=True)
        share = seconds / (len(rows) + 1)
        self.play(FadeIn(lit), run_time=share)
        for row in rows[1:]:
            self.play(Transform(lit, highlight(row, filled=True)), run_time=share)
        self.play(FadeOut(lit), run_time=share)

    def conclude(self) -> None:
        """Beat ``changes``: a highlight runs along momentum's error curves, then frames the eigenvalues, which are
        the same for both runs."""
        with self.beat("changes", "So momentum changes how the error evolves, not the Hessian itself.") as b:
            traces = [c.copy().set_stroke(color=theme.HIGHLIGHT, width=M_TRACE_STROKE)
                      for c in self.curves["momentum"]]
            self.play(*[ShowPassingFlash(c, time_width=0.4) for c in traces], run_time=b.part(0.45))
            frames = [highlight(label, filled=True) for label in self.lambda_labels]
            self.play(*[Create(f) for f in frames], run_time=b.part(0.3))


SCENES = [
    ("chapter4", Chapter4Card),
    ("taylor", TaylorScene),
    ("normalise", NormaliseScene),
    ("momentum", MomentumScene),
]
