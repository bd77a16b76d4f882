"""Reusable pictures: each builder takes numbers computed by mathcore and returns mobjects.

Components never differentiate, iterate or decompose anything; they only place what they are
given. Colours and sizes are read from :mod:`scenes.theme` when a mobject is built.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

import numpy as np
from manim import (
    DOWN,
    RIGHT,
    LEFT,
    UP,
    Arrow,
    Axes,
    DecimalMatrix,
    DecimalNumber,
    Dot,
    Ellipse,
    Line,
    MathTex,
    NumberLine,
    NumberPlane,
    Rectangle,
    Surface,
    Text,
    ThreeDAxes,
    Mobject,
    VGroup,
    VMobject,
    config,
)

from mathcore import quadratic
from scenes import layout, theme
from scenes.values import EllipseRecord, SurfaceGrid

def fmt(x: float, decimals: int = 2) -> str:
    """A number as shown on screen: fixed decimals, a true minus sign, no negative zero."""
    s = f"{x:.{decimals}f}"
    if float(s) == 0:
        s = f"{0:.{decimals}f}"
    return s


def vector_tex(values, decimals: int = 2) -> str:
    r"""A vector as a row in TeX: ``\left(0.45,\ -1.20\right)``."""
    return r"\left(" + r",\ ".join(fmt(v, decimals) for v in values) + r"\right)"


def matrix_tex(rows, decimals: int = 2) -> str:
    """A matrix of numbers in TeX brackets."""
    return r"\begin{bmatrix}" + r" \\ ".join(" & ".join(fmt(v, decimals) for v in row) for row in rows) + r"\end{bmatrix}"


def power_tex(x: float) -> str:
    r"""A small positive parameter such as a tolerance in TeX: 0.05 as it is, 1e-3 as 10^{-3}, 5e-4 as 5 \times 10^{-4}."""
    if x >= 1e-2:
        return f"{x:g}"
    mantissa, exponent = f"{x:.0e}".split("e")
    power = rf"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \times {power}"


def text(content: str, size: float = theme.BODY, color: str = theme.TEXT) -> Text:
    """Plain on-screen text in the lecture's font and size."""
    return Text(content, font_size=size, color=color)


def tex(*parts: str, size: float = theme.BODY, color: str = theme.TEXT) -> MathTex:
    """A typeset formula."""
    return MathTex(*parts, font_size=size, color=color)


def readout(label: str, value: float, decimals: int = 2, color: str = theme.TEXT, size: float = theme.LABEL) -> MathTex:
    """``label = value`` typeset, e.g. ``f'(x) = 1.25``."""
    return MathTex(label, "=", fmt(value, decimals), font_size=size, color=color)


def heading(content: str) -> Text:
    """A scene heading at the top edge."""
    return text(content, theme.HEADING).to_edge(UP, buff=theme.EDGE)


def nice_step(span: float, ticks: int = 5) -> float:
    """A tick spacing of 1, 2 or 5 times a power of ten giving at most about ``ticks`` ticks over ``span``."""
    span = max(span, 1e-12)
    base = 10.0 ** math.floor(math.log10(span / ticks))
    for m in (1.0, 2.0, 5.0, 10.0):
        if span / (m * base) <= ticks:
            return m * base
    return 10.0 * base


def axis_range(lo: float, hi: float, ticks: int = 5, pad: float = 0.0) -> list[float]:
    """Axis range [lo', hi', step] with ends on whole ticks, holding [lo, hi] widened by ``pad`` of its span."""
    margin = pad * (hi - lo)
    step = nice_step(hi - lo + 2 * margin, ticks)
    return [math.floor((lo - margin) / step + 1e-9) * step, math.ceil((hi + margin) / step - 1e-9) * step, step]


