"""What one render is: scene, parameters, quality and format, and where its files go.

A job's file names carry the scene's short name and a digest of everything that decides the
picture (scene, resolved parameters, quality, format, the project's code and manim's version), so
variants never overwrite each other and an unchanged job can reuse its finished file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import manim

from hessian_lecture.manim_setup import MANIM_CFG
from scenes.base import BREATH_S
from scenes.params import SceneParams
from speech import voices

PROJECT = Path(__file__).resolve().parents[1]  # the folder holding the packages: the repository, or site-packages
CODE_DIRS = ("mathcore", "formula_losses", "scenes", "speech")

QUALITIES = {
    "low": "low_quality",
    "medium": "medium_quality",
    "high": "high_quality",
    "production": "production_quality",
    "fourk": "fourk_quality",
}
FORMATS = ("mp4", "webm", "gif", "png")


@cache
def code_fingerprint() -> str:
    """sha256 over the numeric core, the formula reader, the scenes, the speech package, the package's manim.cfg
    and manim's version (each file by its path inside the install, so an installed copy gives the same)."""
    h = hashlib.sha256(manim.__version__.encode())
    files = sorted(p for d in CODE_DIRS for p in (PROJECT / d).rglob("*.py"))
    for path in [*files, MANIM_CFG]:
        h.update(str(path.relative_to(PROJECT)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class Job:
    """One scene variant to render into ``output``."""

    scene: str  # short name from the catalogue
    params: SceneParams
    quality: str = "medium"
    format: str = "mp4"
    output: Path = Path("media/render")
    voice: str = voices.DEFAULT  # see speech.voices
    breath: float = BREATH_S
    script: tuple[tuple[str, str], ...] = ()  # (beat id, text) that replace this scene's own words
    code: str = field(default_factory=lambda: code_fingerprint())  # fixed when the job is made

    def narration(self) -> dict:
        """The narration settings as the scene class takes them."""
        return {"voice": self.voice, "breath": self.breath, "script": dict(self.script)}

    @cached_property
    def sound(self) -> str:
        """What decides the scene's sound besides the code: the voice's settings or the recordings' bytes."""
        return voices.voice(self.voice).fingerprint(self.scene)

    def describe(self) -> dict:
        """Everything that decides the output, as plain data."""
        return {
            "scene": self.scene,
            "params": self.params.as_dict(),
            "quality": self.quality,
            "format": self.format,
            "narration": {"voice": self.voice, "sound": self.sound, "breath": self.breath, "script": self.script},
        }

    @property
    def digest(self) -> str:
        """Short sha256 of :meth:`describe` and the code fingerprint."""
        blob = json.dumps(self.describe(), sort_keys=True) + self.code
        return hashlib.sha256(blob.encode()).hexdigest()[:10]

    @property
    def params_digest(self) -> str:
        """Short sha256 of the resolved parameters alone (shown next to the scene name)."""
        return hashlib.sha256(json.dumps(self.params.as_dict(), sort_keys=True).encode()).hexdigest()[:8]

    @property
    def stem(self) -> str:
        return f"{self.scene}-{self.params_digest}-{self.quality}-{self.digest[:6]}"

    @property
    def path(self) -> Path:
        """The finished file."""
        return self.output / f"{self.stem}.{self.format}"

    @property
    def captions(self) -> Path | None:
        """The finished ``.srt`` beside a video (none for a still image)."""
        return None if self.format == "png" else self.output / f"{self.stem}.srt"

    @property
    def beats(self) -> Path | None:
        """The finished ``.beats.json`` beside a video: every beat played, as the render timed it (none for a
        still image)."""
        return None if self.format == "png" else self.output / f"{self.stem}.beats.json"

    def to_json(self) -> str:
        return json.dumps({"scene": self.scene, "params": self.params.as_dict(), "quality": self.quality,
                           "format": self.format, **self.narration(), "output": str(self.output), "code": self.code})
