"""Hypothesis profiles (as numpy registers them): "ci" is derandomised and loaded when CI is set, else "dev"."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, max_examples=50)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
