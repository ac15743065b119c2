"""Origins left out of the onward options (displacement._fewest_sending): exactly those whose
unsheltered people are too few to send a household by the displacement rule's own test."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from game.engine.displacement import _fewest_sending

_VALID = SimpleNamespace(flight_noise=0.2, leave_rate_max=0.3, fall_leave_rate=0.3)


@given(
    onward=st.floats(min_value=1e-6, max_value=1.0, allow_nan=False),
    household=st.integers(min_value=1, max_value=50),
)
def test_fewest_sending_is_the_exact_threshold(onward, household):
    x = _fewest_sending(_VALID, onward, household)
    assert x * onward / household >= 1.0
    assert x == 0 or not (x - 1) * onward / household >= 1.0
    # the rule's count of households moving on is nonzero from x people on, never below
    assert int(x * onward / household) >= 1
    assert x == 0 or int((x - 1) * onward / household) == 0


def test_no_origin_is_left_out_when_rates_are_out_of_range():
    for bad in (
        SimpleNamespace(flight_noise=1.5, leave_rate_max=0.3, fall_leave_rate=0.3),
        SimpleNamespace(flight_noise=0.2, leave_rate_max=-0.1, fall_leave_rate=0.3),
        SimpleNamespace(flight_noise=0.2, leave_rate_max=0.3, fall_leave_rate=-1.0),
    ):
        assert _fewest_sending(bad, 0.05, 5) == 0
    assert _fewest_sending(_VALID, 0.0, 5) == 0
    assert _fewest_sending(_VALID, 0.05, 5) == 100
