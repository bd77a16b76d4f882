"""Chapter 5, conclusion: the points to remember."""

from __future__ import annotations

import math
from dataclasses import dataclass

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
    GrowArrow,
    Indicate,
    MoveAlongPath,
    NumberLine,
    Polygon,
    Rectangle,
    Transform,
    VGroup,
    linear,
)

from mathcore import descent, least_squares, momentum, quadratic
from mathcore.errors import ValidationError
from scenes import components as C
from scenes import losses, theme, valley
from scenes.base import LectureScene, SceneValues
from scenes.beats import frames
from scenes.cards import ChapterCard
from scenes.params import LOSS_1D_NAMES, MAX_STEPS, SceneParams, param
from scenes.values import Curve, EllipseRecord

PICTURE_WIDTH = 6.0  # the reprise pictures live in a box this wide on the left
PICTURE_HEIGHT = 5.2
ITEMS_WIDTH = 6.9  # the list of points is scaled down to fit this width
CURVE_REACH = 2.0  # the curvature picture plots x in [-2, 2]
CURVE_TOP = 4.0  # ... and f up to 4
CURVE_SAMPLES = 121
TANGENT_XS = np.linspace(-1.5, 1.5, 7)  # where the tangents stop as they slide along the two curves
TANGENT_HALF = 0.6  # half the width of a tangent, in x
RATE_SAMPLES = 60  # the rate-versus-k curves
THUMB_GAP = 0.3  # between the small pictures of the closing beat
DOT = 0.09
TAG_S = 0.4  # the step's tag fades in once the factor dots have arrived
BAR_HEIGHT = 0.14  # the factor bars, on either side of the number line
BAR_GAP = 0.04
TAG_BUFFS = (0.6, 0.15)  # the factor dots' tags, stacked above them (both dots start at 1)
SUM_EIGEN_REACH = 2.8  # the eigen picture's outer contour is at most this long a semi-axis, math units
SUM_ZIGZAG_CAP = 3  # the zig-zag's window holds the path up to this multiple of the start
SUM_ZIGZAG_MARGIN = 1.1  # ... reaching this factor beyond it
SUM_ZIGZAG_INSET = 0.6  # the zig-zag's plane is this much less high than the picture box, scene units
SUM_ITEM_GAP = 0.32  # between the points of the list, scene units
SUM_ITEMS_GAP = 0.5  # between the picture box and the list on its right, scene units
SUM_ITEMS_DROP = 0.4  # the list's top sits this far below the picture box's top, scene units
SUM_FORMULA_GAP = 0.6  # between the list and the formula under it, scene units
SUM_GHOST_OPACITY = 0.35  # the dimmed list of the points to come
SUM_THUMB_NUMBER_GAP = 0.15  # between a small picture of the closing beat and its number, scene units
SUM_INDICATE_SCALE = 1.05  # a point of the list grows by this factor when its picture comes back
SUM_LEGEND_GAP = 0.25  # between a curve's name and its f''(0) in the curvature legend, scene units
SUM_LEGEND_ROWS_GAP = 0.2  # between the two rows of the curvature legend, scene units
SUM_CURVE_INSET = (0.6, 0.7)  # width and height of the picture box left to the curvature axes' labels, scene units
SUM_TOUCH_DOT = 0.06  # radius of the point where a tangent touches its curve, scene units
SUM_LABEL_BACK_OPACITY = 0.85  # the background behind an eigenvalue's label (it may cross contours)
SUM_LABEL_BACK_BUFF = 0.06  # how far that background reaches beyond the label, scene units
SUM_EIGEN_LABEL_GAP = 0.12  # between an eigenvector's tip and its label, scene units
SUM_FACTOR_INSET = 0.6  # the factor line is this much shorter than the picture box, scene units
SUM_BAND_HEIGHT = 0.7  # height of the stable band across the factor line, scene units
SUM_FACTOR_TEXT_GAP = 0.6  # between the factor line (with its band) and the title above it or the note below
SUM_STEP_TAG_GAP = 0.4  # between the note under the factor line and the step's tag, scene units
SUM_FACTOR_DOT = 0.1  # radius of the factor dots, scene units
SUM_BAR_OPACITY = 0.7  # fill of the factor bars
SUM_ZIGZAG_DOT = 0.04  # radius of descent's iterates in the zig-zag picture, scene units
SUM_RATES_INSET = (0.8, 1.4)  # width and height of the picture box left to the rate axes' labels and legend
SUM_RATES_KEY_GAP = 0.4  # between the entries of the rates' legend, scene units
SUM_RATES_LEGEND_GAP = 0.25  # between the rate axes and their legend, scene units
SUM_BEHIND_OPACITY = 0.45  # descent's rate at the valley's k, left behind when normalising moves it


