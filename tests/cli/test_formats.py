"""``lecture --formats`` and ``--paper``: bad choices and an unwritable folder end with one line, exit 2, nothing
written (the bundle tests cover what each format writes)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from hessian_lecture.bundle import FORMATS, chosen_formats
from hessian_lecture.cli import cli
from mathcore.errors import ValidationError

BAD = {
    "unknown": (["--formats", "video,slides"], r"--formats: unknown format 'slides': allowed are video, handout, deck"),
    "empty": (["--formats", ""], r"--formats '': name at least one of video, handout, deck"),
    "only_commas": (["--formats", ", ,"], r"name at least one of"),
    "paper": (["--paper", "a3"], r"Invalid value for '--paper'"),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_formats(tmp_path, name):
    args, message = BAD[name]
    out = tmp_path / "o"
    result = CliRunner().invoke(cli, ["lecture", "title", "--output", str(out), *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hessian-lecture: error: ")
    assert re.search(message, lines[0]), lines[0]
    assert not out.exists()


def test_an_output_folder_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["lecture", "title", "--output", str(blocker / "lecture")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"--output '{blocker / 'lecture'}': lies under '{blocker}', which is not a folder" in lines[0]


def test_formats_are_read_in_a_fixed_order():
    assert chosen_formats("deck, video") == ("video", "deck")
    assert chosen_formats("video,handout,deck,video") == FORMATS
    with pytest.raises(ValidationError):
        chosen_formats("pdf")
