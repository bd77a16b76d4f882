"""The base class of every lecture scene: parameters, narration and the numbers it shows.

A scene subclasses :class:`LectureScene`, sets ``Params`` (its parameter set) and the catalogue
fields, computes every number it will draw in :meth:`LectureScene.values` from ``mathcore``, and
narrates with :meth:`LectureScene.narrate`. Scenes stay plain manim scenes, so
``manim -ql scenes/<file>.py <Scene>`` renders them as well as the project's command does.
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

from manim import Scene, config

from scenes import narration
from scenes.copying import share_glyph_paths
from scenes.params import SceneParams

share_glyph_paths()


class LectureScene(Scene):
    """A lecture scene: parameters, narration, and the numbers it shows (3-D pictures are drawn flat, see
    :class:`scenes.projection.View`)."""

    Params: ClassVar[type[SceneParams]] = SceneParams
    params: ClassVar[SceneParams | None] = None  # None: the defaults of Params
    chapter: ClassVar[int] = 0
    title: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    is_card: ClassVar[bool] = False  # title and chapter cards are short and take no parameters

    @classmethod
    def resolved_params(cls) -> SceneParams:
        """The parameter set this class renders with."""
        return cls.params if cls.params is not None else cls.Params()

    @classmethod
    def values(cls, p: SceneParams) -> dict[str, Any]:
        """Every number the scene shows for parameters ``p``, computed by mathcore."""
        return {}

    @classmethod
    def with_params(cls, p: SceneParams) -> type:
        """A subclass of this scene that renders with ``p`` (same name, so files keep their names)."""
        if not isinstance(p, cls.Params):
            raise TypeError(f"{cls.__name__} takes {cls.Params.__name__}, not {type(p).__name__}")
        return type(cls.__name__, (cls,), {"params": p, "__module__": cls.__module__})

    def setup(self) -> None:
        super().setup()
        self.p = self.resolved_params()
        self.v = self.values(self.p)
        self.readouts: dict[str, Any] = {}
        self._caption: tuple[str, float] | None = None

    def show(self, key: str, value: Any) -> Any:
        """Record that ``value`` is drawn on screen under ``key`` (tests compare it with mathcore)."""
        self.readouts[key] = value
        return value

    def narrate(self, text: str) -> None:
        """Start a caption now; the previous one is held until it has been on for its reading time."""
        self.close_caption()
        self._caption = (narration.wrap(text), self.time)

    def close_caption(self) -> None:
        """End the open caption, waiting first if it has not yet been on for its reading time."""
        if self._caption is None:
            return
        text, start = self._caption
        self._caption = None
        remaining = start + narration.reading_seconds(text) - self.time
        if remaining > 1e-6:
            self.wait(math.ceil(remaining * config.frame_rate - 1e-6) / config.frame_rate)
        self.add_subcaption(text, duration=self.time - start, offset=start - self.time)

    def tear_down(self) -> None:
        self.close_caption()
        super().tear_down()

