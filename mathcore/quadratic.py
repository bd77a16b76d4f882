"""Quadratic forms f(x) = 1/2 x^T A x - b^T x + c, their eigen-structure and their contour ellipses."""

from dataclasses import dataclass

import numpy as np

from mathcore import validation

SHAPE_CLASSES = ("positive definite", "negative definite", "singular", "indefinite")
DEFINITENESS = ("positive definite", "negative definite", "positive semidefinite", "negative semidefinite", "zero",
                "indefinite")


@dataclass(frozen=True, eq=False)
class Eigen:
    """A = V diag(values) V^T: ``values`` ascending, ``vectors`` orthonormal columns, each signed so that its
    largest-magnitude component is positive."""

    values: np.ndarray
    vectors: np.ndarray


@dataclass(frozen=True, eq=False)
class Quadratic:
    """f(x) = 1/2 x^T A x - b^T x + c with A symmetric; gradient A x - b, Hessian A."""

    A: np.ndarray
    b: np.ndarray
    c: float = 0.0

    def __post_init__(self):
        A = validation.symmetric_matrix("A", self.A)
        object.__setattr__(self, "A", validation.readonly(A))
        b = validation.finite_array("b", self.b, shape=(A.shape[0],))
        object.__setattr__(self, "b", validation.readonly(b))
        object.__setattr__(self, "c", validation.finite_scalar("c", self.c))

    @property
    def dim(self) -> int:
        """d, the number of inputs."""
        return self.A.shape[0]

    def _points(self, x) -> np.ndarray:
        return validation.finite_array("x", x, shape=(..., self.dim))

    def value(self, x) -> np.ndarray:
        """f(x) = 1/2 x^T A x - b^T x + c for x of shape (..., d); returns shape (...)."""
        x = self._points(x)
        return 0.5 * np.einsum("...i,ij,...j->...", x, self.A, x) - x @ self.b + self.c

    def gradient(self, x) -> np.ndarray:
        """grad f(x) = A x - b for x of shape (..., d)."""
        return self._points(x) @ self.A - self.b

    def hessian(self) -> np.ndarray:
        """The Hessian A (a copy)."""
        return self.A.copy()

    def eigen(self) -> Eigen:
        """Eigenvalues (ascending) and orthonormal eigenvectors of A (numpy.linalg.eigh, O(d^3))."""
        values, vectors = np.linalg.eigh(self.A)
        rows = np.argmax(np.abs(vectors), axis=0)
        vectors = vectors * np.sign(vectors[rows, np.arange(self.dim)])
        return Eigen(validation.readonly(values), validation.readonly(vectors))

    def shape_class(self, tol: float = 1e-9) -> str:
        """One of SHAPE_CLASSES: "singular" if some |l_i| <= tol max(1, max|l|), else "positive definite"
        (all l_i > 0), "negative definite" (all l_i < 0) or "indefinite" (both signs)."""
        tol = validation.in_range("tol", tol, 0.0, 1.0, hi_open=True)
        values = self.eigen().values
        if np.min(np.abs(values)) <= tol * max(1.0, float(np.max(np.abs(values)))):
            return "singular"
        if values[0] > 0:
            return "positive definite"
        if values[-1] < 0:
            return "negative definite"
        return "indefinite"

    def eigen_signs(self, tol: float = 1e-9) -> np.ndarray:
        """The sign of each eigenvalue (ascending): +1, -1, or 0 where |l_i| <= tol max(1, max|l|) (shape_class's
        test for a zero eigenvalue)."""
        tol = validation.in_range("tol", tol, 0.0, 1.0, hi_open=True)
        values = self.eigen().values
        zero = np.abs(values) <= tol * max(1.0, float(np.max(np.abs(values))))
        return np.where(zero, 0, np.sign(values)).astype(int)

    def definiteness(self, tol: float = 1e-9) -> str:
        """One of DEFINITENESS: shape_class, with a "singular" A told apart as "positive semidefinite" (zero and
        positive eigenvalues), "negative semidefinite" (zero and negative), "zero" (all zero) or "indefinite"."""
        signs = self.eigen_signs(tol)
        if np.all(signs == 0):
            return "zero"
        if np.all(signs >= 0):
            return "positive definite" if np.all(signs > 0) else "positive semidefinite"
        if np.all(signs <= 0):
            return "negative definite" if np.all(signs < 0) else "negative semidefinite"
        return "indefinite"

    def minimiser(self) -> np.ndarray:
        """The stationary point x* = A^-1 b (the minimiser when A is positive definite; a saddle or maximum
        otherwise). Singular A has none or infinitely many: ValidationError."""
        if self.shape_class() == "singular":
            raise validation.invalid("A", self.A, f"must be non-singular to have a unique stationary point A^-1 b "
                                                  f"(eigenvalues {validation.describe(self.eigen().values)})")
        return np.linalg.solve(self.A, self.b)

    def min_value(self) -> float:
        """f(x*) = c - 1/2 b^T A^-1 b, the value at the stationary point."""
        return float(self.c - 0.5 * self.b @ self.minimiser())

    def condition_number(self) -> float:
        """k = l_max / l_min, defined for positive definite A."""
        if self.shape_class() != "positive definite":
            raise validation.invalid("A", self.A, "must be positive definite to have a condition number "
                                                  f"(eigenvalues {validation.describe(self.eigen().values)})")
        values = self.eigen().values
        return float(values[-1] / values[0])


