"""Narration settings for a render: the voice, the breath between beats and the script, checked before
anything renders.

A script file is checked against the beats each of its scenes really has (a silent dry run), and a
recorded voice against its takes (a dry run with that voice decodes and checks every take of every
scene to render), so a bad id, a missing take or a file that is not audio ends the command with one
line, before any video is written. A synthesised voice makes the takes of the scenes to render before they
render (:func:`make_takes`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from hessian_lecture import script as script_file
from hessian_lecture.inspection import defaults, dry_run
from mathcore.errors import ValidationError
from scenes import narration
from scenes.catalogue import Entry, find
from scenes.params import SceneParams
from speech import voices

MAX_BREATH_S = 3.0


def settings(
    entries: list[Entry],
    variants: dict[str, list[SceneParams]],
    voice: str,
    breath: float,
    script_path: Path | None,
) -> dict[str, dict]:
    """For each scene of ``entries``: the ``voice``, ``breath`` and ``script`` (the (beat id, text) pairs whose
    text differs from the scene's own) to render with."""
    speaker = voices.voice(voice)  # an unknown or missing voice fails here
    if not 0 <= breath <= MAX_BREATH_S:
        raise ValidationError(f"breath = {breath:g}: must lie in [0, {MAX_BREATH_S:g}] seconds")
    script = script_file.load(script_path) if script_path else {}
    if script:
        silent = defaults([find(scene) for scene in script], "none")
        own = {scene: {b["id"].split(".", 1)[1]: b["text"] for b in silent[scene]["beats"]} for scene in script}
        script_file.check_ids(script, {scene: list(beats) for scene, beats in own.items()}, script_path)
        script = {scene: {beat: text for beat, text in beats.items() if " ".join(text.split()) != own[scene][beat]}
                  for scene, beats in script.items()}  # a beat left as it was changes nothing
    result = {}
    for e in entries:
        lines = tuple(sorted((f"{e.name}.{beat}", text) for beat, text in script.get(e.name, {}).items()))
        result[e.name] = {"voice": voice, "breath": breath, "script": lines}
        if isinstance(speaker, voices.Recorded):
            for p in variants[e.name]:
                dry_run(e.cls, p, voice=voice, script=dict(lines))
    return result


def _spoken_jobs(jobs: list) -> dict[str, list]:
    """The jobs whose takes can be made ahead, by voice: a synthesised voice at default parameters (other
    parameters change the words, so those workers make their own takes)."""
    chosen: dict[str, list] = {}
    for job in jobs:
        if job.params == find(job.scene).cls.Params() and isinstance(voices.voice(job.voice), voices.Synthesiser):
            chosen.setdefault(job.voice, []).append(job)
    return chosen


def _texts(job, silent: dict) -> list[str]:
    """The caption cues ``job`` will speak: its scene's beats from the silent dry run, with its script applied."""
    script = dict(job.script)
    return [cue for b in silent[job.scene]["beats"] for cue in narration.cues(script.get(b["id"], b["text"]))]


def make_takes(jobs: list, report: Callable[[str], None] = print) -> int:
    """Make the missing takes of ``jobs`` before any of them renders; returns how many were made.

    Each voice makes all of its takes as one batch (piper deals them out among its processes, one per core, and
    they are trimmed, slowed and normalised together), so the renders that follow have the processor to
    themselves: made beside two renders on two cores, piper slowed them by more than its own processor time. The
    words come from the silent dry runs that also order the jobs (cached)."""
    start, made = time.perf_counter(), 0
    for spec, chosen in _spoken_jobs(jobs).items():
        speaker = voices.voice(spec)
        silent = defaults([find(job.scene) for job in chosen], "none")
        texts = list(dict.fromkeys(text for job in chosen for text in _texts(job, silent)))
        missing = sum(not speaker.path(text).exists() for text in texts)
        if missing:
            report(f"speaking  {missing} takes of {len(chosen)} scenes ({spec})")
            made += speaker.prepare(texts)
    if made:
        report(f"spoken    {made} takes in {time.perf_counter() - start:.1f} s")
    return made
