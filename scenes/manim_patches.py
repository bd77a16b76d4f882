"""Every change this project makes to manim, in one place, for the one manim it was read against.

The patches replace functions of manim 0.22. Importing this module with another minor version of
manim raises ImportError naming both versions, so an upgrade fails loudly instead of patching
functions that have moved or changed; tests/scenes/test_manim_patches.py holds one test per patch.

1. **Glyph copies share their source path** (:func:`share_glyph_paths`). Every glyph of a ``Text`` or
   ``MathTex`` keeps the parsed SVG path it was built from; manim reads it once, but every copy
   deep-copies it again, and manim copies mobjects three times to start a ``FadeIn``, ``FadeOut`` or
   ``.animate`` (a formula card: 49 ms a copy before, 5 ms after). The path is never changed after the
   glyph is built, so copies share it; their points and colours are still their own.
2. **MP4 soundtracks are encoded by ffmpeg's fast AAC coder** (:func:`encode_aac_fast`). manim converts a
   scene's WAV with PyAV and ffmpeg's default ``twoloop`` coder, fed a few hundred samples at a time
   from Python (1.7 s for a minute of speech); the ``ffmpeg`` program with ``-aac_coder fast`` takes
   0.4 s, with a smaller error on the lecture's speech (44 dB signal-to-noise against 28 dB at 128 kb/s).
   Other codecs stay manim's.
3. **Tex and text folders shared by concurrent renders** (:func:`lock_shared_caches`). A Tex compile
   deletes every non-SVG file in the folder afterwards (another process's .tex and .dvi among them),
   and reading an SVG writes a temporary ``<name>_.svg`` beside it: both hold a file lock kept beside the
   Tex folder (manim's clean-up would delete it inside). Text and MarkupText write their SVG under a lock
   beside the text folder, so no process reads a file another is still writing. A render killed while
   writing leaves a cut file that manim would read forever after (a killed compile, its .dvi too): an SVG
   that does not close its ``<svg>`` element is made again.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import manim
from manim import config
from manim.mobject.mobject import Mobject
from manim.mobject.svg.svg_mobject import SVGMobject, VMobjectFromSVGPath
from manim.mobject.text import tex_mobject, text_mobject
from manim.scene import scene_file_writer

SUPPORTED = (0, 22)  # manim's major and minor version that these patches were written against


def check_version(version: str) -> None:
    """ImportError unless ``version`` is a release of the supported major.minor."""
    if tuple(int(part) for part in version.split(".")[:2]) != SUPPORTED:
        raise ImportError(f"manim {version} is installed, but this project patches manim "
                          f"{'.'.join(map(str, SUPPORTED))}.x only: install manim>={SUPPORTED[0]}.{SUPPORTED[1]},"
                          f"<{SUPPORTED[0]}.{SUPPORTED[1] + 1} or port scenes/manim_patches.py")


check_version(manim.__version__)


# 1. Glyph copies share their source path


def _deepcopy_sharing_path(self: VMobjectFromSVGPath, memo: dict[int, Any]) -> VMobjectFromSVGPath:
    """Mobject.__deepcopy__, with the source path recorded as its own copy (so it is shared, not copied)."""
    path = getattr(self, "path_obj", None)
    if path is not None:
        memo[id(path)] = path
    return Mobject.__deepcopy__(self, memo)


def share_glyph_paths() -> None:
    """Make copies of glyphs share their source path (idempotent; the scenes package calls it on import)."""
    VMobjectFromSVGPath.__deepcopy__ = _deepcopy_sharing_path


# 2. MP4 soundtracks by ffmpeg's fast AAC coder

_convert_audio = scene_file_writer.convert_audio
AUDIO_RATE = 48_000  # as PyAV's encoder resamples to: AAC's 1024-sample frames then pad the sound by at most 21 ms


def convert_audio(input_path: Path, output_path: Path, codec_name: str) -> None:
    """manim's ``convert_audio``, with AAC made by ``ffmpeg -c:a aac -aac_coder fast``."""
    if codec_name != "aac":
        _convert_audio(input_path, output_path, codec_name)
        return
    done = subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(input_path), "-c:a", "aac",
                           "-aac_coder", "fast", "-b:a", "128k", "-ar", str(AUDIO_RATE), str(output_path)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"ffmpeg could not encode the soundtrack: {done.stderr.strip()[-300:]}")


def encode_aac_fast() -> None:
    """Make manim encode MP4 soundtracks with :func:`convert_audio` (idempotent; the scenes package calls it on import)."""
    scene_file_writer.convert_audio = convert_audio


# 3. Tex and text folders shared by concurrent renders

_compile = tex_mobject.tex_to_svg_file
_generate = SVGMobject.generate_mobject
_text2svg = {cls: cls._text2svg for cls in (text_mobject.Text, text_mobject.MarkupText)}


@contextlib.contextmanager
def folder_lock(kind: str = "tex_dir") -> Iterator[None]:
    """Hold the lock of manim's ``kind`` folder (``tex_dir`` or ``text_dir``), a file beside it."""
    folder = Path(config.get_dir(kind))  # as manim resolves it ("{media_dir}/Tex" unformatted otherwise)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f".{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _is_whole_svg(path: Path) -> bool:
    return path.read_bytes().rstrip().endswith(b"</svg>")


@functools.wraps(_compile)
def _locked_compile(*args, **kwargs):
    with folder_lock():
        svg = _compile(*args, **kwargs)
        if not _is_whole_svg(svg):  # with the .dvi and .tex a killed compile may have cut too
            for part in svg.parent.glob(svg.stem + ".*"):
                part.unlink()
            svg = _compile(*args, **kwargs)
        return svg


@functools.wraps(_generate)
def _locked_generate(self, *args, **kwargs):
    with folder_lock():
        return _generate(self, *args, **kwargs)


def _locked_text2svg(write):
    @functools.wraps(write)
    def locked(self, *args, **kwargs):
        with folder_lock("text_dir"):
            svg = Path(write(self, *args, **kwargs))
            if not _is_whole_svg(svg):
                svg.unlink()
                svg = Path(write(self, *args, **kwargs))
            return str(svg)

    return locked


def lock_shared_caches() -> None:
    """Install the locked Tex compile, SVG read and text write (idempotent; the scenes package calls it on
    import, so that no process writes a text SVG unlocked: cairo creates the file empty before it fills it, which
    truncated a file another process had just checked and was about to read)."""
    tex_mobject.tex_to_svg_file = _locked_compile
    SVGMobject.generate_mobject = _locked_generate
    for cls, write in _text2svg.items():
        cls._text2svg = _locked_text2svg(write)
