"""The znak sprawy as the office keeps it: a pattern the KIPUS sets, with the JRWA symbol of
each kind of case file; the IPUS case and the refused application's proceedings each
numbered in their year; the pattern is text, never code."""

from datetime import date

import pytest

from app.casefile import cases
from app.core import reference
from app.core.errors import ValidationError
from app.people import residents_store as store
from app.settings import store as settings_store
from tests.conftest import person


@pytest.mark.parametrize("pattern, message", [
    ("{symbol}.{numer}", "{numer} i {rok}"),
    ("{symbol}.{jrwa}.{rok}", "{numer} i {rok}"),
    ("{symbol.__class__}.{numer}.{rok}", "nieznane pole"),
    ("{0}.{numer}.{rok}", "nieznane pole"),
    ("{numer:>10}.{rok}", "nieznane pole"),
    ("{symbol}.{numer}.{rok}}", "bez pary"),
    ("{symbol} {numer} {rok}", "bez spacji"),
    ("", "pusty"),
])
def test_a_pattern_that_cannot_number_cases_is_refused(db, pattern, message):
    errors = settings_store.save(db, {"case_ref_pattern": pattern})
    assert message in errors["case_ref_pattern"]
    assert settings_store.load(db).case_ref_pattern == reference.DEFAULT


def test_cases_are_numbered_by_the_pattern_with_the_jrwa_symbol(db):
    r = store.add(db, person())
    first = cases.open_case(db, r.id, date(2026, 3, 2))
    assert cases.get_case(db, first).case_number == "CUS/2026/0001"  # as before patterns
    assert settings_store.save(db, {"case_ref_pattern": "{symbol}.{jrwa}.{numer}.{rok}",
                                    "office_symbol": "CUS-Z"}) == {}
    with pytest.raises(ValidationError, match="symbol JRWA"):
        cases.open_case(db, r.id, date(2026, 3, 2))
    assert settings_store.save(db, {"jrwa_case": "4012"}) == {}
    db.execute("UPDATE document_counters SET last_number = 16 WHERE kind = 'sprawa' AND"
               " year = 2026")
    seventeenth = cases.open_case(db, r.id, date(2026, 3, 3))
    assert cases.get_case(db, seventeenth).case_number == "CUS-Z.4012.17.2026"
    next_year = cases.open_case(db, r.id, date(2027, 1, 4))
    assert cases.get_case(db, next_year).case_number == "CUS-Z.4012.1.2027"
    assert settings_store.save(db, {"jrwa_case": "40.12"})["jrwa_case"]  # no separators


def test_a_number_typed_in_by_hand_is_skipped_not_repeated(db):
    r = store.add(db, person())
    first = cases.open_case(db, r.id, date(2026, 3, 2))
    db.execute("UPDATE cases SET case_number = 'CUS/2026/0002' WHERE id = ?", [first])
    second = cases.open_case(db, r.id, date(2026, 3, 2))
    assert cases.get_case(db, second).case_number == "CUS/2026/0003"
