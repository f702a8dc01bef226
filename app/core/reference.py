"""The znak sprawy as the office writes it, from a pattern the KIPUS sets: the centre's
symbol, the JRWA symbol of the kind of case file, the case's number in its year, the year
(e.g. "{symbol}.{jrwa}.{numer}.{rok}" gives "CUS.4012.17.2026"). Only these four
placeholders exist: the pattern is text, never code."""

from __future__ import annotations

import re

DEFAULT = "{symbol}/{rok}/{numer:04}"  # the numbering before patterns: CUS/2026/0017
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_KNOWN = re.compile(r"symbol|jrwa|rok|numer(?::0[1-6])?")


def pattern_error(pattern: str) -> str | None:
    """What is wrong with a pattern, in Polish (to follow the setting's name), or None."""
    if not pattern.strip():
        return "wzór nie może być pusty."
    names = _PLACEHOLDER.findall(pattern)
    if unknown := [n for n in names if not _KNOWN.fullmatch(n)]:
        return (f"nieznane pole {{{unknown[0]}}}. Można użyć {{symbol}}, "
                "{jrwa}, {numer} (albo {numer:04} – z zerami) i {rok}.")
    stripped = _PLACEHOLDER.sub("", pattern)
    if "{" in stripped or "}" in stripped:
        return "nawias klamrowy bez pary."
    if "rok" not in names or not any(n.startswith("numer") for n in names):
        return "wzór musi zawierać {numer} i {rok}: numer liczy się w roku."
    if any(ch.isspace() or ord(ch) < 32 for ch in stripped) or len(pattern) > 60:
        return "bez spacji i znaków sterujących, najwyżej 60 znaków."
    return None


def uses_jrwa(pattern: str) -> bool:
    return "jrwa" in _PLACEHOLDER.findall(pattern)


def format_reference(pattern: str, symbol: str, jrwa: str, number: int, year: int) -> str:
    def value(m: re.Match) -> str:
        name = m.group(1)
        if name.startswith("numer"):
            width = int(name[-1]) if ":" in name else 0
            return str(number).zfill(width)
        return {"symbol": symbol, "jrwa": jrwa, "rok": str(year)}[name]

    return _PLACEHOLDER.sub(value, pattern)
