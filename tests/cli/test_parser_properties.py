"""Random --set strings and random TOML give either valid parameter sets or the project's clean error."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from hessian_lecture import overrides
from mathcore.errors import ValidationError
from scenes.catalogue import find, lecture
from scenes.params import SceneParams

KEYS = sorted({i.name for e in lecture() for i in e.cls.Params.describe()} | {"nokey", "x", ""})
TABLES = [e.name for e in lecture()] + ["shared", "nosuch", "Slope"]
NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-10**6, 10**6).map(str),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "0x10", "1_0", "", " ", ",", ";"]),
)
VALUES = st.one_of(NUMBERS, st.lists(NUMBERS, max_size=4).map(",".join), st.text(max_size=12))
SETTINGS = st.one_of(
    st.builds(lambda k, v: f"{k}={v}", st.sampled_from(KEYS), VALUES),
    st.builds(lambda s, k, v: f"{s}.{k}={v}", st.sampled_from(TABLES), st.sampled_from(KEYS), VALUES),
    st.text(max_size=20),
)
TOML_VALUES = st.one_of(
    NUMBERS.filter(lambda s: s.strip() not in ("", ",", ";")),
    st.sampled_from(['"bowl"', '"double_well"', "true", "[]", "[1.0, 2.0, 3.0]", "[[0.0, 1.0, 2.0]]", "{a = 1}", '"x"']),
    st.lists(st.floats(-20, 20).map(repr), max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]"),
)
TOML_LINES = st.one_of(
    st.sampled_from(TABLES).map(lambda t: f"[{t}]"),
    st.builds(lambda k, v: f"{k} = {v}", st.sampled_from([k for k in KEYS if k]), TOML_VALUES),
    st.text(max_size=20),
)


def _accept(call) -> None:
    try:
        resolved = call()
    except ValidationError as e:
        assert "\n" not in str(e) and str(e)
        return
    for variants in resolved.values():
        assert variants and all(isinstance(p, SceneParams) for p in variants)


@given(st.lists(SETTINGS, max_size=4), st.sampled_from(["slope", "title"]))
def test_random_settings(settings, scene):
    _accept(lambda: overrides.resolve([find(scene)], None, tuple(settings)))


@given(st.lists(TOML_LINES, max_size=8))
def test_random_parameter_files(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.toml"
        path.write_text("\n".join(lines), encoding="utf-8")
        _accept(lambda: overrides.resolve([find("slope")], overrides.read_params_file(path)))
