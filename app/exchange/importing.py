"""Residents, partners and services of the catalogue from a spreadsheet. The columns are
mapped to the register's fields (guessed from Polish and English headers; the KIPUS may
change it), then a dry run gives every row a verdict: new, a duplicate of whom (same
PESEL, or NIP/REGON/KRS; same name and birth date; or a close name with the same birth
date or address; a service of the same name, or a close one in the same area), invalid and
why (the register's own checks), or empty. Nothing is written until the KIPUS confirms:
then a backup, one transaction, every row audited. A duplicate is merged into the record
it matches only on her choice for that row, and a merge fills only what the record lacks.
Importing the same file again adds nothing: its rows are duplicates then."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz
from sqlite_utils import Database

from app.audit import trail as audit
from app.catalogue import partners, services
from app.core.errors import DuplicateResident, KoordynatorError, NotFound, ValidationError
from app.core.textfold import fold
from app.core.validation import format_date, parse_date
from app.exchange.reading import Cell, Sheet
from app.people import residents_store
from app.people.residents import Resident, validated
from app.settings import store as settings_store
from app.storage import backups

# field: (its Polish name, the headers it is recognised by, folded)
RESIDENT_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "surname": ("Nazwisko", ("nazwisko", "surname", "last name", "lastname", "family name")),
    "first_name": ("Imię", ("imie", "imiona", "pierwsze imie", "first name", "firstname",
                            "given name")),
    "second_name": ("Drugie imię", ("drugie imie", "second name", "middle name")),
    "pesel": ("PESEL", ("pesel", "nr pesel", "numer pesel", "personal id")),
    "id_document": ("Dokument tożsamości", ("dokument", "dokument tozsamosci", "nr dowodu",
                                            "dowod osobisty", "paszport", "id document",
                                            "passport")),
    "birth_date": ("Data urodzenia", ("data urodzenia", "data ur", "ur", "urodzony",
                                      "urodzona", "birth date", "date of birth", "dob",
                                      "birthdate")),
    "sex": ("Płeć", ("plec", "plec k m", "sex", "gender")),
    "phone": ("Telefon", ("telefon", "tel", "nr tel", "nr telefonu", "telefon kontaktowy",
                          "phone", "phone number", "mobile", "komorka")),
    "email": ("E-mail", ("email", "e mail", "adres email", "mail")),
    "street": ("Ulica", ("ulica", "ul", "street", "address", "adres")),
    "house_no": ("Nr domu", ("nr domu", "numer domu", "dom", "house", "house no",
                             "house number")),
    "flat_no": ("Nr lokalu", ("nr lokalu", "nr mieszkania", "lokal", "mieszkanie", "flat",
                              "apartment")),
    "postal_code": ("Kod pocztowy", ("kod pocztowy", "kod poczt", "kod", "postal code", "zip",
                                     "zip code", "postcode")),
    "city": ("Miejscowość", ("miejscowosc", "miejscowosc zamieszkania", "miasto", "wies",
                             "city", "town", "village", "locality")),
    "post_office": ("Poczta", ("poczta", "post office")),
    "gmina": ("Gmina", ("gmina", "municipality", "commune")),
    # a list from a school or a parish often has the whole name in one column
    "name_first_last": ("Imię i nazwisko", ("imie i nazwisko", "imie nazwisko",
                                            "imiona i nazwisko", "full name", "name",
                                            "osoba")),
    "name_last_first": ("Nazwisko i imię", ("nazwisko i imie", "nazwisko imie",
                                            "nazwisko i imiona")),
}
WHOLE_NAME = ("name_first_last", "name_last_first")
STAND_IN_DOCUMENT = "BRAK"  # only while the rest of a row without an identifier is checked
NO_IDENTIFIER = ("brak PESEL i numeru dokumentu tożsamości – nowej osoby bez nich rejestr nie "
                 "przyjmuje (można tylko scalić z osobą już wpisaną)")
PARTNER_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "full_name": ("Nazwa", ("nazwa", "nazwa pelna", "pelna nazwa", "partner", "name",
                            "organisation", "organization", "instytucja", "nazwa podmiotu")),
    "partner_type": ("Rodzaj", ("rodzaj", "typ", "type", "kind", "forma prawna")),
    "nip": ("NIP", ("nip", "tax id", "vat id")),
    "regon": ("REGON", ("regon",)),
    "krs": ("KRS", ("krs", "nr krs")),
    "street": ("Ulica", ("ulica", "ul", "adres", "street", "address")),
    "postal_code": ("Kod pocztowy", ("kod pocztowy", "kod", "postal code", "zip")),
    "city": ("Miejscowość", ("miejscowosc", "miasto", "siedziba", "city", "town")),
    "phone": ("Telefon", ("telefon", "tel", "nr tel", "phone", "phone number")),
    "email": ("E-mail", ("email", "e mail", "mail")),
    "website": ("Strona internetowa", ("www", "strona", "strona internetowa", "website")),
    "delivering_person": ("Osoba do kontaktu", ("osoba do kontaktu", "kontakt", "contact",
                                                "contact person")),
    "capacity": ("Liczba miejsc", ("liczba miejsc", "liczba miejsc ogolem", "miejsca",
                                   "capacity", "places")),
    # the catalogue's services it delivers, by name, separated by ";" or new lines
    "services": ("Usługi", ("uslugi", "oferowane uslugi", "uslugi partnera", "services")),
}
SERVICE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("Usługa", ("usluga", "nazwa", "nazwa uslugi", "service", "name")),
    "area_code": ("Obszar", ("obszar", "obszar uslug", "obszar uslug spolecznych", "area",
                             "dziedzina")),
    "kind": ("Rodzaj", ("rodzaj", "rodzaj uslugi", "typ", "kind", "type")),
    "description": ("Opis", ("opis", "opis uslugi", "description")),
    "target_group": ("Dla kogo", ("dla kogo", "adresaci", "grupa docelowa", "odbiorcy",
                                  "target group")),
    "copayment_rule": ("Odpłatność", ("odplatnosc", "zasady odplatnosci", "copayment")),
    "occupation_codes": ("Kody zawodów", ("kody zawodow", "kod zawodu", "occupation codes")),
}
KINDS = {"residents": RESIDENT_FIELDS, "partners": PARTNER_FIELDS,
         "catalogue": SERVICE_FIELDS}
NEEDED = {"residents": ("surname", "first_name", "city"), "partners": ("full_name",),
          "catalogue": ("name", "area_code")}
SIMILAR = 88  # a name at least this close (rapidfuzz ratio, 0–100) is "close"
SEX = {"k": "K", "kobieta": "K", "f": "K", "female": "K", "zenska": "K", "m": "M",
       "mezczyzna": "M", "male": "M", "meska": "M"}
# a partner's kind from the words of its name, when the file does not say it
TYPE_WORDS = (("spoldzielnia socjalna", "pes"), ("centrum integracji", "pes"),
              ("klub integracji", "pes"), ("zaklad aktywnosci", "pes"),
              ("warsztat terapii", "pes"), ("parafia", "parafia"),
              ("urzad pracy", "instytucja_publiczna"), ("ops", "jednostka_gminy"),
              ("osrodek pomocy", "jednostka_gminy"), ("szkola", "jednostka_gminy"),
              ("biblioteka", "jednostka_gminy"), ("dom kultury", "jednostka_gminy"),
              ("osrodek kultury", "jednostka_gminy"), ("przychodnia", "podmiot_leczniczy"),
              ("zoz", "podmiot_leczniczy"), ("sp z o o", "firma"), ("s a", "firma"),
              ("fundacja", "ngo"), ("stowarzyszenie", "ngo"), ("organizacja", "ngo"),
              ("spolka", "firma"), ("przedsiebiorca", "firma"), ("gmina", "jednostka_gminy"),
              ("samorzad", "jednostka_gminy"), ("powiat", "instytucja_publiczna"))
NEW, DUPLICATE, INVALID, EMPTY = "nowy", "duplikat", "błędny", "pusty"
ADDRESS = ("street", "house_no", "flat_no", "postal_code", "city", "post_office")


@dataclass
class Verdict:
    line: int  # the row's line in the file, as the KIPUS sees it in her spreadsheet
    status: str  # NEW, DUPLICATE, INVALID or EMPTY
    text: str  # in Polish: who, or why
    record: Resident | partners.Partner | services.ServiceRecord | None = None
    existing_id: str | None = None  # the record a duplicate matches (None: an earlier row)


@dataclass
class Outcome:
    added: int = 0
    merged: int = 0  # duplicates that filled something the record lacked
    unchanged: int = 0  # duplicates chosen for merging that had nothing to add
    skipped: int = 0
    backup: str = ""

    def summary(self) -> str:
        """What was done, as the KIPUS reads it after the import."""
        return (f"Dodano: {self.added}, scalono: {self.merged}"
                + (f" (bez zmian, bo wpis miał już te dane: {self.unchanged})"
                   if self.unchanged else "")
                + f", pominięto: {self.skipped}."
                + (f" Kopia sprzed wczytania: {self.backup}" if self.backup else ""))


def _field_of(text: str, kind: str, exact_only: bool = False) -> str | None:
    folded = fold(text)
    for name, (label, synonyms) in KINDS[kind].items():
        if folded in (name.replace("_", " "), fold(label)) or (
                not exact_only and folded in synonyms):
            return name
    return None


def guess_mapping(headers: list[str], kind: str) -> dict[int, str]:
    """Column number (from 0) → field, from the headers; each field taken once, a header
    that is the field's own name before one that only resembles it ("Nr domu" before
    "Dom"); a bare "Nr" or "Lp." (a row number) is never mapped."""
    mapping: dict[int, str] = {}
    for exact in (True, False):
        for column, header in enumerate(headers):
            name = _field_of(header, kind, exact_only=exact)
            if column not in mapping and name and name not in mapping.values():
                mapping[column] = name
    return mapping


def mapping_from(texts: list[str], headers: list[str], kind: str) -> dict[int, str]:
    """The guessed mapping changed by COLUMN=FIELD texts: COLUMN is a header or a column
    number from 1, FIELD a field's name or Polish label; an empty FIELD ignores the
    column."""
    mapping = guess_mapping(headers, kind)
    errors: dict[str, str] = {}
    chosen: dict[str, str] = {}  # field: the column the KIPUS gave it
    for text in texts:
        column_text, _, field_text = text.partition("=")
        column = next((n for n, h in enumerate(headers) if fold(h) == fold(column_text)), None)
        if column is None and column_text.strip().isdigit():
            column = int(column_text) - 1
        if column is None or not 0 <= column < len(headers):
            errors[text] = f"Mapowanie {text}: w pliku nie ma kolumny „{column_text}”."
            continue
        mapping.pop(column, None)
        if not field_text.strip():
            continue
        name = field_text.strip() if field_text.strip() in KINDS[kind] else \
            _field_of(field_text, kind)
        if name is None:
            errors[text] = (f"Mapowanie {text}: nieznane pole „{field_text}”. Pola: "
                            + ", ".join(f"{label} ({name})" for name, (label, _)
                                        in KINDS[kind].items()) + ".")
            continue
        if name in chosen:
            errors[text] = (f"Mapowanie {text}: pole „{KINDS[kind][name][0]}” wskazano już "
                            f"dla kolumny „{chosen[name]}” – jedno pole, jedna kolumna.")
            continue
        chosen[name] = column_text
        for other in [c for c, f in mapping.items() if f == name]:
            del mapping[other]  # a field is filled from one column
        mapping[column] = name
    if errors:
        raise ValidationError(errors)
    return mapping


ZEROS = {"pesel": 11, "krs": 10, "regon": 9, "postal_code": 5}


def _text(cell: Cell, name: str) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, date):
        return cell.isoformat()
    text = str(cell).strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # the apostrophe our export puts before such a cell, read back
    # a spreadsheet that took a number for one dropped its leading zeros (PESEL of
    # someone born 2000–2009, a KRS, a REGON, a postal code 02-495)
    if name in ZEROS and text.isdigit() and len(text) < ZEROS[name]:
        text = text.zfill(ZEROS[name])
    if name == "postal_code" and len(text) == 5 and text.isdigit():
        return f"{text[:2]}-{text[2:]}"
    return text


def _birth_date(cell: Cell) -> str:
    """ISO; Excel's day serials and typed dates understood; ValueError in Polish."""
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, int | float) and 1800 <= cell <= 2100:
        raise ValueError(f"Data urodzenia: {int(cell)} to sam rok – podaj pełną datę.")
    if isinstance(cell, int | float) and 1 <= cell < 80000:
        return (date(1899, 12, 30) + timedelta(days=int(cell))).isoformat()
    text = _text(cell, "birth_date")
    if len(text) == 5 and text.isdigit():  # a serial that left Excel as text (1927 onward)
        return (date(1899, 12, 30) + timedelta(days=int(text))).isoformat()
    return parse_date(text, "Data urodzenia").isoformat() if text else ""


