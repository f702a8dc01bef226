"""Validators for Polish identifiers and contact data; each failure is a Polish message."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

POSTAL_CODE = re.compile(r"^\d{2}-\d{3}$")
PHONE_CHARS = re.compile(r"^\+?[\d\s\-()]+$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_NAME = 100
MAX_TEXT = 4000


def clean_text(value: str | None, limit: int = MAX_TEXT) -> str:
    """NFC-normalised, trimmed text; raises ValueError with a Polish message if unusable."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", value).strip()
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise ValueError("Tekst zawiera niedozwolone znaki sterujące.")
    if len(text) > limit:
        raise ValueError(f"Tekst jest za długi (najwyżej {limit} znaków).")
    return text


def clean_fields(record, names, limit: int = MAX_TEXT) -> tuple[dict[str, str], dict[str, str]]:
    """Clean each named text attribute of ``record``: (clean values, Polish errors)."""
    clean: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name in names:
        try:
            clean[name] = clean_text(getattr(record, name), limit)
        except ValueError as exc:
            errors[name] = str(exc)
            clean[name] = ""
    return clean, errors


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

    if not value.isdigit() or len(value) != 11:
        return "PESEL ma 11 cyfr."
    try:
        pesel.validate(value)
    except stdnum_errors.InvalidChecksum:
        return "Błędna cyfra kontrolna PESEL – sprawdź, czy nie ma literówki."
    except stdnum_errors.ValidationError:
        return "PESEL zawiera niemożliwą datę urodzenia."
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
    if digits.isdigit() and len(digits) == 9:
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

    return None if nip.is_valid(value) else "Błędny NIP (10 cyfr z poprawną cyfrą kontrolną)."


def check_regon(value: str) -> str | None:
    from stdnum.pl import regon

    return None if regon.is_valid(value) else "Błędny REGON (9 lub 14 cyfr, cyfra kontrolna)."


def check_krs(value: str) -> str | None:
    return None if re.fullmatch(r"\d{10}", value) else "Numer KRS ma 10 cyfr."


def parse_date(value: str) -> date:
    """Accepts DD.MM.RRRR (as typed) or ISO RRRR-MM-DD (as stored)."""
    value = value.strip()
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", value)
    if m:
        return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    raise ValueError("Datę wpisz jako DD.MM.RRRR, np. 05.03.1950.")


def format_date(value: str | date | None) -> str:
    """DD.MM.RRRR for the screen and documents."""
    if not value:
        return ""
    d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return d.strftime("%d.%m.%Y")
