"""bench/results.json holds every figure the benchmark promises, and both READMEs show its latest table.

A scene added since the last full benchmark is simply not measured yet: the table says so, and nothing
here asks for a 75-minute run before a new scene can land."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scenes.catalogue import lecture

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ("floor_ratio_high", "floor_ratio_low", "max_scene_floor_ratio_high", "jobs_speedup",
           "rerun_unchanged_fraction", "rerun_one_param_ratio", "mb_per_min_high", "mb_per_min_low")


def results() -> dict:
    return json.loads((ROOT / "bench" / "results.json").read_text())


def test_every_figure_and_each_measured_scene_at_both_qualities():
    r = results()
    for key in FIGURES:
        assert isinstance(r[key], float) and r[key] > 0, key
    names = [e.name for e in lecture()]
    measured = [name for name in names if name in r["scenes"]]
    assert list(r["scenes"]) == measured, "bench/results.json names scenes the catalogue no longer has"
    for name, per_quality in r["scenes"].items():
        for quality in ("low", "high"):
            row = per_quality[quality]
            assert row["floor_ratio"] == pytest.approx(row["scene_s"] / row["floor_s"]), (name, quality)
    high = [row["high"] for row in r["scenes"].values()]
    assert r["floor_ratio_high"] == pytest.approx(sum(x["scene_s"] for x in high) / sum(x["floor_s"] for x in high))
    assert r["max_scene_floor_ratio_high"] == pytest.approx(max(x["floor_ratio"] for x in high))


@pytest.mark.parametrize("readme", ["README.md", "bench/README.md"])
def test_readme_shows_the_latest_table(readme):
    table = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--table"], capture_output=True,
                           text=True, check=True, cwd=ROOT).stdout
    wanted = [line.rstrip() for line in table.strip().splitlines()]
    lines = [line.rstrip() for line in (ROOT / readme).read_text().splitlines()]
    assert any(lines[i:i + len(wanted)] == wanted for i in range(len(lines))), f"{readme}: run bench/run.py --table"
