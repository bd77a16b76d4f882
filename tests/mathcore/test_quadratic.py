"""Quadratic forms: values, derivatives, eigen-structure, shape classes and contour ellipses."""

import dataclasses

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from mathcore.derivatives import gradient_fd, hessian_fd
from mathcore.errors import ValidationError
from mathcore import quadratic
from mathcore.quadratic import SHAPE_CLASSES, Quadratic, ellipse, from_eigen, level_set_points, rotation

curvatures = st.floats(0.1, 10.0)
angles = st.floats(-np.pi, np.pi)
coordinates = st.floats(-3.0, 3.0)
points = st.tuples(coordinates, coordinates)


def symmetric(d):
    return arrays(np.float64, (d, d), elements=st.floats(-10.0, 10.0)).map(lambda m: (m + m.T) / 2)


quadratics = st.integers(1, 4).flatmap(lambda d: st.builds(
    Quadratic, symmetric(d), arrays(np.float64, (d,), elements=st.floats(-10.0, 10.0)), st.floats(-10.0, 10.0)))


@given(quadratics)
def test_eigen_reconstructs_A_with_orthonormal_signed_vectors(q):
    e = q.eigen()
    scale = max(1.0, np.abs(q.A).max())
    np.testing.assert_allclose(e.vectors @ np.diag(e.values) @ e.vectors.T, q.A, atol=1e-12 * scale * q.dim)
    np.testing.assert_allclose(e.vectors.T @ e.vectors, np.eye(q.dim), atol=1e-12)
    np.testing.assert_allclose(q.A @ e.vectors, e.vectors * e.values, atol=1e-12 * scale * q.dim)
    assert np.all(np.diff(e.values) >= 0)
    assert e.values.sum() == pytest.approx(np.trace(q.A), abs=1e-11 * scale * q.dim)
    for column in e.vectors.T:
        assert column[np.argmax(np.abs(column))] > 0


@given(quadratics, st.data())
def test_value_gradient_hessian(q, data):
    x = data.draw(arrays(np.float64, (q.dim,), elements=coordinates))
    explicit = sum(0.5 * q.A[i, j] * x[i] * x[j] for i in range(q.dim) for j in range(q.dim)) - q.b @ x + q.c
    scale = 1.0 + np.abs(q.A).max() * 9 * q.dim**2 + np.abs(q.b).max() * 3 * q.dim + abs(q.c)
    assert q.value(x) == pytest.approx(explicit, abs=1e-12 * scale)
    np.testing.assert_allclose(q.gradient(x), gradient_fd(q.value, x), atol=1e-8 * scale)
    np.testing.assert_allclose(q.hessian(), hessian_fd(q.value, x), atol=1e-5 * scale)


@given(quadratics)
def test_value_and_gradient_are_vectorised(q):
    xs = np.linspace(-1.0, 1.0, 3 * 4 * q.dim).reshape(3, 4, q.dim)
    assert q.value(xs).shape == (3, 4) and q.gradient(xs).shape == (3, 4, q.dim)
    np.testing.assert_allclose(q.value(xs)[1, 2], q.value(xs[1, 2]), rtol=1e-14, atol=1e-13)
    np.testing.assert_allclose(q.gradient(xs)[2, 3], q.A @ xs[2, 3] - q.b, rtol=1e-14, atol=1e-13)


@given(quadratics)
def test_minimiser_is_a_stationary_point(q):
    assume(q.shape_class() != "singular")
    values = np.abs(q.eigen().values)
    assume(values.max() / values.min() < 1e8)
    x = q.minimiser()
    scale = np.abs(q.A).max() * np.abs(x).max() + np.abs(q.b).max()
    np.testing.assert_allclose(q.gradient(x), 0.0, atol=1e-9 * scale * q.dim)
    assert q.min_value() == pytest.approx(q.value(x), abs=1e-9 * (1 + scale * np.abs(x).max() + abs(q.c)))


@given(st.tuples(curvatures, curvatures), angles, points, st.floats(-3, 3), points)
def test_from_eigen_puts_the_minimum_where_asked(values, angle, x_star, c, d):
    q = from_eigen(values, angle, x_star, c)
    np.testing.assert_allclose(q.minimiser(), x_star, atol=1e-9)
    assert q.min_value() == pytest.approx(c, abs=1e-9)
    assert q.shape_class() == "positive definite"
    d = np.array(d)
    assert q.value(np.add(x_star, d)) - c == pytest.approx(0.5 * d @ q.A @ d, abs=1e-9)
    assert q.value(np.add(x_star, d)) >= q.min_value() - 1e-12
    np.testing.assert_allclose(q.eigen().values, sorted(values), rtol=1e-12)
    assert q.condition_number() == pytest.approx(max(values) / min(values), rel=1e-10)


