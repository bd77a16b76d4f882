"""The render cache reuses a scene only while its files are what its record says: real files truncated, emptied,
replaced by a folder, deleted or altered are rendered again, and the line says why. Anything unexpected ends in one
line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import srt
from click.testing import CliRunner

from hessian_lecture import cli as cli_module
from hessian_lecture import records
from hessian_lecture.cli import cli
from hessian_lecture.jobs import Job
from hessian_lecture.media_info import probe
from hessian_lecture.worker import move_into_place
from scenes.catalogue import find

RENDER = ["render", "title", "--quality", "low", "--voice", "none"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The title card rendered once; each test corrupts a copy of its folder."""
    out = tmp_path_factory.mktemp("cache") / "out"
    result = CliRunner().invoke(cli, [*RENDER, "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _files(out) -> dict:
    (video,) = out.glob("*.mp4")
    stem = video.name.removesuffix(".mp4")
    return {"video": video, "captions": out / f"{stem}.srt", "beats": out / f"{stem}.beats.json",
            "record": out / f"{stem}.record.json"}


def _truncate(f):
    f["video"].write_bytes(f["video"].read_bytes()[:1024])


def _empty(f):
    f["video"].write_bytes(b"")


def _folder(f):
    f["video"].unlink()
    f["video"].mkdir()


def _flip_a_byte(f):
    data = bytearray(f["video"].read_bytes())
    data[len(data) // 2] ^= 0xFF
    f["video"].write_bytes(bytes(data))


CORRUPTIONS = {  # how a cached scene is damaged, and what the line must say about it
    "truncated video": (_truncate, lambda f, size: f"{f['video'].name} is 1024 bytes, its record says {size}"),
    "0-byte video": (_empty, lambda f, size: f"{f['video'].name} is 0 bytes, its record says {size}"),
    "folder under the video's name": (_folder, lambda f, size: f"{f['video'].name} is a directory, not a file"),
    "same size, other bytes": (_flip_a_byte, lambda f, size: f"{f['video'].name} has other content than its record"),
    "deleted captions": (lambda f: f["captions"].unlink(), lambda f, size: f"{f['captions'].name} is missing"),
    "deleted beats": (lambda f: f["beats"].unlink(), lambda f, size: f"{f['beats'].name} is missing"),
    "deleted record": (lambda f: f["record"].unlink(), lambda f, size: f"{f['video'].name} has no record of its render"),
    "unreadable record": (lambda f: f["record"].write_text("{not json"),
                          lambda f, size: f"its record {f['record'].name} cannot be read"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CORRUPTIONS)
def test_a_damaged_scene_is_rendered_again_and_the_line_says_why(rendered, tmp_path, case):
    out = tmp_path / "out"
    shutil.copytree(rendered, out)
    files = _files(out)
    size, frames = files["video"].stat().st_size, probe(files["video"]).frames
    damage, why = CORRUPTIONS[case]
    damage(files)
    result = CliRunner().invoke(cli, [*RENDER, "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert f"stale     title: {why(files, size)}" in result.stderr and "; rendering again" in result.stderr
    assert "rendered  [1/1] title" in result.stderr and "reused" not in result.stderr
    # every file is back, whole, and matches the new record
    assert files["video"].is_file() and probe(files["video"]).frames == frames
    assert list(srt.parse(files["captions"].read_text()))
    assert json.loads(files["beats"].read_text())
    record = json.loads(files["record"].read_text())
    assert set(record) == {files[k].name for k in ("video", "captions", "beats")}
    assert all((out / name).stat().st_size == entry["size"] for name, entry in record.items())
    again = CliRunner().invoke(cli, [*RENDER, "--output", str(out)])
    assert "reused    title" in again.stderr and "stale" not in again.stderr


@pytest.mark.slow
def test_an_intact_scene_is_reused_and_listed_with_its_companions(rendered):
    result = CliRunner().invoke(cli, [*RENDER, "--output", str(rendered)])
    assert result.exit_code == 0, result.output
    assert "reused    title" in result.stderr and "stale" not in result.stderr
    files = _files(rendered)
    assert result.stdout.split() == [str(files[k]) for k in ("video", "captions", "beats")]


def _produced(tmp_path) -> tuple[Job, Path]:
    """A job and a finished render of it in a private folder (stand-in bytes: no render needed)."""
    job = Job("title", find("title").cls.Params(), "low", "mp4", tmp_path / "out", voice="none")
    private = tmp_path / "out" / ".partial-1-x"
    private.mkdir(parents=True)
    produced = private / "scene.mp4"
    produced.write_bytes(b"v" * 5000)
    produced.with_suffix(".srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nhello\n")
    produced.with_suffix(".beats.json").write_text("[]")
    return job, produced


def test_moving_into_place_records_every_file_and_clears_an_empty_folder_in_the_way(tmp_path):
    job, produced = _produced(tmp_path)
    job.path.mkdir()
    files = move_into_place(job, produced)
    assert files == [job.path, job.captions, job.beats] == records.finished(job)
    assert json.loads(records.job_record(job).read_text())[job.path.name] == {
        "size": 5000, "sha256": records.fingerprint(job.path)["sha256"]}


def test_a_folder_with_files_in_the_way_is_named_and_nothing_is_recorded(tmp_path):
    job, produced = _produced(tmp_path)
    job.path.mkdir()
    (job.path / "keep.txt").write_text("not ours")
    with pytest.raises(IsADirectoryError, match=f"{job.path} is a folder that is not empty"):
        move_into_place(job, produced)
    assert (job.path / "keep.txt").exists() and not records.job_record(job).exists()
    with pytest.raises(records.Stale, match=f"{job.path.name} has no record of its render"):
        records.finished(job)


def test_an_unexpected_error_is_one_line_and_exit_1(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a file vanished\nunder the run")

    monkeypatch.setattr(cli_module, "lecture", broken)
    result = CliRunner().invoke(cli, ["list", "--voice", "none"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "hessian-lecture: error: RuntimeError: a file vanished under the run (--debug shows the traceback)"]
    with pytest.raises(RuntimeError):
        CliRunner().invoke(cli, ["--debug", "list", "--voice", "none"], catch_exceptions=False)
