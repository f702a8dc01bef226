"""Names and places declined as a sentence needs them, and a plain labelled form whenever
the dictionary is not certain: a wrong form on a signed document is worse than none."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.documents import grammar


@pytest.mark.parametrize(("first", "last", "sex", "case", "expected"), [
    ("Krystyna", "Maciejewska", "K", "acc", "Panią Krystynę Maciejewską"),
    ("Grażyna", "Zawadzka", "K", "gen", "Pani Grażyny Zawadzkiej"),
    ("Anna", "Nowak", "K", "dat", "Pani Annie Nowak"),  # a woman's -ak does not decline
    ("Piotr", "Nowak", "M", "dat", "Panu Piotrowi Nowakowi"),
    ("Jan", "Kowalski", "M", "acc", "Pana Jana Kowalskiego"),
    ("Halina", "Kamińska-Wierzbicka", "K", "gen", "Pani Haliny Kamińskiej-Wierzbickiej"),
    ("Anna Maria", "Wiśniewska", "K", "acc", "Panią Annę Marię Wiśniewską"),
    # the sex unknown, or a form the dictionary gives two ways: labelled, never guessed
    ("Maria", "Kowalska", None, "acc", "osobę: Maria Kowalska"),
    ("Piotr", "Stępień", "M", "gen", "osoby: Piotr Stępień"),
    ("Xawery", "Qwertyński-Zzz", "M", "acc", "osobę: Xawery Qwertyński-Zzz"),
])
def test_a_person_in_the_case_the_sentence_needs(first, last, sex, case, expected):
    assert grammar.person(first, last, sex, case) == expected


@pytest.mark.parametrize(("place", "expected"), [
    ("Żabno", "w Żabnie"), ("Nowa Wieś", "w Nowej Wsi"), ("Kartuzy", "w Kartuzach"),
    ("Nowy Dwór Gdański", "w Nowym Dworze Gdańskim"), ("Wrocław", "we Wrocławiu"),
    ("Dąbrówka", "w Dąbrówce"), ("Wola", "w miejscowości Wola"),
    ("Qwxz", "w miejscowości Qwxz"), ("Żabno 12", "w miejscowości Żabno 12"),
])
def test_a_place_after_w(place, expected):
    assert grammar.in_place(place) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Spółdzielnia Socjalna „Razem”", "Spółdzielni Socjalnej „Razem”"),
    ("Klub Integracji Społecznej", "Klubu Integracji Społecznej"),
    ("Gminny Ośrodek Pomocy Społecznej", "Gminnego Ośrodka Pomocy Społecznej"),
    ("NZOZ Zdrowie", "podmiotu: NZOZ Zdrowie"),
])
def test_an_institution_in_the_genitive(name, expected):
    assert grammar.entity(name, "gen") == expected


def test_words_by_sex_and_both_only_when_unknown():
    assert grammar.by_sex("K", "podpisana", "podpisany") == "podpisana"
    assert grammar.by_sex("M", "podpisana", "podpisany") == "podpisany"
    assert grammar.by_sex(None, "podpisana", "podpisany") == "podpisana/podpisany"
    assert grammar.honorific("K", "acc") == "Panią" and grammar.honorific("M", "gen") == "Pana"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40), st.sampled_from(["K", "M", None]),
       st.sampled_from(sorted(grammar.CASES.values())))
def test_any_name_gives_a_phrase_that_still_holds_what_was_typed(first, last, sex, case):
    """Whatever is typed, nothing crashes, and a name that cannot be declined is shown
    exactly as typed after its label."""
    phrase = grammar.person(first, last, sex, case)
    if ":" in phrase:
        assert " ".join(p.strip() for p in (first, last) if p.strip()) in phrase
    assert grammar.in_place(first)
    assert grammar.entity(last, case) or not last.split()


def test_the_power_of_attorney_and_the_agreement_decline_the_institution_and_the_place(db):
    from app.catalogue import partners
    from app.documents import register
    from app.settings import store as settings_store
    from tests import pdf_text

    settings_store.save(db, {"cus_city": "83-221 Żabno"})
    pid = partners.save(db, partners.Partner(full_name="Spółdzielnia Socjalna „Razem”",
                                             partner_type="pes", city="Nowa Wieś"))
    proxy = pdf_text.text(register.issue(db, "pelnomocnictwo", pid,
                                         extra={"pelnomocnik": "Anna Nowak"}).pdf)
    assert "w imieniu Spółdzielni Socjalnej „Razem” z siedzibą w Nowej Wsi" in proxy
    assert ("do reprezentowania Spółdzielni Socjalnej „Razem” z siedzibą w Nowej Wsi w "
            "działaniach") in proxy
    partners.save(db, partners.Partner(full_name="Gminny Ośrodek Kultury", partner_type="ngo"))
    agreement = pdf_text.text(register.issue(db, "porozumienie").pdf)
    assert "zawarte w Żabnie w dniu" in agreement
