"""Frame comparisons of reusable components against stored control data (manim's ``frames_comparison``).

Each test draws one component on an otherwise empty scene and compares the last frame, at manim's
test settings (854x480, one frame), with ``control_data/<__module_test__>/<test name>.npz`` beside
this file (manim always looks there). After an intended change of look, regenerate, then look at
the new frames before committing them:

    .venv/bin/python -m pytest tests/scenes/test_components_frames.py --set_test

(``--show_diff`` shows a failing frame beside its control frame.) Keep one frame per component and
fixed numbers, so the stored data stays small and these tests do not depend on mathcore.

Pixels depend on the cairo library that draws them. manim skips its frame tests on cairo < 1.18
because its own control data were drawn with 1.18; ours are drawn on the project's machines, so the
cairo version that drew them is recorded beside them and the tests run whenever the same one is in use.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import cairo
import numpy as np
import pytest
from manim.utils.testing.frames_comparison import frames_comparison

from scenes import components as C
from scenes import theme

__module_test__ = "components"

CONTROL_DATA = Path(__file__).parent / "control_data" / __module_test__
CAIRO_STAMP = CONTROL_DATA / "cairo_version.txt"


@pytest.fixture(autouse=True)
def same_cairo_as_control_data(request, monkeypatch):
    """Compare only under the cairo that drew the control data; record it when writing them (--set_test)."""
    running = cairo.cairo_version_string()
    if request.config.getoption("--set_test"):
        CONTROL_DATA.mkdir(parents=True, exist_ok=True)
        CAIRO_STAMP.write_text(running + "\n")
    else:
        recorded = CAIRO_STAMP.read_text().strip() if CAIRO_STAMP.exists() else "(none recorded)"
        if recorded != running:
            pytest.skip(f"control data were drawn with cairo {recorded}, this is cairo {running}: "
                        "regenerate them with --set_test")
    # manim's own minimum protects manim's control data, not ours (see the module docstring).
    monkeypatch.setattr(importlib.import_module("manim.utils.testing.frames_comparison"), "MIN_CAIRO_VERSION", 0)


@frames_comparison(last_frame=True, background_color=theme.BACKGROUND)
def test_number_matrix(scene):
    """A 2x2 Hessian-like matrix: a negative entry, one- and two-digit integer parts, two decimals."""
    scene.add(C.number_matrix(np.array([[1.2, -0.6], [-0.6, 12.25]]), color=theme.CURVATURE))


@frames_comparison(last_frame=True, background_color=theme.BACKGROUND)
def test_contour_family_with_eigen_axes(scene):
    """Three contour ellipses of a quadratic with eigenvalues 0.5 and 2 turned by 30 degrees, at levels 0.25, 1 and
    2.25 (semi-axes sqrt(2L / l_i): 1 and 0.5, 2 and 1, 3 and 1.5), with the two eigen-arrows along the outer axes."""
    from mathcore.quadratic import Ellipse  # the record type contour_family draws; the numbers are fixed here

    angle = np.pi / 6
    center = np.array([0.0, 0.0])
    ellipses = [Ellipse(center, np.array([s, s / 2]), angle) for s in (1.0, 2.0, 3.0)]
    vectors = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])  # columns v1, v2
    plane = C.plane((-4, 4), (-3.5, 3.5), 0.85)
    scene.add(plane, C.contour_family(plane, ellipses),
              C.eigen_arrows(plane, center, vectors, [3.0, 1.5], [theme.EIGEN_1, theme.EIGEN_2]))
