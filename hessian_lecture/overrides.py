"""Turn ``--set KEY=VALUE`` strings and TOML parameter files into validated parameter sets.

A parameter file is data, read with :mod:`tomllib`; nothing in it is executed. It holds one table
per scene (by short name) and an optional ``[shared]`` table whose keys apply to every scene that
has them. ``--set`` overrides the file: ``KEY=VALUE`` applies to every selected scene with that key,
``SCENE.KEY=VALUE`` to one scene. A scalar given several values (``step=0.1,0.5`` or a TOML list)
sweeps: one variant per value, or per combination when several keys sweep. A tuple parameter
takes comma-separated numbers; variants of a tuple are separated by ``;``.
"""

from __future__ import annotations

import difflib
import itertools
import math
import sys
from pathlib import Path
from typing import Any

from hessian_lecture.inputs import read_toml
from mathcore.errors import ValidationError
from scenes.catalogue import Entry, find, lecture
from scenes.params import ParamInfo, SceneParams

SHARED = "shared"
MAX_VARIANTS = 64  # a sweep larger than this is refused before anything renders


def _info(entry: Entry) -> dict[str, ParamInfo]:
    return {i.name: i for i in entry.cls.Params.describe()}


def _unknown_key(key: str, allowed: list[str], where: str) -> ValidationError:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    listing = ", ".join(allowed) if allowed else "none"
    return ValidationError(f"{key!r} is not a parameter of {where}{hint}: allowed keys are {listing}")


def _number(key: str, text: str) -> float:
    """``text`` as a finite number written in ASCII (Python's float() would also take other scripts' digits)
    that does not underflow to zero (``1e-400``)."""
    if not text.isascii():
        raise ValidationError(f"{key} = {text!r}: must be a number written with the digits 0-9")
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(f"{key} = {text!r}: must be a number") from None
    if not math.isfinite(value):
        raise ValidationError(f"{key} = {text!r}: must be finite")
    if value == 0 and any(d in "123456789" for d in text.lower().split("e")[0]):
        raise ValidationError(f"{key} = {text!r}: too small to tell from 0 (at least {sys.float_info.min:g} in size)")
    return value


def _parse_one(info: ParamInfo, text: str) -> Any:
    """One value of parameter ``info`` from command-line text."""
    text = text.strip()
    if info.type == "str" or (info.word and text.lower() == info.word):
        return text
    if info.type == "bool":
        if text.lower() in ("true", "yes", "1", "on"):
            return True
        if text.lower() in ("false", "no", "0", "off"):
            return False
        raise ValidationError(f"{info.name} = {text!r}: must be true or false")
    if info.type == "int":
        value = _number(info.name, text)
        if not value.is_integer():
            raise ValidationError(f"{info.name} = {text!r}: must be a whole number")
        return int(value)
    if info.type == "float":
        return _number(info.name, text)
    return tuple(_number(info.name, part) for part in text.split(","))


def parse_cli_value(info: ParamInfo, text: str) -> list[Any]:
    """The variants that ``--set`` text gives parameter ``info`` (one unless it sweeps)."""
    if not text.strip():
        raise ValidationError(f"{info.name} = '': a value is required")
    if info.type == "tuple[float]":
        return [_parse_one(info, part) for part in text.split(";")]
    separator = ";" if ";" in text else ","
    return [_parse_one(info, part) for part in text.split(separator)]


def _toml_variants(info: ParamInfo, value: Any, where: str) -> list[Any]:
    """The variants a TOML value gives parameter ``info``; lists sweep scalars, lists of lists sweep tuples."""
    sweeps = isinstance(value, list) and (info.type != "tuple[float]" or (value and isinstance(value[0], list)))
    values = value if sweeps else [value]
    if not values:
        raise ValidationError(f"{where}.{info.name} = []: give at least one value")
    return [tuple(v) if isinstance(v, list) else v for v in values]


