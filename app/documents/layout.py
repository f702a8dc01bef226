"""Shared page layout for Koordynator's PDFs: A4 with a filing margin, fonts with Polish
letters, user text escaped, "Strona X z Y" on every page."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from app.documents import fonts

LEFT_MARGIN_MM = 30  # room for a binder on the left
CELL_PADDING = 4  # pt each side of a table cell (ReportLab's 6 leaves too little for words)
OTHER_MARGIN_MM = 18
# what a paragraph is wrapped to: A4 less the margins and the frame's 6 pt padding each side
SHORTEST_HYPHENATED = 8  # characters, punctuation included
TEXT_WIDTH = (210 - LEFT_MARGIN_MM - OTHER_MARGIN_MM) * 72 / 25.4 - 12


def text(value: object) -> str:
    """User text made safe for a Paragraph: NFKC, markup escaped, line breaks kept, and
    bound as Polish typesetting binds it (see ``bound``)."""
    s = unicodedata.normalize("NFKC", "" if value is None else str(value))
    s = "".join(ch for ch in s if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return escape(bound(s)).replace("\n", "<br/>")


NBSP = "\u00a0"
# Polish typesetting keeps together what a reader takes in as one: a one-letter word with
# the word after it (no "w" at a line's end), an abbreviation with its number ("art. 6",
# "ust. 1", "Dz. U.", "§ 3"), a number with "r." after it, and the groups of a phone number
_BINDINGS = (
    (re.compile(r"(?<![\w.])([aiouwzAIOUWZ]) (?=\S)"), rf"\1{NBSP}"),
    (re.compile(r"\b(art|ust|lit|pkt|poz|nr|Nr|ul|tel|Dz|U)\.? (?=[\w§])"),
     lambda m: m.group(0)[:-1] + NBSP),
    (re.compile(r"§ (?=\d)"), f"§{NBSP}"),
    (re.compile(r"(?<=\d) (?=(r\.|§|\d))"), NBSP),
    (re.compile(r"(?<=[^\W\d_]) (?=\d+[\w/]*(?:[,.;)]|$))"), NBSP),
)


def bound(s: str) -> str:
    for pattern, replacement in _BINDINGS:
        s = pattern.sub(replacement, s)
    return s


LARGE_PRINT = 1.4  # body text 10 pt → 14 pt, for a resident who sees poorly


def styles(scale: float = 1.0) -> dict:
    """The paragraph styles of a document; ``scale`` LARGE_PRINT sets everything larger,
    titles a little less (a 21 pt title would crowd the first page)."""
    from reportlab.lib.styles import ParagraphStyle

    fonts.register()

    def pt(size: float, most: float = 99) -> float:
        return round(min(size * scale, max(size, most)), 1)

    # Polish hyphenation (pyphen): a word that must break gets a hyphen at a syllable
    # instead of being cut anywhere ("nieodpł|atnie"). Cutting long words is off, or
    # ReportLab cuts a word too long for the rest of a line before trying it on a line of
    # its own; columns are never narrower than a syllable (column_widths).
    body = ParagraphStyle("body", fontName=fonts.SANS, fontSize=pt(10), leading=pt(13.5),
                          spaceAfter=4, hyphenationLang="pl_PL", embeddedHyphenation=2,
                          uriWasteReduce=0.3, splitLongWords=0)
    found = {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=pt(8.5), leading=pt(11)),
        # a name under a signature line is not cut into syllables ("Spo-łecznej"); only a
        # word longer than its column is (see below), rather than run over the edge
        "sign": ParagraphStyle("sign", parent=body, fontSize=pt(8.5), leading=pt(11)),
        # a title or a heading is never hyphenated: it wraps between words
        "title": ParagraphStyle("title", parent=body, fontName=fonts.SANS_BOLD,
                                fontSize=pt(15, 18), leading=pt(19, 23), spaceAfter=10,
                                hyphenationLang=""),
        "h2": ParagraphStyle("h2", parent=body, fontName=fonts.SANS_BOLD, fontSize=pt(11.5),
                             leading=pt(15), spaceBefore=8, spaceAfter=4, keepWithNext=1,
                             hyphenationLang=""),
        "h3": ParagraphStyle("h3", parent=body, fontName=fonts.SANS_BOLD, fontSize=pt(10),
                             leading=pt(13.5), spaceBefore=6, spaceAfter=2, keepWithNext=1,
                             hyphenationLang=""),
        "cell": ParagraphStyle("cell", parent=body, fontSize=pt(9), leading=pt(11.5),
                               spaceAfter=0),
    }
    for style in found.values():  # a short word ("„Żabka”", quotes counted) wraps whole
        style.hyphenationMinWordLength = SHORTEST_HYPHENATED
    found["sign"].hyphenationMinWordLength = 24  # a name, unless no column could hold it
    return found


def scale_of(st: dict) -> float:
    """How much larger than the ordinary print ``st`` sets its text."""
    return st["body"].fontSize / 10


def table(data: list[list], widths: list[float], commands: list[tuple], **options):
    """A ReportLab table whose plain and empty cells are set in our font: ReportLab's default
    is Helvetica, which would be referenced in the PDF without being embedded. LongTable
    lays out a table of any length in linear time."""
    from reportlab.platypus import LongTable, TableStyle

    fonts.register()
    result = LongTable(data, colWidths=widths, **options)
    result.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), fonts.SANS, 9),
                                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                                *commands]))
    return result


def kv_table(rows: list[tuple[str, object]], st: dict):
    """Label / value rows; one small table per section, never one huge table."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    data = [[Paragraph(text(k), st["cell"]), Paragraph(text(v), st["cell"])] for k, v in rows]
    return table(data, [52 * mm, 108 * mm], [("GRID", (0, 0), (-1, -1), 0.4, "#888888"),
                                             ("BACKGROUND", (0, 0), (0, -1), "#f0f0f0"),
                                             ("VALIGN", (0, 0), (-1, -1), "TOP")],
                 hAlign="LEFT")


