"""Build a scene without writing video (manim's dry run) and report what it holds."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from manim import config, tempconfig

from hessian_lecture.jobs import MANIM_CFG, PROJECT, code_fingerprint
from hessian_lecture.tex_cache import use_shared_caches
from scenes.params import SceneParams
from speech import voices

DEFAULTS_CACHE = PROJECT / "media" / ".defaults.json"


@dataclass(frozen=True)
class DryRun:
    """What a dry run of a scene found."""

    duration: float  # seconds
    captions: list  # srt.Subtitle records, in order
    readouts: dict[str, Any]  # numbers the scene drew, by key (the last value of each)
    beat_readouts: dict[str, dict[str, Any]]  # beat id -> the numbers drawn during that beat, by key
    beats: list[dict]  # every beat played: id, text, start, seconds, cues
    faults: dict[str, list[str]]  # beat id -> what broke the frame's rules at its end (scenes.layout)


TEXTS = PROJECT / "media" / "texts"  # a dry run's text SVGs, one folder per process: a shared one was read empty


def dry_run(cls: type, params: SceneParams | None = None, quality: str = "low_quality", **narration: Any) -> DryRun:
    """Construct ``cls`` (optionally with ``params`` and narration settings ``voice``, ``breath``,
    ``script``) and play it without rendering frames."""
    scene_cls = cls.with_params(params, **narration)
    config.digest_file(str(MANIM_CFG))
    settings = {"dry_run": True, "disable_caching": True, "quality": quality, "verbosity": "ERROR", "progress_bar": "none",
                "text_dir": str(TEXTS / str(os.getpid()))}  # texts are cheap: each process makes its own
    with tempconfig({**settings, **use_shared_caches()}):
        scene = scene_cls()
        scene.render()
        return DryRun(
            duration=float(scene.time),
            captions=list(scene.renderer.file_writer.subcaptions),
            readouts=dict(scene.readouts),
            beat_readouts={beat: dict(shown) for beat, shown in scene.beat_readouts.items()},
            beats=list(scene.beats),
            faults=dict(scene.faults),
        )


def _read_cache() -> dict:
    try:
        return json.loads(DEFAULTS_CACHE.read_text()) if DEFAULTS_CACHE.exists() else {}
    except json.JSONDecodeError:
        return {}


def defaults(entries: list, voice: str = voices.DEFAULT) -> dict[str, dict]:
    """Each scene's ``duration`` and ``beats`` at default parameters spoken by ``voice``, from a dry run,
    cached per code fingerprint and voice (recordings are read afresh: their files may change).

    A synthesised voice first makes, in one batch, the takes of the scenes whose silent dry run is cached
    (their words are known; the rest are made one by one as their dry run meets them)."""
    speaker = voices.voice(voice)
    key = f"{code_fingerprint()} {speaker.key}"
    cache = _read_cache()
    known = {} if isinstance(speaker, voices.Recorded) else cache.get(key, {})
    missing = [e for e in entries if e.name not in known]
    if missing and isinstance(speaker, voices.Synthesiser):
        silent = cache.get(f"{code_fingerprint()} none", {})
        speaker.prepare(c["text"] for e in missing for b in silent.get(e.name, {}).get("beats", []) for c in b["cues"])
    for e in missing:
        run = dry_run(e.cls, voice=voice)
        known[e.name] = {"duration": round(run.duration, 2), "beats": run.beats}
    if missing and not isinstance(speaker, voices.Recorded):
        cache = _read_cache()  # as it is now: another command may have added to it meanwhile
        kept = {k: v for k, v in cache.items() if k.split()[0] == key.split()[0]}  # this code's entries only
        DEFAULTS_CACHE.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(f"{DEFAULTS_CACHE}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({**kept, key: {**kept.get(key, {}), **known}}))
        tmp.replace(DEFAULTS_CACHE)
    return {e.name: known[e.name] for e in entries}


def default_durations(entries: list, voice: str = voices.DEFAULT) -> dict[str, float]:
    """Each scene's duration in seconds at default parameters spoken by ``voice`` (see :func:`defaults`)."""
    return {name: d["duration"] for name, d in defaults(entries, voice).items()}
