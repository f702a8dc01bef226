"""The register of issued documents: each gets a number (CUS/IPUS/2026/0012), and its PDF
and the data it was made from are stored, so it can be found and reprinted identically."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app.audit import trail as audit
from app.casefile.cases import _next_number
from app.core.errors import NotFound
from app.core.ids import new_id, now_iso
from app.core.textfold import fold
from app.documents import context, render, templates
from app.storage import rows

CODES = {"ipus": "IPUS", "pelnomocnictwo": "PEL", "upowaznienie": "UPO", "porozumienie": "POR",
         "zgoda": "ZGO", "klauzula": "KLA", "odmowa": "DEC", "karta": "KU", "fiszka": "FP",
         "rozmowa": "RP", "skierowanie": "SK", "diagnoza-potrzeb": "DP",
         "diagnoza-terytorium": "DT", "raport-autoewaluacyjny": "RA"}


@dataclass(frozen=True)
class Issued:
    id: str
    number: str
    pdf: bytes


@dataclass(frozen=True)
class RegisterRow:
    id: str
    number: str
    kind: str
    issued_on: str
    concerns: str
    issued_by: str


def prepare(db: Database, kind: str, record_id: str | None = None,
            extra: dict[str, str] | None = None,
            partner_ids: list[str] | None = None,
            person_id: str | None = None) -> tuple[context.DocumentData, str]:
    """The data and the wording, checked: unknown placeholders stop it before printing."""
    data = context.build(db, kind, record_id, extra, partner_ids, person_id)
    body = templates.body(db, kind)
    render.check(data, body)
    return data, body


def issue(db: Database, kind: str, record_id: str | None = None, *, copies: int = 1,
          signing: str | None = None, extra: dict[str, str] | None = None,
          issued_on: date | None = None, partner_ids: list[str] | None = None,
          person_id: str | None = None) -> Issued:
    """``signing`` overrides how the resident signs (else the mark on her record is used)."""
    data, body = prepare(db, kind, record_id, extra, partner_ids, person_id)
    signing = signing or data.signing
    issued_on = issued_on or date.today()
    doc_id, stamp = new_id(), now_iso()
    with db.atomic():
        seq = _next_number(db, f"dok:{kind}", issued_on.year)
        number = f"CUS/{CODES[kind]}/{issued_on.year}/{seq:04d}"
        pdf = render.render(data, body, number=number, copies=copies, signing=signing,
                            issued_on=issued_on)
        payload = {"fields": data.fields, "template": body, "copies": copies, "signing": signing}
        title = templates.KINDS[kind]
        db.table("documents").insert({
            "id": doc_id, "created_at": stamp, "updated_at": stamp, "kind": kind,
            "number": number, "issued_on": issued_on.isoformat(),
            "issued_by": audit.current_actor(db), "resident_id": data.resident_id,
            "case_id": data.case_id, "partner_id": data.partner_id,
            "plan_version_id": data.plan_version_id, "title": title,
            "payload": json.dumps(payload, ensure_ascii=False), "pdf": pdf,
            "sha256": hashlib.sha256(pdf).hexdigest()})
        audit.record(db, "wydruk", "documents", doc_id, resident_id=data.resident_id,
                     details={"numer": number, "rodzaj": kind})
    return Issued(doc_id, number, pdf)


def reprint(db: Database, number_or_id: str) -> bytes:
    """The stored PDF, byte for byte as issued."""
    row = db.execute("SELECT pdf, sha256, id, resident_id FROM documents WHERE number = ? OR"
                     " id = ?", [number_or_id, number_or_id]).fetchone()
    if row is None:
        raise NotFound(f"W rejestrze nie ma dokumentu {number_or_id}.")
    if hashlib.sha256(row[0]).hexdigest() != row[1]:
        raise NotFound("Zapisana kopia dokumentu jest uszkodzona (suma kontrolna się nie "
                       "zgadza) – wydrukuj dokument ponownie z aktualnych danych.")
    with db.atomic():
        audit.record(db, "wydruk", "documents", row[2], resident_id=row[3],
                     details={"ponowny_wydruk": number_or_id})
    return bytes(row[0])


def listing(db: Database, text: str = "", limit: int = 500) -> list[RegisterRow]:
    listed = rows.build(db.execute(
        "SELECT d.id, d.number, d.kind, d.issued_on, COALESCE(r.first_name || ' ' ||"
        " r.surname, p.full_name, '') AS concerns, COALESCE(d.issued_by, '') AS issued_by"
        " FROM documents d LEFT JOIN residents r ON r.id = d.resident_id LEFT JOIN partners p"
        " ON p.id = d.partner_id WHERE d.archived_at IS NULL"
        " ORDER BY d.issued_on DESC, d.number DESC"), RegisterRow)
    words = fold(text).split()
    found = [r for r in listed
             if all(w in fold(f"{r.number} {templates.KINDS[r.kind]} {r.concerns}") for w in words)]
    return found[:limit]
