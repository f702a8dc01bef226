"""Settings kept in the database (CUS name and address, KIPUS name, deadlines): read as one
typed `Settings`, saved only when every value passes its check."""

from __future__ import annotations

import base64

from sqlite_utils import Database

from app.audit import trail as audit
from app.core import plural
from app.core.errors import ValidationError
from app.core.ids import now_iso
from app.core.validation import clean_text
from app.settings.values import LABELS, SPECS, Settings

LOGO_KEY = "logo_image"
MAX_LOGO_BYTES = 400_000


def _stored(db: Database) -> dict[str, str]:
    return {k: v for k, v in db.execute("SELECT key, value FROM settings") if k != LOGO_KEY}


def is_demo(db: Database) -> bool:
    """A database filled with made-up residents (the title says so)."""
    row = db.execute("SELECT value FROM settings WHERE key = 'demo'").fetchone()
    return bool(row and row[0] == "1")


def load(db: Database) -> Settings:
    """The settings now in force, typed (a stored value that fails its check: the default)."""
    return Settings.from_stored(_stored(db))


def texts(db: Database) -> dict[str, str]:
    """Every setting as it is in force (for the settings form): a stored value that fails
    its check shows as the default the program uses instead."""
    return load(db).as_texts()


def save(db: Database, values: dict[str, str]) -> dict[str, str]:
    """Store the given settings; returns {key: Polish message} for those refused (none saved)."""
    errors, clean = {}, {}
    for key, value in values.items():
        if key not in SPECS:
            errors[key] = "Nieznane ustawienie."
            continue
        try:
            text = clean_text(value, 300, label=LABELS[key])
            clean[key] = str(SPECS[key].parse_typed(text))
        except ValueError as exc:
            errors[key] = str(exc)
    if not errors:
        after = Settings.from_stored({**_stored(db), **clean})
        if after.plan_min_months > after.plan_max_months:
            key = "plan_min_months" if "plan_min_months" in clean else "plan_max_months"
            errors[key] = (f"{LABELS[key]}: najkrótsza koordynacja "
                           f"({plural.months(after.plan_min_months)}) nie może być dłuższa "
                           f"niż najdłuższy IPUS ({plural.months(after.plan_max_months)}).")
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


def set_logo(db: Database, data: bytes) -> None:
    """The centre's logo for letterheads (PNG or JPEG), kept inside the database."""
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
    row = db.execute("SELECT value FROM settings WHERE key = ?", [LOGO_KEY]).fetchone()
    return base64.b64decode(row[0]) if row and row[0] else None


def clear_logo(db: Database) -> None:
    with db.atomic():
        db.execute("DELETE FROM settings WHERE key = ?", [LOGO_KEY])
        audit.record(db, "zmiana", "settings", details={"klucze": [LOGO_KEY], "usunieto": True})