def loss_axes(
    x_range: Sequence[float],
    y_range: Sequence[float],
    width: float = 6.0,
    height: float = 4.0,
    x_label: str = "x",
    y_label: str = "f(x)",
) -> VGroup:
    """Axes for a 1-D loss with their labels; the Axes are the first submobject."""
    axes = Axes(
        x_range=list(x_range),
        y_range=list(y_range),
        x_length=width,
        y_length=height,
        tips=False,
        axis_config={"color": theme.MUTED, "stroke_width": theme.THIN, "include_ticks": True},
    )
    labels = axes.get_axis_labels(
        MathTex(x_label, font_size=theme.LABEL, color=theme.MUTED),
        MathTex(y_label, font_size=theme.LABEL, color=theme.MUTED),
    )
    return VGroup(axes, labels)


def plane(x_range: Sequence[float], y_range: Sequence[float], unit: float) -> NumberPlane:
    """A faint coordinate plane with equal units on both axes (ellipses keep their shape)."""
    return NumberPlane(
        x_range=list(x_range),
        y_range=list(y_range),
        x_length=unit * (x_range[1] - x_range[0]),
        y_length=unit * (y_range[1] - y_range[0]),
        background_line_style={"stroke_color": theme.MUTED, "stroke_width": 1, "stroke_opacity": 0.25},
        axis_config={"stroke_color": theme.MUTED, "stroke_width": theme.THIN},
    )


def curve(axes: Axes, xs: np.ndarray, ys: np.ndarray, color: str = theme.LOSS, width: float = theme.STROKE) -> VMobject:
    """A smooth curve through the sampled points (xs, ys) in the axes' coordinates."""
    points = [axes.c2p(x, y) for x, y in zip(xs, ys)]
    return VMobject(stroke_color=color, stroke_width=width).set_points_smoothly(points)


def polyline(axes: Axes, points: np.ndarray, color: str, width: float = theme.STROKE) -> VMobject:
    """Straight segments through 2-D points given in the axes' coordinates."""
    return VMobject(stroke_color=color, stroke_width=width).set_points_as_corners(
        [axes.c2p(*p) for p in points]
    )


def tangent(axes: Axes, x0: float, y0: float, slope: float, half_width: float = 0.9, color: str = theme.TANGENT) -> Line:
    """The tangent segment through (x0, y0) with the given slope, ``half_width`` of x on each side, cut where it
    would leave the axes' ranges (it keeps at least a stub around the point)."""
    (x_lo, x_hi), (y_lo, y_hi) = axes.x_range[:2], axes.y_range[:2]
    a, b = max(x0 - half_width, x_lo), min(x0 + half_width, x_hi)
    if slope != 0:
        with np.errstate(over="ignore"):  # a slope of nearly 0 crosses y_lo and y_hi at +-inf: no cut
            first, last = sorted((np.float64(y_lo - y0) / slope + x0, np.float64(y_hi - y0) / slope + x0))
        a, b = max(a, first), min(b, last)
    stub = 0.05 * half_width
    a, b = min(a, x0 - stub), max(b, x0 + stub)
    return Line(axes.c2p(a, y0 + slope * (a - x0)), axes.c2p(b, y0 + slope * (b - x0)), color=color,
                stroke_width=theme.STROKE)


def slope_arrow(axes: Axes, x0: float, y0: float, slope: float, run: float = 0.5, color: str = theme.TANGENT) -> Arrow:
    """An arrow from (x0, y0) along the tangent, ``run`` units of x long."""
    return Arrow(
        axes.c2p(x0, y0),
        axes.c2p(x0 + run, y0 + slope * run),
        buff=0,
        color=color,
        stroke_width=theme.STROKE,
        max_tip_length_to_length_ratio=0.3,
    )


MATRIX_BUFFS = {False: {"h_buff": 1.6, "v_buff": 0.9}, True: {"h_buff": 1.3, "v_buff": 0.6, "bracket_h_buff": 0.15}}


