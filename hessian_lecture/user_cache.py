"""The per-user cache folder: everything a command keeps that is not one of its results goes here, never into
the installed package or the folder the command runs from.

The folder is ``$HESSIAN_LECTURE_CACHE`` if set, else platformdirs' user cache folder for ``hessian-lecture``
(on Linux ``$XDG_CACHE_HOME/hessian-lecture``, by default ``~/.cache/hessian-lecture``). It holds

- ``Tex/``: manim's typeset formulas, shared by every render under a lock, the file ``.Tex.lock`` beside it
  (:mod:`scenes.manim_patches`);
- ``texts/<pid>/``: the text SVGs of one process's dry runs, removed when that process exits;
- ``voice/``: the voice's takes (``$HESSIAN_LECTURE_VOICE_CACHE`` moves these alone; :mod:`speech.voices`);
- ``defaults.json``: each scene's length and beats at default parameters, by code fingerprint and voice.

Anything in it may be deleted at any time: it is made again when needed.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from mathcore.errors import ValidationError

ENV = "HESSIAN_LECTURE_CACHE"
APP_NAME = "hessian-lecture"


def folder(*parts: str) -> Path:
    """The cache folder, or ``parts`` inside it, as an absolute path (read from the environment on each call;
    nothing is created)."""
    root = os.environ.get(ENV) or platformdirs.user_cache_dir(APP_NAME, appauthor=False)
    return Path(root).expanduser().absolute().joinpath(*parts)


def check() -> None:
    """ValidationError unless the cache folder is, or can be made as, a folder this user can write into (nothing
    is created)."""
    root = folder()
    existing = next(p for p in (root, *root.parents) if p.exists())
    if not existing.is_dir():
        reason = f"{existing} is not a folder"
    elif not os.access(existing, os.W_OK | os.X_OK):
        reason = f"{existing} cannot be written"
    else:
        return
    raise ValidationError(f"cache folder {root}: {reason}; set {ENV} to a folder you can write")
