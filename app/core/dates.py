"""Calendar arithmetic the law speaks in: "six months after" is a calendar month count."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(start: date, months: int) -> date:
    """The same day ``months`` calendar months later (or earlier); the month's last day when
    that month is shorter (31 August + 6 months = 28/29 February), as art. 112 KC counts."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def whole_months(start: date, end: date) -> int:
    """How many whole calendar months from ``start`` to ``end`` (negative when end is
    earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    elif months < 0 and add_months(start, months) < end:
        months += 1
    return months


def age_on(born: date, day: date) -> int:
    """Full years of life on a day (a birthday counts from its own day)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
