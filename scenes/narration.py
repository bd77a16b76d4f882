"""Caption rules: how narration is wrapped and how long each caption must stay on screen.

Common subtitle practice: at most two lines of about 42 characters, read at no more than about
180 words per minute. Scenes hold each caption at a gentler pace, ``WORDS_PER_MINUTE``.
"""

from __future__ import annotations

import textwrap

MAX_LINE_CHARS = 42
MAX_LINES = 2
MAX_WORDS_PER_MINUTE = 180  # the limit a caption may never exceed
WORDS_PER_MINUTE = 150  # the pace scenes are timed for
MIN_SECONDS = 1.5


def wrap(text: str) -> str:
    """Wrap ``text`` to at most two lines of ``MAX_LINE_CHARS``; raise ValueError if it does not fit."""
    lines = textwrap.wrap(" ".join(text.split()), MAX_LINE_CHARS)
    if not lines or len(lines) > MAX_LINES:
        raise ValueError(f"caption needs {len(lines)} lines (at most {MAX_LINES}): {text!r}")
    return "\n".join(lines)


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def reading_seconds(text: str) -> float:
    """Seconds a caption stays up: max(MIN_SECONDS, words * 60 / WORDS_PER_MINUTE)."""
    return max(MIN_SECONDS, word_count(text) * 60.0 / WORDS_PER_MINUTE)
