"""Lays a document out: letterhead, number, the template's lines with placeholders filled,
tables, the schedule drawing, place and date, signatures (with the art. 79 KC variant), and
optionally two copies marked for the resident and for the CUS."""

from __future__ import annotations

import io
import re
from datetime import date

from app.core import prose
from app.core.errors import ValidationError
from app.core.validation import format_date
from app.documents import fonts, grammar, layout, templates
from app.documents.data import BLANK, DocumentData
from app.documents.schedule import span_of
from app.plans import timetable

COPY_LABELS = ("Egzemplarz dla mieszkańca", "Egzemplarz dla CUS")
ROLE_NAMES = {"osoba": "osoba, której dotyczy dokument", "koordynator": "koordynator (KIPUS)",
              "zatwierdzający": "zatwierdzający – dyrektor CUS lub upoważniony organizator",
              "dyrektor": "dyrektor centrum usług społecznych",
              "pełnomocnik": "osoba upoważniona (podpis i pieczęć imienna)",
              "mocodawca": "podpis osoby reprezentującej mocodawcę i pieczęć imienna",
              "pieczęć": "pieczęć instytucji (mocodawcy)",
              "upoważniony": "osoba upoważniona",
              "przedstawiciel partnera": "przedstawiciel partnera",
              "przedstawiciel ustawowy": "imię, nazwisko i podpis przedstawiciela ustawowego "
                                         "(rodzica albo opiekuna) w imieniu dziecka – art. 98 "
                                         "Kodeksu rodzinnego i opiekuńczego",
              "zgoda przedstawiciela": "imię, nazwisko i podpis przedstawiciela ustawowego "
                                       "(rodzica albo opiekuna) wyrażającego zgodę – art. 17 "
                                       "Kodeksu cywilnego",
              "przyjmujący skierowanie": "przyjmujący skierowanie (wykonawca)"}


def fill(text: str, fields: dict[str, str], sex: str | None = None) -> str:
    """Placeholders filled; "{podpisana|podpisany}" chooses by the person's sex (both, with
    a slash, only when the sex is not known)."""
    def value(m: re.Match) -> str:
        name, stop = m.group(1), m.group(2)
        if templates.is_alternative(name):
            female, male = name.split("|")
            return grammar.by_sex(sex, female, male) + stop
        filled = fields.get(name, "")
        if not filled and name not in OPTIONAL:  # unknown: a blank to write in
            filled = BLANK
        # "Prośba: {wniosek}." with a request typed as a sentence gets one full stop
        return filled if stop and prose.ends_sentence(filled) else filled + stop

    return _FILLED.sub(value, text)


# what a sentence carries only when there is something to say (", zamknięta 02.11.2026")
OPTIONAL = {"zamknieta"}
_FILLED = re.compile(templates.PLACEHOLDER.pattern + r"(\.?)")


def check(data: DocumentData, body: str) -> None:
    found = templates.problems(body, set(data.fields), data.blocks())
    if found:
        raise ValidationError({f"template.{i}": m for i, m in enumerate(found)})


