"""Every list the program shows, as a table to save as CSV or Excel. A person whose data is
restricted (art. 18 RODO) is only stored, so none of her rows leaves the program; each
export is written in the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlite_utils import Database

from app.audit import trail as audit
from app.casefile.cases import STEP_NAMES
from app.cases.applications import CHANNELS, FILED_BY_CHOICES, STATUSES
from app.catalogue.partners import TYPES as PARTNER_TYPES
from app.catalogue.services import KINDS as SERVICE_KINDS
from app.core import plural
from app.core.errors import NotFound
from app.core.table import Column, Kind, Table, day
from app.documents import register, templates
from app.plans.status import label as plan_label

T, D, N = Kind.TEXT, Kind.DATE, Kind.INT
_PERSON = "r.surname || ' ' || r.first_name"
_LIVE = "r.archived_at IS NULL AND r.restricted = 0"


def _table(db: Database, title: str, columns: list[tuple[str, Kind]], sql: str,
           convert: Callable[[tuple], tuple] = lambda row: row) -> Table:
    kinds = [kind for _, kind in columns]
    rows = [tuple(day(v) if k is D else v for v, k in zip(convert(tuple(row)), kinds,
                                                          strict=True))
            for row in db.execute(sql)]
    return Table(title, [Column(name, kind) for name, kind in columns], rows)


def residents(db: Database) -> Table:
    table = _table(db, "Mieszkańcy", [
        ("Nazwisko", T), ("Imię", T), ("Drugie imię", T), ("PESEL", T),
        ("Dokument tożsamości", T), ("Data urodzenia", D), ("Płeć", T), ("Telefon", T),
        ("E-mail", T), ("Ulica", T), ("Nr domu", T), ("Nr lokalu", T), ("Kod pocztowy", T),
        ("Miejscowość", T), ("Poczta", T), ("Gmina", T)],
        "SELECT surname, first_name, second_name, pesel, id_document, birth_date, sex, phone,"
        " email, street, house_no, flat_no, postal_code, city, post_office, gmina FROM"
        f" residents r WHERE {_LIVE} ORDER BY sort_key, id",
        lambda r: (*r[:6], {"K": "kobieta", "M": "mężczyzna"}.get(r[6] or "", ""), *r[7:]))
    return _restricted_note(db, table)


def applications(db: Database) -> Table:
    return _restricted_note(db, _table(db, "Wnioski", [
        ("Data złożenia", D), ("Osoba", T), ("Kto złożył", T), ("Jak wpłynął", T),
        ("Czego dotyczy", T), ("Program", T), ("Stan", T), ("Data rozstrzygnięcia", D),
        ("Powód odmowy", T), ("Przekazano do", T)],
        f"SELECT a.filed_on, {_PERSON}, a.filed_by_kind, a.channel, a.request, p.name,"
        " a.status, a.decided_on, a.refusal_reason, a.transferred_to FROM applications a"
        " JOIN residents r ON r.id = a.resident_id LEFT JOIN programmes p ON"
        f" p.id = a.programme_id WHERE a.archived_at IS NULL AND {_LIVE}"
        " ORDER BY a.filed_on, a.rowid",
        lambda r: (r[0], r[1], FILED_BY_CHOICES.get(r[2], r[2]), CHANNELS.get(r[3], r[3]),
                   r[4], r[5], STATUSES.get(r[6], r[6]), *r[7:])))


def cases(db: Database) -> Table:
    return _restricted_note(db, _table(db, "Sprawy", [
        ("Znak sprawy", T), ("Osoba", T), ("Program", T), ("Otwarta", D), ("Krok", T),
        ("Stan", T), ("Zamknięta", D), ("Powód zamknięcia", T)],
        f"SELECT c.case_number, {_PERSON}, p.name, c.opened_on, c.current_step, c.status,"
        " c.closed_on, c.close_reason FROM cases c JOIN residents r ON r.id = c.resident_id"
        f" LEFT JOIN programmes p ON p.id = c.programme_id WHERE c.archived_at IS NULL AND"
        f" {_LIVE} ORDER BY c.opened_on, c.rowid",
        lambda r: (*r[:4], f"{r[4]}. {STEP_NAMES.get(r[4], '')}",
                   {"otwarta": "otwarta", "zamknieta": "zamknięta"}.get(r[5], r[5]), *r[6:])))


def plans(db: Database) -> Table:
    return _restricted_note(db, _table(db, "Plany (IPUS)", [
        ("Znak sprawy", T), ("Osoba", T), ("Wersja", N), ("Stan", T), ("Obowiązuje od", D),
        ("Obowiązuje do", D), ("Przegląd", D), ("Uzgodniono", D), ("Zatwierdzono", D),
        ("Zatwierdził", T)],
        f"SELECT c.case_number, {_PERSON}, v.version_no, v.status, v.valid_from, v.valid_to,"
        " v.review_on, v.agreed_on, v.approved_on, v.approved_by FROM plan_versions v JOIN"
        " plans pl ON pl.id = v.plan_id JOIN cases c ON c.id = pl.case_id JOIN residents r"
        f" ON r.id = c.resident_id WHERE v.archived_at IS NULL AND {_LIVE}"
        " ORDER BY c.opened_on, c.rowid, v.version_no",
        lambda r: (*r[:3], plan_label(r[3]), *r[4:])))


def partners(db: Database) -> Table:
    return _table(db, "Partnerzy", [
        ("Nazwa", T), ("Rodzaj", T), ("NIP", T), ("REGON", T), ("KRS", T), ("Ulica", T),
        ("Kod pocztowy", T), ("Miejscowość", T), ("Telefon", T), ("E-mail", T),
        ("Liczba miejsc", N), ("Usługi", T)],
        "SELECT full_name, partner_type, nip, regon, krs, street, postal_code, city, phone,"
        # places as the partners report counts them: its own number, or its services' sum
        " email, COALESCE(capacity, (SELECT sum(ps.capacity) FROM partner_services ps WHERE"
        " ps.partner_id = partners.id)), (SELECT group_concat(s.name, '; ') FROM"
        " partner_services ps JOIN"
        " services s ON s.id = ps.service_id WHERE ps.partner_id = partners.id) FROM partners"
        " WHERE archived_at IS NULL ORDER BY sort_key, id",
        lambda r: (r[0], PARTNER_TYPES.get(r[1], r[1]), *r[2:]))


def catalogue(db: Database) -> Table:
    return _table(db, "Katalog usług", [
        ("Obszar", T), ("Usługa", T), ("Rodzaj", T), ("Opis", T), ("Dla kogo", T),
        ("Odpłatność", T), ("Wykonawcy", T)],
        "SELECT a.code || '. ' || a.name, s.name, s.kind, s.description, s.target_group,"
        " s.copayment_rule, (SELECT group_concat(p.full_name, '; ') FROM partner_services ps"
        " JOIN partners p ON p.id = ps.partner_id WHERE ps.service_id = s.id AND"
        " ps.archived_at IS NULL AND p.archived_at IS NULL) FROM services s JOIN"
        " service_areas a ON a.code = s.area_code WHERE s.archived_at IS NULL"
        " ORDER BY s.area_code, s.name",
        lambda r: (r[0], r[1], SERVICE_KINDS.get(r[2], r[2]), *r[3:]))


def documents(db: Database) -> Table:
    hidden = {r[0] for r in db.execute(
        "SELECT d.number FROM documents d JOIN residents r ON r.id = d.resident_id WHERE"
        " r.restricted = 1")}
    rows = [r for r in register.listing(db, limit=10**9) if r.number not in hidden]
    return _restricted_note(db, Table("Rejestr dokumentów", [
        Column("Numer"), Column("Data wystawienia", D), Column("Rodzaj"), Column("Dotyczy"),
        Column("Wystawił"), Column("Stan")],
        [(r.number, day(r.issued_on), templates.KINDS[r.kind], r.concerns, r.issued_by,
          r.state) for r in rows]))


def _restricted_note(db: Database, table: Table) -> Table:
    hidden = db.execute("SELECT count(*) FROM residents WHERE archived_at IS NULL AND"
                        " restricted = 1").fetchone()[0]
    if hidden:
        table.notes.append(f"Pominięto osoby z ograniczonym przetwarzaniem danych (art. 18 "
                           f"RODO): {hidden}.")
    return table


# the command line's names (import uses the English ones); Polish ones are accepted too
LISTS: dict[str, Callable[[Database], Table]] = {
    "residents": residents, "applications": applications, "cases": cases, "plans": plans,
    "partners": partners, "catalogue": catalogue, "documents": documents}
ALIASES = {"mieszkancy": "residents", "wnioski": "applications", "sprawy": "cases",
           "plany": "plans", "partnerzy": "partners", "katalog": "catalogue",
           "uslugi": "catalogue", "dokumenty": "documents"}


def build(db: Database, name: str) -> Table:
    """The list called ``name``, as it stands now."""
    builder = LISTS.get(ALIASES.get(name, name))
    if builder is None:
        raise NotFound(f"Nieznana lista: {name}. Dostępne: " + ", ".join(LISTS) + ".")
    table = builder(db)
    table.notes.insert(0, f"Stan na {date.today():%d.%m.%Y}; "
                          + plural.count(len(table.rows), "wiersz", "wiersze", "wierszy") + ".")
    return table


def record_export(db: Database, what: str, rows: int, path: object, fmt: str) -> None:
    """Data that left the program, in the audit trail: what, how much, where, in what form
    (written once the file is complete, not for an export that failed)."""
    audit.record(db, "eksport", None, None,
                 details={"co": what, "wierszy": rows, "plik": str(path), "format": fmt})
