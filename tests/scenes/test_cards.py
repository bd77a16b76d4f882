"""Title and chapter cards: one short beat each, the questions appear one after the other while it is spoken."""

from __future__ import annotations

import pytest

from scenes import narration
from scenes.cards import ChapterCard, TitleCard
from scenes.catalogue import lecture

CARDS = [e for e in lecture() if e.cls.is_card]
CARD_MAX_S = 7.0  # each card at default settings
CARDS_TOTAL_MAX_S = 40.0  # all six: at most 5 % of a lecture of about 13 minutes


def test_there_are_a_title_and_five_chapter_cards():
    assert [e.cls for e in CARDS][0] is TitleCard
    assert [e.cls.chapter for e in CARDS] == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize("entry", CARDS, ids=lambda e: e.name)
def test_a_card_is_one_short_beat(entry, dry):
    run = dry(entry.cls)
    assert len(run.beats) == 1
    assert run.duration <= CARD_MAX_S


def test_the_cards_together_stay_short(dry):
    assert sum(dry(e.cls).duration for e in CARDS) <= CARDS_TOTAL_MAX_S


@pytest.mark.parametrize("entry", [e for e in CARDS if issubclass(e.cls, ChapterCard)], ids=lambda e: e.name)
def test_a_chapter_card_names_its_chapter_in_one_sentence_and_shows_its_questions(entry, dry):
    cls = entry.cls
    assert len(narration.cues(cls.narration)) == 1
    number = ("one", "two", "three", "four", "five")[cls.chapter - 1]
    assert cls.narration.startswith(f"Chapter {number}")
    assert len(cls.questions) == 3
    assert [b["id"] for b in dry(cls).beats] == [f"{entry.name}.opening"]


CHAPTER_4_TOPICS = {  # each scene of chapter 4, and the word by which its card's questions name it
    "taylor": "quadratic picture",
    "normalise": "normalising",
    "momentum": "momentum",
    "edge_of_stability": "network",
    "spectrum": "network",
}


def test_the_chapter_4_card_asks_about_every_scene_of_its_chapter():
    scenes = [e.name for e in lecture() if e.chapter == 4 and not e.cls.is_card]
    assert scenes == list(CHAPTER_4_TOPICS)  # a new scene in chapter 4 needs its question on the card
    card = next(e.cls for e in CARDS if e.chapter == 4)
    asked = " ".join(card.questions).lower()
    assert [s for s, word in CHAPTER_4_TOPICS.items() if word not in asked] == []
