"""Every setting once: its Polish label, its default and the check of what may be stored.

`Settings` is what the program reads (typed attributes); the database keeps text, and a
stored value that fails its check reads as the default instead of breaking a screen.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.core import reference
from app.core.validation import clean_text, parse_int

_JRWA = re.compile(r"(A|Bc|BE?([1-9][0-9]{0,2}))")


def retention_years(category: str) -> int | None:
    """Years to keep for a JRWA category: A → None (permanent), B10/BE10 → 10, Bc → 0."""
    m = _JRWA.fullmatch(category.strip())
    if not m:
        raise ValueError(f"Nieznana kategoria archiwalna: {category!r} (np. A, B10, BE5, Bc).")
    if m.group(1) == "A":
        return None
    if m.group(1) == "Bc":
        return 0
    return int(m.group(2))


@dataclass(frozen=True)
class Spec:
    label: str
    convert: Callable[[str, str], Any]  # (text, label): the value, or a Polish ValueError
    low: int | None = None
    high: int | None = None
    # a stricter check of what is typed now; a value stored before the rule still reads
    # (a centre's documents do not stop printing because a check was added)
    typed: Callable[[str, str], Any] | None = None

    def parse(self, text: str) -> Any:
        """The stored value; ValueError whose message starts with the setting's label."""
        return self.convert(text, self.label)

    def parse_typed(self, text: str) -> Any:
        """What the KIPUS typed, checked by the stricter rule too."""
        return (self.typed or self.convert)(text, self.label)


def _text(value: str, label: str) -> str:
    """One line of text, checked like every typed text (a value put into the file from
    outside the program, with control or bidi characters, is not printed on documents)."""
    return clean_text(value, 300, label=label)


def _number(low: int, high: int) -> Callable[[str, str], int]:
    def convert(value: str, label: str) -> int:
        number = parse_int(value, label, low, high)
        if number is None:
            raise ValueError(f"{label}: wpisz liczbę od {low} do {high}.")
        return number
    return convert


def _category(value: str, label: str) -> str:
    try:
        retention_years(value)
    except ValueError as exc:
        raise ValueError(f"{label}: {exc}") from exc
    return value.strip()


def _pattern(value: str, label: str) -> str:
    text = _text(value, label)
    if message := reference.pattern_error(text):
        raise ValueError(f"{label}: {message}")
    return text


def _postal_town(value: str, label: str) -> str:
    """„33-240 Żabno”: every letterhead and reply address needs the code before the town
    („Żabno” alone was taken)."""
    text = _text(value, label)
    if text and not re.fullmatch(r"[0-9]{2}-[0-9]{3} \S.*", text):
        raise ValueError(f"{label}: najpierw kod pocztowy, potem miejscowość, np. "
                         "33-240 Żabno.")
    return text


def _symbol(value: str, label: str) -> str:
    """A symbol inside the znak sprawy: letters, digits, hyphens, no separator of its own."""
    text = _text(value, label)
    if text and not re.fullmatch(r"[\w-]{1,20}", text):
        raise ValueError(f"{label}: litery, cyfry lub łącznik, bez spacji i kropek "
                         "(najwyżej 20 znaków).")
    return text


def _num(label: str, low: int, high: int) -> Spec:
    return Spec(label, _number(low, high), low, high)