def render(data: DocumentData, body: str, *, number: str = "", copies: int = 1,
           signing: str = "pisze", issued_on: date | None = None,
           large_print: bool = False) -> bytes:
    """The PDF as bytes. Raises ValidationError when the wording has unknown placeholders.
    ``large_print``: 14 pt for a resident who sees poorly."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak

    check(data, body)
    fields = {**data.fields, "numer_dokumentu": number or BLANK}
    if issued_on:
        fields["data"] = format_date(issued_on)
    # signed on the day it happened, whenever printed: the plan when agreed, the summary
    # conversation when held
    signed_on = {"ipus": "data_uzgodnienia", "rozmowa": "data_rozmowy"}.get(data.kind)
    if signed_on and fields.get(signed_on, BLANK) != BLANK:
        fields["data"] = fields[signed_on]
    if data.kind == "odmowa" and not data.blank:
        fields["data_decyzji"] = fields["data"]  # art. 107 § 1 KPA: the day it is issued
    st = layout.styles(layout.LARGE_PRINT if large_print else 1.0)
    lines = templates.parse(body)
    story: list = []
    labels = (COPY_LABELS[:copies] if data.kind != "porozumienie"
              else [f"Egzemplarz nr {k} z {copies}" for k in range(1, copies + 1)]) \
        if copies > 1 else ("",)
    for n, label in enumerate(labels):
        if n:
            story += [PageBreak(), layout.copy_marker()]
        # a declaration a partner makes is not on the centre's letterhead
        story += (_number_only(number, label, st) if data.kind in OWN_PAPER
                  else _letterhead(fields, number, label, st, data.logo))
        # "1)" points sit under "1." clauses when a document has both levels
        nested = any(re.match(r"^\d+\.\s", line.text) for line in lines
                     if line.kind == "point")
        signed = False
        for at, line in enumerate(lines):
            flowables = _line(line, fields, data, st, signing, nested)
            following = lines[at + 1] if at + 1 < len(lines) else None
            if line.kind == "heading" and following and following.kind == "block" \
                    and following.text in ("tabela", "harmonogram"):
                # kept with the table by room left, not by keepWithNext: that moves a whole
                # table shorter than a page to the next one, leaving this one empty
                flowables[-1].keepWithNext = 0
                flowables.insert(0, CondPageBreak(40 * mm))
            if line.kind == "block" and line.text == "podpisy":
                flowables = _kept_with_closing(story, flowables)
            elif signed and flowables:  # "Otrzymują: …" stays under the signature
                flowables = [KeepTogether([story.pop(), *flowables])]
            signed = line.kind == "block" and line.text == "podpisy"
            story += flowables
    buffer = io.BytesIO()
    title = next((fill(line.text, fields, data.sex) for line in lines if line.kind == "title"),
                 templates.KINDS[data.kind])
    layout.build(buffer, story, title, footer=number)
    return buffer.getvalue()


def _no_orphan(title: str) -> str:
    """A title or heading that wraps ends with two words, not one ("usług społecznych");
    given as markup, after NFKC (which would make the no-break space a space)."""
    head, space, last = title.rpartition(" ")
    return f"{head}{layout.NBSP}{last}" if space and len(last) < 25 else title


def _kept_with_closing(story: list, signatures: list) -> list:
    """Signatures never stand alone on a page: the closing paragraphs before them (the
    place and date, the last sentence; not a table) go with the first of them to the next
    page, or, after a long paragraph, its last two lines."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph

    closing: list = []
    height = 0.0
    while story and len(closing) < 3 and isinstance(story[-1], Paragraph):
        paragraph_height = story[-1].wrap(layout.TEXT_WIDTH, 1000 * mm)[1]
        if height + paragraph_height > 30 * mm:  # not a page of reasons: its end only
            if not closing:
                head, tail = _last_lines(story.pop(), 2)
                story += head
                closing = tail
            break
        height += paragraph_height
        closing.insert(0, story.pop())
    else:
        while story and isinstance(story[-1], Paragraph) and story[-1].getKeepWithNext():
            closing.insert(0, story.pop())  # the heading of what went along
    # all the parties' blocks together when a page holds them (a longer list flows on, a
    # pair never split)
    return [KeepTogether([*closing, *signatures])]


def _last_lines(paragraph, count: int) -> tuple[list, list]:
    """A paragraph cut before its last ``count`` lines (ReportLab's own page split, so the
    first part stays justified)."""
    from reportlab.lib.units import mm

    total = paragraph.wrap(layout.TEXT_WIDTH, 1000 * mm)[1]
    parts = paragraph.split(layout.TEXT_WIDTH, total - count * paragraph.style.leading + 0.5)
    return ([parts[0]], [parts[1]]) if len(parts) == 2 else ([], [paragraph])


OWN_PAPER = {"pelnomocnictwo"}


def _number_only(number: str, label: str, st: dict) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    right = ParagraphStyle("nr", parent=st["small"], alignment=2)
    # the centre's register number, said to be the centre's: the partner numbers nothing
    text = (f"Nr w rejestrze dokumentów CUS: {layout.text(number)}" if number else "") + (
        f"<br/><b>{layout.text(label)}</b>" if label else "")
    return [Paragraph(text, right), Spacer(1, 6 * mm)] if text else [Spacer(1, 6 * mm)]


