"""koordynator-admin and koordynator --smoke: contracts that automation relies on."""

import os
import subprocess
import sys
from datetime import date

import pytest

from app.cli import admin as admin_cli
from app.people import residents_store
from app.storage import migrations
from app.storage.opening import connect


def run(*args, env=None, stdin=None):
    """Run an installed entry point as a user would, through the same interpreter."""
    code = {
        "koordynator-admin": "from app.cli.admin import main",
        "koordynator": "from ui.shell.main import main",
    }[args[0]]
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", f"import sys; {code}; sys.exit(main(sys.argv[1:]))", *args[1:]],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        input=stdin,
    )


def test_demo_is_deterministic_and_valid(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert admin_cli.main(["demo", "--residents", "500", "--db", str(a), "--seed", "9"]) == 0
    assert admin_cli.main(["demo", "--residents", "500", "--db", str(b), "--seed", "9"]) == 0
    query = "SELECT surname, first_name, pesel, birth_date, city FROM residents ORDER BY pesel"
    da, dbb = connect(a), connect(b)
    rows = da.execute(query).fetchall()
    assert rows == dbb.execute(query).fetchall()
    assert len(rows) == 500
    from app.core.validation import check_pesel

    pesels = [r[2] for r in rows if r[2]]
    assert len(pesels) == len(set(pesels)) and all(check_pesel(p) is None for p in pesels)
    assert any(ch in "".join(r[0] + r[1] for r in rows) for ch in "ąćęłńóśźż")
    steps = {r[0] for r in da.execute("SELECT current_step FROM cases")}
    assert len(steps) >= 6  # cases at various steps
    today = date.today().isoformat()
    for table, column in (("applications", "filed_on"), ("applications", "decided_on"),
                          ("cases", "opened_on"), ("cases", "closed_on"),
                          ("needs", "identified_on"), ("plan_versions", "agreed_on"),
                          ("plan_versions", "approved_on"), ("referrals", "referred_on"),
                          ("referrals", "start_confirmed_on"), ("case_events", "event_date"),
                          ("evaluations", "evaluated_on"), ("card_entries", "entry_date")):
        future = da.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} > ?",
                            [today]).fetchone()[0]
        assert future == 0, f"{table}.{column} dated after today"
    # an update copies the items it keeps, as the program does: each item of a later
    # version comes from one of the version before, so the changes list is short and true
    later = da.execute(
        "SELECT count(*), count(o.id) FROM plan_items i JOIN plan_versions v ON"
        " v.id = i.plan_version_id LEFT JOIN plan_items o ON o.id = i.origin_item_id AND"
        " o.plan_version_id = (SELECT id FROM plan_versions w WHERE w.plan_id = v.plan_id"
        " AND w.version_no = v.version_no - 1) WHERE v.version_no > 1").fetchone()
    assert later[0] > 0 and later[0] == later[1]
    assert da.execute("SELECT count(*) FROM plan_items WHERE weekdays IS NOT NULL"
                      ).fetchone()[0] > 0  # the week on screen has something to show
    # the demo keeps the rules it shows: no plan over a year, nothing outside its period
    assert da.execute("SELECT count(*) FROM plan_versions WHERE valid_to >="
                      " date(valid_from, '+12 months') OR review_on NOT BETWEEN valid_from"
                      " AND valid_to").fetchone() == (0,)
    assert da.execute("SELECT count(*) FROM plan_items i JOIN plan_versions v ON v.id ="
                      " i.plan_version_id WHERE i.start_on < v.valid_from OR i.end_on >"
                      " v.valid_to").fetchone() == (0,)
    da.conn.close()
    dbb.conn.close()