def number_matrix(values: np.ndarray, decimals: int = 2, color: str = theme.TEXT, size: float = theme.BODY,
                  compact: bool = False) -> DecimalMatrix:
    """A bracketed matrix of numbers (``compact``: closer entries, for a label beside a plot)."""
    m = DecimalMatrix(
        np.asarray(values, dtype=float),
        element_to_mobject_config={"num_decimal_places": decimals, "font_size": size, "color": color},
        **MATRIX_BUFFS[compact],
    )
    m.get_brackets().set_color(theme.TEXT)
    return m


def stable_band(line: NumberLine, height: float) -> Rectangle:
    """The band |x| < 1 over a number line of factors 1 - a l: where a step converges."""
    return Rectangle(width=line.n2p(1)[0] - line.n2p(-1)[0], height=height, fill_color=theme.STABLE,
                     fill_opacity=theme.BAND_OPACITY, stroke_width=0).move_to(line.n2p(0))


def ellipse_mobject(
    plane: NumberPlane, center: np.ndarray, semi_axes: np.ndarray, angle: float, color: str, width: float = theme.THIN
) -> Ellipse:
    """An ellipse with the given centre, semi-axes and rotation, in the plane's coordinates (as the plane is now,
    scaled or not)."""
    unit = float(plane.c2p(1, 0)[0] - plane.c2p(0, 0)[0])
    e = Ellipse(width=2 * semi_axes[0] * unit, height=2 * semi_axes[1] * unit, color=color, stroke_width=width)
    return e.rotate(angle).move_to(plane.c2p(*center))


def polyline_points(points: np.ndarray) -> np.ndarray:
    """Cubic Bezier points of the straight segments through ``points`` (one four-point curve per segment: anchor,
    handles at 1/3 and 2/3, anchor); leading axes of ``points`` are further polylines, all returned in one array."""
    a, b = points[..., :-1, :], points[..., 1:, :]
    return np.stack([a, (2 * a + b) / 3, (a + 2 * b) / 3, b], axis=-2).reshape(-1, points.shape[-1])


def clipped_ellipse(plane: NumberPlane, e, color: str, width: float = theme.THIN, samples: int = 180) -> VMobject:
    """The part inside the plane's box of the ellipse c + R(angle) (a cos t, b sin t) of a ``quadratic.Ellipse``,
    as polylines through ``samples`` points, cut exactly where they leave the box."""
    t = np.linspace(0.0, 2 * np.pi, samples, endpoint=False)
    c, s = np.cos(e.angle), np.sin(e.angle)
    local = np.stack([e.semi_axes[0] * np.cos(t), e.semi_axes[1] * np.sin(t)], axis=1)
    pts = np.asarray(e.center) + local @ np.array([[c, s], [-s, c]])
    lo = np.array([plane.x_range[0], plane.y_range[0]])
    hi = np.array([plane.x_range[1], plane.y_range[1]])
    inside = np.all((pts >= lo) & (pts <= hi), axis=1)
    if inside.all():
        runs = [np.vstack([pts, pts[:1]])]
    else:
        start = int(np.argmin(inside))  # begin at an outside sample, so that no run wraps around
        pts, inside = np.roll(pts, -start, axis=0), np.roll(inside, -start)
        pts, inside = np.vstack([pts, pts[:1]]), np.append(inside, inside[0])

        def exit_point(p: np.ndarray, q: np.ndarray) -> np.ndarray:  # p inside, q outside: where p -> q crosses
            d = q - p
            with np.errstate(divide="ignore", invalid="ignore"):
                s = np.where(q > hi, (hi - p) / d, np.where(q < lo, (lo - p) / d, np.inf))
            return p + float(np.min(s)) * d

        runs, i = [], 0
        while i < len(pts) - 1:
            if not inside[i + 1]:
                i += 1
                continue
            j = i + 1
            while inside[j + 1]:
                j += 1
            runs.append(np.vstack([exit_point(pts[i + 1], pts[i]), pts[i + 1:j + 1], exit_point(pts[j], pts[j + 1])]))
            i = j + 1
    m = VMobject(stroke_color=color, stroke_width=width, fill_opacity=0)
    if runs:
        o = plane.c2p(0, 0)
        basis = np.array([plane.c2p(1, 0) - o, plane.c2p(0, 1) - o])
        m.set_points(np.concatenate([polyline_points(o + run @ basis) for run in runs]))
    return m


