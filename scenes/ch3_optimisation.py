"""Chapter 3, the Hessian and optimisation: how eigenvalues set the speed and stability of gradient descent."""

from __future__ import annotations

from scenes.cards import ChapterCard


class Chapter3Card(ChapterCard):
    chapter = 3
    title = "Chapter 3: the Hessian and optimisation"
    summary = "Opens chapter 3: how eigenvalues set the speed and stability of gradient descent."
    heading = "The Hessian and optimisation"
    questions = ()  # TODO(chapter 3 author): three short questions the chapter answers
    narration = ()  # TODO(chapter 3 author): an opening line, then one line per question


SCENES = [
    ("chapter3", Chapter3Card),
]
