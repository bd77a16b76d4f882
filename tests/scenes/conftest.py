"""Fixtures for scene tests: a cached dry run of each scene at given parameters."""

from __future__ import annotations

import pytest

from hessian_lecture.inspection import DryRun, dry_run

_runs: dict = {}


@pytest.fixture(scope="session")
def dry():
    """``dry(SceneClass, params=None) -> DryRun``, memoised for the session."""

    def run(cls, params=None) -> DryRun:
        key = (cls, params)
        if key not in _runs:
            _runs[key] = dry_run(cls, params)
        return _runs[key]

    return run
