"""The commands do what they say, checked through the library (sqlite-utils style)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from hessian_lecture import overrides
from hessian_lecture.cli import cli
from hessian_lecture.jobs import Job
from scenes.catalogue import find, lecture
from scenes.ch1_basics import SlopeParams, SlopeScene


def run(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_help_lists_the_commands():
    out = run("--help").output
    for command in ("list", "params", "inspect", "render"):
        assert command in out


def test_list_json_has_every_scene_in_lecture_order():
    rows = json.loads(run("list", "--json").stdout)
    assert [r["name"] for r in rows] == [e.name for e in lecture()]
    for r in rows:
        assert {"name", "chapter", "title", "summary", "duration"} <= set(r)
        assert r["duration"] > 0


def test_list_text_shows_total_length():
    assert "total" in run("list").stdout


def test_params_json_describes_each_field():
    rows = json.loads(run("params", "SLOPE", "--json").stdout)
    by_name = {r["name"]: r for r in rows}
    assert list(by_name) == ["function", "x_min", "x_max", "marks", "start", "step", "steps"]
    assert by_name["x_min"]["min"] == -10 and by_name["x_min"]["max"] == 10
    assert by_name["function"]["choices"][0] == "bowl"
    assert by_name["marks"]["default"] == [-1.6, 0.3, 1.4]
    assert all(r["help"] for r in rows)


def test_params_text_for_every_scene():
    for e in lecture():
        run("params", e.name)


def test_inspect_json_matches_the_scene_values():
    report = json.loads(run("inspect", "slope", "--set", "function=logcosh", "--json").stdout)
    assert report["scene"] == "slope"
    assert report["params"]["function"] == "logcosh"
    expected = SlopeScene.values(SlopeParams(function="logcosh"))
    assert report["values"]["slope_at_marks"] == expected.slope_at_marks


def test_inspect_with_a_sweep_reports_each_variant():
    reports = json.loads(run("inspect", "slope", "--set", "x_min=-3,-2.5", "--json").stdout)
    assert [r["params"]["x_min"] for r in reports] == [-3.0, -2.5]


def test_scene_names_match_case_insensitively_and_by_class():
    assert find("Slope").name == "slope"
    assert find("slopescene").name == "slope"


def test_file_shared_table_then_scene_table_then_set(tmp_path):
    file = tmp_path / "p.toml"
    file.write_text('[shared]\nx_min = -3.0\nx_max = 3.0\n[slope]\nx_max = 2.5\nfunction = "bowl"\n')
    resolved = overrides.resolve([find("slope")], overrides.read_params_file(file), ("function=logcosh",))
    (p,) = resolved["slope"]
    assert (p.x_min, p.x_max, p.function) == (-3.0, 2.5, "logcosh")


def test_sweeps_combine_and_give_distinct_file_names(tmp_path):
    file = tmp_path / "p.toml"
    file.write_text("[slope]\nmarks = [[-1.0, 0.0, 1.0], [-1.5, 0.0, 1.5]]\n")
    resolved = overrides.resolve([find("slope")], overrides.read_params_file(file), ("x_min=-2.2,-2.0",))
    variants = resolved["slope"]
    assert len(variants) == 4
    paths = {Job("slope", p, "low", "mp4", tmp_path).path for p in variants}
    assert len(paths) == 4 and all(path.name.startswith("slope-") for path in paths)


def test_scoped_setting_applies_to_one_scene():
    entries = [find("slope"), find("title")]
    resolved = overrides.resolve(entries, None, ("slope.x_min=-2.0",))
    assert resolved["slope"][0].x_min == -2.0
    assert len(resolved["title"]) == 1


def test_a_file_table_for_a_scene_not_rendered_is_ignored(tmp_path):
    file = tmp_path / "p.toml"
    file.write_text("[title]\n[slope]\nx_min = -2.0\n")
    resolved = overrides.resolve([find("slope")], overrides.read_params_file(file))
    assert resolved["slope"][0].x_min == -2.0


def test_job_names_depend_on_parameters_quality_and_format(tmp_path):
    a = Job("slope", SlopeParams(), "low", "mp4", tmp_path)
    assert a.path == Job("slope", SlopeParams(), "low", "mp4", tmp_path).path
    assert a.path != Job("slope", SlopeParams(x_min=-2.0), "low", "mp4", tmp_path).path
    assert a.path != Job("slope", SlopeParams(), "high", "mp4", tmp_path).path
    assert a.path.suffix == ".mp4" and a.captions.suffix == ".srt"
    assert Job("slope", SlopeParams(), "low", "png", tmp_path).captions is None
