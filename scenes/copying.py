"""Cheaper copies of text and formulas: one change to how manim copies the outlines of glyphs.

Every glyph of a ``Text`` or ``MathTex`` is a ``VMobjectFromSVGPath`` that keeps the parsed SVG path
(an ``svgelements.Path``) it was built from. manim reads that path once, to make the glyph's points,
but every copy deep-copies it again, and manim copies mobjects three times to start a ``FadeIn``,
``FadeOut`` or ``.animate`` (a formula card: 49 ms a copy before, 5 ms after). Copies made here share
the path instead: it is never changed after the glyph is built, and the copy's own points, colours
and everything else are still copied.
"""

from __future__ import annotations

from typing import Any

from manim.mobject.mobject import Mobject
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath


def _deepcopy_sharing_path(self: VMobjectFromSVGPath, memo: dict[int, Any]) -> VMobjectFromSVGPath:
    """Mobject.__deepcopy__, with the source path recorded as its own copy (so it is shared, not copied)."""
    path = getattr(self, "path_obj", None)
    if path is not None:
        memo[id(path)] = path
    return Mobject.__deepcopy__(self, memo)


def share_glyph_paths() -> None:
    """Make copies of glyphs share their source path (idempotent; scenes.base calls it on import)."""
    VMobjectFromSVGPath.__deepcopy__ = _deepcopy_sharing_path
