"""Rendering on a Dask cluster: the same files as a local run, a killed worker's job run elsewhere, and one line
with exit 2 for a scheduler that cannot be reached or a worker with other project code."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from hessian_lecture import jobs
from hessian_lecture.cli import cli
from hessian_lecture.inspection import dry_run
from hessian_lecture.media_info import probe
from hessian_lecture.worker import TEMP_PREFIX
from scenes.catalogue import find

CLI = [sys.executable, "-c", "from hessian_lecture.cli import main; main()"]
SCENES = ["title", "chapter1", "chapter2"]  # the three shortest scenes
LOW = ["--quality", "low", "--voice", "none"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def _tree(folder) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.slow
def test_a_local_cluster_renders_what_local_jobs_render_and_a_rerun_dispatches_nothing(tmp_path):
    local = _cli("lecture", *SCENES, *LOW, "--jobs", "2", "--output", str(tmp_path / "local"))
    assert local.returncode == 0, local.stderr
    on_cluster = _cli("lecture", *SCENES, *LOW, "--cluster", "local:2", "--output", str(tmp_path / "cluster"))
    assert on_cluster.returncode == 0, on_cluster.stderr
    assert "cluster   tcp://" in on_cluster.stderr and "2 workers" in on_cluster.stderr
    assert ", dashboard http://" in on_cluster.stderr  # bokeh comes with the cluster extra
    assert on_cluster.stderr.count("rendered  [") == 3
    assert _tree(tmp_path / "cluster") == _tree(tmp_path / "local")  # names
    manifests = [json.loads((tmp_path / run / "manifest.json").read_text()) for run in ("local", "cluster")]
    records = [m.pop("records") for m in manifests]  # each file's size and hash: two encodings need not match bytes
    assert manifests[0] == manifests[1]  # durations, parameters, files
    assert records[0].keys() == records[1].keys()
    again = _cli("lecture", *SCENES, *LOW, "--cluster", "local:2", "--output", str(tmp_path / "cluster"))
    assert again.returncode == 0, again.stderr
    assert again.stderr.count("reused    ") == 4 and "queued" not in again.stderr and "cluster   " not in again.stderr


@pytest.mark.slow
def test_a_worker_killed_mid_render_leaves_its_job_to_another_and_no_partial_file(tmp_path):
    out = tmp_path / "out"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        cmd = subprocess.Popen([*CLI, "render", *SCENES, *LOW, "--cluster", cluster.scheduler_address,
                                "--output", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        pids = client.run(os.getpid)
        victim = None
        deadline = time.time() + 120
        while victim is None and time.time() < deadline and cmd.poll() is None:
            busy = [w for w, keys in client.processing().items() if keys]
            victim = next((pids[w] for w in busy if psutil.Process(pids[w]).children()), None)  # a render process runs
            time.sleep(0.1)
        assert victim is not None, "no worker was seen rendering"
        os.kill(victim, signal.SIGKILL)
        stdout, stderr = cmd.communicate(timeout=300)
    assert cmd.returncode == 0, stderr
    videos = sorted(out.glob("*.mp4"))
    assert len(videos) == 3 and len(list(out.glob("*.srt"))) == 3
    for video in videos:
        scene = video.name.split("-")[0]
        assert probe(video).frames == round(dry_run(find(scene).cls, voice="none").duration * 15)
    assert not list(out.glob(f"{TEMP_PREFIX}*")) and all(p.is_file() for p in out.iterdir())


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path):
    result = _cli("render", "title", *LOW, "--cluster", "tcp://127.0.0.1:1", "--output", str(tmp_path / "out"))
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert "cannot reach a Dask scheduler" in line and "tcp://127.0.0.1:1" in line
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize("address", ["127.0.0.1", "local:0", "local:two", "tcp://host"])
def test_a_bad_cluster_address_is_one_line_and_exit_2(tmp_path, address):
    result = CliRunner().invoke(cli, ["render", "title", *LOW, "--cluster", address, "--output", str(tmp_path)])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert f"cluster = {address!r}" in line


def test_a_worker_with_other_project_code_refuses_the_job(tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "code_fingerprint", lambda: "0" * 64)  # this command's code; the worker's differs
    result = CliRunner().invoke(cli, ["render", "title", *LOW, "--cluster", "local:1", "--output", str(tmp_path)])
    assert result.exit_code == 2, result.output
    (line,) = [s for s in result.stderr.splitlines() if not s.startswith(("cluster ", "queued "))]
    assert "runs project code" in line and "this command 000000000000" in line
    assert not list(tmp_path.glob("*.mp4"))
