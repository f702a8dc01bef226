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


def suggest(db: Database, need: str, area_codes: tuple[int, ...] = ()) -> Service | None:
    """The service whose description shares most word stems with the need; the need's
    areas break ties (and decide when no word matches)."""
    stems = {t[:5] for t in tokens(need) if len(t) >= 4}
    best, best_score = None, (-1, False)
    for row in db.execute("SELECT s.id, s.name, s.area_code, a.name, s.search_text FROM"
                          " services s JOIN service_areas a ON a.code = s.area_code WHERE"
                          " s.archived_at IS NULL ORDER BY s.name"):
        words = {w[:5] for w in row[4].split()}
        in_name = {w[:5] for w in tokens(row[1])}
        # a stem in the service's name weighs more than one in its description
        score = (2 * len(stems & in_name) + len(stems & words), row[2] in area_codes)
        if score > best_score:
            best, best_score = Service(*row[:4]), score
    return best
