"""Art. 18 RODO: while processing of a person's data is restricted, the data is only stored:
no case work, no applications, no changes to the record. One check serves every caller."""

from __future__ import annotations

from sqlite_utils import Database

from app.core.errors import RestrictedProcessing

MESSAGE = ("Przetwarzanie danych tej osoby jest ograniczone (art. 18 RODO): dane są tylko "
           "przechowywane. Najpierw znieś ograniczenie.")


def refuse_if(restricted: bool) -> None:
    if restricted:
        raise RestrictedProcessing(MESSAGE)


def refuse_if_restricted(db: Database, resident_id: str) -> None:
    row = db.execute("SELECT restricted FROM residents WHERE id = ?", [resident_id]).fetchone()
    refuse_if(bool(row and row[0]))
