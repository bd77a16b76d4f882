"""The lecture's recurring valley: one quadratic carried from ``eigen_axes`` to ``summary``.

f(x) = 1/2 x^T A x with A = V diag(l1, l2) V^T: the eigenvalues ``EIGENVALUES`` (k = l2 / l1 = 10, narrow
enough that the step size and momentum matter, wide enough to see both axes) and v1 at ``ANGLE_DEG`` from the
x1 axis. ``eigen_axes`` turns its contours into this valley; ``convergence`` runs descent on it; ``ball``
slices it along v1 and v2 into two one-input bowls; ``step_size`` takes the steep slice; ``condition`` turns it
until v1 lies along x1 (``FLAT_ANGLE_DEG``), where ``momentum`` keeps it; ``summary`` shows it as first met. v1 and l1 are always
drawn in ``theme.EIGEN_1``, v2 and l2 in ``theme.EIGEN_2``. These are the scenes' defaults: a user's
parameters still change any scene.
"""

from __future__ import annotations

EIGENVALUES = (0.2, 2.0)  # l1 < l2: the shallow and the steep direction
ANGLE_DEG = 30.0  # direction of v1 where the valley is first met
FLAT_ANGLE_DEG = 0.0  # direction of v1 once the valley is turned to lie along x1
STEP = 0.45  # the step size of convergence and ball: factors 1 - a l = 0.91 and 0.10
