"""The people around the resident on paper: the upoważnienie names a close person who lives
elsewhere (not a household member invented for the purpose), and the "cannot write" mark on
the person chooses the art. 79 KC signature on every document issued for her."""


import pytest

from app.cli import admin as admin_cli
from app.core.errors import KoordynatorError, NotFound, ValidationError
from app.documents import register
from app.people import residents_store as store
from app.people.residents import ClosePerson, HouseholdMember
from tests import pdf_text
from tests.conftest import person


def text(pdf: bytes) -> str:
    return pdf_text.text(pdf)


DAUGHTER = ClosePerson("Halina Kamińska", "córka", pesel="02270886201",
                       address="ul. Długa 5/2, 80-001 Gdańsk", phone="600 123 456")
NEIGHBOUR = ClosePerson("Ewa Sąsiadka", "sąsiadka", id_document="ABC123456")


def test_close_persons_are_stored_edited_and_archived_by_id(db):
    r = store.add(db, person(close_persons=[DAUGHTER, NEIGHBOUR]))
    rows = db.execute("SELECT full_name, relation, pesel, id_document, address, phone"
                      " FROM close_persons WHERE resident_id = ? ORDER BY full_name",
                      [r.id]).fetchall()
    assert rows == [("Ewa Sąsiadka", "sąsiadka", None, "ABC123456", "", ""),
                    ("Halina Kamińska", "córka", "02270886201", "",
                     "ul. Długa 5/2, 80-001 Gdańsk", "600 123 456")]
    stored = store.get(db, r.id)
    daughter = stored.close_persons[0]
    stored.close_persons = [ClosePerson(daughter.full_name, "córka (opiekunka)",
                                        daughter.pesel, id=daughter.id)]
    store.update(db, stored)
    live = db.execute("SELECT id, relation FROM close_persons WHERE resident_id = ? AND"
                      " archived_at IS NULL", [r.id]).fetchall()
    assert live == [(daughter.id, "córka (opiekunka)")]
    assert db.execute("SELECT count(*) FROM close_persons WHERE resident_id = ? AND"
                      " archived_at IS NOT NULL", [r.id]).fetchone() == (1,)


@pytest.mark.parametrize("bad, field, message", [
    (ClosePerson("Halina", "córka"), "full_name", "imię i nazwisko"),
    (ClosePerson("Halina Kamińska", ""), "relation", "kim jest"),
    (ClosePerson("Halina Kamińska", "córka", pesel="02270886200"), "pesel", "PESEL"),
    (ClosePerson("Halina Kamińska", "córka", phone="abc"), "phone", "telefon"),
    (ClosePerson("Halina\u202eKamińska", "córka"), "full_name", "imię i nazwisko"),
])
def test_a_close_person_that_cannot_be_is_refused_by_row_and_field(db, bad, field, message):
    with pytest.raises(ValidationError) as caught:
        store.add(db, person(close_persons=[DAUGHTER, bad]))
    assert list(caught.value.errors) == [f"close.1.{field}"]
    assert caught.value.errors[f"close.1.{field}"].startswith("Osoba bliska nr 2:")
    assert message.lower() in caught.value.errors[f"close.1.{field}"].lower()
    assert db.execute("SELECT count(*) FROM close_persons").fetchone() == (0,)


def test_the_upowaznienie_names_the_chosen_close_person(db):
    r = store.add(db, person(close_persons=[DAUGHTER, NEIGHBOUR],
                             household=[HouseholdMember("Kamiński", "Jan", "współmałżonek")]))
    ids = {p.full_name: p.id for p in store.get(db, r.id).close_persons}
    with pytest.raises(KoordynatorError, match="kilka osób bliskich"):
        register.issue(db, "upowaznienie", r.id)
    doc = register.issue(db, "upowaznienie", r.id, person_id=ids["Halina Kamińska"])
    printed = text(doc.pdf)
    assert ("upoważniam Panią Halinę Kamińską (córka), PESEL 02270886201, zam. ul. Długa "
            "5/2, 80-001 Gdańsk") in printed
    assert "/" not in printed.split("upoważniam")[0].split("Upoważnienie")[-1]  # her sex known
    husband = next(p for p in store.get(db, r.id).household if p.first_name == "Jan")
    printed = text(register.issue(db, "upowaznienie", r.id, person_id=husband.id).pdf)
    # recorded without PESEL or document: a labelled line to write them in, never nothing
    assert ("upoważniam Pana Jana Kamińskiego (współmałżonek), PESEL albo seria i numer "
            "dokumentu tożsamości: .........") in " ".join(printed.split())
    other = store.add(db, person(pesel="", id_document="XYZ987654", birth_date="1950-01-02",
                                 first_name="Anna"))
    with pytest.raises(NotFound, match="nie ma wśród osób bliskich"):
        register.issue(db, "upowaznienie", other.id, person_id=ids["Halina Kamińska"])


