"""The highlight frame: a frame that moves to whatever the narration names, so the eye follows the voice.

``highlight(m)`` builds one frame; a scene that mixes in :class:`Pointing` keeps one set of frames and moves
it from target to target (``point_at``), draws it the first time, and drops it when the words move on.
"""

from __future__ import annotations

from collections.abc import Iterable

from manim import Animation, Create, FadeOut, SurroundingRectangle, Transform, VGroup

from scenes import theme
from scenes.beats import Beat, frames

HIGHLIGHT_BUFF = 0.06  # gap between a frame and what it surrounds
HIGHLIGHT_FILL = 0.15  # fill opacity of a filled frame (it lights a larger area, for small targets)


def highlight(m, filled: bool = False) -> SurroundingRectangle:
    """A frame around ``m`` in the highlight role, its stroke thick enough for its motion to read; ``filled`` also
    tints the inside lightly."""
    return SurroundingRectangle(m, color=theme.HIGHLIGHT, buff=HIGHLIGHT_BUFF, stroke_width=theme.STROKE,
                                fill_color=theme.HIGHLIGHT, fill_opacity=HIGHLIGHT_FILL if filled else 0.0)


class Pointing:
    """Mixin for a lecture scene: one set of highlight frames (one per target) that moves to what the words name."""

    pointer: VGroup | None = None

    def move_pointer(self, *targets) -> Animation:
        """The animation that moves the frames onto ``targets`` (one frame each), or draws them there the first
        time. The frames are brought to the front first: manim redraws on every frame of an animation each
        mobject added after the first one that moves, so frames made early would have everything since redrawn."""
        target_frames = VGroup(*[highlight(t) for t in targets])
        if self.pointer is None:
            self.pointer = target_frames
            return Create(target_frames)
        self.bring_to_front(self.pointer)
        return Transform(self.pointer, target_frames)

    def point_at(self, *targets, run_time: float, also: Iterable[Animation] = ()) -> None:
        """Move the frames onto ``targets`` in ``run_time`` seconds, while the animations ``also`` play."""
        self.play(self.move_pointer(*targets), *also, run_time=run_time)

    def drop_pointer(self) -> list[Animation]:
        """The animations that take the frames away (none if there are none); the next ``move_pointer`` draws anew."""
        gone, self.pointer = self.pointer, None
        return [FadeOut(gone)] if gone is not None else []

    def wait_until(self, b: Beat, fraction: float) -> None:
        """Wait until ``fraction`` of beat ``b``'s speech has been spoken (if it has not been yet)."""
        rest = b.start + fraction * b.duration - self.time
        if rest > 1e-6:
            self.wait(frames(rest))
