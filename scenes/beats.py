"""A beat: one narration text (one or more caption cues) and the animations that show it.

:meth:`scenes.base.LectureScene.beat` opens a beat: the voice speaks its cues from the beat's
start, each cue's caption is timed to its take, and the :class:`Beat` it yields gives the
animations inside their durations from the speech: all of it (``duration``), a share of it
(``part``), or up to a sentence's start or end (``until``, ``until_end``). When the block ends,
the scene waits out the rest of the speech and a breath; so every beat starts where the last
ended and timing errors never add up.
"""

from __future__ import annotations

from dataclasses import dataclass

from manim import Scene, config

from speech.voices import Spoken


def frames(seconds: float) -> float:
    """``seconds`` rounded up to whole frames, and at least one frame."""
    fps = config.frame_rate
    return max(1, -int(-(seconds * fps - 1e-6) // 1)) / fps


@dataclass
class Beat:
    """A beat being played: its id, cue texts, spoken timing and where it started on the scene's clock."""

    scene: Scene
    id: str
    cues: list[str]
    spoken: Spoken
    start: float

    @property
    def duration(self) -> float:
        """Seconds of speech in the beat (from its start to the end of its last cue)."""
        return self.spoken.seconds

    def part(self, fraction: float) -> float:
        """``fraction`` of the beat's speech, in seconds (at least one frame)."""
        return frames(fraction * self.duration)

    def until(self, cue: int) -> float:
        """Seconds from now until cue ``cue`` starts to be spoken (at least one frame)."""
        return frames(self.start + self.spoken.cues[cue][0] - self.scene.time)

    def until_end(self, cue: int = -1) -> float:
        """Seconds from now until cue ``cue`` (by default the last) has been spoken (at least one frame)."""
        return frames(self.start + self.spoken.cues[cue][1] - self.scene.time)

    @property
    def left(self) -> float:
        """Seconds of speech left from now (0 once it has ended)."""
        return max(0.0, self.start + self.duration - self.scene.time)

    def record(self) -> dict:
        """The beat as plain data (``inspect --json``, the script file, the tests)."""
        return {
            "id": self.id,
            "text": " ".join(" ".join(c.split()) for c in self.cues),
            "start": round(self.start, 3),
            "seconds": round(self.duration, 3),
            "cues": [{"text": " ".join(c.split()), "start": round(self.start + s, 3), "end": round(self.start + e, 3)}
                     for c, (s, e) in zip(self.cues, self.spoken.cues)],
        }
