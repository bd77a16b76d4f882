"""The README's scene table and inspect-key table, made from the catalogue.

``python tools/readme_tables.py`` rewrites both tables in README.md (scene lengths from dry runs at
default parameters with the default voice, as ``hessian-lecture list`` prints them);
``--check`` rewrites nothing, keeps the lengths the README states, and exits 1 when a table differs.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scenes.catalogue import lecture  # noqa: E402

README = ROOT / "README.md"
SCENE_HEADER = "| scene | chapter | class | length | what it shows |"
KEYS_HEADER = "| scene | keys of `values` |"


def scene_table(lengths: dict[str, str]) -> list[str]:
    """One row per scene in lecture order: name, chapter, class, length, the class's summary."""
    rows = [SCENE_HEADER, "|---|---|---|---|---|"]
    for e in lecture():
        rows.append(f"| `{e.name}` | {e.chapter} | `{e.cls.__name__}` | {lengths.get(e.name, '?')} | {e.summary} |")
    return rows


def keys_table() -> list[str]:
    """One row per scene with values: the keys of ``values(Params())`` in the order the scene gives them."""
    rows = [KEYS_HEADER, "|---|---|"]
    for e in lecture():
        if not e.cls.is_card:
            keys = ", ".join(f"`{k}`" for k in e.cls.values(e.cls.Params()).as_dict())
            rows.append(f"| `{e.name}` | {keys} |")
    return rows


def stated_lengths(text: str) -> dict[str, str]:
    """The length column of the README's scene table, by scene name."""
    return dict(re.findall(r"^\| `(\w+)` \| \d+ \| `\w+` \| ([^|]+?) \|", text, re.M))


def _replace_table(text: str, header: str, rows: list[str]) -> str:
    lines = text.split("\n")
    start = lines.index(header)
    end = start
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[:start] + rows + lines[end:])


def with_tables(text: str, lengths: dict[str, str]) -> str:
    """``text`` with both tables made afresh."""
    return _replace_table(_replace_table(text, SCENE_HEADER, scene_table(lengths)), KEYS_HEADER, keys_table())


def spoken_lengths() -> dict[str, str]:
    from hessian_lecture.inspection import default_durations

    return {name: f"{seconds:.0f} s" for name, seconds in default_durations(lecture()).items()}


def main(argv: list[str]) -> int:
    text = README.read_text()
    if argv == ["--check"]:
        if with_tables(text, stated_lengths(text)) != text:
            print("README.md: its scene or inspect-key table differs from the catalogue; "
                  "run python tools/readme_tables.py", file=sys.stderr)
            return 1
        return 0
    tmp = README.with_suffix(".md.tmp")
    tmp.write_text(with_tables(text, spoken_lengths()))
    tmp.replace(README)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
