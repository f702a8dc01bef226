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
    # on the demo's day, not the calendar's: the same item whenever the tests run
    "skierowanie": REFERRABLE_ITEM.replace("LIMIT 1", "ORDER BY i.rowid LIMIT 1")
                                  .replace("date('now')", f"'{TODAY.isoformat()}'"),
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


# What the law (or the seed a form follows) requires each kind to say, checked in the filled
# document; the wording around them may change, these may not go missing.
CHECKLIST = {
    "ipus": [r"Osoba: \S+ \S+, PESEL", r"Potrzeby, na które odpowiada plan",
             r"Usługa / działanie", r"Wykonawca", r"Odpłatność", r"Harmonogram",
             r"Zobowiązania osoby", r"Zasady współpracy", r"przegląd planu: \d\d\.\d\d\.\d{4}",
             r"uzgodniono z osobą w dniu \d\d\.\d\d\.\d{4}", r"Żabno, dnia \d\d\.\d\d\.\d{4}",
             r"koordynator \(KIPUS\)", r"zatwierdzający"],
    "pelnomocnictwo": [r"działając w imieniu Gminy Żabno", r"upoważniam Panią",
                       r"PESEL \d{11}", r"art\. 106 Kodeksu cywilnego",
                       r"art\. 101 § 1 Kodeksu cywilnego", r"obowiązuje do dnia 31\.12\.2027",
                       r"pieczęć instytucji \(mocodawcy\)"],
    "upowaznienie": [r"niżej podpisan[ay] \S+ \S+, PESEL \d{11}",
                     r"(PESEL \d{11}|dokument tożsamości \w+)", r"do działania w moim imieniu",
                     r"nie obejmuje", r"osoba upoważniona"],
    "porozumienie": [r"NIP / REGON / KRS", r"W imieniu podpisuje", r"dobrowolności",
                     r"demokratyczności", r"jawności", r"efektywności", r"wzajemnego zaufania",
                     r"na czas nieokreślony", r"wystąpić z Porozumienia", r"egzemplarzach",
                     r"pieczęć i podpis"],
    "zgoda": [r"art\. 6 ust\. 1 lit\. a", r"art\. 9 ust\. 2 lit\. a", r"wycofać",
              r"art\. 7 ust\. 3"],
    "klauzula": [r"administratorem", r"inspektorem ochrony danych", r"art\. 6 ust\. 1 lit\. c",
                 r"przechowujemy przez \d+ lat", r"art\. 17", r"art\. 20", r"art\. 21",
                 r"skargi do Prezesa Urzędu Ochrony Danych Osobowych", r"niepodanie"],
    "odmowa": [r"Wójt Gminy Żabno", r"art\. 104 oraz art\. 107 § 1 i § 3",
               r"Dz\. U\. z 2024 r\. poz\. 572", r"Dz\. U\. z 2019 r\. poz\. 1818",
               r"uchwały nr", r"orzekam", r"Ustalenia faktyczne:", r"Uzasadnienie prawne:",
               r"odwołanie do Samorządowego Kolegium Odwoławczego w Gdańsku",
               r"14 dni od dnia jej doręczenia", r"z upoważnienia Wójta", r"Maria Nowak"],
    "karta": [r"Część ogólna", r"Część szczegółowa", r"Zgoda na prowadzenie karty: udzielona",
              r"osoba udzielająca wsparcia w imieniu wykonawcy", r"koordynator \(KIPUS\)"],
    "rozmowa": [r"Data rozmowy: \d\d\.\d\d\.\d{4}", r"Zrealizowane usługi",
                r"Monitoring po zakończeniu planu"],
    "skierowanie": [r"kieruje Pan(ią|a) ", r"dni i godziny: \w+", r"termin: od \d\d",
                    r"odpłatność:", r"przyjmujący skierowanie"],
    "fiszka": [r"Pełna nazwa", r"Dane kontaktowe", r"NIP / REGON / KRS",
               r"Osoba realizująca usługi", r"Zasoby: kadra", r"Profil działalności",
               r"Uzasadnienie roli partnera", r"Działania, w których partner uczestniczył"],
    "diagnoza-potrzeb": [r"Grupa społeczna Problem Potrzeby Sposoby zaspokajania potrzeb"],
    "diagnoza-terytorium": [r"Terytorium:", r"Instytucja / podmiot dokonujący rozpoznania",
                            r"aktywnych podmiotów ekonomii społecznej",
                            r"Zasoby szkoleniowe", r"gotowości instytucji"],
    "raport-autoewaluacyjny": [r"3\.3\. Sfera 2", r"3\.4\. Sfera 3", r"4\. Wnioski",
                               r"Żabno, dnia \d\d\.\d\d\.\d{4}"],
}
# the place names of the demo, which a sentence after "w" must decline
PLACES = ("Żabno", "Gródek", "Wólka Łąkowa", "Stara Łęka", "Kępa Świętej Anny", "Ostrów",
          "Zielęcin", "Dąbrówka")


@pytest.mark.parametrize("kind", list(templates.KINDS))
def test_legal_elements_and_polish_as_written(demo_db, kind):
    record = demo_db.execute(RECORD[kind]).fetchone()[0] if kind in RECORD else None
    text = pdf_text.text(register.issue(demo_db, kind, record, extra=TYPED.get(kind),
                                        issued_on=TODAY).pdf)
    missing = [p for p in CHECKLIST[kind] if not re.search(p, text)]
    assert not missing, missing
    sex = demo_db.execute(f"SELECT r.sex FROM residents r WHERE r.id = ({context_of(kind)})",
                          [record]).fetchone() if record and context_of(kind) else None
    if sex and sex[0]:  # the person's sex is known: one form, never both
        for both in ("Pani/Pana", "Pan/Pani", "podpisana/podpisany", "zamieszkała/zamieszkały"):
            assert both not in text, both
    for place in PLACES:
        assert not re.search(rf"\bw {place}\b(?! \d)", text), f"w {place}"


def context_of(kind: str) -> str | None:
    """SQL for the resident a kind's record concerns."""
    return {"ipus": "SELECT resident_id FROM cases WHERE id = ?",
            "upowaznienie": "SELECT ?", "zgoda": "SELECT ?", "klauzula": "SELECT ?",
            "odmowa": "SELECT resident_id FROM applications WHERE id = ?",
            "karta": "SELECT resident_id FROM cases WHERE id = ?",
            "rozmowa": "SELECT resident_id FROM cases WHERE id = ?",
            "skierowanie": "SELECT c.resident_id FROM plan_items i JOIN plan_versions v ON"
                           " v.id = i.plan_version_id JOIN plans p ON p.id = v.plan_id JOIN"
                           " cases c ON c.id = p.case_id WHERE i.id = ?"}.get(kind)
