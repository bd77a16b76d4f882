"""Sound files as numpy arrays: decode any format with ffmpeg, find where speech is, trim, write WAV.

Speech is where the level of 10 ms frames rises above ``SILENCE_DB`` (dBFS, the same threshold as
``ffmpeg -af silencedetect=n=-40dB``); a pause is a run of quiet frames at least ``PAUSE_S`` long.
"""

from __future__ import annotations

import os
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mathcore.errors import ValidationError

SILENCE_DB = -40.0
FRAME_S = 0.01
PAUSE_S = 0.15
LEAD_S = 0.02  # kept before the first speech frame
TAIL_S = 0.06  # kept after the last one
MAX_TAKE_S = 600.0


@dataclass(frozen=True)
class Sound:
    """Mono samples in [-1, 1] at ``rate`` Hz."""

    samples: np.ndarray
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate


def decode(path: Path, rate: int | None = None) -> Sound:
    """Any file ffmpeg reads, as mono float samples (at ``rate`` if given, else the file's own rate)."""
    if not path.is_file():
        raise ValidationError(f"take {path}: no such file")
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=sample_rate",
         "-of", "csv=p=0", str(path)], capture_output=True, text=True)
    fields = probe.stdout.strip().split(",")[0] if probe.returncode == 0 else ""
    if not fields.isdigit():
        raise ValidationError(f"take {path}: not an audio file that ffmpeg can read")
    out_rate = rate or int(fields)
    done = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-map", "0:a:0", "-ac", "1", "-ar", str(out_rate),
         "-t", str(MAX_TAKE_S + 1), "-f", "s16le", "-"], capture_output=True)
    if done.returncode != 0:
        raise ValidationError(f"take {path}: ffmpeg cannot decode it ({done.stderr.decode(errors='replace').strip()[-120:]})")
    samples = np.frombuffer(done.stdout, dtype="<i2").astype(np.float64) / 32768.0
    return Sound(samples, out_rate)


def read_wav(path: Path) -> Sound:
    """A 16-bit PCM WAV file (as piper and this module write them)."""
    with wave.open(str(path), "rb") as w:
        rate, channels, frames = w.getframerate(), w.getnchannels(), w.readframes(w.getnframes())
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float64) / 32768.0
    return Sound(samples.reshape(-1, channels).mean(axis=1), rate)


def write_wav(sound: Sound, path: Path) -> None:
    """Write ``sound`` as 16-bit mono WAV, whole or not at all (temporary name, then rename)."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    pcm = np.clip(np.round(sound.samples * 32767.0), -32768, 32767).astype("<i2")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sound.rate)
        w.writeframes(pcm.tobytes())
    os.replace(tmp, path)


def filtered(sounds: list[Sound], filters: list[str], work: Path) -> list[Sound]:
    """Each of ``sounds`` through its own ffmpeg audio filter chain, in one ffmpeg process per core, each taking
    its share of the sounds (starting a process costs about 0.1 s, many times the filtering of a take);
    temporary files in ``work``."""
    jobs = [(k, sound, chain) for k, (sound, chain) in enumerate(zip(sounds, filters, strict=True))]
    shares = [jobs[i::os.cpu_count() or 1] for i in range(min(len(jobs), os.cpu_count() or 1))]
    running = []
    for share in shares:
        inputs, outputs, graph = [], [], []
        for n, (k, sound, chain) in enumerate(share):
            source = work / f"filter-in-{k}.wav"
            write_wav(sound, source)
            inputs += ["-i", str(source)]
            outputs += ["-map", f"[out{n}]", str(work / f"filter-out-{k}.wav")]
            graph.append(f"[{n}:a]{chain}[out{n}]")
        running.append(subprocess.Popen(["ffmpeg", "-nostdin", "-v", "error", "-y", *inputs, "-filter_complex",
                                         ";".join(graph), *outputs], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE))
    errors = [proc.communicate()[1] for proc in running]
    for proc, err in zip(running, errors):
        if proc.returncode != 0:
            raise RuntimeError(f"ffmpeg could not filter the takes: {err.decode(errors='replace').strip()[-300:]}")
    return [read_wav(work / f"filter-out-{k}.wav") for k in range(len(sounds))]


def stretched(sounds: list[Sound], tempos: list[float], work: Path) -> list[Sound]:
    """Each of ``sounds`` played at its ``tempo`` times its speed with its pitch kept (ffmpeg's atempo, 0.5 to 2);
    a tempo of 1 leaves its sound as it is."""
    moved = [k for k, tempo in enumerate(tempos) if tempo != 1.0]
    out = list(sounds)
    for k, sound in zip(moved, filtered([sounds[k] for k in moved], [f"atempo={tempos[k]:.6f}" for k in moved], work)):
        out[k] = sound
    return out


def frame_levels(sound: Sound) -> np.ndarray:
    """RMS level of each ``FRAME_S`` frame in dBFS (a full-scale sine is -3 dBFS)."""
    n = max(1, int(round(FRAME_S * sound.rate)))
    count = len(sound.samples) // n
    frames = sound.samples[: count * n].reshape(count, n)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-10))


def speech_frames(sound: Sound) -> np.ndarray:
    """Indices of the frames louder than ``SILENCE_DB``."""
    return np.flatnonzero(frame_levels(sound) > SILENCE_DB)


def trimmed(sound: Sound) -> Sound:
    """``sound`` cut to its speech, keeping ``LEAD_S`` before and ``TAIL_S`` after; ValidationError if silent."""
    loud = speech_frames(sound)
    if loud.size == 0:
        raise ValidationError(f"is silent (no part louder than {SILENCE_DB:g} dBFS)")
    start = max(0, int((loud[0] * FRAME_S - LEAD_S) * sound.rate))
    end = min(len(sound.samples), int(((loud[-1] + 1) * FRAME_S + TAIL_S) * sound.rate))
    return Sound(sound.samples[start:end], sound.rate)


def pauses(sound: Sound) -> list[tuple[float, float]]:
    """(start, end) seconds of every quiet run at least ``PAUSE_S`` long between two stretches of speech."""
    loud = speech_frames(sound)
    gaps = np.flatnonzero(np.diff(loud) * FRAME_S >= PAUSE_S)
    return [((loud[g] + 1) * FRAME_S, loud[g + 1] * FRAME_S) for g in gaps]


def split_at_pauses(sound: Sound, weights: list[float]) -> list[tuple[float, float]]:
    """Spans of ``len(weights)`` consecutive parts of a take, cut in the pauses nearest to where parts of
    those relative lengths would end (evenly where the take has too few pauses)."""
    total = sound.seconds
    share = np.cumsum(weights)[:-1] / np.sum(weights)
    free = pauses(sound)
    cuts: list[tuple[float, float]] = []
    for target in share * total:
        after = [p for p in free if not cuts or p[0] >= cuts[-1][1]]
        if after:
            best = min(after, key=lambda p: abs((p[0] + p[1]) / 2 - target))
            free.remove(best)
            cuts.append(best)
        else:
            t = max(target, cuts[-1][1] if cuts else 0.0)
            cuts.append((t, t))
    edges = [0.0] + [c for cut in cuts for c in cut] + [total]
    return [(edges[2 * k], edges[2 * k + 1]) for k in range(len(weights))]
