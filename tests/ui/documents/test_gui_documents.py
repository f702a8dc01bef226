"""Documents in the window: issue with options, preview (QtPdf), print to a PDF printer,
save, reprint from the register, and edit the wording with placeholder errors shown."""

import io
from datetime import date

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from app.demo import generate as demo
from tests import pdf_text
from tests.conftest import plain, session_of
from ui.documents.screens import IssueDialog, PdfPreview, RegisterDialog, TemplateEditor

TODAY = date(2026, 11, 22)


@pytest.fixture
def filled(db):
    demo.build(db, 200, seed=4, today=TODAY)
    return db


def test_issue_preview_print_and_save(qtbot, filled, tmp_path):
    resident_id = filled.execute("SELECT resident_id FROM cases LIMIT 1").fetchone()[0]
    dialog = IssueDialog(session_of(filled), "zgoda", resident_id)
    qtbot.addWidget(dialog)
    dialog.copies.setChecked(True)
    dialog.signing.setCurrentIndex(dialog.signing.findData("odcisk"))
    assert dialog.issue() is True
    preview = PdfPreview(dialog.issued.pdf, dialog.issued.number)
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 2  # one page for each copy
    saved = preview.save_as(tmp_path / "zgoda.pdf")
    assert saved.read_bytes() == dialog.issued.pdf
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "wydruk.pdf"))
    assert preview.print_document(printer) is True
    assert len(PdfReader(tmp_path / "wydruk.pdf").pages) == 2


def test_issue_refused_for_a_missing_record(qtbot, filled):
    dialog = IssueDialog(session_of(filled), "karta", "nie-ma-takiej")
    qtbot.addWidget(dialog)
    assert dialog.issue() is False
    assert "Nie znaleziono" in dialog.error.text()


def test_register_lists_and_reprints(qtbot, filled):
    from app.documents import register

    doc = register.issue(filled, "diagnoza-potrzeb")
    dialog = RegisterDialog(session_of(filled))
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == doc.number
    assert dialog.show_selected(show=False) is None  # nothing selected yet
    dialog.table.selectRow(0)
    assert dialog.show_selected(show=False) == doc.pdf
    dialog.search.setText("brak takiego")
    assert dialog.table.rowCount() == 0


def test_wording_editor_refuses_unknown_placeholders(qtbot, filled):
    editor = TemplateEditor(session_of(filled))
    qtbot.addWidget(editor)
    editor.kind.setCurrentIndex(editor.kind.findData("klauzula"))
    text = editor.body.toPlainText()
    editor.body.setPlainText(text.replace("{iod}", "{iodd}"))
    assert editor.save() is False
    assert "{iodd}" in editor.error.text() and "{iod}" in editor.error.text()
    editor.body.setPlainText(text.replace("informujemy", "uprzejmie informujemy"))
    assert editor.save() is True
    from app.documents import templates

    assert "uprzejmie informujemy" in templates.body(filled, "klauzula")
    editor.reset()
    assert "uprzejmie" not in editor.body.toPlainText()


def test_logo_on_letterhead_and_chosen_signatories(qtbot, filled, tmp_path):
    from PySide6.QtGui import QColor, QImage

    from app.catalogue import partners
    from ui.safety.settings_dialog import SettingsDialog

    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6f97"))
    logo = tmp_path / "logo.png"
    image.save(str(logo))
    settings = SettingsDialog(session_of(filled))
    qtbot.addWidget(settings)
    bad = tmp_path / "logo.txt"
    bad.write_text("nie obraz")
    assert settings.logo.choose(bad) is False and "PNG albo JPG" in settings.logo.state.text()
    assert settings.logo.choose(logo) is True and settings.logo.state.text().startswith("jest")

    dialog = IssueDialog(session_of(filled), "porozumienie", None)
    qtbot.addWidget(dialog)
    all_partners = partners.search(filled)
    for i in range(1, dialog.signatories.count()):  # keep only the first partner
        dialog.signatories.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.issue() is False and "co najmniej dwie strony" in dialog.error.text()
    dialog.signatories.item(2).setCheckState(Qt.CheckState.Checked)  # and the third
    assert dialog.issue() is True
    text = pdf_text.text(dialog.issued.pdf)
    assert all_partners[0].full_name in text and all_partners[2].full_name in text
    assert all_partners[1].full_name not in text
    assert len(PdfReader(io.BytesIO(dialog.issued.pdf)).pages[0].images) == 1  # the logo


