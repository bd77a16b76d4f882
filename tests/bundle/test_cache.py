"""The lecture bundle reuses a file only while it is what the manifest's record says: a deleted, altered or
unreadable file is made again (never reported as reused), a damaged cached scene is rendered again, and the line
says why. Each test damages a copy of the bundle that conftest builds."""

from __future__ import annotations

import json
import shutil

import pytest
import srt
from click.testing import CliRunner

from hessian_lecture.cli import cli
from hessian_lecture.media_info import probe

pytestmark = pytest.mark.slow
SCENES = ("title", "chapter1", "slope")  # as built by conftest's bundle_dir


@pytest.fixture
def copy(bundle_dir, tmp_path):
    out = tmp_path / "lecture"
    shutil.copytree(bundle_dir, out)
    return out


def _lecture(out):
    result = CliRunner().invoke(cli, ["lecture", *SCENES, "--quality", "low", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return result


def _manifest(out) -> dict:
    return json.loads((out / "manifest.json").read_text())


def _scene_file(out, scene: str, suffix: str):
    return out / next(s for s in _manifest(out)["scenes"] if s["name"] == scene)["files"]["video"].replace(".mp4", suffix)


def test_a_deleted_lecture_video_is_made_again_not_reported_as_reused(copy):
    frames = probe(copy / "lecture.mp4").frames
    (copy / "lecture.mp4").unlink()
    result = _lecture(copy)
    assert "stale     lecture: lecture.mp4 is missing; making video again" in result.stderr
    assert "joining   scenes into lecture.mp4" in result.stderr
    assert "reused    lecture: " + str(copy) + " (handout, deck)" in result.stderr  # not the video
    assert str(copy / "lecture.mp4") in result.stdout.split()
    assert probe(copy / "lecture.mp4").frames == frames
    assert _manifest(copy)["records"]["lecture.mp4"]["size"] == (copy / "lecture.mp4").stat().st_size


def test_altered_lecture_captions_are_made_again(copy):
    captions = copy / "lecture.srt"
    original = captions.read_text()
    captions.write_text(original.replace(" ", "_", 1))  # the same size, other bytes
    result = _lecture(copy)
    assert "stale     lecture: lecture.srt has other content than its record says" in result.stderr
    assert "making video again" in result.stderr
    assert captions.read_text() == original


def test_a_truncated_handout_is_made_again(copy):
    handout = copy / "handout.pdf"
    size = handout.stat().st_size
    handout.write_bytes(handout.read_bytes()[:1024])
    result = _lecture(copy)
    assert f"stale     lecture: handout.pdf is 1024 bytes, its record says {size}; making handout again" in result.stderr
    assert "writing   handout.pdf" in result.stderr and "writing   deck.pptx" not in result.stderr
    assert handout.read_bytes().startswith(b"%PDF") and handout.stat().st_size > 1024


def test_a_deleted_scene_poster_is_made_again(copy):
    scene_poster = _scene_file(copy, "chapter1", ".png")
    scene_poster.unlink()
    result = _lecture(copy)
    assert f"stale     lecture: {scene_poster.name} is missing; making the scenes' captions and posters again" \
        in result.stderr
    assert scene_poster.read_bytes().startswith(b"\x89PNG")
    again = _lecture(copy)
    assert "stale" not in again.stderr


def test_a_corrupt_cached_scene_is_rendered_again_without_a_traceback(copy):
    video = _scene_file(copy, "title", ".mp4")
    size, frames = video.stat().st_size, probe(video).frames
    video.write_bytes(video.read_bytes()[:1024])
    result = _lecture(copy)
    assert f"stale     title: {video.name} is 1024 bytes, its record says {size}; rendering again" in result.stderr
    assert "Traceback" not in result.output
    assert probe(video).frames == frames


def test_a_scene_without_its_captions_is_rendered_again_and_the_lecture_keeps_every_cue(copy):
    cues = len(list(srt.parse((copy / "lecture.srt").read_text())))
    scene_captions = _scene_file(copy, "slope", ".srt")
    scene_captions.unlink()
    (copy / "lecture.mp4").unlink()
    result = _lecture(copy)
    assert f"stale     slope: {scene_captions.name} is missing; rendering again" in result.stderr
    assert "stale     lecture: lecture.mp4 is missing; making video again" in result.stderr
    assert scene_captions.is_file()
    assert len(list(srt.parse((copy / "lecture.srt").read_text()))) == cues


def test_an_unreadable_manifest_makes_everything_again(copy):
    (copy / "manifest.json").write_text('{"made": ')
    result = _lecture(copy)
    assert "stale     lecture: manifest.json cannot be read" in result.stderr
    assert "making everything again" in result.stderr and "reused    lecture" not in result.stderr
    assert set(_manifest(copy)["made"]) == {"video", "handout", "deck"}
