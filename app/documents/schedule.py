"""The time span a plan's schedule covers (shared by the screen and the printed plan)."""

from __future__ import annotations

from datetime import date, timedelta


def span_of(items, plan_from: date | None, plan_to: date | None) -> tuple[date, date]:
    starts = [date.fromisoformat(i.start_on) for i in items if i.start_on]
    ends = [date.fromisoformat(i.end_on) for i in items if i.end_on]
    first = min([d for d in [plan_from, *starts] if d], default=date.today())
    last = max([d for d in [plan_to, *ends] if d], default=first + timedelta(days=90))
    first -= timedelta(days=first.weekday())  # weeks start on Monday
    return first, max(last, first + timedelta(days=28))