@given(curvatures, st.floats(0.01, 5.0), angles)
def test_from_eigen_first_eigenvalue_lies_along_the_angle(l1, gap, angle):
    q = from_eigen([l1, l1 + gap], angle)
    u = np.array([np.cos(angle), np.sin(angle)])
    np.testing.assert_allclose(q.A @ u, l1 * u, atol=1e-12 * (l1 + gap))
    assert abs(q.eigen().vectors[:, 0] @ u) == pytest.approx(1.0)


@pytest.mark.parametrize("values, expected", [
    ((2.0, 1.0), "positive definite"), ((-1.0, -3.0), "negative definite"), ((0.0, 2.0), "singular"),
    ((1e-12, 1.0), "singular"), ((0.0, -2.0), "singular"), ((0.0, 0.0), "singular"),
    ((2.0, -1.0), "indefinite"), ((1e-6, 1.0), "positive definite")])
@pytest.mark.parametrize("angle", [0.0, 0.7])
def test_shape_class_table(values, expected, angle):
    q = from_eigen(values, angle, (0.5, -0.5))
    assert q.shape_class() == expected
    assert expected in SHAPE_CLASSES
    np.testing.assert_allclose(q.b, q.A @ [0.5, -0.5])


@given(st.tuples(st.floats(0.01, 10.0), st.floats(0.01, 10.0)), st.tuples(st.booleans(), st.booleans()), angles)
def test_shape_class_follows_the_signs_of_the_eigenvalues(magnitudes, negative, angle):
    values = [-m if n else m for m, n in zip(magnitudes, negative)]
    expected = {(False, False): "positive definite", (True, True): "negative definite"}.get(negative, "indefinite")
    assert from_eigen(values, angle).shape_class() == expected


@pytest.mark.parametrize("values", [(0.0, 1.0), (-1.0, 2.0), (-1.0, -2.0)])
def test_condition_number_needs_positive_definite(values):
    with pytest.raises(ValidationError, match="^A = .*positive definite"):
        from_eigen(values).condition_number()


def test_singular_has_no_minimiser():
    with pytest.raises(ValidationError, match="^A = .*non-singular"):
        from_eigen([0.0, 1.0], 0.3, (1.0, 1.0)).minimiser()


def test_saddle_minimiser_is_the_stationary_point():
    q = from_eigen([-1.0, 2.0], 0.4, (1.0, -2.0), c=0.5)
    np.testing.assert_allclose(q.minimiser(), [1.0, -2.0])
    assert q.min_value() == pytest.approx(0.5)


@given(st.tuples(curvatures, curvatures), angles, points, st.floats(0.01, 10.0))
def test_level_set_points_lie_on_the_level_and_semi_axes_are_sqrt_2L_over_l(values, angle, x_star, level):
    q = from_eigen(values, angle, x_star, c=1.0)
    e = ellipse(q, level)
    np.testing.assert_allclose(e.semi_axes, np.sqrt(2 * level / np.sort(values)), rtol=1e-12)
    np.testing.assert_allclose(e.center, x_star, atol=1e-9)
    pts = level_set_points(q, level, n=64)
    assert pts.shape == (64, 2)
    np.testing.assert_allclose(q.value(pts) - q.min_value(), level, rtol=1e-9, atol=1e-9)
    radii = np.linalg.norm(pts - x_star, axis=1)
    assert radii[0] == pytest.approx(e.semi_axes[0], rel=1e-9)
    assert radii[16] == pytest.approx(e.semi_axes[1], rel=1e-9)
    assert radii.max() <= e.semi_axes.max() * (1 + 1e-9) and radii.min() >= e.semi_axes.min() * (1 - 1e-9)
    u = np.array([np.cos(e.angle), np.sin(e.angle)])
    np.testing.assert_allclose(q.A @ u, min(values) * u, atol=1e-9 * max(values))


@given(st.tuples(curvatures, curvatures), angles, st.floats(0.1, 5.0))
def test_level_set_polygon_encloses_the_ellipse_area(values, angle, level):
    q = from_eigen(values, angle)
    pts = level_set_points(q, level, n=512)
    x, y = pts[:, 0], pts[:, 1]
    area = 0.5 * abs(x @ np.roll(y, -1) - y @ np.roll(x, -1))
    assert area == pytest.approx(np.pi * 2 * level / np.sqrt(values[0] * values[1]), rel=1e-3)
    assert not np.allclose(pts[0], pts[-1])


def test_larger_eigenvalue_gives_shorter_axis():
    e = ellipse(from_eigen([1.0, 9.0], 0.5), 2.0)
    assert e.semi_axes[0] == pytest.approx(3 * e.semi_axes[1])
    assert e.angle == pytest.approx(0.5)


