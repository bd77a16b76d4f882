"""Validated parameter sets for scenes.

Each scene declares one frozen dataclass subclassing :class:`SceneParams`; its fields are plain
data (numbers, tuples of numbers, names from ``mathcore``'s libraries) declared with
:func:`param`, which records the help text and the allowed range. Building an instance checks every
field, so a bad value never reaches a render. The command line fills the same classes.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Any, get_type_hints

from mathcore import functions
from mathcore.errors import ValidationError
from scenes import losses

LOSS_1D_NAMES = tuple(functions.LOSSES_1D)  # choices for a parameter naming a 1-D library loss
LOSS_2D_NAMES = tuple(functions.LOSSES_2D)
MAX_STEPS = 500  # iterations a scene may animate; more would not fit on screen or in time


def param(
    default: Any,
    help: str,
    *,
    min: float | None = None,
    max: float | None = None,
    choices: tuple[str, ...] | None = None,
    length: int | None = None,
    formula: int | None = None,
    word: str | None = None,
) -> Any:
    """Declare a scene parameter with its meaning and allowed values; ``formula`` (1 or 2, the inputs) lets a loss
    parameter whose ``choices`` name library losses also take a formula (see :mod:`scenes.losses`); ``word`` (such
    as "optimal") lets a number parameter take that word instead, for a value the scene computes."""
    meta = {"help": help, "min": min, "max": max, "choices": choices, "length": length, "formula": formula,
            "word": word}
    return dataclasses.field(default=default, metadata=meta)


@dataclasses.dataclass(frozen=True)
class ParamInfo:
    """What the command line shows of one parameter."""

    name: str
    type: str
    default: Any
    help: str
    min: float | None
    max: float | None
    choices: tuple[str, ...] | None
    length: int | None
    formula: int | None = None  # inputs of a formula the parameter takes besides its choices
    word: str | None = None  # a word a number parameter takes instead of a number


@dataclasses.dataclass(frozen=True)
class SceneParams:
    """Base of every scene's parameter set: validates fields when built."""

    def __post_init__(self) -> None:
        for info in self.describe():
            value = getattr(self, info.name)
            object.__setattr__(self, info.name, _check(info, value))
        self.check()

    def check(self) -> None:
        """Cross-field checks of a subclass; raise ValidationError."""

    @classmethod
    def describe(cls) -> list[ParamInfo]:
        """The parameters, in declaration order, with type, default, range and meaning."""
        hints = get_type_hints(cls)
        infos = []
        for f in dataclasses.fields(cls):
            meta = f.metadata
            infos.append(
                ParamInfo(
                    name=f.name,
                    type=_type_name(hints[f.name]),
                    default=f.default,
                    help=meta.get("help", ""),
                    min=meta.get("min"),
                    max=meta.get("max"),
                    choices=meta.get("choices"),
                    length=meta.get("length"),
                    formula=meta.get("formula"),
                    word=meta.get("word"),
                )
            )
        return infos

    def as_dict(self) -> dict[str, Any]:
        """The resolved values as plain data (tuples become lists)."""
        return {k: list(v) if isinstance(v, tuple) else v for k, v in dataclasses.asdict(self).items()}


def _type_name(hint: Any) -> str:
    if hint in (int, float, str, bool):
        return hint.__name__
    if getattr(hint, "__origin__", None) is tuple:
        return "tuple[float]"
    raise TypeError(f"unsupported parameter type {hint!r}")


def _allowed(info: ParamInfo) -> str:
    if info.choices:
        return "one of " + ", ".join(info.choices)
    parts = []
    if info.min is not None:
        parts.append(f">= {info.min:g}")
    if info.max is not None:
        parts.append(f"<= {info.max:g}")
    allowed = " and ".join(parts) if parts else "a finite number"
    return f"{allowed}, or {info.word!r}" if info.word else allowed


def _word(info: ParamInfo, value: Any) -> str | None:
    """The parameter's word if ``value`` spells it (any case), else None."""
    if info.word and isinstance(value, str) and value.strip().lower() == info.word:
        return info.word
    return None


def _check_number(info: ParamInfo, value: Any, shown: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(f"{info.name} = {shown}: must be a number, {_allowed(info)}")
    if not math.isfinite(value):
        raise ValidationError(f"{info.name} = {shown}: must be finite, {_allowed(info)}")
    if (info.min is not None and value < info.min) or (info.max is not None and value > info.max):
        raise ValidationError(f"{info.name} = {shown}: must be {_allowed(info)}")
    return float(value)


def _check(info: ParamInfo, value: Any) -> Any:
    """Return ``value`` in its canonical type, or raise ValidationError naming field and bound."""
    shown = repr(value)
    if info.type == "str":
        if info.formula:
            return losses.checked_text(info.name, value, info.formula)
        if not isinstance(value, str):
            raise ValidationError(f"{info.name} = {shown}: must be {_allowed(info)}")
        if info.choices:  # any case, as scene names
            match = [c for c in info.choices if c.lower() == value.strip().lower()]
            if not match:
                raise ValidationError(f"{info.name} = {shown}: must be {_allowed(info)}")
            return match[0]
        return value
    if info.type == "bool":
        if not isinstance(value, bool):
            raise ValidationError(f"{info.name} = {shown}: must be true or false")
        return value
    if _word(info, value):
        return info.word
    if info.type == "int":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{info.name} = {shown}: must be a whole number, {_allowed(info)}")
        _check_number(info, value, shown)
        return value
    if info.type == "float":
        return _check_number(info, value, shown)
    # tuple of floats
    if not isinstance(value, (tuple, list)) or (info.length is not None and len(value) != info.length):
        size = f"{info.length} numbers" if info.length else "a list of numbers"
        raise ValidationError(f"{info.name} = {shown}: must be {size}, each {_allowed(info)}")
    return tuple(_check_number(info, v, shown) for v in value)
