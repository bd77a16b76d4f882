"""Reading the user's input files (parameter files, scripts): regular files of bounded size, parsed as data."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path
from typing import Any

from mathcore.errors import ValidationError

MAX_INPUT_BYTES = 1 << 20  # a parameter file or script larger than 1 MiB is refused unread


def read_toml(path: Path, where: str) -> dict[str, Any]:
    """The TOML document in the regular file ``path`` of at most ``MAX_INPUT_BYTES``; ValidationError starting with
    ``where`` (e.g. "script narration.toml") if it is missing, not a regular file, too large, not UTF-8 or not
    valid TOML. At most ``MAX_INPUT_BYTES + 1`` bytes are ever read, so a device or a pipe cannot exhaust memory."""
    try:
        with path.open("rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise ValidationError(f"{where}: not a regular file")
            data = fh.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise ValidationError(f"{where}: no such file") from None
    except (IsADirectoryError, PermissionError, OSError) as e:
        raise ValidationError(f"{where}: cannot be read ({e.strerror or e})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise ValidationError(f"{where}: larger than {MAX_INPUT_BYTES // 1024} KiB, the most an input file may hold")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ValidationError(f"{where}: cannot be read (not UTF-8 text: {e.reason} at byte {e.start})") from None
    except tomllib.TOMLDecodeError as e:
        raise ValidationError(f"{where}: not valid TOML ({e})") from None
