"""The register of issued documents: each gets a number (CUS/IPUS/2026/0012), and its PDF
and the data it was made from are stored, so it can be found and reprinted identically."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from app.audit import trail as audit
from app.casefile import cases
from app.casefile.cases import _next_number
from app.core.errors import KoordynatorError, NotFound, ValidationError
from app.core.ids import new_id, now_iso
from app.core.textfold import fold
from app.core.validation import TextField, format_date
from app.documents import context, render, templates
from app.documents.data import BLANK, DocumentData
from app.people.residents import SIGNING
from app.settings import centre
from app.settings import store as settings_store
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
    voided_on: str = ""
    void_reason: str = ""

    @property
    def state(self) -> str:
        """"" for a valid document, else "UNIEWAŻNIONY 24.11.2026: powód"."""
        if not self.voided_on:
            return ""
        return f"UNIEWAŻNIONY {format_date(self.voided_on)}: {self.void_reason}"


def prepare(db: Database, kind: str, record_id: str | None = None,
            extra: dict[str, str] | None = None,
            partner_ids: list[str] | None = None,
            person_id: str | None = None) -> tuple[DocumentData, str]:
    """The data and the wording, checked: unknown placeholders stop it before printing."""
    data = context.build(db, kind, record_id, extra, partner_ids, person_id)
    body = templates.body(db, templates.wording(kind, data.minor))
    render.check(data, body)
    _refuse_empty_letterhead(db, kind, body)
    return data, body


def _refuse_empty_letterhead(db: Database, kind: str, body: str) -> None:
    """A document whose letterhead or signatures would print empty is not made: what is
    missing is named, with where it is set."""
    gaps = centre.missing_for(settings_store.load(db), body)
    if gaps:
        raise ValidationError({"settings": (
            f"{templates.KINDS[kind]}: najpierw uzupełnij dane centrum (menu Plik → "
            "Ustawienia centrum), bez nich dokument miałby puste miejsca w nagłówku albo "
            "przy podpisie. Brakuje: " + "; ".join(gaps) + ".")})


# the documents a resident takes home: the ones printed large when her record asks for it
RESIDENT_KEEPS = frozenset({"ipus", "zgoda", "klauzula", "upowaznienie", "karta", "rozmowa",
                            "odmowa"})


def issue(db: Database, kind: str, record_id: str | None = None, *, copies: int = 1,
          signing: str | None = None, extra: dict[str, str] | None = None,
          issued_on: date | None = None, partner_ids: list[str] | None = None,
          person_id: str | None = None, large_print: bool | None = None) -> Issued:
    """``signing`` overrides how the resident signs, ``large_print`` whether the document
    is set at 14 pt (else the marks on her record are used)."""
    if kind != "porozumienie" and not 1 <= copies <= 2:
        raise ValidationError({"copies": "Liczba egzemplarzy: 1 albo 2 (dla mieszkańca i dla "
                                         "CUS)."})
    if signing is not None and signing not in SIGNING:
        raise ValidationError({"signing": "Podpis osoby: " + ", ".join(SIGNING) + "."})
    if large_print and kind not in RESIDENT_KEEPS:
        _refuse_large_print(kind)
    record_id = (record_id or "").strip() or None  # "--id ''" names no one either
    if record_id is None and context.NEEDS_ID.get(kind):  # a document naming no one
        raise ValidationError({"id": f"{templates.KINDS.get(kind, kind)}: wskaż, kogo dotyczy "
                                     f"(--id; w programie: {context.ISSUED_FROM[kind]}), albo "
                                     "wydrukuj pusty formularz (bez numeru)."})
    data, body = prepare(db, kind, record_id, extra, partner_ids, person_id)
    if signing is not None and data.minor == "dziecko":
        raise ValidationError({"signing": "Dziecko poniżej 13 lat nie podpisuje – podpisuje za "
                                          "nie rodzic albo opiekun; sposobu podpisu się tu nie "
                                          "wybiera."})
    if signing is not None and not templates.signed_by_person(body):
        raise ValidationError({"signing": f"{templates.KINDS[kind]}: osoba, której dotyczy, "
                                          "go nie podpisuje – sposobu jej podpisu (odcisk "
                                          "palca, podpis na prośbę) się tu nie wybiera."})
    if copies == 2 and kind != "porozumienie" and not data.resident_id:
        raise ValidationError({"copies": "Dwa egzemplarze (dla mieszkańca i dla CUS) drukuje "
                                         "się tylko z dokumentu, który dotyczy mieszkańca."})
    if kind == "porozumienie":  # § 11: one copy for each party, no more and no fewer
        parties = len([n for n in data.signatories if n != BLANK])
        if parties < 2:
            raise ValidationError({"partner": "Porozumienie zawierają co najmniej dwie strony – "
                                              "wskaż co najmniej dwóch aktywnych partnerów."})
        if copies not in (1, parties):
            raise ValidationError({"copies": f"Porozumienie sporządza się w tylu egzemplarzach, "
                                             f"ilu jest sygnatariuszy ({parties})."})
        copies = parties
    if large_print and not data.resident_id:
        _refuse_large_print(kind)
    signing = signing or data.signing
    if large_print is None:
        large_print = data.large_print and kind in RESIDENT_KEEPS
    issued_on = issued_on or date.today()
    if data.fields.get("tytul_decyzji") == "PROJEKT DECYZJI":
        # a draft for checking is no decision: no number of the decisions' series, no entry
        # in the register; the decision itself takes one when it is issued
        return Issued("", "", render.render(data, body, copies=copies, signing=signing,
                                            issued_on=issued_on, large_print=large_print))
    doc_id, stamp = new_id(), now_iso()
    if data.application_id and (earlier := _decision_in_force(db, data)):
        raise ValidationError({"id": f"W tej sprawie jest już decyzja {earlier}. Wydrukuj ją "
                                     "ponownie (Rejestr dokumentów; documents --reprint) albo "
                                     "najpierw ją unieważnij – drugiej decyzji w tej samej "
                                     "sprawie się nie wydaje."})
    with db.atomic():
        if data.application_id and data.fields.get("znak_sprawy", BLANK) == BLANK:
            number_of_case = cases.next_reference(db, "odmowa", issued_on)
            db.execute("UPDATE applications SET case_number = ?, updated_at = ? WHERE id = ?",
                       [number_of_case, now_iso(), data.application_id])
            data.fields["znak_sprawy"] = number_of_case
        seq = _next_number(db, f"dok:{kind}", issued_on.year)
        number = f"CUS/{CODES[kind]}/{issued_on.year}/{seq:04d}"
        pdf = render.render(data, body, number=number, copies=copies, signing=signing,
                            issued_on=issued_on, large_print=large_print)
        payload = {"fields": data.fields, "template": body, "copies": copies, "signing": signing,
                   "large_print": large_print}
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


def _refuse_large_print(kind: str) -> None:
    raise ValidationError({"large_print": f"{templates.KINDS.get(kind, kind)}: duży druk jest "
                                          "dla dokumentów, które dostaje mieszkaniec."})


def _decision_in_force(db: Database, data: DocumentData) -> str | None:
    """The number of a decision already issued in these proceedings and not voided."""
    number = data.fields.get("znak_sprawy", BLANK)
    if number == BLANK:
        return None
    row = db.execute("SELECT number FROM documents WHERE kind = 'odmowa' AND voided_on IS NULL"
                     " AND archived_at IS NULL AND json_extract(payload, '$.fields.znak_sprawy')"
                     " = ? ORDER BY issued_on LIMIT 1", [number]).fetchone()
    return row[0] if row else None


def blank_form(db: Database, kind: str, large_print: bool = False) -> bytes:
    """A form to fill in by hand: printed with the centre's data, without a number or a
    date, and not entered in the register (it is not a document until it is filled in)."""
    from app.documents import blank_forms

    if large_print and kind not in RESIDENT_KEEPS:
        _refuse_large_print(kind)
    data = blank_forms.build(db, kind)
    body = templates.body(db, kind)
    render.check(data, body)
    _refuse_empty_letterhead(db, kind, body)
    return render.render(data, body, large_print=large_print)


def reprint(db: Database, number_or_id: str) -> bytes:
    """The stored PDF, byte for byte as issued."""
    row = _document(db, number_or_id, "pdf, sha256, id, resident_id, voided_on, void_reason,"
                    " number")
    if row[4]:
        raise KoordynatorError(f"Dokument {row[6]} unieważniono {format_date(row[4])} "
                               f"({row[5]}): nie drukuje się go ponownie – wystaw nowy.")
    if hashlib.sha256(row[0]).hexdigest() != row[1]:
        raise NotFound("Zapisana kopia dokumentu jest uszkodzona (suma kontrolna się nie "
                       "zgadza) – wydrukuj dokument ponownie z aktualnych danych.")
    with db.atomic():
        audit.record(db, "wydruk", "documents", row[2], resident_id=row[3],
                     details={"ponowny_wydruk": row[6]})
    return bytes(row[0])


def listing(db: Database, text: str = "", limit: int = 500) -> list[RegisterRow]:
    listed = rows.build(db.execute(
        "SELECT d.id, d.number, d.kind, d.issued_on, COALESCE(r.first_name || ' ' ||"
        " r.surname, p.full_name, '') AS concerns, COALESCE(d.issued_by, '') AS issued_by,"
        " COALESCE(d.voided_on, '') AS voided_on, COALESCE(d.void_reason, '') AS void_reason"
        " FROM documents d LEFT JOIN residents r ON r.id = d.resident_id LEFT JOIN partners p"
        " ON p.id = d.partner_id WHERE d.archived_at IS NULL"
        " ORDER BY d.issued_on DESC, d.number DESC"), RegisterRow)
    words = fold(text).split()
    found = [r for r in listed
             if all(w in fold(f"{r.number} {templates.KINDS[r.kind]} {r.concerns} {r.state}")
                    for w in words)]
    return found[:limit]


VOID_REASON = TextField("Powód unieważnienia", 500)


def void(db: Database, number_or_id: str, reason: str, today: date | None = None) -> None:
    """Mark a document issued by mistake as void. It stays in the register, with the date
    and the reason, and is no longer printed; nothing is deleted."""
    errors: dict[str, str] = {}
    reason = VOID_REASON.collect(reason, errors, "reason", "podaj go (np. błąd w danych).")
    if errors:
        raise ValidationError(errors)
    row = _document(db, number_or_id, "id, resident_id, number")
    with db.atomic():
        voided = db.execute("UPDATE documents SET voided_on = ?, void_reason = ?, updated_at = ?"
                            " WHERE id = ? AND voided_on IS NULL",
                            [(today or date.today()).isoformat(), reason, now_iso(), row[0]])
        if voided.rowcount != 1:
            raise KoordynatorError(f"Dokument {row[2]} jest już unieważniony.")
        audit.record(db, "zmiana", "documents", row[0], resident_id=row[1],
                     details={"uniewaznienie": row[2], "powod": reason})


def _document(db: Database, number_or_id: str, columns: str) -> tuple:
    """The register's row for a number (CUS/ZGO/2026/0001) or an id; NotFound in Polish."""
    # typed as read off the paper: spaces around it, small letters
    number_or_id = number_or_id.strip()
    row = db.execute(f"SELECT {columns} FROM documents WHERE number = ? OR id = ?",
                     [number_or_id.upper(), number_or_id]).fetchone()
    if row is None:
        raise NotFound(f"W rejestrze nie ma dokumentu {number_or_id}.")
    return tuple(row)