def test_default_level_set_has_128_points():
    assert level_set_points(from_eigen([1.0, 2.0]), 1.0).shape == (128, 2)


def test_quadratic_is_frozen_and_read_only():
    q = from_eigen([1.0, 2.0])
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.c = 1.0
    with pytest.raises(ValueError):
        q.A[0, 0] = 5.0
    H = q.hessian()
    H[0, 0] = 5.0
    assert q.A[0, 0] == 1.0
    assert q.dim == 2


def test_inputs_are_stored_as_float_arrays():
    q = Quadratic([[2, 1], [1, 2]], [1, 0], 3)
    assert q.A.dtype == np.float64 and q.b.dtype == np.float64 and type(q.c) is float
    np.testing.assert_array_equal(q.A, q.A.T)


@given(angles)
def test_rotation_is_orthogonal_with_determinant_one(angle):
    R = rotation(angle)
    np.testing.assert_allclose(R @ R.T, np.eye(2), atol=1e-15)
    assert np.linalg.det(R) == pytest.approx(1.0)
    np.testing.assert_allclose(R @ [1.0, 0.0], [np.cos(angle), np.sin(angle)])


def test_the_largest_level_in_a_box_touches_its_nearer_side():
    q = quadratic.from_eigen((1.0, 4.0))  # semi-axes sqrt(2L) along x1 and sqrt(L / 2) along x2
    assert quadratic.largest_level_in_box(q, 2.0, 2.0) == pytest.approx(2.0)
    assert quadratic.largest_level_in_box(q, 5.0, 0.5) == pytest.approx(0.5)


@given(st.floats(0.1, 10), st.floats(0.1, 10), st.floats(-3.2, 3.2), st.floats(0.5, 5), st.floats(0.5, 5),
       st.floats(-0.4, 0.4), st.floats(-0.4, 0.4))
def test_the_level_set_of_the_largest_level_fills_the_box(l1, l2, angle, w, h, a1, a2):
    q = quadratic.from_eigen((l1, l2), angle, minimiser=(a1 * w, a2 * h))
    level = quadratic.largest_level_in_box(q, w, h)
    points = quadratic.level_set_points(q, level, n=4096)
    reach = np.max(np.abs(points) / np.array([w, h]), axis=0)
    assert np.all(reach <= 1 + 1e-9) and np.max(reach) == pytest.approx(1.0, abs=1e-3)


def test_a_box_must_hold_the_minimiser():
    q = quadratic.from_eigen((1.0, 2.0), minimiser=(3.0, 0.0))
    with pytest.raises(ValidationError, match=r"around = .*: the minimiser \(3, 0\) must lie inside the box of half-widths \(2, 2\)"):
        quadratic.largest_level_in_box(q, 2.0, 2.0)


@pytest.mark.parametrize("level_offset", [0.7, -0.4, 0.0], ids=["above", "below", "asymptotes"])
def test_hyperbola_points_lie_on_the_level_set_within_reach(level_offset):
    q = quadratic.Quadratic(np.array([[-1.0, 0.3], [0.3, 2.0]]), np.array([0.5, 1.0]), 0.2)
    level = q.min_value() + level_offset
    branches = quadratic.hyperbola(q, level, 3.0, 41)
    assert len(branches) == 2
    for branch in branches:
        assert branch.shape == (41, 2)
        np.testing.assert_allclose(q.value(branch), level, atol=1e-12)
        distance = np.linalg.norm(branch - q.minimiser(), axis=1)
        assert distance.max() == pytest.approx(3.0) and np.all(distance <= 3.0 + 1e-9)
    assert quadratic.hyperbola(q, q.min_value() + 100.0, 0.5) == []  # beyond reach
    with pytest.raises(ValidationError, match="indefinite"):
        quadratic.hyperbola(quadratic.from_eigen((1.0, 2.0)), 1.0, 1.0)


@given(st.tuples(st.floats(0.01, 10.0), st.floats(0.01, 10.0)), st.tuples(st.sampled_from([-1, 0, 1]), st.sampled_from([-1, 0, 1])),
       angles)
def test_definiteness_tells_semidefinite_from_definite_by_the_signs(magnitudes, signs, angle):
    q = from_eigen(tuple(s * m for s, m in zip(signs, magnitudes)), angle)
    assert sorted(q.eigen_signs()) == sorted(signs)
    positive, negative = sum(s > 0 for s in signs), sum(s < 0 for s in signs)
    expected = ("zero" if positive == negative == 0 else "indefinite" if positive and negative
                else ("positive" if positive else "negative") + (" definite" if 0 not in signs else " semidefinite"))
    assert q.definiteness() == expected
    if 0 not in signs:
        assert q.definiteness() == q.shape_class()
    else:
        assert q.shape_class() == "singular" or (positive and negative)
