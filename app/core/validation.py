"""Validators for Polish identifiers, contact data, texts, dates, numbers and amounts.

Every failure is a Polish message that names the field (``"Nazwisko: …"``), so it reads
right wherever it is shown: beside the field, in a banner, or on the command line. No text
of Python's own (``day is out of range for month``, ``invalid literal for int()``) may reach
the KIPUS: everything typed is parsed here, with ASCII-only patterns.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

POSTAL_CODE = re.compile(r"^[0-9]{2}-[0-9]{3}$")
PHONE_CHARS = re.compile(r"^\+?[0-9 \-()]+$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 100
MAX_TEXT = 4000
# Dates a record can sensibly carry; birth dates are further kept between 1900 and today.
DATE_FIRST = date(1900, 1, 1)
DATE_LAST = date(2100, 12, 31)
# A co-payment is a few hundred złoty a month; 100 000 zł is beyond any real one.
MAX_AMOUNT_GROSZE = 10_000_000
# Places, capacities and counts: no provider in a gmina has more.
MAX_COUNT = 10_000

# Invisible characters that only come from pasting (web pages, Word): removed, since they
# change nothing a person can see but break search, sorting and identifiers.
_STRIPPED = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
# Characters that reorder what is shown (a name that prints backwards): refused.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters by category that nobody can see (Hangul fillers, the braille blank, the Mongolian
# vowel separator): a surname of three of them would be stored as "nothing".
_BLANK_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800\u180e")
_LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n",
                "\x0b": "\n", "\x0c": "\n"}
MONTHS_NOMINATIVE = ("styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec",
                     "sierpień", "wrzesień", "październik", "listopad", "grudzień")


def _problem(ch: str, multiline: bool) -> str | None:
    """Why ``ch`` cannot be stored (a Polish phrase), or None when it can."""
    code = f"U+{ord(ch):04X}"
    if ch in "\n\t":
        what = "znak nowej linii (Enter)" if ch == "\n" else "tabulator"
        return None if multiline else f"zawiera {what} – to pole mieści jedną linię"
    category = unicodedata.category(ch)
    if category == "Cs":
        return f"zawiera uszkodzony znak ({code}) – wpisz ten fragment ponownie"
    if ch in _BIDI:
        return f"zawiera niewidoczny znak zmieniający kierunek tekstu ({code}) – usuń go"
    if ch in _BLANK_LETTERS:
        return f"zawiera niewidoczny znak ({code}) – usuń go"
    if category == "Cc":
        return f"zawiera niedozwolony znak sterujący ({code})"
    if category == "Cf":
        return f"zawiera niewidoczny znak formatujący ({code}) – usuń go"
    if category == "Co" or (ord(ch) & 0xFFFE) == 0xFFFE or 0xFDD0 <= ord(ch) <= 0xFDEF:
        return f"zawiera znak, którego nie da się wyświetlić ani wydrukować ({code})"
    return None


def clean_text(value: str | None, limit: int = MAX_TEXT, *, label: str,
               multiline: bool = False) -> str:
    """The text as it may be stored: NFKC (full-width digits become ASCII; in one-line fields
    digits of any script do), invisible characters removed, trimmed. Raises ValueError with
    a Polish message naming ``label`` for what cannot be right: broken or control
    characters, bidi overrides, a line break in a one-line field, more than ``limit``
    characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{label}: to pole przyjmuje tylko tekst.")
    # A lone surrogate would crash the normalisation's output on its way to the database.
    for ch in value:
        if unicodedata.category(ch) == "Cs":
            raise ValueError(f"{label}: {_problem(ch, multiline)}.")
    text = unicodedata.normalize("NFKC", value).translate(_STRIPPED)
    for old, new in _LINE_BREAKS.items():
        if old in text:
            text = text.replace(old, new)
    text = text.strip()
    if not multiline:  # an identifier or a house number in Arabic-Indic digits is a slip
        text = "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii()
                       else ch for ch in text)
    for ch in text:
        if (ch.isprintable() or ch == " ") and ch not in _BLANK_LETTERS:
            continue
        if problem := _problem(ch, multiline):
            raise ValueError(f"{label}: {problem}.")
    if len(text) > limit:
        raise ValueError(f"{label}: za długi tekst – najwyżej {limit} znaków (jest {len(text)}).")
    return text


