"""One Tex cache shared safely by concurrent renders.

Every render shares manim's Tex folder, so each formula is typeset once (about 0.3 s) rather than
once per render. Two steps of manim are not safe for two processes at once: a compile deletes
every non-SVG file in the folder afterwards (another process's .tex and .dvi among them), and
reading an SVG writes a temporary ``<name>_.svg`` beside it and deletes it again. Both steps
therefore hold a file lock, kept beside the Tex folder (manim's clean-up would delete it inside).
Text and MarkupText write their SVG into the text folder if it is not there yet: two processes sharing
that folder (dry runs side by side) could read a file the other is still writing, so that step holds a
lock beside the text folder. A render killed while writing leaves a cut file that manim would read
forever after (a killed compile, its .dvi too); a file that does not close its ``<svg>`` element is
made again.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
from collections.abc import Iterator
from pathlib import Path

from manim import config
from manim.mobject.svg.svg_mobject import SVGMobject
from manim.mobject.text import tex_mobject, text_mobject

from hessian_lecture.jobs import SHARED_CACHES

_compile = tex_mobject.tex_to_svg_file
_generate = SVGMobject.generate_mobject


@contextlib.contextmanager
def _tex_folder_lock(kind: str = "tex_dir") -> Iterator[None]:
    folder = Path(config.get_dir(kind))  # as manim resolves it ("{media_dir}/Tex" unformatted otherwise)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder.parent / f".{folder.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _is_whole_svg(path: Path) -> bool:
    return path.read_bytes().rstrip().endswith(b"</svg>")


@functools.wraps(_compile)
def _locked_compile(*args, **kwargs):
    with _tex_folder_lock():
        svg = _compile(*args, **kwargs)
        if not _is_whole_svg(svg):  # with the .dvi and .tex a killed compile may have cut too
            for part in svg.parent.glob(svg.stem + ".*"):
                part.unlink()
            svg = _compile(*args, **kwargs)
        return svg


@functools.wraps(_generate)
def _locked_generate(self, *args, **kwargs):
    with _tex_folder_lock():
        return _generate(self, *args, **kwargs)


def _locked_text2svg(write):
    @functools.wraps(write)
    def locked(self, *args, **kwargs):
        with _tex_folder_lock("text_dir"):
            svg = Path(write(self, *args, **kwargs))
            if not _is_whole_svg(svg):
                svg.unlink()
                svg = Path(write(self, *args, **kwargs))
            return str(svg)

    return locked


_text2svg = {cls: cls._text2svg for cls in (text_mobject.Text, text_mobject.MarkupText)}


def use_shared_caches() -> dict:
    """Install the locked steps and return the config settings that point manim at the shared cache."""
    tex_mobject.tex_to_svg_file = _locked_compile
    SVGMobject.generate_mobject = _locked_generate
    for cls, write in _text2svg.items():
        cls._text2svg = _locked_text2svg(write)
    return dict(SHARED_CACHES)