def font_size_to_fit(rows: list[list[str]], total: float, sizes=(9, 8, 7),
                     hyphenated: bool = True, padding: float = 0.0) -> float:
    """The largest of ``sizes`` at which every column holds its longest syllable (its
    longest word, where words are not ``hyphenated``: a word processor's table): a wide
    table set smaller rather than with words running into the next column."""
    return next((size for size in sizes[:-1] if sum(column_widths(
        rows, total, size, fitting_only=True, hyphenated=hyphenated, padding=padding))
        <= total), sizes[-1])


def column_widths(rows: list[list[str]], total: float, font_size: float = 9,
                  fitting_only: bool = False, hyphenated: bool = True,
                  padding: float = 0.0) -> list[float]:
    """Column widths from the content, as a browser sets a table: each column gets at least
    its longest syllable with a hyphen; the room left goes first to whole words (a word is
    broken only where it must be), then to whole lines, and what remains is shared evenly.
    ``fitting_only``: just the narrowest each column can be; ``padding``: a cell's left and
    right margins together, where they are not ours (a word processor's)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register()
    pad = (padding or 2 * CELL_PADDING) + 0.5
    cols = max((len(r) for r in rows), default=0)

    def width(t: str) -> float:
        return stringWidth(t, fonts.SANS_BOLD, font_size)  # bold: headers are the widest

    def pieces(word: str) -> list[str]:
        if not hyphenated or NBSP in word or not word.replace("-", "").isalpha():
            return [word]  # "w codziennych", "art. 6", "CUS/2026/0017": set whole
        parts = _syllables(word)
        if len(parts) < 2:
            return parts
        # ReportLab breaks a word once: the narrowest cell holds the wider of its two halves
        halves: list[tuple[str, str]] = [("".join(parts[:k]) + "-", "".join(parts[k:]))
                                         for k in range(1, len(parts))]
        head, tail = min(halves, key=lambda h: max(width(h[0]), width(h[1])))
        return [head, tail]

    cells = [[str(r[c]) if c < len(r) else "" for r in rows] for c in range(cols)]
    # words as the paragraph will set them: what ``bound`` ties together is one
    words = [[w for text in col for w in re.split(r"[ \t\n]+", bound(text)) if w]
             for col in cells]
    longest_word = [max((width(w) for w in ws), default=0) + pad for ws in words]
    whole = [max((width(line) for text in col for line in text.splitlines()), default=0) + pad
             for col in cells]
    widths: list[float] = [max((width(p) for w in ws for p in pieces(w)), default=0.0) + pad
                           for ws in words]
    if fitting_only:
        return widths
    for target in (longest_word, whole):
        room = total - sum(widths)
        wants: list[float] = [max(0.0, t - w) for t, w in zip(target, widths, strict=True)]
        if room > 0 and sum(wants) > 0:
            share = min(1.0, room / sum(wants))
            widths = [w + want * share for w, want in zip(widths, wants, strict=True)]
    room = total - sum(widths)
    if room > 0 and cols:  # every column is whole: the space left is shared evenly
        return [w + room / cols for w in widths]
    if room < 0:  # not even the syllables fit: every column shrinks alike
        return [w * total / sum(widths) for w in widths]
    return widths


def _syllables(word: str) -> list[str]:
    if len(word) < SHORTEST_HYPHENATED:  # as the paragraphs set it: whole
        return [word]
    return _hyphenator().inserted(word).split("-")


@cache
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="pl_PL")


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
                            bottomMargin=22 * mm, title=title, author="Koordynator",
                            initialFontName=fonts.SANS)  # else Helvetica is referenced
    canvas_class = _numbered_canvas()
    doc.build(story, canvasmaker=lambda *a, **k: canvas_class(*a, footer=footer, **k))
    return target
