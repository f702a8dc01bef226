"""A table to CSV or XLSX, as a KIPUS opens it in Excel or LibreOffice: Polish letters
right, dates as dates, sums as numbers, the header frozen, and nothing in a cell that a
spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from app.core.errors import ValidationError, output_error
from app.core.table import Kind, Table, Value, shown

FORMATS = ("csv", "xlsx")
ENCODINGS = {"utf-8": "utf-8-sig", "windows-1250": "cp1250"}  # the BOM tells Excel it is UTF-8
# a cell starting so is a formula to a spreadsheet ("=HYPERLINK(…)" sends data away)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defused(text: str) -> str:
    """Text a spreadsheet shows as it is (OWASP: a leading apostrophe)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def write(tables: Table | list[Table], path: Path, fmt: str, encoding: str = "utf-8",
          preamble: list[str] | tuple[str, ...] = ()) -> int:
    """Write one table (a list) or several (a report's sections: one sheet each, or one
    block each in CSV) to ``path``, whole or not at all (an old file of that name stays
    until the new one is complete). Returns how many characters Windows-1250 could not
    hold (written as "?"), 0 otherwise. ``preamble``: lines a CSV opens with (a report's
    period, filters and notes; an XLSX has them on its first sheet, "Informacje")."""
    if fmt not in FORMATS:
        raise ValidationError({"format": "Format pliku: csv albo xlsx."})
    if encoding not in ENCODINGS:
        raise ValidationError({"encoding": "Kodowanie CSV: utf-8 albo windows-1250."})
    many = [tables] if isinstance(tables, Table) else tables
    if fmt == "xlsx":
        return _atomic(path, lambda target: _xlsx(many, target, preamble))
    return _atomic(path, lambda target: _csv(many, target, ENCODINGS[encoding], preamble))


def write_bytes(path: Path, data: bytes) -> None:
    """A finished file (a report's PDF) written whole or not at all."""
    def write_all(target: Path) -> int:
        target.write_bytes(data)
        return 0

    _atomic(path, write_all)


def check_target(path: Path) -> None:
    """Refused before anything is done: a device or a pipe (never replaced by a file), and
    a folder that does not exist (a mistyped pendrive path would put personal data on the
    laptop's own disk instead)."""
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        raise ValidationError({"out": f"{path} nie jest zwykłym plikiem – wybierz plik."})
    if not path.parent.is_dir():
        raise ValidationError({"out": f"Folder {path.parent} nie istnieje – wybierz istniejący "
                                      "folder (np. podłączonego pendrive'a)."})


