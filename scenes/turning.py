"""A 3-D picture that turns, still drawn as flat 2-D shapes.

:class:`TurningView` wraps a :class:`scenes.projection.View` and turns its camera by an angle ``a`` of
azimuth about the vertical line through a pivot ``c`` (the middle of the picture, so the picture turns in
place on screen). Turning the camera by ``a`` is turning the picture by ``-a``: a 3-D point p is drawn where
the View draws

    q = c + Rz(-a) (p - c),

and each piece is drawn in the painter's order of its reference point's depth (R q)_z, as manim's
``ThreeDCamera`` sorts. The light turns with the picture, so every piece keeps the shade the View gave it.

Each frame recomputes, with numpy only, the corner points of every flat piece and their order: the pieces
are persistent 2-D shapes (no new mobjects and no ``ThreeDCamera`` per frame). Their slots in the group never
move, because manim fixes the drawing order of a group's members when an animation starts; instead slot k
takes the points and colours of the k-th piece from far to near. Labels placed at a 3-D point follow the
projection of that point and stay flat.

Animate a turn with :class:`Turn` (the angle along a path such as :func:`out_and_back`), or with a
:class:`Swing` when it runs on across several ``play`` calls. The turning must not overlap an animation that
copies the same pieces (``FadeIn``, ``Create``): those would draw from their own copies; :class:`Reveal` draws
a flattened curve while the view turns, in place of ``Create``.

Each flattened group keeps its own painter's order, drawn after the groups before it. A shape that must hide and
be hidden by a group's pieces (a plane cutting a surface, a curve on it) is :meth:`TurningView.join`-ed to that
group: its pieces enter the group's painter's order, hidden until :meth:`TurningView.show` (or the animation
:class:`ShowPieces`) gives them an opacity.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from manim import Animation, Group, VGroup, VMobject, smooth
from manim.mobject.mobject import Mobject
from manim.utils.space_ops import rotation_about_z

from scenes.beats import frames
from scenes.projection import View


@dataclass
class _Pieces:
    """One flattened mobject: its 3-D pieces as arrays, and the flat slots that draw them."""

    group: VGroup
    points: np.ndarray  # every piece's 3-D points, piece after piece
    bounds: np.ndarray  # piece i owns points[bounds[i]:bounds[i + 1]]
    references: np.ndarray  # the point whose depth orders each piece (its bounding box centre)
    sorted_by_depth: np.ndarray  # whether the camera sorts the piece (shade_in_3d); the others are drawn last
    styles: list[tuple[np.ndarray, np.ndarray, float]]  # fill rgbas, stroke rgbas, stroke width of each piece
    splits: list[np.ndarray]  # each piece's subpaths (see Slot)
    order: np.ndarray = field(init=False)  # slot k draws piece order[k]
    share: float = 1.0  # the share of each piece drawn, from its start (as Create draws a curve)
    lifts: np.ndarray = field(init=False)  # depth added to each piece's reference depth in the painter's order
    opacity: np.ndarray = field(init=False)  # each piece's opacity, times its own colours' (0: not drawn)
    drawn: list[float] = field(init=False)  # the opacity slot k's colours were last given

    def __post_init__(self) -> None:
        self.order = np.arange(len(self.styles))
        self.lifts = np.zeros(len(self.styles))
        self.opacity = np.ones(len(self.styles))
        self.drawn = [1.0] * len(self.styles)

    def extend(self, other: "_Pieces") -> np.ndarray:
        """Take ``other``'s pieces (and slots) in after this group's own; their indices among the pieces."""
        start = len(self.styles)
        self.group.add(*other.group.submobjects)
        self.points = np.concatenate([self.points, other.points])
        self.bounds = np.concatenate([self.bounds, self.bounds[-1] + other.bounds[1:]])
        self.references = np.concatenate([self.references, other.references])
        self.sorted_by_depth = np.concatenate([self.sorted_by_depth, other.sorted_by_depth])
        self.styles += other.styles
        self.splits += other.splits
        self.order = np.concatenate([self.order, start + other.order])
        self.lifts = np.concatenate([self.lifts, other.lifts])
        self.opacity = np.concatenate([self.opacity, other.opacity])
        self.drawn += other.drawn
        return np.arange(start, len(self.styles))


class Slot(VMobject):
    """A flat piece of a turning picture. It knows its subpaths (the point ranges of its closed outlines), which
    turning leaves as they are; manim would look for them on every draw, a third of the time it takes to draw a
    surface patch. A slot drawing a share of its piece (fewer points) has them looked for again."""

    splits: np.ndarray | None = None

    def get_subpath_split_indices_from_points(self, points, n_dims: int = 3) -> np.ndarray:
        if self.splits is None or len(self.splits) == 0 or self.splits[-1, 1] != len(points):
            return super().get_subpath_split_indices_from_points(points, n_dims)
        return self.splits


class TurningView:
    """``view`` with its camera turned by ``angle`` radians of azimuth about the vertical through ``pivot``."""

    def __init__(self, view: View, pivot: np.ndarray) -> None:
        self.view = view
        self.pivot = np.asarray(pivot, dtype=float)
        self.angle = 0.0
        self.flattened: list[_Pieces] = []
        self.placed: list[tuple[Mobject, np.ndarray]] = []
        self.whole = VMobject()  # holds a piece's whole path while a share of it is drawn

    @property
    def rotation(self) -> np.ndarray:
        """The rotation of the unturned view (see :attr:`View.rotation`)."""
        return self.view.rotation

    def turned(self, points: np.ndarray, angle: float | None = None) -> np.ndarray:
        """The 3-D points turned for the view: q = c + Rz(-a) (p - c), a the current angle unless given."""
        a = self.angle if angle is None else angle
        points = np.asarray(points, dtype=float).reshape(-1, 3)
        if a == 0:
            return points
        return self.pivot + (points - self.pivot) @ rotation_about_z(-a).T

    def project(self, points: np.ndarray, angle: float | None = None) -> np.ndarray:
        """Screen positions (z = 0) of 3-D points at the current angle (or at ``angle``)."""
        return self.view.project(self.turned(points, angle))

    def point(self, p: np.ndarray) -> np.ndarray:
        """The screen position of one 3-D point at the current angle."""
        return self.project(p)[0]

    def place(self, mobject: Mobject, p: np.ndarray) -> Mobject:
        """Move a flat mobject (a label, a dot) onto the projection of ``p``; it follows ``p`` as the view turns."""
        self.placed.append((mobject, np.asarray(p, dtype=float)))
        return mobject.move_to(self.point(p))

    def flatten(self, mobject: Mobject) -> VGroup:
        """2-D copies of every piece of ``mobject`` as :meth:`View.flatten` makes them, redrawn as the view turns."""
        group, pieces = self._pieces(mobject)
        if pieces is None:
            return group
        self.flattened.append(pieces)
        if self.angle != 0:
            self._redraw(pieces)
        return group

    def join(self, group: VGroup, mobject: Mobject, references: np.ndarray | None = None,
             lift: float = 0.0) -> np.ndarray:
        """Flatten ``mobject`` into the painter's order of ``group`` (a group :meth:`flatten` returned): each piece is
        drawn far to near among the group's pieces, by the depth of its reference point (one per piece, or the
        centre of its bounding box) plus ``lift``. The pieces start hidden (see :meth:`show`); returns their indices.
        Join before the ``play`` that shows them: manim fixes what a play draws when it starts."""
        pieces = self._found(group)
        _, joined = self._pieces(mobject)
        if joined is None:
            return np.arange(0)
        if references is not None:
            joined.references = np.asarray(references, dtype=float).reshape(-1, 3)
            if len(joined.references) != len(joined.styles):
                raise ValueError(f"{len(joined.references)} reference points for {len(joined.styles)} pieces")
        joined.sorted_by_depth[:] = True
        joined.lifts[:] = lift
        joined.opacity[:] = 0.0
        indices = pieces.extend(joined)
        self._redraw(pieces)
        return indices

    def show(self, group: VGroup, indices: np.ndarray, opacity: float | np.ndarray) -> None:
        """Give the pieces ``indices`` of ``group`` the opacity ``opacity`` (one, or one for each; 0 hides them)."""
        pieces = self._found(group)
        pieces.opacity[indices] = opacity
        self._redraw(pieces)

    def _found(self, group: VGroup) -> _Pieces:
        """The flattened pieces that ``group`` draws."""
        return next(p for p in self.flattened if p.group is group)

    def _pieces(self, mobject: Mobject) -> tuple[VGroup, _Pieces | None]:
        """The slots drawing ``mobject``'s pieces, and the pieces (None if it has none)."""
        pairs = self.view.pieces(mobject, kind=Slot)
        group = VGroup(*[flat for _, flat in pairs])
        if not pairs:
            return group, None
        pieces = _Pieces(
            group=group,
            points=np.concatenate([piece.points for piece, _ in pairs]),
            bounds=np.cumsum([0] + [len(piece.points) for piece, _ in pairs]),
            references=np.array([piece.get_z_index_reference_point() for piece, _ in pairs]),
            sorted_by_depth=np.array([bool(getattr(piece, "shade_in_3d", False)) for piece, _ in pairs]),
            styles=[(flat.fill_rgbas.copy(), flat.stroke_rgbas.copy(), flat.stroke_width) for _, flat in pairs],
            splits=[flat.get_subpath_split_indices_from_points(flat.points, n_dims=2) for _, flat in pairs],
        )
        for slot, splits in zip(group, pieces.splits):
            slot.splits = splits
        return group, pieces

    def mobjects(self) -> list[Mobject]:
        """Everything that follows the turn: each flattened group and each placed mobject."""
        return [pieces.group for pieces in self.flattened] + [m for m, _ in self.placed]

    def order(self, pieces: _Pieces) -> np.ndarray:
        """The painter's order of ``pieces`` at the current angle: the depth-sorted ones far to near (a stable
        sort, as the camera's; a joined piece by its depth plus its lift), then the others in their own order."""
        depth = self.view.depth(self.turned(pieces.references)) + pieces.lifts
        depth[~pieces.sorted_by_depth] = np.inf
        return np.argsort(depth, kind="stable")

    def set_angle(self, angle: float) -> None:
        """Turn the camera to ``angle`` (radians from the view's own azimuth) and redraw everything that follows."""
        self.angle = float(angle)
        for pieces in self.flattened:
            self._redraw(pieces)
        for mobject, p in self.placed:
            mobject.move_to(self.point(p))

    def reveal(self, group: VGroup, share: float) -> None:
        """Draw the first ``share`` of every piece of ``group`` (a group :meth:`flatten` returned), at the current
        angle."""
        pieces = self._found(group)
        pieces.share = float(share)
        self._redraw(pieces)

    def _redraw(self, pieces: _Pieces) -> None:
        """Project every piece, and give slot k the points (and, where the order or the opacity changed, the
        colours) of the k-th piece from far to near; a hidden piece's slot gets no points."""
        flat = self.project(pieces.points)
        order = self.order(pieces)
        for slot, (k, was, opacity) in enumerate(zip(order, pieces.order, pieces.opacity[order].tolist())):
            target: VMobject = pieces.group.submobjects[slot]
            target.points = flat[pieces.bounds[k]:pieces.bounds[k + 1]] if opacity > 0 else _NOTHING
            if pieces.share < 1 and opacity > 0:
                self.whole.points = target.points
                target.pointwise_become_partial(self.whole, 0, pieces.share)
            if k != was or opacity != pieces.drawn[slot]:
                self._colour(target, pieces, k, opacity)
                pieces.drawn[slot] = opacity
        pieces.order = order

    @staticmethod
    def _colour(target: VMobject, pieces: _Pieces, k: int, opacity: float) -> None:
        """Give ``target`` the colours of piece ``k``, their opacities times ``opacity``, and its subpaths."""
        fill, stroke, width = pieces.styles[k]
        target.fill_rgbas, target.stroke_rgbas, target.stroke_width = fill.copy(), stroke.copy(), width
        if opacity != 1:
            target.fill_rgbas[:, 3] *= opacity
            target.stroke_rgbas[:, 3] *= opacity
        target.splits = pieces.splits[k]


