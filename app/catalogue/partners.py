"""Providers and partners, kept as the partner fiche (fiszka informacyjna partnera): who they
are, contacts, identifiers, the yes/no attributes, resources and role, the services they
deliver with their capacity, and the actions they took part in."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from sqlite_utils import Database

from app.catalogue.records import archive_row, link_rows, save_row
from app.core import validation as v
from app.core.errors import NotFound, ValidationError
from app.core.ids import new_id, now_iso
from app.core.textfold import fold, sort_key
from app.storage import rows

TYPES = {
    "jednostka_gminy": "jednostka gminy (OPS, szkoła, biblioteka, dom kultury, ośrodek zdrowia)",
    "ngo": "organizacja pozarządowa",
    "pes": "podmiot ekonomii społecznej (spółdzielnia socjalna, CIS, KIS, ZAZ, WTZ)",
    "firma": "przedsiębiorca",
    "parafia": "parafia",
    "instytucja_publiczna": "inna instytucja publiczna (PUP, ROPS, OWES…)",
    "podmiot_leczniczy": "podmiot leczniczy",
}
FLAGS = {"is_social_employment": "działa na rzecz zatrudnienia socjalnego",
         "is_jst_unit": "jednostka samorządu terytorialnego",
         "is_other_public": "inna jednostka publiczna",
         "is_ngo": "organizacja pozarządowa"}


@dataclass
class PartnerService:
    service_id: str
    capacity: int | None = None
    place: str = ""


@dataclass
class Partner:
    full_name: str = ""
    partner_type: str = ""
    nip: str = ""
    regon: str = ""
    krs: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    delivering_person: str = ""
    is_social_employment: bool = False
    is_jst_unit: bool = False
    is_other_public: bool = False
    is_ngo: bool = False
    resources_staff: str = ""
    resources_infrastructure: str = ""
    activity_profile: str = ""
    affiliation: str = ""
    other_info: str = ""
    role_justification: str = ""
    capacity: int | None = None
    id: str | None = None
    services: list[PartnerService] = field(default_factory=list)

    @property
    def address(self) -> str:
        """"ul. Polna 3, 33-240 Żabno", as an address is written on a letter."""
        return ", ".join(x for x in (self.street, f"{self.postal_code} {self.city}".strip())
                         if x)


_COLUMNS = [f.name for f in fields(Partner) if f.name not in ("id", "services")]
# The fiche's text fields with their Polish names; the resources and role span lines.
TEXTS = {
    "full_name": v.TextField("Pełna nazwa", 300),
    "partner_type": v.TextField("Rodzaj", 40),
    "nip": v.TextField("NIP", 20),
    "regon": v.TextField("REGON", 20),
    "krs": v.TextField("KRS", 20),
    "street": v.TextField("Ulica i numer", 200),
    "postal_code": v.TextField("Kod pocztowy", 12),
    "city": v.TextField("Miejscowość", 80),
    "phone": v.TextField("Telefon", 30),
    "email": v.TextField("E-mail", 254),
    "website": v.TextField("Strona internetowa", 300),
    "delivering_person": v.TextField("Osoba realizująca usługi", 200),
    "resources_staff": v.TextField("Zasoby: kadra", 2000, multiline=True),
    "resources_infrastructure": v.TextField("Zasoby: infrastruktura", 2000, multiline=True),
    "activity_profile": v.TextField("Profil działalności", 2000, multiline=True),
    "affiliation": v.TextField("Przynależność organizacyjna", 300),
    "other_info": v.TextField("Inne", 2000),
    "role_justification": v.TextField("Uzasadnienie roli partnera", 2000, multiline=True),
}
LABELS = {**{name: f.label for name, f in TEXTS.items()}, "capacity": "Liczba miejsc ogółem"}
SERVICE_PLACE = v.TextField("Miejsce świadczenia", 300)
ACTION_TEXT = v.TextField("Opis działania", 2000, multiline=True)


def validated(p: Partner) -> Partner:
    clean, errors = v.clean_fields(p, TEXTS)
    clean.update({n: getattr(p, n) for n in _COLUMNS if n not in TEXTS})
    if not clean["full_name"] and "full_name" not in errors:
        errors["full_name"] = "Podaj pełną nazwę partnera."
    if clean["partner_type"] not in TYPES:
        errors["partner_type"] = "Wybierz rodzaj partnera."
    checks = {"nip": v.check_nip, "regon": v.check_regon, "krs": v.check_krs,
              "postal_code": v.check_postal_code, "phone": v.check_phone,
              "email": v.check_email}
    for name, check in checks.items():
        value = clean[name].replace(" ", "").replace("-", "") if name in (
            "nip", "regon", "krs") else clean[name]
        if value and name not in errors and (msg := check(value)):
            errors[name] = msg
        if name in ("nip", "regon", "krs"):
            clean[name] = value
    if msg := v.check_int(p.capacity, LABELS["capacity"]):
        errors["capacity"] = msg
    services = []
    for i, s in enumerate(p.services):
        problems = [m for m in (v.check_int(s.capacity, "liczba miejsc"),) if m]
        try:
            place = SERVICE_PLACE.clean(s.place)
        except ValueError as exc:
            problems.append(str(exc))
            place = ""
        if problems:
            errors[f"services.{i}"] = f"Usługa nr {i + 1}: " + "; ".join(problems)
        services.append(PartnerService(s.service_id, s.capacity, place))
    if errors:
        raise ValidationError(v.name_fields(errors, LABELS))
    return Partner(**clean, id=p.id, services=services)


def save(db: Database, partner: Partner) -> str:
    p = validated(partner)
    values = {name: (int(getattr(p, name)) if name in FLAGS else getattr(p, name) or None)
              for name in _COLUMNS}
    values["sort_key"] = sort_key(p.full_name)
    with db.atomic():
        partner_id = save_row(db, "partners", p.id, values, p.full_name)
        link_rows(db, "partner_services", "partner_id", partner_id,
                  [{"service_id": s.service_id, "capacity": s.capacity, "place": s.place or None}
                   for s in p.services])
    return partner_id


def archive(db: Database, partner_id: str) -> None:
    archive_row(db, "partners", partner_id, get(db, partner_id).full_name)


def get(db: Database, partner_id: str) -> Partner:
    cur = db.execute("SELECT " + ", ".join(_COLUMNS) + " FROM partners WHERE id = ?",
                     [partner_id])
    row = cur.fetchone()
    if row is None:
        raise NotFound("Nie znaleziono partnera.")
    data: dict[str, Any] = {k: ("" if val is None and k not in ("capacity",) else val)
            for k, val in zip(_COLUMNS, row, strict=True)}
    for flag in FLAGS:
        data[flag] = bool(data[flag])
    services = rows.build(db.execute(
        "SELECT service_id, capacity, COALESCE(place, '') AS place FROM partner_services WHERE"
        " partner_id = ? AND archived_at IS NULL", [partner_id]), PartnerService)
    return Partner(**data, id=partner_id, services=services)


@dataclass(frozen=True)
class PartnerRow:
    id: str
    full_name: str
    partner_type: str
    city: str
    services: int


def search(db: Database, text: str = "", include_archived: bool = False) -> list[PartnerRow]:
    found = rows.named(db.execute(
        "SELECT p.id, p.full_name, p.partner_type, COALESCE(p.city, '') AS city, (SELECT"
        " count(*) FROM partner_services s WHERE s.partner_id = p.id AND s.archived_at IS"
        " NULL) AS services, COALESCE(p.activity_profile, '') AS profile FROM partners p"
        + ("" if include_archived else " WHERE p.archived_at IS NULL") + " ORDER BY p.sort_key"))
    words = fold(text).split()
    return [PartnerRow(**{k: v for k, v in r.items() if k != "profile"}) for r in found
            if all(w in fold(f"{r['full_name']} {r['city']} {r['profile']}") for w in words)]


def add_action(db: Database, partner_id: str, action_date: str | date | None,
               description: str) -> None:
    """An action the partner took part in (the fiche's history); the date may be left out."""
    errors = {}
    try:
        description = ACTION_TEXT.clean(description)
    except ValueError as exc:
        errors["description"] = str(exc)
    else:
        if not description:
            errors["description"] = "Opis działania: opisz działanie."
    when = None
    if isinstance(action_date, date):
        if msg := v.check_date(action_date, "Data działania"):
            errors["action_date"] = msg
        when = action_date.isoformat()
    elif action_date:
        try:
            when = v.parse_date(action_date, "Data działania").isoformat()
        except ValueError as exc:
            errors["action_date"] = str(exc)
    if errors:
        raise ValidationError(errors)
    stamp = now_iso()
    with db.atomic():
        db.table("partner_actions").insert({"id": new_id(), "created_at": stamp,
                                            "updated_at": stamp, "partner_id": partner_id,
                                            "action_date": when,
                                            "description": description})


def actions(db: Database, partner_id: str) -> list[tuple[str | None, str]]:
    return db.execute("SELECT action_date, description FROM partner_actions WHERE partner_id = ?"
                      " AND archived_at IS NULL ORDER BY action_date", [partner_id]).fetchall()
