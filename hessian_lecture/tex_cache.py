"""One Tex cache shared by every render: each formula is typeset once (about 0.3 s), not once per render.

Concurrent renders share manim's Tex folder safely through the locks of
:func:`scenes.manim_patches.lock_shared_caches`.
"""

from __future__ import annotations

from hessian_lecture.jobs import SHARED_CACHES
from scenes.manim_patches import lock_shared_caches


def use_shared_caches() -> dict:
    """Install the locked steps and return the config settings that point manim at the shared cache."""
    lock_shared_caches()
    return dict(SHARED_CACHES)
