"""Build a scene without writing video (manim's dry run) and report what it holds."""

from __future__ import annotations

import atexit
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hessian_lecture import user_cache
from hessian_lecture.jobs import code_fingerprint
from hessian_lecture.manim_setup import manim_config
from scenes.params import SceneParams
from speech import voices


@dataclass(frozen=True)
class DryRun:
    """What a dry run of a scene found."""

    duration: float  # seconds
    captions: list  # srt.Subtitle records, in order
    readouts: dict[str, Any]  # numbers the scene drew, by key (the last value of each)
    beat_readouts: dict[str, dict[str, Any]]  # beat id -> the numbers drawn during that beat, by key
    beats: list[dict]  # every beat played: id, text, start, seconds, cues
    faults: dict[str, list[str]]  # beat id -> what broke the frame's rules at its end (scenes.layout)


_texts_made: set[Path] = set()


def _texts_folder() -> Path:
    """This process's folder of dry-run text SVGs in the user cache (texts are cheap: each process makes its own,
    as a shared folder was read empty), removed with its lock file when the process exits."""
    folder = user_cache.folder("texts", str(os.getpid()))
    if folder not in _texts_made:
        _texts_made.add(folder)
        atexit.register(_remove_texts, folder)
    return folder


def _remove_texts(folder: Path) -> None:
    if folder.name != str(os.getpid()):  # a forked child exiting: the folder is its parent's
        return
    shutil.rmtree(folder, ignore_errors=True)
    folder.with_name(f".{folder.name}.lock").unlink(missing_ok=True)  # scenes.manim_patches.folder_lock's file


def dry_run(cls: type, params: SceneParams | None = None, quality: str = "low_quality", **narration: Any) -> DryRun:
    """Construct ``cls`` (optionally with ``params`` and narration settings ``voice``, ``breath``,
    ``script``) and play it without rendering frames."""
    scene_cls = cls.with_params(params, **narration)
    settings = {"dry_run": True, "disable_caching": True, "quality": quality, "verbosity": "ERROR", "progress_bar": "none",
                "text_dir": str(_texts_folder())}
    with manim_config(settings):
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


def defaults_file() -> Path:
    """The cache of :func:`defaults`, in the user cache folder."""
    return user_cache.folder("defaults.json")


def _read_cache() -> dict:
    try:
        return json.loads(defaults_file().read_text()) if defaults_file().exists() else {}
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
        target = defaults_file()
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(f"{target}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({**kept, key: {**kept.get(key, {}), **known}}))
        tmp.replace(target)
    return {e.name: known[e.name] for e in entries}


def default_durations(entries: list, voice: str = voices.DEFAULT) -> dict[str, float]:
    """Each scene's duration in seconds at default parameters spoken by ``voice`` (see :func:`defaults`)."""
    return {name: d["duration"] for name, d in defaults(entries, voice).items()}
