"""Real renders at low quality into temporary folders, checked by the files' own properties."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import srt
from click.testing import CliRunner

from hessian_lecture.cli import cli
from hessian_lecture.inspection import dry_run
from hessian_lecture.jobs import Job
from hessian_lecture.media_info import probe
from hessian_lecture.runner import remove_stale_partials
from hessian_lecture.worker import TEMP_PREFIX
from scenes.cards import TitleCard
from scenes.ch1_basics import SlopeParams, SlopeScene

pytestmark = pytest.mark.slow


def test_two_variants_render_in_parallel_with_their_own_parameters(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["render", "slope", "--quality", "low", "--set", "function=double_well,logcosh", "--jobs", "2", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    videos = sorted(p for p in result.stdout.split() if p.endswith(".mp4"))
    assert len(videos) == 2 and len(set(videos)) == 2
    for function in ("double_well", "logcosh"):
        params = SlopeParams(function=function)
        expected = Job("slope", params, "low", "mp4", out).path  # named by its own parameters' hash
        assert str(expected) in videos
        info = probe(expected)
        assert (info.width, info.height, info.fps) == (854, 480, 15)
        assert info.codec == "h264" and info.pixel_format == "yuv420p"
        assert abs(info.duration - dry_run(SlopeScene, params).duration) <= 2 / 15
    # each video has its captions beside it, parsed as SRT
    for v in videos:
        cues = list(srt.parse(open(v[:-4] + ".srt").read()))
        assert cues and cues[-1].end.total_seconds() <= probe(v).duration + 1 / 15
    assert not list(out.glob(f"{TEMP_PREFIX}*"))
    # the two variants really differ: their first frames are different pictures
    assert open(videos[0], "rb").read() != open(videos[1], "rb").read()


def test_rerun_reuses_and_force_renders_again(tmp_path):
    out = tmp_path / "out"
    args = ["render", "title", "--quality", "low", "--output", str(out)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    (video,) = [p for p in first.stdout.split() if p.endswith(".mp4")]
    info = probe(video)
    assert info.frames == round(dry_run(TitleCard).duration * 15)
    mtime = os.stat(video).st_mtime_ns
    again = CliRunner().invoke(cli, args)
    assert "reused" in again.stderr and os.stat(video).st_mtime_ns == mtime
    forced = CliRunner().invoke(cli, args + ["--force"])
    assert "rendered" in forced.stderr and os.stat(video).st_mtime_ns != mtime


def test_png_format_writes_the_last_frame(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "title", "--quality", "low", "--format", "png", "--output", str(out)])
    assert result.exit_code == 0, result.output
    (image,) = [p for p in result.stdout.split() if p.endswith(".png")]
    assert open(image, "rb").read(8) == b"\x89PNG\r\n\x1a\n"


def _as_in_the_foreground() -> None:
    """Let the command see Ctrl-C as a command typed at a terminal does: a shell without job control starts its
    background commands (``make test &`` in a script) with SIGINT ignored, and every process they start inherits
    that, this test's command too."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_render_leaves_no_final_file(tmp_path, sig):
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", "from hessian_lecture.cli import main; main()",
           "render", "slope", "--quality", "low", "--output", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=_as_in_the_foreground)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob(f"{TEMP_PREFIX}*/**/*.mp4")) and not list(out.glob(f"{TEMP_PREFIX}*")):
        time.sleep(0.2)
    time.sleep(2)  # mid-render
    assert proc.poll() is None, "the render should still be running"
    if sig == signal.SIGINT:
        os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole foreground process group
    else:
        os.kill(proc.pid, sig)  # only the parent is killed: it must stop its workers itself
    proc.wait(timeout=60)
    assert proc.returncode == 130
    assert b"interrupted" in proc.stderr.read()
    time.sleep(1)
    assert not list(out.glob("*.mp4")) and not list(out.glob("*.srt"))
    assert subprocess.run(["pgrep", "-f", str(out)], capture_output=True).returncode == 1, "no worker left running"
    # whatever a killed worker could not remove, the next run clears
    remove_stale_partials(out)
    assert not list(out.glob(f"{TEMP_PREFIX}*"))


def test_workers_die_with_a_killed_parent_and_write_nothing(tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-c", "from hessian_lecture.cli import main; main()",
           "render", "title", "chapter1", "--quality", "low", "--voice", "none", "--jobs", "2", "--output", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.time() + 60
    while time.time() < deadline and len(list(out.glob(f"{TEMP_PREFIX}*"))) < 2:
        time.sleep(0.1)
    assert len(list(out.glob(f"{TEMP_PREFIX}*"))) == 2, "both workers should have started"
    os.kill(proc.pid, signal.SIGKILL)  # the parent alone, with no chance to stop its workers
    proc.wait(timeout=10)
    deadline = time.time() + 20
    while time.time() < deadline and subprocess.run(["pgrep", "-f", str(out)], capture_output=True).returncode == 0:
        time.sleep(0.2)
    assert subprocess.run(["pgrep", "-f", str(out)], capture_output=True).returncode == 1, "no worker left running"
    assert not list(out.glob("*.mp4")) and not list(out.glob("*.srt"))
    assert not list(out.glob(f"{TEMP_PREFIX}*")), "each worker removed its temporary folder as it ended"


def _sound_seconds(path) -> float | None:
    out = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "a", "-show_entries", "stream=codec_name,duration",
                          "-of", "csv=p=0", str(path)], capture_output=True, text=True, check=True).stdout.strip()
    return out or None


def test_voice_none_renders_a_silent_video_with_reading_time_captions(tmp_path):
    result = CliRunner().invoke(cli, ["render", "title", "--quality", "low", "--voice", "none", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (video,) = tmp_path.glob("*.mp4")
    assert _sound_seconds(video) is None
    assert probe(video).frames == round(dry_run(TitleCard, voice="none").duration * 15)


def test_webm_carries_the_narration_too(tmp_path):
    result = CliRunner().invoke(cli, ["render", "title", "--quality", "low", "--format", "webm", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (video,) = tmp_path.glob("*.webm")
    assert _sound_seconds(video).startswith("opus")


def test_recorded_takes_set_the_length_of_their_beats(tmp_path):
    takes = tmp_path / "takes"
    takes.mkdir()
    for beat in dry_run(TitleCard, voice="none").beats:  # the teacher reads each beat slowly, in MP3
        wav = takes / "take.wav"
        subprocess.run(["espeak-ng", "-s", "100", "-w", str(wav), beat["text"]], check=True)
        subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), str(takes / f"{beat['id']}.mp3")], check=True)
        wav.unlink()
    voice = f"recorded:{takes}"
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "title", "--quality", "low", "--voice", voice, "--output", str(out)])
    assert result.exit_code == 0, result.output
    (video,) = out.glob("*.mp4")
    recorded = dry_run(TitleCard, voice=voice)
    assert probe(video).frames == round(recorded.duration * 15)
    assert recorded.duration > dry_run(TitleCard, voice="piper").duration + 2, "slow takes make a longer scene"
    assert float(_sound_seconds(video).split(",")[1]) == pytest.approx(probe(video).duration, abs=1 / 15)
