"""`koordynator-admin`: administration and automation from the command line."""

from __future__ import annotations

import argparse
import errno
import os
import sys
import time
from pathlib import Path

from app.audit import trail as audit
from app.cli import polish as cli_polish
from app.core.errors import KoordynatorError, ValidationError, from_os_error, output_error
from app.core.validation import format_date
from app.demo import generate as demo
from app.people import residents_store
from app.privacy import rodo
from app.storage import backups, encrypt_in_place, encryption, leftovers, migrations, restoring
from app.storage.connection import SafeDatabase, read_only_connection, storage_errors
from app.storage.instance_lock import InstanceLock
from app.storage.opening import open_database
from app.storage.password_attempts import PasswordAttempts
from app.storage.paths import resolve_db_path
from app.storage.private_files import restrict_new_files

DOCUMENT_KINDS = (
    "ipus",
    "pelnomocnictwo",
    "upowaznienie",
    "porozumienie",
    "zgoda",
    "klauzula",
    "odmowa",
    "karta",
    "fiszka",
    "rozmowa",
    "skierowanie",
    "diagnoza-potrzeb",
    "diagnoza-terytorium",
    "raport-autoewaluacyjny",
)


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="plik bazy danych (domyślnie KOORDYNATOR_DB lub plik w folderze danych programu)",
    )
    _password_arg(parser)


def _password_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="hasło bazy w pierwszym wierszu wejścia (nigdy w wierszu poleceń)",
    )


def _stdin_line() -> str:
    line = sys.stdin.readline()
    if not line:
        raise encryption.WrongPassword("Nie podano hasła na wejściu.")
    return line.rstrip("\r\n")


def _key(args: argparse.Namespace, path: Path, extra: tuple[Path, ...] = ()) -> str | None:
    """The data key of an encrypted database (password from stdin), None for a plain one."""
    if not encryption.is_encrypted(path) and not extra:
        return None
    if not args.password_stdin:
        raise encryption.WrongPassword(
            "Baza jest zaszyfrowana: podaj hasło przez --password-stdin."
        )
    return PasswordAttempts(path).unlock(_stdin_line(), extra)


