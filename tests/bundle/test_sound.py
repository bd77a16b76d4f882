"""The spoken lecture's sound: a stream in every file, in sync with the picture and the captions, at -16 LUFS."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import srt

from hessian_lecture.media_info import probe
from speech import loudness, voices

pytestmark = pytest.mark.slow
FRAME = 1 / 15
ONSET_TOLERANCE_S = 0.15


def audio_seconds(path):
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration",
                          "-of", "csv=p=0", str(path)], capture_output=True, text=True, check=True).stdout.strip()
    return float(out)


def speech_runs(path) -> list[tuple[float, float]]:
    """(start, end) of each stretch of sound above -40 dB, from ffmpeg's silencedetect."""
    log = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-nostats", "-i", str(path), "-map", "0:a",
                          "-af", "silencedetect=n=-40dB:d=0.12", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    events = sorted([(float(t), "start") for t in re.findall(r"silence_start: (-?[\d.]+)", log)]
                    + [(float(t), "end") for t in re.findall(r"silence_end: ([\d.]+)", log)])
    total = probe(path).duration
    runs, speaking_since = [], 0.0
    for t, kind in events:
        if kind == "start" and speaking_since is not None:
            if t - speaking_since > 0.01:
                runs.append((speaking_since, t))
            speaking_since = None
        elif kind == "end":
            speaking_since = t
    if speaking_since is not None and total - speaking_since > 0.01:
        runs.append((speaking_since, total))
    return runs


def files(bundle_dir):
    m = json.loads((bundle_dir / "manifest.json").read_text())
    return [bundle_dir / "lecture.mp4"] + [bundle_dir / s["files"]["video"] for s in m["scenes"]]


def test_every_file_carries_sound_as_long_as_its_picture(bundle_dir):
    for path in files(bundle_dir):
        assert abs(audio_seconds(path) - probe(path).duration) <= FRAME, path.name


def test_every_caption_starts_with_its_words_and_no_speech_falls_outside_the_captions(bundle_dir):
    cues = list(srt.parse((bundle_dir / "lecture.srt").read_text()))
    runs = speech_runs(bundle_dir / "lecture.mp4")
    onsets = [a for a, _ in runs]
    for cue in cues:
        start = cue.start.total_seconds()
        assert min(abs(start - o) for o in onsets) <= ONSET_TOLERANCE_S, cue
    spans = [(c.start.total_seconds(), c.end.total_seconds()) for c in cues]
    for a, b in runs:
        assert any(lo - ONSET_TOLERANCE_S <= a and b <= hi + ONSET_TOLERANCE_S for lo, hi in spans), (a, b)
    # the last scene's speech is where its captions say: the join does not drift
    last = cues[-1].start.total_seconds()
    assert min(abs(last - o) for o in onsets) <= ONSET_TOLERANCE_S


def test_loudness_is_normalised(bundle_dir):
    for path in files(bundle_dir):
        level = loudness.measure(path)
        assert abs(level.integrated - loudness.TARGET_LUFS) <= 1.0, (path.name, level)
        assert level.true_peak <= -1.0, (path.name, level)


def test_a_forced_rerender_reuses_every_take_and_gives_the_same_timing(bundle_dir, tmp_path):
    takes = {p: p.stat().st_mtime_ns for p in voices.takes_folder().glob("*.wav")}
    result = subprocess.run([sys.executable, "-c", "from hessian_lecture.cli import main; main()", "render", "title",
                             "--quality", "low", "--force", "--output", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {p: p.stat().st_mtime_ns for p in voices.takes_folder().glob("*.wav")} == takes, "no take synthesised again"
    (again,) = tmp_path.glob("title-*.srt")
    m = json.loads((bundle_dir / "manifest.json").read_text())
    title = next(s for s in m["scenes"] if s["name"] == "title")
    assert again.read_text() == (bundle_dir / title["files"]["video"]).with_suffix(".srt").read_text()


def test_the_joined_picture_does_not_drift_behind_the_sound(bundle_dir):
    import av

    m = json.loads((bundle_dir / "manifest.json").read_text())
    with av.open(str(bundle_dir / "lecture.mp4")) as container:
        stream = container.streams.video[0]
        last = max(float(p.pts * stream.time_base) for p in container.demux(stream) if p.pts is not None)
    scenes = sum(s["duration"] for s in m["scenes"])
    assert last + FRAME == pytest.approx(scenes, abs=FRAME / 2), "each scene's picture starts where the last ended"