def test_a_child_cannot_authorise_and_a_minor_needs_a_parents_consent(db):
    from datetime import date

    from app.core.dates import add_months

    def born_years_ago(years: int, first_name: str):
        born = add_months(date.today(), -12 * years).isoformat()
        return store.add(db, person(pesel="", id_document=f"AB{years:07d}", birth_date=born,
                                    first_name=first_name, close_persons=[DAUGHTER]))

    child = born_years_ago(12, "Zosia")
    before = db.execute("SELECT count(*) FROM documents").fetchone()
    with pytest.raises(KoordynatorError, match="nie ma 13 lat.*art. 12 Kodeksu cywilnego"):
        register.issue(db, "upowaznienie", child.id)
    assert db.execute("SELECT count(*) FROM documents").fetchone() == before
    teen = text(register.issue(db, "upowaznienie", born_years_ago(13, "Ola").id).pdf)
    assert "wyrażającego zgodę" in teen and "art. 17 Kodeksu cywilnego" in teen
    adult = text(register.issue(db, "upowaznienie", born_years_ago(18, "Ala").id).pdf)
    assert "przedstawiciela ustawowego" not in adult
    # every document the person signs: a parent signs for a child, consents for a minor
    for kind in ("zgoda", "klauzula"):
        for_child = " ".join(text(register.issue(db, kind, child.id).pdf).split())
        assert "w imieniu dziecka" in for_child and "osoba, której dotyczy" not in for_child
        for_teen = " ".join(text(register.issue(db, kind, born_years_ago(16, "Ewa").id).pdf)
                            .split())
        assert "osoba, której dotyczy" in for_teen and "wyrażającego zgodę" in for_teen


def test_the_cannot_write_mark_reaches_every_document_she_signs(db):
    r = store.add(db, person(signing="odcisk"))
    consent = text(register.issue(db, "zgoda", r.id).pdf)
    assert "Tuszowy odcisk palca osoby, która nie może pisać" in consent
    assert "wpisuje je osoba, którą o to poprosiła" in consent  # art. 79 KC: by hand
    assert "imię, nazwisko i podpis osoby, która je wpisała" in consent  # not "upoważniona":
    assert "osoba upoważniona" not in consent  # upoważnienie uses that for its attorney
    certified = text(register.issue(db, "klauzula", r.id, signing="na_prosbe").pdf)
    assert "poświadczenie" in certified.lower() and "starosta" in certified
    stored = store.get(db, r.id)
    stored.signing = "pisze"
    store.update(db, stored)
    assert "odcisk" not in text(register.issue(db, "zgoda", r.id).pdf)


def test_a_close_person_with_the_residents_own_pesel_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        store.add(db, person(close_persons=[ClosePerson("Anna Nowak", "córka",
                                                        pesel="44051401359")]))
    assert "PESEL tej samej osoby" in caught.value.errors["close.0.pesel"]


def test_an_unknown_signing_mark_is_refused(db):
    with pytest.raises(ValidationError) as caught:
        store.add(db, person(signing="palcem"))
    assert "podpisuje" in caught.value.errors["signing"]


def test_command_line_chooses_the_person_and_the_signature(db, db_path, tmp_path, capsys):
    r = store.add(db, person(close_persons=[DAUGHTER, NEIGHBOUR], signing="na_prosbe"))
    neighbour = store.get(db, r.id).close_persons[1].id
    db.conn.close()
    out = tmp_path / "upo.pdf"
    args = ["document", "upowaznienie", "--db", str(db_path), "--id", r.id, "--out", str(out)]
    assert admin_cli.main(args) == 2
    assert "kilka osób bliskich" in capsys.readouterr().err
    assert admin_cli.main([*args, "--person", neighbour]) == 0
    printed = text(out.read_bytes())
    assert "(sąsiadka), dokument tożsamości ABC123456" in printed
    assert "Podpis złożony za nią na jej życzenie" in printed  # her own mark, not re-ticked
    assert admin_cli.main([*args, "--person", neighbour, "--art79"]) == 0
    assert "Tuszowy odcisk palca" in text(out.read_bytes())
    assert admin_cli.main([*args, "--person", neighbour, "--art79", "--podpis",
                           "na_prosbe"]) == 2
    assert "nie łącz" in capsys.readouterr().err


def test_the_same_close_person_twice_is_refused_naming_both_rows(db):
    with pytest.raises(ValidationError) as caught:
        store.add(db, person(close_persons=[ClosePerson("Ewa", "sąsiadka"), DAUGHTER,
                                            ClosePerson("halina kamińska", "córka",
                                                        pesel="02270886201")]))
    assert caught.value.errors["close.0.full_name"].startswith("Osoba bliska nr 1:")
    assert caught.value.errors["close.2.full_name"] == ("Osoba bliska nr 3: to ta sama osoba "
                                                       "co nr 2.")


def test_an_unknown_signing_is_refused_before_a_number_is_used(db):
    r = store.add(db, person())
    with pytest.raises(ValidationError, match="Podpis osoby"):
        register.issue(db, "zgoda", r.id, signing="palcem")
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (0,)


def test_a_person_without_pesel_is_addressed_by_her_given_name(db):
    """No PESEL and no sex typed: "Halina" is a woman's name, so the forms are hers."""
    r = store.add(db, person(pesel="", id_document="XYZ111222", birth_date="1950-01-02",
                             first_name="Halina", surname="Kowalska", sex=None))
    assert store.get(db, r.id).sex is None
    for kind in ("zgoda", "upowaznienie", "klauzula"):
        printed = text(register.issue(db, kind, r.id).pdf)
        for both in ("/Zapoznałem", "podpisana/podpisany", "zamieszkała/zamieszkały",
                     "Pani/Pana"):
            assert both not in printed, (kind, both)
    assert "Zapoznałam się" in text(register.issue(db, "zgoda", r.id).pdf)
