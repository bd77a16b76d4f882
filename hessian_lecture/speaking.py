"""Narration settings for a render: the voice, the breath between beats and the script, checked before
anything renders.

A script file is checked against the beats each of its scenes really has (a silent dry run), and a
recorded voice against its takes (a dry run with that voice decodes and checks every take of every
scene to render), so a bad id, a missing take or a file that is not audio ends the command with one
line, before any video is written. A synthesised voice makes the takes of the scenes to render ahead of their
renders, while the first renders run (:class:`Takes`).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from hessian_lecture import script as script_file
from hessian_lecture.inspection import defaults, dry_run
from mathcore.errors import ValidationError
from scenes import narration
from scenes.catalogue import Entry, find
from scenes.params import SceneParams
from speech import voices

MAX_BREATH_S = 3.0


def settings(
    entries: list[Entry],
    variants: dict[str, list[SceneParams]],
    voice: str,
    breath: float,
    script_path: Path | None,
) -> dict[str, dict]:
    """For each scene of ``entries``: the ``voice``, ``breath`` and ``script`` (the (beat id, text) pairs whose
    text differs from the scene's own) to render with."""
    speaker = voices.voice(voice)  # an unknown or missing voice fails here
    if not 0 <= breath <= MAX_BREATH_S:
        raise ValidationError(f"breath = {breath:g}: must lie in [0, {MAX_BREATH_S:g}] seconds")
    script = script_file.load(script_path) if script_path else {}
    if script:
        silent = defaults([find(scene) for scene in script], "none")
        own = {scene: {b["id"].split(".", 1)[1]: b["text"] for b in silent[scene]["beats"]} for scene in script}
        script_file.check_ids(script, {scene: list(beats) for scene, beats in own.items()}, script_path)
        script = {scene: {beat: text for beat, text in beats.items() if " ".join(text.split()) != own[scene][beat]}
                  for scene, beats in script.items()}  # a beat left as it was changes nothing
    result = {}
    for e in entries:
        lines = tuple(sorted((f"{e.name}.{beat}", text) for beat, text in script.get(e.name, {}).items()))
        result[e.name] = {"voice": voice, "breath": breath, "script": lines}
        if isinstance(speaker, voices.Recorded):
            for p in variants[e.name]:
                dry_run(e.cls, p, voice=voice, script=dict(lines))
    return result


def _spoken_jobs(jobs: list) -> dict[str, list]:
    """The jobs whose takes can be made ahead, by voice: a synthesised voice at default parameters (other
    parameters change the words, so those workers make their own takes)."""
    chosen: dict[str, list] = {}
    for job in jobs:
        if job.params == find(job.scene).cls.Params() and isinstance(voices.voice(job.voice), voices.Synthesiser):
            chosen.setdefault(job.voice, []).append(job)
    return chosen


def _texts(job, silent: dict) -> list[str]:
    """The caption cues ``job`` will speak: its scene's beats from the silent dry run, with its script applied."""
    script = dict(job.script)
    return [cue for b in silent[job.scene]["beats"] for cue in narration.cues(script.get(b["id"], b["text"]))]


class Takes:
    """The takes the jobs to render will speak, made ahead of their renders, job by job in render order: one piper
    kept open for all of them, each job's takes trimmed, slowed and normalised as one batch.

    :meth:`start` makes them in a background thread at a lower CPU priority (``NICE``, inherited by piper and
    ffmpeg), piper on one thread (``THREADS``), so that the renders of the jobs whose takes are ready run first
    and the voice uses the processor time they leave idle; :meth:`wait` holds a job's render until its takes are
    made. The words come from the silent dry runs that also order the jobs (cached)."""

    NICE = 10
    THREADS = 1  # piper's threads beside the renders (see speech.piper_process)

    def __init__(self, jobs: list, report: Callable[[str], None] = print) -> None:
        self.jobs = _spoken_jobs(jobs)
        self.report = report
        self.made = 0
        self.error: BaseException | None = None
        self._done = {id(job): threading.Event() for by_voice in self.jobs.values() for job in by_voice}
        self._thread: threading.Thread | None = None
        self._stopped = False

    def make(self) -> None:
        """Make every take now, in this thread; a failure is raised."""
        start = time.perf_counter()
        try:
            for spec, chosen in self.jobs.items():
                speaker = voices.voice(spec)
                if isinstance(speaker, voices.Piper):
                    speaker.use_threads(self.THREADS)
                silent = defaults([find(job.scene) for job in chosen], "none")
                for job in chosen:
                    if self._stopped:
                        raise InterruptedError("the making of takes was stopped")
                    self.made += speaker.prepare(_texts(job, silent))
                    self._done[id(job)].set()
        except BaseException as e:
            self.error = e
            raise
        finally:
            for done in self._done.values():  # a waiting render goes on, and meets the error in wait()
                done.set()
        if self.made:
            self.report(f"spoken    {self.made} takes in {time.perf_counter() - start:.1f} s")

    def start(self) -> Takes:
        """Make the takes in a background thread at lower priority; returns self."""
        def run() -> None:
            if sys.platform == "linux":  # the calling thread's nice value, which the processes it starts inherit
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), self.NICE)
            try:
                self.make()
            except BaseException:  # kept in self.error for wait()
                pass

        self._thread = threading.Thread(target=run, name="takes", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop making takes: no further job's takes are started, and a piper at work is ended (a take is cached
        only once whole, so nothing half made is kept)."""
        self._stopped = True
        for spec in self.jobs:
            speaker = voices.voice(spec)
            if isinstance(speaker, voices.Piper):
                speaker.close(kill=True)

    def wait(self, job) -> None:
        """Return once ``job``'s takes are made (at once for a job whose takes are not made here); raise the
        error that stopped the making of takes, if any."""
        done = self._done.get(id(job))
        if done is not None:
            done.wait()
        if self.error is not None:
            raise self.error
