"""Loudness: measure a file's EBU R128 loudness (ffmpeg's ebur128), and bring a take to the lecture's level.

Every take (synthesised or recorded) is normalised once, when it enters the cache: gain to -16 LUFS
integrated (the usual level for speech published online), with ffmpeg's ``alimiter`` keeping its
true peaks (between samples, as resampling and AAC bring them out) at ``PEAK_LIMIT`` (-2 dBTP), so
that the encoded files stay below -1 dBTP.
A scene or the lecture, made of such takes and silence, then measures -16 LUFS itself (silence is
gated out of the integrated loudness), and no render has to master its soundtrack again.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from speech.audio import Sound, filtered

TARGET_LUFS = -16.0
PEAK_LIMIT = 0.794  # linear true peak, -2 dBTP
MAKE_UP_DB = 2.0  # how much limiting typically lowers a take's loudness
LIMITER_ROUNDS = 6  # a take still peaking over PEAK_LIMIT after these is scaled down, so quieter than the target
SETTINGS = f"{TARGET_LUFS} LUFS, true peaks <= {PEAK_LIMIT}, make-up {MAKE_UP_DB} dB, {LIMITER_ROUNDS} rounds"  # part of every take's cache key


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


def true_peak(samples: np.ndarray) -> float:
    """The largest magnitude of ``samples`` upsampled four times (BS.1770's true-peak estimate): the peaks between
    samples that a resampler or a codec brings out."""
    from scipy.signal import resample_poly

    return float(np.max(np.abs(resample_poly(samples, 4, 1)))) if len(samples) else 0.0


def normalised(takes: list[Sound], work: Path) -> list[Sound]:
    """Each of ``takes`` at ``TARGET_LUFS`` with its true peaks at most ``PEAK_LIMIT`` (temporary files in ``work``).

    A take is limited where needed (:func:`_limited`), then given the exact gain to the target; a take whose true
    peaks still exceed ``PEAK_LIMIT`` goes round once more, and only then is scaled down to it. Loudness and true
    peaks are measured on every core (numpy and scipy let go of the interpreter while they filter), each true peak
    once per state of its take."""
    out, todo = list(takes), list(range(len(takes)))
    peaks = _each(true_peak, [take.samples for take in takes])
    for _ in range(LIMITER_ROUNDS):
        limited = _limited([out[k] for k in todo], [peaks[k] for k in todo], work)
        for k, take, level in zip(todo, limited, _each(integrated, limited)):
            out[k] = Sound(take.samples * 10 ** ((TARGET_LUFS - level) / 20), take.rate)
        for k, peak in zip(todo, _each(true_peak, [out[k].samples for k in todo])):
            peaks[k] = peak
        todo = [k for k in todo if peaks[k] > PEAK_LIMIT]
        if not todo:
            break
    return [Sound(t.samples * min(1.0, PEAK_LIMIT / peak), t.rate) for t, peak in zip(out, peaks)]


T = TypeVar("T")


def _each(measure: Callable[[T], float], items: list[T]) -> list[float]:
    """``measure`` of each of ``items``, on one thread per core."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(measure, items))


def _limited(takes: list[Sound], peaks: list[float], work: Path) -> list[Sound]:
    """With g = TARGET_LUFS - loudness(take), a take whose true peak (``peaks``) exceeds
    c = PEAK_LIMIT / 10^((g + MAKE_UP_DB) / 20) is limited (ffmpeg's ``alimiter`` works on samples, so its limit is c
    times the take's sample peak over its true peak; one process per core for all such takes): limiting lowers its
    loudness by about MAKE_UP_DB, so once at the target its peaks land near PEAK_LIMIT."""
    ceilings = [PEAK_LIMIT * 10 ** (-(TARGET_LUFS - level + MAKE_UP_DB) / 20) for level in _each(integrated, takes)]
    loud = [k for k, (peak, ceiling) in enumerate(zip(peaks, ceilings)) if peak > ceiling]
    limits = [ceilings[k] * np.max(np.abs(takes[k].samples)) / peaks[k] for k in loud]
    limiters = [f"alimiter=limit={max(limit, 0.0625):.6f}:level=false:latency=true" for limit in limits]
    limited = list(takes)
    for k, take in zip(loud, filtered([takes[k] for k in loud], limiters, work)):
        limited[k] = take
    return limited
