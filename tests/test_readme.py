"""The README stays true: it opens with the two commands, and its scene and inspect-key tables are the catalogue's."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from scenes.catalogue import lecture

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_opens_with_the_two_commands():
    opening = "\n".join(README.splitlines()[:40])
    assert "make lecture" in opening and "make test" in opening


def test_the_scene_and_inspect_key_tables_are_made_from_the_catalogue():
    check = subprocess.run([sys.executable, str(ROOT / "tools" / "readme_tables.py"), "--check"],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


def test_a_new_scene_or_key_changes_the_tables():
    tables = _load_tables()
    text = README
    assert tables.with_tables(text, tables.stated_lengths(text)) == text
    entry = lecture()[-1]
    tables.lecture = lambda: [*lecture(), entry]  # a scene the README does not list yet
    assert tables.with_tables(text, tables.stated_lengths(text)) != text


def _load_tables():
    spec = importlib.util.spec_from_file_location("readme_tables", ROOT / "tools" / "readme_tables.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