class Chapter5Card(ChapterCard):
    chapter = 5
    summary = "Opens chapter 5: the points to remember."
    questions = (
        "What does the Hessian measure?",
        "How does it set the speed of descent?",
        "What do training tricks do about it?",
    )
    narration = "Chapter five sums up what the Hessian measures, and what it means for training."


@dataclass(frozen=True)
class SummaryParams(SceneParams):
    sharp_curve: str = param("sharp", "1-D loss shown as the strongly curved example: a library name or a formula "
                             "in x", choices=LOSS_1D_NAMES, formula=1)
    flat_curve: str = param("flat", "1-D loss shown as the gently curved example: a library name or a formula in x",
                            choices=LOSS_1D_NAMES, formula=1)
    eigenvalues: tuple[float, ...] = param(valley.EIGENVALUES, "Hessian eigenvalues of the 2-D pictures, smallest "
                                           "first", min=0.001, max=100, length=2)
    angle: float = param(valley.ANGLE_DEG, "direction of the eigenvector v1 in the 2-D pictures, degrees",
                         min=-180, max=180)
    start: tuple[float, ...] = param((-2.4, -0.6), "starting point of the descent paths (x1, x2)", min=-10, max=10,
                                     length=2)
    steps: int = param(30, "iterations drawn in the path pictures", min=5, max=MAX_STEPS)

    def check(self) -> None:
        for field in ("sharp_curve", "flat_curve"):  # a formula must be defined where the picture draws it
            _curve_loss(self, field)
        if self.eigenvalues[0] > self.eigenvalues[1]:
            raise ValidationError(f"eigenvalues = {list(self.eigenvalues)}: must be ascending (smallest first)")
        if math.hypot(*self.start) < 0.1:
            raise ValidationError(f"start = {list(self.start)}: must be at least 0.1 away from the minimum (0, 0)")


def _curve_loss(p: SummaryParams, field: str):
    """The loss of ``field`` (a library name, or a formula checked where the picture draws it)."""
    return losses.loss_1d(getattr(p, field), (-CURVE_REACH, CURVE_REACH), field=field)


POINTS = (
    "Second derivatives measure curvature",
    "Eigenvalues: curvature along eigenvectors",
    "Each eigen-direction has its own factor",
    "The condition number sets the pace",
    "Normalising and momentum fight a large k",
)
PICTURES = ("curvature", "eigen", "factors", "zigzag", "rates")  # the picture beside each point


def _before(b, cue: int, spare: float) -> float:
    """Seconds from now until cue ``cue`` starts, less ``spare`` (at least one frame)."""
    return frames(max(0.0, b.until(cue) - spare))


def _visible(loss, xs: np.ndarray) -> np.ndarray:
    """The stretch of xs around 0 where the loss stays below the top of the curvature picture."""
    below = loss.f(xs) <= CURVE_TOP
    lo = hi = len(xs) // 2
    while lo > 0 and below[lo - 1]:
        lo -= 1
    while hi < len(xs) - 1 and below[hi + 1]:
        hi += 1
    return xs[lo : hi + 1]


@dataclass(frozen=True)
class TangentCurve(Curve):
    """A 1-D loss over the picture's x range, and the stops of its sliding tangent."""

    tangents: list[list[float]]  # [x, f(x), f'(x)] at each stop


@dataclass(frozen=True)
class SummaryEigen:
    """The valley's contours, and its eigenvectors drawn as long as the middle contour's semi-axes."""

    contours: list[EllipseRecord]  # the outer one at most 2.8 units across
    vectors: list[list[float]]  # columns are the eigenvectors
    lengths: list[float]


@dataclass(frozen=True)
class FactorStop:
    """A step size and the factors 1 - a l of both eigen-directions at it."""

    step: float
    factors: list[float]


@dataclass(frozen=True)
class Zigzag:
    """Descent at the best step in a window round the minimum, with the contours that fit the window."""

    x_range: list[float]  # [min, max, tick]
    y_range: list[float]
    unit: float  # screen units per unit of x
    contours: list[EllipseRecord]
    path: list[list[float]]  # up to where it would leave the window


@dataclass(frozen=True)
class Rates:
    """Best rates of descent, (k - 1)/(k + 1), and of momentum, (sqrt k - 1)/(sqrt k + 1), at samples of k."""

    k: list[float]  # from 1 to k_top, the valley's k and its normalised k among them
    k_top: float
    descent: list[float]
    momentum: list[float]


