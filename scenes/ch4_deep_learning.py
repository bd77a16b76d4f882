"""Chapter 4, the Hessian and deep learning: Taylor models, normalised inputs and momentum."""

from __future__ import annotations

import math
from dataclasses import dataclass
from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Create,
    Dot,
    FadeIn,
    FadeOut,
    ManimColor,
    Transform,
    ValueTracker,
    VGroup,
    VMobject,
    Write,
    always_redraw,
    linear,
)

from mathcore import descent, functions, least_squares, momentum, quadratic, taylor
from mathcore.errors import ValidationError
from scenes import components as C
from scenes import theme
from scenes.base import LectureScene
from scenes.cards import ChapterCard
from scenes.params import LOSS_1D_NAMES, LOSS_2D_NAMES, MAX_STEPS, SceneParams, param



class Chapter4Card(ChapterCard):
    chapter = 4
    summary = "Opens chapter 4: Taylor models, normalised inputs and momentum."
    questions = (
        "Why does the quadratic picture apply locally?",
        "Why does normalising the inputs help?",
        "What does momentum change?",
    )
    narration = "Chapter four turns to training: Taylor models, normalising and momentum."


# ----------------------------------------------------------------------------------------------
# Chapter helpers: layout and colour only (every number comes from mathcore).


def _hex_rgb(color: str) -> np.ndarray:
    """'#RRGGBB' as three floats in [0, 1]."""
    return np.array([int(color[i : i + 2], 16) for i in (1, 3, 5)], dtype=float) / 255.0


def _band_colours(count: int, color: str = theme.LOSS) -> np.ndarray:
    """``count`` colours from dim to bright ``color`` over the background, shape (count, 3) in [0, 255]."""
    back, front = _hex_rgb(theme.BACKGROUND), _hex_rgb(color)
    mix = 0.1 + 0.75 * np.linspace(0.0, 1.0, count) ** 1.5
    return np.round(255 * ((1 - mix)[:, None] * back + mix[:, None] * front)).astype(np.uint8)


def _band_fill(values: np.ndarray, levels: np.ndarray, plane, color: str = theme.LOSS) -> VGroup:
    """Sampled loss values (rows from top to bottom, over ``plane``'s box) drawn in bands between ``levels``, lower
    bands darker: one filled VMobject per band made of the row runs of its cells (vector shapes, because manim's
    ImageMobject cannot be drawn by the Cairo renderer under Pillow 13). The band edges are the loss's contours."""
    rows, columns = values.shape
    bands = np.searchsorted(levels, values)
    lo = plane.c2p(plane.x_range[0], plane.y_range[0])
    hi = plane.c2p(plane.x_range[1], plane.y_range[1])
    dx, dy = (hi[0] - lo[0]) / columns, (hi[1] - lo[1]) / rows
    overlap = 0.35 * min(dx, dy)  # hides hairline seams between neighbouring cells
    corners: list[list[np.ndarray]] = [[] for _ in range(len(levels) + 1)]
    for r in range(rows):
        row = bands[r]
        edges = np.flatnonzero(np.diff(row)) + 1
        starts, stops = np.concatenate([[0], edges]), np.concatenate([edges, [columns]])
        y1 = hi[1] - r * dy
        y0 = y1 - dy
        for a, b in zip(starts, stops):
            x0, x1 = lo[0] + a * dx, lo[0] + b * dx
            corners[row[a]].append(np.array([[x0 - overlap, y0 - overlap], [x1 + overlap, y0 - overlap],
                                             [x1 + overlap, y1 + overlap], [x0 - overlap, y1 + overlap]]))
    colours = _band_colours(len(levels) + 1, color)
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


# ----------------------------------------------------------------------------------------------
# Scene 12: the second-order Taylor model.

INTRO_1D = {
    "double_well": "Real losses are not quadratic: this one has two valleys and a hump.",
    "logcosh": "Real losses are not quadratic: this one is convex but not a parabola.",
    "bowl": "This loss happens to be quadratic, so its model will be exact.",
    "sharp": "This loss happens to be quadratic, so its model will be exact.",
    "flat": "This loss happens to be quadratic, so its model will be exact.",
}

SHAPE_NOTES = {
    "positive definite": "positive definite: ellipses",
    "negative definite": "negative definite: a cap, no ellipses",
    "singular": "singular: a flat direction, no ellipses",
    "indefinite": "indefinite: a saddle, no ellipses",
}


@dataclass(frozen=True)
class TaylorParams(SceneParams):
    function_1d: str = param("double_well", "1-D loss from mathcore's library", choices=LOSS_1D_NAMES)
    points_1d: tuple[float, ...] = param(
        (-1.5, 0.15, 1.2), "three stops of the point in 1-D, inside the loss's domain", min=-10, max=10, length=3
    )
    function_2d: str = param("rosenbrock", "2-D loss from mathcore's library", choices=LOSS_2D_NAMES)
    points_2d: tuple[float, ...] = param(
        (-1.0, 0.5, 0.0, 1.0, 1.0, 1.0),
        "three stops of the point in 2-D as x1, x2, x1, x2, x1, x2, inside the loss's domain",
        min=-10,
        max=10,
        length=6,
    )

    def check(self) -> None:
        lo, hi = functions.loss_1d(self.function_1d).domain
        for x in self.points_1d:
            if not lo <= x <= hi:
                raise ValidationError(
                    f"points_1d = {list(self.points_1d)}: each must lie in the domain of {self.function_1d}, [{lo:g}, {hi:g}]"
                )
        (a1, b1), (a2, b2) = functions.loss_2d(self.function_2d).domain
        for x1, x2 in np.reshape(self.points_2d, (3, 2)):
            if not (a1 <= x1 <= b1 and a2 <= x2 <= b2):
                raise ValidationError(
                    f"points_2d = {list(self.points_2d)}: each point must lie in the domain of {self.function_2d}, "
                    f"[{a1:g}, {b1:g}] x [{a2:g}, {b2:g}]"
                )


