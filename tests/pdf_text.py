"""The text of a printed PDF as a reader takes it in: words hyphenated at a line's end
joined again ("Ko-" / "deksu" → "Kodeksu"), whitespace collapsed. A hyphen before a capital
stays: it belongs to a double name ("Kamińska-Wierzbicka")."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader


def pages(pdf: bytes | Path | str) -> list[str]:
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return [_joined(p.extract_text()) for p in PdfReader(source).pages]


def text(pdf: bytes | Path | str) -> str:
    return " ".join(pages(pdf))


def lines(pdf: bytes | Path | str) -> str:
    """The text line by line, for golden files a person reviews as a diff."""
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    return "\n".join(_dehyphenated(p.extract_text().replace("\u00a0", " "))
                     for p in PdfReader(source).pages)


def _dehyphenated(raw: str) -> str:
    return re.sub(r"(\w)-[ \t]*\n[ \t]*(\S+)(?:[ \t]+|\n|$)", _join, raw)


def _join(m: re.Match) -> str:
    first, rest = m.group(1), m.group(2)
    if rest[:1].islower():
        return f"{first}{rest}\n"  # the word whole on the line where it began
    return m.group(0)


def _joined(raw: str) -> str:
    return " ".join(_dehyphenated(raw).split())
