"""The rules of every frame: captions own the bottom band, a margin keeps content off every edge, and
text stands out from the background.

Video players draw captions over the bottom of the picture, so the bottom ``CAPTION_BAND`` of the
frame's height holds no content; everything else stays ``MARGIN`` inside the frame's other edges.
Every text colour has a contrast of at least ``theme.MIN_TEXT_CONTRAST`` against the background
(WCAG 2's ratio of relative luminances). :func:`faults` names what breaks these rules; every scene
records it at the end of each beat and a test holds it empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from manim import (BackgroundRectangle, DecimalNumber, ImageMobject, MarkupText, Mobject, PMobject, SingleStringMathTex, Text,
                   VMobject, config)

from scenes import theme

CAPTION_BAND = 0.15  # of the frame's height
MARGIN = 0.25  # scene units (the frame is 14.2 x 8)
TOLERANCE = 0.02  # a stroke's half width may touch the edge of the area


@dataclass(frozen=True)
class Area:
    left: float
    bottom: float
    right: float
    top: float


def safe_area() -> Area:
    """The part of the frame that content may use."""
    w, h = config.frame_width / 2, config.frame_height / 2
    return Area(-w + MARGIN, -h + CAPTION_BAND * config.frame_height, w - MARGIN, h - MARGIN)


def content_bottom() -> float:
    """The lowest y that content may reach: the top of the caption band."""
    return safe_area().bottom


def _visible(m: Mobject) -> bool:
    """Whether the camera draws ``m`` itself (a ValueTracker or an empty group has no picture)."""
    if isinstance(m, VMobject):
        stroke = m.get_stroke_width() > 0 and m.get_stroke_opacity() > 0
        return m.has_points() and (stroke or m.get_fill_opacity() > 0)
    return isinstance(m, (PMobject, ImageMobject)) and m.has_points()


def _name(m: Mobject) -> str:
    for attr in ("original_text", "tex_string"):
        text = getattr(m, attr, None)
        if isinstance(text, str) and text.strip():
            return f"{type(m).__name__} {' '.join(text.split())[:40]!r}"
    return type(m).__name__


def faults(mobjects: Iterable[Mobject]) -> list[str]:
    """What breaks the frame's rules among ``mobjects`` (those on screen), a line each."""
    mobjects = list(mobjects)
    return overflows(mobjects) + low_contrast(mobjects)


def overflows(mobjects: Iterable[Mobject]) -> list[str]:
    """One line for each mobject on screen whose visible parts leave the safe area, saying by how much."""
    area, found = safe_area(), []
    for top in mobjects:
        parts = [m.points for m in top.get_family() if _visible(m)]
        if not parts:
            continue
        points = np.concatenate(parts)
        (x0, y0), (x1, y1) = points[:, :2].min(axis=0), points[:, :2].max(axis=0)
        out = [f"{side} {by:.2f}" for side, by in (("left", area.left - x0), ("bottom", area.bottom - y0),
                                                   ("right", x1 - area.right), ("top", y1 - area.top)) if by > TOLERANCE]
        if out:
            found.append(f"{_name(top)} beyond the safe area: {', '.join(out)}")
    return found


def relative_luminance(color: str) -> float:
    """WCAG 2: L = 0.2126 R + 0.7152 G + 0.0722 B of the linearised sRGB channels of ``#rrggbb``."""
    channels = [int(color.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(color: str, background: str = theme.BACKGROUND) -> float:
    """WCAG 2's contrast ratio (L_light + 0.05) / (L_dark + 0.05), from 1 to 21."""
    a, b = sorted((relative_luminance(color), relative_luminance(background)))
    return (b + 0.05) / (a + 0.05)


TEXTS = (Text, MarkupText, SingleStringMathTex, DecimalNumber)


def low_contrast(mobjects: Iterable[Mobject]) -> list[str]:
    """One line for each text on screen drawn in a colour of too little contrast against the background."""
    found = []
    for top in mobjects:
        for m in top.get_family():
            if not isinstance(m, TEXTS):
                continue
            colors = {g.get_fill_color().to_hex().upper() for g in m.get_family()
                      if _visible(g) and g.get_fill_opacity() > 0 and not isinstance(g, BackgroundRectangle)}
            poor = sorted(c for c in colors if contrast(c) < theme.MIN_TEXT_CONTRAST)
            if poor:
                found.append(f"{_name(m)} in {', '.join(poor)}: contrast {min(contrast(c) for c in poor):.1f}, "
                             f"below {theme.MIN_TEXT_CONTRAST}")
    return found
