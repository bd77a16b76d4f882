"""Properties every scene of the lecture must have: length, captions, parameters, catalogue."""

from __future__ import annotations

import dataclasses

import pytest

from mathcore.errors import ValidationError
from hessian_lecture.inspection import dry_run
from scenes import narration
from scenes.catalogue import find, lecture
from scenes.titles import CHAPTER_TITLES
from scenes.narration import MAX_LINE_CHARS, MAX_LINES, MAX_WORDS_PER_MINUTE

ENTRIES = lecture()
CARD_SECONDS = (4, 8)  # title and chapter cards: one short beat each (tests/scenes/test_cards.py)
SCENE_SECONDS = (20, 60)
FRAME = 1 / 15  # dry runs use low quality: 15 frames per second


def test_lecture_order_is_by_chapter():
    chapters = [e.chapter for e in ENTRIES]
    assert chapters == sorted(chapters)
    assert set(chapters) <= set(CHAPTER_TITLES)


def test_names_are_unique_and_findable():
    names = [e.name for e in ENTRIES]
    assert len(names) == len(set(names))
    for e in ENTRIES:
        assert find(e.name.upper()) is e or find(e.name.upper()).cls is e.cls
        assert find(e.cls.__name__).cls is e.cls


def test_unknown_scene_names_close_match_and_known_names():
    with pytest.raises(ValidationError, match=r"did you mean slope\?.*known scenes are"):
        find("slpoe")


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_duration_in_range(entry, dry):
    lo, hi = CARD_SECONDS if entry.cls.is_card else SCENE_SECONDS
    assert lo <= dry(entry.cls).duration <= hi


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_captions_are_timed_in_order_and_readable(entry, dry):
    run = dry(entry.cls)
    cues = run.captions
    assert cues, "every scene narrates"
    previous_end = 0.0
    for cue in cues:
        start, end = cue.start.total_seconds(), cue.end.total_seconds()
        assert start >= previous_end - 1e-6, "cues do not overlap"
        assert end <= run.duration + 1e-6
        lines = cue.content.split("\n")
        assert 1 <= len(lines) <= MAX_LINES
        assert all(len(line) <= MAX_LINE_CHARS for line in lines)
        words_per_minute = narration.word_count(cue.content) / ((end - start) / 60)
        assert words_per_minute <= MAX_WORDS_PER_MINUTE + 1e-6
        previous_end = end
    assert sum(c.end.total_seconds() - c.start.total_seconds() for c in cues) >= 0.8 * run.duration - FRAME


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_defaults_are_valid_and_rebuild_identically(entry):
    p = entry.cls.Params()
    again = entry.cls.Params(**{f.name: getattr(p, f.name) for f in dataclasses.fields(p)})
    assert again == p


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_values_are_plain_data(entry):
    import json

    json.dumps(entry.cls.values(entry.cls.Params()).as_dict())


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_every_parameter_is_described(entry):
    for info in entry.cls.Params.describe():
        assert info.help, f"{entry.name}.{info.name} needs a one-line meaning"
        if info.type in ("float", "int", "tuple[float]"):
            assert info.min is not None and info.max is not None, f"{entry.name}.{info.name} needs a range"


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.name)
def test_beat_ids_are_unique_stable_and_named_by_their_scene(entry, dry):
    ids = [b["id"] for b in dry(entry.cls).beats]
    assert ids and len(ids) == len(set(ids))
    assert all(i.startswith(f"{entry.name}.") and i.count(".") == 1 for i in ids), ids
    assert [b["id"] for b in dry_run(entry.cls, voice="none").beats] == ids, "ids do not depend on the voice"
