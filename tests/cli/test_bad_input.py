"""Every kind of bad input ends with one line on stderr, exit code 2, and nothing written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from hessian_lecture.cli import cli

TOML = {
    "bad_syntax": ("[slope\nx_min = 1", r"not valid TOML"),
    "string_for_number": ('[slope]\nx_min = "a"', r"x_min = 'a': must be a number"),
    "unknown_key": ("[slope]\nnokey = 1", r"'nokey' is not a parameter of scene slope: allowed keys are"),
    "close_key": ("[slope]\nx_mx = 1", r"did you mean x_max\?"),
    "unknown_scene": ("[slpoe]\nx_min = 1", r"scene 'slpoe' is unknown \(did you mean slope\?\)"),
    "unknown_shared_key": ("[shared]\nnokey = 1", r"'nokey' is not a parameter of any scene"),
    "short_tuple": ("[slope]\nmarks = [1.0, 2.0]", r"marks = .*must be 3 numbers"),
    "nan": ("[slope]\nx_min = nan", r"x_min = nan: must be finite"),
    "inf": ("[slope]\nx_max = inf", r"x_max = inf: must be finite"),
    "not_a_table": ("x_min = 1", r"'x_min' must be a table like \[x_min\]"),
    "wrong_choice_type": ("[slope]\nfunction = 3", r"function = 3: must be one of"),
    "bool_for_number": ("[slope]\nx_min = true", r"x_min = True: must be a number"),
    "sweep_with_bad_variant": ("[slope]\nmarks = [[0.0, 1.0, 2.0], [0.0, 1.0]]", r"must be 3 numbers"),
    "empty_sweep": ("[slope]\nx_min = []", r"x_min = \[\]: give at least one value"),
    "inline_table_value": ("[slope]\nx_min = {a = 1}", r"x_min = \{'a': 1\}: must be a number"),
    "out_of_range": ("[slope]\nx_max = 50.0", r"x_max = 50.0: must be >= -10 and <= 10"),
    "marks_outside": ("[slope]\nmarks = [0.0, 9.0, 1.0]", r"each must lie in \[x_min, x_max\]"),
    "cross_field": ("[slope]\nx_min = 2.0", r"x_max = 2.2: must be at least x_min \+ 1"),
    "unknown_key_of_a_scene_not_rendered": ("[curvature]\nnokey = 1", r"'nokey' is not a parameter of scene curvature"),
    "bad_key_in_a_later_table": ("[slope]\nx_min = -2.0\n[hessian]\nx_min = 1", r"'x_min' is not a parameter of scene hessian"),
}

ARGS = {
    "no_scene": (["render"], r"name at least one scene or use --all: known scenes are title"),
    "scene_and_all": (["render", "slope", "--all"], r"give scene names or --all, not both"),
    "unknown_scene": (["render", "slpoe"], r"scene 'slpoe' is unknown \(did you mean slope\?\)"),
    "not_a_number": (["render", "slope", "--set", "x_min=abc"], r"x_min = 'abc': must be a number"),
    "nan": (["render", "slope", "--set", "x_min=nan"], r"x_min = 'nan': must be finite"),
    "inf": (["render", "slope", "--set", "x_min=inf"], r"x_min = 'inf': must be finite"),
    "minus_inf": (["render", "slope", "--set", "x_max=-inf"], r"x_max = '-inf': must be finite"),
    "out_of_range": (["render", "slope", "--set", "x_max=99"], r"x_max = 99.0: must be >= -10 and <= 10"),
    "cross_field": (["render", "slope", "--set", "x_min=5"], r"must be at least x_min \+ 1"),
    "bad_choice": (["render", "slope", "--set", "function=nope"], r"function = 'nope': must be one of bowl"),
    "short_tuple": (["render", "slope", "--set", "marks=1,2"], r"must be 3 numbers"),
    "tuple_outside": (["render", "slope", "--set", "marks=0,9,1"], r"each must lie in"),
    "tuple_not_numbers": (["render", "slope", "--set", "marks=a,b,c"], r"marks = 'a': must be a number"),
    "unknown_key": (["render", "slope", "--set", "nokey=1"], r"'nokey' is not a parameter of scene slope"),
    "close_key": (["render", "slope", "--set", "x_mn=1"], r"did you mean x_min\?"),
    "no_equals": (["render", "slope", "--set", "x_min"], r"must look like KEY=VALUE or SCENE.KEY=VALUE"),
    "no_key": (["render", "slope", "--set", "=1"], r"must look like KEY=VALUE"),
    "no_value": (["render", "slope", "--set", "x_min="], r"x_min = '': a value is required"),
    "scoped_unknown_key": (["render", "slope", "--set", "slope.nokey=1"], r"'nokey' is not a parameter of scene slope"),
    "scoped_unknown_scene": (["render", "slope", "--set", "nosuch.x_min=1"], r"scene 'nosuch' is unknown"),
    "scoped_other_scene": (["render", "slope", "--set", "title.x_min=1"], r"scene title is not among the scenes being used"),
    "sweep_too_large": (["render", "slope", "--set", "x_min=" + ",".join(["-3"] * 65)], r"makes 65 variants \(at most 64\)"),
    "bad_quality": (["render", "slope", "--quality", "ultra"], r"Invalid value for '--quality'"),
    "bad_format": (["render", "slope", "--format", "avi"], r"Invalid value for '--format'"),
    "zero_jobs": (["render", "slope", "--jobs", "0"], r"Invalid value for '--jobs'"),
    "text_jobs": (["render", "slope", "--jobs", "x"], r"Invalid value for '--jobs'"),
    "missing_params_file": (["render", "slope", "--params", "missing.toml"], r"missing.toml': no such file"),
    "unknown_option": (["render", "slope", "--colour", "red"], r"No such option '--colour'"),
    "inspect_unknown": (["inspect", "nosuch"], r"scene 'nosuch' is unknown"),
    "params_unknown": (["params", "nosuch"], r"scene 'nosuch' is unknown"),
    "inspect_bad_value": (["inspect", "slope", "--set", "x_max=abc"], r"x_max = 'abc': must be a number"),
    "unknown_command": (["draw"], r"No such command 'draw'"),
    "arabic_indic_digits": (["render", "slope", "--set", "x_min=-\u0662"], r"x_min = '-\u0662': must be a number written with the digits 0-9"),
    "full_width_digits": (["render", "slope", "--set", "x_max=\uff12"], r"must be a number written with the digits 0-9"),
    "superscript_digit": (["render", "slope", "--set", "x_max=\u00b2"], r"must be a number written with the digits 0-9"),
    "underflow": (["render", "slope", "--set", "x_min=-1e-400"], r"x_min = '-1e-400': too small to tell from 0"),
    "key_given_twice": (["render", "slope", "--set", "x_min=-2", "--set", "x_min=-2.1"],
                        r"x_min is already set by --set 'x_min=-2'; to sweep, give the values in one: x_min=A,B"),
    "huge_sweep_counted_first": (["render", "slope", "--set", "x_min=" + ",".join(["-2"] * 3000), "--set",
                                  "x_max=" + ",".join(["2"] * 3000), "--set", "marks=" + ";".join(["0,0.5,1"] * 3000)],
                                 r"the sweep makes 27000000000 variants \(at most 64\)"),
}


def _assert_clean_failure(result, pattern, out_dir):
    import re

    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hessian-lecture: error: ")
    assert re.search(pattern, lines[0]), lines[0]
    assert "Traceback" not in result.output
    assert not out_dir.exists() or not any(out_dir.iterdir())


@pytest.mark.parametrize("args, pattern", ARGS.values(), ids=ARGS.keys())
def test_bad_arguments(tmp_path, monkeypatch, args, pattern):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    extra = ["--output", str(out)] if args[0] == "render" else []
    result = CliRunner().invoke(cli, args + extra)
    _assert_clean_failure(result, pattern, out)


@pytest.mark.parametrize("text, pattern", TOML.values(), ids=TOML.keys())
def test_bad_parameter_files(tmp_path, text, pattern):
    file = tmp_path / "params.toml"
    file.write_text(text)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "slope", "--params", str(file), "--output", str(out)])
    _assert_clean_failure(result, pattern, out)


def test_parameter_file_that_is_a_folder(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "slope", "--params", str(tmp_path), "--output", str(out)])
    assert result.exit_code == 2 and "Invalid value for '--params'" in result.stderr


def test_parameter_file_that_is_not_text(tmp_path):
    file = tmp_path / "params.toml"
    file.write_bytes(b"\xff\xfe\x00[slope]")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "slope", "--params", str(file), "--output", str(out)])
    _assert_clean_failure(result, r"(not valid TOML|cannot be read)", out)


@pytest.mark.parametrize("command", ["--params", "--script"])
def test_an_input_file_that_is_a_device_is_refused_unread(tmp_path, command):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "title", command, "/dev/zero", "--output", str(out)])
    _assert_clean_failure(result, r"/dev/zero.*: not a regular file", out)


@pytest.mark.parametrize("command", ["--params", "--script"])
def test_an_input_file_over_the_size_cap_is_refused(tmp_path, command):
    from hessian_lecture.inputs import MAX_INPUT_BYTES

    big = tmp_path / "big.toml"
    big.write_text("# padding\n" * (MAX_INPUT_BYTES // 10 + 1))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", "title", command, str(big), "--output", str(out)])
    _assert_clean_failure(result, r"big.toml.*: larger than 1024 KiB", out)


def test_debug_shows_the_traceback():
    result = CliRunner().invoke(cli, ["--debug", "inspect", "slope", "--set", "x_max=abc"])
    assert result.exit_code != 0
    assert result.exception is not None