def _atomic(path: Path, writer: Callable[[Path], int]) -> int:
    path = Path(path)
    check_target(path)
    _remove_leftovers(path.parent)
    try:
        handle, name = tempfile.mkstemp(prefix=".eksport-", dir=path.parent)
        os.close(handle)
    except OSError as exc:
        raise output_error(exc, path) from exc
    temporary = Path(name)
    try:
        lost = writer(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise output_error(exc, path) from exc
    finally:
        temporary.unlink(missing_ok=True)
    return lost


def _remove_leftovers(folder: Path) -> None:
    """An export killed half-way leaves its temporary file: gone at the next export there
    (an hour old at least, so as not to touch one being written now)."""
    import time

    try:
        for stale in folder.glob(".eksport-*"):
            if time.time() - stale.stat().st_mtime > 3600:
                stale.unlink(missing_ok=True)
    except OSError:
        pass


# the suffixes a file of each format may have; a name ending in another well-known one
# ("lista.pdf" for a CSV, "plan.txt" for a PDF) would open in the wrong program or not at all
OWN_SUFFIXES = {"csv": (".csv", ".txt"), "xlsx": (".xlsx",), "pdf": (".pdf",),
                "docx": (".docx",)}
OTHER_SUFFIXES = (".xls", ".doc", ".odt", ".ods", ".rtf", ".json", ".xml", ".html", ".htm",
                  ".png", ".jpg", ".jpeg", ".zip", ".db", ".sqlite", ".exe")


def check_suffix(path: Path, fmt: str) -> None:
    """A CSV named .xlsx (or a PDF named .txt) would not open: refused before anything
    runs. A name with no suffix, or one such as "raport 24.11.2026", is left alone."""
    suffix = Path(path).suffix.lower()
    known = {s for own in OWN_SUFFIXES.values() for s in own} | set(OTHER_SUFFIXES)
    if suffix in known and suffix not in OWN_SUFFIXES[fmt]:
        raise ValidationError({"out": f"Plik {Path(path).name} ma rozszerzenie {suffix}, a "
                                      f"format to {fmt.upper()}: zmień nazwę na "
                                      f"{Path(path).stem}{OWN_SUFFIXES[fmt][0]} albo wybierz "
                                      "inny format."})


def _csv_cell(value: Value, kind: Kind) -> str:
    if isinstance(value, str):
        return defused(value)
    if kind is Kind.MONEY and isinstance(value, int | float):
        return f"{value / 100:.2f}".replace(".", ",")  # a number to Polish Excel
    if kind is Kind.SHARE and isinstance(value, int | float):
        return f"{value * 100:.1f}".replace(".", ",")
    return shown(value, kind)


def _csv(tables: list[Table], target: Path, encoding: str,
         preamble: list[str] | tuple[str, ...] = ()) -> int:
    buffer = io.StringIO()
    # a semicolon: Polish Excel takes the comma for the decimal point
    out = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for line in preamble:
        out.writerow([defused(line)])
    if preamble:
        out.writerow([])
    for n, table in enumerate(tables):
        if len(tables) > 1:  # a report's sections one under another, each titled
            if n:
                out.writerow([])
            out.writerow([defused(table.title)])
        out.writerow([c.title + (" (%)" if c.kind is Kind.SHARE else " (zł)"
                                 if c.kind is Kind.MONEY else "") for c in table.columns])
        kinds = [c.kind for c in table.columns]
        for row in table.rows:
            out.writerow([_csv_cell(v, k) for v, k in zip(row, kinds, strict=True)])
    text = buffer.getvalue()
    data = text.encode(encoding, errors="replace")
    lost = 0 if encoding != "cp1250" else sum(
        1 for ch in text if ch != "?" and ch.encode("cp1250", errors="replace") == b"?")
    target.write_bytes(data)
    return lost


def _xlsx(tables: list[Table], target: Path, preamble: list[str] | tuple[str, ...] = ()) -> int:
    import xlsxwriter

    # in memory, not in temporary files: a killed export would leave personal data in
    # plain text in the temp folder (100,000 residents take about 250 MB for a moment)
    book = xlsxwriter.Workbook(str(target), {"in_memory": True,
                                             "strings_to_formulas": False,
                                             "strings_to_urls": False,
                                             "strings_to_numbers": False})
    book.set_properties({"title": tables[0].title if tables else "", "author": "Koordynator"})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top",
                            "bg_color": "#EEEEEE", "border": 1})
    formats = {Kind.DATE: book.add_format({"num_format": "dd.mm.yyyy"}),
               Kind.MONEY: book.add_format({"num_format": '#,##0.00 "zł"'}),
               Kind.SHARE: book.add_format({"num_format": "0%"}),
               Kind.INT: book.add_format({"num_format": "0"}),
               Kind.MONTH: book.add_format({"num_format": "mmm yyyy"})}
    names: set[str] = set()
    notes = list(preamble) or list(dict.fromkeys(n for t in tables for n in t.notes))
    # a report opens on what its figures are (period, filters, notes); a list on its rows
    about = book.add_worksheet(_sheet_name("Informacje", names)) if preamble else None
    shortened = []
    for table in tables:
        name = _sheet_name(table.title, names)
        if name != table.title:
            shortened.append(f"Arkusz „{name}”: {table.title}")
        _sheet(book.add_worksheet(name), table, bold, formats)
    if notes:
        about = about or book.add_worksheet(_sheet_name("Informacje", names))
        about.set_column(0, 0, 100)
        for n, note in enumerate(notes + ([""] + shortened if shortened else [])):
            about.write_string(n, 0, note)
    try:
        book.close()
    except xlsxwriter.exceptions.FileCreateError as exc:  # the disk said no
        cause = exc.__cause__ or exc.__context__
        raise cause if isinstance(cause, OSError) else OSError(str(exc)) from exc
    return 0


def _sheet(sheet, table: Table, bold, formats: dict) -> None:
    for col, column in enumerate(table.columns):
        sheet.write_string(0, col, column.title, bold)
        sheet.set_column(col, col, _width(table, col), formats.get(column.kind))
    sheet.freeze_panes(1, 0)
    if table.rows:
        sheet.autofilter(0, 0, len(table.rows), len(table.columns) - 1)
    for r, row in enumerate(table.rows, 1):
        for col, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            if value is None or value == "":
                continue
            if isinstance(value, date):
                sheet.write_datetime(r, col, value, formats.get(column.kind, formats[Kind.DATE]))
            elif isinstance(value, int | float) and column.kind is Kind.MONEY:
                sheet.write_number(r, col, value / 100, formats[Kind.MONEY])
            elif isinstance(value, int | float):
                sheet.write_number(r, col, value, formats.get(column.kind))
            else:  # text is text: never a formula, a link or a number read from it
                sheet.write_string(r, col, str(value))


def _sheet_name(title: str, taken: set[str]) -> str:
    """Excel allows 31 characters, none of []:*?/\\, and each name once in a workbook; a
    longer title is cut after a whole word and marked "…"."""
    cleaned = " ".join("".join(" " if ch in "[]*?/\\" else ch for ch in title.replace(
        ":", " –")).split()) or "Dane"
    if len(cleaned) > 31:
        words = cleaned[:30].split(" ")[:-1] or [cleaned[:30]]
        while len(words) > 1 and (len(words[-1]) == 1 or words[-1] in "–-"):
            words.pop()  # "miejsca i…": no one-letter word or dash before the cut
        cleaned = " ".join(words).rstrip(",;(") + "…"
    name, n = cleaned, 1
    while name.lower() in taken:
        n += 1
        name = f"{cleaned[:27]} ({n})"
    taken.add(name.lower())
    return name


def _width(table: Table, col: int) -> float:
    """Characters: the header's longest word or the widest of the first 500 values."""
    kind = table.columns[col].kind
    sample = [len(shown(row[col], kind)) for row in table.rows[:500]]
    header = max((len(w) for w in table.columns[col].title.split()), default=4)
    return min(60, max([header + 2, *(n + 2 for n in sample)]))