def _split_name(values: dict[str, Cell]) -> dict[str, str]:
    """Surname, first and second name from a whole-name column, where the file has no
    columns of its own for them: "Anna Maria Kowalska-Nowak" or "Kowalska-Nowak Anna"."""
    for field, surname_first in (("name_first_last", False), ("name_last_first", True)):
        words = _text(values.get(field), field).split()
        if len(words) < 2:
            continue
        if surname_first:
            return {"surname": words[0], "first_name": words[1],
                    "second_name": " ".join(words[2:])}
        return {"first_name": words[0], "second_name": " ".join(words[1:-1]),
                "surname": words[-1]}
    return {}


def _resident(values: dict[str, Cell]) -> Resident:
    texts: dict[str, Any] = {name: _text(values.get(name), name) for name in RESIDENT_FIELDS
                             if name not in ("birth_date", "sex", *WHOLE_NAME)}
    if not (texts["surname"] or texts["first_name"]):
        texts.update(_split_name(values))
    sex_text = fold(_text(values.get("sex"), "sex"))
    if sex_text and sex_text not in SEX:
        raise ValidationError({"sex": f"Płeć: „{values.get('sex')}” – wpisz K albo M."})
    try:
        birth = _birth_date(values.get("birth_date"))
    except ValueError as exc:
        raise ValidationError({"birth_date": str(exc)}) from exc
    for name in ("surname", "first_name", "second_name"):
        if _mixed_scripts(texts[name]):
            raise ValidationError({name: f"{RESIDENT_FIELDS[name][0]}: „{texts[name]}” łączy "
                                         "litery łacińskie z cyrylicą (np. „а” zamiast „a”)."})
    # a school's or a parish's list has no PESEL: such a row is checked in full, so that it
    # can still be found in the register and merged; it is never added (see _verdict)
    unidentified = not texts["pesel"] and not texts["id_document"]
    if unidentified:
        texts["id_document"] = STAND_IN_DOCUMENT
    resident = validated(Resident(**texts, birth_date=birth or None, sex=SEX.get(sex_text)))
    if unidentified:
        resident = replace(resident, id_document="")
    if resident.pesel and birth and resident.birth_date != birth:
        raise ValidationError({"pesel": "PESEL wskazuje datę urodzenia "
                                        f"{format_date(resident.birth_date)}, a w pliku jest "
                                        f"{format_date(birth)}."})
    if resident.pesel and SEX.get(sex_text) and resident.sex != SEX[sex_text]:
        raise ValidationError({"pesel": "PESEL wskazuje inną płeć niż zapisana w pliku."})
    return resident


