"""The course bundle's real files: joined video, chapters, captions, manifest, transcript."""

from __future__ import annotations

import json
import os

import av
import pytest
import srt
import webvtt
from click.testing import CliRunner

from hessian_lecture.cli import cli
from hessian_lecture.media_info import probe

pytestmark = pytest.mark.slow
FRAME = 1 / 15
SCENES = ("title", "chapter1", "slope")  # as built by conftest's bundle_dir


def manifest(bundle_dir):
    return json.loads((bundle_dir / "manifest.json").read_text())


def test_every_file_is_there(bundle_dir):
    for name in ("lecture.mp4", "lecture.vtt", "lecture.srt", "chapters.vtt", "transcript.md", "poster.png",
                 "manifest.json", "index.html"):
        assert (bundle_dir / name).stat().st_size > 0, name
    m = manifest(bundle_dir)
    for scene in m["scenes"]:
        for path in scene["files"].values():
            assert (bundle_dir / path).stat().st_size > 0, path
    assert not [p for p in bundle_dir.rglob("*") if p.name.startswith((".tmp-", ".partial-", ".join-"))]


def test_joined_video_is_the_sum_of_its_scenes(bundle_dir):
    m = manifest(bundle_dir)
    lecture = probe(bundle_dir / "lecture.mp4", count_frames=True)
    assert (lecture.codec, lecture.pixel_format, lecture.fps) == ("h264", "yuv420p", 15)
    scene_total = sum(probe(bundle_dir / s["files"]["video"], count_frames=True).duration for s in m["scenes"])
    assert abs(lecture.duration - scene_total) <= FRAME
    assert abs(m["duration"] - lecture.duration) <= FRAME
    assert [s["name"] for s in m["scenes"]] == list(SCENES)
    for a, b in zip(m["scenes"], m["scenes"][1:]):
        assert b["start"] == pytest.approx(a["start"] + a["duration"])


def test_chapters_are_in_the_container(bundle_dir):
    m = manifest(bundle_dir)
    with av.open(str(bundle_dir / "lecture.mp4")) as container:
        marks = container.chapters()
    assert len(marks) == len(m["chapters"]) == 2
    for mark, chapter in zip(marks, m["chapters"]):
        start = float(mark["start"] * mark["time_base"])
        assert start == pytest.approx(chapter["start"], abs=1e-3)
        assert mark["metadata"]["title"] == chapter["label"]
    assert m["chapters"][1]["start"] == pytest.approx(m["scenes"][1]["start"])


def test_caption_cues_fall_inside_their_scenes(bundle_dir):
    m = manifest(bundle_dir)
    cues = list(srt.parse((bundle_dir / "lecture.srt").read_text()))
    vtt = webvtt.read(str(bundle_dir / "lecture.vtt"))
    assert len(vtt.captions) == len(cues) > 0
    intervals = [(s["start"], s["start"] + s["duration"]) for s in m["scenes"]]
    for cue, caption in zip(cues, vtt.captions):
        start, end = cue.start.total_seconds(), cue.end.total_seconds()
        assert any(lo - 1e-3 <= start < end <= hi + 1e-3 for lo, hi in intervals), cue
        h, mnt, s = caption.start.split(":")
        assert int(h) * 3600 + int(mnt) * 60 + float(s) == pytest.approx(start, abs=1e-3)
        assert caption.text == cue.content
    # each scene's own cues, shifted, are the lecture's cues of that scene
    for scene in m["scenes"]:
        own = webvtt.read(str(bundle_dir / scene["files"]["captions"])).captions
        lo, hi = scene["start"] - 1e-3, scene["start"] + scene["duration"] - 1e-3  # cue times are whole milliseconds
        inside = [c for c in cues if lo <= c.start.total_seconds() < hi]
        assert [c.text for c in own] == [c.content for c in inside]


def test_chapters_vtt_and_transcript(bundle_dir):
    m = manifest(bundle_dir)
    chapters = webvtt.read(str(bundle_dir / "chapters.vtt")).captions
    assert [c.text for c in chapters] == [c["label"] for c in m["chapters"]]
    text = (bundle_dir / "transcript.md").read_text()
    for c in m["chapters"]:
        assert f"## {c['label']}" in text
    assert "second derivatives" in text


def test_manifest_parameters_and_hashes(bundle_dir):
    m = manifest(bundle_dir)
    slope = next(s for s in m["scenes"] if s["name"] == "slope")
    assert slope["params"]["function"] == "double_well"
    assert slope["params_hash"] in slope["files"]["video"]
    assert m["quality"] == "low" and (m["width"], m["height"]) == (854, 480)


def test_unchanged_rerun_reuses_everything(bundle_dir):
    before = {p: os.stat(p).st_mtime_ns for p in bundle_dir.rglob("*") if p.is_file()}
    result = CliRunner().invoke(cli, ["lecture", *SCENES, "--quality", "low", "--output", str(bundle_dir)])
    assert result.exit_code == 0, result.output
    assert "reused    lecture" in result.stderr
    after = {p: os.stat(p).st_mtime_ns for p in bundle_dir.rglob("*") if p.is_file()}
    assert after == before


def test_a_sweep_is_refused(tmp_path):
    result = CliRunner().invoke(cli, ["lecture", "slope", "--set", "x_min=-3,-2", "--output", str(tmp_path / "o")])
    assert result.exit_code == 2 and "not a sweep" in result.stderr
    assert not (tmp_path / "o").exists()
