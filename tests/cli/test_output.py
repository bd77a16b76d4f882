"""stdout carries the paths of the files written, one per line and nothing else; progress goes to stderr: a live
display on a terminal, plain lines otherwise, nothing with --quiet. Real commands in their own processes, so that
whatever any process writes to its stdout or stderr counts."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import threading

import pytest

from hessian_lecture.jobs import Job
from hessian_lecture.progress import Display
from scenes.catalogue import find

CLI = [sys.executable, "-c", "from hessian_lecture.cli import main; main()"]
LOW = ["--quality", "low", "--voice", "none"]
TERMINAL_SETTINGS = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "TERM")


def _env(**extra: str) -> dict[str, str]:
    """This environment without the settings by which rich would take a pipe for a terminal or the reverse."""
    return {**{k: v for k, v in os.environ.items() if k not in TERMINAL_SETTINGS}, **extra}


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=1200, env=_env())


def _files(job: Job) -> list[str]:
    return [str(p) for p in (job.path, job.captions, job.beats)]


def _job(scene: str, out, **params) -> Job:
    return Job(scene, find(scene).cls.Params(**params), "low", "mp4", out, voice="none")


@pytest.mark.slow
def test_a_quiet_two_job_sweep_prints_its_files_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    done = _run("render", "title", "slope", "--set", "slope.function=bowl,logcosh", "--jobs", "2", *LOW, "--quiet",
                "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    title = _files(_job("title", out))
    variants = [_files(_job("slope", out, function=f)) for f in ("bowl", "logcosh")]
    assert lines[:3] == title  # lecture order, each job's video, captions and beats together
    assert lines[3:] in (variants[0] + variants[1], variants[1] + variants[0])  # the variants as they finished
    assert all(os.path.getsize(p) > 0 for p in lines)
    again = _run("render", "title", "slope", "--set", "slope.function=bowl,logcosh", "--jobs", "2", *LOW,
                 "--output", str(out))
    assert again.returncode == 0, again.stderr
    assert sorted(again.stdout.splitlines()) == sorted(lines)  # reused files are listed as written ones
    assert [line.split()[:2] for line in again.stderr.splitlines()] == [["reused", "title:"]] + [["reused", "slope:"]] * 2


@pytest.mark.slow
def test_progress_is_plain_lines_on_stderr_when_it_is_not_a_terminal(tmp_path):
    out = tmp_path / "out"
    done = _run("render", "title", *LOW, "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == _files(_job("title", out))
    lines = done.stderr.splitlines()
    assert lines[0] == "queued    [1/1] title (low, mp4)"
    assert re.fullmatch(rf"rendered  \[1/1\] title in \d+\.\d s: {re.escape(str(_job('title', out).path))}", lines[1])
    assert len(lines) == 2 and "\x1b" not in done.stderr


def _on_a_terminal(*args: str) -> tuple[int, str, str]:
    """Run the command with stderr on a pseudo-terminal (stdout a pipe): exit code, stdout, what the terminal got."""
    control, terminal = pty.openpty()
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=terminal, env=_env(TERM="xterm-256color"))
    os.close(terminal)
    shown: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(control, 4096)
            except OSError:  # EIO: the terminal's last writer has gone
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    stdout, _ = proc.communicate(timeout=1200)
    reader.join(timeout=30)
    os.close(control)
    return proc.returncode, stdout.decode(), b"".join(shown).decode(errors="replace")


@pytest.mark.slow
def test_a_terminal_gets_the_live_display_and_stdout_still_only_the_files(tmp_path):
    out = tmp_path / "out"
    code, stdout, shown = _on_a_terminal("render", "title", *LOW, "--output", str(out))
    assert code == 0, shown
    assert stdout.splitlines() == _files(_job("title", out))
    assert "\x1b[?25l" in shown  # rich hides the cursor while its display is live
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)  # without colours and cursor moves
    assert re.search(r"rendering ━+ 0/1", text), text  # the bar while the scene renders, with its count
    assert re.search(r"done ━+ 1/1", text), text  # and full at the end
    assert "rendered  [1/1] title in" in text  # each step's line is kept above the display
    assert "queued    [" not in text  # the queue is the bar's total, not a line each


@pytest.mark.slow
def test_a_quiet_lecture_on_a_cluster_prints_its_files_and_nothing_else(tmp_path):
    out = tmp_path / "lecture"
    done = _run("lecture", "title", "chapter1", *LOW, "--formats", "video", "--cluster", "local:2", "--quiet",
                "--output", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [str(out / "lecture.mp4"), str(out / "index.html")]


def test_the_display_counts_the_scenes_rendered_out_of_those_queued():
    from io import StringIO

    from rich.console import Console

    screen = StringIO()
    with Display(Console(file=screen, force_terminal=True, width=100)) as display:
        for k in (1, 2, 3):
            display.report(f"queued    [{k}/3] slope (low, mp4)")
        display.report("rendered  [1/3] slope in 9.0 s: /out/a.mp4")
        task = display.progress.tasks[0]
        assert (task.completed, task.total) == (1, 3)
        display.report("rendered  [2/3] slope in 9.5 s: /out/b.mp4")
        display.report("joining   scenes into lecture.mp4")
        assert (task.completed, task.description) == (2, "joining scenes into lecture.mp4")
    shown = screen.getvalue()
    assert "rendered  [1/3] slope in 9.0 s: /out/a.mp4" in shown and "queued" not in shown
    assert re.search(r"done\s.*2/3", shown)


def test_a_run_that_renders_nothing_leaves_no_bar():
    from io import StringIO

    from rich.console import Console

    screen = StringIO()
    with Display(Console(file=screen, force_terminal=True, width=100)) as display:
        display.report("reused    title: /out/title.mp4")
    assert not display.progress.tasks
    assert "reused    title: /out/title.mp4" in screen.getvalue()

