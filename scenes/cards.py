"""Title and chapter cards: short scenes that open the lecture and each chapter."""

from __future__ import annotations

from typing import ClassVar

from manim import DOWN, UP, FadeIn, FadeOut, VGroup, Write

from scenes import components as C
from scenes import theme
from scenes.base import LectureScene
from scenes.titles import CHAPTER_TITLES, LECTURE_SUBTITLE, LECTURE_TITLE, chapter_card_title


class ChapterCard(LectureScene):
    """A chapter's number, title and the questions it answers; subclasses set ``chapter`` (which gives the
    card's ``title`` and ``heading``, see :mod:`scenes.titles`), ``summary``, ``questions`` and ``narration``."""

    is_card = True
    heading: ClassVar[str] = ""
    questions: ClassVar[tuple[str, ...]] = ()
    narration: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "chapter" in cls.__dict__:
            cls.title, cls.heading = chapter_card_title(cls.chapter), CHAPTER_TITLES[cls.chapter]

    def construct(self) -> None:
        number = C.text(f"Chapter {self.chapter}", theme.BODY, theme.ACCENT)
        title = C.text(self.heading, theme.TITLE)
        points = C.bullet_list(self.questions, size=theme.BODY)
        VGroup(number, title).arrange(DOWN, buff=0.3).to_edge(UP, buff=1.2)
        points.next_to(title, DOWN, buff=0.8)
        self.open_chapter(number, title)
        for k, point in enumerate(points, 1):
            self.ask(k, point)
        self.play(FadeOut(VGroup(number, title, points)))

    def open_chapter(self, number: VGroup, title: VGroup) -> None:
        with self.beat("opening", self.narration[0]) as b:
            self.play(FadeIn(number, shift=DOWN * 0.2), Write(title), run_time=b.part(0.6))

    def ask(self, k: int, point: VGroup) -> None:
        """Beat ``question<k>``: the k-th question appears as it is read."""
        with self.beat(f"question{k}", self.narration[k]) as b:
            self.play(FadeIn(point, shift=UP * 0.2), run_time=b.part(0.4))


class TitleCard(LectureScene):
    """The lecture's title."""

    is_card = True
    chapter = 0
    title = LECTURE_TITLE
    summary = "Title card: what the lecture covers."

    def construct(self) -> None:
        title = C.text(LECTURE_TITLE, theme.TITLE)
        sub = C.text(LECTURE_SUBTITLE, theme.BODY, theme.ACCENT)
        VGroup(title, sub).arrange(DOWN, buff=0.5)
        with self.beat("welcome", "This lecture builds an intuition for the Hessian, the matrix of second derivatives.") as b:
            self.play(Write(title), run_time=b.part(0.5))
        with self.beat("route", "We go from slopes to curvature, then see how curvature sets the pace of learning.") as b:
            self.play(FadeIn(sub, shift=UP * 0.2), run_time=b.part(0.3))
        self.play(FadeOut(VGroup(title, sub)))
