"""The lecture's web page: video with captions on, a chapter list that seeks, the transcript, and a presenter
mode that plays one beat at a time, with a speaker view in a second window.

It uses relative paths only and loads nothing from the internet, so it works opened from disk or
served by any static web server. The captions are also embedded in the page, because browsers
refuse to load caption files from ``file://`` URLs.
"""

from __future__ import annotations

import html
import json
from importlib.resources import files
from string import Template

TEMPLATE = files("hessian_lecture") / "templates" / "index.html"
EMBED = '<iframe src="hessian-lecture/index.html" width="960" height="640" title="{title}" allowfullscreen></iframe>'


def _chapters(chapters: list[dict]) -> str:
    return "".join(
        f'<li><button type="button" data-start="{c["start"]:.3f}" data-end="{c["end"]:.3f}">'
        f'<span class="time">{int(c["start"]) // 60}:{int(c["start"]) % 60:02d}</span>{html.escape(c["label"])}</button></li>'
        for c in chapters
    )


def _transcript(markdown: str) -> str:
    """The transcript's Markdown (headings and paragraphs only) as HTML."""
    out = []
    for block in markdown.split("\n\n"):
        block = block.strip()
        if block.startswith("# "):
            continue
        if block.startswith("## "):
            out.append(f"<h2>{html.escape(block[3:])}</h2>")
        elif block.startswith("**"):
            title, _, rest = block[2:].partition("**")
            out.append(f"<h3>{html.escape(title)}<small>{html.escape(rest)}</small></h3>")
        elif block:
            out.append(f"<p>{html.escape(block)}</p>")
    return "\n".join(out)


def render(manifest: dict, cues: list, transcript_md: str) -> str:
    """The page's HTML for a bundle described by ``manifest``."""
    cue_data = [{"start": c.start.total_seconds(), "end": c.end.total_seconds(), "text": c.content} for c in cues]
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        title=html.escape(manifest["title"]),
        chapters=_chapters(manifest["chapters"]),
        transcript=_transcript(transcript_md),
        embed=html.escape(EMBED.format(title=manifest["title"])),
        cues=_json(cue_data),
        beats=_json({"fps": manifest["fps"], "chapters": [{k: c[k] for k in ("number", "label", "start")} for c in manifest["chapters"]],
                     "beats": manifest["beats"]}),
    )


def _json(data) -> str:
    """``data`` as JSON that is safe inside a ``<script>`` element."""
    return json.dumps(data).replace("</", "<\\/")
