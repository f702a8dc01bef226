"""Residents and their household members as domain objects, and how input is validated."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from app import validation as v
from app.errors import ValidationError

SEX_LABELS = {"K": "kobieta", "M": "mężczyzna"}

RELATIONS = (
    "współmałżonek",
    "partner/partnerka",
    "dziecko",
    "rodzic",
    "rodzeństwo",
    "dziadek/babcia",
    "wnuk/wnuczka",
    "inny krewny",
    "inna osoba wspólnie gospodarująca",
)


@dataclass
class HouseholdMember:
    surname: str
    first_name: str
    relation: str
    birth_date: str | None = None  # ISO
    member_resident_id: str | None = None
    notes: str = ""
    id: str | None = None


@dataclass
class Resident:
    surname: str = ""
    first_name: str = ""
    second_name: str = ""
    pesel: str = ""
    id_document: str = ""
    birth_date: str | None = None  # ISO yyyy-mm-dd
    sex: str | None = None  # 'K' or 'M'
    phone: str = ""
    email: str = ""
    street: str = ""
    house_no: str = ""
    flat_no: str = ""
    postal_code: str = ""
    city: str = ""
    post_office: str = ""
    gmina: str = ""
    notes: str = ""
    restricted: bool = False
    id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    archived_at: str | None = None
    archive_reason: str | None = None
    household: list[HouseholdMember] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.second_name, self.surname) if p)

    @property
    def address(self) -> str:
        # Villages without streets are addressed "Dąbrówka 94, 83-227 Żabno".
        place = self.street or self.city
        line = " ".join(p for p in (place, self.house_no) if p)
        if self.flat_no:
            line += f"/{self.flat_no}"
        if self.street and self.post_office and self.post_office != self.city:
            line = f"{self.city}, {line}"
        post = self.post_office or (self.city if self.street else "")
        town = " ".join(p for p in (self.postal_code, post) if p)
        return ", ".join(p for p in (line, town) if p)


TEXT_FIELDS = (
    "surname",
    "first_name",
    "second_name",
    "pesel",
    "id_document",
    "phone",
    "email",
    "street",
    "house_no",
    "flat_no",
    "postal_code",
    "city",
    "post_office",
    "gmina",
    "notes",
)
NAME_FIELDS = ("surname", "first_name", "second_name")
FIELD_LIMITS = {
    "notes": 4000,
    "street": 120,
    "city": 80,
    "post_office": 80,
    "gmina": 80,
    "id_document": 40,
    "house_no": 12,
    "flat_no": 12,
    "email": 254,
    "phone": 30,
}


def validated(resident: Resident, today: date | None = None) -> Resident:
    """Return a cleaned copy of ``resident`` or raise ValidationError naming every bad field.

    Birth date and sex are taken from the PESEL when one is given.
    """
    today = today or date.today()
    errs: dict[str, str] = {}
    clean: dict[str, str] = {}
    for name in TEXT_FIELDS:
        try:
            clean[name] = v.clean_text(getattr(resident, name), FIELD_LIMITS.get(name, 100))
        except ValueError as exc:
            errs[name] = str(exc)
            clean[name] = ""
    for name in ("surname", "first_name"):
        if name not in errs and (msg := v.check_person_name(clean[name])):
            errs[name] = msg
    second = clean["second_name"]
    if second and "second_name" not in errs and (msg := v.check_person_name(second)):
        errs["second_name"] = msg
    if "city" not in errs and not clean["city"]:
        errs["city"] = "Podaj miejscowość zamieszkania."

    birth, sex = resident.birth_date, resident.sex
    pesel = clean["pesel"].replace(" ", "")
    clean["pesel"] = pesel
    if pesel and "pesel" not in errs:
        if msg := v.check_pesel(pesel):
            errs["pesel"] = msg
        else:
            birth, sex = v.pesel_birth_date(pesel).isoformat(), v.pesel_sex(pesel)
    if not pesel and not clean["id_document"] and "pesel" not in errs:
        errs["pesel"] = "Podaj PESEL albo, gdy go brak, numer dokumentu tożsamości."
    if birth:
        try:
            born = v.parse_date(birth)
        except ValueError as exc:
            errs["birth_date"] = str(exc)
        else:
            if born > today:
                errs["birth_date"] = "Data urodzenia nie może być z przyszłości."
            elif born.year < 1900:
                errs["birth_date"] = "Data urodzenia jest zbyt odległa."
            birth = born.isoformat()
    elif not pesel:
        errs["birth_date"] = "Podaj datę urodzenia (bez PESEL jest wymagana)."
    if sex not in (None, "", "K", "M"):
        errs["sex"] = "Wybierz płeć: kobieta albo mężczyzna."

    checks = {"postal_code": v.check_postal_code, "phone": v.check_phone, "email": v.check_email}
    for name, check in checks.items():
        if clean[name] and name not in errs and (msg := check(clean[name])):
            errs[name] = msg
    household = []
    for i, member in enumerate(resident.household):
        try:
            household.append(validated_member(member, today))
        except ValidationError as exc:
            errs[f"household.{i}"] = f"Członek gospodarstwa nr {i + 1}: " + "; ".join(
                exc.errors.values()
            )
    if errs:
        raise ValidationError(errs)
    return replace(resident, **clean, birth_date=birth, sex=sex or None, household=household)


def validated_member(member: HouseholdMember, today: date | None = None) -> HouseholdMember:
    errs: dict[str, str] = {}
    try:
        surname = v.clean_text(member.surname, 100)
        first = v.clean_text(member.first_name, 100)
        relation = v.clean_text(member.relation, 80)
        notes = v.clean_text(member.notes, 1000)
    except ValueError as exc:
        raise ValidationError({"member": str(exc)}) from exc
    for name, value in (("surname", surname), ("first_name", first)):
        if msg := v.check_person_name(value):
            errs[name] = ("nazwisko: " if name == "surname" else "imię: ") + msg
    if not relation:
        errs["relation"] = "podaj pokrewieństwo lub relację"
    birth = member.birth_date
    if birth:
        try:
            born = v.parse_date(birth)
            if born > (today or date.today()):
                errs["birth_date"] = "data urodzenia z przyszłości"
            birth = born.isoformat()
        except ValueError as exc:
            errs["birth_date"] = str(exc)
    if errs:
        raise ValidationError(errs)
    return replace(
        member,
        surname=surname,
        first_name=first,
        relation=relation,
        notes=notes,
        birth_date=birth or None,
    )
