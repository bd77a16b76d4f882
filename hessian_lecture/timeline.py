"""The lecture's beats on its joined timeline, read from the beats each scene's render recorded beside its video.

A beat runs from its start to the next beat's start; the last beat of a scene ends when its speech and breath
have (whole frames, at most the scene's end), so a scene's closing animation (a card fading out) lies between
beats: the presenter plays it on the way to the next beat, and the beat's last frame still shows its picture.
"""

from __future__ import annotations

import json
import math


def beats(placed: list, fps: float) -> list[dict]:
    """Every beat of the placed scenes (``bundle.Placed``) in order: ``id``, ``scene``, ``chapter``, ``start`` and
    ``end`` in lecture seconds (scene start + time on the scene's clock), ``text`` (its narration)."""
    result = []
    for p in placed:
        recorded = json.loads(p.job.beats.read_text(encoding="utf-8"))
        last = recorded[-1]
        spoken = math.ceil((last["start"] + last["seconds"] + p.job.breath) * fps - 1e-6) / fps
        ends = [b["start"] for b in recorded[1:]] + [min(spoken, p.duration)]
        for b, end in zip(recorded, ends):
            result.append({"id": b["id"], "scene": p.entry.name, "chapter": p.entry.chapter,
                           "start": round(p.start + b["start"], 6), "end": round(p.start + end, 6), "text": b["text"]})
    return result
