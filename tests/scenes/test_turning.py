"""The turning projection: at no turn it is the static View's, it keeps the painter's order far to near as it
turns, and labels follow the projection of their 3-D anchors."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DEGREES, Dot, Line, VGroup

from scenes import components as C
from scenes.projection import View
from scenes.turning import TurningView, out_and_back


def picture():
    """A saddle surface with its axes, off the origin as the scenes place theirs, and its centre."""
    axes = C.surface_axes((-1, 1), (-1, 1), (-1, 1), size=2.5)
    saddle = C.surface_grid(lambda p: p[:, 0] ** 2 - p[:, 1] ** 2, lambda p: p * [2.0, -2.0], (-1, 1), (-1, 1), faces=8)
    surface = C.surface(axes, saddle)
    group = VGroup(axes, surface).shift([0.7, -0.4, 0.2])
    return group, axes.c2p(0, 0, 0)


def view_and_turning():
    view = View(70 * DEGREES, -60 * DEGREES)
    group, centre = picture()
    return view, TurningView(view, centre), group


def test_unturned_pieces_are_the_static_views():
    view, turning, group = view_and_turning()
    static, turned = view.flatten(group), turning.flatten(group)
    assert len(static) == len(turned) > 64
    for a, b in zip(static, turned):
        np.testing.assert_allclose(a.points, b.points, atol=1e-9)
        np.testing.assert_allclose(a.fill_rgbas, b.fill_rgbas)
    # the order the turning view computes at no turn is the camera's own
    np.testing.assert_array_equal(turning.order(turning.flattened[0]), np.arange(len(static)))


def test_a_turn_about_the_origin_is_a_view_at_the_turned_azimuth():
    """Turning the camera by a about the vertical through the origin is the camera at azimuth theta + a."""
    view = View(70 * DEGREES, -60 * DEGREES)
    turning = TurningView(view, np.zeros(3))
    turning.set_angle(25 * DEGREES)
    p = np.array([[1.0, 0.5, 0.3], [-0.4, 0.9, -0.2], [2.0, -1.5, 1.0]])
    np.testing.assert_allclose(turning.project(p), View(70 * DEGREES, -35 * DEGREES).project(p), atol=1e-12)


@pytest.mark.parametrize("degrees", [-30, 25, 90, 200])
def test_painters_order_is_far_to_near_at_any_angle(degrees):
    view, turning, group = view_and_turning()
    flat = turning.flatten(group)
    pieces = turning.flattened[0]
    turning.set_angle(degrees * DEGREES)
    depth = view.depth(turning.turned(pieces.references))
    drawn = pieces.order
    sorted_part = pieces.sorted_by_depth[drawn]
    assert sorted_part.sum() > 64 and np.all(np.diff(sorted_part.astype(int)) <= 0)  # the sorted pieces first
    assert np.all(np.diff(depth[drawn][sorted_part]) >= 0)  # far to near
    for slot, k in enumerate(drawn):
        np.testing.assert_allclose(flat[slot].fill_rgbas, pieces.styles[k][0])
        k_points = pieces.points[pieces.bounds[k]:pieces.bounds[k + 1]]
        np.testing.assert_allclose(flat[slot].points, turning.project(k_points), atol=1e-12)
    # and the order did change: the turn is not a no-op
    assert not np.array_equal(drawn, np.arange(len(drawn)))


def test_a_turn_and_back_leaves_the_picture_unchanged():
    view, turning, group = view_and_turning()
    flat = turning.flatten(group)
    dot = turning.place(Dot(), turning.pivot + [1.0, 1.0, 0.5])
    before = [(m.points.copy(), m.fill_rgbas.copy()) for m in flat] + [(dot.points.copy(), dot.fill_rgbas.copy())]
    path = out_and_back(25 * DEGREES)
    for t in np.linspace(0, 1, 9):
        turning.set_angle(path(t))
    assert path(1.0) == 0.0
    turning.set_angle(path(1.0))
    after = [(m.points, m.fill_rgbas) for m in flat] + [(dot.points, dot.fill_rgbas)]
    for (p0, c0), (p1, c1) in zip(before, after):
        np.testing.assert_allclose(p1, p0, atol=1e-9)
        np.testing.assert_array_equal(c1, c0)


def test_placed_labels_follow_their_anchor_and_stay_flat():
    view, turning, group = view_and_turning()
    anchor = turning.pivot + np.array([1.2, 0.0, 0.4])
    dot = turning.place(Dot(radius=0.1), anchor)
    width = dot.width
    turning.set_angle(-30 * DEGREES)
    np.testing.assert_allclose(dot.get_center(), turning.point(anchor), atol=1e-9)
    assert not np.allclose(dot.get_center(), view.point(anchor), atol=0.05)
    assert dot.width == pytest.approx(width)  # flat: moved, not turned or squashed


def test_pieces_flattened_while_turned_start_at_the_current_angle():
    view, turning, group = view_and_turning()
    turning.set_angle(20 * DEGREES)
    flat = turning.flatten(group)
    fresh = TurningView(view, turning.pivot)
    reference = fresh.flatten(group)
    fresh.set_angle(20 * DEGREES)
    for a, b in zip(flat, reference):
        np.testing.assert_allclose(a.points, b.points, atol=1e-12)


def test_a_revealed_curve_draws_the_first_share_of_its_turned_path():
    view, turning, group = view_and_turning()
    line = turning.flatten(Line(turning.pivot, turning.pivot + np.array([2.0, 0.0, 1.0])))
    turning.set_angle(15 * DEGREES)
    turning.reveal(line, 0.25)
    ends = turning.project(np.array([turning.pivot, turning.pivot + np.array([0.5, 0.0, 0.25])]))
    np.testing.assert_allclose(line[0].points[[0, -1]], ends, atol=0.02)  # perspective bends the quarter slightly
    turning.reveal(line, 1.0)
    np.testing.assert_allclose(line[0].points[-1], turning.point(turning.pivot + np.array([2.0, 0.0, 1.0])), atol=1e-9)
