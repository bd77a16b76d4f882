"""Title and chapter cards: short scenes that open the lecture and each chapter, one beat each."""

from __future__ import annotations

from typing import ClassVar

from manim import DOWN, UP, FadeIn, FadeOut, VGroup, Write

from scenes import components as C
from scenes import theme
from scenes.base import LectureScene
from scenes.titles import CHAPTER_TITLES, LECTURE_SUBTITLE, LECTURE_TITLE, chapter_card_title

FADE_S = 0.5  # a card's quick fade at its end
TITLE_SHARE = 0.35  # the title writes over this share of the speech, while the chapter is named
SHOW_SHARE = 0.7  # each question fades in over this share of its slot of the speech, then stands
CARD_TOP = 1.2  # from the frame's top edge to the chapter line, scene units
CARD_QUESTIONS_GAP = 0.8  # between the chapter's title and its questions, scene units
TITLE_SUBTITLE_GAP = 0.5  # between the lecture's title and its subtitle, scene units


class ChapterCard(LectureScene):
    """A chapter's number, title and the questions it answers, in one beat: the title writes while the voice
    names the chapter, then the questions appear one after the other while it says what the chapter answers.
    Subclasses set ``chapter`` (which gives the card's ``title`` and ``heading``, see :mod:`scenes.titles`),
    ``summary``, ``questions`` and ``narration`` (one short sentence: the chapter, and what its questions ask)."""

    is_card = True
    heading: ClassVar[str] = ""
    questions: ClassVar[tuple[str, ...]] = ()
    narration: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if "chapter" in cls.__dict__:
            cls.title, cls.heading = chapter_card_title(cls.chapter), CHAPTER_TITLES[cls.chapter]

    def construct(self) -> None:
        number = C.text(f"Chapter {self.chapter}", theme.BODY, theme.ACCENT)
        title = C.text(self.heading, theme.TITLE)
        points = C.bullet_list(self.questions, size=theme.BODY)
        VGroup(number, title).arrange(DOWN, buff=theme.BUFF).to_edge(UP, buff=CARD_TOP)
        points.next_to(title, DOWN, buff=CARD_QUESTIONS_GAP)
        with self.beat("opening", self.narration) as b:
            self.play(FadeIn(number, shift=DOWN * theme.FADE_SHIFT), Write(title), run_time=b.part(TITLE_SHARE))
            slot = max(b.left, FADE_S * len(points)) / len(points)
            for point in points:  # the questions one after the other, over the rest of the speech
                self.play(FadeIn(point, shift=UP * theme.FADE_SHIFT), run_time=SHOW_SHARE * slot)
                self.wait(slot - SHOW_SHARE * slot)
        self.play(FadeOut(VGroup(number, title, points)), run_time=FADE_S)


class TitleCard(LectureScene):
    """The lecture's title."""

    is_card = True
    chapter = 0
    title = LECTURE_TITLE
    summary = "Title card: what the lecture covers."

    def construct(self) -> None:
        title = C.text(LECTURE_TITLE, theme.TITLE)
        sub = C.text(LECTURE_SUBTITLE, theme.BODY, theme.ACCENT)
        VGroup(title, sub).arrange(DOWN, buff=TITLE_SUBTITLE_GAP)
        with self.beat("welcome", "This lecture builds an intuition for the Hessian, the matrix of second derivatives.") as b:
            self.play(Write(title), run_time=b.part(0.45))
            self.play(FadeIn(sub, shift=UP * theme.FADE_SHIFT), run_time=b.part(0.25))
        self.play(FadeOut(VGroup(title, sub)), run_time=FADE_S)
