"""Chapter 1, the basic intuition: slope, gradient, curvature and the Hessian matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import DOWN, LEFT, RIGHT, Create, Dot, FadeIn, FadeOut, ValueTracker, VGroup, Write, always_redraw

from mathcore import functions
from mathcore.errors import ValidationError
from scenes import components as C
from scenes import theme
from scenes.base import LectureScene
from scenes.cards import ChapterCard, TitleCard
from scenes.params import SceneParams, param

LOSS_1D_NAMES = tuple(functions.LOSSES_1D)
SAMPLES = 241  # points per curve; the sliding tangent visits each of them


class Chapter1Card(ChapterCard):
    chapter = 1
    title = "Chapter 1: the basic intuition"
    summary = "Opens chapter 1: slopes, gradients, curvature, the Hessian."
    heading = "The basic intuition"
    questions = ("What is a slope, and a gradient?", "What does curvature measure?", "How does the Hessian collect it?")
    narration = (
        "Chapter one builds the basic intuition, one derivative at a time.",
        "First, slopes in one input, and gradients in many.",
        "Then curvature: how quickly the slope itself changes.",
        "Finally the Hessian, which holds every curvature in one matrix.",
    )


def _nice_step(span: float) -> float:
    """A tick spacing of 0.5, 1, 2 or 5 giving about five ticks over ``span``."""
    for step in (0.5, 1.0, 2.0, 5.0, 10.0):
        if span / step <= 6:
            return step
    return 20.0


def _curve_frame(xs: np.ndarray, ys: np.ndarray) -> tuple[list[float], list[float]]:
    """Axis ranges [lo, hi, step] that hold the sampled curve with a margin."""
    x_step = _nice_step(xs[-1] - xs[0])
    lo, hi = float(np.min(ys)), float(np.max(ys))
    pad = 0.1 * max(hi - lo, 1.0)
    y_step = _nice_step(hi - lo + 2 * pad)
    y_lo = np.floor((lo - pad) / y_step) * y_step
    y_hi = np.ceil((hi + pad) / y_step) * y_step
    return [float(xs[0]), float(xs[-1]), x_step], [float(y_lo), float(y_hi), y_step]


@dataclass(frozen=True)
class SlopeParams(SceneParams):
    function: str = param("double_well", "loss from mathcore's 1-D library", choices=LOSS_1D_NAMES)
    x_min: float = param(-2.2, "left end of the plotted range", min=-10, max=10)
    x_max: float = param(2.2, "right end of the plotted range", min=-10, max=10)
    marks: tuple[float, ...] = param((-1.6, 0.3, 1.4), "three points where the tangent stops", min=-10, max=10, length=3)

    def check(self) -> None:
        if self.x_max - self.x_min < 1:
            raise ValidationError(f"x_max = {self.x_max:g}: must be at least x_min + 1 (x_min = {self.x_min:g})")
        for m in self.marks:
            if not self.x_min <= m <= self.x_max:
                raise ValidationError(f"marks = {list(self.marks)}: each must lie in [x_min, x_max] = [{self.x_min:g}, {self.x_max:g}]")


class SlopeScene(LectureScene):
    """A tangent slides along a 1-D loss; its slope is read out as it moves."""

    Params = SlopeParams
    chapter = 1
    title = "Slope in one dimension"
    summary = "A tangent slides along a loss curve and reads out the slope."

    @classmethod
    def values(cls, p: SlopeParams) -> dict[str, Any]:
        loss = functions.loss_1d(p.function)
        marks = np.array(p.marks)
        return {
            "function": loss.name,
            "marks": marks.tolist(),
            "loss_at_marks": loss.f(marks).tolist(),
            "slope_at_marks": loss.df(marks).tolist(),
        }

    def construct(self) -> None:
        p, v = self.p, self.v
        loss = functions.loss_1d(p.function)
        xs = np.linspace(p.x_min, p.x_max, SAMPLES)
        ys, slopes = loss.f(xs), loss.df(xs)
        x_range, y_range = _curve_frame(xs, ys)

        heading = C.heading("Slope: how fast the loss changes")
        frame = C.loss_axes(x_range, y_range, width=7.0, height=4.8)
        frame.next_to(heading, DOWN, buff=0.4).to_edge(LEFT, buff=theme.EDGE)
        axes = frame[0]
        self.narrate("Start with a loss that depends on a single input x.")
        self.play(FadeIn(heading), Create(frame), run_time=1.5)
        formula = C.tex(rf"f(x) = {loss.tex}", size=theme.LABEL, color=theme.LOSS)
        self.play(Create(C.curve(axes, xs, ys)), run_time=2)

        # The tangent follows an index into precomputed samples: no derivative is taken here.
        index = ValueTracker(0)

        def at() -> int:
            return int(round(index.get_value()))

        touch = always_redraw(lambda: Dot(axes.c2p(xs[at()], ys[at()]), color=theme.TANGENT))
        line = always_redraw(lambda: C.tangent(axes, xs[at()], ys[at()], slopes[at()]))
        live = VGroup(C.tex("f'(x) =", size=theme.LABEL, color=theme.TANGENT),
                      C.live_number(lambda: slopes[at()], color=theme.TANGENT)).arrange(RIGHT, buff=0.15)
        rate = C.tex(r"f(x + dx) \approx f(x) + f'(x)\,dx", size=theme.LABEL)
        pins = [
            C.readout(f"f'({C.fmt(m, 1)})", self.show(f"slope_at_marks[{k}]", v["slope_at_marks"][k]), color=theme.TANGENT)
            for k, m in enumerate(v["marks"])
        ]
        panel = C.side_panel(formula, live, rate, *pins, beside=frame)
        self.play(FadeIn(formula))
        self.narrate("The slope is the steepness of the straight line that just touches the curve.")
        self.play(FadeIn(touch), Create(line), FadeIn(live))
        self.narrate("Slide the point: the slope is negative going downhill and positive going uphill.")
        self.play(index.animate.set_value(SAMPLES - 1), run_time=6)

        self.narrate("Read it as a rate: a small step dx to the right changes the loss by about f'(x) dx.")
        self.play(Write(rate))
        for k, m in enumerate(v["marks"]):
            target = int(np.argmin(np.abs(xs - m)))
            self.play(index.animate.set_value(target), run_time=2)
            ghost = C.tangent(axes, m, v["loss_at_marks"][k], v["slope_at_marks"][k], half_width=0.5).set_opacity(0.5)
            self.play(FadeIn(ghost), FadeIn(Dot(axes.c2p(m, v["loss_at_marks"][k]), color=theme.TANGENT, radius=0.06)),
                      FadeIn(pins[k]), run_time=0.6)
        self.narrate("Where the slope is zero the tangent is flat: the curve stops falling there.")
        self.wait(2)
        self.narrate("Gradient descent steps against the slope, downhill, to lower the loss.")
        self.play(FadeOut(VGroup(touch, line)), panel.animate.set_opacity(1))


SCENES = [
    ("title", TitleCard),
    ("chapter1", Chapter1Card),
    ("slope", SlopeScene),
]
