"""The refusal of qualification is an administrative decision: read against art. 107 § 1
and § 3 KPA, element by element; a draft only when asked for; a final decision never
printed with an empty organ, authorisation, SKO or legal basis."""

from __future__ import annotations

from datetime import date

import pytest

from app.cases import applications
from app.core.errors import ValidationError
from app.documents import register
from app.settings import store as settings_store
from tests import pdf_text

DECIDED = date(2026, 11, 20)
LAWYERS_BASIS = "art. 99 ust. 9 (wpis przykładowy testu)"


@pytest.fixture
def refused(demo_db):
    resident = demo_db.execute("SELECT id FROM residents r WHERE NOT EXISTS (SELECT 1 FROM"
                               " applications a WHERE a.resident_id = r.id) AND pesel IS NOT"
                               " NULL ORDER BY surname LIMIT 1").fetchone()[0]
    app_id = applications.file_application(demo_db, resident, date(2026, 11, 10), "osoba",
                                           "osobiscie", "Pomoc w domu", today=DECIDED)
    applications.refuse(demo_db, app_id, DECIDED, "Osoba mieszka poza gminą, a program "
                        "obejmuje wyłącznie mieszkańców Gminy Żabno.", today=DECIDED)
    yield app_id
    settings_store.save(demo_db, {**settings_store.texts(demo_db), "refusal_legal_basis": ""})


LAW = {"uzasadnienie_prawne": "Program obejmuje wyłącznie mieszkańców gmin, które go "
                               "przyjęły; osoba w nich nie mieszka."}


def _count(db) -> int:
    return db.execute("SELECT count(*) FROM documents").fetchone()[0]


def test_a_final_decision_names_what_the_settings_lack_and_records_nothing(demo_db, refused):
    before = _count(demo_db)
    with pytest.raises(ValidationError) as caught:
        register.issue(demo_db, "odmowa", refused)
    message = caught.value.errors["settings"]
    assert "Przepis ustawy o CUS" in message and "projekt decyzji" in message
    assert "Organ wydający" not in message  # the demo names the organ
    assert _count(demo_db) == before


def test_a_draft_says_so_and_the_decision_does_not(demo_db, refused):
    before = demo_db.execute("SELECT count(*) FROM documents").fetchone()
    issued = register.issue(demo_db, "odmowa", refused, extra={"projekt": "tak"})
    draft = pdf_text.text(issued.pdf)
    assert "PROJEKT DECYZJI" in draft
    # a draft takes no number of the decisions' series and is not in the register
    assert issued.number == "" and "CUS/DEC" not in draft
    assert demo_db.execute("SELECT count(*) FROM documents").fetchone() == before
    settings_store.save(demo_db, {**settings_store.texts(demo_db),
                                  "refusal_legal_basis": LAWYERS_BASIS})
    with pytest.raises(ValidationError, match="art. 107 § 3 KPA"):
        register.issue(demo_db, "odmowa", refused, extra={"uzasadnienie_prawne": "."})
    with pytest.raises(ValidationError, match="art. 107 § 3 KPA") as caught:
        register.issue(demo_db, "odmowa", refused)  # no reasons of law for this case
    assert list(caught.value.errors) == ["uzasadnienie_prawne"]
    final = pdf_text.text(register.issue(demo_db, "odmowa", refused, extra=LAW).pdf)
    assert "PROJEKT" not in final and "DECYZJA" in final
    titles = [r[0] for r in demo_db.execute("SELECT title FROM documents WHERE kind = 'odmowa'"
                                            " ORDER BY rowid DESC LIMIT 1")]
    assert titles == ["Decyzja o odmowie zakwalifikowania"]


