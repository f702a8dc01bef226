"""A report on paper: the centre's name, the title with the period and filters, each table
(header repeated where it continues) and the charts, "Strona X z Y" on every page."""

from __future__ import annotations

import io
from datetime import date

from sqlite_utils import Database

from app.core.table import shown
from app.documents import fonts, layout
from app.reports import charts
from app.reports.model import Report
from app.settings import store as settings_store


def pdf(db: Database, report: Report) -> bytes:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

    st = layout.styles()
    centre = settings_store.load(db).cus_name or "Centrum usług społecznych"
    story: list = [Paragraph(layout.text(centre), st["small"]),
                   Paragraph(layout.text(report.title), st["title"]),
                   Paragraph(layout.text(f"Okres: {report.period}"
                                         + "".join(f"; {f}" for f in report.filters)),
                             st["body"])]
    notes = {n for t in report.tables for n in t.notes if n != report.heading}
    for note in sorted(notes):
        story.append(Paragraph(layout.text(note), st["small"]))
    story.append(Spacer(1, 4 * mm))
    for chart in report.charts:
        story += [KeepTogether([charts.drawing(chart, layout.TEXT_WIDTH,
                                                     charts.height(chart, 200))]),
                  Spacer(1, 4 * mm)]
    # a heading is kept with its table by room left, not by keepWithNext: that moves a
    # table longer than the rest of the page whole to the next one, leaving this one empty
    heading = ParagraphStyle("h2-table", parent=st["h2"], keepWithNext=0)
    for table in report.tables:
        story += [CondPageBreak(30 * mm), Paragraph(layout.text(table.title), heading)]
        if not table.rows:
            story.append(Paragraph("brak pozycji", st["small"]))
            continue
        cells = [[shown(v, c.kind) for v, c in zip(row, table.columns, strict=True)]
                 for row in table.rows]
        # widths from a sample: a register of 20,000 cases reads like its first rows
        sample = [table.headers, *cells[:500]]
        # a list to sign keeps its last column for a date and a signature
        signing = SIGNING_WIDTH if report.sign_off else 0.0
        if signing:
            sample = [row[:-1] for row in sample]
        size = layout.font_size_to_fit(sample, layout.TEXT_WIDTH - signing)
        widths = layout.column_widths(sample, layout.TEXT_WIDTH - signing, size)
        widths += [signing] if signing else []
        style = ParagraphStyle(f"cell-{size}", parent=st["cell"], fontSize=size,
                               leading=size * 1.28)
        head = [Paragraph(f"<b>{layout.text(h)}</b>", style) for h in table.headers]
        body = [[_cell(c, w, style) for c, w in zip(row, widths, strict=True)] for row in cells]
        story.append(layout.table([head, *body], widths, [
            ("GRID", (0, 0), (-1, -1), 0.4, "#888888"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTSIZE", (0, 0), (-1, -1), size),
            *([("BOTTOMPADDING", (0, 1), (-1, -1), 8 * mm)] if report.sign_off else []),
            ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee")], repeatRows=1))
    if report.sign_off:
        story += _signature(report.sign_off, settings_store.load(db), st)
    story.append(Spacer(1, 6 * mm))
    story.append(Paragraph(layout.text(f"Sporządzono {date.today():%d.%m.%Y} w programie "
                                       "Koordynator."), st["small"]))
    buffer = io.BytesIO()
    layout.build(buffer, story, report.title)
    return buffer.getvalue()


SIGNING_WIDTH = 45 * 72 / 25.4  # 45 mm in points: a date and a signature


def _signature(text: str, settings, st: dict) -> list:
    """The approver's statement, then a line to sign on with the name and post under it."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    who = settings.director_name or "." * 40
    post = settings.director_title or "dyrektor centrum usług społecznych"
    return [Spacer(1, 6 * mm), KeepTogether([
        Paragraph(layout.text(text), st["body"]), Spacer(1, 14 * mm),
        Paragraph(layout.text("." * 60), st["body"]),
        Paragraph(layout.text(f"data i podpis: {who}, {post}"), st["small"])])]


def _cell(text: str, width: float, style):
    """What fits on one line is set as plain text (a table's font, no paragraph to wrap:
    a register of thousands of rows lays out ten times faster); the rest wraps."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    if ("\n" not in text and stringWidth(text, fonts.SANS, style.fontSize)
            <= width - 2 * layout.CELL_PADDING):
        return text
    return Paragraph(layout.text(text), style)
