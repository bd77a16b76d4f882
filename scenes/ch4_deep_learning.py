"""Chapter 4, the Hessian and deep learning: Taylor models, normalised inputs and momentum."""

from __future__ import annotations

from scenes.cards import ChapterCard


class Chapter4Card(ChapterCard):
    chapter = 4
    title = "Chapter 4: the Hessian and deep learning"
    summary = "Opens chapter 4: Taylor models, normalised inputs and momentum."
    heading = "The Hessian and deep learning"
    questions = ()  # TODO(chapter 4 author): three short questions the chapter answers
    narration = ()  # TODO(chapter 4 author): an opening line, then one line per question


SCENES = [
    ("chapter4", Chapter4Card),
]
