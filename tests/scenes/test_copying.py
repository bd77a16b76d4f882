"""Copies of text share the glyphs' source paths and nothing else."""

import numpy as np
from manim.mobject.svg.svg_mobject import VMobjectFromSVGPath

from scenes import components as C
from scenes.copying import share_glyph_paths


def glyphs(mobject):
    return [m for m in mobject.get_family() if isinstance(m, VMobjectFromSVGPath)]


def test_a_copy_shares_the_paths_and_owns_its_points_and_colours():
    share_glyph_paths()
    formula = C.tex(r"H = \begin{pmatrix} 1 & 2 \\ 2 & 5 \end{pmatrix}")
    original_points = [g.points.copy() for g in glyphs(formula)]
    copy = formula.copy()
    assert glyphs(copy) and len(glyphs(copy)) == len(glyphs(formula))
    for a, b in zip(glyphs(formula), glyphs(copy)):
        assert b.path_obj is a.path_obj
        assert b is not a and b.points is not a.points
    copy.shift(np.array([1.0, 0.0, 0.0])).set_color("#FF0000")
    for g, points in zip(glyphs(formula), original_points):
        np.testing.assert_array_equal(g.points, points)
    assert formula.get_color() != copy.get_color()
