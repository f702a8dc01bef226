"""The community forms follow seed 003 row by row, their figures agree with SQL written
here, and every kind prints as a blank form: no number, no date, nothing registered."""

import re
from datetime import date
from pathlib import Path

import pytest

from app.catalogue import partners
from app.core.errors import ValidationError
from app.documents import register, templates
from tests import pdf_text

SEED = (Path(__file__).parents[3].parent / "shared" / "seeds" / "003_c33e2740a853d817.txt")


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()


def _flat(text: str) -> str:
    """Spacing, hyphen-joined words and the seed's "instytucji/ organizacji" spacing aside."""
    return re.sub(r"\s+", " ", text.replace("/ ", "/").replace(" /", "/")).strip()


def test_the_needs_diagnosis_has_the_seeds_four_columns_and_counts_people(demo_db):
    header = next(line for line in _seed_lines() if line.startswith("Grupa społeczna\t"))
    text = pdf_text.text(register.issue(demo_db, "diagnoza-potrzeb").pdf)
    assert " ".join(header.split("\t")) in text  # Grupa społeczna Problem Potrzeby Sposoby…
    seniors = demo_db.execute(
        "SELECT count(DISTINCT r.id) FROM needs n JOIN cases c ON c.id = n.case_id JOIN"
        " residents r ON r.id = c.resident_id WHERE n.archived_at IS NULL AND"
        " c.archived_at IS NULL AND r.birth_date <= ?",
        [date(date.today().year - 60, date.today().month, date.today().day).isoformat()]
    ).fetchone()[0]
    assert seniors > 0
    noun = "osoba" if seniors == 1 else "osoby" if seniors % 10 in (2, 3, 4) and \
        seniors % 100 not in (12, 13, 14) else "osób"
    assert f"seniorzy (60 lat i więcej) – {seniors} {noun}" in text
    # a figure under three leaves the office as "mniej niż 3", never exact
    assert not re.search(r"– [12] osob|\([12]\)", text)
    assert "mniej niż 3 osoby" in text


def test_a_rare_need_is_counted_never_quoted(db):
    """A description that only one or two people share could name them in a small gmina;
    three or more are quoted with their number."""
    from datetime import timedelta

    from app.cases import applications
    from app.people import residents_store
    from tests.conftest import person

    cases = []
    for n in range(4):
        r = residents_store.add(db, person(pesel="", id_document=f"XYZ00000{n}",
                                           birth_date="1950-01-02"))
        filed = date.today() - timedelta(days=10)
        app_id = applications.file_application(db, r.id, filed, "osoba", "osobiscie", "Pomoc")
        cases.append(applications.qualify(db, app_id, filed))
    for n, case_id in enumerate(cases):
        for text in ("Brak transportu do lekarza", *(["Opieka nad chorym mężem Janem"]
                                                     if n == 0 else [])):
            db.execute("INSERT INTO needs (id, created_at, updated_at, case_id, category,"
                       " description, status, identified_on) VALUES (?, '2026-11-01',"
                       " '2026-11-01', ?, 'spoleczne', ?, 'niezaspokojona', '2026-11-01')",
                       [f"{case_id}-{text[:5]}", case_id, text])
    db.conn.commit()
    text = pdf_text.text(register.issue(db, "diagnoza-potrzeb").pdf)
    assert "„brak transportu do lekarza” (4)" in text
    assert "mężem" not in text
    assert "społeczne – 4 osoby" in text


def test_the_territory_diagnosis_asks_the_seeds_questions_in_order(demo_db):
    lines = _seed_lines()
    start = lines.index(next(x for x in lines if x.startswith("Wzór formularza diagnozy "
                                                                "terytorium")))
    questions = [x.split("\t")[0] for x in lines[start + 4:start + 8]]
    assert len(questions) == 4
    for pdf in (register.issue(demo_db, "diagnoza-terytorium").pdf,
                register.blank_form(demo_db, "diagnoza-terytorium")):
        text = _flat(pdf_text.text(pdf))
        at = [text.find(_flat(q).rstrip(".")) for q in questions]
        assert -1 not in at and at == sorted(at), questions
        assert "Terytorium:" in text and "Instytucja/podmiot dokonujący rozpoznania:" in text
    pes = demo_db.execute("SELECT full_name FROM partners WHERE partner_type = 'pes' AND"
                          " archived_at IS NULL").fetchall()
    filled = pdf_text.text(register.issue(demo_db, "diagnoza-terytorium").pdf)
    assert pes and all(name in filled for name, in pes)


def test_the_raport_has_every_section_of_the_seeds_outline(demo_db):
    lines = _seed_lines()
    start = lines.index("Raport autoewaluacyjny")
    outline = [re.sub(r"^\s*-\s*", "", x) for x in lines[start + 2:start + 28] if x.strip()]
    numbers = [m.group(1) for x in outline if (m := re.match(r"(\d(?:\.\d)*)\.", x))]
    assert "3.3" in numbers and "3.4" in numbers and "2.1.5" in numbers
    for pdf in (register.issue(demo_db, "raport-autoewaluacyjny").pdf,
                register.blank_form(demo_db, "raport-autoewaluacyjny")):
        text = _flat(pdf_text.text(pdf))
        where = [text.find(f" {n}. ") for n in numbers]
        assert -1 not in where and where == sorted(where), dict(zip(numbers, where, strict=True))
        for n in ("3.3", "3.4"):  # "analogicznie jak dla sfery 1": written out in full
            assert all(f" {n}.{k}. " in text for k in range(1, 5)), n
        assert "Wnioski" in text and "dnia" in text


def test_the_raport_covers_the_period_typed(demo_db):
    partner_id = demo_db.execute("SELECT id FROM partners LIMIT 1").fetchone()[0]
    partners.add_action(demo_db, partner_id, "2026-03-02", "Szkolenie opiekunek")
    partners.add_action(demo_db, partner_id, "2025-05-05", "Festyn rodzinny")
    text = pdf_text.text(register.issue(demo_db, "raport-autoewaluacyjny",
                                        extra={"od": "01.01.2026", "do": "30.06.2026"}).pdf)
    assert "01.01.2026 – 30.06.2026" in text
    assert "Szkolenie opiekunek" in text and "Festyn rodzinny" not in text
    with pytest.raises(ValidationError, match="koniec okresu jest przed jego początkiem"):
        register.issue(demo_db, "raport-autoewaluacyjny",
                       extra={"od": "01.07.2026", "do": "30.06.2026"})
    with pytest.raises(ValidationError, match="Okres od"):
        register.issue(demo_db, "raport-autoewaluacyjny", extra={"od": "31.02.2026"})


@pytest.mark.parametrize("kind", list(templates.KINDS))
def test_a_blank_form_has_no_number_no_date_and_is_not_registered(demo_db, kind):
    def counts():
        return demo_db.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*)"
                               " FROM audit_log), (SELECT sum(last_number) FROM"
                               " document_counters)").fetchone()
    before = counts()
    pdf = register.blank_form(demo_db, kind)
    assert counts() == before
    pages = pdf_text.pages(pdf)
    text = " ".join(pages)
    assert f"Strona {len(pages)} z {len(pages)}" in pages[-1]
    assert "CUS/" not in text and "Nr:" not in text
    assert not re.search(r"\b\d{2}\.\d{2}\.20\d\d\b", text), "a date printed on a blank form"
    assert "{" not in text and "■" not in text
    if "[[miejsce_data]]" in templates.default_body(kind):
        assert re.search(r"dnia \.{10,}", text)
