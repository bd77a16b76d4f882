"""Shared components: LiveNumber draws what DecimalNumber draws; clipped contours stay inside their plane; a surface
drawn from its grid is the one manim draws from the loss."""

import numpy as np
import pytest
from manim import DecimalNumber

from mathcore import quadratic
from scenes import components as C
from scenes import theme
from scenes.components import LiveNumber, fmt, number_outline


def decimal_number_points(value: float, decimals: int, size: float) -> np.ndarray:
    number = DecimalNumber(value, num_decimal_places=decimals, font_size=size)
    points = np.concatenate([m.points for m in number.family_members_with_points()])
    return points - (points.min(axis=0) + points.max(axis=0)) / 2


@pytest.mark.parametrize(("value", "decimals", "size"), [
    (-0.9, 2, 30), (12.345, 3, 36), (0.0, 2, 30), (-0.001, 2, 30), (7, 0, 30), (-418.25, 1, 24), (0.5, 4, 48),
])
def test_outline_matches_decimal_number(value, decimals, size):
    np.testing.assert_allclose(number_outline(fmt(value, decimals), size), decimal_number_points(value, decimals, size),
                               atol=1e-12)


def test_text_follows_the_value_and_the_left_edge_stays():
    values = iter([1.0, 1.001, -23.5, -23.5])
    current = [next(values)]
    number = LiveNumber(lambda: current[0], decimals=2).shift(2 * np.array([1.0, 1.0, 0.0]))
    left, width = number.get_left(), number.width
    for expected in ("1.00", "-23.50", "-23.50"):
        current[0] = next(values)
        number.update(0)
        assert number.text == expected
        np.testing.assert_allclose(number.get_left(), left, atol=1e-9)
    assert number.width > width  # "-23.50" is wider than "1.00": the outline was rebuilt


def plane_box(plane):
    return plane.c2p(plane.x_range[0], plane.y_range[0]), plane.c2p(plane.x_range[1], plane.y_range[1])


@pytest.mark.parametrize(("eigenvalues", "angle", "level", "centre"), [
    ((1.0, 4.0), 0.3, 0.5, (0.0, 0.0)),    # inside the box
    ((0.2, 3.0), 1.0, 2.0, (0.5, -0.5)),   # crosses two edges
    ((1.0, 1.05), 0.0, 2.42, (0.0, 0.0)),  # wider than the box: only four arcs near the corners remain
])
def test_clipped_contours_stay_in_the_box_and_on_the_ellipse(eigenvalues, angle, level, centre):
    plane = C.plane([-2, 2, 1], [-1.5, 1.5, 1], 1.2)
    q = quadratic.from_eigen(eigenvalues, angle)
    e = quadratic.ellipse(q, level)
    e = quadratic.Ellipse(np.asarray(centre), e.semi_axes, e.angle)
    m = C.clipped_ellipse(plane, e, "#FFFFFF")
    lo, hi = plane_box(plane)
    anchors = m.points[::4] if len(m.points) else np.zeros((0, 3))
    assert np.all(anchors[:, :2] >= lo[:2] - 1e-9) and np.all(anchors[:, :2] <= hi[:2] + 1e-9)
    # back in the plane's coordinates, every sample lies on the ellipse (x - c)^T H (x - c) / 2 = level
    o = plane.c2p(0, 0)
    xy = (anchors[:, :2] - o[:2]) / (plane.c2p(1, 0)[0] - o[0]) - np.asarray(centre)
    inside_box = np.all(np.abs(xy + centre) < [2 - 1e-6, 1.5 - 1e-6], axis=1)
    values = 0.5 * np.einsum("ni,ij,nj->n", xy, q.A, xy)
    # samples are exact; the points where a run is cut at the box edge lie on a chord, within the sampling error
    np.testing.assert_allclose(values[inside_box], level, rtol=2e-3)
    assert inside_box.any()


def test_a_contour_inside_the_box_is_one_closed_path():
    plane = C.plane([-2, 2, 1], [-1.5, 1.5, 1], 1.2)
    m = C.clipped_ellipse(plane, quadratic.ellipse(quadratic.from_eigen((1.0, 4.0), 0.3), 0.5), "#FFFFFF")
    assert len(m.get_subpaths()) == 1
    np.testing.assert_allclose(m.points[0], m.points[-1])


def test_rebuilt_shows_only_the_newest_build():
    counter = iter(range(10))
    group = C.rebuilt(lambda: C.text(str(next(counter))))
    group.update(0)
    group.update(0)
    assert len(group.submobjects) == 1 and group.submobjects[0].text == "2"


def test_rebuilt_leaves_no_stale_shape_behind_a_running_animation():
    """manim draws the mobjects an animation found at its start until it ends: a shape rebuilt away must not show."""
    from manim import RIGHT, Scene, Square, ValueTracker, config, tempconfig

    class Moving(Scene):
        def construct(self):
            t = ValueTracker(-3)
            self.add(C.rebuilt(lambda: Square(0.5, fill_opacity=1, color=theme.TEXT).move_to(RIGHT * t.get_value())))
            self.play(t.animate.set_value(3), run_time=0.5)
            self.last = self.renderer.get_frame().copy()

    settings = {"write_to_movie": False, "quality": "low_quality", "disable_caching": True, "verbosity": "ERROR",
                "progress_bar": "none"}
    with tempconfig(settings):
        scene = Moving()
        scene.render()
        height, width = scene.last.shape[:2]
        brightness = {x: int(scene.last[height // 2, int(width / 2 + x / config.frame_width * width), :3].mean())
                      for x in (-3, 3)}
    assert brightness[3] > 200, "the square is drawn where it ended"
    assert brightness[-3] < 60, "and nowhere else"


@pytest.mark.parametrize("name", ["coupled", "rosenbrock", "saddle"])
def test_a_surface_drawn_from_its_grid_is_the_one_manim_draws_from_the_loss(name):
    from manim import Surface

    from scenes import losses

    loss = losses.loss_2d(name)
    (a, b), (c, d) = loss.domain
    axes = C.surface_axes((a, b, 1), (c, d, 1), (0.0, 5.0, 1))
    drawn = C.surface(axes, C.surface_grid(loss.f, loss.grad, (a, b), (c, d), faces=12))
    o = axes.c2p(0, 0, 0)
    basis = np.array([axes.c2p(*unit) - o for unit in np.eye(3)])
    sampled = Surface(lambda u, v: o + np.array([u, v, np.clip(loss.f(np.array([u, v])), 0.0, 5.0)]) @ basis,
                      u_range=[a, b], v_range=[c, d], resolution=(12, 12))
    assert len(drawn) == len(sampled) == 144
    np.testing.assert_allclose(drawn.get_all_points(), sampled.get_all_points(), atol=1e-6)
