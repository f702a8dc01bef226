"""Drafts the director finishes in a word processor (python-docx): the annual report on the
centre's work, the figures part of the ocena zasobów pomocy społecznej and the diagnoza
terytorium and potrzeb (seed 003's forms), with headings in place, the figures filled in
from the reports (as for use outside the office: no names, counts under 3 as "<3") and
marked places for what only people can write."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date

from sqlite_utils import Database

from app.core.table import Kind, Table, shown
from app.documents import community_forms, context, layout
from app.reports import kinds
from app.reports.model import Period, Report
from app.settings import store as settings_store

TEXT_WIDTH_MM = 160  # A4 less the margins
CELL_MARGINS = 12.0  # points: Word's and LibreOffice's 0.19 cm each side of a cell
LANDSCAPE_WIDTH_MM = 257  # a turned page's text width, for a table too wide for 160
TO_WRITE = "[Do uzupełnienia: {}]"
FIGURES = (Kind.INT, Kind.MONEY, Kind.SHARE)
HERE = "[Do uzupełnienia]"  # a place to write in a form's cell
MARKED = re.compile(r"(\[Do uzupełnienia[^\]]*\])")
SMALL_NUMBERS = ("Liczby mniejsze niż 3 podano jako „<3”, a sumy, z których dałoby się je "
                 "odczytać, jako „x” – ochrona danych osobowych.")


def _document(db: Database, title: str, period: Period):
    from docx import Document
    from docx.shared import Mm, Pt

    doc = Document()
    for section in doc.sections:  # python-docx's template is US Letter
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm((210 - TEXT_WIDTH_MM) / 2)
        section.top_margin = section.bottom_margin = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "DejaVu Sans", Pt(10.5)
    _polish(doc)
    centre = settings_store.load(db).cus_name or "Centrum usług społecznych"
    doc.core_properties.author, doc.core_properties.language = centre, "pl-PL"
    doc.add_paragraph(centre)
    doc.add_heading(title, level=0)
    doc.add_paragraph(f"Okres: {period}. Projekt przygotowany {date.today():%d.%m.%Y} w "
                      "programie Koordynator – do sprawdzenia i uzupełnienia.")
    return doc


def _polish(doc) -> None:
    """Every style's text marked Polish, so Word checks the spelling in Polish instead of
    underlining the whole draft as misspelt English."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), "pl-PL")


def _write(doc, what: str) -> None:
    _marked(doc.add_paragraph(), TO_WRITE.format(what))


def _marked(paragraph, text: str) -> None:
    """The text, its places to write in italics, so they stand out to be replaced."""
    for part in MARKED.split(text):
        if part:
            paragraph.add_run(part).italic = bool(MARKED.fullmatch(part))


def _too_wide(headers: list[str], rows: list[list[str]]) -> bool:
    """Whether a table's longest words do not fit across a portrait page even at 7 pt."""
    sample = [headers, *rows[:500]]
    total = TEXT_WIDTH_MM * 72 / 25.4
    return sum(layout.column_widths(sample, total, 7, fitting_only=True, hyphenated=False,
                                    padding=CELL_MARGINS)) > total


def _section(doc, landscape: bool) -> None:
    """A new page, turned for a wide table or back upright after it."""
    from docx.enum.section import WD_ORIENT, WD_SECTION
    from docx.shared import Mm

    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long, short = Mm(297), Mm(210)
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    side = (297 - LANDSCAPE_WIDTH_MM) / 2 if landscape else (210 - TEXT_WIDTH_MM) / 2
    section.left_margin = section.right_margin = Mm(side)


