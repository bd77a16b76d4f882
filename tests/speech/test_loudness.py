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


@pytest.mark.parametrize("level", [0.02, 0.05, 0.5, 1.0])
def test_a_take_reaches_the_target_with_limited_peaks(tmp_path, level):
    out = loudness.normalised(speech_like(3.0, level), tmp_path)
    target = tmp_path / "out.wav"
    audio.write_wav(out, target)
    measured = loudness.measure(target)
    assert measured.integrated == pytest.approx(loudness.TARGET_LUFS, abs=0.5)
    assert np.max(np.abs(out.samples)) <= loudness.PEAK_LIMIT + 1e-3
    assert out.seconds == pytest.approx(3.0, abs=0.01), "the limiter neither delays nor cuts the take"
