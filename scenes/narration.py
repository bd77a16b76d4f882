"""Caption rules: how a beat's text is cut into cues, how cues wrap, how long a silent cue stays up.

A beat's text is cut into cues at sentence ends; each cue is one take of the voice and one caption.
Common subtitle practice: at most two lines of about 42 characters, read at no more than about
180 words per minute. Without a voice, each caption is held at a gentler pace, ``WORDS_PER_MINUTE``.
"""

from __future__ import annotations

import re
import textwrap

from mathcore.errors import ValidationError

MAX_LINE_CHARS = 42
MAX_LINES = 2
MAX_WORDS_PER_MINUTE = 180  # the limit a caption may never exceed
WORDS_PER_MINUTE = 150  # the pace of captions without a voice
MIN_SECONDS = 1.5
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^a-z\s])")  # a stop, space, then anything but a lower-case letter


def wrap(text: str) -> str:
    """Wrap ``text`` to at most two lines of ``MAX_LINE_CHARS``; ValidationError if it does not fit."""
    lines = textwrap.wrap(" ".join(text.split()), MAX_LINE_CHARS)
    if not lines or len(lines) > MAX_LINES:
        raise ValidationError(f"the sentence {' '.join(text.split())!r} needs {len(lines)} caption lines (at most "
                              f"{MAX_LINES} of {MAX_LINE_CHARS} characters): split it into shorter sentences")
    return "\n".join(lines)


def cues(text: str) -> list[str]:
    """The caption cues of a beat's text: its sentences, each wrapped (ValidationError if one is too long)."""
    sentences = [s for s in SENTENCE_END.split(" ".join(text.split())) if s]
    if not sentences:
        raise ValidationError("the text is empty")
    return [wrap(s) for s in sentences]


def word_count(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def reading_seconds(text: str) -> float:
    """Seconds a caption stays up without a voice: max(MIN_SECONDS, words * 60 / WORDS_PER_MINUTE)."""
    return max(MIN_SECONDS, word_count(text) * 60.0 / WORDS_PER_MINUTE)
