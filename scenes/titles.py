"""The lecture's title and its chapters' titles: one home for the names that cards, the catalogue and the
bundle (page, transcript, chapter marks) all show."""

from __future__ import annotations

LECTURE_TITLE = "The Hessian, intuitively"
LECTURE_SUBTITLE = "curvature, eigenvalues and the speed of gradient descent"

CHAPTER_TITLES = {
    0: "Introduction",
    1: "The basic intuition",
    2: "Eigenvectors and eigenvalues",
    3: "The Hessian and optimisation",
    4: "The Hessian and deep learning",
    5: "Conclusion",
}


def chapter_card_title(chapter: int) -> str:
    """The title of a chapter's card: ``Chapter 1: the basic intuition``."""
    heading = CHAPTER_TITLES[chapter]
    return f"Chapter {chapter}: {heading[0].lower()}{heading[1:]}"