def test_power_of_attorney_names_the_person_and_the_right_to_sign(qtbot, filled):
    partner_id = filled.execute("SELECT id FROM partners LIMIT 1").fetchone()[0]
    dialog = IssueDialog(session_of(filled), "pelnomocnictwo", partner_id)
    qtbot.addWidget(dialog)
    dialog.attorney["mocodawca"].setText("Gmina Żabno")
    dialog.attorney["siedziba_mocodawcy"].setText("Żabno")
    dialog.attorney["reprezentant_mocodawcy"].setText("Jan Kowal – Wójt Gminy Żabno")
    dialog.attorney["pelnomocnik"].setText("Halina Żurawska")
    dialog.attorney["adres_pelnomocnika"].setText("ul. Polna 3, 83-221 Żabno")
    dialog.attorney["pesel_pelnomocnika"].setText("44051401358")
    dialog.attorney["wazne_do"].setText("31.12.2027")
    assert dialog.issue() is False and "PESEL pełnomocnika" in dialog.error.text()
    dialog.attorney["pesel_pelnomocnika"].setText("44051401359")
    dialog.may_sign.setChecked(True)
    assert dialog.issue() is True
    text = pdf_text.text(dialog.issued.pdf)
    partner = filled.execute("SELECT full_name FROM partners WHERE id = ?",
                             [partner_id]).fetchone()[0]
    for expected in ("Ja, Jan Kowal – Wójt Gminy Żabno, działając w imieniu Gminy Żabno z "
                     "siedzibą w Żabnie, upoważniam Panią Halinę Żurawską, zamieszkałą",
                     "44051401359", "ul. Polna 3, 83-221 Żabno", "31.12.2027",
                     "obejmuje także podpisanie", "nie może ustanawiać dalszych "
                     "pełnomocników (art. 106", "art. 101 § 1", "Jan Kowal – Wójt Gminy Żabno "
                     "podpis osoby reprezentującej mocodawcę", "Gmina Żabno pieczęć instytucji"):
        assert expected in text, expected
    assert "Centrum Usług Społecznych" not in text  # the grantor's paper, not the centre's
    assert "do reprezentowania " in text and "z siedzibą" in text.split("do reprezentowania")[1]
    assert partner.split()[-1] in text  # the unit represented, a party of its own


def test_fingerprint_signature_offered_only_where_the_resident_signs(qtbot, filled):
    resident_id = filled.execute("SELECT resident_id FROM cases LIMIT 1").fetchone()[0]
    consent = IssueDialog(session_of(filled), "zgoda", resident_id)
    agreement = IssueDialog(session_of(filled), "porozumienie", None)
    qtbot.addWidget(consent)
    qtbot.addWidget(agreement)
    assert not consent.signing_row.isHidden() and agreement.signing_row.isHidden()


def test_saving_a_previewed_document_never_writes_over_the_database(qtbot, db, db_path,
                                                                    monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from app.documents import register as documents
    from ui.documents.screens import PdfPreview

    pdf = documents.blank_form(db, "klauzula")
    preview = PdfPreview(pdf, "Pusty formularz")
    qtbot.addWidget(preview)
    before = db_path.read_bytes()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(db_path), "PDF (*.pdf)")))
    saved = preview.save_as()
    assert db_path.read_bytes() == before
    assert saved == db_path.with_name("koordynator.db.pdf")
    assert saved.read_bytes().startswith(b"%PDF")