def test_the_decision_holds_every_element_of_art_107(demo_db, refused):
    settings_store.save(demo_db, {**settings_store.texts(demo_db),
                                  "refusal_legal_basis": LAWYERS_BASIS})
    row = demo_db.execute("SELECT r.first_name, r.surname, r.pesel, a.request,"
                          " p.resolution_number FROM applications a JOIN residents r ON"
                          " r.id = a.resident_id, programmes p WHERE a.id = ?",
                          [refused]).fetchone()
    text = pdf_text.text(register.issue(demo_db, "odmowa", refused, extra=LAW).pdf)
    required = {
        "organ": "Wójt Gminy Żabno",
        "date of issue": f"Żabno, dnia {date.today():%d.%m.%Y}",  # issued, not decided
        "party": f"PESEL {row[2]}",
        "legal basis, KPA": "art. 104 oraz art. 107 § 1 i § 3 ustawy z dnia 14 czerwca "
                            "1960 r. – Kodeks postępowania administracyjnego (Dz. U.",
        "legal basis, the Act": f"{LAWYERS_BASIS} ustawy z dnia 19 lipca 2019 r. o "
                                "realizowaniu usług społecznych przez centrum usług "
                                "społecznych (Dz. U. z 2019 r. poz. 1818",
        "the programme's resolution": f"uchwały nr {row[4]}",
        "the decision": "orzekam odmówić zakwalifikowania",
        "reasons of fact": "Ustalenia faktyczne: Osoba mieszka poza gminą",
        "the request": f"wniesiono o: {row[3]}",
        "reasons of law": f"Uzasadnienie prawne: {LAW['uzasadnienie_prawne']}",
        "appeal to the SKO": "odwołanie do Samorządowego Kolegium Odwoławczego w Gdańsku",
        "appeal period": "w terminie 14 dni od dnia jej doręczenia",
        "waiver": "zrzec się prawa do jego wniesienia",
        "signatory": "Maria Nowak Dyrektor Centrum Usług Społecznych, z upoważnienia Wójta "
                     "Gminy Żabno nr 1/2026",
    }
    missing = {element: words for element, words in required.items() if words not in text}
    assert missing == {}
    assert f"{row[0]} {row[1]}" in text
    for wrong in ("Pani/Pana", "……"):
        assert wrong not in text


def test_the_window_issues_a_draft_when_ticked(qtbot, demo_db, refused):
    from PySide6.QtCore import Qt

    from tests.conftest import press, session_of, type_text
    from ui.documents.screens import IssueDialog

    dialog = IssueDialog(session_of(demo_db), "odmowa", refused)
    qtbot.addWidget(dialog)
    dialog.show()
    press(qtbot, dialog, "Wystaw i pokaż")  # the settings lack the Act's provision
    assert "Przepis ustawy o CUS" in dialog.error.text() and dialog.issued is None
    qtbot.mouseClick(dialog.draft, Qt.MouseButton.LeftButton)
    type_text(dialog.legal_reasons, "Program obejmuje mieszkańców gminy.")
    press(qtbot, dialog, "Wystaw i pokaż")
    assert dialog.issued is not None, dialog.error.text()
    text = pdf_text.text(dialog.issued.pdf)
    assert "PROJEKT DECYZJI" in text
    assert "Uzasadnienie prawne: Program obejmuje mieszkańców gminy." in text


def test_the_decision_carries_its_proceedings_own_znak_sprawy(demo_db, refused):
    settings_store.save(demo_db, {**settings_store.texts(demo_db),
                                  "refusal_legal_basis": LAWYERS_BASIS,
                                  "case_ref_pattern": "{symbol}.{jrwa}.{numer}.{rok}",
                                  "jrwa_refusal": "4013"})
    draft = pdf_text.text(register.issue(demo_db, "odmowa", refused,
                                         extra={"projekt": "tak"}).pdf)
    assert "Znak sprawy: ....." in " ".join(draft.split())  # a draft takes no number
    issued = register.issue(demo_db, "odmowa", refused, extra=LAW)
    first = pdf_text.text(issued.pdf)
    number = demo_db.execute("SELECT case_number FROM applications WHERE id = ?",
                             [refused]).fetchone()[0]
    assert number.startswith("CUS.4013.") and number.endswith(f".{date.today().year}")
    assert f"Znak sprawy: {number}" in first
    with pytest.raises(ValidationError, match=f"jest już decyzja {issued.number}"):
        register.issue(demo_db, "odmowa", refused, extra=LAW)  # one decision per proceedings
    register.void(demo_db, issued.number, "Błąd w uzasadnieniu prawnym.")
    again = pdf_text.text(register.issue(demo_db, "odmowa", refused, extra=LAW).pdf)
    assert f"Znak sprawy: {number}" in again  # the same proceedings, the same number
    settings_store.save(demo_db, {"case_ref_pattern": "{symbol}/{rok}/{numer:04}"})


@pytest.mark.parametrize("typed, printed", [
    ("Samorządowe Kolegium Odwoławcze w Tarnowie",
     "Samorządowego Kolegium Odwoławczego w Tarnowie"),
    ("w Tarnowie", "Samorządowego Kolegium Odwoławczego w Tarnowie"),  # only the seat typed
])
def test_the_appeal_names_the_sko_whether_its_name_or_its_seat_was_typed(db, typed, printed):
    from app.documents import context

    settings_store.save(db, {"sko_name": typed})
    assert context.decision_fields(db)["sko"] == printed
