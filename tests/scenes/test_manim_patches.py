"""One test (or more) for each patch of scenes/manim_patches.py, so that a manim upgrade fails loudly."""

from __future__ import annotations

import fcntl
import threading

import numpy as np
import pytest
from manim import MathTex, Text, tempconfig
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath
from manim.scene import scene_file_writer

import scenes.base  # noqa: F401  (installs the patches every lecture scene uses)
from scenes import components as C
from scenes import manim_patches
from speech import audio


def test_another_minor_version_of_manim_is_refused():
    manim_patches.check_version("0.22.4")
    for other in ("0.23.0", "0.21.2", "1.22.0"):
        with pytest.raises(ImportError, match=rf"manim {other} is installed.*0\.22\.x only"):
            manim_patches.check_version(other)


# 1. Glyph copies share their source path


def glyphs(mobject):
    return [m for m in mobject.get_family() if isinstance(m, VMobjectFromSVGPath)]


def test_a_copy_shares_the_paths_and_owns_its_points_and_colours():
    formula = C.tex(r"H = \begin{pmatrix} 1 & 2 \\ 2 & 5 \end{pmatrix}")
    original_points = [g.points.copy() for g in glyphs(formula)]
    copy = formula.copy()
    assert glyphs(copy) and len(glyphs(copy)) == len(glyphs(formula))
    for a, b in zip(glyphs(formula), glyphs(copy)):
        assert b.path_obj is a.path_obj
        assert b is not a and b.points is not a.points
    copy.shift(np.array([1.0, 0.0, 0.0])).set_color("#FF0000")
    for g, points in zip(glyphs(formula), original_points):
        np.testing.assert_array_equal(g.points, points)
    assert formula.get_color() != copy.get_color()


# 2. MP4 soundtracks by ffmpeg's fast AAC coder


def test_scenes_encode_their_sound_with_the_fast_coder(tmp_path):
    assert scene_file_writer.convert_audio is manim_patches.convert_audio
    t = np.arange(int(3.0 * 22_050)) / 22_050
    source = audio.Sound(0.5 * np.sin(2 * np.pi * 220 * t) * (np.sin(2 * np.pi * 2 * t) > 0), 22_050)
    audio.write_wav(source, tmp_path / "sound.wav")
    manim_patches.convert_audio(tmp_path / "sound.wav", tmp_path / "sound.aac", "aac")
    decoded = audio.decode(tmp_path / "sound.aac", 22_050)
    assert 3.0 <= decoded.seconds <= 3.0 + 2 * 1024 / 48_000, "AAC adds one frame of priming and pads the last, no more"
    level = 20 * np.log10(np.sqrt(np.mean(decoded.samples**2)) / np.sqrt(np.mean(source.samples**2)))
    assert abs(level) < 0.5, "the same loudness"
    spectrum = np.abs(np.fft.rfft(decoded.samples))
    assert np.fft.rfftfreq(len(decoded.samples), 1 / 22_050)[np.argmax(spectrum)] == pytest.approx(220, abs=1)


def test_a_failed_encoding_says_why(tmp_path):
    (tmp_path / "sound.wav").write_text("not a sound")
    with pytest.raises(RuntimeError, match="could not encode the soundtrack"):
        manim_patches.convert_audio(tmp_path / "sound.wav", tmp_path / "sound.aac", "aac")


# 3. Tex and text folders shared by concurrent renders


@pytest.mark.parametrize("kind, make", [("tex_dir", lambda: MathTex(r"\lambda_{held}")),
                                        ("text_dir", lambda: Text("held back"))])
def test_a_formula_or_text_waits_while_another_process_holds_its_folder(tmp_path, kind, make):
    manim_patches.lock_shared_caches()
    with tempconfig({kind: str(tmp_path / "cache")}):
        (tmp_path / "cache").mkdir()
        with open(tmp_path / ".cache.lock", "w") as other:  # what another render holds while it compiles
            fcntl.flock(other, fcntl.LOCK_EX)
            maker = threading.Thread(target=make)
            maker.start()
            maker.join(0.5)
            assert maker.is_alive(), "it did not wait for the lock"
            fcntl.flock(other, fcntl.LOCK_UN)
        maker.join(30)
        assert not maker.is_alive() and list((tmp_path / "cache").glob("*.svg"))


def test_a_cut_text_svg_is_written_again(tmp_path):
    manim_patches.lock_shared_caches()
    with tempconfig({"text_dir": str(tmp_path)}):
        whole = Text("cut short").height
        (svg,) = tmp_path.glob("*.svg")
        text = svg.read_bytes()
        svg.write_bytes(text[: len(text) // 2])  # what a render killed mid-write leaves
        assert Text("cut short").height == whole
        assert svg.read_bytes().rstrip().endswith(b"</svg>")
        svg.write_bytes(b"")
        assert Text("cut short").height == whole


def test_a_cut_tex_svg_is_typeset_again(tmp_path):
    manim_patches.lock_shared_caches()
    with tempconfig({"tex_dir": str(tmp_path)}):
        whole = MathTex(r"\lambda_{cut}").height
        (svg,) = tmp_path.glob("*.svg")
        svg.write_bytes(svg.read_bytes()[:100])
        svg.with_suffix(".dvi").write_bytes(b"")  # a compile killed before dvisvgm ran
        assert MathTex(r"\lambda_{cut}").height == whole
        assert svg.read_bytes().rstrip().endswith(b"</svg>")


def test_every_process_that_makes_scenes_uses_the_locks():
    import subprocess
    import sys

    probe = ("import scenes.components; from manim.mobject.text import text_mobject, tex_mobject; "
             "from scenes import manim_patches as m; "
             "print(tex_mobject.tex_to_svg_file is m._locked_compile, text_mobject.Text._text2svg.__wrapped__ is "
             "m._text2svg[text_mobject.Text])")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]
