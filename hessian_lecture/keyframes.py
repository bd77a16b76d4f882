"""Key frames at beat starts, and what they allow: exact seeks, clips cut by stream copy, stills of beat ends.

manim writes every animation as its own segment and joins them by stream copy, so each segment, and so each
beat, already starts on a key frame, and the lecture's join keeps them; :func:`ensure` checks that and re-encodes
with forced key frames only where one is missing. A time ``t`` names the frame shown from ``t`` on; the files'
time stamps may sit a fraction of a millisecond off it, so what looks for the first frame at or after ``t`` (a cut,
a forced key frame) looks from ``SEEK_MARGIN`` frames before it, and what shows the frame at ``t`` (the page's seek)
aims that far after it.
"""

from __future__ import annotations

import math
import os
import subprocess
from pathlib import Path

import av

from hessian_lecture.runner import RenderError

SEEK_MARGIN = 0.25  # frames: well above the time stamps' error, well below a frame


def _ffmpeg(*args: str) -> None:
    done = subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RenderError(f"ffmpeg failed: {done.stderr.strip()[-500:]}")


def keyframe_times(video: Path) -> list[float]:
    """The time stamps (seconds) of the key frames of ``video``'s picture, read from the container without decoding."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        return sorted(float(p.pts * p.time_base) for p in container.demux(stream) if p.is_keyframe and p.pts is not None)


def missing(video: Path, times: list[float], fps: float) -> list[float]:
    """The ``times`` at which no key frame of ``video`` lies within half a frame."""
    keys = keyframe_times(video)
    return [t for t in times if not any(abs(k - t) < 0.5 / fps for k in keys)]


def ensure(video: Path, times: list[float], fps: float) -> bool:
    """Give ``video`` a key frame at each of ``times``: nothing to do if it has them (returns False), else re-encode
    its picture with x264's forced key frames, sound, chapters and tags copied, and replace the file (returns
    True)."""
    if not missing(video, times, fps):
        return False
    tmp = video.with_name(f".tmp-{video.name}")
    _ffmpeg("-i", str(video), "-map", "0", "-c", "copy", "-c:v", "libx264", "-pix_fmt", "yuv420p",
            "-force_key_frames", ",".join(f"{max(0.0, t - SEEK_MARGIN / fps):.6f}" for t in times), "-movflags", "+faststart",
            str(tmp))
    os.replace(tmp, video)
    return True


def frame_of(t: float, fps: float) -> int:
    """The frame a time names, the first shown at or after ``t``: ceil(t * fps - SEEK_MARGIN)."""
    return math.ceil(t * fps - SEEK_MARGIN)


def _dts_shift(video: Path) -> float:
    """How far ffmpeg moves ``video``'s time stamps so that its first decoding time is not negative (x264's
    B-frames start it before 0): the segment muxer compares its split times with the moved stamps."""
    with av.open(str(video)) as container:
        stream = container.streams.video[0]
        for packet in container.demux(stream):
            if packet.dts is not None:
                return max(0.0, -float(packet.dts * packet.time_base))
    return 0.0


def cut(video: Path, spans: list[tuple[float, float]], fps: float, targets: list[Path]) -> None:
    """The frames of ``video`` in each [start, end) of ``spans`` (in order, not overlapping), sound included, as
    ``targets``: one pass of ffmpeg's segment muxer, which copies the streams and cuts at the first key frame at or
    after each time, so each clip starts exactly on its start when that is a key frame. Times are taken by the frame
    they name, so a beat's end and the next start a fraction of a frame apart make one cut, not two."""
    cuts = sorted({frame_of(t, fps) for span in spans for t in span} - {0})
    shift = _dts_shift(video)
    pattern = targets[0].with_name(f".tmp-{targets[0].stem}-%04d.mp4")
    times = ",".join(f"{(n - SEEK_MARGIN) / fps + shift:.6f}" for n in cuts)
    _ffmpeg("-i", str(video), "-map", "0:v", "-map", "0:a?", "-c", "copy", "-f", "segment", "-segment_times", times,
            "-reset_timestamps", "1", "-segment_format", "mp4", str(pattern))
    made = sorted(pattern.parent.glob(pattern.name.replace("%04d", "*")))
    try:
        for (start, _), target in zip(spans, targets):
            k = sum(n <= frame_of(start, fps) for n in cuts)  # the segment that begins at ``start``
            os.replace(made[k], target)
    finally:
        for leftover in made:
            leftover.unlink(missing_ok=True)


def stills(video: Path, frames: list[int], targets: list[Path]) -> None:
    """Frame number ``frames[k]`` of ``video`` as the PNG ``targets[k]``, all in one decoding pass."""
    pick = "+".join(f"eq(n\\,{n})" for n in frames)
    work = targets[0].with_name(f".tmp-{targets[0].stem}-%04d.png")
    _ffmpeg("-i", str(video), "-vf", f"select='{pick}'", "-fps_mode", "passthrough", str(work))
    for k, target in enumerate(targets, 1):
        os.replace(str(work).replace("%04d", f"{k:04d}"), target)
