"""Documents set as an office would set them: every font embedded, a word broken at a line's
end only at a syllable with a hyphen, columns as wide as their words, and signatures never
alone on a page."""

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from app.documents import register, templates
from app.plans import store as plans
from tests import pdf_text
from tests.app.documents.conftest import REFERRABLE_ITEM
from tests.conftest import qualified_case

TODAY = date(2026, 11, 22)
ID_OF = {"ipus": "SELECT case_id FROM plans LIMIT 1",
         "upowaznienie": "SELECT id FROM residents LIMIT 1",
         "odmowa": "SELECT id FROM applications LIMIT 1",
         "karta": "SELECT id FROM cases LIMIT 1",
         "rozmowa": "SELECT id FROM cases WHERE status = 'zamknieta' LIMIT 1",
         "skierowanie": REFERRABLE_ITEM,
         "pelnomocnictwo": "SELECT id FROM partners LIMIT 1",
         "fiszka": "SELECT id FROM partners LIMIT 1",
         "zgoda": "SELECT id FROM residents LIMIT 1",
         "klauzula": "SELECT id FROM residents LIMIT 1"}
# a refusal prints as a draft until the settings name the Act's provision it rests on
DRAFT = {"odmowa": {"projekt": "tak"}, "pelnomocnictwo": {"pelnomocnik": "Anna Nowak"}}


def _fonts(pdf: bytes) -> dict[str, bool]:
    """Every font any page or drawing on it uses: its name → whether it is embedded."""
    found = {}

    def visit(resources):
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            for child in font.get("/DescendantFonts") or []:
                descriptor = descriptor or child.get_object().get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[str(font["/BaseFont"])] = embedded
        for xobject in (resources.get("/XObject") or {}).values():
            inner = xobject.get_object().get("/Resources")
            if inner:
                visit(inner.get_object())

    for page in PdfReader(io.BytesIO(pdf)).pages:
        visit(page["/Resources"].get_object())
    return found


@pytest.mark.parametrize("kind", sorted(templates.KINDS))
def test_every_font_of_every_kind_is_embedded(demo_db, kind):
    sql = ID_OF.get(kind)
    record = demo_db.execute(sql).fetchone()[0] if sql else None
    fonts = _fonts(register.issue(demo_db, kind, record, extra=DRAFT.get(kind)).pdf)
    assert fonts and all(fonts.values()), fonts


def test_words_break_only_at_a_syllable_with_a_hyphen(db):
    """Narrow columns of the plan's table: each long word is either whole on a line or split
    with a hyphen where Polish allows it ("nieod-płatnie"), never "nieodpł|atnie"."""
    case_id = qualified_case(db, 30)
    service = db.execute("SELECT id FROM services WHERE name LIKE 'Przygotowywanie%'"
                         ).fetchone()[0]
    start = TODAY + timedelta(days=3)
    long_words = "Przygotowywanie niepełnosprawnością współfinansowanie zakwaterowania"
    plans.save_items(db, case_id, [plans.PlanItem(
        service_id=service, frequency=long_words, place="Wierzchucino, świetlica wiejska",
        start_on=start.isoformat(), end_on=(start + timedelta(days=90)).isoformat(),
        copayment_note="nieodpłatnie dla osób z niepełnosprawnością")],
        db.execute("SELECT resident_id FROM cases WHERE id = ?", [case_id]).fetchone()[0])
    raw = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(
        register.issue(db, "ipus", case_id).pdf)).pages)
    for word in set(re.findall(r"\w{9,}", long_words + " nieodpłatnie Wierzchucino")):
        whole = re.search(rf"(?<!\w){word}(?!\w)", raw)
        split = [k for k in range(2, len(word) - 1)
                 if f"{word[:k]}-\n{word[k:]}" in raw]
        assert whole or split, f"{word} broken without a hyphen"


def test_signatures_go_to_the_next_page_with_the_closing_text(demo_db):
    """Fill the plan until its signatures would fall to a new page: they take the place and
    date and the sentence before them along, never standing there alone."""
    case_id = demo_db.execute("SELECT case_id FROM plans LIMIT 1").fetchone()[0]
    for _ in range(14):
        version = plans.current_version(demo_db, case_id)
        header = demo_db.execute("SELECT person_commitments FROM plan_versions WHERE id = ?",
                                 [version.id]).fetchone()[0]
        demo_db.execute("UPDATE plan_versions SET person_commitments = ? WHERE id = ?",
                        [(header or "") + " Osoba zobowiązuje się do udziału w zajęciach."
                         * 3, version.id])
        pages = pdf_text.pages(register.issue(demo_db, "ipus", case_id).pdf)
        if len(pages) > 1:
            last = pages[-1]
            assert "dnia" in last and "Plan uzgodniono" in last, last[:300]
            return
    pytest.fail("the plan never reached a second page")


