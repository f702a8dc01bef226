"""The resident form under hostile input: 10,000 characters, emoji, right-to-left text, NUL.
It never crashes and never stores anything that would not pass validation."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.people import residents_store as store
from app.people.residents import validated
from tests.conftest import TODAY, session_of
from ui.register.resident_dialog import ResidentDialog

HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["x" * 10_000, "Nowak\x00", "שלום", "Kowalska 😀", "\u202eKowalski",
                     "Zofia", "Żabno", "83-221", "44051401359", "<b>&amp;", "'; DROP TABLE x"]),
)


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory):
    from app.storage.opening import connect

    db = connect(tmp_path_factory.mktemp("wrogie") / "k.db")
    yield db
    db.conn.close()


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(surname=HOSTILE, first=HOSTILE, pesel=HOSTILE, city=HOSTILE, postal=HOSTILE,
       phone=HOSTILE, born=HOSTILE, relation=HOSTILE)
def test_form_never_crashes_nor_stores_invalid(qtbot, shared_db, surname, first, pesel, city,
                                              postal, phone, born, relation):
    dialog = ResidentDialog(session_of(shared_db))
    qtbot.addWidget(dialog)
    for name, value in (("surname", surname), ("first_name", first), ("pesel", pesel),
                        ("city", city), ("postal_code", postal), ("phone", phone),
                        ("birth_date", born), ("id_document", "AB123")):
        dialog.edits[name].setText(value)
    row = dialog.household.add_row()
    for key, value in (("surname", surname), ("first_name", first), ("relation", relation)):
        dialog.household.model.set_value(row, key, value)  # hypothesis: no keystrokes
    dialog.confirm_new.setChecked(True)
    before = store.count(shared_db, include_archived=True)
    saved = dialog.save()
    after = store.count(shared_db, include_archived=True)
    if not saved:
        assert after == before
        assert not dialog.banner.isHidden()  # the KIPUS is told why
        return
    assert after == before + 1
    stored = store.get(shared_db, dialog.result_value.saved.id)
    validated(stored, TODAY)  # what is stored passes validation as it stands
    assert "\x00" not in stored.surname + stored.first_name + stored.city
