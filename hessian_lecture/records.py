"""What finished files were when they were written, so that a cache reuses a file only while it still is that file.

A record maps each file's name (relative to a folder) to its size in bytes and the sha256 of its content. A file
matches its record when it is a regular file of that size and that digest; the size is compared first, so a
truncated or emptied file is caught without reading it. A render job's record is ``<stem>.record.json`` beside its
files, written after them (:func:`write_job_record`); the lecture bundle keeps its own in ``manifest.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from hessian_lecture.jobs import Job

CHUNK = 1 << 20  # bytes read at a time while hashing
RECORD_SUFFIX = ".record.json"


class Stale(Exception):
    """A cached file is not what its record says; the message names the file and what is wrong with it."""


def fingerprint(path: Path) -> dict:
    """``{"size": bytes, "sha256": hex digest}`` of the file at ``path``, both from one reading of it."""
    h, size = hashlib.sha256(), 0
    with open(path, "rb") as f:
        while block := f.read(CHUNK):
            h.update(block)
            size += len(block)
    return {"size": size, "sha256": h.hexdigest()}


def of(paths: list[Path], root: Path) -> dict[str, dict]:
    """The record of ``paths``: each one's name relative to ``root`` with its :func:`fingerprint`."""
    return {path.relative_to(root).as_posix(): fingerprint(path) for path in paths}


def mismatch(path: Path, recorded: dict | None) -> str | None:
    """Why the file at ``path`` is not the one ``recorded`` (a :func:`fingerprint`; None: there is no record of
    it), or None if it is."""
    name = path.name
    if not isinstance(recorded, dict):
        return f"{name} has no record"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return f"{name} is missing"
    except OSError as e:
        return f"{name} cannot be read ({e.strerror})"
    if stat.S_ISDIR(info.st_mode):
        return f"{name} is a directory, not a file"
    if not stat.S_ISREG(info.st_mode):
        return f"{name} is not a regular file"
    if info.st_size != recorded.get("size"):
        return f"{name} is {info.st_size} bytes, its record says {recorded.get('size')}"
    try:
        digest = fingerprint(path)["sha256"]
    except OSError as e:
        return f"{name} cannot be read ({e.strerror})"
    if digest != recorded.get("sha256"):
        return f"{name} has other content than its record says (sha256 {digest[:12]}, recorded {recorded.get('sha256', '')[:12]})"
    return None


def check(root: Path, record: dict[str, dict], names: list[str] | None = None) -> None:
    """Raise :class:`Stale` naming the first of ``names`` (relative to ``root``; default: every name in ``record``)
    whose file has no record in ``record`` or does not match it."""
    for name in record if names is None else names:
        why = mismatch(root / name, record.get(name))
        if why:
            raise Stale(why)


def job_record(job: Job) -> Path:
    """Where ``job``'s record lives: beside its files, named by its stem."""
    return job.output / f"{job.stem}{RECORD_SUFFIX}"


def write_job_record(job: Job, record: dict[str, dict], scratch: Path) -> None:
    """Write ``record`` (file name in ``job``'s output folder: :func:`fingerprint`) as ``job``'s record, whole or
    not at all: first into the private folder ``scratch`` (on the same file system), then renamed."""
    target = job_record(job)
    staged = scratch / target.name
    staged.write_text(json.dumps(record, indent=1), encoding="utf-8")
    os.replace(staged, target)


def finished(job: Job) -> list[Path] | None:
    """``job``'s finished files, the picture first, if every file its record lists is a regular file matching it
    and the record lists the picture (and the beats, when the job has them) and nothing but the job's own files;
    None if nothing of the job is there (it was never rendered); :class:`Stale` says why they cannot be reused."""
    record_path = job_record(job)
    if not os.path.lexists(record_path) and not os.path.lexists(job.path):
        return None
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Stale(f"{job.path.name} has no record of its render") from None
    except (OSError, ValueError) as e:
        raise Stale(f"its record {record_path.name} cannot be read ({e})") from None
    own = {p.name for p in (job.path, job.captions, job.beats) if p is not None}
    if not isinstance(record, dict) or not set(record) <= own or not all(isinstance(v, dict) for v in record.values()):
        raise Stale(f"its record {record_path.name} is not a record of this job's files")
    for path in (job.path, job.beats):
        if path is not None and path.name not in record:
            raise Stale(f"its record {record_path.name} does not list {path.name}")
    check(job.output, record)
    return [job.path] + [job.output / name for name in record if name != job.path.name]
