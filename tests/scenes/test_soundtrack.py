"""A scene's soundtrack becomes AAC with ffmpeg's fast coder: the same length, level and pitch."""

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
    assert 3.0 <= decoded.seconds <= 3.0 + 2 * 1024 / 48_000, "AAC adds one frame of priming and pads the last, no more"
    level = 20 * np.log10(np.sqrt(np.mean(decoded.samples**2)) / np.sqrt(np.mean(source.samples**2)))
    assert abs(level) < 0.5, "the same loudness"
    spectrum = np.abs(np.fft.rfft(decoded.samples))
    assert np.fft.rfftfreq(len(decoded.samples), 1 / 22_050)[np.argmax(spectrum)] == pytest.approx(220, abs=1)

def test_a_failed_encoding_says_why(tmp_path):
    (tmp_path / "sound.wav").write_text("not a sound")
    with pytest.raises(RuntimeError, match="could not encode the soundtrack"):
        soundtrack.convert_audio(tmp_path / "sound.wav", tmp_path / "sound.aac", "aac")
