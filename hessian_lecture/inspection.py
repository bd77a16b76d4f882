"""Build a scene without writing video (manim's dry run) and report what it holds."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from manim import config, tempconfig

from hessian_lecture.jobs import MANIM_CFG, PROJECT, code_fingerprint
from hessian_lecture.tex_cache import use_shared_caches
from scenes.params import SceneParams
from speech import voices

DURATIONS_CACHE = PROJECT / "media" / ".durations.json"


@dataclass(frozen=True)
class DryRun:
    """What a dry run of a scene found."""

    duration: float  # seconds
    captions: list  # srt.Subtitle records, in order
    readouts: dict[str, Any]  # numbers the scene drew, by key
    beats: list[dict]  # every beat played: id, text, start, seconds, cues


def dry_run(cls: type, params: SceneParams | None = None, quality: str = "low_quality", **narration: Any) -> DryRun:
    """Construct ``cls`` (optionally with ``params`` and narration settings ``voice``, ``breath``,
    ``script``) and play it without rendering frames."""
    scene_cls = cls.with_params(params, **narration)
    config.digest_file(str(MANIM_CFG))
    settings = {"dry_run": True, "disable_caching": True, "quality": quality, "verbosity": "ERROR", "progress_bar": "none"}
    with tempconfig({**settings, **use_shared_caches()}):
        scene = scene_cls()
        scene.render()
        return DryRun(
            duration=float(scene.time),
            captions=list(scene.renderer.file_writer.subcaptions),
            readouts=dict(scene.readouts),
            beats=list(scene.beats),
        )


def default_durations(entries: list, voice: str = voices.DEFAULT) -> dict[str, float]:
    """Each scene's duration at default parameters spoken by ``voice``, cached per code fingerprint and voice."""
    key = f"{code_fingerprint()} {voices.voice(voice).key}"
    cache: dict = {}
    if DURATIONS_CACHE.exists():
        try:
            cache = json.loads(DURATIONS_CACHE.read_text())
        except json.JSONDecodeError:
            cache = {}
    known = cache.get(key, {})
    missing = [e for e in entries if e.name not in known]
    for e in missing:
        known[e.name] = round(dry_run(e.cls, voice=voice).duration, 2)
    if missing:
        DURATIONS_CACHE.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(f"{DURATIONS_CACHE}.{id(known)}.tmp")
        tmp.write_text(json.dumps({key: known}))
        tmp.replace(DURATIONS_CACHE)
    return {e.name: known[e.name] for e in entries}
