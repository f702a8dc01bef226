from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import plural
from app.core.dates import add_months, whole_months


@pytest.mark.parametrize("start, months, expected", [
    (date(2026, 11, 10), 6, date(2027, 5, 10)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),  # a shorter month: its last day
    (date(2027, 8, 31), 6, date(2028, 2, 29)),  # leap year
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2026, 3, 31), -1, date(2026, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
])
def test_months_are_calendar_months(start, months, expected):
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1)),
       st.integers(min_value=0, max_value=120))
def test_whole_months_counts_back_what_add_months_added(start, months):
    assert whole_months(start, add_months(start, months)) == months or start.day > 28


@pytest.mark.parametrize("n, text", [(1, "1 miesiąc"), (2, "2 miesiące"), (4, "4 miesiące"),
                                     (5, "5 miesięcy"), (12, "12 miesięcy"),
                                     (22, "22 miesiące"), (112, "112 miesięcy")])
def test_months_in_polish(n, text):
    assert plural.months(n) == text


@pytest.mark.parametrize("n, text", [(1, "1 dzień"), (2, "2 dni"), (30, "30 dni")])
def test_days_in_polish(n, text):
    assert plural.days(n) == text