@dataclass(frozen=True)
class SummaryValues(SceneValues):
    """What the summary shows: curvature, the eigen-directions, the step's factors, descent's zig-zag and the rates."""

    curvature_sharp: float  # f''(0)
    curvature_flat: float
    curves: dict[str, TangentCurve]  # "sharp" and "flat"
    eigenvalues: list[float]
    eigen: SummaryEigen
    stable_step_bound: float  # 2 / l_max
    best_step: float
    factors: list[float]  # 1 - a l at the best step
    # the step grows from 0 to the best step, then to the cap 2 / l_max: 1 - a l at each stop
    factor_stops: list[FactorStop]
    zigzag: Zigzag
    condition: float  # k
    condition_normalised: float  # k of the standardised problem
    descent_rate: float
    momentum_rate: float
    rates: Rates


class SummaryScene(LectureScene):
    """The points to remember, one at a time, each beside a small reprise of its picture."""

    Params = SummaryParams
    chapter = 5
    title = "Summary"
    summary = "The lecture's five points, each beside a small picture that moves with its words."

    @classmethod
    def values(cls, p: SummaryParams) -> SummaryValues:
        sharp, flat = (_curve_loss(p, key) for key in ("sharp_curve", "flat_curve"))
        eigenvalues = list(p.eigenvalues)
        step, bound = descent.best_step(eigenvalues), descent.stable_step_bound(eigenvalues)
        q = quadratic.from_eigen(eigenvalues, math.radians(p.angle))
        k = q.condition_number()
        k_normalised = quadratic.Quadratic(least_squares.standardised_hessian(q.A), np.zeros(2)).condition_number()
        return SummaryValues(
            curvature_sharp=float(sharp.d2f(0.0)),
            curvature_flat=float(flat.d2f(0.0)),
            curves={key: cls._curve(loss) for key, loss in (("sharp", sharp), ("flat", flat))},
            eigenvalues=eigenvalues,
            eigen=cls._eigen(q),
            stable_step_bound=bound,
            best_step=step,
            factors=descent.direction_factors(eigenvalues, step).tolist(),
            factor_stops=[FactorStop(0.0, [1.0, 1.0])]
            + [FactorStop(a, descent.direction_factors(eigenvalues, a).tolist()) for a in (step, bound)],
            zigzag=cls._zigzag(q, p, step),
            condition=k,
            condition_normalised=k_normalised,
            descent_rate=descent.best_rate(eigenvalues),
            momentum_rate=momentum.optimal_momentum(eigenvalues).rate,
            rates=cls._rates(k, k_normalised),
        )

    @staticmethod
    def _curve(loss) -> TangentCurve:
        """The loss over the picture's x range, and the stops of its sliding tangent (x, f, f')."""
        xs = np.linspace(-CURVE_REACH, CURVE_REACH, CURVE_SAMPLES)
        stops = _visible(loss, TANGENT_XS)
        return TangentCurve(xs.tolist(), loss.f(xs).tolist(),
                            [[float(x), float(loss.f(x)), float(loss.df(x))] for x in stops])

    @staticmethod
    def _eigen(q) -> SummaryEigen:
        """Three contours (the outer one at most 2.8 units across) and the eigenvectors, as long as the middle
        contour's semi-axes."""
        outer = quadratic.ellipse(q, 1.0)
        scale = min(SUM_EIGEN_REACH / outer.semi_axes.max(), 1.0)
        records = [quadratic.ellipse(q, scale**2 * f) for f in (1.0, 0.45, 0.15)]
        return SummaryEigen([C.ellipse_record(e) for e in records], q.eigen().vectors.tolist(),
                            records[1].semi_axes.tolist())

    @staticmethod
    def _zigzag(q, p: SummaryParams, step: float) -> Zigzag:
        """Descent at the best step, in a window around the minimum as large as the picture box allows, with the
        contours that fit it; the path stops where it would leave the window."""
        xs = descent.descent_on_quadratic(q, np.array(p.start), step, p.steps)
        points = xs[np.isfinite(xs).all(axis=1)]
        reach = np.minimum(np.abs(points).max(axis=0), SUM_ZIGZAG_CAP * np.abs(np.array(p.start)).max())
        reach = reach * SUM_ZIGZAG_MARGIN
        unit = min(PICTURE_WIDTH / (2 * reach[0]), (PICTURE_HEIGHT - SUM_ZIGZAG_INSET) / (2 * reach[1]))
        hx, hy = PICTURE_WIDTH / (2 * unit), (PICTURE_HEIGHT - SUM_ZIGZAG_INSET) / (2 * unit)
        tick = next((t for t in (0.5, 1.0, 2.0, 5.0, 10.0) if 2 * hx / t <= 12), 20.0)
        e = quadratic.ellipse(q, 1.0)
        c, s = math.cos(e.angle), math.sin(e.angle)
        a1, a2 = e.semi_axes
        reach_x, reach_y = math.hypot(a1 * c, a2 * s), math.hypot(a1 * s, a2 * c)  # box of the level-1 ellipse
        top = min((theme.FIT_MARGIN * hx / reach_x) ** 2, (theme.FIT_MARGIN * hy / reach_y) ** 2)
        leave = descent.first_exit(xs, ((-hx, hx), (-hy, hy)))
        return Zigzag([-hx, hx, tick], [-hy, hy, tick], unit,
                      [C.ellipse_record(quadratic.ellipse(q, top * f)) for f in (1.0, 0.45, 0.15, 0.03)],
                      xs[: leave if leave is not None else len(xs)].tolist())

    @staticmethod
    def _rates(k: float, k_normalised: float) -> Rates:
        """Best rates of descent, (k - 1)/(k + 1), and of momentum, (sqrt k - 1)/(sqrt k + 1), for k from 1 to a
        little past the valley's k (with k and the normalised k among the samples)."""
        top = C.axis_range(1.0, 1.1 * k)[1]
        ks = np.unique(np.concatenate([np.linspace(1.0, top, RATE_SAMPLES), [k, k_normalised]]))
        return Rates(ks.tolist(), top, [descent.best_rate([1.0, x]) for x in ks],
                     [momentum.optimal_momentum([1.0, x]).rate for x in ks])

    def lines(self) -> tuple[str, ...]:
        """What each point says; the fifth says whether normalising shrinks this valley's k."""
        helps = self.v.condition_normalised < self.v.condition * (1 - 1e-9)
        return (
            "Second derivatives measure curvature: how fast the slope changes. "
            "A sharp curve has a large second derivative, a flat one a small one.",
            "The Hessian's eigenvectors point along the principal curvatures. "
            "Its eigenvalues are those curvatures: larger means narrower contours.",
            "Along each eigenvector, descent multiplies the error by 1 − aλ per step. "
            "Every direction converges only if the step is below 2 / λ max.",
            "λ max caps the step and λ min sets the pace, so a large k means a slow zig-zag. "
            "Trained networks even raise λ max to meet 2 / a.",
            ("Training tricks such as normalising the inputs make k smaller. " if helps else
             "Normalising the inputs often makes k smaller, though not at this tilt. ")
            + "Momentum's rate depends on the square root of k instead of k.",
        )

    def construct(self) -> None:
        self.lay_out()
        self.introduce()
        shows = (self.show_curvature, self.show_eigen, self.show_factors, self.show_zigzag, self.show_rates)
        for k, show in enumerate(shows):
            self.remember(k, show)
        self.close()

    def lay_out(self) -> None:
        """The heading, the list of points with the picture box beside it, and the five pictures and formulas."""
        self.heading = C.heading("Points to remember")
        self.items = VGroup(*[C.text(f"{i + 1}.  {t}", theme.LABEL) for i, t in enumerate(POINTS)])
        self.items.arrange(DOWN, aligned_edge=LEFT, buff=SUM_ITEM_GAP)
        if self.items.width > ITEMS_WIDTH:
            self.items.scale_to_fit_width(ITEMS_WIDTH)
        self.box = Rectangle(width=PICTURE_WIDTH, height=PICTURE_HEIGHT, stroke_width=0)
        self.box.next_to(self.heading, DOWN, buff=theme.HEADING_GAP).to_edge(LEFT, buff=theme.EDGE)
        self.items.next_to(self.box, RIGHT, buff=SUM_ITEMS_GAP).align_to(self.box, UP).shift(DOWN * SUM_ITEMS_DROP)
        self.pictures = [self.curvature_picture(), self.eigen_picture(), self.factor_picture(),
                         self.zigzag_picture(), self.rates_picture()]
        for picture in self.pictures:
            picture.move_to(self.box)
        self.formula_cards = self.formulas()
        for formula in self.formula_cards:
            formula.next_to(self.items.get_bottom() + DOWN * SUM_FORMULA_GAP, DOWN, buff=0).align_to(self.items, LEFT)
        self.ghost = self.items.copy().set_opacity(SUM_GHOST_OPACITY)  # the list to come; each point lights up

    def introduce(self) -> None:
        with self.beat("intro", "Five ideas to remember, each with its picture.") as b:
            self.play(FadeIn(self.heading), FadeIn(self.ghost), run_time=b.part(0.6))

    def remember(self, k: int, show) -> None:
        """Beat ``point<k+1>``: point k lights up, its picture comes and moves with the words (``show``)."""
        outgoing = [FadeOut(self.pictures[k - 1]), FadeOut(self.formula_cards[k - 1]),
                    self.items[k - 1].animate.set_color(theme.MUTED)] if k else []
        with self.beat(f"point{k + 1}", self.lines()[k]) as b:
            self.show("picture", PICTURES[k])
            self.play(*outgoing, FadeIn(self.items[k]), run_time=b.part(0.12))
            show(b, self.pictures[k], self.formula_cards[k])

    def close(self) -> None:
        """The five pictures, small and numbered, beside the list: the pictures to keep in mind."""
        thumbs = VGroup(*[VGroup(picture.copy(), C.text(str(i + 1), theme.BODY, theme.TEXT))
                          for i, picture in enumerate(self.pictures)])
        for thumb in thumbs:
            thumb[1].next_to(thumb[0], LEFT, buff=SUM_THUMB_NUMBER_GAP).align_to(thumb[0], UP)
        thumbs.arrange_in_grid(rows=3, cols=2, buff=THUMB_GAP)
        thumbs.scale_to_fit_height(PICTURE_HEIGHT)
        if thumbs.width > PICTURE_WIDTH:
            thumbs.scale_to_fit_width(PICTURE_WIDTH)
        thumbs.move_to(self.box)
        with self.beat("closing", "Keep these pictures in mind whenever you meet the Hessian again.") as b:
            self.play(FadeOut(self.pictures[-1]), FadeOut(self.formula_cards[-1]), FadeOut(self.ghost),
                      self.items.animate.set_color(theme.TEXT), run_time=b.part(0.25))
            for thumb, item in zip(thumbs, self.items):  # each picture comes back beside its point
                self.play(FadeIn(thumb), Indicate(item, color=theme.HIGHLIGHT, scale_factor=SUM_INDICATE_SCALE),
                          run_time=b.part(0.13))

    # -- the five formulas, with mathcore's numbers ------------------------------------------------
    def formulas(self) -> list[VGroup]:
        v = self.v
        l1, l2 = v.eigenvalues

        def block(*rows):
            return VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=theme.BUFF)

        return [
            block(C.tex(r"f''(x) = \frac{d}{dx}\, f'(x)", size=theme.BODY, color=theme.CURVATURE)),
            block(C.tex(r"H v_i = \lambda_i v_i", size=theme.BODY, color=theme.CURVATURE),
                  C.tex(rf"\lambda = {C.fmt(l1)},\ {C.fmt(l2)}", size=theme.BODY, color=theme.CURVATURE)),
            block(C.tex(r"x_t - x^\ast = \textstyle\sum_i c_i\,(1 - a\lambda_i)^t\, v_i", size=theme.BODY),
                  C.tex(r"0 < a < 2/\lambda_{\max} = " + C.fmt(v.stable_step_bound), size=theme.BODY,
                        color=theme.ITERATE)),
            block(C.tex(r"k = \lambda_{\max} / \lambda_{\min} = " + C.fmt(v.condition), size=theme.BODY,
                        color=theme.CURVATURE),
                  C.tex(r"\text{best rate } \tfrac{k-1}{k+1} = " + C.fmt(v.descent_rate), size=theme.BODY,
                        color=theme.ITERATE)),
            block(C.tex(r"\text{normalised: } k = " + C.fmt(v.condition) + r" \to "
                        + C.fmt(v.condition_normalised), size=theme.BODY, color=theme.CURVATURE),
                  C.tex(r"\text{momentum: } \tfrac{\sqrt{k}-1}{\sqrt{k}+1} = " + C.fmt(v.momentum_rate),
                        size=theme.BODY),
                  C.tex(r"\text{descent: } \tfrac{k-1}{k+1} = " + C.fmt(v.descent_rate), size=theme.BODY,
                        color=theme.ITERATE)),
        ]

    # -- point 1: a sharp and a flat curve, a tangent sliding along each -------------------------------
    CURVES = (("sharp", theme.EIGEN_2), ("flat", theme.EIGEN_1))  # steep like l_max, shallow like l_min

    def curvature_picture(self) -> VGroup:
        p, v = self.p, self.v
        names = {"sharp": p.sharp_curve, "flat": p.flat_curve}
        self.legend = VGroup(*[
            VGroup(C.text(_curve_loss(p, f"{key}_curve").name, theme.LABEL, color),
                   C.tex(r"f''(0) = " + C.fmt(getattr(v, f"curvature_{key}")), size=theme.BODY, color=color)).arrange(
                RIGHT, buff=SUM_LEGEND_GAP)
            for key, color in self.CURVES
        ]).arrange(DOWN, aligned_edge=LEFT, buff=SUM_LEGEND_ROWS_GAP)
        bottom = min(-0.5, math.floor(min(min(v.curves[key].loss) for key, _ in self.CURVES)))
        frame = C.loss_axes([-CURVE_REACH, CURVE_REACH, 1], [bottom, CURVE_TOP, 1],
                            width=PICTURE_WIDTH - SUM_CURVE_INSET[0],
                            height=PICTURE_HEIGHT - self.legend.height - SUM_CURVE_INSET[1])
        self.curve_axes = axes = frame[0]
        group = VGroup(frame)
        for key, color in self.CURVES:
            xs, ys = np.array(v.curves[key].x), np.array(v.curves[key].loss)
            keep = ys <= CURVE_TOP
            group.add(C.curve(axes, xs[keep], ys[keep], color=color))
        return VGroup(self.legend, group).arrange(DOWN, aligned_edge=LEFT, buff=theme.BUFF)

    def _touch(self, key: str, stop: int) -> VGroup:
        x, y, slope = self.v.curves[key].tangents[stop]
        return VGroup(C.tangent(self.curve_axes, x, y, slope, half_width=TANGENT_HALF),
                      Dot(self.curve_axes.c2p(x, y), radius=SUM_TOUCH_DOT, color=theme.TANGENT))

    def show_curvature(self, b, picture: VGroup, formula: VGroup) -> None:
        """Tangents slide along both curves while the slope's change is named (the sharp one turns fast); then
        each curve's f''(0) lights up as the second sentence compares them."""
        for key in ("curvature_sharp", "curvature_flat"):
            self.show(key, getattr(self.v, key))
        stops = {key: len(self.v.curves[key].tangents) for key, _ in self.CURVES}
        touches = {key: self._touch(key, 0) for key in stops}
        picture.add(*touches.values())
        self.play(FadeIn(picture), run_time=b.part(0.12))
        moves = max(stops.values()) - 1
        each = _before(b, 1, b.part(0.05)) / max(moves, 1)
        for i in range(1, moves + 1):
            self.play(*[Transform(touches[key], self._touch(key, min(i, n - 1))) for key, n in stops.items()],
                      run_time=each, rate_func=linear)
        self.play(FadeIn(formula), Indicate(self.legend[0]), run_time=b.part(0.2))
        self.play(Indicate(self.legend[1]), run_time=b.part(0.2))

    # -- point 2: the eigenvectors as the axes of the contours ------------------------------------------
    def eigen_picture(self) -> VGroup:
        v = self.v
        e = v.eigen
        plane = C.plane([-3, 3, 1], [-2.5, 2.5, 1], PICTURE_WIDTH / 6.0)
        arrows = C.eigen_arrows(plane, np.zeros(2), np.array(e.vectors), e.lengths,
                                [theme.EIGEN_1, theme.EIGEN_2])
        labels = VGroup()
        for i, color in enumerate((theme.EIGEN_1, theme.EIGEN_2)):
            label = C.tex(rf"\lambda_{i + 1} = {C.fmt(v.eigenvalues[i])}", size=theme.BODY, color=color)
            label.add_background_rectangle(color=theme.BACKGROUND, opacity=SUM_LABEL_BACK_OPACITY,
                                           buff=SUM_LABEL_BACK_BUFF)
            direction = arrows[i].get_end() - arrows[i].get_start()
            labels.add(label.next_to(arrows[i].get_end(), direction / np.linalg.norm(direction),
                                     buff=SUM_EIGEN_LABEL_GAP))
        return VGroup(plane, C.contour_family(plane, [C.ellipse_of(c) for c in e.contours]), arrows, labels)

    def show_eigen(self, b, picture: VGroup, formula: VGroup) -> None:
        """The contours, then the eigenvectors grow along their axes; with the second sentence the eigenvalues
        appear, and the larger one's arrow (the short, narrow axis) lights up."""
        self.show("eigenvalues", self.v.eigenvalues)
        plane, contours, arrows, labels = picture
        self.play(FadeIn(plane), FadeIn(contours), run_time=b.part(0.15))
        for arrow in arrows:
            self.play(GrowArrow(arrow), run_time=b.part(0.12))
        self.wait(b.until(1))
        self.play(FadeIn(labels), FadeIn(formula), run_time=b.part(0.15))
        self.play(Indicate(arrows[1], color=theme.EIGEN_2), Indicate(labels[1][1], color=theme.EIGEN_2),
                  run_time=b.part(0.2))

    # -- point 3: each direction's factor 1 - a l on a number line, as the step grows ----------------------
    def factor_picture(self) -> VGroup:
        line = NumberLine(x_range=[-2, 2, 1], length=PICTURE_WIDTH - SUM_FACTOR_INSET, include_numbers=True,
                          color=theme.MUTED, font_size=theme.LABEL)
        band = C.stable_band(line, height=SUM_BAND_HEIGHT)
        title = C.tex(r"\text{factor per step } 1 - a\lambda_i", size=theme.BODY)
        title.next_to(band, UP, buff=SUM_FACTOR_TEXT_GAP)
        note = C.tex(r"|1 - a\lambda_i| < 1:\ \text{direction } i \text{ converges}", size=theme.BODY,
                     color=theme.STABLE).next_to(line, DOWN, buff=SUM_FACTOR_TEXT_GAP)
        self.step_tags = [self._step_tag(i) for i in range(len(self.v.factor_stops))]
        self.step_tags[0].next_to(note, DOWN, buff=SUM_STEP_TAG_GAP).align_to(note, LEFT)
        self.factor_line = line
        dots = VGroup()
        for i, color in enumerate((theme.EIGEN_1, theme.EIGEN_2)):
            dot = Dot(line.n2p(self.v.factor_stops[0].factors[i]), color=color, radius=SUM_FACTOR_DOT)
            tag = C.tex(rf"\lambda_{i + 1}", size=theme.BODY, color=color)
            dots.add(VGroup(dot, tag.next_to(dot, UP, buff=TAG_BUFFS[i])))  # stacked: both start at 1
        self.factor_dots = dots
        self.factor_bars = VGroup(*[self._bar(i, 0) for i in range(2)])
        return VGroup(title, band, line, self.factor_bars, dots, note, self.step_tags[0])

    def _bar(self, i: int, stop: int) -> Polygon:
        """Direction i's factor at stop ``stop`` as a bar from 0 along the line (above it for v1, below for v2)."""
        line, f = self.factor_line, self.v.factor_stops[stop].factors[i]
        lo, hi = (BAR_GAP, BAR_GAP + BAR_HEIGHT) if i == 0 else (-BAR_GAP - BAR_HEIGHT, -BAR_GAP)
        corners = [line.n2p(0) + UP * lo, line.n2p(f) + UP * lo, line.n2p(f) + UP * hi, line.n2p(0) + UP * hi]
        return Polygon(*corners, stroke_width=0, fill_color=(theme.EIGEN_1, theme.EIGEN_2)[i],
                       fill_opacity=SUM_BAR_OPACITY)

    def _step_tag(self, stop: int) -> VGroup:
        step = self.v.factor_stops[stop].step
        name = ("", r"\tfrac{2}{\lambda_{\min} + \lambda_{\max}} = ", r"2/\lambda_{\max} = ")[stop]
        return C.tex(r"a = " + name + C.fmt(step), size=theme.BODY, color=theme.ITERATE)

    def _to_stop(self, stop: int, run_time: float) -> None:
        """The factor dots and the step's tag move to stop ``stop`` of the step's sweep."""
        factors = self.v.factor_stops[stop].factors
        moves = [dot.animate.shift(self.factor_line.n2p(f) - dot[0].get_center())
                 for dot, f in zip(self.factor_dots, factors)]
        note = self.pictures[2][-2]
        tag = self.step_tags[stop].next_to(note, DOWN, buff=SUM_STEP_TAG_GAP).align_to(note, LEFT)
        bars = [Transform(bar, self._bar(i, stop)) for i, bar in enumerate(self.factor_bars)]
        self.play(*moves, *bars, FadeOut(self.pictures[2][-1]), run_time=run_time, rate_func=linear)
        self.pictures[2].remove(self.pictures[2][-1]).add(tag)
        self.play(FadeIn(tag), run_time=TAG_S)  # the step's value once the dots have arrived

    def show_factors(self, b, picture: VGroup, formula: VGroup) -> None:
        """At a = 0 both factors are 1; as the step grows to its best value each dot moves at its own speed
        (1 - a l); with the second sentence it grows on to 2 / l_max, where the steep direction's factor reaches
        the band's edge -1."""
        v = self.v
        for key in ("factors", "best_step", "stable_step_bound"):
            self.show(key, getattr(v, key))
        self.play(FadeIn(picture), run_time=b.part(0.12))
        self._to_stop(1, _before(b, 1, b.part(0.05)))
        self._to_stop(2, b.part(0.3))
        self.play(FadeIn(formula), Indicate(self.factor_dots[1], color=theme.EIGEN_2), run_time=b.part(0.15))

    # -- point 4: the zig-zag of descent at its best step ------------------------------------------------
    def zigzag_picture(self) -> VGroup:
        z = self.v.zigzag
        plane = C.plane(z.x_range, z.y_range, z.unit)
        arrows = C.eigen_arrows(plane, np.zeros(2), np.array(self.v.eigen.vectors),
                                z.contours[1].semi_axes, [theme.EIGEN_1, theme.EIGEN_2])
        return VGroup(plane, C.contour_family(plane, [C.ellipse_of(c) for c in z.contours]), arrows,
                      C.trajectory(plane, np.array(z.path), color=theme.ITERATE, dot_radius=SUM_ZIGZAG_DOT))

    def show_zigzag(self, b, picture: VGroup, formula: VGroup) -> None:
        """The valley; its steep direction (which caps the step) and its shallow one (which sets the pace) grow as
        they are named; with the second sentence k and the rate appear and descent's zig-zag is traced."""
        for key in ("condition", "descent_rate"):
            self.show(key, getattr(self.v, key))
        plane, contours, arrows, path = picture
        self.play(FadeIn(plane), FadeIn(contours), run_time=b.part(0.1))
        self.play(GrowArrow(arrows[1]), run_time=b.part(0.15))
        self.play(GrowArrow(arrows[0]), run_time=b.part(0.2))
        self.wait(b.until(1))
        self.play(FadeIn(formula), run_time=b.part(0.1))
        self.play(Create(path, lag_ratio=0), run_time=frames(max(b.left, b.part(0.2))), rate_func=linear)

    # -- point 5: the best rates against k: normalising moves left, momentum lies lower -----------------------
    def rates_picture(self) -> VGroup:
        r = self.v.rates
        frame = C.loss_axes([1, r.k_top, C.nice_step(r.k_top - 1)], [0, 1, 0.5],
                            width=PICTURE_WIDTH - SUM_RATES_INSET[0], height=PICTURE_HEIGHT - SUM_RATES_INSET[1],
                            x_label="k", y_label=r"\text{rate}")
        self.rate_axes = axes = frame[0]
        axes.x_axis.add_numbers(font_size=theme.SMALL, color=theme.MUTED, num_decimal_places=0)  # k: whole ticks
        axes.y_axis.add_numbers(font_size=theme.SMALL, color=theme.MUTED, num_decimal_places=1)
        ks = np.array(r.k)
        curves = VGroup(C.curve(axes, ks, np.array(r.descent), color=theme.ITERATE),
                        C.curve(axes, ks, np.array(r.momentum), color=theme.MOMENTUM))
        legend = VGroup(C.legend_entry("descent", theme.ITERATE), C.legend_entry("momentum", theme.MOMENTUM))
        legend.arrange(RIGHT, buff=SUM_RATES_KEY_GAP).next_to(frame, DOWN, buff=SUM_RATES_LEGEND_GAP)
        return VGroup(frame, curves, legend)

    def _rate_point(self, key: str, k: float, color: str) -> Dot:
        r = self.v.rates
        return Dot(self.rate_axes.c2p(k, getattr(r, key)[r.k.index(k)]), radius=DOT, color=color)

    def show_rates(self, b, picture: VGroup, formula: VGroup) -> None:
        """Descent's rate at the valley's k; normalising slides it down the curve to the smaller k. Then the
        momentum curve, and momentum's rate at the same k, well below descent's."""
        v, r = self.v, self.v.rates
        for key in ("condition", "condition_normalised"):
            self.show(key, getattr(v, key))
        frame, curves, legend = picture
        k, k_norm = v.condition, v.condition_normalised
        at_k = self._rate_point("descent", k, theme.ITERATE)
        moving = at_k.copy()
        at_k.set_opacity(SUM_BEHIND_OPACITY)
        ks = np.array(r.k)
        between = (ks >= k_norm) & (ks <= k)
        picture.add(at_k, moving)
        self.play(FadeIn(frame), Create(curves[0]), FadeIn(legend[0]), FadeIn(moving), run_time=b.part(0.2))
        self.add(at_k)
        self.play(FadeIn(formula[0]), run_time=b.part(0.1))
        if between.sum() > 1:  # normalising lowers k: the point slides down the curve to it
            slide = C.curve(self.rate_axes, ks[between][::-1], np.array(r.descent)[between][::-1])
            self.play(MoveAlongPath(moving, slide), run_time=_before(b, 1, b.part(0.05)))
        for key in ("momentum_rate", "descent_rate"):
            self.show(key, getattr(v, key))
        fast = self._rate_point("momentum", k, theme.MOMENTUM)
        picture.add(fast)
        self.play(Create(curves[1]), FadeIn(legend[1]), run_time=b.part(0.25))
        self.play(FadeIn(formula[1:]), FadeIn(fast), Indicate(fast, color=theme.HIGHLIGHT), run_time=b.part(0.25))


SCENES = [
    ("chapter5", Chapter5Card),
    ("summary", SummaryScene),
]
