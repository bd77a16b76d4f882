"""Chapter 5, conclusion: the points to remember."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Dot,
    FadeIn,
    FadeOut,
    NumberLine,
    Rectangle,
    VGroup,
)

from mathcore import descent, functions, momentum, quadratic
from mathcore.errors import ValidationError
from scenes import components as C
from scenes import theme
from scenes.base import LectureScene
from scenes.cards import ChapterCard
from scenes.params import LOSS_1D_NAMES, MAX_STEPS, SceneParams, param

PICTURE_WIDTH = 6.0  # the reprise pictures live in a box this wide on the left
PICTURE_HEIGHT = 5.2
ITEMS_WIDTH = 6.9  # the list of points is scaled down to fit this width
CURVE_REACH = 2.0  # the curvature picture plots x in [-2, 2]
CURVE_SAMPLES = 121


class Chapter5Card(ChapterCard):
    chapter = 5
    summary = "Opens chapter 5: the points to remember."
    questions = (
        "What does the Hessian measure?",
        "How does it set the speed of descent?",
        "What do training tricks do about it?",
    )
    narration = (
        "To close, we gather the lecture's ideas in one place.",
        "The Hessian measures curvature, direction by direction.",
        "Its eigenvalues decide how fast gradient descent can go.",
        "And common training tricks work by taming the condition number.",
    )


@dataclass(frozen=True)
class SummaryParams(SceneParams):
    sharp_curve: str = param("sharp", "1-D loss shown as the strongly curved example", choices=LOSS_1D_NAMES)
    flat_curve: str = param("flat", "1-D loss shown as the gently curved example", choices=LOSS_1D_NAMES)
    eigenvalues: tuple[float, ...] = param((0.1, 1.0), "Hessian eigenvalues of the 2-D pictures, smallest first",
                                           min=0.001, max=100, length=2)
    angle: float = param(0.5, "rotation of the 2-D valley in radians", min=-math.pi, max=math.pi)
    start: tuple[float, ...] = param((-2.4, -0.6), "starting point of the descent paths (x1, x2)", min=-10, max=10,
                                     length=2)
    steps: int = param(30, "iterations drawn in the path pictures", min=5, max=MAX_STEPS)

    def check(self) -> None:
        if self.eigenvalues[0] > self.eigenvalues[1]:
            raise ValidationError(f"eigenvalues = {list(self.eigenvalues)}: must be ascending (smallest first)")
        if math.hypot(*self.start) < 0.1:
            raise ValidationError(f"start = {list(self.start)}: must be at least 0.1 away from the minimum (0, 0)")


POINTS = (
    "Second derivatives measure curvature",
    "Eigenvalues: curvature along eigenvectors",
    "Each eigen-direction has its own factor",
    "The condition number sets the pace",
    "Normalising and momentum fight a large k",
)


class SummaryScene(LectureScene):
    """The points to remember, one at a time, each beside a small reprise of its picture."""

    Params = SummaryParams
    chapter = 5
    title = "Summary"
    summary = "The lecture's five points, each beside a small version of its picture."

    @classmethod
    def values(cls, p: SummaryParams) -> dict[str, Any]:
        sharp, flat = functions.loss_1d(p.sharp_curve), functions.loss_1d(p.flat_curve)
        eigenvalues = list(p.eigenvalues)
        step = descent.best_step(eigenvalues)
        xs = np.linspace(-CURVE_REACH, CURVE_REACH, CURVE_SAMPLES)
        return {
            "curvature_sharp": float(sharp.d2f(0.0)),
            "curvature_flat": float(flat.d2f(0.0)),
            "curves": {key: {"x": xs.tolist(), "loss": loss.f(xs).tolist()} for key, loss in (("sharp", sharp),
                                                                                            ("flat", flat))},
            "eigenvalues": eigenvalues,
            "stable_step_bound": descent.stable_step_bound(eigenvalues),
            "best_step": step,
            "factors": descent.direction_factors(eigenvalues, step).tolist(),
            "condition": quadratic.from_eigen(eigenvalues, p.angle).condition_number(),
            "descent_rate": descent.best_rate(eigenvalues),
            "momentum_rate": momentum.optimal_momentum(eigenvalues).rate,
        }

    LINES = (
        "Second derivatives measure curvature: how fast the slope changes. "
        "A sharp curve has a large second derivative, a flat one a small one.",
        "The Hessian's eigenvectors point along the principal curvatures. "
        "Its eigenvalues are those curvatures: larger means narrower contours.",
        "Along each eigenvector, descent multiplies the error by 1 − aλ per step. "
        "Every direction converges only if the step is below 2 / λ max.",
        "The step is capped by λ max, while λ min sets the pace. "
        "So the condition number k decides the speed: large k, slow zig-zag.",
        "Training tricks such as normalising the inputs make k smaller. "
        "Momentum's rate depends on the square root of k instead of k.",
    )

    def construct(self) -> None:
        self.lay_out()
        self.introduce()
        for k in range(len(POINTS)):
            self.remember(k)
        self.close()

    def lay_out(self) -> None:
        """The heading, the list of points with the picture box beside it, and the five pictures and formulas."""
        self.heading = C.heading("Points to remember")
        self.items = VGroup(*[C.text(f"{i + 1}.  {t}", theme.LABEL) for i, t in enumerate(POINTS)])
        self.items.arrange(DOWN, aligned_edge=LEFT, buff=0.32)
        if self.items.width > ITEMS_WIDTH:
            self.items.scale_to_fit_width(ITEMS_WIDTH)
        self.box = Rectangle(width=PICTURE_WIDTH, height=PICTURE_HEIGHT, stroke_width=0)
        self.box.next_to(self.heading, DOWN, buff=0.4).to_edge(LEFT, buff=theme.EDGE)
        self.items.next_to(self.box, RIGHT, buff=0.5).align_to(self.box, UP).shift(DOWN * 0.4)
        q = quadratic.from_eigen(self.p.eigenvalues, self.p.angle)
        runs = self.runs(q)
        self.pictures = [self.curvature_picture(), self.eigen_picture(q), self.band_picture(),
                         self.zigzag_picture(q, runs), self.momentum_picture(q, runs)]
        self.formula_cards = self.formulas()
        self.ghost = self.items.copy().set_opacity(0.35)  # the list to come, dimmed; each point lights up in turn

    def introduce(self) -> None:
        with self.beat("intro", "Five ideas to remember, each with its picture.") as b:
            self.play(FadeIn(self.heading), FadeIn(self.ghost), run_time=b.part(0.6))

    def remember(self, k: int) -> None:
        """Beat ``point<k+1>``: point k lights up with its picture; its formula comes with the second sentence."""
        picture, formula = self.pictures[k], self.formula_cards[k]
        picture.move_to(self.box)
        formula.next_to(self.items.get_bottom() + DOWN * 0.6, DOWN, buff=0).align_to(self.items, LEFT)
        outgoing = [FadeOut(self.pictures[k - 1]), FadeOut(self.formula_cards[k - 1]),
                    self.items[k - 1].animate.set_color(theme.MUTED)] if k else []
        with self.beat(f"point{k + 1}", self.LINES[k]) as b:
            self.play(*outgoing, FadeIn(self.items[k]), FadeIn(picture), run_time=b.part(0.3))
            self.wait(b.until(1))
            self.play(FadeIn(formula), run_time=b.part(0.15))

    def close(self) -> None:
        with self.beat("closing", "Keep these pictures in mind whenever you meet the Hessian again.") as b:
            self.play(FadeOut(self.pictures[-1]), FadeOut(self.formula_cards[-1]), FadeOut(self.ghost),
                      self.items[-1].animate.set_color(theme.MUTED), run_time=b.part(0.3))
            self.play(self.items.animate.set_color(theme.TEXT).move_to([0, self.box.get_center()[1], 0]),
                      run_time=b.part(0.4))

    # -- the five formulas, with mathcore's numbers ------------------------------------------------
    def formulas(self) -> list[VGroup]:
        v = self.v
        l1, l2 = self.show("eigenvalues", v["eigenvalues"])
        f1, f2 = self.show("factors", v["factors"])

        def block(*rows):
            return VGroup(*rows).arrange(DOWN, aligned_edge=LEFT, buff=0.3)

        return [
            block(C.tex(r"f''(x) = \frac{d}{dx}\, f'(x)", size=theme.BODY, color=theme.CURVATURE)),
            block(C.tex(r"H v_i = \lambda_i v_i", size=theme.BODY, color=theme.CURVATURE),
                  C.tex(rf"\lambda = {C.fmt(l1)},\ {C.fmt(l2)}", size=theme.BODY, color=theme.CURVATURE)),
            block(C.tex(r"x_t - x^\ast = \textstyle\sum_i c_i\,(1 - a\lambda_i)^t\, v_i", size=theme.BODY),
                  C.tex(r"0 < a < 2/\lambda_{\max} = " + C.fmt(self.show("stable_step_bound", v["stable_step_bound"])),
                        size=theme.BODY, color=theme.ITERATE)),
            block(C.tex(r"k = \lambda_{\max} / \lambda_{\min} = " + C.fmt(self.show("condition", v["condition"])),
                        size=theme.BODY, color=theme.CURVATURE),
                  C.tex(r"\text{best rate } \tfrac{k-1}{k+1} = " + C.fmt(self.show("descent_rate", v["descent_rate"])),
                        size=theme.BODY, color=theme.ITERATE)),
            block(C.tex(r"\text{momentum: } \tfrac{\sqrt{k}-1}{\sqrt{k}+1} = "
                        + C.fmt(self.show("momentum_rate", v["momentum_rate"])), size=theme.BODY),
                  C.tex(r"\text{descent: } \tfrac{k-1}{k+1} = " + C.fmt(v["descent_rate"]), size=theme.BODY,
                        color=theme.ITERATE)),
        ]

    # -- the five small pictures ----------------------------------------------------------------------
    def curvature_picture(self) -> VGroup:
        p, v = self.p, self.v
        xs = np.array(v["curves"]["sharp"]["x"])
        curves = [(functions.loss_1d(name), key, color) for name, key, color in (
            (p.sharp_curve, "sharp", theme.CURVATURE), (p.flat_curve, "flat", theme.LOSS))]
        legend = VGroup(*[
            VGroup(C.text(loss.name, theme.LABEL, color),
                   C.tex(r"f''(0) = " + C.fmt(self.show(f"curvature_{key}", v[f"curvature_{key}"])), size=theme.BODY,
                         color=color)).arrange(
                RIGHT, buff=0.25)
            for loss, key, color in curves
        ]).arrange(DOWN, aligned_edge=LEFT, buff=0.2)
        bottom = min(-0.5, math.floor(min(min(v["curves"][key]["loss"]) for _, key, _ in curves)))
        frame = C.loss_axes([-2, 2, 1], [bottom, 4, 1], width=PICTURE_WIDTH - 0.6,
                            height=PICTURE_HEIGHT - legend.height - 0.7)
        axes = frame[0]
        group = VGroup(frame)
        for loss, key, color in curves:
            ys = np.array(v["curves"][key]["loss"])
            # the stretch around x = 0 that stays below the top of the axes
            below = ys <= 4
            lo = hi = len(xs) // 2
            while lo > 0 and below[lo - 1]:
                lo -= 1
            while hi < len(xs) - 1 and below[hi + 1]:
                hi += 1
            group.add(C.curve(axes, xs[lo : hi + 1], ys[lo : hi + 1], color=color))
        return VGroup(legend, group).arrange(DOWN, aligned_edge=LEFT, buff=0.3)

    def eigen_picture(self, q) -> VGroup:
        v = self.v
        plane = C.plane([-3, 3, 1], [-2.5, 2.5, 1], PICTURE_WIDTH / 6.0)
        outer = quadratic.ellipse(q, 1.0)
        scale = min(2.8 / outer.semi_axes.max(), 1.0)
        records = [quadratic.ellipse(q, scale**2 * f) for f in (1.0, 0.45, 0.15)]
        eigen = q.eigen()
        arrows = C.eigen_arrows(plane, np.zeros(2), eigen.vectors, records[1].semi_axes,
                                [theme.EIGEN_1, theme.EIGEN_2])
        labels = VGroup()
        for i, color in enumerate((theme.EIGEN_1, theme.EIGEN_2)):
            label = C.tex(rf"\lambda_{i + 1} = {C.fmt(v['eigenvalues'][i])}", size=theme.BODY, color=color)
            label.add_background_rectangle(color=theme.BACKGROUND, opacity=0.85, buff=0.06)
            direction = arrows[i].get_end() - arrows[i].get_start()
            labels.add(label.next_to(arrows[i].get_end(), direction / np.linalg.norm(direction), buff=0.12))
        return VGroup(plane, C.contour_family(plane, records), arrows, labels)

    def band_picture(self) -> VGroup:
        v = self.v
        line = NumberLine(x_range=[-2, 2, 1], length=PICTURE_WIDTH - 0.6, include_numbers=True,
                          color=theme.MUTED, font_size=theme.LABEL)
        band = C.stable_band(line, height=0.7)
        title = C.tex(r"\text{factor per step } 1 - a\lambda_i", size=theme.BODY).next_to(band, UP, buff=0.6)
        note = C.tex(r"|1 - a\lambda_i| < 1:\ \text{direction } i \text{ converges}", size=theme.BODY,
                     color=theme.STABLE).next_to(line, DOWN, buff=0.6)
        dots = VGroup()
        for i, color in enumerate((theme.EIGEN_1, theme.EIGEN_2)):
            at = line.n2p(v["factors"][i])
            dot = Dot(at, color=color, radius=0.1)
            tag = C.tex(rf"\lambda_{i + 1}", size=theme.BODY, color=color).next_to(dot, UP, buff=0.15)
            dots.add(VGroup(dot, tag))
        step = C.tex(r"a = \tfrac{2}{\lambda_{\min} + \lambda_{\max}} = " + C.fmt(self.show("best_step", v["best_step"])),
                     size=theme.BODY, color=theme.ITERATE).next_to(note, DOWN, buff=0.4)
        return VGroup(title, band, line, dots, note, step)

    def runs(self, q) -> dict[str, np.ndarray]:
        """Descent at its best step and heavy ball at its best a and b, from the same start."""
        p, v = self.p, self.v
        best = momentum.optimal_momentum(p.eigenvalues)
        start = np.array(p.start)
        return {
            "descent": descent.descent_on_quadratic(q, start, v["best_step"], p.steps),
            "momentum": momentum.heavy_ball_on_quadratic(q, start, best.step, best.beta, p.steps),
        }

    def _path_plane(self, runs):
        """A plane around the minimiser (the origin) holding both runs, as large as the picture box allows."""
        points = np.concatenate([xs[np.isfinite(xs).all(axis=1)] for xs in runs.values()])
        reach = np.minimum(np.abs(points).max(axis=0), 3 * np.abs(np.array(self.p.start)).max()) * 1.1
        unit = min(PICTURE_WIDTH / (2 * reach[0]), (PICTURE_HEIGHT - 0.6) / (2 * reach[1]))
        hx, hy = PICTURE_WIDTH / (2 * unit), (PICTURE_HEIGHT - 0.6) / (2 * unit)
        tick = next((t for t in (0.5, 1.0, 2.0, 5.0, 10.0) if 2 * hx / t <= 12), 20.0)
        return C.plane([-hx, hx, tick], [-hy, hy, tick], unit), ((-hx, hx), (-hy, hy))

    def _window_contours(self, q, plane, bounds):
        e = quadratic.ellipse(q, 1.0)
        c, s = math.cos(e.angle), math.sin(e.angle)
        a1, a2 = e.semi_axes
        reach_x, reach_y = math.hypot(a1 * c, a2 * s), math.hypot(a1 * s, a2 * c)  # box of the level-1 ellipse
        top = min((0.97 * bounds[0][1] / reach_x) ** 2, (0.97 * bounds[1][1] / reach_y) ** 2)
        return C.contour_family(plane, [quadratic.ellipse(q, top * f) for f in (1.0, 0.45, 0.15, 0.03)])

    def _run(self, plane, bounds, xs, color):
        leave = descent.first_exit(xs, bounds)
        return C.trajectory(plane, xs[: leave if leave is not None else len(xs)], color=color, dot_radius=0.04)

    def zigzag_picture(self, q, runs) -> VGroup:
        plane, bounds = self._path_plane(runs)
        return VGroup(plane, self._window_contours(q, plane, bounds),
                      self._run(plane, bounds, runs["descent"], theme.ITERATE))

    def momentum_picture(self, q, runs) -> VGroup:
        plane, bounds = self._path_plane(runs)
        faded = self._run(plane, bounds, runs["descent"], theme.ITERATE).set_stroke(opacity=0.45)
        faded[1].set_fill(opacity=0.45)
        legend = VGroup(C.legend_entry("descent", theme.ITERATE), C.legend_entry("momentum", theme.MOMENTUM))
        legend.arrange(RIGHT, buff=0.4).next_to(plane, DOWN, buff=0.15)
        return VGroup(plane, self._window_contours(q, plane, bounds), faded,
                      self._run(plane, bounds, runs["momentum"], theme.MOMENTUM), legend)


SCENES = [
    ("chapter5", Chapter5Card),
    ("summary", SummaryScene),
]
