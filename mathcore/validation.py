"""Shared argument checks. Each returns the cleaned value or raises :class:`ValidationError`.

Messages have the form ``"<name> = <value>: <what is allowed>"`` on one line.
"""

import numbers
import sys

import numpy as np

from mathcore.errors import ValidationError

MAX_COUNT = 1_000_000
"""Largest accepted step or sample count: it bounds the memory a caller can make us allocate."""


def describe(value) -> str:
    """A short one-line rendering of ``value`` for error messages (at most 80 characters)."""
    if isinstance(value, np.ndarray):
        text = np.array2string(value, separator=", ", threshold=16, edgeitems=2, max_line_width=sys.maxsize)
    elif isinstance(value, (float, np.floating)):
        text = repr(float(value))
    elif isinstance(value, (np.integer, np.bool_)):
        text = repr(value.item())
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def invalid(name: str, value, allowed: str) -> ValidationError:
    """The error ``"<name> = <value>: <allowed>"`` (returned, for the caller to raise)."""
    return ValidationError(f"{name} = {describe(value)}: {allowed}")


def _shape_text(shape) -> str:
    parts = ["..." if s is Ellipsis else "n" if s is None else str(s) for s in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def _shape_ok(actual: tuple, shape) -> bool:
    if shape and shape[0] is Ellipsis:
        tail = shape[1:]
        actual = actual[len(actual) - len(tail):] if len(actual) >= len(tail) else None
        shape = tail
    return actual is not None and len(actual) == len(shape) and all(
        s is None or s == n for s, n in zip(shape, actual))


def float_array(name: str, value, shape=None) -> np.ndarray:
    """``value`` as a float64 array of real numbers, NaN/inf allowed.

    ``shape`` is a tuple whose entries are sizes, ``None`` (any size) or a leading ``...`` (any leading axes).
    """
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):
        raise invalid(name, value, "must be an array of real numbers") from None
    if raw.dtype.kind not in "iuf":
        raise invalid(name, value, "must be an array of real numbers")
    if shape is not None and not _shape_ok(raw.shape, tuple(shape)):
        raise invalid(name, value, f"must have shape {_shape_text(shape)}, not {raw.shape}")
    return raw.astype(np.float64)


def finite_array(name: str, value, shape=None) -> np.ndarray:
    """``value`` as a float64 array with every entry finite (see :func:`float_array` for ``shape``)."""
    array = float_array(name, value, shape)
    if not np.all(np.isfinite(array)):
        raise invalid(name, value, "entries must be finite (no NaN or inf)")
    return array


def finite_scalar(name: str, value) -> float:
    """``value`` as a finite Python float (bools and strings are rejected)."""
    if isinstance(value, (bool, np.bool_)) or np.ndim(value) != 0 or np.asarray(value).dtype.kind not in "iuf":
        raise invalid(name, value, "must be a real number")
    x = float(value)
    if not np.isfinite(x):
        raise invalid(name, value, "must be finite (not NaN or inf)")
    return x


def positive(name: str, value) -> float:
    """A finite float > 0."""
    x = finite_scalar(name, value)
    if not x > 0:
        raise invalid(name, value, "must be > 0")
    return x


def non_negative(name: str, value) -> float:
    """A finite float >= 0."""
    x = finite_scalar(name, value)
    if not x >= 0:
        raise invalid(name, value, "must be >= 0")
    return x


def in_range(name: str, value, lo: float, hi: float, *, lo_open: bool = False, hi_open: bool = False) -> float:
    """A finite float in the interval from ``lo`` to ``hi``, each end closed unless flagged open."""
    x = finite_scalar(name, value)
    above = x > lo if lo_open else x >= lo
    below = x < hi if hi_open else x <= hi
    if not (above and below):
        interval = f"{'(' if lo_open else '['}{lo:g}, {hi:g}{')' if hi_open else ']'}"
        raise invalid(name, value, f"must be in {interval}")
    return x


