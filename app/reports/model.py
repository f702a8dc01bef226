"""What a report is: its title, the period and filters it covers, tables, and charts that
the screen and the PDF draw from the same definition."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.core.errors import ValidationError
from app.core.table import Table
from app.core.validation import format_date, parse_date

FEWEST_SHOWN = 3  # a figure about fewer people could point at someone


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __str__(self) -> str:
        return f"{format_date(self.start)} – {format_date(self.end)}"


EARLIEST = date(1990, 1, 1)


def period(start: str, end: str) -> Period:
    """The period typed as two dates (dd.mm.rrrr or rrrr-mm-dd), checked."""
    errors: dict[str, str] = {}
    found: dict[str, date] = {}
    for key, label, text in (("from", "Od", start), ("to", "Do", end)):
        try:
            found[key] = parse_date(text or "", f"Okres – {label.lower()}")
        except ValueError as exc:
            errors[key] = str(exc)
    if "from" in found and found["from"] < EARLIEST:  # a typo (1900), not a period of work
        errors["from"] = f"Okres – od: najwcześniej {EARLIEST:%d.%m.%Y}."
    if not errors and found["from"] > found["to"]:
        errors["to"] = "Okres: data „do” jest wcześniejsza niż „od”."
    if errors:
        raise ValidationError(errors)
    return Period(found["from"], found["to"])


@dataclass(frozen=True)
class Chart:
    """Bars: one value per label for each series (e.g. people by area)."""
    title: str
    labels: list[str]
    series: list[tuple[str, list[int]]]


@dataclass
class Report:
    kind: str
    title: str
    period: Period
    filters: list[str] = field(default_factory=list)  # "Program: …", "Miejscowość: …"
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    outside: bool = False  # to leave the office: counts under 3 shown as "<3"
    # signed on paper: its last column is for signing in, and under it the signer's line
    sign_off: str = ""

    @property
    def preamble(self) -> list[str]:
        """What a file of this report says first: the heading and every note, once."""
        return [self.heading, *dict.fromkeys(n for t in self.tables for n in t.notes
                                             if n != self.heading)]

    @property
    def heading(self) -> str:
        return f"{self.title}, okres {self.period}" + "".join(f"; {f}" for f in self.filters)


def few(n: int, outside: bool) -> int | str:
    """A count of people as it may leave the office."""
    return "<3" if outside and 0 < n < FEWEST_SHOWN else n
