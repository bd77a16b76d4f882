"""Records that the ``values()`` of several scenes hold: plain numbers in small frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Curve:
    """A 1-D loss sampled at points: x and f(x)."""

    x: list[float]
    loss: list[float]


@dataclass(frozen=True)
class SlopedCurve(Curve):
    """A 1-D loss sampled at points, with its slope f'(x) there."""

    slope: list[float]


@dataclass(frozen=True)
class EllipseRecord:
    """A mathcore Ellipse as plain numbers (see components.ellipse_record)."""

    center: list[float]
    semi_axes: list[float]
    angle: float  # radians


@dataclass(frozen=True)
class SurfaceGrid:
    """What components.surface draws: the corners x and y of its faces, and the loss's height and gradient at each
    corner (x_i, y_j), indexed [i][j]."""

    x: list[float]
    y: list[float]
    height: list[list[float]]
    gradient: list[list[list[float]]]