def test_search_prints_same_results_as_gui_search(tmp_path, capsys):
    path = tmp_path / "d.db"
    admin_cli.main(["demo", "--residents", "800", "--db", str(path), "--seed", "4"])
    capsys.readouterr()
    assert admin_cli.main(["search", "nowak", "--db", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    db = connect(path)
    expected = residents_store.search(db, "nowak")
    db.conn.close()
    assert lines and [ln.split("\t")[2] for ln in lines] == [r.pesel for r in expected]
    assert all("Nowak" in ln.split("\t")[0] or "nowak" in ln.lower() for ln in lines)


def test_check_reports_ok_and_schema(tmp_path, capsys):
    path = tmp_path / "c.db"
    connect(path).conn.close()
    assert admin_cli.main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"Wersja schematu: {migrations.LATEST}" in out and "WYNIK: OK" in out


def test_check_on_garbage_file_fails_with_polish_message(tmp_path):
    path = tmp_path / "zly.db"
    path.write_bytes(b"x" * 5000)
    result = run("koordynator-admin", "check", "--db", str(path))
    assert result.returncode == 2
    assert "nie jest bazą Koordynatora" in result.stderr


def test_env_variable_chooses_database(tmp_path):
    path = tmp_path / "env.db"
    result = run(
        "koordynator-admin", "demo", "--residents", "20", env={"KOORDYNATOR_DB": str(path)}
    )
    assert result.returncode == 0, result.stderr
    assert path.exists()
    result = run("koordynator-admin", "search", "a", env={"KOORDYNATOR_DB": str(path)})
    assert result.returncode == 0 and result.stdout.strip()


def test_smoke_starts_gui_and_prints_seconds(tmp_path):
    path = tmp_path / "s.db"
    admin_cli.main(["demo", "--residents", "300", "--db", str(path)])
    result = run("koordynator", "--smoke", "--db", str(path))
    assert result.returncode == 0, result.stderr
    assert 0 < float(result.stdout.strip().splitlines()[-1]) < 60


def test_smoke_with_env_database_and_demo_flag(tmp_path):
    result = run(
        "koordynator", "--smoke", "--demo", env={"KOORDYNATOR_DATA_DIR": str(tmp_path / "dane")}
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "dane" / "koordynator-demo.db").exists()
    path = tmp_path / "env.db"
    result = run("koordynator", "--smoke", env={"KOORDYNATOR_DB": str(path)})
    assert result.returncode == 0 and path.exists()


@pytest.mark.parametrize("content", [b"zepsute" * 1000])
def test_smoke_on_broken_database_exits_with_message(tmp_path, content):
    path = tmp_path / "b.db"
    path.write_bytes(content)
    result = run("koordynator", "--smoke", "--db", str(path))
    assert result.returncode == 2
    assert "nie jest bazą Koordynatora" in result.stderr
    assert path.read_bytes() == content


def test_command_line_mistakes_are_explained_in_polish(tmp_path):
    missing = run("koordynator-admin", "backup", "--db", str(tmp_path / "k.db"))
    assert missing.returncode == 2
    assert "brakuje wymaganych argumentów: --out" in missing.stderr
    wrong = run("koordynator-admin", "demo", "--residents", "dużo")
    assert "niepoprawna wartość 'dużo'" in wrong.stderr
    for result in (missing, wrong):
        assert "error" not in result.stderr and "usage" not in result.stderr


def test_check_reads_a_backup_without_changing_a_byte(tmp_path):
    import hashlib

    from app.storage import backups
    from app.storage.opening import connect

    path = tmp_path / "k.db"
    db = connect(path)
    db.execute("UPDATE settings SET value = value")
    copy = backups.make_backup(db, path, "reczna", folder=tmp_path / "usb")
    db.conn.close()
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    result = run("koordynator-admin", "check", "--db", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before


def test_odd_arguments_and_outputs_get_polish_messages(tmp_path):
    from app.storage.opening import connect

    path = tmp_path / "k.db"
    connect(path).conn.close()
    folder = run("koordynator-admin", "document", "zgoda", "--db", str(path), "--out",
                 str(tmp_path))
    assert folder.returncode == 2 and "to jest folder" in folder.stderr
    no_eq = run("koordynator-admin", "document", "fiszka", "--db", str(path), "--out",
                str(tmp_path / "f.pdf"), "--field", "pelnomocnik")
    assert no_eq.returncode == 2 and "NAZWA=WARTOŚĆ" in no_eq.stderr
    odd = subprocess.run([sys.executable, "-c", "import sys; from app.cli.admin import main;"
                          "sys.exit(main(sys.argv[1:]))", "document", "zgoda", "--id",
                          b"\xff".decode("utf-8", "surrogateescape"), "--db", str(path),
                          "--out", str(tmp_path / "z.pdf")],
                         capture_output=True, text=True, timeout=60)
    assert odd.returncode == 2 and "Traceback" not in odd.stderr, odd.stderr
    for result in (folder, no_eq, odd):
        assert "Errno" not in result.stderr


def test_invisible_letters_are_not_a_name():
    import pytest as _pytest

    from app.core.validation import clean_text

    for blank in ("\u3164\u3164\u3164", "Kowalski\u3164", "\uffa0"):
        with _pytest.raises(ValueError, match="Nazwisko: .*niewidoczny"):
            clean_text(blank, label="Nazwisko")


def test_a_document_never_overwrites_the_database_or_its_files(tmp_path):
    from app.storage.opening import connect

    path = tmp_path / "k.db"
    connect(path).conn.close()
    before = path.read_bytes()
    for target in (path, path.with_name("k.db.klucz"), path.with_name("k.db-wal")):
        result = run("koordynator-admin", "document", "klauzula", "--db", str(path),
                     "--out", str(target))
        assert result.returncode == 2 and "inną nazwę" in result.stderr, target
    assert path.read_bytes() == before
    assert not path.with_name("k.db.klucz").exists()


def test_audit_verify_does_not_rewrite_the_file_it_verifies(tmp_path):
    import hashlib

    from app.storage import backups
    from app.storage.opening import connect

    path = tmp_path / "k.db"
    db = connect(path)
    db.execute("UPDATE settings SET value = value")
    copy = backups.make_backup(db, path, "reczna", folder=tmp_path / "usb")
    db.conn.close()
    before = hashlib.sha256(copy.read_bytes()).hexdigest()
    result = run("koordynator-admin", "audit-verify", "--db", str(copy))
    assert hashlib.sha256(copy.read_bytes()).hexdigest() == before, result.stdout


def test_an_empty_db_path_is_refused_never_the_default_file(tmp_path):
    for program in ("koordynator-admin", "koordynator"):
        args = ("check", "--db", "") if program == "koordynator-admin" else ("--smoke", "--db", "")
        result = run(program, *args, env={"KOORDYNATOR_DATA_DIR": str(tmp_path)})
        assert result.returncode == 2
        assert "pustą ścieżkę" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no default database was created


def test_document_in_large_print_by_the_mark_or_the_option(tmp_path):
    """--duzy-druk tak|nie overrides the mark on her record, for one document."""
    from app.people import residents_store
    from app.storage.opening import connect
    from tests.app.documents.test_large_print import _body_size
    from tests.conftest import person, set_up_centre

    path = tmp_path / "k.db"
    db = connect(path)
    set_up_centre(db)
    rid = residents_store.add(db, person(large_print=True)).id
    db.conn.close()
    sizes = {}
    for option in ([], ["--duzy-druk", "nie"], ["--pusty", "--duzy-druk", "tak"]):
        out = tmp_path / f"z{len(sizes)}.pdf"
        ids = [] if "--pusty" in option else ["--id", rid]
        result = run("koordynator-admin", "document", "zgoda", *ids, *option, "--db",
                     str(path), "--out", str(out))
        assert result.returncode == 0, result.stderr
        sizes[" ".join(option)] = _body_size(out.read_bytes())
    assert sizes == {"": 14, "--duzy-druk nie": 10, "--pusty --duzy-druk tak": 14}
    refused = run("koordynator-admin", "document", "porozumienie", "--duzy-druk", "tak",
                  "--db", str(path), "--out", str(tmp_path / "p.pdf"))
    assert refused.returncode == 2 and "duży druk" in refused.stderr
