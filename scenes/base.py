"""The base class of every lecture scene: parameters, beats of narration and the numbers it shows.

A scene subclasses :class:`LectureScene`, sets ``Params`` (its parameter set) and the catalogue
fields, computes every number it will draw in :meth:`LectureScene.values` from ``mathcore``, and
tells its story as beats: ``with self.beat("name", "Text.") as b:`` then animations timed by
``b`` (see :mod:`scenes.beats`). Scenes stay plain manim scenes, so ``manim -ql scenes/<file>.py
<Scene>`` renders them (with the default voice) as well as the project's command does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from types import MappingProxyType
from typing import Any, ClassVar

from manim import Scene, config
from pydub import AudioSegment

from mathcore.errors import ValidationError
from scenes import layout, narration
from scenes.beats import Beat, frames
from scenes.params import SceneParams
from speech import voices


BREATH_S = 0.4  # default silence between the end of one beat's speech and the next beat


@dataclass(frozen=True)
class SceneValues:
    """Every number a scene shows; each scene subclasses it with its own fields."""

    def as_dict(self) -> dict[str, Any]:
        """The values as plain JSON-ready data, keys in field order (a field named like a keyword ends in ``_``,
        its key does not)."""
        return asdict(self, dict_factory=lambda items: {k.removesuffix("_"): v for k, v in items})


class LectureScene(Scene):
    """A lecture scene: parameters, beats, and the numbers it shows (3-D pictures are drawn flat, see
    :class:`scenes.projection.View`)."""

    Params: ClassVar[type[SceneParams]] = SceneParams
    params: ClassVar[SceneParams | None] = None  # None: the defaults of Params
    chapter: ClassVar[int] = 0
    title: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    is_card: ClassVar[bool] = False  # title and chapter cards are short and take no parameters
    name: ClassVar[str | None] = None  # None: the short name the catalogue gives the scene
    voice: ClassVar[str] = voices.DEFAULT  # see speech.voices
    breath: ClassVar[float] = BREATH_S
    script: ClassVar[Mapping[str, str]] = MappingProxyType({})  # beat id -> the text to speak instead

    @classmethod
    def resolved_params(cls) -> SceneParams:
        """The parameter set this class renders with."""
        return cls.params if cls.params is not None else cls.Params()

    @classmethod
    def values(cls, p: SceneParams) -> SceneValues:
        """Every number the scene shows for parameters ``p``, computed by mathcore."""
        return SceneValues()

    @classmethod
    def scene_name(cls) -> str:
        """The scene's short name in the catalogue: the first part of each of its beat ids."""
        from scenes.catalogue import find

        return cls.name or find(cls.__name__).name

    @classmethod
    def with_params(cls, p: SceneParams | None = None, **narration_settings: Any) -> type:
        """A subclass that renders with ``p`` and the given ``voice``, ``breath`` or ``script`` (same name,
        so files keep their names)."""
        if p is not None and not isinstance(p, cls.Params):
            raise TypeError(f"{cls.__name__} takes {cls.Params.__name__}, not {type(p).__name__}")
        unknown = set(narration_settings) - {"voice", "breath", "script"}
        if unknown:
            raise TypeError(f"unknown narration settings: {', '.join(sorted(unknown))}")
        if "script" in narration_settings:
            narration_settings["script"] = MappingProxyType(dict(narration_settings["script"]))
        fields = {"params": p} if p is not None else {}
        return type(cls.__name__, (cls,), {**fields, **narration_settings, "__module__": cls.__module__})

    def setup(self) -> None:
        super().setup()
        self.p = self.resolved_params()
        self.v = self.values(self.p)
        self.readouts: dict[str, Any] = {}  # key -> the last value shown under it
        self.beat_readouts: dict[str, dict[str, Any]] = {}  # beat id -> what show() recorded during that beat
        self.current_beat: str | None = None
        self.beats: list[dict] = []  # every beat played, as Beat.record()
        self.faults: dict[str, list[str]] = {}  # beat id -> what broke the frame's rules at its end (scenes.layout)
        self.speaker = voices.voice(self.voice)
        self.prefix = self.scene_name()

    def show(self, key: str, value: Any) -> Any:
        """Record that ``value`` is drawn on screen under ``key``, overall and for the beat being played (tests
        compare both with mathcore)."""
        self.readouts[key] = value
        if self.current_beat is not None:
            self.beat_readouts.setdefault(self.current_beat, {})[key] = value
        return value

    @contextmanager
    def beat(self, name: str, text: str) -> Iterator[Beat]:
        """Play beat ``<scene>.<name>``: speak ``text`` (or the script's text for it) from now, caption each
        sentence while it is spoken, and after the block wait until the speech has ended, plus a breath."""
        beat_id = f"{self.prefix}.{name}"
        if any(b["id"] == beat_id for b in self.beats):
            raise ValueError(f"beat id {beat_id} is used twice")
        try:
            cues = narration.cues(self.script.get(beat_id, text))
        except ValidationError as e:
            raise ValidationError(f"beat {beat_id}: {e}") from None
        spoken = self.speaker.speak(beat_id, cues)
        if not config.dry_run:
            for offset, path in spoken.sounds:
                self.add_sound(str(path), time_offset=offset)
        holds = [start for start, _ in spoken.cues[1:]] + [spoken.seconds + self.breath]
        for cue, (start, _), until in zip(cues, spoken.cues, holds):  # each caption stays up until the next
            self.add_subcaption(cue, duration=until - start, offset=start)
        b = Beat(self, beat_id, cues, spoken, self.time)
        self.current_beat = beat_id
        yield b
        rest = b.start + b.duration + self.breath - self.time
        if rest > 1e-6:
            self.wait(frames(rest))
        self.beats.append(b.record())
        self.faults[beat_id] = layout.faults(self.mobjects)
        self.current_beat = None

    def tear_down(self) -> None:
        """Carry the soundtrack on in silence to the scene's last frame, so sound and picture end together."""
        writer = self.renderer.file_writer
        if getattr(writer, "includes_sound", False):
            writer.add_audio_segment(AudioSegment.silent(0), time=self.time)
        super().tear_down()
