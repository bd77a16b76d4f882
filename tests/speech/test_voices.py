"""Every voice behind the one interface: timing of cues, the take cache, recorded takes and their errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from mathcore.errors import ValidationError
from scenes.narration import reading_seconds
from speech import audio, voices

CUES = ["The slope is the steepness of the tangent.", "Slide the point along the curve."]


def test_silent_voice_holds_each_cue_for_its_reading_time():
    spoken = voices.voice("none").speak("slope.intro", CUES)
    assert spoken.sounds == ()
    assert spoken.cues == ((0.0, reading_seconds(CUES[0])),
                           (reading_seconds(CUES[0]), reading_seconds(CUES[0]) + reading_seconds(CUES[1])))


@pytest.mark.parametrize("name", ["piper", "espeak"])
def test_synthesised_cues_follow_each_other_and_are_cached(name, tmp_path):
    voice = voices.voice(name, tmp_path)
    spoken = voice.speak("slope.intro", CUES)
    assert voice.made == 2
    (a0, a1), (b0, b1) = spoken.cues
    assert a0 == 0.0 and b0 == pytest.approx(a1 + voices.CUE_GAP_S)
    for (offset, path), (start, end) in zip(spoken.sounds, spoken.cues):
        take = audio.read_wav(path)
        assert offset == start and take.seconds == pytest.approx(end - start)
        assert audio.speech_frames(take)[0] * audio.FRAME_S <= audio.LEAD_S + audio.FRAME_S  # speech starts at once
    assert 120 <= len(" ".join(CUES).split()) / spoken.seconds * 60 <= 190, "words a minute: a teaching pace"
    again = voice.speak("slope.intro", CUES)
    assert again == spoken and voice.made == 2, "an unchanged beat reuses its takes"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for _, p in spoken.sounds), "no leftovers"


SHORT, LONG = "Yes.", "A long sentence about the curvature of the loss along each of its two eigenvector directions."


def _in_order(voice) -> bool:
    """Whether the cached takes of SHORT and LONG belong to their texts (the long one lasts far longer)."""
    return audio.read_wav(voice.path(LONG)).seconds > 3 * audio.read_wav(voice.path(SHORT)).seconds


def test_piper_makes_a_batch_of_takes_in_order_each_once(tmp_path):
    voice = voices.voice("piper", tmp_path)
    assert voice.prepare([LONG, SHORT, LONG]) == 2 and voice.made == 2
    assert _in_order(voice)
    assert voice.prepare([SHORT, LONG]) == 0 and voice.take(SHORT) == voice.path(SHORT) and voice.made == 2


def test_piper_deals_a_batch_out_among_its_processes_and_keeps_the_order(tmp_path):
    voice = voices.voice("piper", tmp_path)
    voice.processes = 2
    assert voice.prepare([SHORT]) == 1 and len(voice.running) == 1, "one text needs one process"
    other_long, other_short = LONG.replace("two", "both"), "No."
    assert voice.prepare([LONG, other_short, other_long]) == 3  # LONG and other_long to one process, other_short to the other
    first, second = voice.running
    assert len(voice.running) == 2 and first.poll() is None and second.poll() is None
    voice.close()
    for long, short in ((LONG, SHORT), (other_long, other_short), (LONG, other_short)):
        assert audio.read_wav(voice.path(long)).seconds > 3 * audio.read_wav(voice.path(short)).seconds


def test_a_batch_broken_off_leaves_piper_ready_for_the_next(tmp_path, monkeypatch):
    voice = voices.voice("piper", tmp_path)
    real = voices.audio.trimmed
    calls = []

    def silent_once(sound):
        calls.append(1)
        if len(calls) == 1:
            raise ValidationError("is silent")
        return real(sound)

    monkeypatch.setattr(voices.audio, "trimmed", silent_once)
    with pytest.raises(ValidationError, match="the take of 'A long sentence.*is silent"):
        voice.prepare([LONG, SHORT])
    assert list(tmp_path.iterdir()) == [], "nothing half made"
    assert voice.prepare([SHORT, LONG]) == 2 and _in_order(voice), "piper's unread answers were not taken for these"


def test_a_synthesis_that_fails_half_way_leaves_no_take(tmp_path):
    class Broken(voices.Synthesiser):
        key = "broken"

        def synthesise(self, text, work):
            (work / "take.wav").write_bytes(b"RIFF half a file")
            raise RuntimeError("the synthesiser crashed")

    with pytest.raises(RuntimeError, match="crashed"):
        Broken(tmp_path).take("Any sentence at all.")
    assert list(tmp_path.iterdir()) == []


def test_unknown_voices_are_named_with_the_allowed_ones():
    with pytest.raises(ValidationError, match=r"voice = 'robot': unknown; use one of piper, espeak, none, recorded:DIR"):
        voices.voice("robot")
    with pytest.raises(ValidationError, match="no such folder"):
        voices.voice("recorded:/no/such/folder")


def _record(folder: Path, name: str, text: str, speed: int = 110) -> Path:
    """A slow take of ``text`` made with espeak-ng, as a teacher's recording would be, in FLAC."""
    wav = folder / f"{name}.tmp.wav"
    subprocess.run(["espeak-ng", "-s", str(speed), "-w", str(wav), text], check=True)
    flac = folder / f"{name}.flac"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), str(flac)], check=True)
    wav.unlink()
    return flac


def test_recorded_takes_drive_their_beats_and_are_cut_at_pauses(tmp_path):
    takes, cache = tmp_path / "takes", tmp_path / "cache"
    takes.mkdir()
    _record(takes, "slope.intro", " ".join(CUES))
    voice = voices.voice(f"recorded:{takes}", cache)
    spoken = voice.speak("slope.intro", CUES)
    (path,) = [p for _, p in spoken.sounds]
    length = audio.read_wav(path).seconds
    assert spoken.seconds == pytest.approx(length)
    assert length > 60 * len(" ".join(CUES).split()) / 140, "a slow recording makes a long beat"
    (a0, a1), (b0, b1) = spoken.cues
    pause = [p for p in audio.pauses(audio.read_wav(path)) if p[0] == a1]
    assert pause and pause[0][1] == b0, "the cut lies in a real pause of the take"
    assert voice.fingerprint("slope") != voice.fingerprint("title")


def test_recorded_takes_report_what_is_wrong(tmp_path):
    takes, cache = tmp_path / "takes", tmp_path / "cache"
    takes.mkdir()
    voice = voices.voice(f"recorded:{takes}", cache)
    with pytest.raises(ValidationError, match=r"no take for beat slope\.intro \(expected a file slope\.intro\.wav"):
        voice.speak("slope.intro", CUES)
    (takes / "slope.intro.wav").write_text("not sound")
    with pytest.raises(ValidationError, match="not an audio file"):
        voice.speak("slope.intro", CUES)
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "anullsrc=r=8000:cl=mono", "-t", "2",
                    "-y", str(takes / "slope.intro.wav")], check=True)
    with pytest.raises(ValidationError, match="is silent"):
        voice.speak("slope.intro", CUES)
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=f=200:r=8000", "-t", "601",
                    "-y", str(takes / "slope.intro.wav")], check=True)
    with pytest.raises(ValidationError, match="longer than 10 minutes"):
        voice.speak("slope.intro", CUES)
    _record(takes, "slope.intro", "Two takes of one beat.")
    with pytest.raises(ValidationError, match="has 2 takes"):
        voice.speak("slope.intro", CUES)
    assert not list(cache.glob("*.wav")) and not list(cache.glob(".tmp-*")), "nothing cached from bad takes"