def ellipse_record(e: quadratic.Ellipse) -> EllipseRecord:
    """A mathcore Ellipse as plain numbers for ``values()``: center, semi_axes, angle (radians)."""
    return EllipseRecord(e.center.tolist(), e.semi_axes.tolist(), float(e.angle))


def ellipse_of(record: EllipseRecord) -> quadratic.Ellipse:
    """The mathcore Ellipse of :func:`ellipse_record`'s numbers (copied, nothing computed)."""
    return quadratic.Ellipse(np.array(record.center), np.array(record.semi_axes), float(record.angle))


def contour_family(plane: NumberPlane, ellipses: Sequence, colors: Sequence[str] | None = None,
                   clip: bool = False) -> VGroup:
    """Contours from ``mathcore.quadratic.Ellipse`` records, innermost first, fading outwards (cut at the plane's
    box when ``clip``)."""
    n = len(ellipses)
    group = VGroup()
    for i, e in enumerate(ellipses):
        color = colors[i] if colors else theme.LOSS
        m = clipped_ellipse(plane, e, color) if clip else ellipse_mobject(plane, e.center, e.semi_axes, e.angle, color)
        m.set_stroke(opacity=1.0 - 0.5 * i / max(n - 1, 1))
        group.add(m)
    return group


def eigen_arrows(
    plane: NumberPlane, center: np.ndarray, vectors: np.ndarray, lengths: Sequence[float], colors: Sequence[str]
) -> VGroup:
    """Arrows from ``center`` along each column of ``vectors``, scaled to ``lengths`` (plane units)."""
    start = plane.c2p(*center)
    return VGroup(
        *[
            Arrow(start, plane.c2p(*(center + length * vectors[:, i])), buff=0, color=color, stroke_width=theme.STROKE)
            for i, (length, color) in enumerate(zip(lengths, colors))
        ]
    )


def trajectory(plane: Axes, points: np.ndarray, color: str = theme.ITERATE, dot_radius: float = 0.05) -> VGroup:
    """Iterates as dots joined by straight segments: submobjects are (path, dots)."""
    path = polyline(plane, points, color, width=theme.THIN)
    dots = VGroup(*[Dot(plane.c2p(*p), radius=dot_radius, color=color) for p in points])
    return VGroup(path, dots)


def surface_axes(x_range: Sequence[float], y_range: Sequence[float], z_range: Sequence[float], size: float = 4.0) -> ThreeDAxes:
    """Compact 3-D axes for a loss surface."""
    return ThreeDAxes(
        x_range=list(x_range),
        y_range=list(y_range),
        z_range=list(z_range),
        x_length=size,
        y_length=size,
        z_length=size * 0.6,
        tips=False,
        axis_config={"color": theme.MUTED, "stroke_width": theme.THIN, "include_ticks": False},
    )


def surface_grid(height: Callable[[np.ndarray], np.ndarray], gradient: Callable[[np.ndarray], np.ndarray],
                 x_range: Sequence[float], y_range: Sequence[float], faces: int = 16) -> SurfaceGrid:
    """What :func:`surface` draws with ``faces`` faces a side, as plain lists for values(): the corners ``x`` and
    ``y`` of the faces, and the ``height`` and ``gradient`` of a mathcore loss (functions of points (n, 2)) at each
    corner (x_i, y_j), indexed [i][j]."""
    xs, ys = np.linspace(*x_range, faces + 1), np.linspace(*y_range, faces + 1)
    corners = np.stack(np.meshgrid(xs, ys, indexing="ij"), axis=-1).reshape(-1, 2)
    shape = (len(xs), len(ys))
    return SurfaceGrid(xs.tolist(), ys.tolist(), np.asarray(height(corners)).reshape(shape).tolist(),
                       np.asarray(gradient(corners)).reshape(shape + (2,)).tolist())


