"""Settings kept in the database (CUS name and address, KIPUS name, deadlines)."""

from __future__ import annotations

import re

from sqlite_utils import Database

from app.audit import trail as audit
from app.core.ids import now_iso
from app.core.validation import clean_text, parse_int

LABELS = {
    "cus_name": "Nazwa centrum usług społecznych",
    "cus_address": "Adres centrum (ulica i numer)",
    "cus_city": "Kod pocztowy i miejscowość centrum",
    "kipus_name": "Imię i nazwisko koordynatora (KIPUS)",
    "director_name": "Dyrektor CUS",
    "plan_deadline_days": "Termin na opracowanie IPUS od wniosku (dni)",
    "plan_max_months": "Najdłuższy okres IPUS (miesiące)",
    "plan_min_months": "Najkrótsza koordynacja wymagająca IPUS (miesiące)",
    "follow_up_months": "Monitoring po zakończeniu IPUS (po ilu miesiącach)",
    "lock_minutes": "Blokada po bezczynności (minuty)",
    "backup_warn_days": "Ostrzegaj, gdy ostatnia kopia starsza niż (dni)",
    "safety_backup_days": "Kopie sprzed przywrócenia i aktualizacji trzymaj (dni, min. 30)",
    "retention_cases": "Kategoria archiwalna akt sprawy (JRWA: A, B10, BE5, Bc)",
    "dpo_contact": "Inspektor ochrony danych (imię, nazwisko, kontakt)",
    "cus_gminas": "Gminy obsługiwane przez centrum",
    "agreement_coordinator": "Instytucja koordynująca porozumienie (np. OWES)",
}
# Whole numbers with the range that makes sense for each (a lock after 10,000 minutes is no
# lock; a plan of 0 months cannot be drawn up).
NUMERIC = {"plan_deadline_days": (1, 365), "plan_max_months": (1, 36),
           "plan_min_months": (1, 36), "follow_up_months": (1, 60), "lock_minutes": (1, 240),
           "backup_warn_days": (1, 365), "safety_backup_days": (30, 3650)}
# Defaults live in code; the database stores only what the KIPUS changed or a seed set.
DEFAULTS = {"plan_deadline_days": "30", "plan_max_months": "12", "plan_min_months": "3",
            "follow_up_months": "6", "lock_minutes": "5", "backup_warn_days": "3",
            "safety_backup_days": "30", "retention_cases": "B10"}


def get_all(db: Database) -> dict[str, str]:
    return {**DEFAULTS, **{k: v for k, v in db.execute("SELECT key, value FROM settings")
                           if k != "logo_image"}}


def get(db: Database, key: str, default: str | None = None) -> str:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row:
        return row[0]
    return DEFAULTS.get(key, "") if default is None else default


def get_int(db: Database, key: str) -> int:
    """The number setting; its default when what is stored is not a number in its range."""
    low, high = NUMERIC[key]
    value = get(db, key)
    if re.fullmatch(r"[0-9]{1,6}", value) and low <= int(value) <= high:
        return int(value)
    return int(DEFAULTS[key])


def save(db: Database, values: dict[str, str]) -> dict[str, str]:
    """Store the given settings; returns {key: Polish message} for those refused (none saved)."""
    errors, clean = {}, {}
    for key, value in values.items():
        if key not in LABELS:
            errors[key] = "Nieznane ustawienie."
            continue
        try:
            clean[key] = clean_text(value, 300, label=LABELS[key])
        except ValueError as exc:
            errors[key] = str(exc)
            continue
        if key == "retention_cases":
            from app.privacy.rodo import retention_years

            try:
                retention_years(clean[key])
            except ValueError as exc:
                errors[key] = f"{LABELS[key]}: {exc}"
            continue
        if key in NUMERIC:
            low, high = NUMERIC[key]
            try:
                number = parse_int(clean[key], LABELS[key], low, high)
            except ValueError as exc:
                errors[key] = str(exc)
                continue
            if number is None:
                errors[key] = f"{LABELS[key]}: wpisz liczbę od {low} do {high}."
            else:
                clean[key] = str(number)
    if errors:
        return errors
    stamp = now_iso()
    with db.atomic():
        for key, value in clean.items():
            db.execute(
                "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at",
                [key, value, stamp],
            )
        audit.record(db, "zmiana", "settings", details={"klucze": sorted(clean)})
    return {}


LOGO_KEY = "logo_image"
MAX_LOGO_BYTES = 400_000


def set_logo(db: Database, data: bytes) -> None:
    """The centre's logo for letterheads (PNG or JPEG), kept inside the database."""
    import base64

    from app.core.errors import ValidationError

    if not (data.startswith(b"\x89PNG") or data.startswith(b"\xff\xd8")):
        raise ValidationError({"logo": "Logo musi być plikiem PNG albo JPG."})
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError({"logo": "Plik logo jest za duży (najwyżej 400 KB)."})
    with db.atomic():
        db.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
                   " ON CONFLICT(key) DO UPDATE SET value = excluded.value,"
                   " updated_at = excluded.updated_at",
                   [LOGO_KEY, base64.b64encode(data).decode("ascii"), now_iso()])
        audit.record(db, "zmiana", "settings", details={"klucze": [LOGO_KEY]})


def get_logo(db: Database) -> bytes | None:
    import base64

    value = get(db, LOGO_KEY, "")
    return base64.b64decode(value) if value else None


def clear_logo(db: Database) -> None:
    with db.atomic():
        db.execute("DELETE FROM settings WHERE key = ?", [LOGO_KEY])
        audit.record(db, "zmiana", "settings", details={"klucze": [LOGO_KEY], "usunieto": True})
