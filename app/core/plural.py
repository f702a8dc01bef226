"""Polish numerals agree with their noun: 1 dzień, 2 dni; 1 miesiąc, 3 miesiące, 5 miesięcy."""

from __future__ import annotations


def count(n: int, one: str, few: str, many: str) -> str:
    """``n`` with the form of the noun Polish grammar asks for."""
    if n == 1:
        return f"{n} {one}"
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return f"{n} {few}"
    return f"{n} {many}"


def days(n: int) -> str:
    return count(n, "dzień", "dni", "dni")


def months(n: int) -> str:
    return count(n, "miesiąc", "miesiące", "miesięcy")
