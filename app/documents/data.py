"""What a document is made of before layout: the placeholder values, the tables, the
schedule and whom it concerns; and the dotted blank printed where a value is not known."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from app.plans import store as plans

BLANK = "……………………………"
# the column headers of each document's tables, filled or blank alike
HEADERS = {"ipus:potrzeby": ["Kategoria", "Potrzeba", "Priorytet"],
           "karta:wpisy": ["Data", "Krok", "Wpis", "Treść"],
           "porozumienie:strony": ["Lp.", "Sygnatariusz", "Adres", "NIP / REGON / KRS",
                                   "W imieniu podpisuje"],
           "fiszka:uslugi_partnera": ["Usługa", "Miejsca", "Miejsce"],
           "fiszka:dzialania_partnera": ["Data", "Działanie"],
           "raport-autoewaluacyjny:dzialania_partnerstwa": ["Data", "Partner", "Działanie"]}


@dataclass
class DocumentData:
    kind: str
    fields: dict[str, str]
    tables: dict[str, tuple[list[str], list[list[str]]]] = field(default_factory=dict)
    schedule: list[plans.PlanItem] | None = None
    schedule_span: tuple[date | None, date | None] = (None, None)
    signatories: list[str] = field(default_factory=list)
    logo: bytes | None = None
    resident_id: str | None = None
    case_id: str | None = None
    partner_id: str | None = None
    plan_version_id: str | None = None
    application_id: str | None = None  # a decision's: its proceedings' znak sprawy
    signing: str = "pisze"  # how the resident signs: see app.people.residents.SIGNING
    large_print: bool = False  # the resident's mark: documents she keeps at 14 pt
    sex: str | None = None  # of the person the document speaks to or for: K, M or unknown
    room: dict[str, float] = field(default_factory=dict)  # mm per empty row, to write in
    widths: dict[str, tuple[float, ...]] = field(default_factory=dict)  # shares of the width
    blank: bool = False  # a form to fill in by hand: no number, no date, not registered
    # the person is a minor: "dziecko" (under 13, art. 12 KC: a parent signs for her) or
    # "małoletni" (13 to 17, art. 17 KC: she signs and a parent consents); "" an adult
    minor: str = ""

    def blocks(self) -> set[str]:
        base = {"miejsce_data", "podpisy", "linie", "harmonogram"}
        return base | {f"tabela:{name}" for name in self.tables}