def surface(axes: ThreeDAxes, grid: SurfaceGrid) -> Surface:
    """The graph of the loss whose corners :func:`surface_grid` holds, clipped to the axes' z range, coloured by
    height. Manim asks for points at the corners and a hair's breadth from them (to set the edges' handles):
    each is its nearest corner's height plus the gradient there times the offset, so nothing is computed here."""
    z_lo, z_hi = axes.z_range[0], axes.z_range[1]
    xs, ys = np.array(grid.x), np.array(grid.y)
    heights, gradients = np.array(grid.height), np.array(grid.gradient)
    # the axes are linear, c2p(u, v, z) = o + u e_x + v e_y + z e_z: one matrix product instead of three number lines
    o = axes.c2p(0, 0, 0)
    basis = np.array([axes.c2p(*unit) - o for unit in np.eye(3)])

    def point(u: float, v: float) -> np.ndarray:
        i, j = int(np.abs(xs - u).argmin()), int(np.abs(ys - v).argmin())
        z = heights[i, j] + gradients[i, j] @ (u - xs[i], v - ys[j])
        return o + np.array([u, v, np.clip(z, z_lo, z_hi)]) @ basis

    s = Surface(point, u_range=[xs[0], xs[-1]], v_range=[ys[0], ys[-1]], resolution=(len(xs) - 1, len(ys) - 1))
    s.set_style(fill_opacity=0.8, stroke_color=theme.BACKGROUND, stroke_width=0.4)
    s.set_fill_by_value(
        axes=axes, colorscale=list(zip(theme.SURFACE_SCALE, (z_lo, (z_lo + z_hi) / 2, z_hi))), axis=2
    )
    return s


CAPTION_GAP = 0.1  # between content and the caption band


def above_captions(m: Mobject, about_edge: np.ndarray = UP) -> Mobject:
    """Shrink ``m`` about its top edge (or the top corner ``about_edge``), if it reaches into the caption band,
    until its bottom clears it."""
    bottom, top = layout.content_bottom() + CAPTION_GAP, m.get_top()[1]
    if m.get_bottom()[1] < bottom:
        m.scale((top - bottom) / m.height, about_edge=about_edge)
    return m


def side_panel(*rows, beside, gap: float = 0.5, buff: float = theme.BUFF * 1.5):
    """Stack ``rows`` left-aligned right of ``beside``, top-aligned with it, shrunk to fit between it and the
    frame's right edge and above the caption band."""
    panel = VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=buff)
    width = config.frame_width / 2 - theme.EDGE - (beside.get_right()[0] + gap)
    height = beside.get_top()[1] - layout.content_bottom()
    shrink = min(width / panel.width, height / panel.height)
    if shrink < 1:
        panel.scale(shrink)
    return panel.next_to(beside, RIGHT, buff=gap).align_to(beside, UP)


DIGIT_GAP = 0.001  # DecimalNumber's default digit_buff_per_font_unit


@functools.lru_cache(maxsize=None)
def _glyph(char: str, size: float) -> np.ndarray:
    """The outline points of one character as DecimalNumber draws it at font size ``size``."""
    mob = DecimalNumber(0, font_size=size)._string_to_mob(char)
    return np.concatenate([m.points for m in mob.family_members_with_points()])