def _letterhead(fields: dict[str, str], number: str, label: str, st: dict,
                logo: bytes | None = None) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, Spacer

    address = fields["adres_cus"] if fields["adres_cus"] != BLANK else ""
    left = Paragraph(f"<b>{layout.text(fields['cus'])}</b><br/>{layout.text(address)}",
                     st["small"])
    right = Paragraph((f"Nr: {layout.text(number)}<br/>" if number else "")
                      + (f"<b>{layout.text(label)}</b>" if label else ""), st["small"])
    cells, widths = [left, right], [100 * mm, 60 * mm]
    if logo:
        image = Image(io.BytesIO(logo))
        scale = 14 * mm / image.imageHeight
        image.drawHeight, image.drawWidth = 14 * mm, min(image.imageWidth * scale, 30 * mm)
        cells, widths = [image, left, right], [32 * mm, 72 * mm, 56 * mm]
    table = layout.table([cells], widths, [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                           ("LINEBELOW", (0, 0), (-1, 0), 0.6, "#444444"),
                                           ("ALIGN", (-1, 0), (-1, 0), "RIGHT")])
    return [table, Spacer(1, 6 * mm)]


def _line(line: templates.Line, fields, data: DocumentData, st, signing: str,
          nested: bool = False) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    if line.kind == "title":
        centred = ParagraphStyle("t", parent=st["title"], alignment=1)
        return [Paragraph(_no_orphan(layout.text(fill(line.text, fields, data.sex))), centred)]
    if line.kind in ("heading", "subheading"):
        style = st["h2" if line.kind == "heading" else "h3"]
        return [Paragraph(_no_orphan(layout.text(fill(line.text, fields, data.sex))), style)]
    if line.kind == "point":
        inner = nested and re.match(r"^\d+\)", line.text)
        indented = ParagraphStyle("p", parent=st["body"], leftIndent=32 if inner else 14,
                                  firstLineIndent=-14)
        return [Paragraph(layout.text(fill(line.text, fields, data.sex)), indented)]
    if line.kind == "text":
        filled = fill(line.text, fields, data.sex)
        # a line with blanks to write in is not justified: the blanks cannot stretch, so
        # the words between them would be pulled apart; nor is large print, whose few
        # words a line would leave wide gaps for a reader who sees poorly
        ragged = BLANK in filled or layout.scale_of(st) > 1
        justified = ParagraphStyle("j", parent=st["body"], alignment=0 if ragged else 4)
        return [Paragraph(layout.text(filled), justified)]
    return _block(line, fields, data, st, signing)


def _block(line: templates.Line, fields, data: DocumentData, st, signing: str) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    if line.text == "tabela":
        headers, rows = data.tables[line.arg]
        return _tables(headers, rows, st, data.room.get(line.arg), data.widths.get(line.arg))
    if line.text == "harmonogram":
        if data.blank:  # the week to write the days and hours in
            headers = ["Godziny", *timetable.DAY_NAMES]
            return [Paragraph("<b>Tydzień – dni i godziny usług</b>", st["small"]),
                    *_tables(headers, [[""] * len(headers) for _ in range(5)], st, 10,
                             (0.16, *[0.12] * 7))]
        if not data.schedule:
            return [Paragraph("—", st["body"])]
        return [_schedule(data, layout.scale_of(st)),
                *week_table(timetable.entries(data.schedule), st)]
    if line.text == "linie":
        count = templates.lines_count(line.arg) or 3
        dotted = "." * int(130 / layout.scale_of(st))  # a line to write on, not two
        return [Paragraph(dotted, st["body"]) for _ in range(count)]
    if line.text == "miejsce_data":
        right = ParagraphStyle("r", parent=st["body"], alignment=2, spaceBefore=10)
        return [Paragraph(layout.text(f"{fields['miejscowosc']}, dnia {fields['data']}"),
                          right)]
    if line.text == "podpisy":
        signatures = _signatures(line.arg, fields, data, st, signing)
        return [Spacer(1, 10 * mm),
                *(signatures if isinstance(signatures, list) else [signatures])]
    return []


