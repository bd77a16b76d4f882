"""The frame's rules on every beat of every scene: content above the caption band and inside the margins,
text that stands out from the background, and colours named by role, never by palette."""

from __future__ import annotations

import ast
import inspect
import re
import sys
from pathlib import Path

import pytest
from manim import DOWN, RIGHT, Line, MathTex, Square, Text

from scenes import layout, theme
from scenes.catalogue import find, lecture

SCENE_FILES = sorted((Path(__file__).resolve().parents[2] / "scenes").glob("*.py"))
PALETTE = ("ORANGE", "SKY", "GREEN", "YELLOW", "BLUE", "VERMILION", "PURPLE", "GREY", "INK")
MANIM_COLOURS = r"\b(WHITE|BLACK|RED|BLUE|GREEN|YELLOW|ORANGE|PINK|PURPLE|TEAL|GOLD|MAROON|GRAY|GREY)(_[A-E])?\b"


def test_the_safe_area_leaves_the_caption_band_free():
    area = layout.safe_area()
    assert area.bottom == pytest.approx(-4 + 0.15 * 8) and area.top == pytest.approx(4 - layout.MARGIN)


def test_what_leaves_the_safe_area_is_named_with_the_side_and_the_distance():
    low = Text("in the band").move_to(DOWN * 3.5)
    wide = Line(RIGHT * -7.2, RIGHT * 7.2)
    inside = Square(1)
    found = layout.overflows([low, wide, inside])
    assert len(found) == 2
    assert found[0].startswith("Text 'in the band' beyond the safe area: bottom")
    assert "left" in found[1] and "right" in found[1]
    assert layout.overflows([Square(1).set_opacity(0).move_to(DOWN * 3.5)]) == [], "the invisible is not content"


def test_contrast_is_wcags_ratio():
    assert layout.contrast("#FFFFFF", "#000000") == pytest.approx(21)
    assert layout.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert layout.low_contrast([MathTex("x", color=theme.MOMENTUM)])[0].startswith("MathTex 'x' in #0072B2: contrast 3.4")
    assert layout.low_contrast([Text("ok", color=theme.TEXT)]) == []


@pytest.mark.parametrize("role", ["TEXT", "LOSS", "TANGENT", "CURVATURE", "EIGEN_1", "EIGEN_2", "ITERATE", "MODEL",
                                  "STABLE", "UNSTABLE", "HIGHLIGHT", "ACCENT", "DATA"])
def test_every_role_that_text_may_take_reads_on_the_background(role):
    assert layout.contrast(getattr(theme, role)) >= theme.MIN_TEXT_CONTRAST


@pytest.mark.parametrize("path", SCENE_FILES, ids=lambda p: p.name)
def test_scenes_name_colour_roles_not_palette_colours(path):
    if path.name == "theme.py":
        return
    source = path.read_text()
    assert re.findall(rf"theme\.({'|'.join(PALETTE)})\b", source) == []
    assert re.findall(MANIM_COLOURS, source) == [], "manim's own colours are not the lecture's"
    assert re.findall(r"#[0-9A-Fa-f]{6}\b", source) == []


@pytest.mark.parametrize("entry", lecture(), ids=lambda e: e.name)
def test_every_beat_keeps_to_the_frame(dry, entry):
    run = dry(entry.cls)
    assert run.faults.keys() == {b["id"] for b in run.beats}
    assert {beat: faults for beat, faults in run.faults.items() if faults} == {}


OTHER_PARAMETERS = {
    "slope": {"x_min": -3.0, "x_max": 3.0, "marks": (-2.5, 0.0, 2.5)},
    "eigen_axes": {"eigenvalues": (0.5, 4.0), "angle": 60.0},
    "step_size": {"curvature": 5.0},
    "condition": {"eigenvalues": (0.1, 3.0), "start": (-3.0, 1.5)},
    "momentum": {"eigenvalues": (0.2, 4.0), "angle": -0.5},
}


@pytest.mark.parametrize("scene, changes", OTHER_PARAMETERS.items(), ids=OTHER_PARAMETERS.keys())
def test_other_parameters_keep_to_the_frame_too(dry, scene, changes):
    cls = find(scene).cls
    run = dry(cls, cls.Params(**changes))
    assert {beat: faults for beat, faults in run.faults.items() if faults} == {}


SAMPLING = {"f", "df", "d2f", "value", "gradient", "linspace", "meshgrid", "taylor_1d", "taylor_2d", "first_exit",
            "eigen_coordinates", "descent_on_quadratic", "heavy_ball_on_quadratic", "ellipse", "hyperbola",
            "level_set_points", "largest_level_in_box", "problems", "min_value", "minimiser", "eigen"}


def drawing_calls_in(source: str, class_name: str) -> list[str]:
    """The calls to a SAMPLING name in what draws class ``class_name`` of the module ``source``: its methods taking
    ``self``, the methods and module functions those use, and so on (a helper reached from ``values`` alone
    computes, so it may sample)."""
    module = ast.parse(source)
    functions = {n.name: n for n in module.body if isinstance(n, ast.FunctionDef)}
    body = next(n for n in module.body if isinstance(n, ast.ClassDef) and n.name == class_name)
    methods = {n.name: n for n in body.body if isinstance(n, ast.FunctionDef)}
    todo = [m for m in methods.values() if m.args.args and m.args.args[0].arg == "self"]
    seen, calls = set(), []
    while todo:
        fn = todo.pop()
        if fn in seen:
            continue
        seen.add(fn)
        for n in ast.walk(fn):
            if isinstance(n, ast.Call) and getattr(n.func, "attr", getattr(n.func, "id", None)) in SAMPLING:
                calls.append(f"{fn.name}: {ast.unparse(n)}")
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.attr in methods \
                    and n.value.id in {"self", "cls", class_name}:
                todo.append(methods[n.attr])
            if isinstance(n, ast.Name) and n.id in functions:
                todo.append(functions[n.id])
    return calls


SAMPLER = """
def _reach(p):
    return p.loss.f(p.x)

class Sampler:
    @classmethod
    def values(cls, p):
        return SamplerValues(reach=_reach(p), curve=cls.curve(p))

    @staticmethod
    def curve(p):
        return np.linspace(0.0, p.x, 5)

    def construct(self):
        self.place()

    def place(self):
        return _reach(self.p)
"""


def test_the_drawing_check_follows_helpers_and_spares_what_values_alone_uses():
    assert drawing_calls_in(SAMPLER, "Sampler") == ["_reach: p.loss.f(p.x)"]
    assert drawing_calls_in(SAMPLER.replace("return _reach(self.p)", 'return self.v.reach'), "Sampler") == []
    assert "curve: np.linspace(0.0, p.x, 5)" in drawing_calls_in(SAMPLER.replace("self.place()", "self.curve(self.p)"),
                                                                 "Sampler")


@pytest.mark.parametrize("scene", [e.name for e in lecture()])
def test_what_a_scene_draws_is_computed_in_values_not_while_drawing(scene):
    cls = find(scene).cls
    assert drawing_calls_in(inspect.getsource(sys.modules[cls.__module__]), cls.__name__) == []
