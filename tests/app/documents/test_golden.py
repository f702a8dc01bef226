"""Every kind of document, filled and blank, issued from a fixed demo database on a fixed
day, compared line by line with a reviewed reference in tests/app/documents/golden/.
A change of wording or of what a document holds shows as a diff to review; write the
references anew with KOORDYNATOR_GOLDEN=1 and read the diff before committing it."""

import re
from datetime import date
from pathlib import Path

import pytest

from app.documents import community_forms, context, register, render, schedule, templates
from tests import pdf_text
from tests.app.documents.conftest import REFERRABLE_ITEM, TODAY
from tests.golden import assert_golden

GOLDEN = Path(__file__).parent / "golden"

# the record each kind is issued for, chosen by what the demo data holds in a fixed order
RECORD = {
    "ipus": "SELECT p.case_id FROM plans p JOIN plan_versions v ON v.plan_id = p.id WHERE"
            " v.status = 'zatwierdzony' ORDER BY v.rowid LIMIT 1",
    "upowaznienie": "SELECT r.id FROM residents r JOIN close_persons c ON c.resident_id = r.id"
                    " GROUP BY r.id HAVING count(*) = 1 ORDER BY r.rowid LIMIT 1",
    "zgoda": "SELECT id FROM residents WHERE sex = 'K' ORDER BY rowid LIMIT 1",
    "klauzula": "SELECT id FROM residents WHERE sex = 'M' ORDER BY rowid LIMIT 1",
    "odmowa": "SELECT id FROM applications WHERE status = 'odmowa' ORDER BY rowid LIMIT 1",
    "karta": "SELECT id FROM cases WHERE status = 'zamknieta' ORDER BY rowid LIMIT 1",
    "rozmowa": "SELECT id FROM cases WHERE status = 'zamknieta' ORDER BY rowid LIMIT 1",
    "skierowanie": REFERRABLE_ITEM.replace("LIMIT 1", "ORDER BY i.rowid LIMIT 1"),
    "pelnomocnictwo": "SELECT id FROM partners ORDER BY sort_key LIMIT 1",
    "fiszka": "SELECT id FROM partners ORDER BY sort_key LIMIT 1",
}
TYPED = {
    "odmowa": {"projekt": "tak"},
    "pelnomocnictwo": {"mocodawca": "Gmina Żabno", "siedziba_mocodawcy": "Żabno",
                       "reprezentant_mocodawcy": "Jan Kowal – Wójt Gminy Żabno",
                       "pelnomocnik": "Halina Żurawska",
                       "adres_pelnomocnika": "ul. Polna 3, 33-240 Żabno",
                       "pesel_pelnomocnika": "02270886201", "wazne_do": "31.12.2027",
                       "zakres_podpisu": "tak", "substytucja": "nie"},
    "raport-autoewaluacyjny": {"od": "01.01.2026", "do": "22.11.2026"},
}


class _FixedDate(date):
    @classmethod
    def today(cls):
        return TODAY


@pytest.fixture(autouse=True)
def fixed_day(monkeypatch):
    """The demo data was made on TODAY; documents are issued as if on that day too."""
    for module in (context, community_forms, register, render, schedule):
        monkeypatch.setattr(module, "date", _FixedDate)


def _reviewed(pdf: bytes) -> str:
    text = pdf_text.lines(pdf)
    text = re.sub(r"CUS/[A-Z]+/\d{4}/\d{4}", "CUS/XX/RRRR/NNNN", text)  # issue order
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


@pytest.mark.parametrize("kind", list(templates.KINDS))
def test_filled(demo_db, kind):
    record = demo_db.execute(RECORD[kind]).fetchone()[0] if kind in RECORD else None
    partners = None
    if kind == "porozumienie":  # three signatories, the first three by name
        partners = [r[0] for r in demo_db.execute(
            "SELECT id FROM partners ORDER BY sort_key LIMIT 3")]
    doc = register.issue(demo_db, kind, record, extra=TYPED.get(kind), issued_on=TODAY,
                         partner_ids=partners)
    assert_golden(GOLDEN / f"{kind}.txt", _reviewed(doc.pdf))


@pytest.mark.parametrize("kind", list(templates.KINDS))
def test_blank(demo_db, kind):
    assert_golden(GOLDEN / f"{kind}-pusty.txt", _reviewed(register.blank_form(demo_db, kind)))
