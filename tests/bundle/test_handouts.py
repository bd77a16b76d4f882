"""Key frames at beat starts, the PDF handout and the slide deck of the test bundle, read back with ffprobe, pypdf
and python-pptx."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile

import av
import numpy as np
import PIL.Image
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader
from pypdf.generic import Destination

from hessian_lecture import deck, handout, keyframes

pytestmark = pytest.mark.slow
SCENES = ("title", "chapter1", "slope")  # as built by conftest's bundle_dir


def manifest(bundle_dir):
    return json.loads((bundle_dir / "manifest.json").read_text())


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _first_frame(video) -> tuple[bool, np.ndarray]:
    """Whether ``video``'s first frame is a key frame (ffprobe), and its picture."""
    key = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-read_intervals", "%+#1",
                          "-show_entries", "frame=key_frame", "-of", "csv=p=0", str(video)],
                         capture_output=True, text=True, check=True).stdout.split(",")[0].strip()
    with av.open(str(video)) as container:
        picture = next(container.decode(video=0)).to_ndarray(format="rgb24")
    return key == "1", picture


def _frame_at(video, index: int) -> np.ndarray:
    with av.open(str(video)) as container:
        for k, frame in enumerate(container.decode(video=0)):
            if k == index:
                return frame.to_ndarray(format="rgb24")
    raise IndexError(index)


def _frames(video) -> int:
    return int(subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries",
                               "stream=nb_read_packets", "-of", "csv=p=0", str(video)],
                              capture_output=True, text=True, check=True).stdout.strip())


def test_the_manifest_has_every_beat(bundle_dir):
    m = manifest(bundle_dir)
    beats = m["beats"]
    assert [b["id"].split(".")[0] for b in beats][:2] == ["title", "chapter1"] and len(beats) >= 4
    for b in beats:
        assert set(b) == {"id", "scene", "chapter", "start", "end", "text"} and b["text"]
        assert b["start"] < b["end"]
    for a, b in zip(beats, beats[1:]):
        assert a["end"] <= b["start"] + 1e-6  # in order; a gap only for a scene's closing animation
    scenes = {s["name"]: s for s in m["scenes"]}
    for b in beats:
        s = scenes[b["scene"]]
        assert s["start"] - 1e-6 <= b["start"] < b["end"] <= s["start"] + s["duration"] + 1e-6
        assert b["chapter"] == s["chapter"]


def test_clips_cut_at_beat_starts_begin_on_their_first_frame(bundle_dir, tmp_path):
    m = manifest(bundle_dir)
    lecture, fps = bundle_dir / "lecture.mp4", m["fps"]
    keys = keyframes.keyframe_times(lecture)
    clips = [tmp_path / f"{b['id']}.mp4" for b in m["beats"]]
    keyframes.cut(lecture, [(b["start"], b["end"]) for b in m["beats"]], fps, clips)
    assert sorted(tmp_path.iterdir()) == sorted(clips)
    for b, clip in zip(m["beats"], clips):
        assert any(abs(k - b["start"]) < 0.5 / fps for k in keys), f"no key frame at {b['id']}"
        is_key, picture = _first_frame(clip)
        assert is_key
        # piper's takes vary a little in length, so a beat's clock can sit a fraction of a frame off the frame
        # grid: its clip may hold one frame more or less than the span rounds to, never more off than that
        assert abs(_frames(clip) - (b["end"] - b["start"]) * fps) < 1.5
        assert np.array_equal(picture, _frame_at(lecture, round(b["start"] * fps)))  # stream copy: the same picture


def test_missing_key_frames_are_forced(tmp_path):
    video, times, fps = tmp_path / "v.mp4", [0.0, 0.6, 1.2], 15
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"testsrc=size=160x90:rate={fps}:duration=2",
                    "-c:v", "libx264", "-g", "100", "-pix_fmt", "yuv420p", str(video)], check=True)
    assert keyframes.missing(video, times, fps) == [0.6, 1.2]
    assert keyframes.ensure(video, times, fps) is True
    assert keyframes.missing(video, times, fps) == []
    assert keyframes.ensure(video, times, fps) is False


def test_an_end_and_a_start_in_one_frame_make_one_cut(tmp_path):
    """A beat's end and the next start a fraction of a frame apart (piper's takes do that) name the same frame: the
    second clip starts on it, not on the frame after."""
    video, fps = tmp_path / "v.mp4", 15
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"testsrc=size=160x90:rate={fps}:duration=2",
                    "-c:v", "libx264", "-g", "1", "-pix_fmt", "yuv420p", str(video)], check=True)
    clips = [tmp_path / "a.mp4", tmp_path / "b.mp4"]
    keyframes.cut(video, [(0.0, 0.59), (0.6, 1.2)], fps, clips)
    assert [_frames(c) for c in clips] == [9, 9]
    assert np.array_equal(_first_frame(clips[1])[1], _frame_at(video, 9))


