"""Render the job list on a Dask cluster: ``--cluster tcp://HOST:PORT`` (a running ``dask scheduler``) or
``--cluster local:N`` (a ``LocalCluster`` of N single-threaded worker processes on this machine).

No shared file system is assumed. A worker renders each job in a fresh process (manim keeps global
configuration) inside a private folder of its own and returns the finished files' bytes; this command moves
them into the output folder as a local render does (:func:`hessian_lecture.worker.move_into_place`), so names,
cache and manifest are the same. A synthesised voice makes its takes on the worker, inside the render (each
worker keeps its own take cache); a recorded voice's takes of the scene travel with the job.

Faults: a worker that dies mid-job is replaced by Dask and its job runs elsewhere (the scheduler's
``allowed-failures``); a render process killed on a worker is run again (``RETRIES``); a worker whose project
code differs from this command's refuses the job, and the command stops with one line.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from hessian_lecture.jobs import Job, code_fingerprint
from hessian_lecture.runner import Outcome, RenderError
from hessian_lecture.worker import move_into_place, partial_folder
from mathcore.errors import ValidationError
from speech import voices

ENV = "HESSIAN_LECTURE_CLUSTER"
QUIET = "error"  # Dask's log level here and in local workers (its info lines and warnings about cancelled tasks)
MAX_LOCAL_WORKERS = 64
CONNECT_TIMEOUT_S = 3  # an unreachable scheduler is reported after this long
RETRIES = 2  # runs again of a job whose render process was killed on its worker
KILLED = (130, 143)  # exit codes of a render process stopped by SIGINT or SIGTERM (see hessian_lecture.worker)
_ADDRESS = re.compile(r"^(local:(?P<n>\d+)|[a-z]+://\S+:\d+)$")


class RenderKilled(RuntimeError):
    """A render process was killed on its worker; Dask runs the job again."""


def _spec(address: str) -> int | None:
    """The worker count of ``local:N``, None for a scheduler address; ValidationError for anything else."""
    m = _ADDRESS.match(address.strip())
    if not m:
        raise ValidationError(f"cluster = {address!r}: give a scheduler address tcp://HOST:PORT or local:N "
                              f"(N worker processes on this machine)")
    if m["n"] is None:
        return None
    n = int(m["n"])
    if not 1 <= n <= MAX_LOCAL_WORKERS:
        raise ValidationError(f"cluster = {address!r}: N must lie in [1, {MAX_LOCAL_WORKERS}]")
    return n


class Cluster:
    """A Dask scheduler to render on, reached only once a job needs rendering (see :meth:`connect`)."""

    def __init__(self, address: str) -> None:
        self.address = address.strip()
        self.local_workers = _spec(self.address)
        self.client = None
        self._local = None

    def connect(self, report: Callable[[str], None]) -> None:
        """Reach the scheduler (or start the local cluster) and report its address, workers and dashboard;
        ValidationError within ``CONNECT_TIMEOUT_S`` if it cannot be reached."""
        if self.client is not None:
            return
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", QUIET)  # read where distributed is imported: here, workers
        logging.getLogger("distributed").setLevel(os.environ["DASK_LOGGING__DISTRIBUTED"].upper())
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise ValidationError("--cluster needs Dask: pip install 'hessian-lecture[cluster]'") from None
        if self.local_workers is not None:
            self._local = LocalCluster(n_workers=self.local_workers, threads_per_worker=1, processes=True,
                                       dashboard_address=":0")
            self.client = Client(self._local)
        else:
            try:
                self.client = Client(self.address, timeout=CONNECT_TIMEOUT_S)
            except Exception as exc:  # refused, timed out, or something other than a scheduler answered
                raise ValidationError(f"cluster = {self.address}: cannot reach a Dask scheduler there "
                                      f"({type(exc).__name__}: {exc}); start one with 'dask scheduler'") from None
        workers = len(self.client.nthreads())
        dashboard = self.client.scheduler_info()["services"].get("dashboard")
        where = self.client.scheduler.address
        report(f"cluster   {where}: {workers} worker{'' if workers == 1 else 's'}"
               + ("" if workers else " (jobs wait until one joins)")
               + (f", dashboard {self.client.dashboard_link}" if dashboard else ""))

    def render(self, jobs: list[Job]) -> Iterator[Outcome]:
        """Submit ``jobs`` (the first runs first) and yield each outcome as it arrives, its files in the output
        folder."""
        from distributed import as_completed

        if not jobs:
            return
        futures = {
            self.client.submit(render_on_worker, job.to_json(), _recorded_takes(job), priority=len(jobs) - k,
                               retries=RETRIES, key=f"render-{job.stem}-{uuid.uuid4().hex[:8]}"): job
            for k, job in enumerate(jobs)
        }
        try:
            for future in as_completed(futures):
                job = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # the render process killed RETRIES + 1 times, or its worker each time
                    raise RenderError(f"rendering {job.scene} on the cluster failed: {type(exc).__name__}: {exc}") \
                        from None
                yield Outcome(job, _receive(job, result), result["seconds"], reused=False)
        finally:
            self.client.cancel(list(futures))

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self._local is not None:
            self._local.close()


@contextlib.contextmanager
def session(address: str | None) -> Iterator[Cluster | None]:
    """The cluster named by ``address`` (None: render locally), closed on leaving."""
    if not address:
        yield None
        return
    cluster = Cluster(address)
    try:
        yield cluster
    finally:
        cluster.close()


def _recorded_takes(job: Job) -> dict[str, bytes]:
    """A recorded voice's takes of ``job``'s scene by file name (what decides its sound); {} for other voices."""
    speaker = voices.voice(job.voice)
    if not isinstance(speaker, voices.Recorded):
        return {}
    return {p.name: p.read_bytes() for p in sorted(speaker.folder.iterdir())
            if p.is_file() and p.stem.startswith(f"{job.scene}.")}


def _receive(job: Job, result: dict) -> list[Path]:
    """Write a worker's result into ``job``'s output folder, whole files under their final names or nothing (a file
    is named by the job's stem and its suffixes: ``.mp4``, ``.srt``, ``.beats.json``)."""
    if "refused" in result:
        raise ValidationError(result["refused"])
    if "failed" in result:
        raise RenderError(f"rendering {job.scene} on {result['worker']} failed:\n{result['failed']}")
    with partial_folder(job) as folder:
        for suffix, data in result["files"].items():
            (folder / f"{job.stem}{suffix}").write_bytes(data)
        return move_into_place(job, folder / f"{job.stem}.{job.format}")


def _render_environment() -> dict[str, str]:
    """This worker's environment without the settings Dask's nanny gives its worker processes (malloc trimming at
    64 kB, one BLAS thread): inherited by a render, they cost it about 2 s of system time a scene at 480p15."""
    import dask

    nanny = {k: str(v) for k, v in dask.config.get("distributed.nanny.pre-spawn-environ").items()}
    return {k: v for k, v in os.environ.items() if nanny.get(k) != v}


def render_on_worker(job_json: str, takes: dict[str, bytes]) -> dict:
    """On a Dask worker: render the job in a fresh process inside a private folder and return its files' bytes by
    suffix with the render's seconds, or why this worker refused the job (other project code) or why it failed."""
    from distributed import get_worker

    worker = get_worker()
    spec = json.loads(job_json)
    mine = code_fingerprint.__wrapped__()  # read afresh: the project may have changed under a running worker
    if mine != spec["code"]:
        return {"refused": f"worker {worker.address} runs project code {mine[:12]}, this command {spec['code'][:12]}: "
                           f"install the same version of hessian-lecture on every worker and restart them"}
    folder = Path(tempfile.mkdtemp(prefix="render-", dir=worker.local_directory))
    try:
        spec["output"] = str(folder / "out")
        if takes:
            (folder / "takes").mkdir()
            for name, data in takes.items():
                (folder / "takes" / name).write_bytes(data)
            spec["voice"] = f"recorded:{folder / 'takes'}"
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "hessian_lecture.worker", json.dumps(spec), str(os.getpid())],
                              capture_output=True, text=True, env=_render_environment())
        if done.returncode < 0 or done.returncode in KILLED:
            raise RenderKilled(f"the render process on {worker.address} was killed (exit {done.returncode})")
        if done.returncode != 0:
            return {"failed": "\n".join(done.stderr.strip().splitlines()[-15:]), "worker": worker.address}
        files = [Path(line) for line in done.stdout.splitlines() if line.strip()]
        return {"files": {"".join(p.suffixes): p.read_bytes() for p in files}, "seconds": time.perf_counter() - start,
                "worker": worker.address}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
