"""bench/motion.py finds the stretches without change in a video and names the captions spoken over them."""

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import motion  # noqa: E402

CAPTIONS = """1
00:00:01,000 --> 00:00:03,000
Nothing moves while this is said.

2
00:00:08,000 --> 00:00:09,000
Now everything moves.
"""


@pytest.fixture(scope="module")
def video(tmp_path_factory) -> Path:
    """Five still seconds, then seven of ffmpeg's moving test pattern, at 15 fps."""
    folder = tmp_path_factory.mktemp("motion")
    path = folder / "still-then-moving.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=gray:s=160x90:r=15:d=5", "-f", "lavfi",
                    "-i", "testsrc=s=160x90:r=15:d=7", "-filter_complex", "[0:v][1:v]concat=n=2:v=1[v]", "-map", "[v]",
                    "-pix_fmt", "yuv420p", str(path)], check=True)
    path.with_suffix(".srt").write_text(CAPTIONS)
    return path


def test_the_still_stretch_is_found_with_what_is_said_over_it(video):
    f = motion.measure(video, video.with_suffix(".srt"))
    assert f["stills"] == 1
    (still,) = f["list"]
    assert still["start"] == pytest.approx(0.0, abs=0.1)
    assert still["seconds"] == pytest.approx(5.0, abs=0.2)
    assert still["spoken"] == "Nothing moves while this is said."
    assert f["still_share"] == pytest.approx(5 / 12, abs=0.02)
    assert f["longest_spoken_still_s"] == pytest.approx(5.0, abs=0.2)


def test_a_shorter_still_than_the_threshold_is_not_counted(video):
    assert motion.stills(video, min_seconds=6.0) == []


def test_the_cards_share_comes_from_the_manifest():
    manifest = {"duration": 100.0, "scenes": [{"name": "title", "duration": 3.0}, {"name": "chapter1", "duration": 2.0},
                                              {"name": "slope", "duration": 95.0}]}
    assert motion.card_share(manifest) == pytest.approx(0.05)


def test_a_missing_video_is_one_line_and_exit_2(tmp_path):
    done = subprocess.run([sys.executable, str(Path(motion.__file__)), str(tmp_path / "none.mp4")],
                          capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "none.mp4" in done.stderr
