"""The engine's floor: render an empty scene of a given length, exactly as a scene job renders.

``python bench/floor.py SECONDS QUALITY OUTPUT_DIR`` starts a process like a render worker
does, renders ``wait(SECONDS)`` with the same manim.cfg and encoder settings, and exits.
"""

from __future__ import annotations

import sys
import tempfile

from manim import Scene

from hessian_lecture.jobs import QUALITIES
from hessian_lecture.manim_setup import manim_config


class Floor(Scene):
    seconds = 5.0

    def construct(self) -> None:
        self.wait(self.seconds)


def main() -> None:
    seconds, quality, output = float(sys.argv[1]), sys.argv[2], sys.argv[3]
    media = tempfile.mkdtemp(prefix=".floor-", dir=output)
    settings = {"media_dir": media, "quality": QUALITIES[quality], "disable_caching": True,
                "progress_bar": "none", "verbosity": "WARNING"}
    with manim_config(settings):
        Floor.seconds = seconds
        Floor().render()


if __name__ == "__main__":
    main()