def _open(args: argparse.Namespace, path: Path, migrate: bool = False):
    if not path.exists():
        raise KoordynatorError(f"Nie ma pliku bazy danych: {path}")
    return open_database(path, _key(args, path), migrate=migrate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="koordynator-admin", description="Administracja bazą Koordynatora."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="POLECENIE")

    p = sub.add_parser("demo", help="utwórz dane demonstracyjne")
    p.add_argument("--residents", type=int, required=True, help="liczba mieszkańców")
    p.add_argument("--seed", type=int, default=1, help="ziarno losowania (te same dane)")
    _db_arg(p)

    p = sub.add_parser("search", help="wyszukaj mieszkańców tak jak w programie")
    p.add_argument("text", help="szukany tekst (nazwisko, imię, PESEL, adres)")
    p.add_argument("--limit", type=int, default=50)
    _db_arg(p)

    p = sub.add_parser("check", help="sprawdź spójność pliku i wersję schematu")
    _db_arg(p)

    p = sub.add_parser("backup", help="zrób sprawdzoną kopię zapasową do pliku")
    _db_arg(p)
    p.add_argument("--out", required=True, help="plik kopii (np. E:\\kopia.db)")

    p = sub.add_parser("verify-backup", help="sprawdź, czy kopia zapasowa da się przywrócić")
    p.add_argument("file", help="plik kopii zapasowej")
    p.add_argument(
        "--db",
        help="baza, z której pochodzi kopia (jej plik klucza), gdy kopia "
        "jest zaszyfrowana, a obok niej nie ma pliku .klucz",
    )
    _password_arg(p)

    p = sub.add_parser("restore", help="przywróć bazę z kopii (najpierw kopia bezpieczeństwa)")
    _db_arg(p)
    p.add_argument("--from", dest="source", required=True, help="plik kopii zapasowej")

    p = sub.add_parser("audit-verify", help="sprawdź, czy dziennik zdarzeń nie był zmieniany")
    _db_arg(p)

    p = sub.add_parser(
        "export-person", help="wszystkie dane jednej osoby (RODO art. 15): JSON i PDF"
    )
    _db_arg(p)
    p.add_argument("--id", required=True, help="identyfikator mieszkańca")
    p.add_argument("--out", required=True, help="folder na pliki")

    p = sub.add_parser("document", help="wystaw dokument do podpisu (PDF) i zapisz w rejestrze")
    p.add_argument("kind", help="rodzaj: " + ", ".join(DOCUMENT_KINDS))
    p.add_argument("--id", help="czego dotyczy (plan, sprawa, osoba, partner, wniosek…)")
    p.add_argument("--out", required=True, help="plik PDF")
    p.add_argument(
        "--copies",
        type=int,
        default=1,
        help="2: egzemplarz dla mieszkańca i dla CUS; porozumienie: liczba egzemplarzy "
             "(po jednym dla każdego sygnatariusza, „Egzemplarz nr k z n”)",
    )
    p.add_argument("--partner", action="append", metavar="ID",
                   help="porozumienie: sygnatariusz (partner); można powtarzać – bez tej "
                        "opcji podpisują wszyscy aktywni partnerzy")
    p.add_argument(
        "--art79", action="store_true",
        help="osoba nie może pisać: odcisk palca (art. 79 KC); to samo co --podpis odcisk"
    )
    p.add_argument("--podpis", choices=("pisze", "odcisk", "na_prosbe"),
                   help="jak podpisuje osoba: pisze, odcisk (palca) albo na_prosbe (podpis "
                        "poświadczony); domyślnie tak, jak zapisano przy osobie")
    p.add_argument("--duzy-druk", choices=("tak", "nie"),
                   help="duży druk (14 pt) dokumentu, który dostaje mieszkaniec; domyślnie "
                        "tak, jak zapisano przy osobie")
    p.add_argument("--pusty", action="store_true",
                   help="pusty formularz do wypełnienia odręcznie: bez numeru i daty, nie "
                        "trafia do rejestru (bez --id)")
    p.add_argument("--person", metavar="ID",
                   help="upowaznienie: osoba upoważniona (osoba bliska albo z gospodarstwa)")
    p.add_argument("--version", type=int, metavar="N",
                   help="ipus: wersja planu do wydruku (domyślnie najnowsza)")
    p.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="POLE=WARTOŚĆ",
        help='uzupełnij pole dokumentu, np. pelnomocnik="Jan Nowak" (można powtarzać)',
    )
    _db_arg(p)

    p = sub.add_parser("export", help="lista do pliku CSV albo XLSX (Excel)")
    p.add_argument("list", metavar="LISTA",
                   help="residents, applications, cases, plans, partners, catalogue, documents")
    p.add_argument("--format", required=True, choices=("csv", "xlsx"))
    p.add_argument("--out", required=True, help="plik wynikowy")
    p.add_argument("--encoding", default="utf-8", choices=("utf-8", "windows-1250"),
                   help="kodowanie CSV (domyślnie UTF-8 ze znacznikiem BOM dla Excela)")
    _db_arg(p)

    p = sub.add_parser("import", help="mieszkańcy, partnerzy albo usługi katalogu z pliku CSV "
                                      "lub XLSX")
    p.add_argument("what", choices=("residents", "partners", "catalogue", "mieszkancy",
                                    "partnerzy", "katalog", "uslugi"),
                   metavar="residents|partners|catalogue",
                   help="co wczytać (także po polsku: mieszkancy, partnerzy, katalog)")
    p.add_argument("file", metavar="PLIK")
    p.add_argument("--map", action="append", default=[], metavar="KOLUMNA=POLE",
                   help="kolumna pliku (nagłówek albo numer od 1) → pole rejestru; "
                        "KOLUMNA= pomija kolumnę (można powtarzać)")
    p.add_argument("--dry-run", action="store_true",
                   help="tylko sprawdź: werdykt dla każdego wiersza, nic nie zapisuje")
    p.add_argument("--encoding", choices=("utf-8", "windows-1250", "iso-8859-2"),
                   help="kodowanie pliku CSV, gdy program rozpoznał je źle")
    p.add_argument("--place", default="", metavar="MIEJSCOWOŚĆ",
                   help="miejscowość wierszy, które jej nie podają (lista z jednej wsi)")
    p.add_argument("--merge", action="append", type=int, default=[], metavar="WIERSZ",
                   help="scal ten wiersz-duplikat z wpisem w rejestrze (uzupełnia puste "
                        "pola; można powtarzać)")
    _db_arg(p)

    p = sub.add_parser("report", help="zestawienie za okres: PDF, CSV albo XLSX")
    p.add_argument("kind", metavar="RODZAJ",
                   help="zestawienie, terminy, oczekujacy, niezaspokojone, partnerzy, "
                        "spis-spraw, do-zatwierdzenia; jako projekt DOCX: sprawozdanie, "
                        "ocena-zasobow, diagnoza")
    p.add_argument("--from", dest="start", required=True, metavar="DATA",
                   help="początek okresu (DD.MM.RRRR)")
    p.add_argument("--to", dest="end", required=True, metavar="DATA",
                   help="koniec okresu (DD.MM.RRRR)")
    p.add_argument("--programme", metavar="ID|NAZWA",
                   help="tylko ten program: nazwa (albo jej początek) lub identyfikator")
    p.add_argument("--village", metavar="NAZWA",
                   help="tylko ta miejscowość (wielkość liter bez znaczenia)")
    p.add_argument("--format", required=True, choices=("pdf", "csv", "xlsx", "docx"))
    p.add_argument("--out", required=True, help="plik wynikowy")
    p.add_argument("--outside", action="store_true",
                   help="do przekazania poza CUS: bez nazwisk, liczby mniejsze niż 3 jako <3")
    _db_arg(p)

    p = sub.add_parser("documents", help="rejestr wydanych dokumentów")
    p.add_argument("--search", default="", help="numer, rodzaj lub osoba")
    p.add_argument("--reprint", metavar="NUMER",
                   help="wydruk ponowny: ten sam PDF, co przy wystawieniu (z --out)")
    p.add_argument("--out", help="plik PDF wydruku ponownego")
    _db_arg(p)

    p = sub.add_parser("set-password", help="zaszyfruj bazę hasłem albo zmień hasło")
    _db_arg(p)
    p.add_argument(
        "--recovery-key-stdin",
        action="store_true",
        help="zamiast starego hasła podaj klucz odzyskiwania (pierwszy wiersz)",
    )
    return parser


