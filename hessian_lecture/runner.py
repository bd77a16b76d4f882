"""Run render jobs in worker processes, in parallel, reusing finished files.

A job that is the only one to render runs in this process instead: a worker process would add
nothing but its own start-up (about a second, most of a small scene's re-render)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from hessian_lecture import records
from hessian_lecture.jobs import Job
from hessian_lecture.speaking import make_takes
from hessian_lecture.worker import TEMP_PREFIX, render
from mathcore.errors import ValidationError


class RenderError(RuntimeError):
    """A worker process failed; the message carries the end of its output."""


@dataclass(frozen=True)
class Outcome:
    job: Job
    files: list[Path]
    seconds: float
    reused: bool


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_partials(folder: Path) -> None:
    """Delete temporary folders left by renders whose process is gone (killed or interrupted)."""
    if not folder.is_dir():
        return
    for d in folder.glob(f"{TEMP_PREFIX}*"):
        m = re.match(rf"{re.escape(TEMP_PREFIX)}(\d+)-", d.name)
        if m and not _alive(int(m.group(1))):
            shutil.rmtree(d, ignore_errors=True)


_live: set[subprocess.Popen] = set()  # worker processes still running
_live_lock = threading.Lock()


def _make_takes(jobs: list[Job], report: Callable[[str], None]) -> None:
    try:
        make_takes(jobs, report)
    except ValidationError:
        raise
    except Exception as exc:  # piper or ffmpeg failed: the same one-line report as a failed render's
        raise RenderError(f"making the takes failed: {type(exc).__name__}: {exc}") from exc


def _run_one(job: Job) -> Outcome:
    start = time.perf_counter()
    with _live_lock:
        proc = subprocess.Popen(
            [sys.executable, "-m", "hessian_lecture.worker", job.to_json(), str(os.getpid())],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _live.add(proc)
    try:
        out, err = proc.communicate()
    finally:
        with _live_lock:
            _live.discard(proc)
    if proc.returncode != 0:
        tail = "\n".join(err.strip().splitlines()[-15:])
        raise RenderError(f"rendering {job.scene} failed (exit {proc.returncode}):\n{tail}")
    files = [Path(line) for line in out.splitlines() if line.strip()]
    return Outcome(job, files, time.perf_counter() - start, reused=False)


def _run_here(job: Job) -> Outcome:
    start = time.perf_counter()
    try:
        files = render(job)
    except Exception as exc:  # the same one-line report as a failed worker's
        raise RenderError(f"rendering {job.scene} failed: {type(exc).__name__}: {exc}") from exc
    return Outcome(job, files, time.perf_counter() - start, reused=False)


def existing(job: Job, report: Callable[[str], None]) -> list[Path]:
    """The finished files of ``job`` if they all match its record (see :func:`hessian_lecture.records.finished`),
    else [] after reporting why they are rendered again (nothing is said of a job never rendered)."""
    try:
        return records.finished(job) or []
    except records.Stale as why:
        report(f"stale     {job.scene}: {why}; rendering again")
        return []


def run(
    jobs: list[Job],
    workers: int,
    force: bool = False,
    report: Callable[[str], None] = print,
    order: Callable[[Job], float] = lambda job: 0.0,
    cluster=None,
) -> list[Outcome]:
    """Render ``jobs`` with up to ``workers`` processes, longest first; reuse finished files unless ``force``.
    Their voice first makes the takes they will speak, on every core
    (:func:`hessian_lecture.speaking.make_takes`). With a ``cluster`` (:class:`hessian_lecture.cluster.Cluster`)
    every job to render goes to its workers instead, takes included."""
    for folder in {job.output for job in jobs}:
        remove_stale_partials(folder)
    outcomes: list[Outcome] = []
    todo = []
    for job in jobs:
        files = [] if force else existing(job, report)
        if files:
            outcomes.append(Outcome(job, files, 0.0, reused=True))
            report(f"reused    {job.scene}: {files[0]}")
        else:
            todo.append(job)
    if cluster is not None and todo:
        cluster.connect(report)  # an unreachable scheduler is reported before the jobs are ordered
    todo.sort(key=order, reverse=True)
    total = len(todo)
    for k, job in enumerate(todo, 1):
        report(f"queued    [{k}/{total}] {job.scene} ({job.quality}, {job.format})")

    def finished(done: int, outcome: Outcome) -> None:
        outcomes.append(outcome)
        report(f"rendered  [{done}/{total}] {outcome.job.scene} in {outcome.seconds:.1f} s: {outcome.files[0]}")

    if cluster is not None:
        for done, outcome in enumerate(cluster.render(todo), 1):
            finished(done, outcome)
        return outcomes
    _make_takes(todo, report)
    if total == 1:
        finished(1, _run_here(todo[0]))
        return outcomes
    pool = ThreadPoolExecutor(max_workers=max(1, workers))
    try:
        futures = [pool.submit(_run_one, job) for job in todo]
        for done, future in enumerate(as_completed(futures), 1):
            finished(done, future.result())
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown()
    return outcomes


def stop_workers(pool: ThreadPoolExecutor) -> None:
    """Cancel queued jobs and terminate running workers; each removes its own temporary folder."""
    pool.shutdown(wait=False, cancel_futures=True)
    with _live_lock:
        procs = list(_live)
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
