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
import secrets
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from manim import console as manim_console

from hessian_lecture import records
from hessian_lecture.jobs import QUALITIES, Job
from hessian_lecture.manim_setup import manim_config
from scenes.catalogue import find

TEMP_PREFIX = ".partial-"

_stop: BaseException | None = None  # the stop a signal asked for, kept: Python ignores one raised in a weakref callback
_cleaning = False  # a clean-up is running: a stop asked for meanwhile waits for its end


def _stopping_with(stop: Callable[[], BaseException]):
    """A signal handler that raises ``stop()`` and remembers it, so that a render whose interrupt landed in a weakref
    callback or ``__del__`` (where Python prints "Exception ignored" and goes on) still stops before its files move;
    during a clean-up (:func:`_cleaning_up`) it only remembers it."""
    def handler(signum, frame):
        global _stop
        _stop = stop()
        if not _cleaning:
            raise _stop
    return handler


@contextmanager
def _cleaning_up() -> Iterator[None]:
    """Let a clean-up run to its end, and raise a stop asked for meanwhile once it is done: under load, workers whose
    runner was killed were seen to get SIGTERM a second time while removing their folder, which then stayed."""
    global _cleaning
    before, _cleaning = _stop, True
    try:
        yield
    finally:
        _cleaning = False
    if _stop is not before:
        raise _stop


@contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C stops a render in this process for sure (see :func:`_stopping_with`) while the block runs."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield
        return
    signal.signal(signal.SIGINT, _stopping_with(KeyboardInterrupt))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


class _MuxerNotice(logging.Filter):
    """Hides libav's warning that manim's muxer ignored two options, printed for every scene with sound."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Some options were not used" not in record.getMessage()


for _handler in logging.getLogger().handlers:  # libav logs through the root logger's handler that manim installs
    _handler.addFilter(_MuxerNotice())
manim_console.stderr = True  # manim logs to stdout otherwise; a command's stdout carries its results only


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
    }
    if job.format == "png":
        settings.update({"save_last_frame": True, "format": "png"})
    else:
        settings["format"] = job.format
    return settings


@contextmanager
def partial_folder(job: Job) -> Iterator[Path]:
    """A private folder for ``job``'s files in the making, inside its output folder, removed however the block ends.
    Its name is chosen before it is made, so that a stop landing just as it appears still finds it to remove."""
    folder = job.output / f"{TEMP_PREFIX}{os.getpid()}-{job.stem}-{secrets.token_hex(4)}"
    try:
        job.output.mkdir(parents=True, exist_ok=True)
        folder.mkdir()
        yield folder
    finally:
        with _cleaning_up():
            shutil.rmtree(folder, ignore_errors=True)


def render(job: Job) -> list[Path]:
    """Render ``job`` and return its finished files."""
    with _interruptible(), partial_folder(job) as media:
        with manim_config(_settings(job, media)):
            scene = find(job.scene).cls.with_params(job.params, **job.narration())()
            scene.render()
            writer = scene.renderer.file_writer
            produced = Path(writer.image_file_path if job.format == "png" else writer.movie_file_path)
            if job.beats is not None:  # the beats as this render timed them, for the lecture's presenter, handout, deck
                produced.with_suffix(".beats.json").write_text(json.dumps(scene.beats), encoding="utf-8")
            if _stop is not None:  # interrupted, though the exception was swallowed on the way
                raise _stop
        return move_into_place(job, produced)


def move_into_place(job: Job, produced: Path) -> list[Path]:
    """Rename a finished render's file ``produced`` (and the ``.srt`` and ``.beats.json`` beside it) to ``job``'s
    final names, on the output folder's file system, then write the job's record of them (size and sha256 of each,
    taken from the private files before they move; see :mod:`hessian_lecture.records`): the job is finished when
    its files match its record. An empty folder under a final name is removed first. Returns the final files, the
    video first."""
    moves = [(produced, job.path)] + [(produced.with_suffix(side), final)
                                      for side, final in ((".srt", job.captions), (".beats.json", job.beats))
                                      if final is not None and produced.with_suffix(side).exists()]
    record = {final.name: records.fingerprint(source) for source, final in moves}
    for source, final in moves:
        if final.is_dir() and not final.is_symlink():
            try:
                final.rmdir()
            except OSError:
                raise IsADirectoryError(f"{final} is a folder that is not empty, in the way of a finished file; "
                                        f"remove it") from None
        os.replace(source, final)
    records.write_job_record(job, record, scratch=produced.parent)
    return [final for _, final in moves]


PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when the thread that started it ends


def die_with_parent(parent: int) -> None:
    """Have the kernel send SIGTERM when the runner that started this worker dies, even by SIGKILL (Linux), so
    that no worker renders on for a command that is gone; exit at once if it is already gone."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        sys.exit(143)


def main() -> None:
    """``python -m hessian_lecture.worker JOB_JSON PARENT_PID``: render the job and print its files on stdout, one
    per line and nothing else: whatever else writes to stdout (manim, libav, a library's print) goes to stderr."""
    results = os.fdopen(os.dup(sys.stdout.fileno()), "w")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    signal.signal(signal.SIGTERM, _stopping_with(lambda: SystemExit(143)))  # run the clean-up in ``finally``
    signal.signal(signal.SIGINT, _stopping_with(lambda: SystemExit(130)))
    die_with_parent(int(sys.argv[2]))
    with results:
        for path in render(job_from_json(sys.argv[1])):
            results.write(f"{path}\n")


if __name__ == "__main__":
    main()