_NOTHING = np.zeros((0, 3))  # the points of a hidden piece: the camera skips a mobject without points


def out_and_back(amplitude: float) -> Callable[[float], float]:
    """The angle at time t in [0, 1] of a swing out to ``amplitude`` and back: a sin(pi s(t)), s manim's smooth, so
    it starts and ends at rest, at exactly 0 (the unturned picture)."""
    return lambda t: amplitude * np.sin(np.pi * smooth(t)) if 0 < t < 1 else 0.0


class Turn(Animation):
    """Turn ``turning`` through ``angle_at(t)``, t from ``span[0]`` to ``span[1]`` over the animation (a span lets
    one turn run on across several ``play`` calls, see :class:`Swing`). The turning pieces stay where the scene has
    them (on screen or not yet)."""

    def __init__(self, turning: TurningView, angle_at: Callable[[float], float],
                 span: tuple[float, float] = (0.0, 1.0), **kwargs) -> None:
        self.turning, self.angle_at, self.span = turning, angle_at, span
        kwargs.setdefault("rate_func", lambda t: t)
        super().__init__(Group(*turning.mobjects()), suspend_mobject_updating=False, introducer=True, **kwargs)

    def _setup_scene(self, scene) -> None:
        """Add nothing: the scene decides what is on screen."""

    def create_starting_mobject(self) -> Mobject:
        """No copy: every frame is computed from the 3-D points."""
        return self.mobject

    def update_mobjects(self, dt: float) -> None:
        """Nothing: the flat pieces have no updaters (manim would visit each of them, every frame)."""

    def interpolate_mobject(self, alpha: float) -> None:
        start, end = self.span
        self.turning.set_angle(self.angle_at(start + (end - start) * self.rate_func(alpha)))