def _tables(headers: list[str], rows: list[list[str]], st, room: float | None = None,
            shares: tuple[float, ...] | None = None) -> list:
    """One table, its columns as wide as their content asks (or as ``shares`` of the width,
    for a form written in by hand), its header repeated only on the pages it continues onto
    (LongTable lays out long tables in linear time). With ``room``, an empty row is that
    many millimetres high, to be filled in by hand (a form's row may keep its label)."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    if not rows:
        return [Paragraph("brak wpisów", st["small"])]
    headed = any(headers)
    widths = ([160 * mm * share for share in shares] if shares else
              layout.column_widths(([headers] if headed else []) + rows, 160 * mm,
                                   st["cell"].fontSize))
    data = ([[Paragraph(f"<b>{layout.text(h)}</b>", st["cell"]) for h in headers]]
            if headed else [])
    data += [[Paragraph(layout.text(_fitted_blank(c, w, st["cell"].fontSize)), st["cell"])
              for c, w in zip(row, widths, strict=False)] for row in rows]
    style = [("GRID", (0, 0), (-1, -1), 0.4, "#888888"), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if headed:
        style.append(("BACKGROUND", (0, 0), (-1, 0), "#eeeeee"))
    heights = ([None] if headed else []) + [
        room * mm if room and not any(c.strip() for c in row[1:]) else None for row in rows]
    return [layout.table(data, widths, style, repeatRows=1 if headed else 0,
                         rowHeights=heights)]


def _fitted_blank(text: str, width: float, size: float = 9) -> str:
    """A line to write on, no wider than its column (a page-wide one would run over the
    next column)."""
    if BLANK not in text:
        return text
    from reportlab.pdfbase.pdfmetrics import stringWidth

    room = width - 2 * layout.CELL_PADDING - 2
    dots = max(3, int(room // stringWidth("…", fonts.SANS, size)))
    return text.replace(BLANK, "…" * min(dots, len(BLANK)))


def _schedule(data: DocumentData, scale: float = 1.0):
    """The plan's items as bars over the months (vector drawing, fonts embedded). Each name
    is wrapped in full beside its bar; the month names follow timetable.month_marks."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase.pdfmetrics import stringWidth

    items = data.schedule or []
    first, last = span_of(items, *data.schedule_span)
    days = max(1, (last - first).days + 1)
    size = 7 * scale
    width, label_w, line_h, head = 160 * mm, 55 * mm, 8.5 * scale, 18 * scale
    names = [simpleSplit(item.service_name or item.description or "—", fonts.SANS, size,
                         label_w - 6) for item in items]
    heights = [max(14 * scale, 5 + line_h * len(lines)) for lines in names]
    height = head + sum(heights)
    d = Drawing(width, height)
    d.initialFontName = fonts.SANS  # else the drawing starts in Helvetica, never embedded
    scale = (width - label_w) / days
    def width_of(label: str) -> float:
        return stringWidth(label, fonts.SANS, size)

    for x, label in timetable.month_marks(first, last,
                                          lambda day: label_w + 2 + (day - first).days * scale,
                                          width_of, width):
        d.add(Line(x - 2, 0, x - 2, height - 12, strokeColor="#cccccc", strokeWidth=0.4))
        if label:
            d.add(String(x, height - 10 * scale, label, fontName=fonts.SANS, fontSize=size))
    top = height - head
    for item, lines, row_h in zip(items, names, heights, strict=True):
        y = top - row_h
        for n, text in enumerate(lines):
            d.add(String(0, top - 9 * scale - n * line_h, text, fontName=fonts.SANS,
                         fontSize=size))
        start = date.fromisoformat(item.start_on) if item.start_on else first
        end = date.fromisoformat(item.end_on) if item.end_on else last
        x0 = label_w + (start - first).days * scale
        x1 = label_w + ((end - first).days + 1) * scale
        color = "#3b6ea8" if item.kind == "usluga" else "#5a9a5a"
        d.add(Rect(x0, top - 11 * scale, max(2, x1 - x0), 9 * scale, fillColor=color,
                   strokeWidth=0))
        top = y
    return d