def rotation(angle) -> np.ndarray:
    """R(angle) = [[cos, -sin], [sin, cos]]."""
    angle = validation.finite_scalar("angle", angle)
    c, s = np.cos(angle), np.sin(angle)
    return np.array([[c, -s], [s, c]])


def from_eigen(eigenvalues, angle=0.0, minimiser=(0.0, 0.0), c=0.0) -> Quadratic:
    """f(x) = 1/2 (x - x*)^T A (x - x*) + c with A = R(angle) diag(l) R(angle)^T, i.e.
    Quadratic(A, b = A x*, c + 1/2 x*^T A x*): l_1 has eigenvector (cos angle, sin angle), f(x*) = c."""
    values = validation.vector("eigenvalues", eigenvalues, 2)
    R = rotation(angle)
    x_star = validation.vector("minimiser", minimiser, 2)
    c = validation.finite_scalar("c", c)
    A = R @ np.diag(values) @ R.T
    return Quadratic(A, A @ x_star, c + 0.5 * x_star @ A @ x_star)


@dataclass(frozen=True, eq=False)
class Ellipse:
    """The curve center + s_1 cos(t) v_1 + s_2 sin(t) v_2: semi-axes (s_1, s_2) along the eigenvectors of the
    ascending eigenvalues; ``angle`` is the direction of v_1 in radians."""

    center: np.ndarray
    semi_axes: np.ndarray
    angle: float


def _positive_definite_2d(q) -> Quadratic:
    q = validation.instance("q", q, Quadratic)
    if q.dim != 2 or q.shape_class() != "positive definite":
        raise validation.invalid("q", q.A, "must be a positive definite 2-D quadratic (its A is shown)")
    return q


def ellipse(q: Quadratic, level) -> Ellipse:
    """The level set f(x) - f* = L of a positive definite 2-D quadratic: semi-axis sqrt(2L / l_i) along v_i."""
    q = _positive_definite_2d(q)
    level = validation.positive("level", level)
    eigen = q.eigen()
    v1 = eigen.vectors[:, 0]
    return Ellipse(validation.readonly(q.minimiser()), validation.readonly(np.sqrt(2.0 * level / eigen.values)),
                   float(np.arctan2(v1[1], v1[0])))