def non_negative_int(name: str, value) -> int:
    """An integer >= 0; floats are accepted only when integral, bools never."""
    if isinstance(value, (bool, np.bool_)):
        raise invalid(name, value, "must be a non-negative integer, not a bool")
    if isinstance(value, numbers.Integral):
        n = int(value)
    elif isinstance(value, numbers.Real) and np.isfinite(value) and float(value).is_integer():
        n = int(value)
    else:
        raise invalid(name, value, "must be a non-negative integer")
    if n < 0:
        raise invalid(name, value, "must be a non-negative integer")
    return n


def count(name: str, value, *, minimum: int = 0, maximum: int = MAX_COUNT) -> int:
    """An integer in [minimum, maximum]; the default maximum bounds the memory a caller can request."""
    n = non_negative_int(name, value)
    if n < minimum:
        raise invalid(name, value, f"must be >= {minimum}")
    if n > maximum:
        raise invalid(name, value, f"must be <= {maximum} (a bound that keeps memory use finite)")
    return n


def counts(name: str, value) -> np.ndarray:
    """A 1-D array of integers in [0, MAX_COUNT], as int64."""
    array = finite_array(name, value, shape=(None,))
    if not np.all(array == np.round(array)) or np.any(array < 0):
        raise invalid(name, value, "entries must be non-negative integers")
    if np.any(array > MAX_COUNT):
        raise invalid(name, value, f"entries must be <= {MAX_COUNT} (a bound that keeps memory use finite)")
    return array.astype(np.int64)


def vector(name: str, value, size: int | None = None, *, positive: bool = False) -> np.ndarray:
    """A non-empty finite 1-D float array (of length ``size`` if given; all entries > 0 if ``positive``)."""
    array = finite_array(name, value, shape=(size,))
    if array.size == 0:
        raise invalid(name, value, "must not be empty")
    if positive and not np.all(array > 0):
        raise invalid(name, value, "entries must be > 0")
    return array


def symmetric_matrix(name: str, value, tol: float = 1e-9) -> np.ndarray:
    """A finite square matrix with max|A - A^T| <= tol * max(1, max|A|), returned as (A + A^T) / 2."""
    tol = non_negative("tol", tol)
    matrix = finite_array(name, value, shape=(None, None))
    if matrix.shape[0] != matrix.shape[1] or matrix.size == 0:
        raise invalid(name, value, f"must be a non-empty square matrix, not of shape {matrix.shape}")
    scale = max(1.0, float(np.max(np.abs(matrix))))
    if np.max(np.abs(matrix - matrix.T)) > tol * scale:
        raise invalid(name, value, f"must be symmetric (max|{name} - {name}^T| <= {tol:g} * max(1, max|{name}|))")
    return 0.5 * (matrix + matrix.T)


def box(name: str, value, dim: int) -> np.ndarray:
    """Bounds ((lo, hi), ...) for ``dim`` coordinates as a (dim, 2) array with lo < hi (for dim 1, (lo, hi) too)."""
    array = finite_array(name, value)
    if dim == 1 and array.shape == (2,):
        array = array.reshape(1, 2)
    if array.shape != (dim, 2):
        raise invalid(name, value, f"must be {dim} pair(s) (lo, hi)")
    if not np.all(array[:, 0] < array[:, 1]):
        raise invalid(name, value, "each pair (lo, hi) must have lo < hi")
    return array


def function(name: str, value):
    """A callable."""
    if not callable(value):
        raise invalid(name, value, "must be callable")
    return value


def instance(name: str, value, cls: type):
    """An instance of ``cls``."""
    if not isinstance(value, cls):
        raise invalid(name, value, f"must be a {cls.__name__}")
    return value


def readonly(array: np.ndarray) -> np.ndarray:
    """``array`` marked read-only (for arrays held by frozen dataclasses); returns the same object."""
    array.setflags(write=False)
    return array