@pytest.mark.parametrize("width", [55, 62, 70, 85])
def test_a_long_word_after_others_is_hyphenated_on_its_own_line_not_overflowing(width):
    """ReportLab would cut a word too long for the rest of a line anywhere, or, with cutting
    off, let it run past the cell: it must go to the next line and break at a syllable."""
    from reportlab.platypus import Paragraph

    from app.documents import layout

    p = Paragraph("Przygotowywanie niepełnosprawnością współfinansowanie zakwaterowania",
                  layout.styles()["cell"])
    p.wrap(width, 1000)
    lines = p.blPara.lines
    assert all(extra >= -0.5 for extra, _words in lines), [(e, w) for e, w in lines]
    broken = [str(words[-1]) for _extra, words in lines[:-1] if str(words[-1])[-1:] == "-"]
    assert all(len(w) > 2 for w in broken)


SLASHED = re.compile(r"Pani/Pan|Panią/Pana|podpisana/podpisany|zamieszkała/zamieszkały|"
                     r"Zapoznałam/zapoznałem|Zapoznałam/Zapoznałem|\(a\)")


@pytest.mark.parametrize("kind", ["upowaznienie", "zgoda", "klauzula", "skierowanie", "odmowa",
                                  "ipus", "karta", "rozmowa"])
def test_a_person_whose_sex_is_known_is_never_written_both_ways(demo_db, kind):
    sql = ID_OF[kind]
    record = demo_db.execute(sql).fetchone()[0]
    printed = pdf_text.text(register.issue(demo_db, kind, record, extra=DRAFT.get(kind)).pdf)
    assert not SLASHED.findall(printed), SLASHED.findall(printed)


def test_a_title_wraps_between_words_never_hyphenated(demo_db):
    raw = PdfReader(io.BytesIO(register.issue(demo_db, "porozumienie").pdf)).pages[0] \
        .extract_text()
    title = raw[raw.index("Porozumienie"):raw.index("zawarte")]
    assert "-" not in title and " ".join(title.split()) == \
        "Porozumienie o współpracy na rzecz usług społecznych"
    assert title.strip().splitlines()[-1].strip() == "usług społecznych"  # never one word alone