def largest_level_in_box(q: Quadratic, half_width, half_height, around=(0.0, 0.0)) -> float:
    """The largest L whose level set f - f* = L lies in the box |x1 - a1| <= w, |x2 - a2| <= h around ``around``.

    The ellipse of level L is that of level 1 (semi-axes s_i, v1 at angle t) scaled by sqrt(L) about the
    minimiser c; its half-extents are sqrt(L) e1 and sqrt(L) e2 with e1 = hypot(s1 cos t, s2 sin t) and
    e2 = hypot(s1 sin t, s2 cos t), so L = min(((w - |c1 - a1|) / e1)^2, ((h - |c2 - a2|) / e2)^2)."""
    w, h = validation.positive("half_width", half_width), validation.positive("half_height", half_height)
    e = ellipse(q, 1.0)
    (s1, s2), cos_t, sin_t = e.semi_axes, np.cos(e.angle), np.sin(e.angle)
    offset = np.abs(e.center - validation.vector("around", around, size=2))
    room = np.array([w, h]) - offset
    if np.any(room <= 0):
        raise validation.invalid("around", around, f"the minimiser ({e.center[0]:g}, {e.center[1]:g}) must lie inside "
                                 f"the box of half-widths ({w:g}, {h:g}) around it")
    extents = np.array([np.hypot(s1 * cos_t, s2 * sin_t), np.hypot(s1 * sin_t, s2 * cos_t)])
    return float(np.min((room / extents) ** 2))


def level_set_points(q: Quadratic, level, n=128) -> np.ndarray:
    """n points x* + sqrt(2L/l_1) cos(t_k) v_1 + sqrt(2L/l_2) sin(t_k) v_2, t_k = 2 pi k / n, k = 0..n-1."""
    e = ellipse(q, level)
    n = validation.count("n", n, minimum=3)
    t = 2.0 * np.pi * np.arange(n) / n
    vectors = q.eigen().vectors
    return (e.center + np.outer(e.semi_axes[0] * np.cos(t), vectors[:, 0])
            + np.outer(e.semi_axes[1] * np.sin(t), vectors[:, 1]))


def hyperbola(q: Quadratic, level, reach, n=65) -> list[np.ndarray]:
    """The level set f(x) = level of an indefinite 2-D quadratic (a saddle), as its branches within distance
    ``reach`` of the saddle point x*: each an (n, 2) array of points in order.

    In eigen-coordinates u_i = v_i^T (x - x*), the set is l_1 u_1^2 + l_2 u_2^2 = D with D = 2 (level - f(x*)),
    l_1 < 0 < l_2. For D > 0 its branches are u = (a sinh s, +-c cosh s), a = sqrt(D / |l_1|), c = sqrt(D / l_2);
    for D < 0 they are u = (+-a cosh s, c sinh s), a = sqrt(-D / |l_1|), c = sqrt(-D / l_2); s runs over the
    range whose points lie within ``reach``. For D = 0 the set is the two asymptotes u_2 = +-sqrt(|l_1| / l_2) u_1,
    returned as two segments through x*. A branch entirely beyond ``reach`` is left out."""
    q = validation.instance("q", q, Quadratic)
    if q.dim != 2 or q.shape_class() != "indefinite":
        raise validation.invalid("q", q.A, "must be an indefinite 2-D quadratic (its A is shown)")
    level = validation.finite_scalar("level", level)
    reach = validation.positive("reach", reach)
    n = validation.count("n", n, minimum=2)
    eigen = q.eigen()
    (l1, l2), V = eigen.values, eigen.vectors
    centre = q.minimiser()
    D = 2.0 * (level - q.min_value())
    if D == 0.0:
        slope = np.sqrt(-l1 / l2)
        u1 = np.linspace(-1.0, 1.0, n) * reach / np.hypot(1.0, slope)
        return [centre + np.column_stack([u1, sign * slope * u1]) @ V.T for sign in (1.0, -1.0)]
    a, c = np.sqrt(abs(D) / -l1), np.sqrt(abs(D) / l2)
    across, along = (a, c) if D > 0 else (c, a)  # semi-axis across the branches' gap and the one through it
    cosh_top = np.sqrt((reach**2 + across**2) / (across**2 + along**2))
    if cosh_top < 1.0:
        return []
    s = np.linspace(-1.0, 1.0, n) * np.arccosh(cosh_top)
    branches = []
    for sign in (1.0, -1.0):
        if D > 0:
            u = np.column_stack([a * np.sinh(s), sign * c * np.cosh(s)])
        else:
            u = np.column_stack([sign * a * np.cosh(s), c * np.sinh(s)])
        branches.append(centre + u @ V.T)
    return branches
