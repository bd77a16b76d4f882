"""The loss a scene parameter gives: a loss of mathcore's library by name, or a formula the user typed.

A value that names a library loss stays that loss; any other text is read as a formula (1-D in ``x``, 2-D in
``x1`` and ``x2``; see :mod:`formula_losses`) and checked where the scene draws it. Both come back as
:class:`mathcore.functions.Loss1D` or ``Loss2D``, so a scene treats them alike. SymPy is imported only when a
formula is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mathcore import functions
from mathcore.errors import ValidationError
from mathcore.validation import describe

if TYPE_CHECKING:
    from scenes.params import SceneParams

FORMULA_RANGE_1D = (-2.5, 2.5)  # where a 1-D formula is drawn, unless the scene has a range of its own
FORMULA_BOX_2D = ((-2.0, 2.0), (-2.0, 2.0))  # where a 2-D formula is drawn
INPUTS = {1: ("x",), 2: ("x1", "x2")}  # a formula's inputs, by their count (formula_losses.INPUTS_1D and INPUTS_2D)
LIBRARIES = {1: functions.LOSSES_1D, 2: functions.LOSSES_2D}


def _named(value: object, inputs: int) -> bool:
    return isinstance(value, str) and value in LIBRARIES[inputs]


def allowed(inputs: int) -> str:
    """What a loss parameter with ``inputs`` inputs takes, for messages."""
    return f"one of {', '.join(LIBRARIES[inputs])}, or a formula in {' and '.join(INPUTS[inputs])}"


def checked_text(field: str, value: object, inputs: int) -> str:
    """``value`` (stripped) if it names a library loss or reads as a formula in the inputs; ValidationError naming
    ``field`` otherwise. Where the formula is defined is checked later, on the scene's own range."""
    if isinstance(value, str) and _named(value.strip().lower(), inputs):  # a library name, in any case
        return value.strip().lower()
    if not isinstance(value, str):
        raise ValidationError(f"{field} = {describe(value)}: must be {allowed(inputs)}")
    from formula_losses import FormulaError, parse

    try:
        parse(value, INPUTS[inputs])
    except FormulaError as e:
        if value.strip().isidentifier():  # a misspelt name rather than a formula
            raise ValidationError(f"{field} = {describe(value)}: must be {allowed(inputs)} ({e.reason})") from None
        raise ValidationError(f"{field} = {describe(value)}: {e.reason}") from None
    return value.strip()


def loss_1d(value: str, domain: tuple[float, float] | None = None, field: str = "function") -> functions.Loss1D:
    """The 1-D library loss named ``value``, or the formula ``value`` in x checked on ``domain`` (default
    :data:`FORMULA_RANGE_1D`); ValidationError naming ``field`` if the formula fails there."""
    if _named(value, 1):
        return functions.loss_1d(value)
    import formula_losses

    try:
        return formula_losses.loss_1d(value, tuple(domain or FORMULA_RANGE_1D))
    except formula_losses.FormulaError as e:
        raise ValidationError(f"{field} = {describe(value)}: {e.reason}") from None


def loss_2d(value: str, field: str = "function") -> functions.Loss2D:
    """The 2-D library loss named ``value``, or the formula ``value`` in x1 and x2 checked on
    :data:`FORMULA_BOX_2D`; ValidationError naming ``field`` if the formula fails there."""
    if _named(value, 2):
        return functions.loss_2d(value)
    import formula_losses

    try:
        return formula_losses.loss_2d(value, FORMULA_BOX_2D)
    except formula_losses.FormulaError as e:
        raise ValidationError(f"{field} = {describe(value)}: {e.reason}") from None


def formulas_of(params: SceneParams) -> dict[str, dict]:
    """Each loss parameter of ``params`` that holds a formula: the formula as parsed, in LaTeX, and its exact
    derivatives."""
    shown = {}
    for info in params.describe():
        value = getattr(params, info.name)
        if info.formula and not _named(value, info.formula):
            import formula_losses

            shown[info.name] = formula_losses.describe(value, INPUTS[info.formula])
    return shown
