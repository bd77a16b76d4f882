"""The turning projection: at no turn it is the static View's, it keeps the painter's order far to near as it
turns, and labels follow the projection of their 3-D anchors."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DEGREES, Dot, Line, Polygon, VGroup

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


def test_joined_pieces_take_their_place_in_the_painters_order_hidden_until_shown():
    """A plane standing in the saddle, joined to it in strips: each strip is drawn among the saddle's pieces by its
    own depth (plus its lift) at every angle, with no points while hidden, and faded by its opacity."""
    view, turning, group = view_and_turning()
    flat = turning.flatten(group)
    pieces = turning.flattened[0]
    own = len(pieces.styles)
    xs = np.linspace(-1.0, 1.0, 9)
    strips = VGroup(*[Polygon(*(turning.pivot + np.array(corner) for corner in
                                [[x0, 0, -1], [x1, 0, -1], [x1, 0, 1], [x0, 0, 1]]), fill_opacity=0.3)
                      for x0, x1 in zip(xs[:-1], xs[1:])])
    tops = turning.pivot + np.array([[(x0 + x1) / 2, 0, 1] for x0, x1 in zip(xs[:-1], xs[1:])])
    joined = turning.join(flat, strips, references=tops, lift=0.05)
    np.testing.assert_array_equal(joined, np.arange(own, own + 8))
    assert len(flat) == own + 8 and all(len(flat[slot].points) == 0 for slot in np.flatnonzero(pieces.order >= own))
    turning.show(flat, joined, 1.0)
    for degrees in (-30, 0, 25):
        turning.set_angle(degrees * DEGREES)
        key = view.depth(turning.turned(pieces.references)) + pieces.lifts
        drawn = pieces.order[pieces.sorted_by_depth[pieces.order]]
        assert np.all(np.diff(key[drawn]) >= 0)  # the strips far to near among the saddle's facets
        slots = np.flatnonzero(pieces.order >= own)
        assert slots.min() < own - 10 and slots.max() > 10  # interleaved, not drawn after them all
        for slot in slots:
            k = pieces.order[slot]
            k_points = pieces.points[pieces.bounds[k]:pieces.bounds[k + 1]]
            np.testing.assert_allclose(flat[slot].points, turning.project(k_points))
    assert pieces.lifts[joined].tolist() == [0.05] * 8
    turning.show(flat, joined[:3], 0.5)
    half = [flat[slot] for slot in np.flatnonzero(np.isin(pieces.order, joined[:3]))]
    assert [m.fill_rgbas[0, 3] for m in half] == pytest.approx([0.15] * 3)
    turning.show(flat, joined, 0.0)
    assert sum(len(m.points) == 0 for m in flat) == 8
