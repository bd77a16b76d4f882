"""Caption notation is read aloud as words."""

from __future__ import annotations

import pytest

from speech.spoken import spoken

CASES = [
    ("Each step multiplies x by the factor 1−aλ.", "Each step multiplies x by the factor 1 minus a lambda."),
    ("Descent converges only while 0 < a < 2/λ.", "Descent converges only while a between zero and 2 over lambda."),
    ("The cap is a < 2/λ_max.", "The cap is a is less than 2 over lambda max."),
    ("The rate (k−1)/(k+1) is near 1.", "The rate k minus one, over k plus one is near 1."),
    ("H = XᵀX/n here.", "H equals X transpose X over n here."),
    ("It adds m mᵀ to S.", "It adds m m transpose to S."),
    ("At least |m|² then.", "At least the squared length of m then."),
    ("About f'(x) dx.", "About f prime of x, times dx."),
    ("Its slope f'(x) is zero.", "Its slope f prime of x is zero."),
    ("Beyond 2/λ the factor is below −1.", "Beyond 2 over lambda the factor is below minus 1."),
    ("(a) Both eigenvalues positive: a bowl.", "Panel a: Both eigenvalues positive: a bowl."),
    ("On f - f* = L the axis is sqrt(2L / lambda_i).",
     "On f minus f star equals L the axis is the square root of 2L over lambda i."),
    ("Hold x2 fixed.", "Hold x 2 fixed."),
    ("Plain words stay as they are, with commas.", "Plain words stay as they are, with commas."),
]


@pytest.mark.parametrize("caption, words", CASES)
def test_notation_becomes_words(caption, words):
    assert spoken(caption) == words


def test_no_symbol_is_left_for_the_voice():
    for caption, _ in CASES:
        assert not set(spoken(caption)) & set("λ−ᵀ²*|/<>=√_")
