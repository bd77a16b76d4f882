"""Chapter 2, eigenvectors and eigenvalues: the quadratic form, its four shapes, the eigen-axes of its contours."""

from __future__ import annotations

from scenes.cards import ChapterCard


class Chapter2Card(ChapterCard):
    chapter = 2
    title = "Chapter 2: eigenvectors and eigenvalues"
    summary = "Opens chapter 2: the quadratic form, its four shapes, the eigen-axes of its contours."
    heading = "Eigenvectors and eigenvalues"
    questions = ()  # TODO(chapter 2 author): three short questions the chapter answers
    narration = ()  # TODO(chapter 2 author): an opening line, then one line per question


SCENES = [
    ("chapter2", Chapter2Card),
]
