"""Chapter 5, conclusion: the points to remember."""

from __future__ import annotations

from scenes.cards import ChapterCard


class Chapter5Card(ChapterCard):
    chapter = 5
    title = "Chapter 5: conclusion"
    summary = "Opens chapter 5: the points to remember."
    heading = "Conclusion"
    questions = ()  # TODO(chapter 5 author): three short questions the chapter answers
    narration = ()  # TODO(chapter 5 author): an opening line, then one line per question


SCENES = [
    ("chapter5", Chapter5Card),
]
