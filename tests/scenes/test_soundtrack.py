"""A scene's soundtrack becomes AAC with ffmpeg's fast coder: the same length, the same sound."""

from __future__ import annotations

import numpy as np
import pytest
from manim.scene import scene_file_writer

import scenes.base  # noqa: F401  (installs the encoder, as every lecture scene does)
from scenes import soundtrack
from speech import audio


def test_scenes_encode_their_sound_with_the_fast_coder(tmp_path):
    assert scene_file_writer.convert_audio is soundtrack.convert_audio
    t = np.arange(int(3.0 * 22_050)) / 22_050
    source = audio.Sound(0.5 * np.sin(2 * np.pi * 220 * t) * (np.sin(2 * np.pi * 2 * t) > 0), 22_050)
    audio.write_wav(source, tmp_path / "sound.wav")
    soundtrack.convert_audio(tmp_path / "sound.wav", tmp_path / "sound.aac", "aac")
    decoded = audio.decode(tmp_path / "sound.aac", 22_050)
    assert decoded.seconds == pytest.approx(3.0, abs=0.1)  # AAC pads to whole frames
    n = min(len(source.samples), len(decoded.samples))
    lag = int(np.argmax(np.correlate(decoded.samples[:4000], source.samples[:2000], "valid")))
    error = decoded.samples[lag:n] - source.samples[: n - lag]
    assert 10 * np.log10(np.sum(source.samples[: n - lag] ** 2) / np.sum(error**2)) > 25, "speech-grade fidelity"


def test_a_failed_encoding_says_why(tmp_path):
    (tmp_path / "sound.wav").write_text("not a sound")
    with pytest.raises(RuntimeError, match="could not encode the soundtrack"):
        soundtrack.convert_audio(tmp_path / "sound.wav", tmp_path / "sound.aac", "aac")
