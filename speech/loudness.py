"""Loudness: measure a file's EBU R128 loudness and master a video's soundtrack to the lecture's target.

Target: -16 LUFS integrated (the usual level for speech published online), true peak at most
-3 dBTP before encoding (AAC, decoded and encoded again for the lecture, adds up to about 1 dB: the
files stay below -1 dBTP), by ffmpeg's ``loudnorm`` filter in two passes (measure, then apply with
the measured values, linear gain where the peak allows it). The soundtrack is padded or cut to
exactly the video's length, so joined scenes never drift apart.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

TARGET_LUFS = -16.0
TARGET_PEAK_DBTP = -3.0
LOUDNESS_RANGE_LU = 11.0
RATE = 48_000
CODECS = {".mp4": ["-c:a", "aac", "-b:a", "160k"], ".webm": ["-c:a", "libopus", "-b:a", "128k"]}


@dataclass(frozen=True)
class Loudness:
    integrated: float  # LUFS
    true_peak: float  # dBTP


def _ffmpeg(*args: str) -> str:
    done = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-y", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"ffmpeg failed: {done.stderr.strip()[-400:]}")
    return done.stderr


def measure(path: Path) -> Loudness:
    """Integrated loudness and true peak of the first audio stream of ``path`` (ffmpeg's ebur128 filter)."""
    log = _ffmpeg("-i", str(path), "-map", "0:a:0", "-af", "ebur128=peak=true", "-f", "null", "-")
    summary = log[log.rindex("Summary:"):]
    integrated = float(re.search(r"I:\s+(-?[\d.]+|-inf) LUFS", summary).group(1))
    peak = float(re.search(r"Peak:\s+(-?[\d.]+|-inf) dBFS", summary).group(1))
    return Loudness(integrated, peak)


def _fit(seconds: float) -> str:
    return f"aresample={RATE},apad=whole_dur={seconds:.6f},atrim=end={seconds:.6f}"


def master(video: Path, target: Path, seconds: float) -> None:
    """Write ``target``: ``video``'s picture (copied), chapters and metadata with its sound normalised and
    exactly ``seconds`` long."""
    norm = f"loudnorm=I={TARGET_LUFS}:TP={TARGET_PEAK_DBTP}:LRA={LOUDNESS_RANGE_LU}"
    log = _ffmpeg("-i", str(video), "-map", "0:a:0", "-af", f"{_fit(seconds)},{norm}:print_format=json",
                  "-f", "null", "-")
    m = json.loads(log[log.rindex("{"):log.rindex("}") + 1])
    measured = (f"measured_I={m['input_i']}:measured_TP={m['input_tp']}:measured_LRA={m['input_lra']}:"
                f"measured_thresh={m['input_thresh']}:offset={m['target_offset']}:linear=true")
    tmp = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    _ffmpeg("-i", str(video), "-map", "0:v:0", "-map", "0:a:0", "-c:v", "copy",
            "-af", f"{_fit(seconds)},{norm}:{measured},{_fit(seconds)}", *CODECS[target.suffix],
            "-movflags", "+faststart", str(tmp))
    os.replace(tmp, target)
