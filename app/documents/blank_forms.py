"""Blank forms, to be filled in by hand (at a home visit, by a partner, at a meeting): the
same wording as the issued document, with the centre's own data, dotted lines for what is
written in, empty rows to write on, and no number, no date and no entry in the register:
a blank form is not a document until someone fills it in and signs it."""

from __future__ import annotations

from sqlite_utils import Database

from app.cases.steps import GENERAL_FIELDS
from app.core.errors import NotFound
from app.documents import community_forms, context
from app.documents.context import ITEM_HEADERS
from app.documents.data import BLANK, HEADERS, DocumentData
from app.settings import store as settings_store

# long answers get a few dotted lines, not one short blank
LONG = {"uzasadnienie", "uzasadnienie_prawne", "przebieg", "zobowiazania", "zasady_wspolpracy",
        "o_co_wnosi", "powod_zamkniecia"}
LONG_BLANK = (". " * 200).strip()  # ends a sentence: the template's full stop is not added
CROSS_OUT = " (niepotrzebne skreślić)"
# what is chosen in a filled document is offered both ways on paper
WORDING = {
    "zamknieta": "",
    "zgoda": "udzielona / nieudzielona" + CROSS_OUT,
    "zakres_podpisu": "Pełnomocnictwo obejmuje / nie obejmuje" + CROSS_OUT
                      + " także podpisanie umowy lub porozumienia o współpracy.",
    "substytucja": "Pełnomocnik może / nie może" + CROSS_OUT + " ustanawiać dalszych "
                   "pełnomocników (art. 106 Kodeksu cywilnego).",
    "w_siedzibie": f"w {BLANK}", "w_siedzibie_mocodawcy": f"w {BLANK}",
    "plan_obowiazuje": "obowiązuje",
    "okres": f"od {BLANK} do {BLANK}",
    "dane_upowaznionego": f"PESEL albo seria i numer dokumentu tożsamości: {BLANK}, "
                          f"zam. {BLANK}",
    "numer_dokumentu": "",
}


# room to write two dates, a place and a status by hand, not a header word's width
ITEM_SHARES = (0.2, 0.17, 0.12, 0.15, 0.14, 0.11, 0.11)


def _empty(headers: list[str], count: int) -> tuple[list[str], list[list[str]]]:
    return headers, [[""] * len(headers) for _ in range(count)]


def _tables(db: Database, kind: str) -> DocumentData:
    """The kind's tables with empty rows (and the labels a form asks about)."""
    data = DocumentData(kind, {})
    if kind == "ipus":
        data.tables = {"potrzeby": _empty(HEADERS["ipus:potrzeby"], 4),
                       "pozycje": _empty(ITEM_HEADERS, 6)}
        data.room = {"potrzeby": 9, "pozycje": 14}
        data.widths = {"pozycje": ITEM_SHARES}
    elif kind == "rozmowa":
        data.tables, data.room = {"pozycje": _empty(ITEM_HEADERS, 6)}, {"pozycje": 14}
        data.widths = {"pozycje": ITEM_SHARES}
    elif kind == "karta":
        data.tables = {"ogolna": (["Pole", "Wpis"],
                                  [[label, ""] for label in GENERAL_FIELDS.values()]),
                       "wpisy": _empty(HEADERS["karta:wpisy"], 10)}
        data.room = {"ogolna": 12, "wpisy": 16}
        data.widths = {"ogolna": (0.32, 0.68), "wpisy": (0.14, 0.08, 0.26, 0.52)}
    elif kind == "fiszka":
        data = context.BUILDERS["fiszka"](db, None)  # the fiszka's questions, unanswered
        fiszka = data.tables["fiszka"]
        data.tables = {"fiszka": (fiszka[0], [[label, ""] for label, _ in fiszka[1]]),
                       "uslugi_partnera": _empty(HEADERS["fiszka:uslugi_partnera"], 4),
                       "dzialania_partnera": _empty(HEADERS["fiszka:dzialania_partnera"], 4)}
        data.room = {"fiszka": 10, "uslugi_partnera": 9, "dzialania_partnera": 9}
        data.widths = {"fiszka": (0.36, 0.64)}
    elif kind == "porozumienie":
        data.tables = {"strony": _empty(HEADERS["porozumienie:strony"], 4)}
        data.room, data.widths = {"strony": 16}, {"strony": context.PARTY_SHARES}
        data.signatories = [BLANK] * 4
    elif kind == "diagnoza-potrzeb":
        data.tables = {"diagnoza": _empty(community_forms.DIAGNOSIS_HEADERS, 6)}
        data.room, data.widths = {"diagnoza": 30}, {"diagnoza": (0.19, 0.25, 0.26, 0.30)}
    elif kind == "diagnoza-terytorium":
        data.tables = {"rozpoznanie": (["", ""], [
            [f"{label}\n(Opis: {hint})", ""] for label, hint in community_forms.TERRITORY_ROWS])}
        data.room, data.widths = {"rozpoznanie": 50}, {"rozpoznanie": (0.36, 0.64)}
    elif kind == "raport-autoewaluacyjny":
        data.tables = {"dzialania_partnerstwa": _empty(
            HEADERS["raport-autoewaluacyjny:dzialania_partnerstwa"], 6)}
        data.room = {"dzialania_partnerstwa": 10}
        data.widths = {"dzialania_partnerstwa": (0.16, 0.34, 0.5)}
        data.signatories = [BLANK] * 4
    return data


def build(db: Database, kind: str) -> DocumentData:
    """The blank form of ``kind``: the centre's data (letterhead, KIPUS, director, data
    protection officer, decision settings) printed; everything about a person or partner,
    and the date, left to be written in."""
    if kind not in context.BUILDERS:
        raise NotFound(f"Nieznany rodzaj dokumentu: {kind}.")
    data = _tables(db, kind)
    fields = dict.fromkeys(context.FIELDS[kind], BLANK)
    fields.update({k: LONG_BLANK for k in LONG & set(fields)})
    fields.update({k: v for k, v in WORDING.items() if k in fields})
    fields.update(context.common(db))
    if kind == "odmowa":
        fields.update(context.decision_fields(db))
    if kind == "porozumienie":
        fields.update(context.agreement_fields(db))
    fields.update(data=BLANK, numer_dokumentu="")
    data.fields, data.blank = fields, True
    data.logo = settings_store.get_logo(db)
    return data
