"""Programmes of social services adopted by the rada gminy (uchwała): who they are for,
on what terms, and which services they include."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from app.catalogue.records import archive_row, link_rows, save_row
from app.core import validation as v
from app.core.errors import NotFound, ValidationError

_TEXT = ("name", "resolution_number", "target_group", "eligibility", "copayment_rules", "notes")
# Polish names as on the form; only the name and the resolution's number are one line.
TEXTS = {
    "name": v.TextField("Nazwa programu", 300),
    "resolution_number": v.TextField("Numer uchwały", 100),
    "target_group": v.TextField("Do kogo skierowany", v.MAX_TEXT, multiline=True),
    "eligibility": v.TextField("Warunki kwalifikowania", v.MAX_TEXT, multiline=True),
    "copayment_rules": v.TextField("Odpłatność i zwolnienia", v.MAX_TEXT, multiline=True),
    "notes": v.TextField("Uwagi", v.MAX_TEXT, multiline=True),
}
DATES = {"resolution_date": "Data uchwały", "valid_from": "Obowiązuje od",
         "valid_to": "Obowiązuje do"}


@dataclass
class Programme:
    name: str = ""
    resolution_number: str = ""
    resolution_date: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    target_group: str = ""
    eligibility: str = ""
    copayment_rules: str = ""
    notes: str = ""
    service_ids: list[str] = field(default_factory=list)
    id: str | None = None


def validated(p: Programme) -> Programme:
    clean, errors = v.clean_fields(p, TEXTS)
    if not clean["name"] and "name" not in errors:
        errors["name"] = "Podaj nazwę programu."
    if not clean["resolution_number"] and "resolution_number" not in errors:
        errors["resolution_number"] = "Podaj numer uchwały rady gminy (np. XV/123/2026)."
    if p.resolution_date is None:
        errors["resolution_date"] = "Podaj datę uchwały."
    for name, label in DATES.items():
        value = getattr(p, name)
        if value is not None and (msg := v.check_date(value, label)):
            errors[name] = msg
    if not errors.keys() & DATES.keys():
        if p.valid_from and p.valid_to and p.valid_to < p.valid_from:
            errors["valid_to"] = "Koniec programu nie może być przed jego początkiem."
        if p.resolution_date and p.valid_from and p.valid_from < p.resolution_date:
            errors["valid_from"] = "Program nie może zacząć się przed podjęciem uchwały."
    if not clean["target_group"] and "target_group" not in errors:
        errors["target_group"] = "Opisz, do kogo program jest skierowany."
    if errors:
        raise ValidationError(v.name_fields(errors, {**{n: f.label for n, f in TEXTS.items()},
                                                     **DATES}))
    return Programme(**clean, resolution_date=p.resolution_date, valid_from=p.valid_from,
                     valid_to=p.valid_to, service_ids=list(dict.fromkeys(p.service_ids)),
                     id=p.id)


def save(db: Database, programme: Programme) -> str:
    p = validated(programme)
    values = {name: getattr(p, name) or None for name in _TEXT}
    for name in ("resolution_date", "valid_from", "valid_to"):
        value = getattr(p, name)
        values[name] = value.isoformat() if value else None
    with db.atomic():
        programme_id = save_row(db, "programmes", p.id, values, p.name)
        link_rows(db, "programme_services", "programme_id", programme_id,
                  [{"service_id": s} for s in p.service_ids])
    return programme_id


def get(db: Database, programme_id: str) -> Programme:
    row = db.execute("SELECT " + ", ".join(_TEXT) + ", resolution_date, valid_from, valid_to"
                     " FROM programmes WHERE id = ?", [programme_id]).fetchone()
    if row is None:
        raise NotFound("Nie znaleziono programu.")
    texts = {k: val or "" for k, val in zip(_TEXT, row[:6], strict=True)}
    dates = [date.fromisoformat(d) if d else None for d in row[6:]]
    services = [r[0] for r in db.execute("SELECT service_id FROM programme_services WHERE"
                                         " programme_id = ? AND archived_at IS NULL",
                                         [programme_id])]
    return Programme(**texts, resolution_date=dates[0], valid_from=dates[1], valid_to=dates[2],
                     service_ids=services, id=programme_id)


def archive(db: Database, programme_id: str) -> None:
    archive_row(db, "programmes", programme_id, get(db, programme_id).name)


def listing(db: Database, include_archived: bool = False) -> list[tuple[str, str, str, str]]:
    """(id, name, resolution, period) for the list."""
    rows = db.execute("SELECT id, name, COALESCE(resolution_number, ''), valid_from, valid_to"
                      " FROM programmes" + ("" if include_archived else
                                            " WHERE archived_at IS NULL") + " ORDER BY name")
    return [(r[0], r[1], r[2], " – ".join(v.format_date(d) for d in r[3:] if d))
            for r in rows]


def offers(db: Database, programme_id: str, service_id: str) -> bool:
    return db.execute("SELECT 1 FROM programme_services WHERE programme_id = ? AND"
                      " service_id = ? AND archived_at IS NULL",
                      [programme_id, service_id]).fetchone() is not None
