"""Second-order Taylor models f(x0 + d) ~ f(x0) + g^T d + 1/2 d^T H d, the local quadratic picture of a loss."""

from dataclasses import dataclass

import numpy as np

from mathcore import validation
from mathcore.functions import Loss1D, Loss2D
from mathcore.quadratic import Quadratic


@dataclass(frozen=True, eq=False)
class TaylorModel:
    """m(x) = f0 + g^T (x - x0) + 1/2 (x - x0)^T H (x - x0), with x0, g of shape (d,) and H symmetric (d, d)."""

    x0: np.ndarray
    f0: float
    g: np.ndarray
    H: np.ndarray

    def __post_init__(self):
        x0 = validation.vector("x0", self.x0)
        d = x0.size
        object.__setattr__(self, "x0", validation.readonly(x0))
        object.__setattr__(self, "f0", validation.finite_scalar("f0", self.f0))
        object.__setattr__(self, "g", validation.readonly(validation.finite_array("g", self.g, shape=(d,))))
        H = validation.symmetric_matrix("H", self.H)
        if H.shape != (d, d):
            raise validation.invalid("H", H, f"must have shape ({d}, {d}) to match x0")
        object.__setattr__(self, "H", validation.readonly(H))

    def __call__(self, x) -> np.ndarray:
        """m(x) for points of shape (..., d); for d = 1, elementwise over a scalar or an array of x."""
        if self.x0.size == 1:
            dx = validation.finite_array("x", x) - self.x0[0]
            return self.f0 + self.g[0] * dx + 0.5 * self.H[0, 0] * dx**2
        dx = validation.finite_array("x", x, shape=(..., self.x0.size)) - self.x0
        return self.f0 + dx @ self.g + 0.5 * np.einsum("...i,ij,...j->...", dx, self.H, dx)

    def as_quadratic(self) -> Quadratic:
        """The model as 1/2 x^T A x - b^T x + c: A = H, b = H x0 - g, c = f0 - g^T x0 + 1/2 x0^T H x0."""
        x0, g, H = self.x0, self.g, self.H
        return Quadratic(H, H @ x0 - g, self.f0 - g @ x0 + 0.5 * x0 @ H @ x0)


def taylor_1d(loss: Loss1D, x0) -> TaylorModel:
    """The model of a 1-D loss at x0: f0 = f(x0), g = (f'(x0),), H = ((f''(x0),),)."""
    loss = validation.instance("loss", loss, Loss1D)
    x0 = validation.finite_scalar("x0", x0)
    return TaylorModel(np.array([x0]), float(loss.f(x0)), np.array([loss.df(x0)]), np.array([[loss.d2f(x0)]]))


def taylor_2d(loss: Loss2D, x0) -> TaylorModel:
    """The model of a 2-D loss at x0: f0 = f(x0), g = grad f(x0), H = Hessian f(x0)."""
    loss = validation.instance("loss", loss, Loss2D)
    x0 = validation.vector("x0", x0, 2)
    return TaylorModel(x0, float(loss.f(x0)), loss.grad(x0), loss.hess(x0))
