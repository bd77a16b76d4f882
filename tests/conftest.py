"""Hypothesis profiles (as numpy registers them): "ci" is derandomised and loaded when CI is set, else "dev"."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=50)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


def pytest_addoption(parser):
    """The flags of manim's ``frames_comparison`` tests (manim's own test suite registers them the same way).

    ``--set_test`` writes the control frames instead of comparing against them; ``--show_diff`` shows a
    failing frame beside its control frame. They must be registered in this top-level conftest so that
    they work on the command line wherever pytest is started.
    """
    parser.addoption("--set_test", action="store_true", default=False,
                     help="frames_comparison: write control data instead of comparing (look at it before committing)")
    parser.addoption("--show_diff", action="store_true", default=False,
                     help="frames_comparison: show the difference when a frame does not match its control data")