@pytest.mark.parametrize("lines", range(0, 24, 2))
def test_a_decisions_signature_keeps_the_last_lines_and_the_addressees(demo_db, lines):
    """Wherever the page ends, the signature takes the end of the instruction on appeal
    along, and "Otrzymują" stays under it, never alone on a page."""
    body = templates.default_body("odmowa").replace(
        "## Pouczenie", "[[linie: 2]]\n" * (lines // 2) + "## Pouczenie")
    demo_db.execute("INSERT INTO document_templates (kind, body, updated_at) VALUES"
                    " ('odmowa', ?, '') ON CONFLICT(kind) DO UPDATE SET body = excluded.body",
                    [body])
    refused = demo_db.execute("SELECT id FROM applications WHERE status = 'odmowa'"
                              " LIMIT 1").fetchone()[0]
    try:
        pages = pdf_text.pages(register.issue(demo_db, "odmowa", refused,
                                              extra={"projekt": "tak"}).pdf)
    finally:
        demo_db.execute("DELETE FROM document_templates")
    last = pages[-1]
    assert "Otrzymują" in last and "z upoważnienia" in last, last[:200]
    assert "prawomocna" in last.split("z upoważnienia")[0]  # the instruction's end above


@pytest.mark.parametrize("typed, printed", [
    ("Pomoc w domu.", "Prośba: Pomoc w domu. Dalej"),
    ("Pomoc w domu", "Prośba: Pomoc w domu. Dalej"),
    ("Czy pomożecie?", "Prośba: Czy pomożecie? Dalej"),
    ("", "Prośba: …………………………… Dalej"),
])
def test_a_value_typed_as_a_sentence_gets_one_full_stop(typed, printed):
    from app.documents import render

    assert render.fill("Prośba: {wniosek}. Dalej", {"wniosek": typed}) == printed


@pytest.mark.parametrize("category, words", [
    ("B10", "10 lat (kategoria archiwalna B10)"), ("B5", "5 lat (kategoria archiwalna B5)"),
    ("B2", "2 lata (kategoria archiwalna B2)"), ("BE5", "5 lat (kategoria BE5), a następnie"),
    ("A", "wieczyście"), ("Bc", "do czasu utraty przydatności praktycznej"),
])
def test_the_retention_reads_in_years(category, words):
    from app.documents import context

    assert context._retention(category).startswith(words)


@pytest.mark.parametrize("typed, sex, printed", [
    ("panna/kawaler", "K", "panna"), ("panna/kawaler", "M", "kawaler"),
    ("żonaty/zamężna", "K", "zamężna"), ("wdowa/wdowiec", "M", "wdowiec"),
    ("panna/kawaler", None, "panna/kawaler"), ("w związku nieformalnym", "K",
                                               "w związku nieformalnym"),
])
def test_the_card_gives_the_marital_status_of_the_person(typed, sex, printed):
    from app.documents import context

    assert context._by_sex_if_paired(typed, sex) == printed


def test_the_printed_card_gives_her_marital_status_not_both(db):
    case_id = qualified_case(db, 10)
    db.execute("UPDATE residents SET sex = 'K' WHERE id = (SELECT resident_id FROM cases"
               " WHERE id = ?)", [case_id])
    db.execute("INSERT INTO card_general (id, created_at, updated_at, case_id, marital_status)"
               " VALUES ('g1', '2026-11-01', '2026-11-01', ?, 'panna/kawaler')", [case_id])
    db.conn.commit()
    text = pdf_text.text(register.issue(db, "karta", case_id).pdf)
    assert "Stan cywilny panna" in text and "panna/kawaler" not in text


def test_the_card_is_signed_by_each_provider_who_gave_support(demo_db):
    """Seed 001: the card bears the signatures of the person and of those who gave
    support; every provider of any version of the plan gets a block under its name."""
    case_id, count = demo_db.execute(
        "SELECT p.case_id, count(DISTINCT i.partner_id) FROM plan_items i JOIN plan_versions v"
        " ON v.id = i.plan_version_id JOIN plans p ON p.id = v.plan_id WHERE i.partner_id IS"
        " NOT NULL AND i.archived_at IS NULL GROUP BY p.case_id ORDER BY 2 DESC LIMIT 1"
    ).fetchone()
    names = [r[0] for r in demo_db.execute(
        "SELECT DISTINCT pa.full_name FROM plan_items i JOIN plan_versions v ON v.id ="
        " i.plan_version_id JOIN plans p ON p.id = v.plan_id JOIN partners pa ON pa.id ="
        " i.partner_id WHERE p.case_id = ? AND i.archived_at IS NULL", [case_id])]
    assert count >= 2 and len(names) == count
    text = pdf_text.text(register.issue(demo_db, "karta", case_id).pdf)
    closing = text.split("Część szczegółowa")[-1]
    assert closing.count("osoba udzielająca wsparcia w imieniu wykonawcy") == count
    for name in names:
        assert name in closing


@pytest.mark.parametrize("lines", [0, 4, 8, 12, 16, 20])
def test_a_partys_signature_block_is_never_split_across_pages(demo_db, lines):
    """The raport's blocks (one per partner) fall wherever the text before them ends; each
    keeps its name, representative, stamp and signature on one page."""
    body = templates.default_body("raport-autoewaluacyjny").replace(
        "## 4. Wnioski", "## 4. Wnioski\n" + "[[linie: 2]]\n" * (lines // 2))
    demo_db.execute("INSERT INTO document_templates (kind, body, updated_at) VALUES"
                    " ('raport-autoewaluacyjny', ?, '') ON CONFLICT(kind) DO UPDATE SET"
                    " body = excluded.body", [body])
    names = [r[0] for r in demo_db.execute("SELECT full_name FROM partners WHERE archived_at"
                                           " IS NULL")]
    try:
        pages = pdf_text.pages(register.issue(demo_db, "raport-autoewaluacyjny").pdf)
    finally:
        demo_db.execute("DELETE FROM document_templates")
    for page in pages:
        blocks = page.split("Żabno, dnia")[-1]
        named = sum(blocks.count(n) for n in names)
        assert named == blocks.count("w imieniu podpisuje") == blocks.count(
            "pieczęć i podpis"), page