def read_params_file(path: str | Path) -> dict[str, Any]:
    """The tables of a TOML parameter file (see :func:`hessian_lecture.inputs.read_toml`); ValidationError naming
    the file if it cannot be read or is not valid TOML."""
    path = Path(path)
    data = read_toml(path, f"parameter file {str(path)!r}")
    for table, content in data.items():
        if not isinstance(content, dict):
            raise ValidationError(
                f"parameter file {str(path)!r}: {table!r} must be a table like [{table}] (one per scene, or [shared])"
            )
    return data


def resolve(
    entries: list[Entry], file_data: dict[str, Any] | None = None, settings: tuple[str, ...] = ()
) -> dict[str, list[SceneParams]]:
    """Every variant's validated parameter set, per scene short name, before anything renders."""
    file_data = file_data or {}
    chosen: dict[str, dict[str, list[Any]]] = {e.name: {} for e in entries}
    infos = {e.name: _info(e) for e in entries}

    for table, content in file_data.items():
        if table == SHARED:
            for key, value in content.items():
                targets = [e for e in entries if key in infos[e.name]]
                if not targets and not any(key in _info(e) for e in lecture()):
                    raise _unknown_key(key, sorted({k for e in lecture() for k in _info(e)}), "any scene")
                for e in targets:
                    chosen[e.name][key] = _toml_variants(infos[e.name][key], value, SHARED)
            continue
        entry = find(table)
        for key, value in content.items():  # a table for a scene not being rendered is checked all the same
            if key not in _info(entry):
                raise _unknown_key(key, list(_info(entry)), f"scene {entry.name}")
            if entry.name in chosen:
                chosen[entry.name][key] = _toml_variants(infos[entry.name][key], value, entry.name)

    given: dict[str, str] = {}
    for setting in settings:
        key, sep, text = setting.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ValidationError(f"--set {setting!r}: must look like KEY=VALUE or SCENE.KEY=VALUE")
        if key in given:
            raise ValidationError(f"--set {setting!r}: {key} is already set by --set {given[key]!r}; "
                                  f"to sweep, give the values in one: {key}=A,B")
        given[key] = setting
        if "." in key:
            scene_name, key = key.split(".", 1)
            entry = find(scene_name)
            if entry.name not in chosen:
                raise ValidationError(f"--set {setting!r}: scene {entry.name} is not among the scenes being used")
            targets = [entry]
            where = f"scene {entry.name}"
        else:
            targets = [e for e in entries if key in infos[e.name]]
            where = "the chosen scenes" if len(entries) > 1 else f"scene {entries[0].name}"
        allowed = sorted({k for e in (targets or entries) for k in infos[e.name]})
        if not targets or key not in infos[targets[0].name]:
            raise _unknown_key(key, allowed, where)
        for e in targets:
            chosen[e.name][key] = parse_cli_value(infos[e.name][key], text)

    resolved = {}
    for e in entries:
        keys = list(chosen[e.name])
        count = math.prod(len(chosen[e.name][k]) for k in keys)  # counted before any combination is built
        if count > MAX_VARIANTS:
            raise ValidationError(f"scene {e.name}: the sweep makes {count} variants (at most {MAX_VARIANTS})")
        combos = itertools.product(*(chosen[e.name][k] for k in keys))
        variants = [_build(e, dict(zip(keys, combo))) for combo in combos]
        twice = next((p for k, p in enumerate(variants) if p in variants[:k]), None)
        if twice is not None:  # two equal values of a key (``x_min=-2,-2.0``, ``function=bowl,Bowl``)
            swept = ", ".join(f"{k} = {twice.as_dict()[k]!r}" for k in keys if len(chosen[e.name][k]) > 1)
            raise ValidationError(f"scene {e.name}: the sweep makes the variant {swept} twice; give each value once")
        resolved[e.name] = variants
    return resolved


def _build(entry: Entry, values: dict[str, Any]) -> SceneParams:
    try:
        return entry.cls.Params(**values)
    except ValidationError as e:
        raise ValidationError(f"scene {entry.name}: {e}") from None
