"""Losses the user types as formulas: parsed as data (never executed), differentiated exactly with SymPy.

:mod:`formula_losses.reader` reads the text against a whitelist into a SymPy expression; :mod:`formula_losses.build`
differentiates it and returns a :class:`mathcore.functions.Loss1D` or ``Loss2D`` checked on a domain.
"""

from formula_losses.build import describe, loss_1d, loss_2d
from formula_losses.reader import INPUTS_1D, INPUTS_2D, FormulaError, parse

__all__ = ["INPUTS_1D", "INPUTS_2D", "FormulaError", "describe", "loss_1d", "loss_2d", "parse"]
