"""Large print (14 pt) for a resident who sees poorly: the documents she keeps are set larger
when her record asks for it or the KIPUS ticks it, nothing runs past the page's edge, and
the register keeps the large copy for a reprint."""

import io
from collections import Counter

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.core.errors import ValidationError
from app.documents import fonts, layout, register
from app.people import residents_store
from tests.app.documents.test_typesetting import DRAFT, ID_OF

PAGE_WIDTH = 595.27  # A4 in points
RIGHT_MARGIN = layout.OTHER_MARGIN_MM * 72 / 25.4


def _runs(pdf: bytes) -> list[tuple[float, float, str, float]]:
    """Every piece of text as (x, size, text, width), read from the PDF itself."""
    fonts.register()
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        def visit(text, cm, tm, font, size, found=found):
            if text.strip() and font is not None:
                bold = "Bold" in str(font.get("/BaseFont", ""))
                scale = (tm[0] * cm[0]) or 1
                width = stringWidth(text.strip(), fonts.SANS_BOLD if bold else fonts.SANS, size)
                found.append((tm[4] * cm[0] + cm[4], size * scale, text.strip(), width * scale))
        page.extract_text(visitor_text=visit)
    return found


def _body_size(pdf: bytes) -> float:
    """The size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for _, size, text, _ in _runs(pdf):
        sizes[round(size, 1)] += len(text)
    return sizes.most_common(1)[0][0]


@pytest.mark.parametrize("kind", sorted(register.RESIDENT_KEEPS))
def test_the_documents_she_keeps_print_at_14_pt_within_the_page(demo_db, kind):
    record = demo_db.execute(ID_OF[kind]).fetchone()[0]
    ordinary = register.issue(demo_db, kind, record, extra=DRAFT.get(kind), copies=1,
                              large_print=False).pdf
    large = register.issue(demo_db, kind, record, extra=DRAFT.get(kind), copies=1,
                           large_print=True).pdf
    # text set in tables (a plan's items, a card's entries) is 9 pt, and 12.6 pt large
    assert _body_size(ordinary) in (9, 10)
    assert _body_size(large) == round(_body_size(ordinary) * layout.LARGE_PRINT, 1)
    assert len(PdfReader(io.BytesIO(large)).pages) >= len(PdfReader(io.BytesIO(ordinary)).pages)
    edge = PAGE_WIDTH - RIGHT_MARGIN + 2
    over = [(round(x + w), text) for x, _, text, w in _runs(large) if x + w > edge]
    assert not over, over[:5]


def test_the_mark_on_her_record_sets_the_default_and_the_reprint_keeps_it(demo_db):
    rid = demo_db.execute("SELECT id FROM residents WHERE archived_at IS NULL AND birth_date"
                          " < '2000-01-01' ORDER BY rowid LIMIT 1").fetchone()[0]
    resident = residents_store.get(demo_db, rid)
    assert not resident.large_print
    resident.large_print = True
    residents_store.update(demo_db, resident)
    assert demo_db.execute("SELECT large_print FROM residents WHERE id = ?",
                           [rid]).fetchone() == (1,)
    assert residents_store.get(demo_db, rid).large_print
    issued = register.issue(demo_db, "zgoda", rid)
    assert _body_size(issued.pdf) == 14
    assert _body_size(register.reprint(demo_db, issued.number)) == 14
    # the KIPUS can print one document the ordinary way all the same
    assert _body_size(register.issue(demo_db, "klauzula", rid, large_print=False).pdf) == 10


def test_large_print_is_refused_for_a_document_no_resident_gets(demo_db):
    partner = demo_db.execute(ID_OF["fiszka"]).fetchone()[0]
    with pytest.raises(ValidationError) as refused:
        register.issue(demo_db, "fiszka", partner, large_print=True)
    assert "duży druk" in str(refused.value.errors)


def test_large_print_is_set_ragged_right_not_justified(demo_db):
    """Justified 14 pt lines leave wide gaps between few words: large print is not
    stretched (no word spacing, PDF's Tw, is set), the ordinary print is."""
    import re

    rid = demo_db.execute(ID_OF["klauzula"]).fetchone()[0]

    def stretched(pdf: bytes) -> int:
        content = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
        return sum(abs(float(t)) > 0.01 for t in re.findall(rb"([-\d.]+) Tw", content))
    assert stretched(register.issue(demo_db, "klauzula", rid, large_print=False).pdf) >= 1
    assert stretched(register.issue(demo_db, "klauzula", rid, large_print=True).pdf) == 0
