"""Every kind of bad input ends with one line on stderr, exit code 2, and nothing written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

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
    "same_value_twice_in_a_sweep": (["render", "slope", "--set", "function=double_well,double_well"],
                                    r"scene slope: the sweep makes the variant function = 'double_well' twice; "
                                    r"give each value once"),
    "same_choice_twice_in_any_case": (["render", "slope", "--set", "function=logcosh,LogCosh"],
                                      r"the variant function = 'logcosh' twice"),
    "same_number_twice_written_apart": (["render", "slope", "--set", "x_min=-2,-2.0", "--set", "function=bowl,logcosh"],
                                        r"the variant x_min = -2.0, function = 'bowl' twice"),
    "same_tuple_twice": (["render", "slope", "--set", "marks=-1,0,1;-1.0,0,1.0"], r"marks = \[-1.0, 0.0, 1.0\] twice"),
    "same_word_twice": (["render", "momentum", "--set", "beta=optimal,OPTIMAL"], r"beta = 'optimal' twice"),
    "number_too_large": (["render", "slope", "--set", "x_min=1e400"], r"x_min = '1e400': must be finite"),
    "hexadecimal": (["render", "slope", "--set", "x_min=0x10"], r"x_min = '0x10': must be a number"),
    "double_sign": (["render", "slope", "--set", "x_min=+-2"], r"x_min = '\+-2': must be a number"),
    "bare_exponent": (["render", "slope", "--set", "x_min=-2e"], r"x_min = '-2e': must be a number"),
    "unicode_minus": (["render", "slope", "--set", "x_min=\u22122"], r"must be a number written with the digits 0-9"),
    "infinity_sign": (["render", "slope", "--set", "x_min=\u221e"], r"must be a number written with the digits 0-9"),
    "empty_tuple_entry": (["render", "slope", "--set", "marks=-1,,1"], r"marks = '': must be a number"),
    "trailing_variant_separator": (["render", "slope", "--set", "marks=-1,0,1;"], r"marks = '': must be a number"),
    "word_where_none_is_taken": (["render", "slope", "--set", "step=optimal"], r"step = 'optimal': must be a number"),
    "misspelt_word": (["render", "momentum", "--set", "beta=optimum"], r"beta = 'optimum': must be a number"),
    "fraction_for_a_count": (["render", "slope", "--set", "steps=2.5"], r"steps = '2.5': must be a whole number"),
    "count_out_of_range": (["render", "slope", "--set", "steps=1e3"], r"steps = 1000: must be >= 1 and <= 12"),
    "key_of_a_card": (["render", "title", "--set", "x_min=1"], r"'x_min' is not a parameter of scene title: allowed keys are none"),
    "negative_breath": (["render", "title", "--breath", "-0.1"], r"breath = -0.1: must lie in \[0, 3\] seconds"),
    "nan_breath": (["render", "title", "--breath", "nan"], r"breath = nan: must lie in \[0, 3\] seconds"),
    "text_breath": (["render", "title", "--breath", "long"], r"Invalid value for '--breath'"),
    "empty_voice": (["render", "title", "--voice", ""], r"voice = '': unknown; use one of piper, espeak, none"),
    "too_many_jobs": (["render", "title", "--jobs", "65"], r"Invalid value for '--jobs': 65 is not in the range"),
    "empty_quality": (["render", "title", "--quality", ""], r"Invalid value for '--quality'"),
    "missing_script": (["render", "title", "--script", "missing.toml"], r"script missing.toml: no such file"),
    "lecture_sweep": (["lecture", "title", "slope", "--set", "x_min=-3,-2"],
                      r"scene slope: the lecture takes one value per key, not a sweep \(use render for sweeps\)"),
    "lecture_unknown_scene": (["lecture", "titel"], r"scene 'titel' is unknown \(did you mean title\?\)"),
    "script_sweep": (["script", "slope", "--set", "x_min=-3,-2"], r"a script takes one value per key, not a sweep"),
    "params_extra_argument": (["params", "slope", "extra"], r"Got unexpected extra argument \(extra\)"),
    "inspect_without_scene": (["inspect"], r"Missing argument 'SCENE'"),
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
    extra = ["--output", str(out)] if args[0] in ("render", "lecture") else []
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


ALLOWED = r"; give a folder that exists or can be created, and that can be written to$"
OUTPUTS = {  # name: (the --output text inside the test's folder t, what the one line says)
    "empty": (lambda t: "", r"--output '': empty" + ALLOWED),
    "blank": (lambda t: "  ", r"--output '  ': empty" + ALLOWED),
    "existing_file": (lambda t: f"{t}/file", r"--output '[^']*/file': exists and is not a folder" + ALLOWED),
    "link_to_a_file": (lambda t: f"{t}/link", r"'[^']*/link': exists and is not a folder"),
    "dangling_link": (lambda t: f"{t}/dangling", r"'[^']*/dangling': exists and is not a folder"),
    "device": (lambda t: "/dev/null", r"--output '/dev/null': exists and is not a folder"),
    "under_a_file": (lambda t: f"{t}/file/sub", r"'[^']*/file/sub': lies under '[^']*/file', which is not a folder" + ALLOWED),
    "deep_under_a_file": (lambda t: f"{t}/file/a/b", r"lies under '[^']*/file', which is not a folder"),
    "under_a_device": (lambda t: "/dev/null/out", r"--output '/dev/null/out': lies under '/dev/null'"),
    "under_proc": (lambda t: "/proc/hessian-lecture", r"--output '/proc/hessian-lecture': cannot be created \([^)]+\)" + ALLOWED),
    "deep_under_proc": (lambda t: "/proc/hessian-lecture/out", r"'/proc/hessian-lecture/out': cannot be created"),
    "proc_itself": (lambda t: "/proc", r"--output '/proc': cannot be written"),
    "name_too_long": (lambda t: f"{t}/{'n' * 300}", r"cannot be created \(File name too long\)"),
    "name_too_long_below_new_folders": (lambda t: f"{t}/new/deeper/{'n' * 300}", r"cannot be created \(File name too long\)"),
}


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize("command", ["render", "lecture"])
@pytest.mark.parametrize("name", OUTPUTS)
def test_a_bad_output_folder_is_one_line_before_anything_renders(tmp_path, monkeypatch, command, name):
    text, pattern = OUTPUTS[name]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("not a folder")
    (tmp_path / "link").symlink_to(tmp_path / "file")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    before = _tree(tmp_path)
    result = CliRunner().invoke(cli, [command, "title", "--voice", "none", "--quality", "low", "--output", text(tmp_path)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hessian-lecture: error: --output "), result.stderr
    assert re.search(pattern, lines[0]), lines[0]
    assert result.stdout == ""
    assert _tree(tmp_path) == before  # nothing written, not even the folders made while trying
    assert (tmp_path / "file").read_text() == "not a folder"


WITHOUT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]  # root, bound by modes


@pytest.mark.parametrize("command", ["render", "lecture"])
@pytest.mark.parametrize("below", [False, True], ids=["folder", "folder_inside"])
def test_a_folder_this_user_cannot_write_is_refused(tmp_path, command, below):
    """The folder's mode must really stop the write: root writes anywhere, so as root the command runs without the
    capabilities that override file modes (a process of root's still, whose files keep the cache usable)."""
    as_root = os.geteuid() == 0
    if as_root and shutil.which("setpriv") is None:
        pytest.skip("running as root without util-linux's setpriv: no way to make a folder root cannot write")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    target = locked / "inside" if below else locked
    try:
        done = subprocess.run(
            [*(WITHOUT_OVERRIDE if as_root else []), sys.executable, "-c", "from hessian_lecture.cli import main; main()",
             command, "title", "--voice", "none", "--output", str(target)],
            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    finally:
        locked.chmod(0o755)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    verb = "created" if below else "written"
    assert lines[0] == (f"hessian-lecture: error: --output '{target}': cannot be {verb} (Permission denied); "
                        f"give a folder that exists or can be created, and that can be written to")
    assert done.stdout == "" and not any(locked.iterdir())
