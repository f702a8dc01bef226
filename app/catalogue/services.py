"""The services catalogue as the case workflow reads it (the catalogue editor is its own
capability): services with their area, found by area or by words."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from sqlite_utils import Database

from app.catalogue.records import archive_row, save_row
from app.core import resources
from app.core import validation as v
from app.core.errors import NotFound, ValidationError
from app.core.textfold import fold, tokens
from app.storage import rows

# Words every service description uses; they say nothing about which service fits a need.
GENERIC_STEMS = {"potrz", "pomoc", "uslug", "osoba", "osoby", "osobo", "wspar", "ktore",
                 "przez", "bardz"}
KINDS = {"usluga": "usługa społeczna", "reintegracja_indywidualna":
         "reintegracja – usługa indywidualna", "reintegracja_grupowa":
         "reintegracja – usługa grupowa"}
STANDARDS = {"standard_infrastructure": "infrastruktura", "standard_staff": "personel",
             "standard_quality": "jakość usług", "standard_conditions": "warunki świadczenia",
             "standard_accessibility": "dostępność", "standard_management": "zarządzanie"}


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    area_code: int
    area_name: str


_SERVICES_SQL = ("SELECT s.id, s.name, s.area_code, a.name AS area_name, s.search_text FROM"
                 " services s JOIN service_areas a ON a.code = s.area_code WHERE"
                 " s.archived_at IS NULL ORDER BY s.name")


def _service(row: dict) -> Service:
    return Service(row["id"], row["name"], row["area_code"], row["area_name"])


def areas(db: Database) -> dict[int, str]:
    return {code: name for code, name in db.execute("SELECT code, name FROM service_areas"
                                                    " ORDER BY code")}


def services(db: Database, area_codes: tuple[int, ...] = (), words: str = "") -> list[Service]:
    """Active services; those in ``area_codes`` first; all words must appear (folded)."""
    wanted = tokens(words)
    found = [_service(r) for r in rows.named(db.execute(_SERVICES_SQL))
             if all(w in r["search_text"] for w in wanted)]
    return sorted(found, key=lambda s: s.area_code not in area_codes)


def _stems(text: str | None) -> set[str]:
    """Word stems of a text: the first five letters of each folded word of four or more.
    Polish inflects and derives at the end of a word, so "lekarza", "lekarz" and "lekarskich"
    share "lekar"; a lemmatizer would add a dictionary that takes seconds to load."""
    return {t[:5] for t in tokens(text) if len(t) >= 4} - GENERIC_STEMS


@cache
def _need_words() -> dict[str, list[str]]:
    data = resources.read_json("need_words.json")
    return {k: v for k, v in data.items() if not k.startswith("_")}


def rank(db: Database, need: str, area_codes: tuple[int, ...] = ()) -> list[Service]:
    """Services for a need described in words, by meaning rather than by any shared word.
    Each word of the need is one concept: its stem, or the catalogue's words for the same
    thing (resources/need_words.json). A service scores the concepts it covers, each weighed
    by how rare its words are in the catalogue (a word every service has says little); a
    concept met in the service's name counts a quarter more. So "Dowóz do lekarza
    specjalisty" goes to the service that covers both transport and doctors, not to meals
    that share only "dowóz". The need's areas break ties; no match, no service."""
    catalogue = [(r, {w[:5] for w in r["search_text"].split()}, _stems(r["name"]))
                 for r in rows.named(db.execute(_SERVICES_SQL))]
    count = max(1, len(catalogue))

    def weight(stem: str) -> float:
        having = sum(1 for _, words, _ in catalogue if stem in words)
        return math.log((count + 1) / (having + 0.5)) if having else 0.0

    concepts = [{stem, *_need_words().get(stem, ())} for stem in _stems(need)]
    scored = []
    for row, words, in_name in catalogue:
        score = 0.0
        for concept in concepts:
            met = concept & words
            if met:
                best = max(weight(s) for s in met)
                score += best * (1.25 if concept & in_name else 1.0)
        scored.append((score, row["area_code"] in area_codes, _service(row)))
    scored.sort(key=lambda t: (-t[0], not t[1]))
    return [s for score, in_area, s in scored if score > 0 or (in_area and not concepts)]


