"""One Tex cache shared safely by concurrent renders.

Every render shares manim's Tex folder, so each formula is typeset once (about 0.3 s) rather than
once per render. manim compiles into that folder and then deletes every non-SVG file in it, which
would remove the files of another process compiling at the same moment; so each compile (and each
cache lookup, which may otherwise read an SVG still being written) holds a file lock.
"""

from __future__ import annotations

import fcntl
import functools
from pathlib import Path

from manim import config
from manim.mobject.text import tex_mobject

from hessian_lecture.jobs import SHARED_CACHES

_original = tex_mobject.tex_to_svg_file


@functools.wraps(_original)
def _locked_tex_to_svg_file(*args, **kwargs):
    folder = Path(config["tex_dir"])
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _original(*args, **kwargs)


def use_shared_caches() -> dict:
    """Install the locked compile and return the config settings that point manim at the shared caches."""
    tex_mobject.tex_to_svg_file = _locked_tex_to_svg_file
    return dict(SHARED_CACHES)