def number_outline(text: str, size: float) -> np.ndarray:
    """The outline of ``text`` laid out as DecimalNumber lays it out, centred on the origin.

    Characters sit side by side, DecimalNumber's gap apart, on a common baseline; a leading minus
    sign is centred on the height of the digit after it.
    """
    gap = DIGIT_GAP * size
    pieces, x = [], 0.0
    for char in text:
        g = _glyph(char, size)
        lo, hi = g.min(axis=0), g.max(axis=0)
        pieces.append(g + np.array([x - lo[0], -lo[1], 0.0]))
        x += hi[0] - lo[0] + gap
    for i, char in enumerate(text[:-1]):
        if char == "-":
            nxt = pieces[i + 1]
            top, height = nxt[:, 1].max(), np.ptp(nxt[:, 1])
            pieces[i][:, 1] += top - pieces[i][:, 1].max() - height / 2
    points = np.concatenate(pieces)
    return points - (points.min(axis=0) + points.max(axis=0)) / 2


class LiveNumber(VMobject):
    """A number that shows ``value_of()`` on every frame (a lookup of precomputed values, never a computation).

    It draws what DecimalNumber draws, as one outline assembled from cached glyphs, so a new text
    costs a few array copies rather than a deep copy of a Tex mobject per character. Its left edge
    stays where it is when the text changes.
    """

    def __init__(self, value_of: Callable[[], float], decimals: int = 2, color: str = theme.TEXT,
                 size: float = theme.LABEL) -> None:
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_width=0)
        self.value_of, self.decimals, self.size = value_of, decimals, size
        self.text = ""
        self.refresh()
        self.add_updater(lambda m: m.refresh())

    def refresh(self) -> None:
        text = fmt(self.value_of(), self.decimals)
        if text == self.text:
            return
        anchor = self.get_left() if self.text else None
        self.text = text
        self.set_points(number_outline(text, self.size))
        if anchor is not None:
            self.move_to(anchor, aligned_edge=LEFT)


def live_number(value_of: Callable[[], float], decimals: int = 2, color: str = theme.TEXT,
                size: float = theme.LABEL) -> LiveNumber:
    """A :class:`LiveNumber` showing ``value_of()`` with ``decimals`` decimal places."""
    return LiveNumber(value_of, decimals, color, size)


def rebuilt(build: Callable[[], Mobject]) -> VGroup:
    """A group showing ``build()``, built again on every frame (a lookup of precomputed values).

    Unlike ``always_redraw``, the new shape replaces the old one outright: ``become`` would first align
    the old shape's points with the new one's, which costs more than building shapes of many segments.
    An animation that started before a swap still draws the shapes it found then (manim lists the moving
    mobjects once, at its start), so a replaced shape is made fully transparent as it leaves.
    """

    def swap(group: VGroup) -> None:
        for old in group.submobjects:
            old.set_opacity(0)
        group.remove(*group.submobjects).add(build())

    group = VGroup(build())
    group.add_updater(swap)
    return group


KEY_LENGTH = 0.45  # the line before a legend entry


def legend_entry(label: str, color: str, size: float = theme.LABEL) -> VGroup:
    """A legend entry: a short line in ``color`` (any role, even one too dark for text), then ``label`` in the
    text colour."""
    key = Line(LEFT * KEY_LENGTH / 2, RIGHT * KEY_LENGTH / 2, color=color, stroke_width=theme.STROKE)
    return VGroup(key, text(label, size)).arrange(RIGHT, buff=0.15)


def bullet_list(items: Sequence[str], size: float = theme.BODY, width: float = 11.0) -> VGroup:
    """Left-aligned bullet points, each no wider than ``width`` units."""
    rows = VGroup(*[text("•  " + item, size) for item in items])
    for r in rows:
        if r.width > width:
            r.scale_to_fit_width(width)
    return rows.arrange(DOWN, aligned_edge=LEFT, buff=theme.BUFF)


def caption_box(content: str, size: float = theme.SMALL, color: str = theme.TEXT) -> Text:
    """A short on-screen note (not the narration)."""
    return text(content, size, color)

