"""difference_quotients: the change of a sampled quantity per unit of x, against independent answers."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mathcore import functions
from mathcore.derivatives import difference_quotients
from mathcore.errors import ValidationError

increasing = st.lists(st.floats(-3.0, 3.0), min_size=2, max_size=8, unique=True).map(sorted).filter(
    lambda xs: np.min(np.diff(xs)) > 1e-3)


@given(increasing, st.floats(-5.0, 5.0), st.floats(-5.0, 5.0))
def test_quotients_of_a_line_are_its_slope(xs, a, b):
    xs = np.array(xs)
    np.testing.assert_allclose(difference_quotients(xs, a * xs + b), a, atol=1e-9)


@pytest.mark.parametrize("name", sorted(functions.LOSSES_1D))
def test_quotients_of_the_slope_are_the_mean_second_derivative(name):
    # Independent answer: (f'(b) - f'(a)) / (b - a) = mean of f'' over [a, b], by trapezoid quadrature of f''.
    loss = functions.loss_1d(name)
    xs = np.array([-1.5, -0.5, 0.25, 1.5])
    q = difference_quotients(xs, loss.df(xs))
    for k in range(xs.size - 1):
        t = np.linspace(xs[k], xs[k + 1], 20_001)
        mean = np.trapezoid(loss.d2f(t), t) / (xs[k + 1] - xs[k])
        assert q[k] == pytest.approx(mean, abs=1e-7)


@pytest.mark.parametrize(
    "xs, ys, message",
    [
        ([0.0], [1.0], r"xs = .*at least 2 points"),
        ([0.0, 0.0], [1.0, 2.0], r"xs = .*strictly increasing"),
        ([1.0, 0.0], [1.0, 2.0], r"xs = .*strictly increasing"),
        ([0.0, 1.0], [1.0], r"ys = .*shape"),
        ([0.0, np.nan], [1.0, 2.0], r"xs = .*finite"),
    ],
)
def test_bad_samples_are_rejected(xs, ys, message):
    with pytest.raises(ValidationError, match=message):
        difference_quotients(xs, ys)
