"""Catalogue, partners and programmes: add, edit, search, archive and validation."""

from datetime import date

import pytest

from app.catalogue import partners, programmes
from app.catalogue import services as catalogue
from app.core.errors import ValidationError


def test_catalogue_add_edit_search_archive(db):
    rec = catalogue.ServiceRecord(name="Klub seniora „Złota jesień”", area_code=11,
                                  description="Spotkania i zajęcia dla seniorów",
                                  occupation_codes="341202, 532201",
                                  standard_staff="animator z doświadczeniem")
    sid = catalogue.save_service(db, rec)
    assert [s.name for s in catalogue.services(db, words="zlota jesien")] == [
        "Klub seniora „Złota jesień”"]
    got = catalogue.get_service(db, sid)
    got.description = "Spotkania, gimnastyka i wycieczki dla seniorów"
    catalogue.save_service(db, got)
    assert catalogue.services(db, words="gimnastyka")[0].id == sid
    catalogue.archive_service(db, sid)
    assert catalogue.services(db, words="zlota") == []


@pytest.mark.parametrize("field, value, message", [
    ("name", "", "nazwę usługi"), ("area_code", 15, "1–14"),
    ("occupation_codes", "34120, abc", "6 cyfr"),
])
def test_catalogue_validation(db, field, value, message):
    rec = catalogue.ServiceRecord(name="Usługa", area_code=4)
    setattr(rec, field, value)
    with pytest.raises(ValidationError) as err:
        catalogue.save_service(db, rec)
    assert message in err.value.errors[field]


def test_partner_fiche_with_identifiers_services_and_actions(db):
    meals = catalogue.services(db, words="posilkow")[0].id
    p = partners.Partner(full_name="Spółdzielnia Socjalna „Żabka”", partner_type="pes",
                         nip="526-104-08-28", regon="192598184", krs="0000012345",
                         postal_code="83-221", city="Żabno", is_social_employment=True,
                         delivering_person="Jadwiga Łęcka",
                         services=[partners.PartnerService(meals, 20, "kuchnia w Żabnie")])
    pid = partners.save(db, p)
    got = partners.get(db, pid)
    assert got.nip == "5261040828" and got.is_social_employment is True
    assert got.services[0].capacity == 20
    assert [r.full_name for r in partners.search(db, "zabka")] == [p.full_name]
    partners.add_action(db, pid, "2026-05-10", "Festyn rodzinny – catering")
    assert partners.actions(db, pid) == [("2026-05-10", "Festyn rodzinny – catering")]
    got.services = []
    partners.save(db, got)
    assert partners.get(db, pid).services == []
    partners.archive(db, pid)
    assert partners.search(db, "zabka") == []


@pytest.mark.parametrize("field, value, message", [
    ("nip", "5261040829", "NIP"), ("regon", "192598185", "REGON"), ("krs", "123", "KRS"),
    ("full_name", "", "pełną nazwę"), ("partner_type", "", "rodzaj"),
    ("postal_code", "83221", "NN-NNN"),
])
def test_partner_validation(db, field, value, message):
    p = partners.Partner(full_name="GOPS", partner_type="jednostka_gminy")
    setattr(p, field, value)
    with pytest.raises(ValidationError) as err:
        partners.save(db, p)
    assert message in err.value.errors[field]


def test_programme_with_services(db):
    care = catalogue.services(db, words="opiekuncze")[0].id
    prog = programmes.Programme(
        name="Program usług społecznych Gminy Żabno na lata 2026–2027",
        resolution_number="XV/123/2026", resolution_date=date(2026, 1, 20),
        valid_from=date(2026, 2, 1), valid_to=date(2027, 12, 31),
        target_group="Seniorzy i osoby z niepełnosprawnościami", service_ids=[care])
    pid = programmes.save(db, prog)
    assert programmes.offers(db, pid, care)
    assert programmes.listing(db)[0][3] == "01.02.2026 – 31.12.2027"
    with pytest.raises(ValidationError) as err:
        programmes.save(db, programmes.Programme(name="X", resolution_number="1",
                                                 resolution_date=date(2026, 3, 1),
                                                 valid_from=date(2026, 2, 1),
                                                 valid_to=date(2026, 1, 1),
                                                 target_group="wszyscy"))
    assert set(err.value.errors) == {"valid_to", "valid_from"}
    programmes.archive(db, pid)
    assert programmes.listing(db) == []
