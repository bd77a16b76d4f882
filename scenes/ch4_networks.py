"""Chapter 4, beyond the quadratic: the Hessian of a real network.

Scenes, in lecture order:

- ``edge_of_stability``: a tanh network learns handwritten digits by full-batch descent at three step sizes; the
  sharpness (the Hessian's largest eigenvalue) climbs to chapter 3's bound 2/a and rides it while the loss keeps
  falling, not at every step (Cohen, Kaur, Li, Kolter and Talwalkar, ICLR 2021).
- ``spectrum``: the eigenvalue density of the trained network's Hessian: a bulk near zero and a few dozen outliers
  (Sagun et al. 2017; Papyan 2019; Ghorbani, Krishnan and Xiao 2019), the condition number they imply, and what it
  means for the step size and for momentum.

Every number drawn comes from :meth:`values` (mathcore, on the data of :mod:`scenes.digits`); the scenes only place
it.
"""

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
    DashedLine,
    Dot,
    FadeIn,
    FadeOut,
    Indicate,
    Line,
    Rectangle,
    ShowPassingFlash,
    Succession,
    ValueTracker,
    VGroup,
    Wait,
    Write,
    linear,
)

from mathcore import descent, momentum, network, spectrum, training
from mathcore.errors import ValidationError
from scenes import components as C
from scenes import digits, theme
from scenes.base import LectureScene, SceneValues
from scenes.params import SceneParams, param
from scenes.pointing import Pointing

# ---------------------------------------------------------------------------------------------------------
# The network and its training, shared by both scenes

SHARPNESS_CHECKS = 20  # the sharpness is measured this many times along a run (and at its start)
LANCZOS_STEPS = 20  # Lanczos steps per sharpness measurement
EDGE_TOLERANCE = 0.1  # "at the edge": within this share of 2/a
LATE_SHARE = 1 / 3  # the share of a run, at its end, over which the edge is judged
REACH_TOLERANCE = 0.03  # a run has "met its line" once its sharpness is within this share of 2/a
MAX_WORK = 3.5e10  # multiply-adds a scene may ask for: about 30 s of numpy on this machine's busy cores


