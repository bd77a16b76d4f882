"""Loudness: measure a file's EBU R128 loudness (ffmpeg's ebur128), and bring a take to the lecture's level.

Every take (synthesised or recorded) is normalised once, when it enters the cache: gain to -16 LUFS
integrated (the usual level for speech published online), then ffmpeg's ``alimiter`` keeps its
sample peaks at ``PEAK_LIMIT`` (-2 dBFS), so that the encoded files stay below -1 dBTP true peak.
A scene or the lecture, made of such takes and silence, then measures -16 LUFS itself (silence is
gated out of the integrated loudness), and no render has to master its soundtrack again.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from speech.audio import Sound, filtered

TARGET_LUFS = -16.0
PEAK_LIMIT = 0.794  # linear sample peak, -2 dBFS
MAKE_UP_DB = 2.0  # how much limiting typically lowers a take's loudness
SETTINGS = f"{TARGET_LUFS} LUFS, sample peaks <= {PEAK_LIMIT}, make-up {MAKE_UP_DB} dB"  # part of every take's cache key


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
    import pyloudnorm  # imports scipy (0.7 s): only a process that makes takes pays for it

    return float(pyloudnorm.Meter(sound.rate).integrated_loudness(sound.samples))


def normalised(takes: list[Sound], work: Path) -> list[Sound]:
    """Each of ``takes`` at ``TARGET_LUFS`` with its sample peaks at most ``PEAK_LIMIT`` (temporary files in ``work``).

    With g = TARGET_LUFS - loudness(take), the peaks above PEAK_LIMIT / 10^((g + MAKE_UP_DB) / 20) are limited
    first (ffmpeg's ``alimiter``, one process for all the takes that have such peaks), then the gain that brings
    the limited take to the target is applied; limiting lowered its loudness by about MAKE_UP_DB, so its peaks
    land near PEAK_LIMIT, and a last scaling keeps them at most there."""
    ceilings = [PEAK_LIMIT * 10 ** (-(TARGET_LUFS - integrated(take) + MAKE_UP_DB) / 20) for take in takes]
    loud = [k for k, (take, ceiling) in enumerate(zip(takes, ceilings)) if np.max(np.abs(take.samples)) > ceiling]
    limiters = [f"alimiter=limit={max(ceilings[k], 0.0625):.6f}:level=false:latency=true" for k in loud]
    limited = list(takes)
    for k, take in zip(loud, filtered([takes[k] for k in loud], limiters, work)):
        limited[k] = take
    return [_at_target(take) for take in limited]


def _at_target(take: Sound) -> Sound:
    """``take`` scaled to ``TARGET_LUFS``, then down to sample peaks of at most ``PEAK_LIMIT`` if it exceeds them."""
    samples = take.samples * 10 ** ((TARGET_LUFS - integrated(take)) / 20)
    peak = np.max(np.abs(samples))
    return Sound(samples * min(1.0, PEAK_LIMIT / peak), take.rate)