def _grid(doc, headers: list[str], rows: list[list[str]],
          right: frozenset[int] = frozenset(), shares: tuple[float, ...] = (),
          width_mm: float = TEXT_WIDTH_MM) -> None:
    """A bordered table; the columns in ``right`` (figures) aligned right, the widths as
    ``shares`` of the text width when given, else from the content as on paper (a word
    broken only where it must be; a table too wide for that set smaller)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    size = None
    if not shares:
        sample = [headers, *rows[:500]]
        total = width_mm * 72 / 25.4
        # a word processor breaks no word at a syllable: each column holds its longest word
        size = layout.font_size_to_fit(sample, total, (10.5, 9, 8, 7), hyphenated=False,
                                       padding=CELL_MARGINS)
        widths = layout.column_widths(sample, total, size, hyphenated=False,
                                      padding=CELL_MARGINS)
        shares = tuple(w / sum(widths) for w in widths)

    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for column, (cell, title) in enumerate(zip(grid.rows[0].cells, headers, strict=True)):
        cell.paragraphs[0].add_run(title).bold = True
        if column in right:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in rows:
        for column, (cell, text) in enumerate(zip(grid.add_row().cells, row, strict=True)):
            for at, line in enumerate(text.split("\n")):
                _marked(cell.paragraphs[0] if at == 0 else cell.add_paragraph(), line)
            if column in right:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if size and size < 10.5:
        for row in grid.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(size)
    if shares:
        grid.autofit = False
        for column, share in zip(grid.columns, shares, strict=True):
            column.width = Mm(width_mm * share)  # LibreOffice reads the grid's width,
            for cell in column.cells:  # Word the cells'
                cell.width = Mm(width_mm * share)


def _table(doc, table: Table) -> None:
    from docx.shared import Pt

    headers = [column.title for column in table.columns]
    rows = [[shown(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
            for row in table.rows]
    wide = _too_wide(headers, rows)  # on a page of its own, turned: no word cut in two
    if wide:
        _section(doc, landscape=True)
    title = doc.add_paragraph()
    title.add_run(table.title).bold = True
    # the title belongs to the table under it, apart from the table above
    title.paragraph_format.space_before, title.paragraph_format.space_after = Pt(12), Pt(3)
    title.paragraph_format.keep_with_next = True
    _grid(doc, headers, rows,
          frozenset(n for n, column in enumerate(table.columns) if column.kind in FIGURES),
          width_mm=LANDSCAPE_WIDTH_MM if wide else TEXT_WIDTH_MM)
    if wide:
        _section(doc, landscape=False)


def _tables(doc, report: Report, *titles: str) -> None:
    for table in report.tables:
        if not titles or table.title.startswith(titles):
            _table(doc, table)


def _bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# a draft's outline: (heading, the report its tables come from and which of them — all
# when none are named —, what the director writes there, if anything)
Outline = tuple[tuple[str, str | None, tuple[str, ...], str], ...]
ANNUAL: Outline = (
    ("1. Wprowadzenie", None, (), "zadania centrum w okresie, program usług społecznych, "
                                  "zespół"),
    ("2. Osoby objęte wsparciem i wnioski", "zestawienie",
     ("Podsumowanie", "Osoby według płci", "Osoby według miejscowości"),
     "komentarz do liczby osób i wniosków"),
    ("3. Usługi społeczne według obszarów", "zestawienie",
     ("Osoby według obszarów", "Według programu"), ""),
    ("4. Terminy i jakość pracy z planami (IPUS)", "terminy", (),
     "przyczyny opóźnień i działania naprawcze"),
    ("5. Potrzeby niezaspokojone", "niezaspokojone", (),
     "jakich usług brakuje i co centrum proponuje"),
    ("6. Współpraca z partnerami i odpłatność", "partnerzy", (), ""),
    ("7. Wnioski i plany na kolejny rok", None, (),
     "wnioski, rekomendacje, potrzeby kadrowe i finansowe"))
# the figures part of the ocena zasobów pomocy społecznej (art. 16a of the Act on social
# assistance) as far as the centre's services go; the rest is the OPS's
ASSESSMENT: Outline = (
    ("1. Osoby i rodziny korzystające z usług społecznych", "zestawienie",
     ("Podsumowanie", "Osoby według płci"), ""),
    ("2. Usługi według obszarów (art. 2 ust. 1 ustawy o CUS)", "zestawienie",
     ("Osoby według obszarów",), ""),
    ("3. Zasoby: podmioty świadczące usługi", "partnerzy", (),
     "kadra, infrastruktura i środki finansowe centrum"),
    ("4. Potrzeby, na które brakuje usług", "niezaspokojone", (), ""),
    ("5. Rekomendacje", None, (), "rekomendacje dla rady gminy na kolejny rok"))


def _draft(title: str, outline: Outline) -> Callable[[Database, Period], bytes]:
    def build(db: Database, period: Period) -> bytes:
        reports: dict[str, Report] = {}
        doc = _document(db, title, period)
        for heading, kind, titles, to_write in outline:
            doc.add_heading(heading, level=1)
            if kind:
                if kind not in reports:  # as for outside the office: no names, "<3"
                    reports[kind] = kinds.build(db, kind, period, outside=True)
                _tables(doc, reports[kind], *titles)
            if to_write:
                _write(doc, to_write)
        doc.add_paragraph(SMALL_NUMBERS)
        return _bytes(doc)
    return build


def _diagnosis(db: Database, period: Period) -> bytes:
    """Seed 003's diagnoza terytorium and diagnoza potrzeb as of the period's end, then the
    period's figures by area, village, sex and age and the unmet needs, all anonymised:
    the material of the diagnoza potrzeb i potencjału the gmina makes every five years."""
    fields = context.common(db)
    as_of = min(period.end, date.today())  # a state of things, never in the future
    territory = community_forms.territory_diagnosis(db, as_of, write_here=HERE)
    needs = community_forms.needs_diagnosis(db, as_of, write_here=HERE)
    doc = _document(db, "Diagnoza terytorium i potrzeb społeczności lokalnej", period)
    doc.add_heading("1. Opis i ocena zasobów w środowisku lokalnym (diagnoza terytorium)",
                    level=1)
    doc.add_paragraph(f"Terytorium: {fields['gmina']}. Instytucja dokonująca rozpoznania: "
                      f"{fields['cus']}. Stan na dzień: {as_of:%d.%m.%Y}.")
    _grid(doc, ["Obszar rozpoznania", "Opis"], territory.tables["rozpoznanie"][1],
          shares=territory.widths["rozpoznanie"])
    doc.add_heading("2. Diagnoza potrzeb i problemów lokalnej społeczności", level=1)
    headers, rows = needs.tables["diagnoza"]
    _grid(doc, headers, [row for row in rows if any(row)], shares=needs.widths["diagnoza"])
    _write(doc, "inne grupy społeczne (np. według sytuacji życiowej), ich problemy i potrzeby")
    doc.add_heading("3. Dane liczbowe z kart usług", level=1)
    _tables(doc, kinds.build(db, "zestawienie", period, outside=True), "Podsumowanie",
            "Osoby według obszarów", "Osoby według miejscowości", "Osoby według płci")
    doc.add_heading("4. Potrzeby, na które brakuje usług", level=1)
    _tables(doc, kinds.build(db, "niezaspokojone", period, outside=True))
    _write(doc, "wnioski z diagnozy: jakie usługi uruchomić, z kim i w jakiej kolejności")
    doc.add_paragraph("Części 1–2 przedstawiają stan na koniec okresu, części 3–4 – dane z "
                      "okresu. " + SMALL_NUMBERS)
    return _bytes(doc)


TITLES = {"sprawozdanie": "Sprawozdanie z działalności", "ocena-zasobow": "Ocena zasobów",
          "diagnoza": "Diagnoza terytorium i potrzeb"}
DRAFTS: dict[str, Callable[[Database, Period], bytes]] = {
    "sprawozdanie": _draft("Sprawozdanie z działalności centrum usług społecznych", ANNUAL),
    "ocena-zasobow": _draft("Ocena zasobów pomocy społecznej – usługi społeczne (część "
                            "liczbowa)", ASSESSMENT),
    "diagnoza": _diagnosis}
