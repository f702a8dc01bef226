"""Shared page layout for Koordynator's PDFs: A4 with a filing margin, fonts with Polish
letters, user text escaped, "Strona X z Y" on every page."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from app.documents import fonts

LEFT_MARGIN_MM = 30  # room for a binder on the left
OTHER_MARGIN_MM = 18


def text(value: object) -> str:
    """User text made safe for a Paragraph: NFKC, markup escaped, line breaks kept."""
    s = unicodedata.normalize("NFKC", "" if value is None else str(value))
    s = "".join(ch for ch in s if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return escape(s).replace("\n", "<br/>")


def styles() -> dict:
    from reportlab.lib.styles import ParagraphStyle

    fonts.register()
    body = ParagraphStyle("body", fontName=fonts.SANS, fontSize=10, leading=13.5, spaceAfter=4)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11),
        "title": ParagraphStyle("title", parent=body, fontName=fonts.SANS_BOLD, fontSize=15,
                                leading=19, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=body, fontName=fonts.SANS_BOLD, fontSize=11.5,
                             leading=15, spaceBefore=8, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
    }


def kv_table(rows: list[tuple[str, object]], st: dict):
    """Label / value rows; one small table per section, never one huge table."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    data = [[Paragraph(text(k), st["cell"]), Paragraph(text(v), st["cell"])] for k, v in rows]
    table = Table(data, colWidths=[52 * mm, 108 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, "#888888"),
        ("BACKGROUND", (0, 0), (0, -1), "#f0f0f0"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def _numbered_canvas():
    from reportlab.pdfgen import canvas

    class NumberedCanvas(canvas.Canvas):
        """Collects pages so each can say "Strona X z Y" once the total is known; with
        several copies in one file each copy counts its own pages."""

        def __init__(self, *args, footer: str = "", **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []
            self._footer = footer
            self.copy_starts: list[int] = [1]

        def showPage(self):  # noqa: N802 - ReportLab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            starts = sorted(set(self.copy_starts)) + [total + 1]
            for state in self._pages:
                self.__dict__.update(state)
                page = self._pageNumber
                start = max(s for s in starts if s <= page)
                end = min(s for s in starts if s > page)
                self.setFont(fonts.SANS, 8)
                width = self._pagesize[0]
                self.drawRightString(width - OTHER_MARGIN_MM * 2.835, 12 * 2.835,
                                     f"Strona {page - start + 1} z {end - start}")
                if self._footer:
                    self.drawString(LEFT_MARGIN_MM * 2.835, 12 * 2.835, self._footer)
                super().showPage()
            super().save()

    return NumberedCanvas


def copy_marker():
    """A flowable that starts a new copy's page count where it is drawn."""
    from reportlab.platypus import Flowable

    class CopyMarker(Flowable):
        def wrap(self, *_):
            return 0, 0

        def draw(self):
            self.canv.copy_starts.append(self.canv.getPageNumber())

    return CopyMarker()


def build(target, story: list, title: str, footer: str = ""):
    """Lay the story out on A4 into ``target`` (a path or a binary file object)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    fonts.register()
    doc = SimpleDocTemplate(target if not isinstance(target, Path) else str(target),
                            pagesize=A4, leftMargin=LEFT_MARGIN_MM * mm,
                            rightMargin=OTHER_MARGIN_MM * mm, topMargin=OTHER_MARGIN_MM * mm,
                            bottomMargin=22 * mm, title=title, author="Koordynator")
    canvas_class = _numbered_canvas()
    doc.build(story, canvasmaker=lambda *a, **k: canvas_class(*a, footer=footer, **k))
    return target