@dataclass(frozen=True)
class NetworkParams(SceneParams):
    samples: int = param(500, "handwritten digits the network learns (the first of scikit-learn's 1,797)",
                         min=50, max=digits.MAX_SAMPLES)
    width: int = param(32, "units in each hidden layer", min=4, max=64)
    depth: int = param(2, "hidden layers (tanh)", min=1, max=3)
    steps: int = param(2000, "full-batch descent steps", min=200, max=5000)
    seed: int = param(0, "seed of the initial weights and of Lanczos's random starts", min=0, max=1_000_000)

    def sizes(self) -> tuple[int, ...]:
        return network.layer_sizes(digits.PIXELS, self.width, self.depth, digits.CLASSES)

    def weights(self) -> int:
        return network.weight_count(self.sizes())

    def every(self) -> int:
        return max(1, self.steps // SHARPNESS_CHECKS)

    def runs(self) -> int:
        """Training runs the scene computes."""
        return 1

    def check(self) -> None:
        # one gradient costs about samples x weights multiply-adds, a Hessian-vector product twice that
        per_run = self.steps + 2 * LANCZOS_STEPS * (SHARPNESS_CHECKS + 2)
        work = self.runs() * self.samples * self.weights() * per_run
        if work > MAX_WORK:
            raise ValidationError(
                f"samples = {self.samples}, width = {self.width}, depth = {self.depth}, steps = {self.steps}: "
                f"{work:.1e} multiply-adds, more than the {MAX_WORK:.1e} (about 30 s) a scene may compute; "
                f"use fewer samples or steps, or a smaller network")

    def run(self, step: float) -> training.Run:
        return digits.run(self.samples, self.width, self.depth, self.seed, step, self.steps, self.every(),
                          LANCZOS_STEPS)


@dataclass(frozen=True)
class TrainingRun:
    """One training run at one step size: its sharpness checks, its loss every few steps, and how it ends."""

    step: float  # the step size a
    edge: float  # 2/a
    sharpness_steps: list[int]  # the steps at which the sharpness was measured
    sharpness: list[float]  # the Hessian's largest eigenvalue there
    loss_steps: list[int]
    losses: list[float]
    final_loss: float
    late_sharpness: list[float]  # the checks in the last LATE_SHARE of the run
    regime: str  # "rides", "below", "near" or "diverges" (its line 2/a)
    starts_above: bool  # the first check is above 2/a
    climbs: bool
    reaches_edge_at: int | None  # the first check near 2/a
    rises: int  # steps at which the loss rose


def _run_values(p: NetworkParams, step: float, stride: int) -> TrainingRun:
    """One training run as plain data: its sharpness checks, its loss every ``stride`` steps, and how it ends."""
    r = p.run(step)
    late = training.late_sharpness(r, LATE_SHARE)
    finite = bool(np.all(np.isfinite(r.losses)))
    edge = r.edge
    if not finite:
        regime = "diverges"
    elif np.all(np.abs(late - edge) <= EDGE_TOLERANCE * edge):
        regime = "rides"
    elif np.all(late < (1 - EDGE_TOLERANCE) * edge):
        regime = "below"
    else:
        regime = "near"
    near = np.flatnonzero(r.sharpness >= (1 - REACH_TOLERANCE) * edge)
    loss_steps = np.arange(0, p.steps + 1, stride)
    return TrainingRun(
        step=step,
        edge=edge,
        sharpness_steps=r.sharpness_steps.tolist(),
        sharpness=r.sharpness.tolist(),
        loss_steps=loss_steps.tolist(),
        losses=r.losses[loss_steps].tolist(),
        final_loss=float(r.losses[-1]),
        late_sharpness=late.tolist(),
        regime=regime,
        starts_above=bool(r.sharpness[0] > edge),
        climbs=bool(np.nanmax(r.sharpness[-1:]) > (1 + EDGE_TOLERANCE) * np.nanmin(r.sharpness)),
        reaches_edge_at=int(r.sharpness_steps[near[0]]) if len(near) else None,
        rises=int(len(training.rises(r.losses))),
    )


# ---------------------------------------------------------------------------------------------------------
# Scene 16: training sits at the edge of stability

LOSS_POINTS = 200  # the loss is drawn through this many of its steps
COLUMN_WIDTH = 3.5  # each run's plots
SHARPNESS_HEIGHT = 2.5
LOSS_HEIGHT = 1.6
COLUMN_GAP = 0.5
EDGE_DASH = 0.12
EDGE_LABEL_AT = 0.08  # the 2/a label starts at this share of the run
RIDER_RADIUS = 0.07  # the dots that ride each curve as its run is traced
TOUR_FIRST = 0.1  # while a run is drawn, the frame moves to its line 2/a at this share of the drawing at the earliest,
TOUR_LIVE = 0.65  # ... and on to its live readout at this share
TOUR_MOVE = 0.1  # each move takes this share of the drawing
SHARPNESS_TICKS = 6  # at most this many ticks on the sharpness axes
RISES_GAP = 0.45  # under the loss plot: room for the step numbers
RUN_BEATS = ("first_run", "second_run", "third_run")
ES_HEADROOM = 1.1  # the sharpness axes reach this factor beyond the highest sharpness or line 2/a
ES_ROWS_GAP = 0.18  # between a column's header, sharpness plot and loss plot, scene units
ES_NOTE_GAP = 0.12  # between the heading and the network's size note under it, scene units
ES_GRID_GAP = 0.15  # between the size note and the columns, scene units
ES_TICK_GAP = 0.1  # between the first column's axes and their tick numbers, scene units
ES_LABEL_GAP = 0.08  # between the start of a line 2/a and its label, scene units
ES_HIGH_LINE = 0.75  # a line 2/a above this share of its plot's height is labelled under the line
ES_LIVE_GAP = 0.1  # between "lambda_max =" and its live number, scene units
ES_LIVE_HEADER_GAP = 0.4  # between a column's header and its live readout, scene units


@dataclass(frozen=True)
class EdgeParams(NetworkParams):
    step_sizes: tuple[float, ...] = param((0.2, 0.3, 0.5), "three step sizes a, smallest first", min=0.01, max=1.0,
                                          length=3)

    def runs(self) -> int:
        return len(self.step_sizes)

    def check(self) -> None:
        if not all(a < b for a, b in zip(self.step_sizes, self.step_sizes[1:])):
            raise ValidationError(f"step_sizes = {list(self.step_sizes)}: must be different and in increasing order")
        super().check()


@dataclass(frozen=True)
class EdgeValues(SceneValues):
    """What the edge-of-stability scene shows: the network and one training run per step size."""

    weights: int
    samples: int  # digits trained on
    classes: int
    layers: list[int]  # layer sizes, input first
    every: int  # the sharpness is measured every this many steps
    runs: list[TrainingRun]  # smallest step first


def _run_line(k: int, r: TrainingRun) -> str:
    """What run ``k``'s beat says about its sharpness."""
    a, edge = f"{r.step:g}", f"{r.edge:.3g}"
    lead = "With the smallest step" if k == 0 else f"With a = {a}"
    if r.regime == "diverges":
        return f"{lead}, training blows up. The loss runs away."
    if r.regime == "below":
        how = "climbs" if r.climbs else "changes little"
        return f"{lead}, the sharpness {how}. It stays below its line at {edge}."
    if r.regime == "near":
        return f"{lead}, the sharpness ends near its line at {edge}. It never settles on it."
    if r.starts_above:
        return f"{lead}, it starts above its line at {edge}. It drops straight onto it, and stays there."
    return f"{lead}, it climbs to its line at {edge} by step {r.reaches_edge_at}, then rides it."


class EdgeOfStabilityScene(Pointing, LectureScene):
    """A real network trained at three step sizes: the sharpness rises to 2/a and rides it; the loss wobbles."""

    Params = EdgeParams
    chapter = 4
    title = "Training sits at the edge of stability"
    summary = ("A tanh network on handwritten digits, full-batch descent at three steps: the sharpness climbs to 2/a "
               "and stays there while the loss keeps falling, not at every step.")

    @classmethod
    def values(cls, p: EdgeParams) -> EdgeValues:
        stride = max(1, p.steps // LOSS_POINTS)
        return EdgeValues(
            weights=p.weights(),
            samples=p.samples,
            classes=digits.CLASSES,
            layers=list(p.sizes()),
            every=p.every(),
            runs=[_run_values(p, a, stride) for a in p.step_sizes],
        )

    def construct(self) -> None:
        self.build()
        self.introduce()
        self.measure()
        self.draw_edges()
        for k in range(len(self.v.runs)):
            self.trace(k)
        self.wobble()
        self.conclude()

    def build(self) -> None:
        """Every mobject of the scene, placed; the beats below only animate them."""
        p, v = self.p, self.v
        self.heading = C.heading("Training sits at the edge of stability")
        runs = v.runs
        finite = [s for r in runs for s in r.sharpness if math.isfinite(s)]
        s_top = C.axis_range(0.0, ES_HEADROOM * max(max(finite), max(r.edge for r in runs)), SHARPNESS_TICKS)
        losses = np.array([x for r in runs for x in r.losses if math.isfinite(x) and x > 0])
        lo, hi = math.floor(np.log10(losses.min())), math.ceil(np.log10(losses.max()))
        self.log_range = (lo, hi)
        x_range = [0, p.steps, C.nice_step(p.steps, 4)]
        self.columns = []
        for k, r in enumerate(runs):
            header = C.tex(rf"a = {r.step:g}", size=theme.LABEL)
            sharp = C.loss_axes(x_range, s_top, width=COLUMN_WIDTH, height=SHARPNESS_HEIGHT, x_label="t",
                                y_label=r"\lambda_{\max}")
            loss = C.loss_axes(x_range, [0, hi - lo, 1], width=COLUMN_WIDTH, height=LOSS_HEIGHT, x_label="t",
                               y_label="L")
            count = self.show(f"runs[{k}].rises", r.rises)
            rises = C.text(f"loss rose at {count} of {p.steps} steps" if count else "loss fell at every step",
                           theme.SMALL)
            column = VGroup(header, sharp, loss).arrange(DOWN, buff=ES_ROWS_GAP)
            column.add(rises.next_to(loss, DOWN, buff=RISES_GAP))
            self.columns.append(dict(header=header, sharp=sharp, loss=loss, rises=rises, group=column))
        grid = VGroup(*[c["group"] for c in self.columns]).arrange(RIGHT, buff=COLUMN_GAP, aligned_edge=UP)
        self.size_note = C.text(f"tanh network {'-'.join(map(str, v.layers))}: {v.weights:,} weights, "
                                f"{v.samples} digits, full-batch descent", theme.SMALL, theme.MUTED)
        self.size_note.next_to(self.heading, DOWN, buff=ES_NOTE_GAP)
        grid.next_to(self.size_note, DOWN, buff=ES_GRID_GAP).to_edge(RIGHT, buff=theme.EDGE)  # ticks need room on the left
        C.above_captions(grid)
        self.grid = grid
        for k, (c, r) in enumerate(zip(self.columns, runs)):  # drawn after placing: c2p reads the final position
            self._build_curves(k, c, r)
        self.build_ticks()

    def build_ticks(self) -> None:
        """Numbers on the first column's axes: sharpness values, and the loss's powers of ten."""
        c = self.columns[0]
        axes, lo = c["sharp"][0], self.log_range[0]
        y0, y1, dy = axes.y_range
        self.ticks = VGroup(*[C.tex(f"{y:g}", size=theme.SMALL, color=theme.MUTED).next_to(axes.c2p(0, y), LEFT,
                                                                                          buff=ES_TICK_GAP)
                              for y in np.arange(y0, y1 + dy / 2, dy)])
        loss_axes = c["loss"][0]
        self.ticks.add(*[C.tex(rf"10^{{{lo + y}}}", size=theme.SMALL, color=theme.MUTED).next_to(
            loss_axes.c2p(0, y), LEFT, buff=ES_TICK_GAP) for y in range(0, int(loss_axes.y_range[1]) + 1)])
        self.ticks.add(*[C.tex(f"{t}", size=theme.SMALL, color=theme.MUTED).next_to(loss_axes.c2p(t, 0), DOWN,
                                                                                     buff=ES_TICK_GAP)
                         for t in (0, self.p.steps // 2, self.p.steps)])

    def _build_curves(self, k: int, c: dict, r: TrainingRun) -> None:
        """Run ``k``'s 2/a line, sharpness and loss curves, and the dots and the live readout that ride them."""
        sharp_axes, loss_axes = c["sharp"][0], c["loss"][0]
        top = sharp_axes.y_range[1]
        edge = r.edge
        c["edge"] = DashedLine(sharp_axes.c2p(0, edge), sharp_axes.c2p(self.p.steps, edge), color=theme.UNSTABLE,
                               stroke_width=theme.THIN, dash_length=EDGE_DASH) if edge <= top else VGroup()
        c["edge_label"] = C.tex(rf"2/a = {self.show(f'runs[{k}].edge', edge):.3g}", size=theme.SMALL,
                                color=theme.UNSTABLE)
        # at the line's start, clear of the band at its end; under the line when it runs high in its plot
        side = DOWN if edge > ES_HIGH_LINE * top else UP
        c["edge_label"].next_to(sharp_axes.c2p(EDGE_LABEL_AT * self.p.steps, min(edge, top)), side + RIGHT,
                                buff=ES_LABEL_GAP)
        # the last third of the run, within EDGE_TOLERANCE of 2/a: where a run that rides its line stays
        corner = sharp_axes.c2p((1 - LATE_SHARE) * self.p.steps, min((1 - EDGE_TOLERANCE) * edge, top))
        far = sharp_axes.c2p(self.p.steps, min((1 + EDGE_TOLERANCE) * edge, top))
        c["band"] = Rectangle(width=far[0] - corner[0], height=far[1] - corner[1], stroke_width=0,
                              fill_color=theme.UNSTABLE, fill_opacity=theme.BAND_OPACITY)
        c["band"].move_to(corner, aligned_edge=DOWN + LEFT)
        ts, ss = np.array(r.sharpness_steps, dtype=float), np.array(self.show(f"runs[{k}].sharpness",
                                                                                 r.sharpness), dtype=float)
        ok = np.isfinite(ss)
        c["sharp_curve"] = C.polyline(sharp_axes, np.column_stack([ts[ok], np.clip(ss[ok], 0, top)]), theme.EIGEN_2)
        lt, ls = np.array(r.loss_steps, dtype=float), np.array(r.losses, dtype=float)
        ok = np.isfinite(ls) & (ls > 0)
        logs = np.clip(np.log10(ls[ok]) - self.log_range[0], 0, loss_axes.y_range[1])
        c["loss_curve"] = C.polyline(loss_axes, np.column_stack([lt[ok], logs]), theme.LOSS, width=theme.THIN)
        tracker = c["t"] = ValueTracker(0.0)
        measured = np.isfinite(ss)
        last = float(ts[measured][-1])  # a run that blew up stops being measured there

        def sharp_now() -> float:  # a lookup in the precomputed checks
            return float(np.interp(min(tracker.get_value(), last), ts[measured], ss[measured]))

        def loss_now() -> float:
            return float(np.interp(tracker.get_value(), lt[ok], logs))

        c["rider"] = Dot(radius=RIDER_RADIUS, color=theme.ITERATE)
        c["rider"].add_updater(lambda m: m.move_to(sharp_axes.c2p(min(tracker.get_value(), last),
                                                                  min(sharp_now(), top))))
        c["loss_rider"] = Dot(radius=RIDER_RADIUS, color=theme.ITERATE)
        c["loss_rider"].add_updater(lambda m: m.move_to(loss_axes.c2p(tracker.get_value(), loss_now())))
        c["live"] = VGroup(C.tex(r"\lambda_{\max} =", size=theme.SMALL, color=theme.EIGEN_2),
                           C.live_number(sharp_now, 2, theme.EIGEN_2, theme.SMALL)).arrange(RIGHT, buff=ES_LIVE_GAP)
        c["live"].next_to(c["header"], RIGHT, buff=ES_LIVE_HEADER_GAP)

    def introduce(self) -> None:
        v = self.v
        text = f"Now a real network: {v.weights:,} weights learn {v.samples} digits, each step using all of them."
        with self.beat("network", text) as b:
            self.show("weights", v.weights)
            self.show("samples", v.samples)
            self.play(FadeIn(self.heading), FadeIn(self.size_note), run_time=b.part(0.25))
            self.play(*[FadeIn(c["header"]) for c in self.columns], *[Create(c["sharp"]) for c in self.columns],
                      *[Create(c["loss"]) for c in self.columns], FadeIn(self.ticks), run_time=b.part(0.5))

    def measure(self) -> None:
        with self.beat("sharpness", f"Every {self.v.every} steps we measure its sharpness: the Hessian's "
                                    "largest eigenvalue.") as b:
            self.show("every", self.v.every)
            self.point_at(*[c["sharp"] for c in self.columns], run_time=b.part(0.3))
            self.wait_until(b, 0.6)
            self.point_at(*[c["loss"] for c in self.columns], run_time=b.part(0.25))

    def draw_edges(self) -> None:
        with self.beat("bound", "Chapter three's bound: a step a is stable only while the sharpness is below "
                                "2/a.") as b:
            self.play(*self.drop_pointer(), *[Create(c["edge"]) for c in self.columns], run_time=b.part(0.4))
            self.play(*[Write(c["edge_label"]) for c in self.columns], run_time=b.part(0.3))
            self.point_at(*[c["edge_label"] for c in self.columns], run_time=b.part(0.2))

    def trace(self, k: int) -> None:
        """Run ``k``'s beat: its sharpness and loss drawn step by step, a dot riding each, the sharpness read out.
        While they are drawn the frame goes from the step to the line 2/a when the run reaches it (half-way if it
        never does), and on to the live readout for the rest of the run."""
        c, r = self.columns[k], self.v.runs[k]
        steps = self.p.steps
        reach = r.reaches_edge_at if r.reaches_edge_at is not None else steps / 2
        at_line = min(max(reach / steps, TOUR_FIRST), TOUR_LIVE - 2 * TOUR_MOVE)  # shares of the drawing
        with self.beat(RUN_BEATS[k], _run_line(k, r)) as b:
            self.show(f"runs[{k}].regime", r.regime)
            self.show(f"runs[{k}].late_sharpness", r.late_sharpness)
            self.point_at(c["header"], run_time=b.part(0.1),
                          also=(FadeIn(c["rider"]), FadeIn(c["loss_rider"]), FadeIn(c["live"])))
            tour = Succession(Wait(run_time=at_line), self.move_pointer(c["edge_label"]).set_run_time(TOUR_MOVE),
                              Wait(run_time=TOUR_LIVE - at_line - TOUR_MOVE),
                              self.move_pointer(c["live"]).set_run_time(TOUR_MOVE),
                              Wait(run_time=1 - TOUR_LIVE - TOUR_MOVE))
            self.play(Create(c["sharp_curve"]), Create(c["loss_curve"]), c["t"].animate.set_value(steps), tour,
                      run_time=b.part(0.75), rate_func=linear)
            self.point_at(c["sharp"], run_time=b.part(0.1))

    def wobble(self) -> None:
        """Beat ``wobble``: the loss of the run whose loss rose most often is lit, then every count of rises."""
        runs = self.v.runs
        k = int(np.argmax([r.rises for r in runs]))
        r = runs[k]
        if r.rises > 0:
            text = (f"The loss still falls, but not at every step. With a = {r.step:g} it rose at "
                    f"{r.rises} of them.")
        else:
            text = "Here the loss fell at every step of every run."
        with self.beat("wobble", text) as b:
            trace = self.columns[k]["loss_curve"].copy().set_stroke(color=theme.HIGHLIGHT, width=theme.FLASH)
            self.point_at(self.columns[k]["loss"], run_time=b.part(0.2))
            self.play(ShowPassingFlash(trace, time_width=0.5), run_time=b.part(0.4))
            self.point_at(*[c["rises"] for c in self.columns], run_time=b.part(0.2),
                          also=[FadeIn(c["rises"]) for c in self.columns])

    def conclude(self) -> None:
        """Beat ``edge``: for each run that rides its line, the band within EDGE_TOLERANCE of 2/a over the last third
        of the run lights up, then its line."""
        riding = [r for r in self.v.runs if r.regime == "rides"]
        text = ("Training drives the sharpness up to the edge of stability. It stays within "
                f"{100 * EDGE_TOLERANCE:.0f} percent of it." if riding else
                "With these steps no run settles on its line. The edge shows with larger steps or longer runs.")
        with self.beat("edge", text) as b:
            riders = [c for c, r in zip(self.columns, self.v.runs) if r.regime == "rides"]
            self.point_at(*([c["band"] for c in riders] or [c["sharp"] for c in self.columns]), run_time=b.part(0.3),
                          also=[FadeIn(c["band"]) for c in riders])
            if riders:
                self.play(*[Indicate(c["edge"], color=theme.HIGHLIGHT) for c in riders], run_time=b.part(0.4))


# ---------------------------------------------------------------------------------------------------------
# Scene 17: the spectrum of a real Hessian

TOP_EIGENVALUES = 60  # the largest eigenvalues found (and drawn as marks under the density)
TOP_LANCZOS_STEPS = 150  # Lanczos steps that find them
DENSITY_STEPS = 80  # Lanczos steps of each stochastic quadrature run
DENSITY_STARTS = 4  # random starts of stochastic Lanczos quadrature
DENSITY_POINTS = 400  # points of the drawn density
DENSITY_WIDTH = 0.015  # the Gaussian smoothing of the density, as a share of the largest eigenvalue
DENSITY_REACH = 4  # the plot reaches this many smoothing widths beyond the smallest and largest eigenvalues
LOG_FLOOR = -4  # the log density is drawn down to 10^LOG_FLOOR
BULK_SHARE = 0.95  # the bulk's edge: the eigenvalue below which this share of them lies
PLOT_WIDTH, PLOT_HEIGHT = 7.4, 4.3
THRESHOLD_LABEL_AT = 0.8  # the outlier threshold is named at this share of the plot's height
MARK_HEIGHT = 0.22  # the marks of the largest eigenvalues under the axis
SP_HEADING_GAP = 0.45  # between the heading and the density plot, scene units
SP_TICK_ROOM = 0.6  # added to the left margin, for the density's powers of ten, scene units
SP_X_TICK_GAP = 0.1  # between the marks under the axis and the eigenvalue ticks, scene units
SP_Y_TICK_GAP = 0.2  # between the density axis and its powers of ten, scene units
SP_THRESHOLD_GAP = 0.08  # between the outlier threshold's line and its label, scene units
SP_RIDER_RADIUS = 0.08  # the dot that moves along the eigenvalue axis, scene units
SP_PANEL_GAP = 0.5  # between the density plot and the panel of numbers beside it, scene units
SP_PANEL_ROWS_GAP = 0.28  # between the rows of that panel, scene units


@dataclass(frozen=True)
class SpectrumParams(NetworkParams):
    step: float = param(0.3, "step size a of the training run whose final Hessian is measured", min=0.01, max=1.0)
    outlier_share: float = param(0.1, "an eigenvalue above this share of the largest counts as an outlier",
                                 min=0.02, max=0.5)


@dataclass(frozen=True)
class SpectrumValues(SceneValues):
    """What the spectrum scene shows: the Hessian's eigenvalues after training, as a density with its outliers, and
    what they mean for the step, the condition number and momentum."""

    weights: int  # as many eigenvalues
    classes: int
    step: float  # the step size trained with
    final_loss: float
    top_eigenvalues: list[float]  # largest first
    sharpness: float  # the largest
    edge: float  # 2/a
    grid: list[float]  # eigenvalues at which the density is drawn
    log_density: list[float]  # log10 of the density there, floored
    density_mean: float
    smallest_eigenvalue: float
    bulk_share: float  # this share of the eigenvalues lies below bulk_edge
    bulk_edge: float
    outlier_threshold: float
    outliers: int  # top eigenvalues above the threshold
    condition_number: float  # sharpness / bulk_edge
    step_bound: float  # 2 / sharpness
    bulk_factor: float  # 1 - a l at the bulk's edge
    descent_rate: float
    momentum_rate: float


class SpectrumScene(Pointing, LectureScene):
    """The trained network's Hessian spectrum: bulk near zero, outliers, the condition number, step and momentum."""

    Params = SpectrumParams
    chapter = 4
    title = "The spectrum of a real Hessian"
    summary = ("The trained network's eigenvalue density: a bulk near zero and a few dozen outliers, a condition "
               "number in the tens, so the step is capped by the outliers while most directions crawl.")

    @classmethod
    def values(cls, p: SpectrumParams) -> SpectrumValues:
        r = p.run(p.step)
        top, density = digits.spectrum_after(p.samples, p.width, p.depth, p.seed, p.step, p.steps, p.every(),
                                             LANCZOS_STEPS, TOP_EIGENVALUES, TOP_LANCZOS_STEPS, DENSITY_STEPS,
                                             DENSITY_STARTS)
        l_max = float(top[0])
        bulk = density.quantile(BULK_SHARE)
        width = DENSITY_WIDTH * l_max
        reach = DENSITY_REACH * width  # beyond the extreme nodes by this much, the density is drawn down to the floor
        grid = np.linspace(float(density.nodes.min()) - reach, l_max + reach, DENSITY_POINTS)
        phi = density.density(grid, width)
        k = l_max / bulk
        heavy = momentum.optimal_momentum([bulk, l_max])
        a = descent.stable_step_bound([l_max])
        return SpectrumValues(
            weights=p.weights(),
            classes=digits.CLASSES,
            step=p.step,
            final_loss=float(r.losses[-1]),
            top_eigenvalues=top.tolist(),
            sharpness=l_max,
            edge=training.edge_of_stability(p.step),
            grid=grid.tolist(),
            log_density=np.log10(np.maximum(phi, 10.0 ** (LOG_FLOOR - 1))).tolist(),
            density_mean=density.mean,
            smallest_eigenvalue=float(density.nodes.min()),
            bulk_share=BULK_SHARE,
            bulk_edge=bulk,
            outlier_threshold=p.outlier_share * l_max,
            outliers=spectrum.outliers(top, p.outlier_share),
            condition_number=k,
            step_bound=a,
            bulk_factor=float(descent.direction_factors([bulk], p.step)[0]),
            descent_rate=descent.best_rate([bulk, l_max]),
            momentum_rate=heavy.rate,
        )

    def construct(self) -> None:
        self.build()
        self.draw_density()
        self.bulk()
        self.outliers()
        self.count()
        self.condition()
        self.step_and_momentum()

    def build(self) -> None:
        """Every mobject of the scene, placed; the beats below only animate them."""
        v = self.v
        self.heading = C.heading("The spectrum of a real Hessian")
        grid, heights = np.array(v.grid), np.array(v.log_density) - LOG_FLOOR  # drawn from the floor up
        top = math.ceil(float(np.max(heights)))
        frame = self.frame = C.loss_axes(C.axis_range(grid[0], grid[-1], 9), [0, top, 1], width=PLOT_WIDTH,
                                         height=PLOT_HEIGHT, x_label=r"\lambda", y_label=r"\text{density}")
        axes = self.axes = frame[0]
        frame.next_to(self.heading, DOWN, buff=SP_HEADING_GAP).to_edge(LEFT, buff=theme.EDGE + SP_TICK_ROOM)
        x0, x1, dx = axes.x_range
        self.ticks = VGroup(
            *[C.tex(f"{x:g}", size=theme.SMALL, color=theme.MUTED).next_to(axes.c2p(x, 0), DOWN,
                                                                          buff=MARK_HEIGHT + SP_X_TICK_GAP)
              for x in np.arange(x0, x1 + dx / 2, 2 * dx)],
            *[C.tex(rf"10^{{{y + LOG_FLOOR}}}", size=theme.SMALL, color=theme.MUTED).next_to(axes.c2p(0, y), LEFT,
                                                                                            buff=SP_Y_TICK_GAP)
              for y in range(2, top + 1, 2)])  # none at the floor, where the axis runs
        C.above_captions(VGroup(frame, self.ticks))
        inside = (grid >= x0) & (grid <= x1)
        self.curve = C.polyline(axes, np.column_stack([grid[inside], np.clip(heights[inside], 0, top)]),
                                theme.CURVATURE)
        self.marks = VGroup(*[Line(self.on_axis(t), self.on_axis(t) + DOWN * MARK_HEIGHT, color=theme.EIGEN_2,
                                   stroke_width=theme.THIN) for t in v.top_eigenvalues])
        left, right = self.on_axis(v.smallest_eigenvalue), self.on_axis(v.bulk_edge)
        self.bulk_span = Rectangle(width=right[0] - left[0], height=PLOT_HEIGHT, stroke_width=0,
                                   fill_color=theme.HIGHLIGHT, fill_opacity=theme.BAND_OPACITY)
        self.bulk_span.move_to(left, aligned_edge=DOWN + LEFT)
        self.threshold = DashedLine(self.on_axis(v.outlier_threshold), axes.c2p(v.outlier_threshold, top),
                                    color=theme.MUTED, stroke_width=theme.THIN)
        share = self.p.outlier_share
        self.threshold_label = C.tex(r"\lambda_{\max}/10" if abs(share - 0.1) < 1e-12 else
                                     rf"{share:g}\,\lambda_{{\max}}", size=theme.SMALL, color=theme.MUTED)
        self.threshold_label.next_to(axes.c2p(v.outlier_threshold, THRESHOLD_LABEL_AT * top), RIGHT,
                                     buff=SP_THRESHOLD_GAP)
        self.outlier_marks = VGroup(*[m for m, t in zip(self.marks, v.top_eigenvalues)
                                      if t > v.outlier_threshold])
        self.rider = Dot(self.on_axis(x0), radius=SP_RIDER_RADIUS, color=theme.ITERATE)
        bulk = v.bulk_edge

        s = self.show
        self.rows = [
            C.tex(f"{s('weights', v.weights):,}".replace(",", "{,}") + r"\ \text{eigenvalues}", size=theme.LABEL),
            C.tex(rf"{100 * s('bulk_share', v.bulk_share):.0f}\%\ \text{{below}}\ {C.fmt(s('bulk_edge', bulk), 3)}",
                  size=theme.LABEL),
            C.tex(rf"\lambda_{{\max}} = {C.fmt(s('sharpness', v.sharpness))},\ 2/a = "
                  rf"{C.fmt(s('edge', v.edge))}", size=theme.LABEL, color=theme.EIGEN_2),
            C.tex(rf"\text{{outliers: }} {s('outliers', v.outliers)},\ \text{{classes: }} "
                  rf"{s('classes', v.classes)}", size=theme.LABEL),
            C.tex(rf"k \approx {C.fmt(v.sharpness)}/{C.fmt(bulk, 3)} = {s('condition_number', v.condition_number):.0f}",
                  size=theme.LABEL),
            C.tex(rf"a < 2/\lambda_{{\max}} = {C.fmt(s('step_bound', v.step_bound), 3)}", size=theme.LABEL,
                  color=theme.EIGEN_2),
            C.tex(rf"1 - a\lambda_{{\text{{bulk}}}} = {C.fmt(s('bulk_factor', v.bulk_factor), 3)}",
                  size=theme.LABEL, color=theme.ITERATE),
            C.tex(rf"\text{{descent: }} \tfrac{{k-1}}{{k+1}} = {C.fmt(s('descent_rate', v.descent_rate), 3)}",
                  size=theme.LABEL, color=theme.ITERATE),
            C.tex(rf"\text{{momentum: }} \tfrac{{\sqrt{{k}}-1}}{{\sqrt{{k}}+1}} = "
                  rf"{C.fmt(s('momentum_rate', v.momentum_rate), 3)}", size=theme.LABEL),
        ]
        C.side_panel(*self.rows, beside=frame, gap=SP_PANEL_GAP, buff=SP_PANEL_ROWS_GAP)

    def on_axis(self, x: float):
        """The point of the density plot's axis at eigenvalue ``x``."""
        return self.axes.c2p(x, 0)

    def draw_density(self) -> None:
        v = self.v
        text = (f"Take the network trained with step {v.step:g}. Estimate all {v.weights:,} eigenvalues of "
                "its Hessian from a few hundred products H v.")
        with self.beat("density", text) as b:
            self.play(FadeIn(self.heading), Create(self.frame), FadeIn(self.ticks), FadeIn(self.rows[0]),
                      run_time=b.part(0.3))
            self.play(Create(self.curve), run_time=b.part(0.55), rate_func=linear)

    def bulk(self) -> None:
        v = self.v
        text = (f"Almost all of them sit in a bulk near zero: {100 * v.bulk_share:.0f} percent lie below "
                f"{v.bulk_edge:.3f}.")
        with self.beat("bulk", text) as b:
            self.play(FadeIn(self.bulk_span), run_time=b.part(0.3))
            self.wait_until(b, 0.45)  # the share is read out as it is spoken
            self.point_at(self.rows[1], run_time=b.part(0.25), also=(FadeIn(self.rows[1]),))

    def outliers(self) -> None:
        v = self.v
        ratio = v.sharpness / v.edge
        where = "right at 2/a" if abs(ratio - 1) <= EDGE_TOLERANCE else ("below 2/a" if ratio < 1 else "above 2/a")
        text = (f"A few stand far out. The largest, {v.sharpness:.2f}, is the sharpness from before, {where}.")
        largest = self.marks[int(np.argmax(v.top_eigenvalues))]
        with self.beat("outliers", text) as b:
            self.point_at(self.marks, run_time=b.until(1), also=(Create(self.marks, lag_ratio=0.05),))
            self.point_at(largest, run_time=b.part(0.2),
                          also=(FadeIn(self.rider), self.rider.animate.move_to(self.on_axis(v.sharpness))))
            self.wait_until(b, 0.7)  # the sharpness row as the words name it
            self.point_at(self.rows[2], run_time=b.part(0.15), also=(FadeIn(self.rows[2]),))

    def count(self) -> None:
        v = self.v
        per_class = v.outliers / v.classes
        how = ("about one for each of the ten classes" if 0.5 <= per_class <= 1.5 else
               f"about {per_class:.0f} for each of the {v.classes} classes" if per_class > 1.5 else
               f"fewer than the {v.classes} classes")
        share = "a tenth" if abs(self.p.outlier_share - 0.1) < 1e-12 else f"{self.p.outlier_share:g}"
        text = f"Count those above {share} of the largest: {v.outliers}. That is {how}."
        with self.beat("count", text) as b:
            self.point_at(self.threshold_label, run_time=b.part(0.2),
                          also=(Create(self.threshold), FadeIn(self.threshold_label)))
            self.play(self.outlier_marks.animate.set_stroke(color=theme.HIGHLIGHT, width=theme.STROKE),
                      run_time=b.part(0.3))
            self.point_at(self.rows[3], run_time=b.part(0.2), also=(FadeIn(self.rows[3]),))

    def condition(self) -> None:
        v = self.v
        text = f"The largest over the bulk's edge gives a condition number near {v.condition_number:.0f}."
        with self.beat("condition", text) as b:
            self.play(self.rider.animate.move_to(self.on_axis(v.bulk_edge)), run_time=b.part(0.3))
            self.point_at(self.rows[4], run_time=b.part(0.25), also=(Write(self.rows[4]),))
            self.play(self.rider.animate.move_to(self.on_axis(v.sharpness)), run_time=b.part(0.25))

    def step_and_momentum(self) -> None:
        v = self.v
        with self.beat("step", f"The outliers cap the step. Along the bulk, each step then shrinks the error only "
                               f"by {v.bulk_factor:.3f}.") as b:
            self.play(self.rider.animate.move_to(self.on_axis(v.bulk_edge)), run_time=b.part(0.3))
            self.point_at(self.rows[5], run_time=b.part(0.15), also=(FadeIn(self.rows[5]),))
            self.point_at(self.rows[6], run_time=b.part(0.15), also=(FadeIn(self.rows[6]),))
            self.point_at(self.rows[7], run_time=b.part(0.15), also=(FadeIn(self.rows[7]),))
        with self.beat("momentum", "Momentum's rate depends on the square root of k instead. It is chapter three's "
                                   "narrow valley, in a real network.") as b:
            self.point_at(self.rows[8], run_time=b.part(0.3), also=(Write(self.rows[8]),))
            self.play(Indicate(self.rows[8], color=theme.HIGHLIGHT), run_time=b.part(0.3))
            self.play(FadeOut(self.rider), run_time=b.part(0.1))


SCENES = [
    ("edge_of_stability", EdgeOfStabilityScene),
    ("spectrum", SpectrumScene),
]