SPECS: dict[str, Spec] = {
    "cus_name": Spec("Nazwa centrum usług społecznych", _text),
    "cus_address": Spec("Adres centrum (ulica i numer)", _text),
    "cus_city": Spec("Kod pocztowy i miejscowość centrum", _text, typed=_postal_town),
    "kipus_name": Spec("Imię i nazwisko koordynatora (KIPUS)", _text),
    "kipus_contact": Spec("Telefon i e-mail koordynatora (na skierowaniach)", _text),
    # the znak sprawy: CUS.4012.17.2026 or CUS/2026/0017, as the office keeps its files
    "office_symbol": Spec("Symbol centrum w znaku sprawy (np. CUS)", _symbol),
    "case_ref_pattern": Spec("Wzór znaku sprawy (pola: {symbol}, {jrwa}, {numer}, {rok})",
                             _pattern),
    "jrwa_case": Spec("Symbol JRWA akt sprawy IPUS (np. 4012)", _symbol),
    "jrwa_refusal": Spec("Symbol JRWA sprawy zakończonej odmową zakwalifikowania", _symbol),
    "director_name": Spec("Dyrektor CUS (imię i nazwisko)", _text),
    "director_title": Spec("Stanowisko dyrektora (pod podpisem)", _text),
    "plan_deadline_days": _num("Termin na opracowanie IPUS od wniosku (dni)", 1, 365),
    "plan_max_months": _num("Najdłuższy okres IPUS (miesiące)", 1, 36),
    "plan_min_months": _num("Najkrótsza koordynacja wymagająca IPUS (miesiące)", 1, 36),
    "follow_up_months": _num("Monitoring po zakończeniu IPUS (po ilu miesiącach)", 1, 60),
    "plan_end_warn_days": _num("Przypominaj o końcu planu (dni wcześniej)", 1, 180),
    "idle_case_days": _num("Przypominaj o sprawie bez działań (po ilu dniach)", 7, 365),
    "monitoring_days": _num("Monitorowanie realizacji planu (co ile dni)", 7, 180),
    "lock_minutes": _num("Blokada po bezczynności (minuty)", 1, 240),
    "backup_warn_days": _num("Ostrzegaj, gdy ostatnia kopia starsza niż (dni)", 1, 365),
    "safety_backup_days": _num("Kopie sprzed przywrócenia i aktualizacji trzymaj (dni, min. 30)",
                               30, 3650),
    "retention_cases": Spec("Kategoria archiwalna akt sprawy (JRWA: A, B10, BE5, Bc)", _category),
    "dpo_contact": Spec("Inspektor ochrony danych (imię, nazwisko, kontakt)", _text),
    "cus_gminas": Spec("Gminy obsługiwane przez centrum", _text),
    "agreement_coordinator": Spec("Instytucja koordynująca porozumienie (np. OWES)", _text),
    # an odmowa zakwalifikowania is an administrative decision (art. 107 KPA): the organ,
    # the authorisation the director acts under, the SKO and the provision of the Act
    "decision_organ": Spec("Organ wydający decyzje (np. Wójt Gminy Żabno)", _text),
    "decision_authority": Spec("Z czyjego upoważnienia dyrektor podpisuje decyzje (np. z "
                               "upoważnienia Wójta Gminy Żabno nr 3/2026 z dnia 2 stycznia "
                               "2026 r.)", _text),
    "decision_signatory_title": Spec("Stanowisko podpisującego decyzje", _text),
    "sko_name": Spec("Samorządowe Kolegium Odwoławcze (pełna nazwa z siedzibą)", _text),
    "refusal_legal_basis": Spec("Przepis ustawy o CUS, na którym opiera się odmowa (artykuł i "
                                "ustęp, sprawdzone przez radcę prawnego)", _text),
}
LABELS = {key: spec.label for key, spec in SPECS.items()}


@dataclass(frozen=True)
class Settings:
    """The settings as the program uses them; the defaults are the program's own."""

    cus_name: str = ""
    cus_address: str = ""
    cus_city: str = ""
    kipus_name: str = ""
    kipus_contact: str = ""
    office_symbol: str = "CUS"
    case_ref_pattern: str = reference.DEFAULT
    jrwa_case: str = ""
    jrwa_refusal: str = ""
    director_name: str = ""
    director_title: str = "Dyrektor Centrum Usług Społecznych"
    plan_deadline_days: int = 30
    plan_max_months: int = 12
    plan_min_months: int = 3
    follow_up_months: int = 6
    plan_end_warn_days: int = 30
    idle_case_days: int = 30
    monitoring_days: int = 30
    lock_minutes: int = 5
    backup_warn_days: int = 3
    safety_backup_days: int = 30
    retention_cases: str = "B10"
    dpo_contact: str = ""
    cus_gminas: str = ""
    agreement_coordinator: str = ""
    decision_organ: str = ""
    decision_authority: str = ""
    decision_signatory_title: str = "Dyrektor Centrum Usług Społecznych"
    sko_name: str = ""
    refusal_legal_basis: str = ""

    @classmethod
    def from_stored(cls, stored: dict[str, str]) -> Settings:
        values = {}
        for key in SPECS:
            if key in stored:
                try:
                    values[key] = SPECS[key].parse(stored[key])
                except (ValueError, TypeError):  # TypeError: not text at all (a blob)
                    continue  # the default serves until the KIPUS corrects it
        return cls(**values)

    def as_texts(self) -> dict[str, str]:
        return {key: str(value) for key, value in dataclasses.asdict(self).items()}


DEFAULTS = Settings()
