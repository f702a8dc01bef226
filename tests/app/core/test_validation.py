from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import validation as v
from app.core.errors import ValidationError
from app.people.residents import HouseholdMember, Resident, validated
from tests.conftest import TODAY, person


def test_valid_pesel_fills_birth_date_and_sex():
    r = validated(person(birth_date=None, sex=None), TODAY)
    assert r.birth_date == "1944-05-14"
    assert r.sex == "M"


def test_pesel_birth_date_overrides_a_typed_date_that_disagrees():
    r = validated(person(birth_date="01.01.1990", sex="K"), TODAY)
    assert (r.birth_date, r.sex) == ("1944-05-14", "M")


@pytest.mark.parametrize(
    "pesel, message",
    [
        ("44051401358", "cyfra kontrolna"),
        ("4405140135", "11 cyfr"),
        ("4405140135X", "11 cyfr"),
        ("44133101357", "niemożliwą datę"),
    ],
)
def test_bad_pesel_gets_polish_message(pesel, message):
    with pytest.raises(ValidationError) as err:
        validated(person(pesel=pesel), TODAY)
    assert message in err.value.errors["pesel"]


def test_required_fields_are_named_each_with_its_message():
    with pytest.raises(ValidationError) as err:
        validated(Resident(), TODAY)
    errors = err.value.errors
    assert errors["surname"] == "Nazwisko: to pole jest wymagane."
    assert errors["first_name"] == "Imię: to pole jest wymagane."
    assert errors["city"] == "Miejscowość: podaj miejscowość zamieszkania."
    assert "PESEL" in errors["pesel"]


def test_without_pesel_a_document_and_birth_date_are_enough():
    r = validated(
        person(pesel="", id_document="ABC123456", birth_date="05.03.1950", sex="K"), TODAY
    )
    assert (r.pesel, r.birth_date, r.sex) == ("", "1950-03-05", "K")


def test_without_pesel_birth_date_is_required_and_not_in_the_future():
    with pytest.raises(ValidationError) as err:
        validated(person(pesel="", id_document="ABC123456"), TODAY)
    assert "datę urodzenia" in err.value.errors["birth_date"]
    with pytest.raises(ValidationError) as err:
        validated(person(pesel="", id_document="X1", birth_date="01.01.2030"), TODAY)
    assert "przyszłości" in err.value.errors["birth_date"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("postal_code", "83221", "NN-NNN"),
        ("postal_code", "8-3221", "NN-NNN"),
        ("phone", "tel. 600", "tylko cyfry"),
        ("phone", "600 12", "9 cyfr"),
        ("email", "jan@", "nazwa@domena.pl"),
        ("surname", "Nowak3", "tylko litery"),
    ],
)
def test_contact_fields_are_checked(field, value, message):
    with pytest.raises(ValidationError) as err:
        validated(person(**{field: value}), TODAY)
    assert message in err.value.errors[field]


def test_accepted_phone_forms():
    for phone in ("600123456", "600 123 456", "+48 600-123-456", "(58) 123 45 67"):
        assert v.check_phone(phone) is None, phone


def test_household_member_errors_name_the_member():
    bad = person(
        household=[HouseholdMember("Nowak", "Anna", "córka"), HouseholdMember("", "Jan", "")]
    )
    with pytest.raises(ValidationError) as err:
        validated(bad, TODAY)
    assert "Członek gospodarstwa nr 2" in err.value.errors["household.1"]


def test_dates_in_polish_format():
    assert v.parse_date("5.3.1950") == date(1950, 3, 5)
    assert v.format_date("1950-03-05") == "05.03.1950"
    with pytest.raises(ValueError, match="DD.MM.RRRR"):
        v.parse_date("1950/03/05")


def test_partner_identifiers():
    assert v.check_nip("5261040828") is None
    assert v.check_nip("5261040829")
    assert v.check_regon("192598184") is None
    assert v.check_regon("192598185")
    assert v.check_krs("0000012345") is None
    assert v.check_krs("12345")


HOSTILE = st.one_of(
    st.text(max_size=50),
    st.just("x" * 10_000),
    st.just("Nowak\x00"),
    st.just("שלום עליכם"),
    st.just("Nowak 😀"),
    st.just("\u202eKowalski"),
)


@settings(max_examples=300, deadline=None)
@given(
    surname=HOSTILE,
    first_name=HOSTILE,
    city=HOSTILE,
    pesel=HOSTILE,
    phone=HOSTILE,
    postal=HOSTILE,
    notes=HOSTILE,
)
def test_hostile_input_never_crashes_and_never_passes_invalid(
    surname, first_name, city, pesel, phone, postal, notes
):
    r = person(
        surname=surname,
        first_name=first_name,
        city=city,
        pesel=pesel,
        phone=phone,
        postal_code=postal,
        notes=notes,
    )
    try:
        clean = validated(r, TODAY)
    except ValidationError as exc:
        assert exc.errors and all(isinstance(m, str) and m for m in exc.errors.values())
        return
    assert v.check_person_name(clean.surname) is None
    assert clean.city and len(clean.city) <= 80
    assert "\x00" not in clean.notes and len(clean.notes) <= 4000
    assert not clean.pesel or v.check_pesel(clean.pesel) is None
    assert not clean.postal_code or v.POSTAL_CODE.match(clean.postal_code)
