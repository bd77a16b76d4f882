"""Where a long command's progress goes: stderr, as a live display on a terminal, as plain lines otherwise, or
nowhere with ``--quiet``. stdout stays for results.

The runner and the bundle report each step as one line through a ``report`` callable (see
:func:`hessian_lecture.runner.run`): a verb padded to ten columns, then what it concerns, and for scenes to render
a counter ``[done/total]`` (``queued    [2/5] slope (low, mp4)``, ``rendered  [1/5] slope in 12.3 s: PATH``).
:func:`reporter` gives that callable; the live display reads only the verb and the counter.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

Report = Callable[[str], None]
COUNTER = re.compile(r"\[(\d+)/(\d+)\]")


def silent(line: str) -> None:
    """Report nothing (``--quiet``, and lines no one asked for)."""


class Display:
    """A rich progress display on the terminal's stderr: a spinner, the step in progress, a bar of the scenes
    rendered out of those queued (the ``[done/total]`` counters) and the time elapsed. Each line but the queue's is
    also printed above it, so the run's log stays on the screen."""

    def __init__(self, console: Console) -> None:
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}", markup=False), BarColumn(),
                                 MofNCompleteColumn(), TimeElapsedColumn(), console=console)
        self.task = self.progress.add_task("starting", total=None)

    def report(self, line: str) -> None:
        """A queue line sets the bar's total, a rendered line its count; any other line names the step in
        progress. Every line but the queue's is printed above the display."""
        verb = line.split(" ", 1)[0]
        counter = COUNTER.search(line)
        if verb == "queued" and counter:
            self.progress.update(self.task, description="rendering", total=int(counter[2]))
            return
        if verb == "rendered" and counter:
            self.progress.update(self.task, completed=int(counter[1]))
        else:
            self.progress.update(self.task, description=" ".join(line.split(":", 1)[0].split()))
        self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def __enter__(self) -> Display:
        self.progress.start()
        return self

    def __exit__(self, *exc) -> None:
        task = self.progress.tasks[0]
        if task.total is None:  # nothing was rendered: no bar to leave on the screen
            self.progress.remove_task(self.task)
        else:
            self.progress.update(self.task, description="done" if exc[0] is None else "stopped")
        self.progress.stop()


@contextlib.contextmanager
def reporter(quiet: bool = False) -> Iterator[Report]:
    """The ``report`` callable for a command: nothing if ``quiet``, a :class:`Display` while stderr is a terminal,
    else each line as it is on stderr."""
    if quiet:
        yield silent
        return
    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda line: click.echo(line, err=True)
        return
    with Display(console) as display:
        yield display.report
