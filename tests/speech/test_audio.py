"""Speech found in sound: trimming, pauses, cutting a take into its sentences, decoding and its errors."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from mathcore.errors import ValidationError
from speech import audio

RATE = 16_000


def tone_bursts(spans, total, rate=RATE):
    """A 220 Hz tone at 0.3 amplitude inside each (start, end) span of ``total`` seconds, silence elsewhere."""
    t = np.arange(int(total * rate)) / rate
    loud = np.zeros_like(t, dtype=bool)
    for a, b in spans:
        loud |= (t >= a) & (t < b)
    return audio.Sound(np.where(loud, 0.3 * np.sin(2 * np.pi * 220 * t), 0.0), rate)


def test_trimmed_keeps_the_speech_and_a_little_margin():
    sound = tone_bursts([(0.50, 1.20), (1.60, 2.00)], 3.0)
    cut = audio.trimmed(sound)
    assert cut.seconds == pytest.approx(2.00 - 0.50 + audio.LEAD_S + audio.TAIL_S, abs=2 * audio.FRAME_S)
    assert audio.speech_frames(cut)[0] * audio.FRAME_S == pytest.approx(audio.LEAD_S, abs=audio.FRAME_S)


def test_silence_is_refused():
    with pytest.raises(ValidationError, match="silent"):
        audio.trimmed(audio.Sound(np.zeros(RATE), RATE))
    quiet = tone_bursts([(0.2, 0.8)], 1.0)
    with pytest.raises(ValidationError, match="silent"):
        audio.trimmed(audio.Sound(quiet.samples * 1e-3, RATE))  # -70 dBFS: below the threshold


def test_pauses_are_the_quiet_runs_between_speech():
    sound = tone_bursts([(0.0, 1.0), (1.40, 2.0), (2.05, 3.0)], 3.0)
    (gap,) = audio.pauses(sound)  # the 50 ms gap is too short to count
    assert gap == pytest.approx((1.0, 1.4), abs=audio.FRAME_S)


def test_a_take_is_cut_in_the_pauses_nearest_its_sentences():
    # three sentences of relative lengths 1 : 2 : 1, spoken with pauses after each
    sound = tone_bursts([(0.0, 1.0), (1.3, 3.3), (3.6, 4.6)], 4.6)
    spans = audio.split_at_pauses(sound, [10, 20, 10])
    expected = [(0.0, 1.0), (1.3, 3.3), (3.6, 4.6)]
    for got, want in zip(spans, expected):
        assert got == pytest.approx(want, abs=audio.FRAME_S + 1e-9)


def test_a_take_without_pauses_is_cut_by_length():
    sound = tone_bursts([(0.0, 3.0)], 3.0)
    spans = audio.split_at_pauses(sound, [1, 2])
    assert spans == [(0.0, pytest.approx(1.0)), (pytest.approx(1.0), 3.0)]


def test_wav_round_trip_and_decoding_of_other_formats(tmp_path):
    sound = tone_bursts([(0.1, 0.6)], 0.8)
    wav = tmp_path / "take.wav"
    audio.write_wav(sound, wav)
    again = audio.read_wav(wav)
    assert again.rate == RATE and np.max(np.abs(again.samples - sound.samples)) < 1e-4
    flac = tmp_path / "take.flac"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), str(flac)], check=True)
    decoded = audio.decode(flac, 48_000)
    assert decoded.rate == 48_000 and decoded.seconds == pytest.approx(0.8, abs=0.01)


def test_decoding_refuses_what_is_not_audio(tmp_path):
    text = tmp_path / "notes.wav"
    text.write_text("these are my notes, not a recording")
    with pytest.raises(ValidationError, match="not an audio file"):
        audio.decode(text)
    with pytest.raises(ValidationError, match="no such file"):
        audio.decode(tmp_path / "missing.wav")


def test_stretched_keeps_the_pitch_and_changes_the_length(tmp_path):
    sound, other = tone_bursts([(0.0, 2.0)], 2.0), tone_bursts([(0.5, 1.0)], 1.5)
    slower, same, faster = audio.stretched([sound, other, other], [0.8, 1.0, 1.25], tmp_path)
    assert same is other and faster.seconds == pytest.approx(1.5 / 1.25, abs=0.03), "each sound its own tempo"
    assert slower.seconds == pytest.approx(2.0 / 0.8, abs=0.02)
    spectrum = np.abs(np.fft.rfft(slower.samples))
    assert np.fft.rfftfreq(len(slower.samples), 1 / RATE)[np.argmax(spectrum)] == pytest.approx(220, abs=2)