def _mixed_scripts(text: str) -> bool:
    """Latin and Cyrillic letters in one word: a look-alike typed in, not a name."""
    for word in text.split():
        scripts = {unicodedata.name(ch, "").split()[0] for ch in word if ch.isalpha()}
        if {"LATIN", "CYRILLIC"} <= scripts:
            return True
    return False


def _partner(db: Database, values: dict[str, Cell]) -> partners.Partner:
    texts: dict[str, Any] = {name: _text(values.get(name), name) for name in PARTNER_FIELDS}
    kind = texts.pop("partner_type")
    texts["capacity"] = _count(texts.pop("capacity"), PARTNER_FIELDS["capacity"][0])
    texts["services"] = _services_named(db, texts.pop("services"))
    folded = fold(kind)
    chosen = next((k for k, label in partners.TYPES.items()
                   if folded and (folded == fold(k) or fold(label).startswith(folded))), None)
    if folded and chosen is None:  # a legal form ("fundacja", "spółka z o.o.") tells it too
        chosen = next((k for words, k in TYPE_WORDS if f" {words} " in f" {folded} "), None)
    if kind and chosen is None:
        raise ValidationError({"partner_type": f"Rodzaj partnera: „{kind}” – nie ma takiego."})
    if texts["full_name"].startswith(("=", "+", "-", "@")):
        raise ValidationError({"full_name": "Nazwa: zaczyna się jak formuła arkusza – to nie "
                                            "jest nazwa."})
    name = f" {fold(texts['full_name'])} "
    chosen = chosen or next((k for words, k in TYPE_WORDS if f" {words} " in name), "ngo")
    return partners.validated(partners.Partner(**texts, partner_type=chosen))


