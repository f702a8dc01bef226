"""The recovery-key sheet printed once, sealed in an envelope and kept in the office safe."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from app.core.validation import format_date
from app.documents import fonts


def write_recovery_sheet(target: Path, code: str, db_path: Path, cus_name: str,
                         issued: date | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    fonts.register()
    body = ParagraphStyle("body", fontName=fonts.SANS, fontSize=10.5, leading=14.5,
                          spaceAfter=6)
    title = ParagraphStyle("title", parent=body, fontName=fonts.SANS_BOLD, fontSize=16,
                           leading=20, spaceAfter=10)
    code_style = ParagraphStyle("code", parent=body, fontName=fonts.MONO, fontSize=15,
                                leading=24, alignment=1)
    groups = code.split("-")
    lines = ["  ".join(groups[i:i + 5]) for i in range(0, len(groups), 5)]
    issued = issued or date.today()
    story = [
        Paragraph(escape(cus_name or "Centrum Usług Społecznych"), body),
        Paragraph("Klucz odzyskiwania bazy danych programu Koordynator", title),
        Paragraph("Ten arkusz pozwala odzyskać dostęp do zaszyfrowanej bazy danych, gdy "
                  "hasło zostanie zapomniane. Kto ma ten klucz i plik bazy, może odczytać "
                  "wszystkie dane osobowe mieszkańców – chroń go jak klucz do szafy z aktami.",
                  body),
        Spacer(1, 6 * mm),
        Table([[Paragraph("<br/>".join(lines), code_style)]], colWidths=[160 * mm],
              style=TableStyle([("BOX", (0, 0), (-1, -1), 1.2, "black"),
                                ("TOPPADDING", (0, 0), (-1, -1), 10),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 10)])),
        Spacer(1, 6 * mm),
        Paragraph("<b>Jak przechowywać</b>", body),
        Paragraph("1. Wydrukuj arkusz jeden raz. Nie zapisuj go na komputerze ani w poczcie "
                  "e-mail; plik PDF usuń po wydrukowaniu.", body),
        Paragraph("2. Włóż arkusz do koperty, zaklej ją, podpisz na zaklejeniu i oddaj do "
                  "sejfu centrum (lub do kierownika) z adnotacją w rejestrze.", body),
        Paragraph("<b>Jak użyć</b>", body),
        Paragraph("W oknie hasła wybierz „Nie pamiętam hasła”, przepisz klucz (wielkość liter "
                  "i myślniki nie mają znaczenia) i ustaw nowe hasło. Po użyciu klucza "
                  "zaklej arkusz w nowej kopercie.", body),
        Spacer(1, 4 * mm),
        Paragraph(f"Plik bazy danych: {escape(str(db_path))}", body),
        Paragraph(f"Data wygenerowania klucza: {format_date(issued)}", body),
        Spacer(1, 14 * mm),
        Table([["....................................", "...................................."],
               ["podpis osoby, która zakleiła kopertę", "podpis osoby przyjmującej do sejfu"]],
              colWidths=[80 * mm, 80 * mm],
              style=TableStyle([("FONT", (0, 0), (-1, -1), fonts.SANS, 9),
                                ("ALIGN", (0, 0), (-1, -1), "CENTER")])),
    ]
    doc = SimpleDocTemplate(str(target), pagesize=A4, leftMargin=30 * mm, rightMargin=20 * mm,
                            topMargin=20 * mm, bottomMargin=20 * mm,
                            title="Klucz odzyskiwania – Koordynator", author="Koordynator",
                            initialFontName=fonts.SANS)
    doc.build(story)
    return target
