"""Takes are brought to the lecture's loudness with their peaks limited, measured by ffmpeg's ebur128."""

from __future__ import annotations

import numpy as np
import pytest

from speech import audio, loudness

RATE = 22_050


def speech_like(seconds: float, level: float) -> audio.Sound:
    """Bursts of a harmonic tone with sharp peaks (a high crest factor, as speech has) at amplitude ``level``."""
    t = np.arange(int(seconds * RATE)) / RATE
    tone = sum(np.sin(2 * np.pi * f * t) / k for k, f in enumerate((180, 360, 540, 720, 900), 1))
    envelope = (np.sin(2 * np.pi * 2.5 * t) > 0).astype(float)
    samples = tone * envelope
    return audio.Sound(level * samples / np.max(np.abs(samples)), RATE)


def test_every_take_of_a_batch_reaches_the_target_with_limited_peaks(tmp_path):
    levels = [0.02, 0.05, 0.5, 1.0]
    for level, out in zip(levels, loudness.normalised([speech_like(2.0 + level, level) for level in levels], tmp_path)):
        target = tmp_path / "out.wav"
        audio.write_wav(out, target)
        measured = loudness.measure(target)
        assert measured.integrated == pytest.approx(loudness.TARGET_LUFS, abs=0.5), level
        assert loudness.true_peak(out.samples) <= loudness.PEAK_LIMIT + 1e-3, level
        assert out.seconds == pytest.approx(2.0 + level, abs=0.01), "each take keeps its own length, undelayed"
