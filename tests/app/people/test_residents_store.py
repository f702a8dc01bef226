from datetime import date

import pytest

from app.core.errors import DuplicateResident, NotFound, ValidationError
from app.demo.generate import pesel_for
from app.people import residents_store as store
from app.people.residents import HouseholdMember
from tests.conftest import TODAY, person


def test_add_and_read_back(db):
    saved = store.add(db, person(second_name="Jan"), TODAY)
    again = store.get(db, saved.id)
    assert again.full_name == "Łukasz Jan Żółkiewski"
    assert again.birth_date == "1944-05-14"
    assert again.address == "Źródlana 5, 83-221 Żabno"
    assert len(saved.id) == 36 and saved.created_at == saved.updated_at


@pytest.mark.parametrize(("parts", "printed"), [
    # a village without streets and no post office given: the code needs its town
    (dict(street="", city="Nieciecza", house_no="12", postal_code="33-240", post_office=""),
     "Nieciecza 12, 33-240 Nieciecza"),
    (dict(street="", city="Dąbrówka", house_no="94", postal_code="83-227",
          post_office="Żabno"), "Dąbrówka 94, 83-227 Żabno"),
    (dict(street="Polna", city="Kępa", house_no="3", flat_no="2", postal_code="33-240",
          post_office="Żabno"), "Kępa, Polna 3/2, 33-240 Żabno"),
    (dict(street="Polna", city="Żabno", house_no="3", postal_code="33-240", post_office=""),
     "Polna 3, 33-240 Żabno"),
])
def test_an_address_prints_as_the_post_office_wants_it(parts, printed):
    assert person(**parts).address == printed


def test_invalid_input_saves_nothing(db):
    with pytest.raises(ValidationError):
        store.add(db, person(postal_code="83221", household=[HouseholdMember("", "", "")]), TODAY)
    assert store.count(db, include_archived=True) == 0
    assert db.execute("SELECT count(*) FROM household_members").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


def test_same_pesel_is_refused_and_existing_offered(db):
    first = store.add(db, person(), TODAY)
    with pytest.raises(DuplicateResident) as err:
        store.add(db, person(first_name="Lucjan"), TODAY)
    assert err.value.existing_id == first.id
    assert "już jest w rejestrze" in str(err.value)
    store.archive(db, first.id, "wyprowadzka")
    with pytest.raises(DuplicateResident, match="w archiwum"):
        store.add(db, person(), TODAY)


def test_similar_name_with_same_birth_date_or_address_is_found(db):
    existing = store.add(db, person(pesel="", id_document="ABC1", birth_date="1944-05-14"), TODAY)
    typo = person(
        pesel="",
        id_document="XYZ9",
        surname="Żułkiewski",
        birth_date="1944-05-14",
        street="Inna",
        city="Gdańsk",
    )
    assert [r.id for r in store.find_similar(db, typo)] == [existing.id]
    same_address = person(
        pesel="", surname="Zolkiewski", first_name="Lukasz", birth_date="1990-01-01"
    )
    assert [r.id for r in store.find_similar(db, same_address)] == [existing.id]
    stranger = person(pesel="", surname="Nowak", first_name="Anna", birth_date="1944-05-14")
    assert store.find_similar(db, stranger) == []


def test_search_ignores_case_and_diacritics_and_finds_by_pesel_and_address(db):
    lukasz = store.add(db, person(), TODAY)
    store.add(
        db,
        person(
            surname="Łukasik",
            first_name="Ewa",
            pesel="",
            id_document="D1",
            birth_date="1970-01-01",
            street="Polna",
            house_no="3",
        ),
        TODAY,
    )
    for query in (
        "lukasz",
        "ŁUKASZ",
        "zolkiewski",
        "Zółk",
        "lukasz zolkiewski",
        "44051401359",
        "440514",
        "zrodlana 5",
        "83-221 zrodl",
    ):
        assert lukasz.id in [r.id for r in store.search(db, query)], query
    assert [r.surname for r in store.search(db, "luka")] == ["Łukasik", "Żółkiewski"]
    assert store.search(db, "xyz") == []
    assert store.search(db, '"*) OR (') == []  # FTS syntax in the box is just text


def test_list_is_in_polish_alphabetical_order(db):
    for n, surname in enumerate(("Żak", "Łuczak", "Lis", "Zając")):
        store.add(
            db, person(surname=surname, pesel=pesel_for(date(1950, 1, n + 1), False, n)), TODAY
        )
    assert [r.surname for r in store.search(db, "", limit=10)] == ["Lis", "Łuczak", "Zając", "Żak"]


def test_update_reindexes_search(db):
    saved = store.add(db, person(), TODAY)
    saved.surname = "Ślusarz"
    store.update(db, saved, TODAY)
    assert store.search(db, "zolkiewski") == []
    assert [r.id for r in store.search(db, "slusarz")] == [saved.id]


def test_archive_hides_from_list_but_keeps_record(db):
    saved = store.add(db, person(), TODAY)
    store.archive(db, saved.id, "zgon")
    assert store.search(db, "lukasz") == []
    assert store.search_rowids(db, "lukasz", include_archived=True)
    assert store.get(db, saved.id).archive_reason == "zgon"
    with pytest.raises(NotFound):
        store.archive(db, saved.id)
    store.restore(db, saved.id)
    assert [r.id for r in store.search(db, "lukasz")] == [saved.id]


def test_household_members_are_kept_and_removed_ones_archived(db):
    saved = store.add(
        db,
        person(
            household=[
                HouseholdMember("Żółkiewska", "Grażyna", "współmałżonek", "12.03.1946"),
                HouseholdMember("Żółkiewski", "Paweł", "dziecko"),
            ]
        ),
        TODAY,
    )
    members = store.get(db, saved.id).household
    assert [(m.first_name, m.birth_date) for m in members] == [
        ("Grażyna", "1946-03-12"),
        ("Paweł", None),
    ]
    saved.household = [members[0]]
    store.update(db, saved, TODAY)
    assert [m.first_name for m in store.get(db, saved.id).household] == ["Grażyna"]
    assert (
        db.execute(
            "SELECT count(*) FROM household_members WHERE archived_at IS NOT NULL"
        ).fetchone()[0]
        == 1
    )