@dataclass(frozen=True)
class TextField:
    """How one text field is cleaned: its Polish name, its limit, and whether it may span
    lines (notes, descriptions) or not (names, identifiers, addresses)."""

    label: str
    limit: int = MAX_NAME
    multiline: bool = False

    def clean(self, value: str | None) -> str:
        return clean_text(value, self.limit, label=self.label, multiline=self.multiline)

    def collect(self, value: str | None, errors: dict[str, str], key: str,
                missing: str | None = None) -> str:
        """The cleaned value, or "" with the Polish message put in ``errors[key]``; with
        ``missing``, an empty value is an error too (what to type, after the label)."""
        try:
            text = self.clean(value)
        except ValueError as exc:
            errors[key] = str(exc)
            return ""
        if missing and not text:
            errors[key] = f"{self.label}: {missing}"
        return text


def clean_fields(record, spec: Mapping[str, TextField]) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean each named text attribute of ``record``: (clean values, Polish errors)."""
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, field in spec.items():
        try:
            clean[name] = field.clean(getattr(record, name))
        except ValueError as exc:
            errors[name] = str(exc)
            clean[name] = ""
    return clean, errors


def named(label: str, message: str) -> str:
    """``message`` introduced by the field's name, unless it already begins with it."""
    if message.startswith(label + ":"):
        return message
    if message[1:2].islower():  # "To pole…" reads "Nazwisko: to pole…"
        message = message[0].lower() + message[1:]
    return f"{label}: {message}"


def name_fields(errors: Mapping[str, str], labels: Mapping[str, str]) -> dict[str, str]:
    """Every message of ``errors`` begins with its field's Polish name (when it has one)."""
    return {key: named(labels[key], msg) if key in labels else msg
            for key, msg in errors.items()}


def check_person_name(value: str) -> str | None:
    """None if fine, else the message. Letters, spaces, hyphens and apostrophes only."""
    if not value:
        return "To pole jest wymagane."
    if len(value) > MAX_NAME:
        return f"Najwyżej {MAX_NAME} znaków."
    if not all(ch.isalpha() or ch in " -'’." for ch in value) or not any(
        ch.isalpha() for ch in value
    ):
        return "Dozwolone są tylko litery, spacja, łącznik i apostrof."
    return None


def check_pesel(value: str) -> str | None:
    # stdnum is imported on first use: it costs 15 ms of every start otherwise.
    from stdnum import exceptions as stdnum_errors
    from stdnum.pl import pesel

    if not re.fullmatch(r"[0-9]{11}", value):
        return "PESEL ma 11 cyfr."
    try:
        pesel.validate(value)
    except stdnum_errors.InvalidChecksum:
        return "Błędna cyfra kontrolna PESEL – sprawdź, czy nie ma literówki."
    except stdnum_errors.ValidationError:
        return "PESEL zawiera niemożliwą datę urodzenia."
    if pesel.get_birth_date(value) > date.today():
        return "PESEL zawiera datę urodzenia z przyszłości – sprawdź numer."
    return None


def pesel_birth_date(value: str) -> date:
    from stdnum.pl import pesel

    return pesel.get_birth_date(value)


def pesel_sex(value: str) -> str:
    """'K' or 'M'."""
    from stdnum.pl import pesel

    return "K" if pesel.get_gender(value) == "F" else "M"


def check_postal_code(value: str) -> str | None:
    if not POSTAL_CODE.match(value):
        return "Kod pocztowy ma postać NN-NNN, np. 83-200."
    return None


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s\-()]", "", value)