def test_a_key_frame_just_before_a_cut_is_not_taken_for_it(tmp_path):
    """x264's B-frames start the decoding times before 0 and ffmpeg moves every stamp to make them non-negative; a
    key frame two frames before a cut then looked late enough to the segment muxer (CI: slope.rate 2 frames short)."""
    video, fps = tmp_path / "v.mp4", 15
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"testsrc=size=160x90:rate={fps}:duration=2",
                    "-c:v", "libx264", "-bf", "2", "-g", "100", "-force_key_frames", "0.45,0.58", "-pix_fmt", "yuv420p",
                    str(video)], check=True)
    assert keyframes.missing(video, [7 / fps, 9 / fps], fps) == []
    clips = [tmp_path / "a.mp4", tmp_path / "b.mp4"]
    keyframes.cut(video, [(0.0, 0.6), (0.6, 2.0)], fps, clips)
    assert [_frames(c) for c in clips] == [9, 21]


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline
            if isinstance(item, Destination)]


def test_handout(bundle_dir):
    m = manifest(bundle_dir)
    reader = PdfReader(bundle_dir / "handout.pdf")
    per_chapter = [sum(b["chapter"] == c["number"] for b in m["beats"]) for c in m["chapters"]]
    assert len(reader.pages) == handout.pages(per_chapter)
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [595, 842]  # A4 in points
    texts = [_words(p.extract_text()) for p in reader.pages]
    outline = _outline(reader)
    assert [title for title, _ in outline] == [c["label"] for c in m["chapters"]]
    for (title, page), chapter in zip(outline, m["chapters"]):
        assert texts[page].startswith(f"{m['title']} {page + 1} {title} ")  # the footer, then the heading
        own = [b for b in m["beats"] if b["chapter"] == chapter["number"]]
        assert own[0]["text"] in texts[page]
    everything = " ".join(texts)
    for b in m["beats"]:
        assert _words(b["text"]) in everything, b["id"]
    for k, page in enumerate(reader.pages):
        assert len(page.images) >= 1, f"page {k + 1} has no picture"
        assert texts[k].startswith(f"{m['title']} {k + 1} ")  # the page number, in the footer
    assert sum(len(p.images) for p in reader.pages) == len(m["beats"])


def test_handout_on_letter_paper(bundle_dir, tmp_path):
    m = manifest(bundle_dir)
    stills = {b["id"]: bundle_dir / "poster.png" for b in m["beats"]}
    pages = handout.write(m, stills, tmp_path / "letter.pdf", "letter")
    reader = PdfReader(tmp_path / "letter.pdf")
    assert [round(float(x)) for x in reader.pages[0].mediabox[2:]] == [612, 792]
    assert len(reader.pages) == pages == len(PdfReader(bundle_dir / "handout.pdf").pages)
    assert [p.name for p in tmp_path.iterdir()] == ["letter.pdf"]  # no temporary file left


def test_deck(bundle_dir, tmp_path):
    m = manifest(bundle_dir)
    path = bundle_dir / "deck.pptx"
    slides = list(Presentation(str(path)).slides)
    assert len(slides) == len(m["beats"])
    for slide, b in zip(slides, m["beats"]):
        movies = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.MEDIA]
        assert len(movies) == 1
        assert slide.notes_slide.notes_text_frame.text == b["text"]
        poster = np.asarray(PIL.Image.open(io.BytesIO(movies[0].poster_frame.blob)).convert("RGB"))
        last = _frame_at(bundle_dir / "lecture.mp4", round(b["end"] * m["fps"]) - 1)
        assert np.array_equal(poster, last), f"{b['id']}: the poster is the beat's last frame"
    sections = deck.sections(path)
    assert [name for name, _ in sections] == [c["label"] for c in m["chapters"]]
    assert [i for _, ids in sections for i in ids] == [s.slide_id for s in slides]
    for (_, ids), c in zip(sections, m["chapters"]):
        assert len(ids) == sum(b["chapter"] == c["number"] for b in m["beats"])
    with zipfile.ZipFile(path) as z:
        clips = sorted(n for n in z.namelist() if n.startswith("ppt/media/") and n.endswith(".mp4"))
        assert len(clips) == len(m["beats"])
        for n in clips:
            (tmp_path / "clip.mp4").write_bytes(z.read(n))
            assert _first_frame(tmp_path / "clip.mp4")[0]
            with av.open(str(tmp_path / "clip.mp4")) as container:
                assert container.streams.audio, "each clip carries its sound"


def test_formats_choose_what_is_written(bundle_dir, tmp_path):
    from click.testing import CliRunner

    from hessian_lecture.cli import cli

    copy = tmp_path / "copy"
    shutil.copytree(bundle_dir, copy)
    (copy / "deck.pptx").unlink()
    before = {p.name: p.stat().st_mtime_ns for p in copy.iterdir() if p.is_file()}
    result = CliRunner().invoke(cli, ["lecture", *SCENES, "--quality", "low", "--output", str(copy),
                                      "--formats", "deck"])
    assert result.exit_code == 0, result.output
    assert "writing   deck.pptx" in result.stderr and "joining" not in result.stderr
    assert len(Presentation(str(copy / "deck.pptx")).slides) == len(manifest(bundle_dir)["beats"])
    for name in ("lecture.mp4", "index.html", "handout.pdf"):
        assert (copy / name).stat().st_mtime_ns == before[name], name
