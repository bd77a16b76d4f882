"""The narration as an editable file: one TOML table per beat, ``[<scene>.<beat>]`` with its ``text``.

``hessian-lecture script`` writes it (with each beat's spoken ``seconds`` for reference);
``--script FILE`` renders with the edited words: a teacher's own wording or a translation. The file
is data, read with :mod:`tomllib`; nothing in it is executed. A beat left out keeps the lecture's
own words. Every sentence of a text becomes one caption cue and one take of the voice, so each must
fit two caption lines of 42 characters.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import tomli_w

from hessian_lecture.inputs import read_toml
from mathcore.errors import ValidationError
from scenes import narration
from scenes.catalogue import find

FIELDS = ("text", "seconds")  # seconds: the spoken length when the file was written; ignored when read

HEADER = """\
# The narration of the lecture, one table per beat: [<scene>.<beat>].
# Edit any "text" (your own words, or a translation), then render with:  --script {name}
# Each sentence becomes one caption (at most {lines} lines of {chars} characters) and one take of the voice.
# "seconds" is how long the beat was spoken ({voice}) when this file was written; it is not read back.
# A beat you delete keeps the lecture's own words.

"""


def dump(beats_by_scene: dict[str, list[dict]], voice: str, target: Path) -> None:
    """Write the beats (``Beat.record()`` dicts, by scene) to ``target``, whole or not at all."""
    tables: dict[str, dict] = {}
    for scene, beats in beats_by_scene.items():
        tables[scene] = {b["id"].split(".", 1)[1]: {"text": b["text"], "seconds": b["seconds"]} for b in beats}
    text = HEADER.format(name=target.name, lines=narration.MAX_LINES, chars=narration.MAX_LINE_CHARS, voice=voice)
    text += tomli_w.dumps(tables)
    tmp = target.with_name(f".tmp-{os.getpid()}-{target.name}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


def load(path: Path) -> dict[str, dict[str, str]]:
    """The script file at ``path`` as {scene: {beat name: text}}; ValidationError on anything malformed."""
    where = f"script {path}"
    data = read_toml(path, where)
    result: dict[str, dict[str, str]] = {}
    for scene, beats in data.items():
        name = find(scene).name
        if not isinstance(beats, dict) or not all(isinstance(t, dict) for t in beats.values()):
            raise ValidationError(f"{where}: [{scene}] must hold one table per beat, [{scene}.<beat>] with a text")
        for beat, table in beats.items():
            beat_id = f"{name}.{beat}"
            extra = sorted(set(table) - set(FIELDS))
            if extra:
                raise ValidationError(f"{where}: beat {beat_id} has {extra[0]!r}: allowed keys are {', '.join(FIELDS)}")
            text = table.get("text")
            if not isinstance(text, str) or not text.strip():
                raise ValidationError(f"{where}: beat {beat_id} needs a non-empty text = \"...\"")
            try:
                narration.cues(text)
            except ValidationError as e:
                raise ValidationError(f"{where}: beat {beat_id}: {e}") from None
            result.setdefault(name, {})[beat] = text
    return result


def check_ids(script: dict[str, dict[str, str]], known: dict[str, list[str]], path: Path) -> None:
    """ValidationError if the script names a beat that its scene does not have (``known``: beat names by scene)."""
    for scene, beats in script.items():
        for beat in beats:
            if beat not in known[scene]:
                close = difflib.get_close_matches(beat, known[scene], n=1)
                hint = f" (did you mean {scene}.{close[0]}?)" if close else ""
                raise ValidationError(f"script {path}: beat {scene}.{beat} is unknown{hint}: {scene} has "
                                      f"{', '.join(known[scene])}")
