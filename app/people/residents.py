"""Residents and their household members as domain objects, and how input is validated."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from app.core import validation as v
from app.core.errors import ValidationError

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


# Who may be close to the resident without living with her; any other relation may be typed.
CLOSE_RELATIONS = (
    "córka", "syn", "synowa", "zięć", "siostra", "brat", "wnuczka", "wnuk", "sąsiadka",
    "sąsiad", "przyjaciółka", "przyjaciel", "przedstawiciel ustawowy", "opiekun prawny",
    "kurator", "opiekun faktyczny",
)

# How the person signs what is issued for her (art. 78 and 79 of the Civil Code).
SIGNING = {
    "pisze": "podpisuje się sama/sam",
    "odcisk": "nie może pisać: odcisk palca, obok imię i nazwisko wypisuje osoba, którą o to "
              "poprosi",
    "na_prosbe": "nie może pisać: podpisuje za nią osoba, którą o to poprosi, a podpis "
                 "poświadcza notariusz lub wójt",
}


@dataclass
class ClosePerson:
    """Someone close who does not share the household: named on documents (upoważnienie)."""

    full_name: str
    relation: str
    pesel: str = ""
    id_document: str = ""
    address: str = ""
    phone: str = ""
    id: str | None = None

    @property
    def identity(self) -> str:
        """"PESEL 44051401359" or "dokument tożsamości ABC123456", as a document names her."""
        if self.pesel:
            return f"PESEL {self.pesel}"
        return f"dokument tożsamości {self.id_document}" if self.id_document else ""


def trusted_persons(resident: Resident) -> list[ClosePerson]:
    """Whom an upoważnienie may name: the close persons, then the household members (who
    live at her address)."""
    living_with = [ClosePerson(f"{m.first_name} {m.surname}", m.relation,
                               address=resident.address, id=m.id) for m in resident.household]
    return [*resident.close_persons, *living_with]


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
    signing: str = "pisze"
    large_print: bool = False  # documents she keeps printed at 14 pt
    household: list[HouseholdMember] = field(default_factory=list)
    close_persons: list[ClosePerson] = field(default_factory=list)

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
        # no post office given: the place itself follows the code ("Nieciecza 12,
        # 33-240" left a postal code without a town on documents)
        post = self.post_office or self.city
        town = " ".join(p for p in (self.postal_code, post) if p)
        return ", ".join(p for p in (line, town) if p)


# Every text field with its Polish name (as on the form) and limit; only notes span lines.
FIELDS = {
    "surname": v.TextField("Nazwisko"),
    "first_name": v.TextField("Imię"),
    "second_name": v.TextField("Drugie imię"),
    "pesel": v.TextField("PESEL", 20),
    "id_document": v.TextField("Dokument tożsamości", 40),
    "phone": v.TextField("Telefon", 30),
    "email": v.TextField("E-mail", 254),
    "street": v.TextField("Ulica", 120),
    "house_no": v.TextField("Nr domu", 12),
    "flat_no": v.TextField("Nr lokalu", 12),
    "postal_code": v.TextField("Kod pocztowy", 12),
    "city": v.TextField("Miejscowość", 80),
    "post_office": v.TextField("Poczta", 80),
    "gmina": v.TextField("Gmina", 80),
    "notes": v.TextField("Uwagi", 4000, multiline=True),
}
TEXT_FIELDS = tuple(FIELDS)
NAME_FIELDS = ("surname", "first_name", "second_name")
LABELS = {**{name: f.label for name, f in FIELDS.items()}, "birth_date": "Data urodzenia",
          "sex": "Płeć"}
MEMBER_FIELDS = {
    "surname": v.TextField("nazwisko"),
    "first_name": v.TextField("imię"),
    "relation": v.TextField("pokrewieństwo", 80),
    "notes": v.TextField("uwagi", 1000, multiline=True),
}
MEMBER_LABELS = {**{name: f.label for name, f in MEMBER_FIELDS.items()},
                 "birth_date": "data urodzenia"}
CLOSE_FIELDS = {
    "full_name": v.TextField("imię i nazwisko", 160),
    "relation": v.TextField("kim jest dla osoby", 80),
    "pesel": v.TextField("PESEL", 20),
    "id_document": v.TextField("dokument tożsamości", 40),
    "address": v.TextField("adres", 200),
    "phone": v.TextField("telefon", 30),
}


def birth_date_error(value: str, label: str, today: date) -> tuple[str | None, str | None]:
    """(ISO date, None) for a possible birth date, else (None, the Polish message)."""
    try:
        born = v.parse_date(value, label)
    except ValueError as exc:
        return None, str(exc)
    if born > today:
        return None, f"{label}: nie może być z przyszłości."
    return born.isoformat(), None


def validated(resident: Resident, today: date | None = None) -> Resident:
    """Return a cleaned copy of ``resident`` or raise ValidationError naming every bad field.

    Birth date and sex are taken from the PESEL when one is given.
    """
    today = today or date.today()
    clean, errs = v.clean_fields(resident, FIELDS)
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
        birth, msg = birth_date_error(birth, LABELS["birth_date"], today)
        if msg:
            errs["birth_date"] = msg
    elif not pesel:
        errs["birth_date"] = "Podaj datę urodzenia (bez PESEL jest wymagana)."
    if sex not in (None, "", "K", "M"):
        errs["sex"] = "Wybierz płeć: kobieta albo mężczyzna."

    checks = {"postal_code": v.check_postal_code, "phone": v.check_phone, "email": v.check_email}
    for name, check in checks.items():
        if clean[name] and name not in errs and (msg := check(clean[name])):
            errs[name] = msg
    errs = v.name_fields(errs, LABELS)
    household = []
    for i, member in enumerate(resident.household):
        try:
            household.append(validated_member(member, today))
        except ValidationError as exc:
            errs[f"household.{i}"] = f"Członek gospodarstwa nr {i + 1}: " + "; ".join(
                exc.errors.values()
            )
    if resident.signing not in SIGNING:
        errs["signing"] = "Wybierz, jak osoba podpisuje dokumenty."
    close: list[ClosePerson] = []
    numbers: list[int] = []  # each valid close person's number on the form
    for i, person in enumerate(resident.close_persons, 1):
        try:
            this = validated_close_person(person)
        except ValidationError as exc:
            # by field ("close.0.pesel"), so the form frames the field that is wrong
            errs.update({f"close.{i - 1}.{key}": f"Osoba bliska nr {i}: {message}"
                         for key, message in exc.errors.items()})
            continue
        if this.pesel and this.pesel == pesel:
            errs[f"close.{i - 1}.pesel"] = (f"Osoba bliska nr {i}: ma PESEL tej samej osoby, "
                                            "której dotyczy karta – sprawdź numer.")
        same = next((n for n, other in zip(numbers, close, strict=True)
                     if (other.full_name.casefold(), other.pesel)
                     == (this.full_name.casefold(), this.pesel)), None)
        if same is not None:
            errs[f"close.{i - 1}.full_name"] = (f"Osoba bliska nr {i}: to ta sama osoba co "
                                                f"nr {same}.")
        close.append(this)
        numbers.append(i)
    if errs:
        raise ValidationError(errs)
    return replace(resident, **clean, birth_date=birth, sex=sex or None, household=household,
                   close_persons=close)


def validated_close_person(person: ClosePerson) -> ClosePerson:
    clean, errs = v.clean_fields(person, CLOSE_FIELDS)
    name = clean["full_name"]
    if "full_name" not in errs:
        if len(name.split()) < 2:
            errs["full_name"] = "podaj imię i nazwisko"
        elif msg := v.check_person_name(name):
            errs["full_name"] = msg
    if "relation" not in errs and not clean["relation"]:
        errs["relation"] = "podaj, kim jest dla osoby (np. córka, sąsiadka)"
    clean["pesel"] = clean["pesel"].replace(" ", "")
    if clean["pesel"] and "pesel" not in errs and (msg := v.check_pesel(clean["pesel"])):
        errs["pesel"] = msg
    if clean["phone"] and "phone" not in errs and (msg := v.check_phone(clean["phone"])):
        errs["phone"] = msg
    if errs:
        raise ValidationError(v.name_fields(errs, {k: f.label for k, f in CLOSE_FIELDS.items()}))
    return replace(person, **clean)


def validated_member(member: HouseholdMember, today: date | None = None) -> HouseholdMember:
    clean, errs = v.clean_fields(member, MEMBER_FIELDS)
    for name in ("surname", "first_name"):
        if name not in errs and (msg := v.check_person_name(clean[name])):
            errs[name] = msg
    if "relation" not in errs and not clean["relation"]:
        errs["relation"] = "podaj pokrewieństwo lub relację"
    birth = member.birth_date
    if birth:
        birth, msg = birth_date_error(birth, MEMBER_LABELS["birth_date"], today or date.today())
        if msg:
            errs["birth_date"] = msg
    if errs:
        raise ValidationError(v.name_fields(errs, MEMBER_LABELS))
    return replace(member, **clean, birth_date=birth or None)
