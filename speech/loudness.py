"""Loudness: measure a file's EBU R128 loudness (ffmpeg's ebur128), and bring a take to the lecture's level.

Every take (synthesised or recorded) is normalised once, when it enters the cache: gain to -16 LUFS
integrated (the usual level for speech published online), then ffmpeg's ``alimiter`` keeps its
sample peaks at ``PEAK_LIMIT`` (-2 dBFS), so that the encoded files stay below -1 dBTP true peak;
limiting lowers the loudness a little, so gain and limiter are applied again, from the original,
until the take measures within ``TOLERANCE_LU`` of the target.
A scene or the lecture, made of such takes and silence, then measures -16 LUFS itself (silence is
gated out of the integrated loudness), and no render has to master its soundtrack again.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pyloudnorm

from speech.audio import Sound, read_wav, write_wav

TARGET_LUFS = -16.0
PEAK_LIMIT = 0.794  # linear sample peak, -2 dBFS
TOLERANCE_LU = 0.3
ROUNDS = 4
SETTINGS = f"{TARGET_LUFS} LUFS, sample peaks <= {PEAK_LIMIT}"  # part of every take's cache key


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


def integrated(sound: Sound) -> float:
    """Integrated loudness of ``sound`` in LUFS (ITU-R BS.1770, pyloudnorm)."""
    return float(pyloudnorm.Meter(sound.rate).integrated_loudness(sound.samples))


def normalised(take: Sound, work: Path) -> Sound:
    """``take`` with gain towards ``TARGET_LUFS`` and its peaks limited to ``PEAK_LIMIT`` (files in ``work``)."""
    source, target = work / "level-in.wav", work / "level-out.wav"
    write_wav(take, source)
    gain = TARGET_LUFS - integrated(take)
    for _ in range(ROUNDS):
        _ffmpeg("-i", str(source), "-af", f"volume={gain:.2f}dB,alimiter=limit={PEAK_LIMIT}:level=false:latency=true",
                str(target))
        out = read_wav(target)
        miss = TARGET_LUFS - integrated(out)
        if abs(miss) <= TOLERANCE_LU:
            break
        gain += miss
    return out