def _count(text: str, label: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise ValidationError({"capacity": f"{label}: „{text}” – wpisz liczbę."})
    return int(text)


def _services_named(db: Database, text: str) -> list[partners.PartnerService]:
    """The catalogue's services named in a cell, each by its whole name or the start of
    only one; a name the catalogue lacks is refused, not left out."""
    names = [n.strip() for n in re.split(r"[;\n]", text) if n.strip()]
    if not names:
        return []
    catalogue = [(sid, fold(name)) for sid, name in db.execute(
        "SELECT id, name FROM services WHERE archived_at IS NULL")]
    chosen, unknown = [], []
    for name in names:
        folded = fold(name)
        found = ([sid for sid, n in catalogue if n == folded]
                 or [sid for sid, n in catalogue if n.startswith(folded)])
        if len(found) == 1:
            chosen.append(partners.PartnerService(found[0]))
        else:
            unknown.append(name)
    if unknown:
        raise ValidationError({"services": "Usługi spoza katalogu (dodaj je najpierw albo "
                                           "popraw nazwę): " + "; ".join(unknown)})
    return list({s.service_id: s for s in chosen}.values())


def _similarity(a: str, b: str) -> int:
    return round(fuzz.ratio(fold(a), fold(b)))


def _resident_match(db: Database, r: Resident, seen: dict) -> Verdict | None:
    name = f"{r.first_name} {r.surname}"
    if r.pesel:
        if (line := seen.get(("pesel", r.pesel))) is not None:
            return Verdict(0, DUPLICATE, f"{name}: ten sam PESEL co w wierszu {line}")
        if other := residents_store.find_by_pesel(db, r.pesel):
            return Verdict(0, DUPLICATE, f"{name}: ten sam PESEL co {other.full_name}"
                           + (" (w archiwum)" if other.archived_at else "")
                           + (" – przetwarzanie ograniczone (art. 18 RODO), nie scalać"
                              if other.restricted else ""), None, other.id)
    key = ("name", fold(f"{r.surname} {r.first_name}"), r.birth_date)
    # a row with its own PESEL is first the file's own repeat; one without is first looked
    # for in the register, where it can be merged
    if r.pesel and (line := seen.get(key)) is not None:
        return Verdict(0, DUPLICATE, f"{name}: to samo imię, nazwisko i data urodzenia co w "
                                     f"wierszu {line}")
    if found := _in_register(db, r, name):
        return found
    if (line := seen.get(key)) is not None:
        return Verdict(0, DUPLICATE, f"{name}: to samo imię, nazwisko i data urodzenia co w "
                                     f"wierszu {line}")
    born_same = seen.get(("born", r.birth_date), []) if r.birth_date else []
    for text, line in born_same:  # a typo or a look-alike letter within the file
        if _similarity(text, f"{r.surname} {r.first_name}") >= SIMILAR:
            return Verdict(0, DUPLICATE, f"{name}: podobne imię i nazwisko i ta sama data "
                                         f"urodzenia co w wierszu {line}")
    return None


def _in_register(db: Database, r: Resident, name: str) -> Verdict | None:
    """The register's person of the same or a close name, born the same day or living at
    the same address."""
    candidates = []
    for other in residents_store.find_similar(db, r, limit=10):
        score = _similarity(f"{r.surname} {r.first_name}", f"{other.surname} {other.first_name}")
        same_birth = bool(r.birth_date and r.birth_date == other.birth_date)
        candidates.append((score, same_birth, other))
    # the closest name first, then the one born the same day: never the first found
    for score, same_birth, other in sorted(candidates, key=lambda c: (-c[0], not c[1])):
        born = f" (ur. {format_date(other.birth_date)})" if other.birth_date else ""
        if score == 100 and same_birth:
            return Verdict(0, DUPLICATE, f"{name}: to samo imię, nazwisko i data urodzenia co "
                                         f"{other.full_name}{born}", None, other.id)
        if score >= SIMILAR:
            same = "ta sama data urodzenia" if same_birth else "ten sam adres"
            return Verdict(0, DUPLICATE, f"{name}: imię i nazwisko podobne ({score}%) do "
                                         f"{other.full_name}{born}, {same}", None, other.id)
    return None


def _partner_match(db: Database, p: partners.Partner, seen: dict) -> Verdict | None:
    for number in ("nip", "regon", "krs"):
        value = getattr(p, number)
        if not value:
            continue
        if (line := seen.get((number, value))) is not None:
            return Verdict(0, DUPLICATE, f"{p.full_name}: ten sam {number.upper()} co w "
                                         f"wierszu {line}")
        row = db.execute(f"SELECT id, full_name FROM partners WHERE {number} = ?",
                         [value]).fetchone()
        if row:
            return Verdict(0, DUPLICATE, f"{p.full_name}: ten sam {number.upper()} co "
                                         f"{row[1]}", None, row[0])
    if (line := seen.get(("name", fold(p.full_name)))) is not None:
        return Verdict(0, DUPLICATE, f"{p.full_name}: ta sama nazwa co w wierszu {line}")
    for pid, other, city in db.execute("SELECT id, full_name, COALESCE(city, '') FROM"
                                       " partners"):
        score = _similarity(p.full_name, other)
        if score == 100 or (score >= SIMILAR and fold(city) == fold(p.city)):
            alike = (f"ta sama nazwa co {other}" if score == 100
                     else f"nazwa podobna ({score}%) do {other}")
            return Verdict(0, DUPLICATE, f"{p.full_name}: {alike}", None, pid)
    return None


def _service(db: Database, values: dict[str, Cell]) -> services.ServiceRecord:
    texts: dict[str, Any] = {name: _text(values.get(name), name) for name in SERVICE_FIELDS}
    area_text, kind_text = texts.pop("area_code"), fold(texts.pop("kind"))
    areas = {code: fold(name) for code, name in services.areas(db).items()}
    number = area_text.split(".")[0].strip()  # "3", "3.", "3. Pomoc społeczna"
    area = int(number) if number.isdigit() else _area_named(fold(area_text), areas)
    if area_text and area not in areas:
        raise ValidationError({"area_code": f"Obszar: „{area_text}” – podaj numer obszaru "
                                            "(1–14) albo jego nazwę."})
    named = fold(area_text.partition(".")[2]) if number.isdigit() else ""
    if named and _area_named(named, {area: areas[area]}) != area:  # "6. Ochrona zdrowia"
        raise ValidationError({"area_code": f"Obszar: „{area_text}” – obszar {area} to "
                                            f"„{services.areas(db)[area]}”."})
    kind = next((k for k, label in services.KINDS.items()
                 if kind_text in (fold(k), fold(label))), "" if kind_text else "usluga")
    if not kind:
        raise ValidationError({"kind": "Rodzaj usługi: „" + _text(values.get("kind"), "kind")
                                       + "” – " + ", ".join(services.KINDS.values()) + "."})
    if texts["name"].startswith(("=", "+", "-", "@")):
        raise ValidationError({"name": "Nazwa: zaczyna się jak formuła arkusza – to nie jest "
                                       "nazwa usługi."})
    return services.validated(services.ServiceRecord(**texts, area_code=area, kind=kind))


def _area_named(text: str, areas: dict[int, str]) -> int:
    """The area whose folded name is ``text``, or the only one it begins (at least four
    letters: "kult" could be either Kultura); 0 for none or more than one."""
    exact = [code for code, name in areas.items() if name == text]
    begun = [code for code, name in areas.items() if len(text) >= 4 and name.startswith(text)]
    found = exact or begun
    return found[0] if len(found) == 1 else 0


def _service_match(db: Database, s: services.ServiceRecord, seen: dict) -> Verdict | None:
    if (line := seen.get(("name", fold(s.name)))) is not None:
        return Verdict(0, DUPLICATE, f"{s.name}: ta sama nazwa co w wierszu {line}")
    for sid, other, area, archived in db.execute(
            "SELECT id, name, area_code, archived_at FROM services"):
        score = _similarity(s.name, other)
        if score == 100 or (score >= SIMILAR and area == s.area_code):
            where = " (w archiwum)" if archived else ""
            return Verdict(0, DUPLICATE, f"{s.name}: " + (
                f"ta sama nazwa co {other}" if score == 100
                else f"nazwa podobna ({score}%) do {other}") + where, None, sid)
    return None


def dry_run(db: Database, kind: str, sheet: Sheet, mapping: dict[int, str],
            place: str = "") -> list[Verdict]:
    """A verdict for every row of ``sheet``; nothing is written. ``place``: the town or
    village of every row that gives none (a list from one village's school)."""
    if kind not in KINDS:
        raise NotFound("Wczytać można mieszkańców (residents), partnerów (partners) albo "
                       "usługi do katalogu (catalogue).")
    mapped = set(mapping.values())
    if place.strip():
        mapped.add("city")
    if mapped & set(WHOLE_NAME):
        mapped |= {"surname", "first_name"}
    if missing := [KINDS[kind][n][0] for n in NEEDED[kind] if n not in mapped]:
        raise ValidationError({"map": (
            f"Żadna kolumna pliku nie odpowiada polu {missing[0]} – wskaż ją w mapowaniu"
            + (" albo podaj jedną miejscowość dla wszystkich wierszy (w oknie: „Miejscowość "
               "dla wierszy bez niej”, w poleceniu: --place)." if missing[0] ==
               RESIDENT_FIELDS["city"][0] and kind == "residents" else ".")
            if len(missing) == 1 else "Żadna kolumna pliku nie odpowiada polom: "
            + ", ".join(missing) + " – wskaż je w mapowaniu.")})
    seen: dict[tuple, Any] = {}  # what earlier rows were: line numbers, or lists of them
    if kind == "residents":
        seen[("places",)] = _places_served(db)
    verdicts = []
    for line, row in zip(sheet.numbers, sheet.rows, strict=True):
        verdicts.append(_verdict(db, kind, sheet, mapping, line, row, seen, place.strip()))
    return verdicts


def _places_served(db: Database) -> tuple[set[str], set[str]]:
    """The gminas the centre serves (from its settings) and the places its register knows:
    a row from elsewhere is pointed out, since the centre serves only its own gmina."""
    gminas = {_gmina(g) for g in re.split(r"[,;]", settings_store.load(db).cus_gminas)
              if g.strip()}
    places = {fold(c) for (c,) in db.execute("SELECT DISTINCT city FROM residents")}
    return gminas, places


def _gmina(name: str) -> str:
    """"Gmina Żabno", "gm. Żabno" and "Żabno" are one gmina."""
    return re.sub(r"^(gmina|gm)\s+", "", fold(name))


def _elsewhere(record: Resident, seen: dict) -> str:
    gminas, places = seen.get(("places",), (set(), set()))
    if record.gmina and gminas and _gmina(record.gmina) not in gminas:
        return (f" – uwaga: gmina {record.gmina} nie jest wśród gmin obsługiwanych przez "
                "centrum")
    if not record.gmina and places and fold(record.city) not in places:
        return (f" – uwaga: miejscowości {record.city} nie ma dotąd w rejestrze; sprawdź, "
                "czy leży w gminie")
    return ""


def _verdict(db: Database, kind: str, sheet: Sheet, mapping: dict[int, str], line: int,
             row: list[Cell], seen: dict, place: str = "") -> Verdict:
    if all(c is None or str(c).strip() == "" for c in row):
        return Verdict(line, EMPTY, "pusty wiersz")
    if len(row) > len(sheet.headers):
        return Verdict(line, INVALID, f"wiersz ma {len(row)} kolumn, a nagłówek "
                                      f"{len(sheet.headers)} – dane mogą być przesunięte")
    values = {name: row[column] for column, name in mapping.items() if column < len(row)}
    if place and not _text(values.get("city"), "city"):
        values["city"] = place
    try:
        _refuse_unreadable(kind, values)
        record = BUILD[kind](db, values)
    except ValidationError as exc:  # who it was, so she need not look the line up
        named = " ".join(_text(values.get(n), n) for n in ("first_name", "surname",
                                                             "full_name", "name",
                                                             *WHOLE_NAME)).strip()
        why = "; ".join(exc.errors.values())
        if kind == "residents":
            why += _namesakes(db, values)
        return Verdict(line, INVALID, f"{named}: {why}" if named else why)
    match = MATCH[kind](db, record, seen)
    if isinstance(record, services.ServiceRecord):
        seen.setdefault(("name", fold(record.name)), line)
        who = record.name
    elif isinstance(record, Resident):
        if record.pesel:
            seen.setdefault(("pesel", record.pesel), line)
        seen.setdefault(("name", fold(f"{record.surname} {record.first_name}"),
                         record.birth_date), line)
        if record.birth_date:  # the people born that day, for close names in the file
            seen.setdefault(("born", record.birth_date), []).append(
                (f"{record.surname} {record.first_name}", line))
        who = f"{record.first_name} {record.surname}"
    else:
        for number in ("nip", "regon", "krs"):
            if getattr(record, number):
                seen.setdefault((number, getattr(record, number)), line)
        seen.setdefault(("name", fold(record.full_name)), line)
        who = record.full_name
    if match:
        return replace(match, line=line, record=record)
    if isinstance(record, Resident) and not (record.pesel or record.id_document):
        return Verdict(line, INVALID, f"{who}: {NO_IDENTIFIER}" + _namesakes(db, values))
    if isinstance(record, Resident):
        who += _namesakes(db, values) + _elsewhere(record, seen)
    return Verdict(line, NEW, who, record)


def _refuse_unreadable(kind: str, values: dict[str, Cell]) -> None:
    """A cell with the mark of a wrong encoding (�), or one a spreadsheet would run as a
    formula, in any field: refused, never stored."""
    for name in values:
        text = _text(values[name], name)
        label = KINDS[kind][name][0]
        if "\ufffd" in text:
            raise ValidationError({name: f"{label}: „{text[:40]}” ma nieczytelny znak (�) – "
                                         "plik ma inne kodowanie; wybierz je ręcznie"})
        if text.startswith("="):
            raise ValidationError({name: f"{label}: „{text[:40]}” zaczyna się jak formuła "
                                         "arkusza – to nie są dane"})


def _namesakes(db: Database, values: dict[str, Cell]) -> str:
    """A note when the register holds someone of this name born the same day (under
    another PESEL, or a row without one that cannot be read in): she decides whether
    it is a typo or another person."""
    split = _split_name(values)
    name = fold(f"{_text(values.get('surname'), 'surname') or split.get('surname', '')} "
                f"{_text(values.get('first_name'), 'first_name') or split.get('first_name', '')}")
    try:
        born = _birth_date(values.get("birth_date"))
    except ValueError:
        return ""
    if not name.strip() or not born:
        return ""
    pesel = _text(values.get("pesel"), "pesel")
    row = db.execute("SELECT first_name || ' ' || surname, COALESCE(pesel, '') FROM residents"
                     " WHERE name_key = ? AND birth_date = ? AND COALESCE(pesel, '') != ?"
                     " LIMIT 1", [name, born, pesel]).fetchone()
    if row is None:
        return ""
    under = f" (PESEL {row[1]})" if row[1] else ""
    return (f" – uwaga: w rejestrze jest {row[0]}{under} z tą samą datą urodzenia; sprawdź, "
            "czy to nie ta sama osoba")


def check_merges(verdicts: list[Verdict], merge: set[int]) -> None:
    """Only a row found a duplicate of a register entry can be merged (said at the dry run
    as at the real one)."""
    if wrong := sorted(n for n in merge if not any(
            v.line == n and v.status == DUPLICATE and v.existing_id for v in verdicts)):
        shown = [str(n) if abs(n) < 10**9 else f"{str(n)[:9]}…" for n in wrong]
        raise ValidationError({"merge": "Scalić można tylko wiersz, który jest duplikatem "
                                        "wpisu w rejestrze – nie: " + ", ".join(shown) + "."})


def run(db: Database, kind: str, verdicts: list[Verdict], merge: set[int] | None = None,
        source: str = "", progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Write what the dry run found new, and merge the duplicates of the lines in ``merge``
    (into the matching record, filling only its empty fields); the rest is skipped. A
    backup first; then one transaction: all rows or none."""
    merge = merge or set()
    check_merges(verdicts, merge)
    restricted = sorted(v.line for v in verdicts if kind == "residents" and v.line in merge
                        and v.existing_id and db.execute(
                            "SELECT restricted FROM residents WHERE id = ?",
                            [v.existing_id]).fetchone() in ((1,),))
    if restricted:
        raise ValidationError({"merge": "Nie scala się z osobą, której przetwarzanie danych "
                                        "jest ograniczone (art. 18 RODO) – wiersze: "
                                        + ", ".join(map(str, restricted)) + "."})
    outcome = Outcome()
    path = getattr(db, "path", None)  # the program's own connection knows its file
    if any(v.status == NEW or v.line in merge for v in verdicts) and path:
        outcome.backup = str(backups.make_backup(db, path, "przed-importem",
                                                 getattr(db, "key", None)))
    with db.atomic():
        for n, v in enumerate(verdicts, 1):
            try:
                if v.status == NEW and v.record is not None:
                    _add(db, v.record)
                    outcome.added += 1
                elif v.line in merge and v.existing_id and v.record is not None:
                    if _merge(db, v.existing_id, v.record):
                        outcome.merged += 1
                    else:
                        outcome.unchanged += 1
                else:
                    outcome.skipped += 1
            except DuplicateResident as exc:  # added since the dry run: not twice
                raise KoordynatorError(f"Wiersz {v.line}: {exc} Nic nie wczytano – zrób "
                                       "próbę jeszcze raz.") from exc
            if progress:
                progress(n, len(verdicts))
        audit.record(db, "system", None, None, details={
            "import": kind, "plik": source, "dodano": outcome.added,
            "scalono": outcome.merged, "bez_zmian": outcome.unchanged,
            "pominieto": outcome.skipped})
    return outcome


def _add(db: Database, record: Resident | partners.Partner | services.ServiceRecord) -> None:
    if isinstance(record, Resident):
        residents_store.add(db, record)
    elif isinstance(record, services.ServiceRecord):
        services.save_service(db, record)
    else:
        partners.save(db, record)


def _merge(db: Database, existing_id: str,
           record: Resident | partners.Partner | services.ServiceRecord) -> bool:
    """What the record lacks, filled from the file; nothing it has is overwritten. False
    when it lacked nothing the file has."""
    if isinstance(record, services.ServiceRecord):
        service = services.get_service(db, existing_id)
        given = {name: getattr(record, name) for name in SERVICE_FIELDS
                 if name not in ("name", "area_code", "kind")
                 and not getattr(service, name) and getattr(record, name)}
        if given:
            services.save_service(db, replace(service, **given))
        return bool(given)
    if isinstance(record, Resident):
        current = residents_store.get(db, existing_id)
        filled = {f.name: getattr(record, f.name) for f in fields(Resident)
                  if f.name in RESIDENT_FIELDS and f.name not in ADDRESS
                  and not getattr(current, f.name) and getattr(record, f.name)}
        # an address is one thing: taken whole where there is none, never mixed
        if not any(getattr(current, n) for n in ADDRESS if n != "city") and \
                any(getattr(record, n) for n in ADDRESS if n != "city"):
            filled.update({n: getattr(record, n) for n in ADDRESS})
        if filled:
            residents_store.update(db, replace(current, **filled))
        return bool(filled)
    partner = partners.get(db, existing_id)
    filled = {name: getattr(record, name) for name in PARTNER_FIELDS
              if name != "partner_type" and not getattr(partner, name) and getattr(record, name)}
    if filled:
        partners.save(db, replace(partner, **filled))
    return bool(filled)


BUILD: dict[str, Callable[[Database, dict[str, Cell]], Any]] = {
    "residents": lambda db, values: _resident(values),
    "partners": _partner, "catalogue": _service}
MATCH: dict[str, Callable[[Database, Any, dict], Verdict | None]] = {
    "residents": _resident_match, "partners": _partner_match, "catalogue": _service_match}