class Reveal(Animation):
    """Draw ``group`` (one that ``turning`` flattened) from nothing to whole at the current angle, as ``Create``
    draws a curve, while the view may be turning."""

    def __init__(self, turning: TurningView, group: VGroup, **kwargs) -> None:
        self.turning = turning
        super().__init__(group, suspend_mobject_updating=False, introducer=True, **kwargs)

    def create_starting_mobject(self) -> Mobject:
        """No copy: every frame is computed from the 3-D points."""
        return self.mobject

    def update_mobjects(self, dt: float) -> None:
        """Nothing: the flat pieces have no updaters (manim would visit each of them, every frame)."""

    def interpolate_mobject(self, alpha: float) -> None:
        self.turning.reveal(self.mobject, self.rate_func(alpha))


class ShowPieces(Animation):
    """Give the pieces ``indices`` of ``group`` (joined to it by :meth:`TurningView.join`) the opacity
    ``opacity_at(t)`` (one, or one for each piece), t from 0 to 1 over the animation, while the view may turn."""

    def __init__(self, turning: TurningView, group: VGroup, indices: np.ndarray,
                 opacity_at: Callable[[float], float | np.ndarray], **kwargs) -> None:
        self.turning, self.indices, self.opacity_at = turning, indices, opacity_at
        super().__init__(group, suspend_mobject_updating=False, **kwargs)

    def create_starting_mobject(self) -> Mobject:
        """No copy: every frame is computed from the 3-D points."""
        return self.mobject

    def update_mobjects(self, dt: float) -> None:
        """Nothing: the flat pieces have no updaters (manim would visit each of them, every frame)."""

    def interpolate_mobject(self, alpha: float) -> None:
        self.turning.show(self.mobject, self.indices, self.opacity_at(self.rate_func(alpha)))


class Swing:
    """One turn, ``angle_at(t)`` for t in [0, 1], spread over ``seconds`` of scene time from ``start``, played in
    stretches beside whatever else the scene plays then."""

    def __init__(self, turning: TurningView, angle_at: Callable[[float], float], start: float, seconds: float) -> None:
        self.turning, self.angle_at, self.start, self.seconds = turning, angle_at, start, seconds

    def turn(self, now: float, run_time: float) -> Turn:
        """The stretch of the turn from scene time ``now`` for ``run_time`` seconds (at rest outside the swing)."""
        def at(time: float) -> float:
            return min(max((time - self.start) / self.seconds, 0.0), 1.0)

        return Turn(self.turning, self.angle_at, (at(now), at(now + run_time)), run_time=run_time)

    def play_until(self, scene, time: float) -> None:
        """Play the turn alone from the scene's time until scene time ``time`` (nothing if that has passed)."""
        if time - scene.time > 1e-6:
            run_time = frames(time - scene.time)
            scene.play(self.turn(scene.time, run_time))
