"""A spreadsheet as it arrives (a list from the OPS system, a school, a partner): CSV in
UTF-8, Windows-1250 or ISO-8859-2 with any usual separator, or XLSX; read into rows of
cells with the file's own row numbers, or refused with a Polish reason."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.core.errors import KoordynatorError

MAX_BYTES = 20 * 1024 * 1024  # a list of 100,000 people is a few MB
MAX_CELL = 2000  # characters; a longer "cell" is not data someone typed
MAX_COLUMNS = 200
MAX_ROWS = 100_000
MAX_UNPACKED = 50 * 1024 * 1024  # an XLSX is a zip: what it holds, unpacked
SEPARATOR_NAMES = {";": "średnik", ",": "przecinek", "\t": "tabulator", "|": "kreska"}
ENCODINGS = {"utf-8": "UTF-8", "windows-1250": "Windows-1250", "iso-8859-2": "ISO-8859-2"}
Cell = str | int | float | date | None


@dataclass
class Sheet:
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # each row's line in the file
    encoding: str = ""  # as detected: UTF-8, Windows-1250, ISO-8859-2 or XLSX
    separator: str = ""


def read(path: Path, encoding: str | None = None) -> Sheet:
    """``encoding`` (utf-8, windows-1250, iso-8859-2) overrides the detection of a CSV's."""
    path = Path(path)
    try:
        if path.is_dir():
            raise _refused("to jest folder, nie plik – wskaż plik listy")
        if not path.is_file():  # a pipe would wait for ever, a device never ends
            raise _refused("to nie jest zwykły plik (urządzenie albo potok) – wskaż plik listy")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _refused(f"plik ma {size // (1024 * 1024)} MB – za duży na listę osób")
        with path.open("rb") as source:  # never more than the limit, whatever stat said
            data = source.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _refused("plik jest za duży na listę osób")
    except FileNotFoundError as exc:
        raise _refused("nie ma takiego pliku") from exc
    except PermissionError as exc:
        raise _refused("brak uprawnień do odczytu tego pliku") from exc
    except OSError as exc:
        raise _refused(f"nie można go odczytać ({exc.strerror or exc})") from exc
    if data[:4] == b"PK\x03\x04":  # a zip: XLSX
        return _xlsx(data)
    if encoding is not None:
        if encoding not in ENCODINGS:
            raise _refused("kodowanie to utf-8, windows-1250 albo iso-8859-2")
        return _csv(data, (data.decode({"utf-8": "utf-8-sig"}.get(encoding, encoding),
                                        errors="replace"), ENCODINGS[encoding]))
    return _csv(data)


class FileRefused(KoordynatorError):
    """The file is not a list that can be read; the message says why, in Polish."""


def _refused(why: str) -> FileRefused:
    return FileRefused(f"Nie wczytano pliku: {why}.")


# the Polish letters that sit at different bytes in the two 8-bit encodings
_ONLY_1250 = bytes([0xB9, 0xA5, 0x9C, 0x8C, 0x9F, 0x8F])  # ą Ą ś Ś ź Ź
_ONLY_8859_2 = bytes([0xB1, 0xA1, 0xB6, 0xA6, 0xBC, 0xAC])  # ą Ą ś Ś ź Ź
_UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: UTF-8 (with or without BOM) when it decodes
    as UTF-8; else Windows-1250 or ISO-8859-2, told apart by the bytes of ą, ś and ź,
    which differ between them. A UTF-8 file with a few stray bytes is refused rather
    than read wrongly as a whole."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        letters = len(_UTF8_LETTER.findall(data))
        stray = data.decode("utf-8", errors="replace").count("\ufffd")
        # UTF-8 letters with a stray byte or three: a damaged UTF-8 file (an 8-bit list
        # has a bad byte at every Polish letter)
        if letters and stray <= 3:
            line = data[:exc.start].count(b"\n") + 1
            raise _refused(f"jest zapisany w UTF-8, ale w wierszu {line} ma znak spoza tego "
                           "kodowania – popraw go albo zapisz plik ponownie jako UTF-8") \
                from exc
    cp1250 = sum(data.count(b) for b in _ONLY_1250)
    iso = sum(data.count(b) for b in _ONLY_8859_2)
    if iso > cp1250 and not any(0x80 <= b <= 0x9F for b in data):
        return data.decode("iso8859_2", errors="replace"), "ISO-8859-2"
    return data.decode("cp1250", errors="replace"), "Windows-1250"


def _csv(data: bytes, decoded: tuple[str, str] | None = None) -> Sheet:
    text, encoding = decoded or decode(data)
    if "\x00" in text:
        raise _refused("to nie jest plik tekstowy CSV ani arkusz XLSX")
    sheet = Sheet([], encoding=encoding)
    first = 1
    try:
        sheet.separator = _separator(text)
        reader = csv.reader(io.StringIO(text), delimiter=sheet.separator)
        for record in reader:
            _add(sheet, list(record), first)
            first = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as exc:  # one "line" of 10 MB is not a table
        raise _refused(f"wiersz {first} nie jest wierszem tabeli (za długi albo "
                       "niedomknięty cudzysłów)") from exc
    return _checked(sheet)


def _separator(text: str) -> str:
    """The one that cuts the header into the most columns (Sniffer is misled by a
    separator inside a quoted cell further down)."""
    header = next((line for line in text.splitlines() if line.strip()), "")[:100_000]
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in ";,\t|"}
    best = max(counts.values())
    return next(d for d in ";,\t|" if counts[d] == best)


def _xlsx(data: bytes) -> Sheet:
    from openpyxl import load_workbook

    try:
        unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refused("to nie jest poprawny arkusz XLSX") from exc
    if unpacked > MAX_UNPACKED:
        raise _refused("arkusz po rozpakowaniu jest za duży na listę osób")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = []
        for worksheet in book.worksheets:
            worksheet.reset_dimensions()  # a stale <dimension> would hide rows
            sheet = Sheet([], encoding="XLSX")
            for number, record in enumerate(worksheet.iter_rows(values_only=True), 1):
                _add(sheet, [_value(v) for v in record], number)
            sheets.append(sheet)
        # the list is the sheet with most rows (not a title or "Info" sheet before it)
        sheet = max(sheets, key=lambda s: len(s.rows))
    except FileRefused:
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
    if not sheet.headers:  # a title above the table has one cell: not the header
        if sum(1 for c in record if c not in (None, "")) >= 2:
            sheet.headers = [str(c or "").strip() for c in record]
        return
    if len(sheet.rows) >= MAX_ROWS:
        raise _refused(f"ma ponad {MAX_ROWS} wierszy – podziel go na części")
    sheet.rows.append(record)
    sheet.numbers.append(number)


def _checked(sheet: Sheet) -> Sheet:
    if not sheet.headers:
        raise _refused("plik jest pusty")
    if not sheet.rows:
        raise _refused("poza nagłówkiem nie ma w nim wierszy")
    return sheet