def cmd_demo(args: argparse.Namespace, path: Path) -> int:
    if args.residents < 1 or args.residents > 1_000_000:
        print("Liczba mieszkańców musi być od 1 do 1 000 000.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with InstanceLock(path):
        db, _ = open_database(path)
        try:
            demo.build(db, args.residents, seed=args.seed)
        finally:
            db.conn.close()
    print(
        f"Utworzono {args.residents} mieszkańców w {path} ({time.perf_counter() - started:.1f} s)."
    )
    return 0


def cmd_search(args: argparse.Namespace, path: Path) -> int:
    db, _ = _open(args, path)
    try:
        rows = residents_store.search(db, args.text, limit=args.limit)
    finally:
        db.conn.close()
    for r in rows:
        print("\t".join((r.surname, r.first_name, r.pesel, format_date(r.birth_date), r.address)))
    return 0


def cmd_check(args: argparse.Namespace, path: Path) -> int:
    if path.exists() and path.stat().st_size == 0:  # opening it would write a header
        print(f"Plik: {path}\nPlik bazy danych jest pusty (0 bajtów).\nWYNIK: BŁĄD")
        return 1
    if not path.exists():
        raise KoordynatorError(f"Nie ma pliku bazy danych: {path}")
    key = _key(args, path)
    # read only: check never writes to the file it checks (not even its journal mode)
    with storage_errors(path):
        conn = read_only_connection(path, key)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            integrity = str(conn.execute("PRAGMA integrity_check").fetchone()[0])
            fk = conn.execute("PRAGMA foreign_key_check").fetchall() if integrity == "ok" else []
            residents = (conn.execute("SELECT count(*) FROM residents").fetchone()[0]
                         if integrity == "ok" else "?")
        finally:
            conn.close()
    ok = integrity == "ok" and not fk and version == migrations.LATEST
    print(f"Plik: {path}")
    print(f"Wersja schematu: {version} (program zna {migrations.LATEST})")
    print("Spójność: " + ("w porządku" if integrity == "ok" else
                          f"plik jest uszkodzony (szczegóły SQLite: {integrity})"))
    print(f"Klucze obce: {'w porządku' if not fk else f'{len(fk)} błędów'}")
    print(f"Mieszkańców: {residents}")
    print("WYNIK: OK" if ok else "WYNIK: BŁĄD")
    return 0 if ok else 1


def _refuse_own_file(path: Path, out: str) -> Path:
    """The output file, unless it is the database or one of its files (key file, WAL,
    anchor, lock…): writing over one of those loses data."""
    target = Path(out).expanduser().resolve()
    same = False
    for own in path.parent.glob(f"{path.name}*") if path.parent.exists() else ():
        try:  # a hard link is another name for the same file
            same = same or (target.exists() and target.samefile(own))
        except OSError:
            continue
    if same or (target.parent == path.resolve().parent and target.name.startswith(path.name)):
        raise KoordynatorError("Plik wynikowy musi być innym plikiem niż baza danych i jej "
                               "pliki (klucz, dziennik zapisu, kotwica). Wybierz inną nazwę "
                               "lub folder.")
    return target


def cmd_backup(args: argparse.Namespace, path: Path) -> int:
    out = _refuse_own_file(path, args.out)
    key = _key(args, path)
    db, _ = open_database(path, key, migrate=False)
    try:
        started = time.perf_counter()
        backups.write_backup(db, out, key)
        backups.copy_key_file(path, out)
    finally:
        db.conn.close()
    print(
        f"Kopia zapisana i sprawdzona: {out} ({out.stat().st_size / 1e6:.1f} MB, "
        f"{time.perf_counter() - started:.1f} s)."
    )
    return 0


def cmd_verify_backup(args: argparse.Namespace, path: Path) -> int:
    backup = Path(args.file)
    key = None
    sealed = encryption.key_file(backup).exists() or args.db or args.password_stdin
    if backup.exists() and not encryption.has_plain_header(backup) and sealed:
        source = resolve_db_path(args.db) if args.db else backup
        key = _key(args, source, (encryption.key_file(backup),))
    result = backups.verify_backup(backup, key, thorough=True)
    print(
        result.message if result.ok else f"Kopia NIE nadaje się do przywrócenia: {result.message}"
    )
    if result.counts:
        print(
            f"Wersja schematu: {result.schema_version}; mieszkańców: "
            f"{result.counts.get('residents', 0)}; spraw: {result.counts.get('cases', 0)}"
        )
    return 0 if result.ok else 1


def cmd_restore(args: argparse.Namespace, path: Path) -> int:
    source = Path(args.source)
    key = None
    encrypted_source = source.exists() and not encryption.has_plain_header(source) and (
        encryption.key_file(source).exists() or args.password_stdin)
    if encryption.is_encrypted(path) or encrypted_source:
        # the database's own key: a plain backup is encrypted with it on the way in
        key = _key(args, path, (encryption.key_file(source),))
    with InstanceLock(path):
        safety = restoring.restore(path, source, key)
        if key is not None:  # an encrypted backup over a plain file: its old copies too
            encrypt_in_place.seal_plain_backups(path, key)
    print(f"Przywrócono {path} z {args.source}.")
    if safety:
        print(f"Stan sprzed przywrócenia zachowano w: {safety}")
    return 0


def cmd_audit_verify(args: argparse.Namespace, path: Path) -> int:
    if not path.exists():
        raise KoordynatorError(f"Nie ma pliku bazy danych: {path}")
    key = _key(args, path)
    # read only: verifying must not rewrite the evidence (not even the journal mode)
    with storage_errors(path):
        db = SafeDatabase(read_only_connection(path, key))
    db.path, db.key = str(path), key
    try:
        problems = audit.verify(db)
        entries = db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        db.conn.close()
    for problem in problems:
        print(problem)
    print(
        f"Wpisów w dzienniku: {entries}. "
        + ("Dziennik jest nienaruszony." if not problems else "DZIENNIK ZOSTAŁ NARUSZONY.")
    )
    return 0 if not problems else 1


def cmd_set_password(args: argparse.Namespace, path: Path) -> int:
    if not path.exists():
        raise KoordynatorError(f"Nie ma pliku bazy danych: {path}")
    with InstanceLock(path):
        if not encryption.is_encrypted(path):
            code = encrypt_in_place.encrypt_database(path, _stdin_line())
            print(
                "Baza jest zaszyfrowana. KLUCZ ODZYSKIWANIA (pokazywany tylko raz – zapisz "
                "go i schowaj w sejfie):"
            )
            print(code, flush=True)
            encrypt_in_place.recovery_key_shown(path)
            if warning := encrypt_in_place.unreadable_plain_backups_warning(path):
                print(warning, file=sys.stderr)
        elif args.recovery_key_stdin:
            code = _stdin_line()
            encryption.reset_password(path, code, _stdin_line())
            PasswordAttempts(path).reset()  # the new password owes no wait
            print("Ustawiono nowe hasło (klucz odzyskiwania pozostaje ten sam).")
        else:
            old = _stdin_line()
            PasswordAttempts(path).unlock(old)  # guesses here wait like anywhere else
            encryption.change_password(path, old, _stdin_line())
            print("Hasło zmienione.")
    return 0


def cmd_export_person(args: argparse.Namespace, path: Path) -> int:
    db, _ = _open(args, path)
    try:
        json_path, pdf_path = rodo.export_person(db, args.id, Path(args.out))
    except OSError as exc:
        raise output_error(exc, args.out) from exc
    finally:
        db.conn.close()
    print(f"Zapisano: {json_path}")
    print(f"Zapisano: {pdf_path}")
    return 0


def cmd_document(args: argparse.Namespace, path: Path) -> int:
    if args.kind not in DOCUMENT_KINDS:
        print(
            f"Nieznany rodzaj dokumentu: {args.kind}. Dostępne: " + ", ".join(DOCUMENT_KINDS),
            file=sys.stderr,
        )
        return 2
    if args.version is not None:
        if args.kind != "ipus":
            raise KoordynatorError("--version wybiera wersję planu: tylko dla dokumentu ipus.")
        if not args.id:
            raise KoordynatorError("Podaj --id sprawy albo planu, którego wersję wydrukować.")
    if args.art79 and args.podpis not in (None, "odcisk"):
        raise KoordynatorError("--art79 to podpis odciskiem palca: nie łącz go z --podpis "
                               f"{args.podpis}.")
    if args.pusty:
        given = [name for name, value in (("--id", args.id), ("--partner", args.partner),
                                          ("--person", args.person), ("--version", args.version),
                                          ("--field", args.field), ("--podpis", args.podpis),
                                          ("--art79", args.art79)) if value]
        if given or args.copies != 1:
            raise KoordynatorError("Pusty formularz nie dotyczy nikogo: nie łącz --pusty z "
                                   + ", ".join(given or ["--copies"]) + ".")
    if bad := [item for item in args.field if "=" not in item]:
        raise KoordynatorError(f"Pole dokumentu podaje się jako NAZWA=WARTOŚĆ: {bad[0]}")
    names = [item.split("=", 1)[0] for item in args.field]
    if twice := sorted({n for n in names if names.count(n) > 1}):
        raise KoordynatorError("Każde pole dokumentu podaje się raz: " + ", ".join(twice)
                               + " – powtórzone --field.")
    from app.exchange import export

    out = _refuse_own_file(path, args.out)
    export.check_suffix(out, "pdf")  # before a number is used up, like a device or a
    export.check_target(out)  # missing folder
    existed = out.exists()
    try:  # before a number is used up: the file is opened (a read-only file, or one open
        # in a PDF viewer on Windows, fails here), but not emptied until the PDF is ready
        if out.is_dir() or not os.access(out.parent, os.W_OK):
            raise IsADirectoryError(errno.EISDIR if out.is_dir() else errno.EACCES, str(out))
        handle = open(out, "r+b" if existed else "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise output_error(exc, out) from exc
    started = time.perf_counter()
    try:
        pdf, doc = _document_pdf(args, path)
    except BaseException:
        handle.close()
        if not existed:
            out.unlink(missing_ok=True)
        raise
    try:
        with handle:
            handle.truncate(0)
            handle.write(pdf)
    except OSError as exc:
        if doc is None:
            raise output_error(exc, out) from exc
        raise KoordynatorError(f"{output_error(exc, out)} Dokument {doc.number} jest już w "
                               "rejestrze: wydrukuj go ponownie w programie (Rejestr "
                               "dokumentów → Pokaż / drukuj ponownie) albo poleceniem "
                               f"documents --reprint {doc.number} --out PLIK.") from exc
    if doc is None:
        print(f"Pusty formularz ({args.kind}): zapisano {out}; bez numeru, nie wpisano do "
              "rejestru.")
    elif not doc.number:
        print(f"Projekt decyzji: zapisano {out}; bez numeru, nie wpisano do rejestru.")
    else:
        print(f"{doc.number}: zapisano {out} ({time.perf_counter() - started:.2f} s).")
    return 0


def _document_pdf(args: argparse.Namespace, path: Path):
    """The PDF, and the register's entry for it (None for a blank form)."""
    from app.documents import register

    db, _ = _open(args, path, migrate=True)
    try:
        if args.pusty:
            return register.blank_form(db, args.kind, args.duzy_druk == "tak"), None
        if args.version is not None:
            from app.plans import store as plans

            args.id = plans.version_id_for(db, args.id, args.version)
        doc = register.issue(
            db, args.kind, args.id, copies=args.copies, extra=dict(
                item.split("=", 1) for item in args.field), person_id=args.person,
            signing="odcisk" if args.art79 else args.podpis, partner_ids=args.partner,
            large_print=None if args.duzy_druk is None else args.duzy_druk == "tak")
        return doc.pdf, doc
    finally:
        db.conn.close()


def cmd_documents(args: argparse.Namespace, path: Path) -> int:
    from app.documents import register, templates

    if bool(args.reprint) != bool(args.out):
        raise KoordynatorError("Wydruk ponowny: podaj numer dokumentu (--reprint) i plik "
                               "(--out), oba razem.")
    if args.reprint:
        return _reprint(args, path)
    db, _ = _open(args, path)
    try:
        rows = register.listing(db, args.search)
    finally:
        db.conn.close()
    for r in rows:
        print(
            "\t".join(
                (
                    r.number,
                    format_date(r.issued_on),
                    templates.KINDS[r.kind],
                    r.concerns,
                    r.issued_by,
                    r.state,
                )
            )
        )
    if not rows:
        print("Rejestr dokumentów jest pusty." if not args.search else "Nic nie znaleziono.")
    return 0


def _reprint(args: argparse.Namespace, path: Path) -> int:
    """The stored PDF again, byte for byte: a reprint takes no new number."""
    from app.documents import register
    from app.exchange import export

    out = _refuse_own_file(path, args.out)
    export.check_suffix(out, "pdf")
    export.check_target(out)  # before the reprint is written in the audit trail
    db, _ = _open(args, path)
    try:
        pdf = register.reprint(db, args.reprint)
    finally:
        db.conn.close()
    export.write_bytes(out, pdf)  # whole or not at all
    print(f"{args.reprint}: zapisano {out} (wydruk ponowny, bez nowego numeru).")
    return 0


def cmd_import(args: argparse.Namespace, path: Path) -> int:
    from app.exchange import importing, lists, reading

    args.what = lists.ALIASES.get(args.what, args.what)  # "mieszkancy" as "residents"

    source = Path(args.file).expanduser().resolve()
    if source == path.resolve():
        raise KoordynatorError("To jest plik bazy danych, nie lista do wczytania.")
    sheet = reading.read(source, args.encoding)
    db, _ = _open(args, path, migrate=True)
    try:
        mapping = importing.mapping_from(args.map, sheet.headers, args.what)
        print(f"Plik: {source.name} ({sheet.encoding}"
              + (f", separator: {reading.SEPARATOR_NAMES[sheet.separator]}"
                 if sheet.separator else "")
              + f"), wierszy: {len(sheet.rows)}.")
        print("Kolumny: " + "; ".join(
            f"{h or '(bez nazwy)'} → {importing.KINDS[args.what][mapping[c]][0]}"
            if c in mapping else f"{h or '(bez nazwy)'} → pominięta"
            for c, h in enumerate(sheet.headers)))
        verdicts = importing.dry_run(db, args.what, sheet, mapping, args.place)
        importing.check_merges(verdicts, set(args.merge))  # the dry run says it too
        for v in verdicts:
            print(f"wiersz {v.line}: {v.status} – {_printable(v.text)}")
        counts = {s: sum(1 for v in verdicts if v.status == s)
                  for s in (importing.NEW, importing.DUPLICATE, importing.INVALID,
                            importing.EMPTY)}
        plural_of = {importing.NEW: "nowe", importing.DUPLICATE: "duplikaty",
                     importing.INVALID: "błędne", importing.EMPTY: "puste"}
        print("Razem: " + ", ".join(f"{plural_of[s]} {n}" for s, n in counts.items()) + ".")
        if args.dry_run:
            print("Próba: nic nie zapisano.")
            return 0
        outcome = importing.run(db, args.what, verdicts, set(args.merge), str(source))
    finally:
        db.conn.close()
    print(outcome.summary())
    return 0


def _printable(text: str) -> str:
    """A file's text as a terminal may show it: control and direction characters written
    as codes (an escape sequence from a cell would recolour or rewrite the screen)."""
    return "".join(ch if ch.isprintable() or ch == "\n" else f"\\u{ord(ch):04x}"
                   for ch in text)


def cmd_report(args: argparse.Namespace, path: Path) -> int:
    from app.exchange import export, lists
    from app.reports import kinds, model, paper, word

    period = model.period(args.start, args.end)
    out = _refuse_own_file(path, args.out)
    export.check_suffix(out, args.format)
    if (args.format == "docx") != (args.kind in word.DRAFTS):
        raise KoordynatorError("Jako DOCX (do dokończenia w edytorze tekstu) zapisuje się "
                               "tylko projekty: " + ", ".join(word.DRAFTS) + ".")
    for option, value in (("--programme", args.programme), ("--village", args.village)):
        if value is not None and not value.strip():
            raise KoordynatorError(f"Po {option} podano pusty tekst: wpisz nazwę albo pomiń "
                                   "tę opcję.")
        if value is not None and args.kind in word.DRAFTS:  # it would be ignored silently
            raise KoordynatorError(f"Projekt „{args.kind}” obejmuje całą gminę i wszystkie "
                                   f"programy – bez {option}.")
    db, _ = _open(args, path)
    try:
        started = time.perf_counter()
        if args.kind in word.DRAFTS:
            export.write_bytes(out, word.DRAFTS[args.kind](db, period))
            lists.record_export(db, f"{args.kind} {period}", 0, out, "docx")
            print(f"Projekt „{word.TITLES.get(args.kind, args.kind)}”, okres {period}: "
                  f"zapisano {out} "
                  f"({time.perf_counter() - started:.2f} s).")
            return 0
        report = kinds.build(db, args.kind, period, args.programme, args.village,
                             args.outside)
        if args.format == "pdf":
            export.write_bytes(out, paper.pdf(db, report))
        else:
            export.write(report.tables, out, args.format, preamble=report.preamble)
        lists.record_export(db, report.heading, sum(len(t.rows) for t in report.tables), out,
                            args.format)
    finally:
        db.conn.close()
    print(f"{report.heading}: zapisano {out} ({time.perf_counter() - started:.2f} s).")
    return 0


def cmd_export(args: argparse.Namespace, path: Path) -> int:
    from app.exchange import export, lists

    out = _refuse_own_file(path, args.out)
    export.check_suffix(out, args.format)
    db, _ = _open(args, path)
    try:
        table = lists.build(db, args.list)
        lost = export.write(table, out, args.format, args.encoding)
        lists.record_export(db, table.title, len(table.rows), out, args.format)
    finally:
        db.conn.close()
    from app.core import plural

    rows = plural.count(len(table.rows), "wiersz", "wiersze", "wierszy")
    print(f"{table.title}: {rows} zapisano w {out}.")
    for note in table.notes[1:]:
        print(note)
    if lost:
        print(f"Uwaga: {lost} znaków nie ma w kodowaniu Windows-1250 – zapisano je jako „?”. "
              "Zapisz plik w UTF-8, żeby ich nie stracić.", file=sys.stderr)
    return 0


COMMANDS = {
    "demo": cmd_demo,
    "search": cmd_search,
    "check": cmd_check,
    "backup": cmd_backup,
    "verify-backup": cmd_verify_backup,
    "restore": cmd_restore,
    "audit-verify": cmd_audit_verify,
    "set-password": cmd_set_password,
    "document": cmd_document,
    "documents": cmd_documents,
    "export": cmd_export,
    "report": cmd_report,
    "import": cmd_import,
    "export-person": cmd_export_person,
}


def _clean_up_if_free(path: Path) -> None:
    """A killed run's leftovers (an interrupted encryption above all) are dealt with before
    any command reads the file, unless the program holds it: then it has done so itself."""
    if not path.exists() and not encrypt_in_place.journal_path(path).exists():
        return  # nothing to repair, and no lock file to leave behind
    lock = InstanceLock(path)
    if lock.acquire():
        try:
            for note in leftovers.clean_up(path):
                print(note, file=sys.stderr)
        finally:
            lock.release()


def main(argv: list[str] | None = None) -> int:
    restrict_new_files()
    cli_polish.install()
    args = build_parser().parse_args(argv)
    try:
        path = resolve_db_path(getattr(args, "db", None))
    except KoordynatorError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        if args.command not in ("check", "verify-backup", "audit-verify"):  # only read
            _clean_up_if_free(path)
        return COMMANDS[args.command](args, path)
    except ValidationError as exc:  # the window's "Popraw zaznaczone pola" marks no field here
        print(_printable(" ".join(m if m.endswith(".") else m + "."
                                  for m in exc.errors.values())), file=sys.stderr)
        return 2
    except KoordynatorError as exc:  # it may quote a file's or an argument's text
        print(_printable(str(exc)), file=sys.stderr)
        return 2
    except OSError as exc:  # a read-only or full disk, a folder without rights
        print(str(from_os_error(exc, path.parent)), file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl+C: a write in progress was rolled back as a whole
        print("Przerwano (Ctrl+C). To, co nie zostało zapisane do końca, nie zostało "
              "zapisane wcale.", file=sys.stderr)
        return 130
    except UnicodeError:  # bytes in an argument that no Polish text is made of
        print("Argument polecenia zawiera znaki, których nie da się odczytać (zły zapis "
              "znaków). Wpisz go ponownie.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
