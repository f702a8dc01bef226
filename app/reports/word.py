"""Drafts the director finishes in a word processor (python-docx): the annual report on the
centre's work and the figures part of the ocena zasobów pomocy społecznej, with headings in
place, the figures filled in from the reports (as for use outside the office: no names,
counts under 3 as "<3") and marked places for what only people can write."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

from sqlite_utils import Database

from app.core.table import Table, shown
from app.reports import kinds
from app.reports.model import Period, Report
from app.settings import store as settings_store

TO_WRITE = "[Do uzupełnienia: {}]"


def _document(db: Database, title: str, period: Period):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "DejaVu Sans", Pt(10.5)
    centre = settings_store.load(db).cus_name or "Centrum usług społecznych"
    doc.add_paragraph(centre)
    doc.add_heading(title, level=0)
    doc.add_paragraph(f"Okres: {period}. Projekt przygotowany {date.today():%d.%m.%Y} w "
                      "programie Koordynator – do sprawdzenia i uzupełnienia.")
    return doc


def _write(doc, what: str) -> None:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(TO_WRITE.format(what))
    run.italic = True


def _table(doc, table: Table) -> None:
    doc.add_paragraph(table.title).runs[0].bold = True
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = column.title
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, value, column in zip(cells, row, table.columns, strict=True):
            cell.text = shown(value, column.kind)


def _tables(doc, report: Report, *titles: str) -> None:
    for table in report.tables:
        if not titles or table.title.startswith(titles):
            _table(doc, table)


def _bytes(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def annual_report(db: Database, period: Period) -> bytes:
    """Sprawozdanie z działalności centrum: who was served and how, the deadlines, the
    unmet needs and the partners, each section opened by what the director adds."""
    def report(kind: str) -> Report:
        return kinds.build(db, kind, period, outside=True)

    served, terms = report("zestawienie"), report("terminy")
    unmet, partners = report("niezaspokojone"), report("partnerzy")
    doc = _document(db, "Sprawozdanie z działalności centrum usług społecznych", period)
    doc.add_heading("1. Wprowadzenie", level=1)
    _write(doc, "zadania centrum w okresie, program usług społecznych, zespół")
    doc.add_heading("2. Osoby objęte wsparciem i wnioski", level=1)
    _tables(doc, served, "Podsumowanie", "Osoby według płci", "Osoby według miejscowości")
    _write(doc, "komentarz do liczby osób i wniosków")
    doc.add_heading("3. Usługi społeczne według obszarów", level=1)
    _tables(doc, served, "Osoby według obszarów", "Według programu")
    doc.add_heading("4. Terminy i jakość pracy z planami (IPUS)", level=1)
    _tables(doc, terms)
    _write(doc, "przyczyny opóźnień i działania naprawcze")
    doc.add_heading("5. Potrzeby niezaspokojone", level=1)
    _tables(doc, unmet)
    _write(doc, "jakich usług brakuje i co centrum proponuje")
    doc.add_heading("6. Współpraca z partnerami i odpłatność", level=1)
    _tables(doc, partners)
    doc.add_heading("7. Wnioski i plany na kolejny rok", level=1)
    _write(doc, "wnioski, rekomendacje, potrzeby kadrowe i finansowe")
    doc.add_paragraph("Liczby mniejsze niż 3 podano jako „<3”, a sumy, z których dałoby się je "
                      "odczytać, jako „x” – ochrona danych osobowych.")
    return _bytes(doc)


def resources_assessment(db: Database, period: Period) -> bytes:
    """The figures part of the ocena zasobów pomocy społecznej (art. 16a of the Act on
    social assistance) as far as the centre's services go; the rest is the OPS's."""
    def report(kind: str) -> Report:
        return kinds.build(db, kind, period, outside=True)

    served, unmet, partners = report("zestawienie"), report("niezaspokojone"), \
        report("partnerzy")
    doc = _document(db, "Ocena zasobów pomocy społecznej – usługi społeczne (część "
                    "liczbowa)", period)
    doc.add_heading("1. Osoby i rodziny korzystające z usług społecznych", level=1)
    _tables(doc, served, "Podsumowanie", "Osoby według płci")
    doc.add_heading("2. Usługi według obszarów (art. 2 ust. 1 ustawy o CUS)", level=1)
    _tables(doc, served, "Osoby według obszarów")
    doc.add_heading("3. Zasoby: podmioty świadczące usługi", level=1)
    _tables(doc, partners)
    _write(doc, "kadra, infrastruktura i środki finansowe centrum")
    doc.add_heading("4. Potrzeby, na które brakuje usług", level=1)
    _tables(doc, unmet)
    doc.add_heading("5. Rekomendacje", level=1)
    _write(doc, "rekomendacje dla rady gminy na kolejny rok")
    return _bytes(doc)


DRAFTS: dict[str, Callable[[Database, Period], bytes]] = {
    "sprawozdanie": annual_report, "ocena-zasobow": resources_assessment}
