"""A spreadsheet as it arrives (a list from the OPS system, a school, a partner): CSV in
UTF-8, Windows-1250 or ISO-8859-2 with any usual separator, or XLSX; read into rows of
cells with the file's own row numbers, or refused with a Polish reason."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.core.errors import ValidationError

MAX_BYTES = 20 * 1024 * 1024  # a list of 100,000 people is a few MB
MAX_CELL = 2000  # characters; a longer "cell" is not data someone typed
MAX_COLUMNS = 200
ENCODING_NAMES = {"utf_8": "UTF-8", "cp1250": "Windows-1250", "iso8859_2": "ISO-8859-2"}
Cell = str | int | float | date | None


@dataclass
class Sheet:
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # each row's line in the file
    encoding: str = ""  # as detected: UTF-8, Windows-1250, ISO-8859-2 or XLSX
    separator: str = ""


def read(path: Path) -> Sheet:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refused(f"plik ma {size // (1024 * 1024)} MB – za duży na listę osób")
        data = path.read_bytes()
    except OSError as exc:
        raise _refused(f"nie można go odczytać ({exc.strerror or exc})") from exc
    if data[:4] == b"PK\x03\x04":  # a zip: XLSX
        return _xlsx(data)
    return _csv(data)


def _refused(why: str) -> ValidationError:
    return ValidationError({"file": f"Nie wczytano pliku: {why}."})


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (with or without BOM) when it decodes
    as UTF-8; else Windows-1250 or ISO-8859-2, whichever reads as Polish."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    # bytes 0x80–0x9F are control codes in ISO-8859-2 but letters and quotes in Windows-1250
    if any(0x80 <= b <= 0x9F for b in data):
        return data.decode("cp1250", errors="replace"), "Windows-1250"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1250", "iso8859_2"]).best()
    name = best.encoding if best else "cp1250"
    return data.decode(name, errors="replace"), ENCODING_NAMES.get(name, name)


def _csv(data: bytes) -> Sheet:
    text, encoding = decode(data)
    if "\x00" in text:
        raise _refused("to nie jest plik tekstowy CSV ani arkusz XLSX")
    separator = _separator(text)
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    sheet = Sheet([], encoding=encoding, separator=separator)
    try:
        for record in reader:
            _add(sheet, list(record), reader.line_num)
    except csv.Error as exc:  # one "line" of 10 MB is not a table
        raise _refused(f"wiersz {reader.line_num + 1} nie jest wierszem tabeli ({exc})") from exc
    return _checked(sheet)


def _separator(text: str) -> str:
    """The one that cuts the header into the most columns (Sniffer is misled by a
    separator inside a quoted cell further down)."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in ";,\t|"}
    best = max(counts.values())
    return next(d for d in ";,\t|" if counts[d] == best)


def _xlsx(data: bytes) -> Sheet:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = book.worksheets[0].iter_rows(values_only=True)
        sheet = Sheet([], encoding="XLSX")
        for number, record in enumerate(rows, 1):
            _add(sheet, [_value(v) for v in record], number)
    except ValidationError:
        raise
    except Exception as exc:  # a damaged or foreign zip: say so, never a traceback
        raise _refused("to nie jest poprawny arkusz XLSX") from exc
    return _checked(sheet)


def _value(value: object) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date | int | float | str) or value is None:
        return value
    return str(value)


def _add(sheet: Sheet, record: list[Cell], number: int) -> None:
    if len(record) > MAX_COLUMNS:
        raise _refused(f"wiersz {number} ma {len(record)} kolumn")
    if any(isinstance(c, str) and len(c) > MAX_CELL for c in record):
        raise _refused(f"w wierszu {number} jest komórka dłuższa niż {MAX_CELL} znaków")
    while record and (record[-1] is None or record[-1] == ""):
        record.pop()  # trailing empty cells, as spreadsheets pad rows
    if not sheet.headers:
        if any(c not in (None, "") for c in record):
            sheet.headers = [str(c or "").strip() for c in record]
        return
    sheet.rows.append(record)
    sheet.numbers.append(number)


def _checked(sheet: Sheet) -> Sheet:
    if not sheet.headers:
        raise _refused("plik jest pusty")
    if not sheet.rows:
        raise _refused("poza nagłówkiem nie ma w nim wierszy")
    return sheet
