"""Narration settings for a render: the voice, the breath between beats and the script, checked before
anything renders.

A script file is checked against the beats each of its scenes really has (a silent dry run), and a
recorded voice against its takes (a dry run with that voice decodes and checks every take of every
scene to render), so a bad id, a missing take or a file that is not audio ends the command with one
line, before any video is written.
"""

from __future__ import annotations

from pathlib import Path

from hessian_lecture import script as script_file
from hessian_lecture.inspection import defaults, dry_run
from mathcore.errors import ValidationError
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
