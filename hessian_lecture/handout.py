"""The handout, ``handout.pdf``: each beat's last frame beside its narration, a chapter per section.

Written with reportlab. Every chapter starts a page under its heading (also a PDF bookmark), and each page holds
up to ``BEATS_PER_PAGE`` beats in rows of equal height, so a chapter of n beats takes ceil(n / BEATS_PER_PAGE)
pages; a narration too long for its row is set smaller, never cut. The text is real text (DejaVu Sans, which
has the narration's symbols), so it can be selected and searched. Pages are numbered in the footer.
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepInFrame, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from scenes import theme

PAPERS = ("a4", "letter")
SIZES = {"a4": A4, "letter": LETTER}
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
MARGIN = 15 * mm
FRAME_PADDING = 6  # points: reportlab's Frame keeps this inside each margin
FOOTER = 8 * mm  # the page number's distance from the bottom edge
HEADING_SPACE = 16 * mm  # a chapter heading and the space under it
BEATS_PER_PAGE = 3
IMAGE_SHARE = 0.5  # of the text width, for the picture
GUTTER = 6 * mm
BODY_SIZE, HEADING_SIZE, SMALL_SIZE = 10, 16, 8


def pages(beats_per_chapter: list[int]) -> int:
    """The handout's page count: sum over chapters of ceil(beats / BEATS_PER_PAGE)."""
    return sum(math.ceil(n / BEATS_PER_PAGE) for n in beats_per_chapter)


def _fonts() -> None:
    for name in (FONT, BOLD):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))


class _Handout(SimpleDocTemplate):
    """Adds each chapter heading to the PDF's outline, at its page."""

    def afterFlowable(self, flowable) -> None:
        if getattr(flowable, "chapter_label", None):
            key = f"chapter-{self.page}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.chapter_label, key, level=0)


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def _story(manifest: dict, stills: dict[str, Path], width: float, row: float) -> list:
    heading = ParagraphStyle("heading", fontName=BOLD, fontSize=HEADING_SIZE, leading=HEADING_SIZE * 1.25,
                             spaceAfter=HEADING_SPACE - HEADING_SIZE * 1.25)
    body = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.35)
    small = ParagraphStyle("small", fontName=FONT, fontSize=SMALL_SIZE, leading=SMALL_SIZE * 1.3,
                           textColor=colors.HexColor(theme.MUTED), spaceAfter=2 * mm)
    picture = width * IMAGE_SHARE
    height = picture * manifest["height"] / manifest["width"]
    words = width - picture - GUTTER
    story: list = []
    for chapter in manifest["chapters"]:
        own = [b for b in manifest["beats"] if b["chapter"] == chapter["number"]]
        for first in range(0, len(own), BEATS_PER_PAGE):
            if story:
                story.append(PageBreak())
            if first == 0:
                title = Paragraph(escape(chapter["label"]), heading)
                title.chapter_label = chapter["label"]
                story.append(title)
            else:
                story.append(Spacer(width, HEADING_SPACE))
            for b in own[first:first + BEATS_PER_PAGE]:
                text = KeepInFrame(words, row, [Paragraph(f"{_clock(b['start'])} · {escape(b['id'])}", small),
                                                Paragraph(escape(b["text"]), body)], mode="shrink")
                cells = Table([[Image(str(stills[b["id"]]), picture, height), text]], colWidths=[picture + GUTTER, words],
                              rowHeights=[row])
                cells.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                           ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                           ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
                story.append(cells)
    return story


def write(manifest: dict, stills: dict[str, Path], target: Path, paper: str = PAPERS[0]) -> int:
    """Write the handout of the bundle described by ``manifest`` (``stills``: each beat's picture, by beat id) on
    ``paper``; returns its page count."""
    _fonts()
    size = SIZES[paper]
    width = size[0] - 2 * (MARGIN + FRAME_PADDING)
    row = (size[1] - 2 * (MARGIN + FRAME_PADDING) - HEADING_SPACE) / BEATS_PER_PAGE - 1  # a point spare: rounding never overflows
    footer_title = manifest["title"]

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, SMALL_SIZE)
        canvas.setFillColor(colors.HexColor(theme.MUTED))
        canvas.drawString(MARGIN, FOOTER, footer_title)
        canvas.drawRightString(size[0] - MARGIN, FOOTER, f"{doc.page}")
        canvas.restoreState()

    tmp = target.with_name(f".tmp-{target.name}")
    doc = _Handout(str(tmp), pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                   bottomMargin=MARGIN, title=f"{manifest['title']}: handout", author="hessian-lecture")
    try:
        doc.build(_story(manifest, stills, width, row), onFirstPage=footer, onLaterPages=footer)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, target)
    return doc.page