def _model_ellipses(model: taylor.TaylorModel, levels: np.ndarray, limit: float) -> tuple[list, list]:
    """The model's contour ellipses when its Hessian is positive definite (else none): those at the two loss heights of
    ``levels`` just below and the two just above f(x0) (above the model's minimum), and the one through the model's
    own point (height f(x0)); ellipses with a semi-axis longer than ``limit`` are left out."""
    q = model.as_quadratic()
    if q.shape_class() != "positive definite":
        return [], []
    floor = q.min_value()

    def fits(e) -> bool:
        return float(np.max(e.semi_axes)) <= limit

    levels = np.asarray(levels)
    near = np.concatenate([levels[(levels > floor) & (levels < model.f0)][-2:], levels[levels > max(floor, model.f0)][:2]])
    family = [e for e in (quadratic.ellipse(q, c - floor) for c in near) if fits(e)]
    through = [e for e in [quadratic.ellipse(q, model.f0 - floor)] if fits(e)] if model.f0 > floor else []
    return family, through


def _contour_levels(heights: np.ndarray, through: Sequence[float], count: int = 9) -> np.ndarray:
    """Band levels for a picture of ``heights``: ``count`` levels spaced like a bowl's (denser near the bottom) plus
    the heights ``through`` (so that a band edge passes through each of those points); near-duplicates merged."""
    lo, hi = float(np.min(heights)), float(np.quantile(heights, 0.9))
    levels = np.concatenate([lo + (hi - lo) * np.linspace(0.12, 1.0, count) ** 2, np.asarray(through, dtype=float)])
    levels = np.sort(levels)
    keep = np.concatenate([[True], np.diff(levels) > 0.02 * (hi - lo)])
    return levels[keep]