def format_phone(value: str) -> str:
    """Polish 9-digit numbers as '600 123 456'; anything else as typed."""
    digits = normalise_phone(value)
    if re.fullmatch(r"[0-9]{9}", digits):
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return value


def check_phone(value: str) -> str | None:
    if not PHONE_CHARS.match(value):
        return "Numer telefonu może zawierać tylko cyfry, spacje, łączniki i znak + na początku."
    digits = normalise_phone(value).lstrip("+")
    if digits.startswith("48") and len(digits) == 11:
        digits = digits[2:]
    if len(digits) != 9 and not (value.startswith("+") and 8 <= len(digits) <= 15):
        return "Numer telefonu powinien mieć 9 cyfr (np. 600 123 456) lub numer kierunkowy +."
    return None


def check_email(value: str) -> str | None:
    if len(value) > 254 or not EMAIL.match(value):
        return "Adres e-mail ma postać nazwa@domena.pl."
    return None


def check_nip(value: str) -> str | None:
    from stdnum.pl import nip

    ok = re.fullmatch(r"[0-9]{10}", value) and nip.is_valid(value)
    return None if ok else "Błędny NIP (10 cyfr z poprawną cyfrą kontrolną)."


def check_regon(value: str) -> str | None:
    from stdnum.pl import regon

    ok = re.fullmatch(r"[0-9]{9}|[0-9]{14}", value) and regon.is_valid(value)
    return None if ok else "Błędny REGON (9 lub 14 cyfr, cyfra kontrolna)."


def check_krs(value: str) -> str | None:
    return None if re.fullmatch(r"[0-9]{10}", value) else "Numer KRS ma 10 cyfr."


# --- dates -------------------------------------------------------------------------------------
def check_date(value: date, label: str = "Data", earliest: date = DATE_FIRST,
               latest: date = DATE_LAST) -> str | None:
    """None when ``value`` is a date within the range, else the Polish message."""
    if not isinstance(value, date):
        return f"{label}: wpisz datę jako DD.MM.RRRR, np. 05.03.1950."
    if value < earliest:
        return f"{label}: {format_date(value)} – najwcześniej {format_date(earliest)}."
    if value > latest:
        return f"{label}: {format_date(value)} – najpóźniej {format_date(latest)}."
    return None


def check_past_date(value: date, label: str, today: date,
                    earliest: date = DATE_FIRST) -> str | None:
    """As check_date for something that has already happened (by ``today``)."""
    if isinstance(value, date) and value > today:
        return f"{label}: nie może być z przyszłości ({format_date(value)})."
    return check_date(value, label, earliest, today)


def parse_date(value: str, label: str = "Data", earliest: date = DATE_FIRST,
               latest: date = DATE_LAST) -> date:
    """DD.MM.RRRR (as typed) or ISO RRRR-MM-DD (as stored), within the range; ValueError
    with a Polish message naming ``label`` otherwise (31.02, month 13, year 0, words)."""
    if not isinstance(value, str):
        raise ValueError(f"{label}: wpisz datę jako DD.MM.RRRR, np. 05.03.1950.")
    text = unicodedata.normalize("NFKC", value).translate(_STRIPPED).strip()
    if m := re.fullmatch(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})", text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    elif m := re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        raise ValueError(f"{label}: wpisz datę jako DD.MM.RRRR, np. 05.03.1950.")
    shown = f"{day:02d}.{month:02d}.{year:04d}"
    if not 1 <= month <= 12:
        raise ValueError(f"{label}: {shown} – miesiąc {month} nie istnieje (miesiące 1–12).")
    if (year, month) < (earliest.year, earliest.month) or year < 1:
        raise ValueError(f"{label}: {shown} – najwcześniej {format_date(earliest)}.")
    if (year, month) > (latest.year, latest.month):
        raise ValueError(f"{label}: {shown} – najpóźniej {format_date(latest)}.")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(f"{label}: {shown} nie istnieje – {MONTHS_NOMINATIVE[month - 1]} "
                         f"{year} ma {days} dni.")
    result = date(year, month, day)
    if problem := check_date(result, label, earliest, latest):
        raise ValueError(problem)
    return result


