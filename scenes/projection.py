"""A fixed 3-D view, drawn once as flat 2-D shapes.

The lecture's 3-D pictures keep their camera still, or only turn it (see :mod:`scenes.turning`), so there is
no need to project, depth-sort and shade every surface patch again on every frame, as manim's ``ThreeDCamera``
does. :class:`View` asks a ``ThreeDCamera`` at the same angles to do that work once, through its own methods,
and returns plain 2-D copies that the ordinary camera draws (five times faster per frame in a profile of the
``shapes`` scene). Text and formulas stay flat and are placed at the projection of a 3-D point.
"""

from __future__ import annotations

import numpy as np
from manim import VGroup, VMobject, rgb_to_color
from manim.camera.three_d_camera import ThreeDCamera
from manim.mobject.mobject import Mobject


class View:
    """A camera at polar angle ``phi`` and azimuth ``theta`` (radians), as ``set_camera_orientation``."""

    def __init__(self, phi: float, theta: float) -> None:
        self.camera = ThreeDCamera()
        self.camera.set_phi(phi)
        self.camera.set_theta(theta)
        self.camera.reset_rotation_matrix()

    @property
    def rotation(self) -> np.ndarray:
        """The rotation R of the view: a point p appears at (R p)_xy, before perspective."""
        return self.camera.get_rotation_matrix()

    def project(self, points: np.ndarray) -> np.ndarray:
        """Screen positions (z = 0) of 3-D points: rotated, then scaled by d / (d - z) for perspective."""
        flat = self.camera.project_points(np.asarray(points, dtype=float).reshape(-1, 3))
        flat[:, 2] = 0.0
        return flat

    def point(self, p: np.ndarray) -> np.ndarray:
        """The screen position of one 3-D point."""
        return self.project(p)[0]

    def place(self, mobject: Mobject, p: np.ndarray) -> Mobject:
        """Move a flat mobject (a label, a dot) so that its centre sits on the projection of ``p``."""
        return mobject.move_to(self.point(p))

    def flatten(self, mobject: Mobject) -> VGroup:
        """2-D copies of every piece of ``mobject``, far to near, coloured as the ThreeDCamera shades them."""
        return VGroup(*[flat for _, flat in self.pieces(mobject)])

    def pieces(self, mobject: Mobject, kind: type[VMobject] = VMobject) -> list[tuple[VMobject, VMobject]]:
        """Each visible 3-D piece of ``mobject`` with its 2-D copy, far to near (the camera's painter's order).

        Each copy's fill and stroke take the mean of the two corner colours the camera shades the piece with
        (it would draw a gradient between them; the patches are small enough for one colour). The copies are
        ``kind`` mobjects.
        """
        pairs = []
        for piece in self.camera.get_mobjects_to_display([mobject]):
            if not isinstance(piece, VMobject) or piece.get_num_points() == 0:
                continue
            fill = np.mean(self.camera.get_fill_rgbas(piece), axis=0)
            stroke = np.mean(self.camera.get_stroke_rgbas(piece), axis=0)
            if fill[3] == 0 and (stroke[3] == 0 or piece.get_stroke_width() == 0):
                continue  # invisible (ThreeDAxes keep their stroke on the pieces, not on the whole axis)
            flat = kind().set_points(self.project(piece.points))
            flat.set_fill(rgb_to_color(fill[:3]), opacity=fill[3])
            flat.set_stroke(rgb_to_color(stroke[:3]), width=piece.get_stroke_width(), opacity=stroke[3])
            pairs.append((piece, flat))
        return pairs

    def depth(self, points: np.ndarray) -> np.ndarray:
        """Distance towards the camera of 3-D points, (R p)_z: the key of the camera's painter's order."""
        return np.asarray(points, dtype=float).reshape(-1, 3) @ self.rotation[2]
