"""The output folder of ``render`` and ``lecture``: made and proven writable before anything renders."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mathcore.errors import ValidationError

ALLOWED = "give a folder that exists or can be created, and that can be written to"


def output_folder(text: str) -> Path:
    """The folder ``text`` names, created with its missing parents, once a folder made in it and removed again shows
    that files can be written there (under root too, which permission checks would wave through). ValidationError
    naming ``text`` and what is allowed if it is empty, a file (or link, device...), under one, cannot be created
    or cannot be written; the folders this created are removed again then."""
    if not text.strip():
        raise ValidationError(f"--output {text!r}: empty; {ALLOWED}")
    folder = Path(text)
    if os.path.lexists(text) and not os.path.isdir(text):
        raise ValidationError(f"--output {text!r}: exists and is not a folder; {ALLOWED}")
    blocker = next((p for p in folder.parents if os.path.lexists(p) and not os.path.isdir(p)), None)
    if blocker is not None:
        raise ValidationError(f"--output {text!r}: lies under {str(blocker)!r}, which is not a folder; {ALLOWED}")
    created = [p for p in (folder, *folder.parents) if not os.path.lexists(p)]  # deepest first
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.rmdir(tempfile.mkdtemp(prefix=".writable-", dir=folder))
    except (OSError, ValueError) as e:  # ValueError: a NUL character in the name
        for p in created:
            try:
                p.rmdir()
            except (OSError, ValueError):
                pass
        why = getattr(e, "strerror", None) or str(e)
        raise ValidationError(f"--output {text!r}: cannot be {'written' if os.path.isdir(text) else 'created'} "
                              f"({why}); {ALLOWED}") from None
    return folder
