"""How caption text is read aloud: symbols in the captions become the words a teacher would say.

Captions keep their compact notation (``1−aλ``, ``2/λ_max``, ``XᵀX/n``); a synthetic voice reads
:func:`spoken` of each cue instead. The rules are ordered: longer patterns first.
"""

from __future__ import annotations

import re

GREEK = {"λ": "lambda", "α": "alpha", "β": "beta", "∇": "nabla", "Σ": "sigma"}

RULES: tuple[tuple[str, str], ...] = (
    (r"^\(([a-h])\)\s+", r"Panel \1: "),
    (r"\b0\s*<\s*(\w)\s*<\s*([^.,;:]+)", r"\1 between zero and \2"),
    (r"\b(\w+)'\((\w+)\)\s+d(\w)\b", r"\1 prime of \2, times d\3"),
    (r"\bsqrt\(([^)]*)\)", r"the square root of \1"),
    (r"√\(([^)]*)\)", r"the square root of \1"),
    (r"√(\w+)", r"the square root of \1"),
    (r"\(k\s*[−-]\s*1\)\s*/\s*\(k\s*\+\s*1\)", "k minus one, over k plus one"),
    (r"\|(\w)\|²", r"the squared length of \1"),
    (r"\|(\w)\|", r"the length of \1"),
    (r"(\w)ᵀ(\w)", r"\1 transpose \2"),
    (r"(\w)ᵀ", r"\1 transpose"),
    (r"(\w)⁻¹", r"\1 inverse"),
    (r"(\w)²", r"\1 squared"),
    (r"\b(\w+)'\((\w+)\)", r"\1 prime of \2"),
    (r"\b(\w+)''", r"\1 double prime"),
    (r"\bf\*", "f star"),
    (r"\bx\*", "x star"),
    (r"(λ|lambda)[ _](max|min|i|1|2)\b", r"\1 \2"),
    (r"\b([a-z])_([a-z0-9]+)\b", r"\1 \2"),
    (r"\b([a-z])([0-9])\b", r"\1 \2"),
    (r"(\d)\s*/\s*(\w+)", r"\1 over \2"),
    (r"(\w)\s*/\s*(\w)", r"\1 over \2"),
    (r"\s[−-]\s|(?<=\w)[−](?=\w)|(?<![\w)])[−-](?=\d)", " minus "),
    (r"\s\+\s", " plus "),
    (r"\s=\s", " equals "),
    (r"\s<\s", " is less than "),
    (r"\s>\s", " is greater than "),
    (r"\s≤\s|\s<=\s", " is at most "),
    (r"\s≥\s|\s>=\s", " is at least "),
    (r"\s≈\s", " is about "),
)


def spoken(text: str) -> str:
    """``text`` with its notation spelled out in words, for a voice to read."""
    out = " ".join(text.split())
    for pattern, replacement in RULES:
        out = re.sub(pattern, replacement, out)
    for letter, word in GREEK.items():
        out = out.replace(letter, f" {word} ")
    return " ".join(out.split()).replace(" ,", ",").replace(" .", ".").replace(" :", ":")
