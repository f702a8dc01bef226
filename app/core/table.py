"""A table as the program hands it out: to the screen, to paper, to CSV and to Excel. Each
column says what its values are, so a date stays a date and a sum of money a number in a
spreadsheet, and a writer never guesses from the text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

Value = str | int | float | date | None


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    DATE = "date"
    MONEY = "money"  # stored in grosze, shown in złoty
    SHARE = "share"  # 0.0–1.0, shown as per cent
    MONTH = "month"  # a date, its month meant: "sty 2026"; a sheet keeps it a date


MONTHS = ("sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru")


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[tuple] = field(default_factory=list)  # of Value, as the columns say
    notes: list[str] = field(default_factory=list)  # the period, the filters, a caveat

    @property
    def headers(self) -> list[str]:
        return [c.title for c in self.columns]


def day(value: object) -> date | None:
    """A date as stored (ISO text, or a timestamp starting with one) for a date column."""
    return date.fromisoformat(str(value)[:10]) if value else None


def shown(value: Value, kind: Kind) -> str:
    """A value as a person reads it (dd.mm.rrrr, 12,50 zł, 75%)."""
    if value is None or value == "":
        return ""
    if kind is Kind.DATE and isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if kind is Kind.MONTH and isinstance(value, date):
        return f"{MONTHS[value.month - 1]} {value.year}"
    if kind is Kind.MONEY and isinstance(value, int | float):
        return f"{value / 100:,.2f}".replace(",", " ").replace(".", ",") + " zł"
    if kind is Kind.SHARE and isinstance(value, int | float):
        return f"{round(value * 100)}%"
    return str(value)
