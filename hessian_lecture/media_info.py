"""Read a video file's real properties back from the container (PyAV)."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av


@dataclass(frozen=True)
class VideoInfo:
    width: int
    height: int
    fps: Fraction
    frames: int  # from the container's index, or counted by decoding
    duration: float  # seconds: frames / fps
    codec: str
    pixel_format: str


def probe(path: str | Path, count_frames: bool = False) -> VideoInfo:
    """Report what ``path``'s first video stream holds; ``count_frames`` decodes every frame to count them."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = stream.frames
        if count_frames or frames <= 0:
            frames = sum(1 for _ in container.decode(stream))
        fps = Fraction(stream.guessed_rate or stream.base_rate)
        return VideoInfo(
            width=stream.codec_context.width,
            height=stream.codec_context.height,
            fps=fps,
            frames=frames,
            duration=float(frames / fps),
            codec=stream.codec_context.name,
            pixel_format=stream.codec_context.pix_fmt,
        )


def has_audio(path: str | Path) -> bool:
    """Whether ``path`` holds an audio stream."""
    with av.open(str(path)) as container:
        return bool(container.streams.audio)
