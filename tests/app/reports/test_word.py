"""The drafts the director finishes in Word: headings in place, the figures from the
reports (checked here against SQL of the test's own), places to write marked, no name."""

import io

import docx
import pytest

from app.cli import admin as admin_cli
from app.reports import word
from tests.app.reports.test_reports import IN_WORK, PERIOD, one


def text_and_tables(data: bytes) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return text, tables


@pytest.mark.parametrize("kind", sorted(word.DRAFTS))
def test_a_draft_has_its_sections_the_figures_and_no_names(demo_db, kind):
    text, tables = text_and_tables(word.DRAFTS[kind](demo_db, PERIOD))
    assert "[Do uzupełnienia:" in text and "01.01.2026 – 22.11.2026" in text
    headings = [line for line in text.splitlines() if line[:2] in ("1.", "2.", "3.", "4.")]
    assert len(headings) >= 4
    summary = next(t for t in tables if t[0] == ["Wskaźnik", "Liczba"])
    people = one(demo_db, "SELECT count(DISTINCT c.resident_id) FROM cases c JOIN residents r"
                          f" ON r.id = c.resident_id WHERE {IN_WORK}")
    assert ["Osoby objęte wsparciem (sprawy prowadzone w okresie)", str(people)] in summary
    everything = text + " ".join(c for t in tables for row in t for c in row)
    for surname, first in demo_db.execute(
            "SELECT r.surname, r.first_name FROM cases c JOIN residents r ON r.id ="
            " c.resident_id LIMIT 20"):
        assert f"{first} {surname}" not in everything and f"{surname} {first}" not in everything


def test_the_command_line_writes_drafts_only_as_docx(demo_db, tmp_path, capsys):
    db = str(demo_db.path)
    out = tmp_path / "sprawozdanie.docx"
    assert admin_cli.main(["report", "sprawozdanie", "--from", "01.01.2026", "--to",
                           "22.11.2026", "--format", "docx", "--out", str(out), "--db",
                           db]) == 0
    assert "Sprawozdanie z działalności" in text_and_tables(out.read_bytes())[0]
    for kind, fmt in (("zestawienie", "docx"), ("sprawozdanie", "pdf")):
        assert admin_cli.main(["report", kind, "--from", "01.01.2026", "--to", "22.11.2026",
                               "--format", fmt, "--out", str(tmp_path / f"x.{fmt}"),
                               "--db", db]) == 2
        assert "sprawozdanie i ocena-zasobow" in capsys.readouterr().err
