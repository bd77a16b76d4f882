"""Render one job in this process: ``python -m hessian_lecture.worker '<job json>' <parent pid>``.

The scene renders into a private temporary folder inside the output folder; its files are moved to
their final names only when complete, so an interrupted render never leaves a truncated file under
a final name, and two renders into the same folder never share a temporary file.
"""

from __future__ import annotations

import ctypes
import json
import logging
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

from manim import config, tempconfig

from hessian_lecture.jobs import MANIM_CFG, QUALITIES, Job
from hessian_lecture.tex_cache import use_shared_caches
from scenes.catalogue import find

TEMP_PREFIX = ".partial-"


class _MuxerNotice(logging.Filter):
    """Hides libav's warning that manim's muxer ignored two options, printed for every scene with sound."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Some options were not used" not in record.getMessage()


for _handler in logging.getLogger().handlers:  # libav logs through the root logger's handler that manim installs
    _handler.addFilter(_MuxerNotice())


def job_from_json(text: str) -> Job:
    data = json.loads(text)
    entry = find(data["scene"])
    return Job(
        scene=entry.name,
        params=entry.cls.Params(**{k: tuple(v) if isinstance(v, list) else v for k, v in data["params"].items()}),
        quality=data["quality"],
        format=data["format"],
        output=Path(data["output"]),
        voice=data["voice"],
        breath=data["breath"],
        script=tuple(sorted(data["script"].items())),
        code=data["code"],
    )


def _settings(job: Job, media: Path) -> dict:
    settings = {
        "media_dir": str(media),
        "quality": QUALITIES[job.quality],
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        **use_shared_caches(),
    }
    if job.format == "png":
        settings.update({"save_last_frame": True, "write_to_movie": False, "format": "png"})
    else:
        settings["format"] = job.format
    return settings


def render(job: Job) -> list[Path]:
    """Render ``job`` and return its finished files."""
    job.output.mkdir(parents=True, exist_ok=True)
    media = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-{job.stem}-", dir=job.output))
    try:
        config.digest_file(str(MANIM_CFG))
        with tempconfig(_settings(job, media)):
            scene = find(job.scene).cls.with_params(job.params, **job.narration())()
            scene.render()
            writer = scene.renderer.file_writer
            produced = Path(writer.image_file_path if job.format == "png" else writer.movie_file_path)
            if job.beats is not None:  # the beats as this render timed them, for the lecture's presenter, handout, deck
                produced.with_suffix(".beats.json").write_text(json.dumps(scene.beats), encoding="utf-8")
        return move_into_place(job, produced)
    finally:
        shutil.rmtree(media, ignore_errors=True)


def move_into_place(job: Job, produced: Path) -> list[Path]:
    """Rename a finished render's file ``produced`` (and the ``.srt`` and ``.beats.json`` beside it) to ``job``'s
    final names, on the output folder's file system; returns the final files, the video first."""
    written = []
    for side, final in ((".srt", job.captions), (".beats.json", job.beats)):
        if final is not None and produced.with_suffix(side).exists():
            os.replace(produced.with_suffix(side), final)
            written.append(final)
    os.replace(produced, job.path)  # the video last: its presence means the job is complete
    written.insert(0, job.path)
    return written


PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when the thread that started it ends


def die_with_parent(parent: int) -> None:
    """Have the kernel send SIGTERM when the runner that started this worker dies, even by SIGKILL (Linux), so
    that no worker renders on for a command that is gone; exit at once if it is already gone."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        sys.exit(143)


def main() -> None:
    """``python -m hessian_lecture.worker JOB_JSON PARENT_PID``: render the job, print its files."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the clean-up in ``finally``
    signal.signal(signal.SIGINT, lambda *_: sys.exit(130))
    die_with_parent(int(sys.argv[2]))
    for path in render(job_from_json(sys.argv[1])):
        print(path)


if __name__ == "__main__":
    main()
