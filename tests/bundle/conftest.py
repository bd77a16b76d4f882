"""A short lecture (three scenes, low quality) built once for the bundle tests."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hessian_lecture.cli import cli

SCENES = ("title", "chapter1", "slope")


@pytest.fixture(scope="session")
def bundle_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("lecture")
    result = CliRunner().invoke(cli, ["lecture", *SCENES, "--quality", "low", "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out
