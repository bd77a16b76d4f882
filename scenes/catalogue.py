"""The lecture in order: every scene with its short name, chapter and title.

Each chapter module lists its scenes in ``SCENES`` as (short name, class); this module joins them
in lecture order. The command line and the tests find scenes only through here.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from mathcore.errors import ValidationError
from scenes import ch1_basics, ch2_eigen, ch3_optimisation, ch4_deep_learning, ch4_networks, ch5_summary

CHAPTER_MODULES = (ch1_basics, ch2_eigen, ch3_optimisation, ch4_deep_learning, ch4_networks, ch5_summary)


@dataclass(frozen=True)
class Entry:
    """One scene of the lecture."""

    name: str  # short name used on the command line
    cls: type

    @property
    def chapter(self) -> int:
        return self.cls.chapter

    @property
    def title(self) -> str:
        return self.cls.title

    @property
    def summary(self) -> str:
        return self.cls.summary


def lecture() -> list[Entry]:
    """All scenes, in lecture order."""
    return [Entry(name, cls) for module in CHAPTER_MODULES for name, cls in module.SCENES]


def find(name: str) -> Entry:
    """The scene called ``name`` (short name or class name, any case); ValidationError if unknown."""
    entries = lecture()
    wanted = name.strip().lower()
    for e in entries:
        if wanted in (e.name.lower(), e.cls.__name__.lower()):
            return e
    known = [e.name for e in entries]
    close = difflib.get_close_matches(wanted, known, n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise ValidationError(f"scene {name!r} is unknown{hint}: known scenes are {', '.join(known)}")
