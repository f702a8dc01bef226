"""The services catalogue as the case workflow reads it (the catalogue editor is its own
capability): services with their area, found by area or by words."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from app.textfold import tokens


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    area_code: int
    area_name: str


def areas(db: Database) -> dict[int, str]:
    return {code: name for code, name in db.execute("SELECT code, name FROM service_areas"
                                                    " ORDER BY code")}


def services(db: Database, area_codes: tuple[int, ...] = (), words: str = "") -> list[Service]:
    """Active services; those in ``area_codes`` first; all words must appear (folded)."""
    rows = db.execute("SELECT s.id, s.name, s.area_code, a.name, s.search_text FROM services s"
                      " JOIN service_areas a ON a.code = s.area_code WHERE s.archived_at IS NULL"
                      " ORDER BY s.name").fetchall()
    wanted = tokens(words)
    found = [Service(*r[:4]) for r in rows if all(w in r[4] for w in wanted)]
    return sorted(found, key=lambda s: s.area_code not in area_codes)