def week_table(week: list[timetable.Entry], st) -> list:
    """The week (days × hours) under the period chart: what comes when, and from whom."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph

    if not week:
        return []
    headers, rows = timetable.table(week)
    padding = 12 + 2  # ReportLab's cell padding (6 pt a side) and a little air
    # the hours column fits its longest time on one line: "09:00–11:00" is never split
    cell, bold = st["cell"].fontSize, 8 * layout.scale_of(st)
    first = max(stringWidth(text, fonts.SANS, cell) for text in
                [headers[0], *(r[0] for r in rows if r[0] != timetable.NO_HOURS)]) + padding
    day_width = (160 * mm - first) / (len(headers) - 1)
    head = ParagraphStyle("week-head", parent=st["cell"], fontName=fonts.SANS_BOLD,
                          fontSize=bold)
    if max(stringWidth(h, fonts.SANS_BOLD, bold) for h in headers[1:]) + padding > day_width:
        # "poniedziałek" split in two reads worse than "pon."
        headers = [headers[0], *(SHORT_DAYS[timetable.DAY_NAMES.index(h)] for h in headers[1:])]
    # a day with nothing in it is as wide as its name; the busy days share the rest
    used = [any(row[d].strip() for row in rows) for d in range(1, len(headers))]
    if any(used) and not all(used):
        idle = [stringWidth(h, fonts.SANS_BOLD, bold) + padding
                for h, u in zip(headers[1:], used, strict=True) if not u]
        busy = (160 * mm - first - sum(idle)) / used.count(True)
        idle_widths = iter(idle)
        days = [busy if u else next(idle_widths) for u in used]
    else:
        days = [day_width] * (len(headers) - 1)
    widths = [first, *days]
    cells = [[Paragraph(layout.text(h), head) for h in headers]]
    cells += [[Paragraph(layout.text(c), st["cell"]) for c in row] for row in rows]
    table = layout.table(cells, widths, [("GRID", (0, 0), (-1, -1), 0.4, "#888888"),
                                         ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                         ("BACKGROUND", (0, 0), (-1, 0), "#eeeeee")],
                         repeatRows=1)
    heading = ParagraphStyle("week", parent=st["small"], keepWithNext=1, spaceBefore=6)
    return [Paragraph("<b>Tydzień – dni i godziny usług</b>", heading), table]


SHORT_DAYS = ("pon.", "wt.", "śr.", "czw.", "pt.", "sob.", "niedz.")


def week_pdf(title: str, subtitle: str, week: list[timetable.Entry]) -> bytes:
    """A working print of one week (a provider's round): not a document to sign, so it
    gets no number and is not kept in the register."""
    from reportlab.platypus import Paragraph

    st = layout.styles()
    story = [Paragraph(layout.text(title), st["title"]), Paragraph(layout.text(subtitle),
                                                                   st["body"])]
    story += week_table(week, st) or [Paragraph("Brak usług z wpisanymi dniami tygodnia.",
                                                st["body"])]
    buffer = io.BytesIO()
    layout.build(buffer, story, title)
    return buffer.getvalue()


def _signatures(arg: str, fields, data: DocumentData, st, signing: str):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    roles = [r.strip() for r in arg.split("|") if r.strip()]
    if roles == ["sygnatariusze"]:
        return _party_signatures(data.signatories or [BLANK], st)
    if "wykonawcy" in roles:  # one block for each provider who gave support
        at = roles.index("wykonawcy")
        roles[at:at + 1] = [f"wykonawca:{name}" for name in data.signatories or [BLANK, BLANK]]
    if "osoba" in roles and data.minor:  # a parent signs for a child, or consents
        at = roles.index("osoba")
        roles[at:at + 1] = (["przedstawiciel ustawowy"] if data.minor == "dziecko"
                            else ["osoba", "zgoda przedstawiciela"])
    names = [_signer(r, fields) for r in roles]
    captions = [_caption(r, fields) for r in roles]
    cells: list = []
    for role, name, caption in zip(roles, names, captions, strict=True):
        if role == "osoba" and signing in ART79:
            cells.append(ART79[signing](name, st))
            continue
        text = f"{'.' * int(40 / layout.scale_of(st))}<br/>{layout.text(name)}<br/>" \
               f"{_fine(st)}{layout.text(caption)}</font>"
        cells.append(Paragraph(text, st["sign"]))
    per_row = 2 if len(cells) > 3 or (signing in ART79 and len(cells) > 1) \
        else max(1, len(cells))
    rows = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
    rows[-1] += [""] * (per_row - len(rows[-1]))
    return layout.table(rows, [160 * mm / per_row] * per_row,
                        [("VALIGN", (0, 0), (-1, -1), "TOP"),  # the dotted lines level
                         ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                         ("TOPPADDING", (0, 0), (-1, -1), 18)])


def _party_signatures(names: list[str], st):
    """A block per party, two to a row: its name above (however long, it wraps in its own
    column, the two names in one row so the lines below stay level), then who represents
    it, room for the stamp, and the signature line. A pair is never split across pages."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph

    line = "." * 60
    pairs = []
    for i in range(0, len(names), 2):
        pair = names[i:i + 2]
        rows: list[list] = [
            [Paragraph(f"<b>{layout.text(n)}</b>", st["sign"]) for n in pair],
            [Paragraph(f"w imieniu podpisuje:<br/><br/>{line}<br/>{_fine(st)}imię, "
                       "nazwisko, funkcja</font>", st["sign"]) for _ in pair],
            ["" for _ in pair],  # room for the stamp
            [Paragraph(f"{line}<br/>{_fine(st)}pieczęć i podpis</font>", st["sign"])
             for _ in pair]]
        for row in rows:
            row += [""] * (2 - len(row))
        pairs.append(KeepTogether(layout.table(
            rows, [80 * mm, 80 * mm], [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("BOTTOMPADDING", (0, 3), (-1, 3), 8)],
            # room for a stamp (about 15 mm tall); four pairs and the closing fit a page
            rowHeights=[None, None, 17 * mm, None])))
    return pairs


def _fingerprint(name: str, st):
    """Art. 79 KC, a person who cannot write: her ink fingerprint in a box big enough for
    it, her name written beside it by a person she authorised, who signs."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    box = layout.table([[""]], [30 * mm], [("BOX", (0, 0), (-1, -1), 0.8, "#000000")],
                       rowHeights=[32 * mm])
    dots = "." * int(40 / layout.scale_of(st))  # one line in its 45 mm, at any size
    written = Paragraph(layout.bound(
        "Tuszowy odcisk palca osoby, która nie może pisać (art. 79 Kodeksu cywilnego). Obok "
        f"odcisku jej imię i nazwisko wypisuje odręcznie inna osoba, na jej prośbę:<br/><br/>"
        f"{dots}<br/>{_fine(st)}imię i nazwisko osoby składającej odcisk (wpisuje je osoba, "
        f"którą o to poprosiła)</font><br/><br/>{dots}<br/>"
        f"{_fine(st)}imię, nazwisko i podpis osoby, która je wpisała</font>"), st["small"])
    return layout.table([[box, written]], [33 * mm, 45 * mm], [("VALIGN", (0, 0), (-1, -1), "TOP")])


def _signed_on_request(name: str, st):
    """Art. 79 KC, the other route: a person she authorised signs for her, and a notary, a
    wójt (burmistrz, prezydent miasta), a starosta or a marszałek certifies that signature,
    noting it was made at her request; room for a signature and for an official's stamp."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    def text(markup: str):
        return Paragraph(layout.bound(markup), st["sign"])

    line = "." * 50
    rows = [[text(f"Osoba, która nie może pisać: <b>{layout.text(name)}</b>. Podpis złożony "
                  "za nią na jej życzenie (art. 79 Kodeksu cywilnego) przez:")], [""],
            [text(f"{line}<br/>{_fine(st)}imię, nazwisko i podpis osoby podpisującej za "
                  "nią</font>")],
            [text("Poświadczenie, że podpis złożono na życzenie osoby niemogącej pisać:")],
            [""],
            [text(f"{line}<br/>{_fine(st)}notariusz, wójt (burmistrz, prezydent miasta), "
                  "starosta lub marszałek województwa – data, pieczęć i podpis</font>")]]
    return layout.table(rows, [75 * mm], [("VALIGN", (0, 0), (-1, -1), "BOTTOM")],
                        rowHeights=[None, 14 * mm, None, None, 26 * mm, None])


def _fine(st) -> str:
    """The fine print under a signature line, larger in large print."""
    return f"<font size={7 * layout.scale_of(st):g}>"


ART79 = {"odcisk": _fingerprint, "na_prosbe": _signed_on_request}


def _caption(role: str, fields: dict[str, str]) -> str:
    if role.startswith("wykonawca:"):
        return "osoba udzielająca wsparcia w imieniu wykonawcy"
    if role == "decyzja":  # art. 107 § 1 pkt 8 KPA: the position and the authorisation
        return f"{fields.get('stanowisko_decyzji', '')}, {fields.get('z_upowaznienia', '')}"
    return ROLE_NAMES.get(role, role)


def _signer(role: str, fields: dict[str, str]) -> str:
    if role.startswith("wykonawca:"):
        return role.split(":", 1)[1]
    return {"osoba": fields.get("imie_nazwisko", ""), "koordynator": fields.get("koordynator"),
            "zatwierdzający": fields.get("zatwierdzil") or fields.get("dyrektor"),
            "dyrektor": fields.get("dyrektor"), "decyzja": fields.get("dyrektor"),
            "pełnomocnik": fields.get("pelnomocnik"),
            "upoważniony": fields.get("upowazniony"),
            "mocodawca": fields.get("reprezentant_mocodawcy"),
            "pieczęć": fields.get("mocodawca")}.get(role) or ""


