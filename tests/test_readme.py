"""The README stays true: its scene table and the inspect JSON keys match the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scenes.catalogue import lecture

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def _section(title: str) -> str:
    match = re.search(rf"^##+ {re.escape(title)}\n(.*?)(?=^##+ |\Z)", README, re.S | re.M)
    assert match, f"README has no section '{title}'"
    return match.group(1)


def test_opens_with_the_two_commands():
    opening = "\n".join(README.splitlines()[:40])
    assert "make lecture" in opening and "make test" in opening


@pytest.mark.parametrize("entry", lecture(), ids=lambda e: e.name)
def test_every_scene_is_listed(entry):
    assert re.search(rf"^\| `{entry.name}` \|", _section("The scenes"), re.M), entry.name


@pytest.mark.parametrize("entry", [e for e in lecture() if not e.cls.is_card], ids=lambda e: e.name)
def test_inspect_keys_are_documented(entry):
    section = _section("Inspect keys")
    row = re.search(rf"^\| `{entry.name}` \| (.*)$", section, re.M)
    assert row, f"no row for {entry.name} in 'Inspect keys'"
    documented = set(re.findall(r"`([A-Za-z0-9_]+)`", row.group(1)))
    keys = set(entry.cls.values(entry.cls.Params()))
    assert keys == documented, f"{entry.name}: undocumented {keys - documented}, stale {documented - keys}"
