"""The slide deck, ``deck.pptx``: one slide per beat playing that beat's clip, its narration as speaker notes.

Written with python-pptx. Each clip is cut from its scene's video by stream copy (every beat starts on a key
frame, see :mod:`hessian_lecture.keyframes`), shows the beat's last frame as its poster and plays on a click.
Each chapter is a section of the deck: python-pptx has no API for sections, so they are added as PowerPoint
2010's ``p14:sectionLst`` extension of ``presentation.xml``, built as elements of python-pptx's own tree.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu

from hessian_lecture import keyframes
from scenes import theme

SLIDE_WIDTH = Emu(12_192_000)  # 13.333 in: PowerPoint's 16:9 slide
BLANK_LAYOUT = 6  # python-pptx's default template: the layout without placeholders
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # the extension that holds a deck's sections
SECTION_IDS = uuid.UUID("6b0c2f1e-51a4-4d43-9a3e-0d2f0b8e7a10")  # namespace for stable section ids


def _add_sections(prs, sections: list[tuple[str, list[int]]]) -> None:
    """Append ``<p:extLst><p:ext uri=...><p14:sectionLst>`` with one ``p14:section`` (name, its slides' ids) per
    item to the presentation element."""
    root = prs.part._element
    ext_list = root.find(qn("p:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(root, qn("p:extLst"))  # the last child of p:presentation, as the schema wants
    ext = etree.SubElement(ext_list, qn("p:ext"), uri=SECTIONS_URI)
    section_list = etree.SubElement(ext, f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for name, slide_ids in sections:
        section = etree.SubElement(section_list, f"{{{P14}}}section", name=name,
                                   id=f"{{{str(uuid.uuid5(SECTION_IDS, name)).upper()}}}")
        ids = etree.SubElement(section, f"{{{P14}}}sldIdLst")
        for slide_id in slide_ids:
            etree.SubElement(ids, f"{{{P14}}}sldId", id=str(slide_id))


def sections(path: Path) -> list[tuple[str, list[int]]]:
    """The sections of the deck at ``path``: (name, slide ids), read back from ``presentation.xml``."""
    root = Presentation(str(path)).part._element
    return [(s.get("name"), [int(i.get("id")) for i in s.iter(f"{{{P14}}}sldId")])
            for s in root.iter(f"{{{P14}}}section")]


def write(manifest: dict, stills: dict[str, Path], placed: dict, target: Path) -> None:
    """Write the deck of the bundle described by ``manifest``: ``stills`` are the beats' last frames by beat id,
    ``placed`` the scenes on the timeline by name (``bundle.Placed``: their videos and starts)."""
    prs = Presentation()
    prs.slide_width = SLIDE_WIDTH
    prs.slide_height = Emu(round(SLIDE_WIDTH * manifest["height"] / manifest["width"]))
    prs.part._element.find(qn("p:sldSz")).attrib.pop("type", None)  # the template's "screen4x3" no longer holds
    fps = manifest["fps"]
    chapter_slides: list[tuple[str, list[int]]] = []
    with tempfile.TemporaryDirectory(prefix=".deck-", dir=target.parent) as work:
        clips = {}
        for name, scene in placed.items():  # each scene's clips in one pass over its video
            own = [b for b in manifest["beats"] if b["scene"] == name]
            clips.update({b["id"]: Path(work) / f"{b['id']}.mp4" for b in own})
            keyframes.cut(scene.job.path, [(b["start"] - scene.start, b["end"] - scene.start) for b in own], fps,
                          [clips[b["id"]] for b in own])
        for chapter in manifest["chapters"]:
            ids = []
            for b in (b for b in manifest["beats"] if b["chapter"] == chapter["number"]):
                slide = prs.slides.add_slide(prs.slide_layouts[BLANK_LAYOUT])
                slide.background.fill.solid()
                slide.background.fill.fore_color.rgb = RGBColor.from_string(theme.BACKGROUND[1:])
                slide.shapes.add_movie(str(clips[b["id"]]), 0, 0, prs.slide_width, prs.slide_height,
                                       poster_frame_image=str(stills[b["id"]]), mime_type="video/mp4")
                slide.notes_slide.notes_text_frame.text = b["text"]
                ids.append(slide.slide_id)
            chapter_slides.append((chapter["label"], ids))
        _add_sections(prs, chapter_slides)
        tmp = Path(work) / target.name
        prs.save(str(tmp))
        os.replace(tmp, target)
