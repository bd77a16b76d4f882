"""Narration settings for a render: the voice, the breath between beats and the script, checked before
anything renders.

A script file is checked against the beats each of its scenes really has (a silent dry run), and a
recorded voice against its takes (a dry run with that voice decodes and checks every take of every
scene to render), so a bad id, a missing take or a file that is not audio ends the command with one
line, before any video is written. A synthesised voice makes the takes of the scenes to render in one
batch before the workers start (:func:`prepare_takes`).
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


def prepare_takes(jobs: list, report: Callable[[str], None] = print) -> int:
    """Make every missing take that ``jobs`` at default parameters will speak, before any worker starts: one piper
    working ahead while each take is trimmed and normalised, instead of one piper per worker making its takes
    one at a time. The words come from the silent dry runs that also order the jobs (cached); other
    parameters change the words, so those workers make their own takes. Returns how many were made."""
    made = 0
    for spec in sorted({job.voice for job in jobs}):
        speaker = voices.voice(spec)
        chosen = [job for job in jobs if job.voice == spec and job.params == find(job.scene).cls.Params()]
        if not isinstance(speaker, voices.Synthesiser) or not chosen:
            continue
        silent = defaults([find(job.scene) for job in chosen], "none")
        texts = [cue for job in chosen for b in silent[job.scene]["beats"]
                 for cue in narration.cues(dict(job.script).get(b["id"], b["text"]))]
        start = time.perf_counter()
        count = speaker.prepare(texts)
        if count:
            report(f"spoken    {count} takes by {spec} in {time.perf_counter() - start:.1f} s")
        made += count
    return made