def suggest(db: Database, need: str, area_codes: tuple[int, ...] = ()) -> Service | None:
    """The best service for a need; when no word matches, the first in the need's areas."""
    ranked = rank(db, need, area_codes)
    if ranked:
        return ranked[0]
    in_area = services(db, area_codes)
    return in_area[0] if in_area else None


@dataclass
class ServiceRecord:
    name: str = ""
    area_code: int = 0
    kind: str = "usluga"
    description: str = ""
    target_group: str = ""
    competences: str = ""
    qualifications: str = ""
    occupation_codes: str = ""
    standard_infrastructure: str = ""
    standard_staff: str = ""
    standard_quality: str = ""
    standard_conditions: str = ""
    standard_accessibility: str = ""
    standard_management: str = ""
    copayment_rule: str = ""
    id: str | None = None


_FIELDS = [f.name for f in fields(ServiceRecord) if f.name not in ("id",)]
# Polish names as on the form; the descriptions and standards span lines.
TEXTS = {
    "name": v.TextField("Nazwa", 300),
    "kind": v.TextField("Rodzaj", 40),
    "description": v.TextField("Opis", v.MAX_TEXT, multiline=True),
    "target_group": v.TextField("Dla kogo", 1000),
    "competences": v.TextField("Oczekiwane kompetencje", v.MAX_TEXT, multiline=True),
    "qualifications": v.TextField("Wymagane kwalifikacje", v.MAX_TEXT, multiline=True),
    "occupation_codes": v.TextField("Kody zawodów", 500),
    **{key: v.TextField(f"Standard: {label}", v.MAX_TEXT, multiline=True)
       for key, label in STANDARDS.items()},
    "copayment_rule": v.TextField("Zasady odpłatności", 1000),
}
LABELS = {**{name: f.label for name, f in TEXTS.items()}, "area_code": "Obszar"}


def validated(r: ServiceRecord) -> ServiceRecord:
    texts, errors = v.clean_fields(r, TEXTS)
    clean: dict = {"area_code": r.area_code, **texts}
    if not clean["name"] and "name" not in errors:
        errors["name"] = "Podaj nazwę usługi."
    if isinstance(r.area_code, bool) or r.area_code not in range(1, 15):
        errors["area_code"] = "Wybierz obszar usług społecznych (1–14)."
    if clean["kind"] not in KINDS:
        errors["kind"] = "Wybierz rodzaj usługi."
    codes = [c.strip() for c in clean["occupation_codes"].split(",") if c.strip()]
    if any(not re.fullmatch(r"[0-9]{6}", c) for c in codes):
        errors["occupation_codes"] = "Kody zawodów to 6 cyfr, rozdzielone przecinkami."
    clean["occupation_codes"] = ", ".join(codes)
    if errors:
        raise ValidationError(v.name_fields(errors, LABELS))
    return ServiceRecord(**clean, id=r.id)


def save_service(db: Database, record: ServiceRecord) -> str:
    r = validated(record)
    values = {name: getattr(r, name) or (None if name != "area_code" else r.area_code)
              for name in _FIELDS}
    values["search_text"] = fold(" ".join(str(getattr(r, f)) for f in (
        "name", "description", "target_group", "competences", "qualifications")))
    return save_row(db, "services", r.id, values, r.name)


def get_service(db: Database, service_id: str) -> ServiceRecord:
    row = db.execute("SELECT " + ", ".join(_FIELDS) + " FROM services WHERE id = ?",
                     [service_id]).fetchone()
    if row is None:
        raise NotFound("Nie znaleziono usługi.")
    data: dict[str, Any] = {k: ("" if val is None else val)
                            for k, val in zip(_FIELDS, row, strict=True)}
    return ServiceRecord(**data, id=service_id)


def archive_service(db: Database, service_id: str) -> None:
    archive_row(db, "services", service_id, get_service(db, service_id).name)
