"""`koordynator-admin`: administration and automation from the command line."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from app import demo, migrations, residents_store
from app.db import open_database, quick_check
from app.errors import KoordynatorError
from app.paths import resolve_db_path
from app.validation import format_date


def _db_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="plik bazy danych (domyślnie KOORDYNATOR_DB lub plik w folderze danych programu)",
    )


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
    return parser


def cmd_demo(args: argparse.Namespace, path: Path) -> int:
    if args.residents < 1 or args.residents > 1_000_000:
        print("Liczba mieszkańców musi być od 1 do 1 000 000.", file=sys.stderr)
        return 2
    started = time.perf_counter()
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
    if not path.exists():
        print(f"Nie ma pliku bazy danych: {path}", file=sys.stderr)
        return 2
    db, _ = open_database(path, migrate=False)
    try:
        rows = residents_store.search(db, args.text, limit=args.limit)
    finally:
        db.conn.close()
    for r in rows:
        print("\t".join((r.surname, r.first_name, r.pesel, format_date(r.birth_date), r.address)))
    return 0


def cmd_check(args: argparse.Namespace, path: Path) -> int:
    if not path.exists():
        print(f"Nie ma pliku bazy danych: {path}", file=sys.stderr)
        return 2
    db, info = open_database(path, migrate=False)
    try:
        integrity = str(db.execute("PRAGMA integrity_check").fetchone()[0])
        fk = db.execute("PRAGMA foreign_key_check").fetchall()
        quick = quick_check(db)
        residents = residents_store.count(db, include_archived=True)
    finally:
        db.conn.close()
    ok = (
        integrity == "ok"
        and quick == "ok"
        and not fk
        and info.schema_version == (migrations.LATEST)
    )
    print(f"Plik: {path}")
    print(f"Wersja schematu: {info.schema_version} (program zna {migrations.LATEST})")
    print(f"Spójność: {'w porządku' if integrity == 'ok' else integrity}")
    print(f"Klucze obce: {'w porządku' if not fk else f'{len(fk)} błędów'}")
    print(f"Mieszkańców: {residents}")
    print("WYNIK: OK" if ok else "WYNIK: BŁĄD")
    return 0 if ok else 1


COMMANDS = {"demo": cmd_demo, "search": cmd_search, "check": cmd_check}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    path = resolve_db_path(args.db)
    try:
        return COMMANDS[args.command](args, path)
    except KoordynatorError as exc:
        print(str(exc), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
