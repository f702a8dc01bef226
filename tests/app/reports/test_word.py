"""The drafts the director finishes in Word: headings in place, the figures from the
reports (checked here against SQL of the test's own), places to write marked, no name."""

import io
from datetime import date

import docx
import pytest

from app.cli import admin as admin_cli
from app.core.dates import age_on
from app.reports import word
from tests.app.reports.test_reports import IN_WORK, PERIOD, one


def text_and_tables(data: bytes) -> tuple[str, list[list[list[str]]]]:
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    return text, tables


@pytest.mark.parametrize("kind", sorted(word.DRAFTS))
def test_a_draft_has_its_sections_the_figures_and_no_names(demo_db, kind):
    data = word.DRAFTS[kind](demo_db, PERIOD)
    text, tables = text_and_tables(data)
    assert "[Do uzupełnienia:" in text and "01.01.2026 – 22.11.2026" in text
    document = docx.Document(io.BytesIO(data))
    page = document.sections[0]
    assert (round(page.page_width.mm), round(page.page_height.mm)) == (210, 297)  # A4
    styles = document.styles.element.xml
    assert 'w:lang w:val="pl-PL"' in styles and "en-US" not in styles
    assert document.core_properties.author != "python-docx"
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
        assert "tylko projekty: sprawozdanie, ocena-zasobow, diagnoza." in \
            capsys.readouterr().err
    for option, value, said in (("--village", "Żabno", "bez --village"),
                                ("--programme", "Program", "bez --programme"),
                                ("--village", " ", "pusty tekst")):
        assert admin_cli.main(["report", "diagnoza", "--from", "01.01.2026", "--to",
                               "22.11.2026", option, value, "--format", "docx", "--out",
                               str(tmp_path / "d.docx"), "--db", db]) == 2
        assert said in capsys.readouterr().err  # never a whole-gmina draft under a filter


def test_the_diagnosis_is_the_territory_form_and_the_needs_by_age_anonymised(demo_db):
    someone = demo_db.execute("SELECT c.resident_id FROM needs n JOIN cases c ON c.id ="
                              " n.case_id LIMIT 1").fetchone()[0]
    demo_db.execute("UPDATE residents SET restricted = 1 WHERE id = ?", [someone])
    data = word.DRAFTS["diagnoza"](demo_db, PERIOD)
    text, tables = text_and_tables(data)
    assert "Stan na dzień: 22.11.2026" in text and ". . . ." not in text
    territory = next(t for t in tables if t[0] == ["Obszar rozpoznania", "Opis"])
    offered = territory[1][1]
    for (name,) in demo_db.execute("SELECT full_name FROM partners WHERE archived_at IS NULL"
                                   " AND partner_type != 'pes'"):
        assert name in offered
    # people with needs in their cards by age group, restricted people left out
    groups = {"dzieci": 0, "osoby dorosłe": 0, "seniorzy": 0}
    for _, born in demo_db.execute(
            "SELECT DISTINCT r.id, r.birth_date FROM needs n JOIN cases c ON c.id = n.case_id"
            " JOIN residents r ON r.id = c.resident_id WHERE n.archived_at IS NULL AND"
            " c.archived_at IS NULL AND r.restricted = 0").fetchall():
        age = age_on(date.fromisoformat(born), PERIOD.end)
        groups["dzieci" if age < 18 else "osoby dorosłe" if age < 60 else "seniorzy"] += 1
    needs = next(t for t in tables if t[0][0] == "Grupa społeczna")
    shown = {row[0].split(" ")[0]: row[0] for row in needs[1:] if row[0]}
    for group, n in groups.items():
        if n == 0:
            assert not any(k.startswith(group.split()[0]) for k in shown)
        elif n < 3:
            assert "mniej niż 3 osoby" in shown[group.split()[0]]
        else:
            assert shown[group.split()[0]].endswith(f"– {n} osób") or \
                shown[group.split()[0]].endswith(f"– {n} osoby")
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document(io.BytesIO(data))
    grid = document.tables[0]  # the territory: the question narrower than its answer
    assert grid.columns[0].width < grid.columns[1].width
    assert grid.rows[1].cells[0].width == grid.columns[0].width
    figures = next(t for t in document.tables if t.rows[0].cells[0].text == "Wskaźnik")
    assert figures.rows[1].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert figures.rows[1].cells[0].paragraphs[0].alignment != WD_ALIGN_PARAGRAPH.RIGHT
    places = [run for t in document.tables for row in t.rows
              for cell in row.cells for p in cell.paragraphs for run in p.runs
              if "[Do uzupełnienia]" in run.text]
    assert places and all(run.italic and run.text == "[Do uzupełnienia]" for run in places)


def test_a_table_too_wide_for_the_page_is_turned_and_no_word_is_cut(demo_db):
    """The partners' ten columns on a portrait page broke "Osoby" into "Osob/y" in Word:
    such a table gets a landscape page of its own, with columns as wide as their words."""
    from docx.enum.section import WD_ORIENT

    from app.documents import layout

    doc = docx.Document(io.BytesIO(word.DRAFTS["sprawozdanie"](demo_db, PERIOD)))
    turned = [s for s in doc.sections if s.orientation == WD_ORIENT.LANDSCAPE]
    assert len(turned) >= 1 and doc.sections[-1].orientation == WD_ORIENT.PORTRAIT
    partners = next(t for t in doc.tables if t.rows[0].cells[0].text == "Partner")
    for column, cell in enumerate(partners.rows[0].cells):
        longest = max((w for row in partners.rows for w in row.cells[column].text.split()),
                      key=len)
        size = partners.rows[0].cells[0].paragraphs[0].runs[0].font.size
        needed = layout.column_widths([[longest]], 1000, size.pt if size else 10.5,
                                      fitting_only=True, hyphenated=False,
                                      padding=word.CELL_MARGINS)[0]
        assert cell.width.pt >= needed - 0.5, (column, longest)