def test_the_save_dialog_remembers_its_folder_and_says_where_it_saved(qtbot, filled,
                                                                      tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from app.documents import register

    folder = tmp_path / "Dokumenty Grażyny"
    folder.mkdir()
    offered = []

    def fake_dialog(parent, title, start, filter_):
        offered.append(start)
        return str(folder / "dok.pdf"), filter_
    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    doc = register.issue(filled, "diagnoza-potrzeb")
    for _ in range(2):
        preview = PdfPreview(doc.pdf, doc.number)
        qtbot.addWidget(preview)
        save = next(b for b in preview.findChildren(QPushButton)
                    if plain(b.text()) == "Zapisz jako PDF…")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        assert preview.saved.text() == f"Zapisano: {folder / 'dok.pdf'}"
    assert not offered[0].startswith(str(folder))
    assert offered[1] == str(folder / f"{doc.number}.pdf".replace("/", "-"))
    assert (folder / "dok.pdf").read_bytes() == doc.pdf


def test_a_document_issued_by_mistake_is_voided_with_a_reason_and_stays_listed(qtbot, filled):
    from app.documents import register

    doc = register.issue(filled, "diagnoza-potrzeb")
    dialog = RegisterDialog(session_of(filled))
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    assert dialog.void_selected(ask=lambda number: "  ") is False
    assert "powód" in dialog.error.text().lower()
    dialog.table.selectRow(0)
    assert dialog.void_selected(ask=lambda number: "Błąd w danych osoby") is True
    assert filled.execute("SELECT voided_on, void_reason, archived_at FROM documents WHERE"
                          " id = ?", [doc.id]).fetchone() == (
        date.today().isoformat(), "Błąd w danych osoby", None)
    assert dialog.table.item(0, 0).text() == doc.number  # still in the register
    assert dialog.table.item(0, 5).text().startswith("UNIEWAŻNIONY")
    dialog.table.selectRow(0)
    assert dialog.show_selected(show=False) is None
    assert "unieważniono" in dialog.error.text()
    dialog.table.selectRow(0)
    assert not dialog.void_button.isEnabled()  # a voided document is not voided again
    assert dialog.void_selected(ask=lambda number: "znowu") is False
    assert "już unieważniony" in dialog.error.text()
    audit = filled.execute("SELECT details FROM audit_log WHERE record_id = ? AND"
                           " action = 'zmiana'", [doc.id]).fetchone()
    assert "Błąd w danych osoby" in audit[0]


def test_a_blank_form_is_printed_from_the_register_with_no_number(qtbot, filled):
    """Every kind is offered as a blank form; one about a person is issued from her
    window (the button says where), a general one here too."""
    from tests.conftest import in_modal

    dialog = RegisterDialog(session_of(filled))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setFocus()
    counted = "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM audit_log)"
    before = filled.execute(counted).fetchone()
    for _ in range(dialog.kind.count()):
        if dialog.kind.currentData() == "karta":
            break
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert not dialog.issue_button.isEnabled()
    assert "wystawia się z okna" in dialog.where.text() and "sprawa" in dialog.where.text()
    seen = []

    def look(preview):
        seen.append((preview.windowTitle(), preview.document.pageCount()))
        preview.reject()
    in_modal(look)
    qtbot.mouseClick(dialog.blank_button, Qt.MouseButton.LeftButton)
    assert seen and seen[0][0] == "Pusty formularz – Karta usług" and seen[0][1] >= 1
    assert filled.execute(counted).fetchone() == before  # nothing registered, nothing audited
    for _ in range(dialog.kind.count()):  # raport is further down the list
        if dialog.kind.currentData() == "raport-autoewaluacyjny":
            break
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.issue_button.isEnabled() and dialog.where.text() == ""


def test_the_raport_is_issued_for_the_period_typed_in_the_dialog(qtbot, filled):
    from app.catalogue import partners
    from tests.conftest import type_text

    partner_id = filled.execute("SELECT id FROM partners LIMIT 1").fetchone()[0]
    partners.add_action(filled, partner_id, "2026-02-10", "Spotkanie partnerów w Żabnie")
    partners.add_action(filled, partner_id, "2026-09-10", "Piknik integracyjny")
    dialog = IssueDialog(session_of(filled), "raport-autoewaluacyjny", None)
    qtbot.addWidget(dialog)
    assert dialog.period["od"].text() == f"01.01.{date.today().year}"
    for key, value in (("od", "01.01.2026"), ("do", "31.03.2026")):
        dialog.period[key].clear()
        type_text(dialog.period[key], value)
    qtbot.mouseClick(next(b for b in dialog.findChildren(QPushButton)
                          if plain(b.text()) == "Wystaw i pokaż"), Qt.MouseButton.LeftButton)
    assert dialog.issued is not None, dialog.error.text()
    text = pdf_text.text(dialog.issued.pdf)
    assert "01.01.2026 – 31.03.2026" in text
    assert "Spotkanie partnerów w Żabnie" in text and "Piknik" not in text