def format_date(value: str | date | None) -> str:
    """DD.MM.RRRR for the screen and documents; a stored value that is not a date is shown
    as it is (older versions stored some dates unchecked) rather than crash the screen."""
    if not value:
        return ""
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y") if value.year >= 1000 else \
            f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
    try:
        return format_date(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


# --- numbers and amounts ---------------------------------------------------------------------
def check_int(value: object, label: str, low: int = 0, high: int = MAX_COUNT) -> str | None:
    """None for a whole number within [low, high] (or None: not given), else the message."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{label}: wpisz liczbę całkowitą."
    if not low <= value <= high:
        return f"{label}: wpisz liczbę od {low} do {high}."
    return None


def parse_int(text: str | None, label: str, low: int = 0, high: int = MAX_COUNT) -> int | None:
    """A whole number as typed ('12', '１２'); None when empty; ValueError in Polish otherwise."""
    value = unicodedata.normalize("NFKC", text or "").translate(_STRIPPED).replace(" ", "")
    if not value:
        return None
    if not re.fullmatch(r"-?[0-9]{1,12}", value):
        raise ValueError(f"{label}: wpisz liczbę całkowitą od {low} do {high}.")
    number = int(value)
    if problem := check_int(number, label, low, high):
        raise ValueError(problem)
    return number


def check_amount(grosze: object, label: str = "Odpłatność") -> str | None:
    """None for an amount in grosze within 0 … 100 000 zł (or None), else the message."""
    if grosze is None:
        return None
    if isinstance(grosze, bool) or not isinstance(grosze, int):
        return f"{label}: wpisz kwotę w złotych, np. 12,50."
    if grosze < 0:
        return f"{label}: kwota nie może być ujemna."
    if grosze > MAX_AMOUNT_GROSZE:
        return f"{label}: najwyżej {format_amount(MAX_AMOUNT_GROSZE)}."
    return None


_FREE = {"nieodpłatnie", "nieodplatnie", "bezpłatnie", "bezplatnie", "bez opłat",
         "bez odpłatności", "brak", "-", "—", "–"}


def parse_amount(text: str | None, label: str = "Odpłatność") -> int | None:
    """An amount as typed ('12,50', '12.50 zł', '1 200 zł', '0', 'nieodpłatnie') in grosze;
    None when empty; ValueError with a Polish message naming ``label`` otherwise."""
    value = unicodedata.normalize("NFKC", text or "").translate(_STRIPPED).strip().lower()
    if not value:
        return None
    if value in _FREE:
        return 0
    value = re.sub(r"\s*(zł|zl|pln)\.?$", "", value).replace(" ", "")
    if value.startswith("-") and re.fullmatch(r"-[0-9]+([.,][0-9]*)?", value):
        raise ValueError(f"{label}: kwota nie może być ujemna.")
    m = re.fullmatch(r"([0-9]{1,9})(?:[.,]([0-9]{1,2}))?", value)
    if not m:
        raise ValueError(f"{label}: wpisz kwotę w złotych, np. 12,50 (albo zostaw puste, "
                         "gdy usługa jest nieodpłatna).")
    grosze = int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))
    if problem := check_amount(grosze, label):
        raise ValueError(problem)
    return grosze


def format_amount(grosze: int | None) -> str:
    """'12,50 zł', '1 200,00 zł' (Polish: comma, non-breaking space between thousands);
    '' when not given."""
    if grosze is None:
        return ""
    sign = "-" if grosze < 0 else ""
    zloty, rest = divmod(abs(grosze), 100)
    return f"{sign}{zloty:,}".replace(",", "\u00a0") + f",{rest:02d}\u00a0zł"