class TaylorScene(LectureScene):
    """A non-quadratic loss and its second-order Taylor model following a moving point, in 1-D then 2-D."""

    Params = TaylorParams
    chapter = 4
    title = "Taylor expansion"
    summary = "Near any point a smooth loss looks like a quadratic: its second-order Taylor model."

    @classmethod
    def values(cls, p: TaylorParams) -> dict[str, Any]:
        loss1, loss2 = functions.loss_1d(p.function_1d), functions.loss_2d(p.function_2d)
        models_1d = [taylor.taylor_1d(loss1, x) for x in p.points_1d]
        points_2d = np.reshape(p.points_2d, (3, 2))
        models_2d = [taylor.taylor_2d(loss2, x) for x in points_2d]
        quads = [m.as_quadratic() for m in models_2d]
        return {
            "function_1d": loss1.name,
            "points_1d": list(p.points_1d),
            "value_1d": [m.f0 for m in models_1d],
            "slope_1d": [float(m.g[0]) for m in models_1d],
            "curvature_1d": [float(m.H[0, 0]) for m in models_1d],
            "function_2d": loss2.name,
            "points_2d": points_2d.tolist(),
            "value_2d": [m.f0 for m in models_2d],
            "gradient_2d": [m.g.tolist() for m in models_2d],
            "hessian_2d": [m.H.tolist() for m in models_2d],
            "eigenvalues_2d": [q.eigen().values.tolist() for q in quads],
            "shape_2d": [q.shape_class() for q in quads],
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
        p, v = self.p, self.v
        loss = functions.loss_1d(p.function_1d)
        xs = np.linspace(*loss.domain, 241)
        ys = loss.f(xs)
        x_range, y_range = C.axis_range(xs[0], xs[-1], ticks=6), C.axis_range(float(ys.min()), float(ys.max()), ticks=6, pad=0.1)

        # The point visits the stops; the model at every visited position is built now, before animating.
        path, self.stops_1d = _path(np.array(p.points_1d)[:, None], per_leg=60)
        path = path[:, 0]
        models = [taylor.taylor_1d(loss, x) for x in path]
        half = 0.3 * (xs[-1] - xs[0])
        window = np.linspace(-half, half, 61)
        model_xs = [np.clip(x + window, xs[0], xs[-1]) for x in path]
        model_ys = [m(mx) for m, mx in zip(models, model_xs)]
        f0s = np.array([m.f0 for m in models])
        g0s = np.array([m.g[0] for m in models])
        h0s = np.array([m.H[0, 0] for m in models])

        self.heading_1d = C.heading("Near a point, every smooth loss looks quadratic")
        self.frame = C.loss_axes(x_range, y_range, width=6.2, height=5.0)
        self.frame.next_to(self.heading_1d, DOWN, buff=0.4).to_edge(LEFT, buff=theme.EDGE)
        axes = self.frame[0]
        self.curve = C.curve(axes, xs, ys)

        index = self.index_1d = ValueTracker(self.stops_1d[0])

        def at() -> int:
            return int(round(index.get_value()))

        def model_curve():
            i = at()
            centre = len(window) // 2
            cut = _run_inside(model_ys[i], y_range[0], y_range[1], centre)
            return C.curve(axes, model_xs[i][cut], model_ys[i][cut], color=theme.MODEL)

        self.point_1d = always_redraw(lambda: Dot(axes.c2p(path[at()], f0s[at()]), color=theme.ITERATE, radius=0.09))
        self.parabola = C.rebuilt(model_curve)
        self.formula_1d = C.tex(r"f(x + d) \approx f(x) + f'(x)\,d + \tfrac{1}{2} f''(x)\,d^2", size=theme.BODY,
                                color=theme.MODEL)
        self.rows = [
            VGroup(C.tex(label, size=theme.BODY, color=color),
                   C.live_number(lambda a=arr: a[at()], color=color, size=theme.BODY)).arrange(
                RIGHT, buff=0.15
            )
            for label, arr, color in (
                ("x =", path, theme.ITERATE),
                ("f(x) =", f0s, theme.LOSS),
                ("f'(x) =", g0s, theme.TANGENT),
                ("f''(x) =", h0s, theme.CURVATURE),
            )
        ]
        self.notes = [self._shape_note_1d(v["curvature_1d"][k]) for k in range(3)]
        before = self.formula_1d.width
        C.side_panel(self.formula_1d, *self.rows, self.notes[0], beside=self.frame)
        for n in self.notes[1:]:
            n.scale(self.formula_1d.width / before).move_to(self.notes[0], aligned_edge=UP + LEFT)

    def loss_curve(self) -> None:
        text = INTRO_1D.get(self.v["function_1d"], "Real losses are rarely quadratic; take this curve as an example.")
        with self.beat("intro", text) as b:
            self.play(FadeIn(self.heading_1d), Create(self.frame), run_time=b.part(0.3))
            self.play(Create(self.curve), run_time=b.part(0.5))

    def model_1d(self) -> None:
        with self.beat("model", "Matching value, slope and curvature gives the second-order Taylor model.") as b:
            self.play(FadeIn(self.point_1d), Write(self.formula_1d), FadeIn(VGroup(*self.rows)), run_time=b.part(0.4))
            self.play(Create(self.parabola), run_time=b.part(0.3))
            self._register_1d(0)
            self.play(FadeIn(self.notes[0]), run_time=0.6)

    def slide_1d(self) -> None:
        """Beats ``slide``, ``stop1`` and ``stop2``: the point moves to each later stop and its curvature is read."""
        index, stops, notes = self.index_1d, self.stops_1d, self.notes
        with self.beat("slide", "Slide the point: the model follows, fitting the curve only nearby.") as b:
            self.play(FadeOut(notes[0]), index.animate.set_value(stops[1]), run_time=b.part(0.85), rate_func=linear)
            self._register_1d(1)
        with self.beat("stop1", self._stop_line_1d(1)) as b:
            self.play(FadeIn(notes[1]), run_time=b.part(0.3))
        with self.beat("stop2", self._stop_line_1d(2)) as b:
            self.play(FadeOut(notes[1]), index.animate.set_value(stops[2]), run_time=b.part(0.55), rate_func=linear)
            self._register_1d(2)
            self.play(FadeIn(notes[2]), run_time=b.part(0.2))

    def clear_1d(self) -> None:
        self.point_1d.clear_updaters()
        self.parabola.clear_updaters()
        for r in self.rows:
            r[1].clear_updaters()
        self.play(*[FadeOut(m) for m in self.mobjects if not isinstance(m, ValueTracker)], run_time=0.8)
        self.clear()

    def _stop_line_1d(self, k: int) -> str:
        curvature = self.v["curvature_1d"][k]
        if curvature < 0:
            return "Here the curvature is negative, so the model opens downward."
        if curvature > 0:
            return "Here the curvature is positive: the model opens upward, like a valley."
        return "Here the curvature is zero: the model is just the tangent line."

    def _shape_note_1d(self, curvature: float) -> VGroup:
        sign, words = (">", "the model opens upward") if curvature > 0 else \
            ("<", "the model opens downward") if curvature < 0 else ("=", "the model is a straight line")
        return VGroup(C.tex(rf"f''(x) {sign} 0:", size=theme.BODY, color=theme.CURVATURE),
                      C.text(words, theme.LABEL, theme.CURVATURE)).arrange(DOWN, aligned_edge=LEFT, buff=0.15)

    def _register_1d(self, k: int) -> None:
        for key in ("points_1d", "value_1d", "slope_1d", "curvature_1d"):
            self.show(f"{key}[{k}]", self.v[key][k])

    # -- 2-D: the loss's contours as colour bands, the model's ellipses following the point -----
    def build_2d(self) -> None:
        """The 2-D picture: the loss's contours as colour bands, the point moving through the stops, the model's
        ellipses following it, and the panel."""
        p, v = self.p, self.v
        loss = functions.loss_2d(p.function_2d)
        (a1, b1), (a2, b2) = loss.domain
        unit = min(6.2 / (b1 - a1), 5.6 / (b2 - a2))
        plane = self.plane = C.plane([a1, b1, 1], [a2, b2, 1], unit)
        self.heading_2d = C.heading("In two inputs the model's contours are ellipses")
        plane.next_to(self.heading_2d, DOWN, buff=0.35).to_edge(LEFT, buff=theme.EDGE)

        # The loss on a grid of cells, banded at levels denser near the bottom plus f at each stop: the band edges
        # are the loss's own contours, and one passes through each stop.
        grid = _grid_points((a1, b1), (a2, b2), 240, max(2, int(240 * (b2 - a2) / (b1 - a1))))
        heights = loss.f(grid)
        levels = _contour_levels(heights, v["value_2d"])
        self.background = _band_fill(heights, levels, plane)

        stops_xy = np.array(v["points_2d"])
        path, self.stops_2d = _path(stops_xy, per_leg=45)
        limit = 3.0 * max(b1 - a1, b2 - a2)
        families, throughs = zip(*[_model_ellipses(taylor.taylor_2d(loss, x), levels, limit) for x in path])

        index = self.index_2d = ValueTracker(self.stops_2d[0])

        def at() -> int:
            return int(round(index.get_value()))

        def model_contours() -> VGroup:
            i = at()
            family = C.contour_family(plane, families[i], colors=[theme.MODEL] * len(families[i]), clip=True)
            through = C.contour_family(plane, throughs[i], colors=[theme.MODEL], clip=True).set_stroke(width=theme.STROKE)
            return VGroup(family.set_stroke(width=2.5), through)

        self.contours = C.rebuilt(model_contours)
        self.point_2d = always_redraw(lambda: Dot(plane.c2p(*path[at()]), color=theme.ITERATE, radius=0.09))

        self.formula_2d = C.tex(r"f(x + d) \approx f(x) + g^\top d + \tfrac{1}{2}\, d^\top H\, d", size=theme.BODY,
                                color=theme.MODEL)
        self.legend = VGroup(
            C.text("bands: the loss's own contours", theme.SMALL, theme.LOSS),
            C.text("lines: the model's ellipses", theme.SMALL, theme.MODEL),
            C.text("thick: its contour through the point", theme.SMALL, theme.MODEL),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.15)
        self.cards = [self._card_2d(k) for k in range(3)]
        before = self.formula_2d.width
        C.side_panel(self.formula_2d, self.legend, self.cards[0], beside=plane)
        for c in self.cards[1:]:
            c.scale(self.formula_2d.width / before).move_to(self.cards[0], aligned_edge=UP + LEFT)

    def model_2d(self) -> None:
        """Beats ``model2d`` and ``hug``: the 2-D formula and the point's numbers, then the model's ellipses."""
        with self.beat("model2d", "In two inputs the model uses the gradient g and the Hessian H.") as b:
            self.play(FadeIn(self.heading_2d), FadeIn(self.background), FadeIn(self.plane), Write(self.formula_2d),
                      run_time=b.part(0.4))
            self.play(FadeIn(self.point_2d), FadeIn(self.cards[0]), run_time=b.part(0.3))
            self._register_2d(0)
        with self.beat("hug", "Near the point its ellipses hug the loss's contours; far away they part.") as b:
            self.add(self.contours, self.point_2d)  # the point stays drawn over the ellipses
            self.play(FadeIn(self.legend), run_time=b.part(0.3))

    def move_2d(self, k: int) -> None:
        """Beat ``move<k>``: the point moves to stop k, the model is rebuilt along the way, and stop k's card shows."""
        with self.beat(f"move{k}", self._move_line(k)) as b:
            self.play(self.cards[k - 1].animate.set_opacity(0.3), run_time=0.3)
            self.bring_to_front(self.contours, self.point_2d)  # the moving pieces last: the text is drawn once per animation
            self.play(self.index_2d.animate.set_value(self.stops_2d[k]), run_time=b.part(0.6), rate_func=linear)
            self.play(FadeOut(self.cards[k - 1]), FadeIn(self.cards[k]), run_time=b.part(0.15))
            self._register_2d(k)

    def conclude(self) -> None:
        with self.beat("holds", "So near any point the quadratic picture holds, with H taken there."):
            pass
        self.contours.clear_updaters()
        self.point_2d.clear_updaters()

    def _move_line(self, k: int) -> str:
        shape = self.v["shape_2d"][k]
        if k == 1:
            return f"Move the point and the model is rebuilt; at this stop H is {shape}."
        return f"Move again and the ellipses reshape; at this stop H is {shape}."

    def _card_2d(self, k: int) -> VGroup:
        v = self.v
        shape = v["shape_2d"][k]
        rows = VGroup(
            C.tex(r"x = " + C.vector_tex(v["points_2d"][k]), size=theme.BODY, color=theme.ITERATE),
            C.tex(r"f(x) = " + C.fmt(v["value_2d"][k]), size=theme.BODY, color=theme.LOSS),
            C.tex(r"g = " + C.vector_tex(v["gradient_2d"][k]), size=theme.BODY, color=theme.TANGENT),
            C.tex(r"H = " + C.matrix_tex(v["hessian_2d"][k]), size=theme.BODY, color=theme.CURVATURE),
            C.tex(r"\lambda(H) = " + C.vector_tex(v["eigenvalues_2d"][k]), size=theme.BODY, color=theme.CURVATURE),
            C.text(SHAPE_NOTES[shape], theme.LABEL, theme.TEXT if shape == "positive definite" else theme.CURVATURE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        return rows

    def _register_2d(self, k: int) -> None:
        for key in ("points_2d", "value_2d", "gradient_2d", "hessian_2d", "eigenvalues_2d", "shape_2d"):
            self.show(f"{key}[{k}]", self.v[key][k])



# ----------------------------------------------------------------------------------------------
# Scene 13: normalising the inputs of least squares.

TARGET_WEIGHTS = (1.0, -1.0)  # the targets are y = X w + noise with these weights
TARGET_NOISE = 0.3
START = (0.0, 0.0)  # gradient descent starts from zero weights
MAX_ITERATIONS = 100_000  # iterations_to_tolerance gives up after this many steps
PANEL = 4.3  # width of each weight-space plane
FIT_MARGIN = 0.97  # the outer contour reaches this fraction of the way to its plane's edge


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


class NormaliseScene(LectureScene):
    """Least squares on inputs with a large mean, before and after centring and scaling the inputs."""

    Params = NormaliseParams
    chapter = 4
    title = "Normalising the inputs"
    summary = "A large input mean inflates the largest eigenvalue; normalising rounds the contours and speeds descent."

    @staticmethod
    def problems(p: NormaliseParams):
        """The data and the two least-squares quadratics (raw and standardised inputs), from mathcore."""
        X = least_squares.make_inputs(p.samples, p.input_mean, p.scales, p.seed)
        y = least_squares.make_targets(X, TARGET_WEIGHTS, TARGET_NOISE, p.seed + 1)
        Xs = least_squares.standardise(X)
        return X, Xs, least_squares.least_squares_quadratic(X, y), least_squares.least_squares_quadratic(Xs, y)

    @classmethod
    def values(cls, p: NormaliseParams) -> dict[str, Any]:
        X, Xs, raw, std = cls.problems(p)
        m, S = least_squares.mean_and_covariance(X)
        centred = quadratic.Quadratic(S, np.zeros(2))  # the Hessian of the centred problem is S
        out: dict[str, Any] = {"sample_mean": m.tolist(), "covariance": S.tolist(), "tolerance": p.tolerance,
                               "bound": least_squares.largest_eigenvalue_lower_bound(X)}
        for name, q in (("raw", raw), ("centred", centred), ("standardised", std)):
            eigenvalues = q.eigen().values
            out[f"hessian_{name}"] = q.A.tolist()
            out[f"eigenvalues_{name}"] = eigenvalues.tolist()
            out[f"condition_{name}"] = q.condition_number()
        for name, q in (("raw", raw), ("standardised", std)):
            step = descent.best_step(out[f"eigenvalues_{name}"])
            out[f"step_{name}"] = step
            out[f"iterations_{name}"] = descent.iterations_to_tolerance(q, START, step, p.tolerance, MAX_ITERATIONS)
        return out

    def construct(self) -> None:
        self.build()
        self.data_cloud()
        self.raw_loss()
        self.raw_descent()
        self.centre()
        self.scale()
        self.conclude()

    def build(self) -> None:
        """The input plane with the data cloud (raw and standardised), the two weight panels and their numbers, and
        the notes on H = S + m m^T under the cloud."""
        p, v = self.p, self.v
        X, Xs, raw, std = self.problems(p)
        self.heading = C.heading("Normalising the inputs")

        # Input space: the data cloud, with room for its standardised version around the origin.
        lo = np.minimum(np.minimum(X.min(axis=0), Xs.min(axis=0)), 0.0) - 0.3
        hi = np.maximum(np.maximum(X.max(axis=0), Xs.max(axis=0)), 0.0) + 0.3
        unit = min(3.6 / (hi[0] - lo[0]), 2.6 / (hi[1] - lo[1]))
        tick = max(1.0, C.nice_step(float((hi - lo).max()), 12))  # whole units: the ranges end on integers
        inputs = self.inputs = C.plane([math.floor(lo[0]), math.ceil(hi[0]), tick],
                                       [math.floor(lo[1]), math.ceil(hi[1]), tick], unit)
        inputs.next_to(self.heading, DOWN, buff=0.75).to_edge(LEFT, buff=theme.EDGE)
        self.inputs_title = C.tex(r"\text{inputs } (x_1, x_2)", size=theme.BODY, color=theme.MUTED).next_to(
            inputs, UP, buff=0.15)
        self.cloud = VGroup(*[Dot(inputs.c2p(*x), radius=0.025, color=theme.DATA) for x in X])
        self.cloud_std = VGroup(*[Dot(inputs.c2p(*x), radius=0.025, color=theme.DATA) for x in Xs])

        # Weight space: contours of the two quadratics, each around its own minimiser.
        self.panels = [self._weight_panel(q, v[f"step_{name}"], v[f"iterations_{name}"]) for q, name in
                       ((raw, "raw"), (std, "standardised"))]
        self.titles = [C.text("raw inputs", theme.LABEL, theme.TEXT), C.text("normalised inputs", theme.LABEL, theme.TEXT)]
        for k, (panel, title) in enumerate(zip(self.panels, self.titles)):
            group = VGroup(panel["plane"], panel["contours"], panel["path"], panel["start"])
            group.shift(RIGHT * (-2.5 + (PANEL + 0.45) * k - panel["plane"].get_left()[0]))
            group.shift(UP * (inputs.get_top()[1] - panel["plane"].get_top()[1]))
            title.next_to(panel["plane"], UP, buff=0.15)

        self.numbers = [self._numbers(name, panel["plane"]) for name, panel in zip(("raw", "standardised"), self.panels)]

        # The decomposition H = S + m m^T and the bound on the largest eigenvalue, under the cloud.
        self.show("tolerance", v["tolerance"])  # drawn in each panel's "steps to" line
        self.decomposition = C.tex(r"H = \tfrac{1}{n} X^\top X", r"= S + m\,m^\top", size=theme.BODY)
        self.bound = C.tex(r"\lambda_{\max} \ge |m|^2 + \frac{m^\top S\, m}{|m|^2}", size=theme.BODY)
        self.bound_value = C.tex(r"= " + C.fmt(self.show("bound", v["bound"])), size=theme.BODY, color=theme.EIGEN_2)
        self.centred = C.tex(r"\text{centred: } H = S,\ k = "
                             + C.fmt(self.show("condition_centred", v["condition_centred"])), size=theme.BODY)
        notes = VGroup(self.decomposition, self.bound, self.bound_value, self.centred).arrange(
            DOWN, aligned_edge=LEFT, buff=0.3)
        self.bound_value.shift(RIGHT * 0.6)
        notes.next_to(inputs, DOWN, buff=0.45).align_to(inputs, LEFT)
        C.above_captions(VGroup(self.inputs_title, inputs, self.cloud, self.cloud_std, notes, *self.titles,
                                *[m for panel in self.panels for m in panel.values()], *self.numbers))

    def data_cloud(self) -> None:
        with self.beat("data", "Fit a linear model by least squares to inputs that sit far from zero.") as b:
            self.play(FadeIn(self.heading), FadeIn(self.inputs), FadeIn(self.inputs_title), run_time=b.part(0.3))
            self.play(FadeIn(self.cloud, lag_ratio=0.01), run_time=b.part(0.45))

    def raw_loss(self) -> None:
        """Beats ``loss``, ``split`` and ``bound``: the raw problem's contours, H = S + m m^T and the bound."""
        raw = self.panels[0]
        with self.beat("loss", "Its loss is exactly quadratic in the weights, with Hessian H = XᵀX/n.") as b:
            self.play(FadeIn(self.titles[0]), FadeIn(raw["plane"]), Write(self.decomposition[0]), run_time=b.part(0.3))
            self.play(Create(raw["contours"]), FadeIn(raw["start"]), FadeIn(self.numbers[0][:2]), run_time=b.part(0.4))
        with self.beat("split", "It splits into the covariance S plus m mᵀ, where m is the mean input.") as b:
            self.play(Write(self.decomposition[1]), run_time=b.part(0.4))
        with self.beat("bound", "So the largest eigenvalue is at least |m|²: a large mean makes it large.") as b:
            self.play(Write(self.bound), run_time=b.part(0.35))
            self.play(FadeIn(self.bound_value), run_time=b.part(0.15))

    def raw_descent(self) -> None:
        with self.beat("zigzag", "With its best fixed step, gradient descent zig-zags along the narrow valley.") as b:
            self.play(Create(self.panels[0]["path"]), run_time=b.part(0.7), rate_func=linear)
            self.play(FadeIn(self.numbers[0][2]), run_time=b.part(0.15))

    def centre(self) -> None:
        v = self.v
        shift = self.inputs.c2p(*(-np.array(v["sample_mean"]))) - self.inputs.c2p(0, 0)
        drop = "drops" if v["condition_centred"] < v["condition_raw"] else "changes"
        with self.beat("centre", f"Centre the inputs: the m mᵀ term vanishes, H becomes S and k {drop}.") as b:
            self.play(self.cloud.animate.shift(shift), run_time=b.part(0.4))
            self.play(FadeIn(self.centred), run_time=b.part(0.2))

    def scale(self) -> None:
        """Beats ``scale`` and ``fewer``: the standardised cloud, its rounder contours and its shorter descent."""
        v, std, numbers = self.v, self.panels[1], self.numbers
        rounder = "nearly round" if v["condition_standardised"] < 2 else "rounder"
        with self.beat("scale", f"Then scale each input to unit spread: the contours become {rounder}.") as b:
            self.play(Transform(self.cloud, self.cloud_std), run_time=b.part(0.4))
            self.play(FadeIn(self.titles[1]), FadeIn(std["plane"]), Create(std["contours"]),
                      FadeIn(std["start"]), FadeIn(numbers[1][:2]), run_time=b.part(0.4))
        fewer = v["iterations_standardised"] is not None and (
            v["iterations_raw"] is None or v["iterations_standardised"] < v["iterations_raw"])
        with self.beat("fewer", "Descent now reaches the same tolerance in far fewer steps." if fewer else
                       "Compare how many steps descent needs to reach the same tolerance.") as b:
            self.play(Create(std["path"]), run_time=b.part(0.5), rate_func=linear)
            self.play(FadeIn(numbers[1][2]), run_time=b.part(0.2))

    def conclude(self) -> None:
        with self.beat("why", "Same optimiser, better-conditioned Hessian: that is why normalising helps."):
            pass

    def _weight_panel(self, q, step: float, iterations: int | None) -> dict:
        """Contours through the start and inside it, the start point and the descent path, in a square plane."""
        floor = q.min_value()
        start_level = float(q.value(np.array(START))) - floor
        centre = q.minimiser()
        half = 1.3 * float(np.linalg.norm(np.array(START) - centre))
        x_range, y_range = _square_window(centre, half)
        plane = C.plane(x_range, y_range, PANEL / (x_range[1] - x_range[0]))
        room = [min(c - r[0], r[1] - c) for c, r in zip(centre, (x_range, y_range))]
        top = min(start_level, quadratic.largest_level_in_box(q, *(FIT_MARGIN * r for r in room), around=centre))
        records = [quadratic.ellipse(q, top * f) for f in (1.0, 0.45, 0.18, 0.05)]
        contours = C.contour_family(plane, records)
        shown = MAX_STEPS if iterations is None else min(iterations, MAX_STEPS)
        xs = descent.descent_on_quadratic(q, np.array(START), step, shown)
        path = C.polyline(plane, xs, theme.ITERATE, width=1.5).set_stroke(opacity=0.8)
        start = Dot(plane.c2p(*START), color=theme.ITERATE, radius=0.07)
        return {"plane": plane, "contours": contours, "path": path, "start": start}

    def _numbers(self, name: str, plane) -> VGroup:
        v = self.v
        eigenvalues = self.show(f"eigenvalues_{name}", v[f"eigenvalues_{name}"])
        k = self.show(f"condition_{name}", v[f"condition_{name}"])
        steps = self.show(f"iterations_{name}", v[f"iterations_{name}"])
        tol = C.power_tex(v["tolerance"])
        rows = VGroup(
            C.tex(r"\lambda = " + C.fmt(eigenvalues[0]) + r",\ " + C.fmt(eigenvalues[1]), size=theme.BODY,
                  color=theme.EIGEN_2),
            C.tex(r"k = " + C.fmt(k), size=theme.BODY, color=theme.CURVATURE),
            C.tex(r"\text{steps to } " + tol + r":\ " + _steps_tex(steps), size=theme.BODY, color=theme.ITERATE),
        ).arrange(DOWN, aligned_edge=LEFT, buff=0.22)
        return rows.next_to(plane, DOWN, buff=0.3).align_to(plane, LEFT)


# ----------------------------------------------------------------------------------------------
# Scene 14: heavy-ball momentum on an ill-conditioned quadratic.


@dataclass(frozen=True)
class MomentumParams(SceneParams):
    eigenvalues: tuple[float, ...] = param((0.05, 1.0), "Hessian eigenvalues, smallest first", min=0.001, max=100,
                                           length=2)
    angle: float = param(0.15, "rotation of the valley in radians", min=-math.pi, max=math.pi)
    start: tuple[float, ...] = param((-3.2, 0.4), "common starting point (x1, x2)", min=-10, max=10, length=2)
    step: float = param(0.0, "momentum step a; 0 means the optimal a for the eigenvalues", min=0, max=100)
    beta: float = param(-1.0, "momentum b in [0, 0.999]; -1 means the optimal b for the eigenvalues", min=-1,
                        max=0.999)
    steps: int = param(40, "iterations shown", min=5, max=MAX_STEPS)

    def check(self) -> None:
        if self.eigenvalues[0] > self.eigenvalues[1]:
            raise ValidationError(f"eigenvalues = {list(self.eigenvalues)}: must be ascending (smallest first)")
        if self.beta != -1.0 and self.beta < 0:
            raise ValidationError(f"beta = {self.beta:g}: must be -1 (optimal) or in [0, 0.999]")
        if math.hypot(*self.start) < 0.1:
            raise ValidationError(f"start = {list(self.start)}: must be at least 0.1 away from the minimum (0, 0)")


class MomentumScene(LectureScene):
    """Plain gradient descent against heavy-ball momentum on a narrow valley, path by path and direction by direction."""

    Params = MomentumParams
    chapter = 4
    title = "Momentum"
    summary = "Heavy-ball momentum damps the zig-zag and speeds up the flat direction of a narrow valley."

    @classmethod
    def values(cls, p: MomentumParams) -> dict[str, Any]:
        eigenvalues = list(p.eigenvalues)
        best = momentum.optimal_momentum(eigenvalues)
        step = best.step if p.step == 0 else p.step
        beta = best.beta if p.beta == -1 else p.beta
        return {
            "eigenvalues": eigenvalues,
            "condition": quadratic.from_eigen(eigenvalues, p.angle).condition_number(),
            "descent_step": descent.best_step(eigenvalues),
            "descent_rate": descent.best_rate(eigenvalues),
            "optimal_step": best.step,
            "optimal_beta": best.beta,
            "optimal_rate": best.rate,
            "step": step,
            "beta": beta,
            "momentum_rate": momentum.momentum_rate(eigenvalues, step, beta),
            "stable": all(momentum.is_stable(step, beta, l) for l in eigenvalues),
            "optimal": p.step == 0 and p.beta == -1,
        }

    def construct(self) -> None:
        self.build_valley()
        self.valley()
        self.descent_run()
        self.momentum_run()
        self.clear_valley()
        self.build_directions()
        self.split()
        self.recurrence()
        self.conclude()

    def build_valley(self) -> None:
        """Both runs on the valley: two wide planes with the same contours and paths, the numbers and the update rule."""
        p, v = self.p, self.v
        self.q = q = quadratic.from_eigen(p.eigenvalues, p.angle)
        start = np.array(p.start)
        self.runs = runs = {
            "descent": descent.descent_on_quadratic(q, start, v["descent_step"], p.steps),
            "momentum": momentum.heavy_ball_on_quadratic(q, start, v["step"], v["beta"], p.steps),
        }
        self.heading = C.heading("Momentum in a narrow valley")

        # Two wide planes, one above the other, showing the same valley: big enough for both runs' first swings.
        reach = np.abs(np.concatenate([xs[np.isfinite(xs).all(axis=1)] for xs in runs.values()]))
        reach = np.minimum(reach.max(axis=0), 3.0 * np.abs(start).max())
        unit = min(3.2 / max(1.08 * reach[0], 0.5), 1.25 / max(1.12 * reach[1], 0.3))
        hx, hy = 3.2 / unit, 1.25 / unit
        tick = C.nice_step(2 * hx, 12)
        planes = self.planes = [C.plane([-hx, hx, tick], [-hy, hy, tick], unit) for _ in range(2)]
        planes[0].next_to(self.heading, DOWN, buff=0.75).to_edge(LEFT, buff=theme.EDGE)
        planes[1].next_to(planes[0], DOWN, buff=0.6)
        C.above_captions(VGroup(*planes))
        records = [quadratic.ellipse(q, f * quadratic.largest_level_in_box(q, FIT_MARGIN * hx, FIT_MARGIN * hy))
                   for f in (1.0, 0.45, 0.18, 0.05)]
        self.contours = [C.contour_family(plane, records) for plane in planes]
        bounds = ((-hx, hx), (-hy, hy))
        self.paths = []
        for plane, key, color in zip(planes, ("descent", "momentum"), (theme.ITERATE, theme.MOMENTUM)):
            xs = runs[key]
            leave = descent.first_exit(xs, bounds)
            self.paths.append(C.trajectory(plane, xs[: leave if leave is not None else len(xs)], color=color,
                                           dot_radius=0.035))
        self.labels = [
            C.legend_entry("gradient descent, best fixed step", theme.ITERATE),
            C.legend_entry("heavy-ball momentum", theme.MOMENTUM),
        ]
        for label, plane in zip(self.labels, planes):
            label.next_to(plane, UP, buff=0.1).align_to(plane, LEFT)
        self.starts = [Dot(plane.c2p(*start), color=theme.TEXT, radius=0.06) for plane in planes]

        l1, l2 = (self.show("eigenvalues", v["eigenvalues"]))
        self.eig_row = C.tex(rf"\lambda = {C.fmt(l1)},\ {C.fmt(l2)}", size=theme.BODY, color=theme.CURVATURE)
        self.k_row = C.tex(r"k = " + C.fmt(self.show("condition", v["condition"])), size=theme.BODY,
                           color=theme.CURVATURE)
        self.gd_row = C.tex(r"a = " + C.fmt(self.show("descent_step", v["descent_step"])), size=theme.BODY,
                            color=theme.ITERATE)
        self.update = C.tex(r"x_{t+1} = x_t - a\nabla f(x_t)", r"+\, b\,(x_t - x_{t-1})", size=theme.BODY)
        self.hb_row = C.tex(r"a = " + C.fmt(self.show("step", v["step"])) + r",\ b = "
                            + C.fmt(self.show("beta", v["beta"])), size=theme.BODY)
        C.side_panel(self.eig_row, self.k_row, self.gd_row, beside=planes[0])
        C.side_panel(self.update, self.hb_row, beside=planes[1])

    def valley(self) -> None:
        with self.beat("valley", "Take a narrow valley: a quadratic with very different eigenvalues.") as b:
            self.play(FadeIn(self.heading), *[FadeIn(pl) for pl in self.planes], *[Create(cn) for cn in self.contours],
                      run_time=b.part(0.4))
            self.play(FadeIn(self.eig_row), FadeIn(self.k_row), *[FadeIn(x) for x in self.starts], run_time=b.part(0.25))

    def descent_run(self) -> None:
        with self.beat("descent", "Plain descent with its best fixed step zig-zags across, and creeps along.") as b:
            self.play(FadeIn(self.labels[0]), FadeIn(self.gd_row), run_time=0.6)
            self.play(Create(self.paths[0]), run_time=b.part(0.75), rate_func=linear)

    def momentum_run(self) -> None:
        """Beats ``update`` and ``damps``: the heavy-ball rule, then its run from the same start."""
        with self.beat("update", "Momentum adds b times the previous step to every gradient step.") as b:
            self.play(Write(self.update), run_time=b.part(0.4))
            self.play(FadeIn(self.labels[1]), FadeIn(self.hb_row), run_time=b.part(0.2))
        with self.beat("damps", "From the same start it damps the zig-zag and speeds along the valley."
                       if self.v["momentum_rate"] < self.v["descent_rate"] else
                       "From the same start, see how this choice of a and b behaves.") as b:
            self.play(Create(self.paths[1]), run_time=b.part(0.85), rate_func=linear)

    def clear_valley(self) -> None:
        self.play(*[FadeOut(m) for m in (*self.planes, *self.contours, *self.paths, *self.labels, *self.starts,
                                         self.eig_row, self.k_row, self.gd_row, self.hb_row)], run_time=0.8)

    def build_directions(self) -> None:
        """Each run's error along each eigenvector over the iterations, and the panel of the recurrence and rates
        (the update rule moves to its top)."""
        p, v = self.p, self.v
        parts = {key: descent.eigen_coordinates(self.q, xs) for key, xs in self.runs.items()}
        finite = np.concatenate([np.abs(c[np.isfinite(c).all(axis=1)]) for c in parts.values()])
        t = np.arange(p.steps + 1)
        plots = self.plots = VGroup()
        axes_list, tops = [], []
        for i, (color, name) in enumerate(((theme.EIGEN_1, "flat"), (theme.EIGEN_2, "steep"))):
            top = float(finite[:, i].max()) * 1.1
            frame = C.loss_axes([0, p.steps, max(5, 10 * round(p.steps / 50))], [-top, top, top], width=5.6,
                                height=2.2, x_label="t", y_label=rf"e_{i + 1}")
            title = VGroup(
                C.text(f"{name} direction", theme.LABEL, color),
                C.tex(rf"\lambda_{i + 1} = {C.fmt(v['eigenvalues'][i])}", size=theme.BODY, color=color),
            ).arrange(RIGHT, buff=0.25)
            plots.add(VGroup(title, frame).arrange(DOWN, aligned_edge=LEFT, buff=0.1))
            axes_list.append(frame[0])
            tops.append(top)
        plots.arrange(DOWN, aligned_edge=LEFT, buff=0.3).next_to(self.heading, DOWN, buff=0.3).to_edge(
            LEFT, buff=theme.EDGE)
        self.legend = VGroup(C.legend_entry("descent", theme.ITERATE), C.legend_entry("momentum", theme.MOMENTUM))
        self.legend.arrange(RIGHT, buff=0.4).next_to(plots, DOWN, buff=0.2).align_to(plots, LEFT)
        C.above_captions(VGroup(plots, self.legend))
        self.curves = []  # drawn after placing: c2p reads the axes' final position
        for i, (axes, top) in enumerate(zip(axes_list, tops)):
            for key, line_color in (("descent", theme.ITERATE), ("momentum", theme.MOMENTUM)):
                values = np.clip(parts[key][:, i], -top, top)
                ok = np.isfinite(values)
                self.curves.append(C.polyline(axes, np.column_stack([t[ok], values[ok]]), line_color, width=3))

        self.recurrence_tex = C.tex(
            r"\begin{bmatrix} e_{t+1} \\ e_t \end{bmatrix} = "
            r"\begin{bmatrix} 1 + b - a\lambda & -b \\ 1 & 0 \end{bmatrix}"
            r"\begin{bmatrix} e_t \\ e_{t-1} \end{bmatrix}",
            size=theme.BODY,
        )
        self.best = [
            C.tex(r"a^\ast = \Big(\tfrac{2}{\sqrt{\lambda_{\max}} + \sqrt{\lambda_{\min}}}\Big)^2 = "
                  + C.fmt(self.show("optimal_step", v["optimal_step"])), size=theme.BODY),
            C.tex(r"b^\ast = \Big(\tfrac{\sqrt{k} - 1}{\sqrt{k} + 1}\Big)^2 = "
                  + C.fmt(self.show("optimal_beta", v["optimal_beta"])), size=theme.BODY),
        ]
        self.rates = [
            C.tex(r"\text{momentum: } \tfrac{\sqrt{k} - 1}{\sqrt{k} + 1} = "
                  + C.fmt(self.show("optimal_rate", v["optimal_rate"])), size=theme.BODY),
            C.tex(r"\text{descent: } \tfrac{k - 1}{k + 1} = " + C.fmt(self.show("descent_rate", v["descent_rate"])),
                  size=theme.BODY, color=theme.ITERATE),
        ]
        if not v["optimal"]:
            verdict = "" if self.show("stable", v["stable"]) else r"\ \text{(does not converge)}"
            self.rates.append(C.tex(r"\text{rate at your } a, b:\ "
                                    + C.fmt(self.show("momentum_rate", v["momentum_rate"])) + verdict, size=theme.BODY))
        self.slot = self.update.copy()
        C.side_panel(self.slot, self.recurrence_tex, *self.best, *self.rates, beside=plots, gap=0.6, buff=0.35)

    def split(self) -> None:
        with self.beat("split", "Split each run's error along the two eigenvectors of the Hessian.") as b:
            self.play(FadeIn(self.plots), FadeIn(self.legend), Transform(self.update, self.slot), run_time=b.part(0.25))
            self.play(*[Create(line) for line in self.curves], run_time=b.part(0.6), rate_func=linear)

    def recurrence(self) -> None:
        """Beats ``recurrence``, ``best`` and ``rate``: the two-term recurrence, the best a and b, and the rates."""
        with self.beat("recurrence", "Momentum does not just shrink steep steps: each direction obeys a recurrence.") as b:
            self.play(Write(self.recurrence_tex), run_time=b.part(0.5))
        with self.beat("best", "With the best a and b, every direction shrinks by the same factor per step."
                       if self.v["optimal"] else
                       "Here a and b are your own; the best pair for this k is shown for reference.") as b:
            self.play(*[FadeIn(m) for m in self.best], run_time=b.part(0.3))
        with self.beat("rate", "Its rate depends on the square root of k, where plain descent's depends on k.") as b:
            self.play(*[FadeIn(m) for m in self.rates], run_time=b.part(0.3))

    def conclude(self) -> None:
        with self.beat("changes", "So momentum changes how the error evolves, not the Hessian itself."):
            pass


SCENES = [
    ("chapter4", Chapter4Card),
    ("taylor", TaylorScene),
    ("normalise", NormaliseScene),
    ("momentum", MomentumScene),
]
