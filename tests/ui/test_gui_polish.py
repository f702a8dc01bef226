"""Qt's standard buttons speak Polish: approving a plan, closing a case and the
irreversible anonymisation once asked "Yes/No"."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from ui.shell.translation import install_polish


def test_standard_buttons_are_polish(qtbot):
    assert install_polish(QApplication.instance())
    box = QMessageBox(QMessageBox.Icon.Question, "Zatwierdzenie planu", "Zatwierdzić?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = {box.button(b).text().replace("&", "")
             for b in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No)}
    assert texts == {"Tak", "Nie"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") \
        == "Anuluj"


def test_the_save_dialog_speaks_polish(qtbot):
    """Qt 6's file dialog labels ("&Look in:", "Files of &type:") are not in qtbase_pl."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    assert install_polish(QApplication.instance())
    dialog = QFileDialog(None, "Zapisz dokument", "", "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    labels = sorted(label.text() for label in dialog.findChildren(QLabel) if label.text())
    assert labels == ["&Szukaj w:", "Nazwa &pliku:", "Pliki &rodzaju:"]


def test_the_program_installs_the_translation_at_start(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import sys; from ui.shell.main import main; code = main(sys.argv[1:]);"
            "from PySide6.QtWidgets import QMessageBox as M; b = M(); "
            "b.setStandardButtons(M.StandardButton.Cancel);"
            "print(code, b.button(M.StandardButton.Cancel).text())")
    done = subprocess.run([sys.executable, "-c", code, "--smoke", "--demo", "--db",
                           str(tmp_path / "demo.db")], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.split()[-2:] == ["0", "Anuluj"], done.stderr


def _luminance(color) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))


def _contrast(a, b) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_text_in_disabled_and_read_only_fields_is_readable(qtbot, qapp):
    """A closed case's fields are disabled and a PESEL-filled birth date is read-only: their
    text must meet WCAG AA (4.5:1), not Qt's grey on grey."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLineEdit

    from ui.common import look

    before = qapp.palette(), qapp.styleSheet()
    try:
        look.apply(qapp)
        edit = QLineEdit("08.07.2002")
        qtbot.addWidget(edit)
        edit.setEnabled(False)
        palette = edit.palette()
        disabled = QPalette.ColorGroup.Disabled
        for back in (QPalette.ColorRole.Base, QPalette.ColorRole.Window):
            assert _contrast(palette.color(disabled, QPalette.ColorRole.Text),
                             palette.color(disabled, back)) >= 4.5
        assert _contrast(look.READ_ONLY_TEXT, look.READ_ONLY_BACKGROUND) >= 4.5
    finally:
        qapp.setPalette(before[0])
        qapp.setStyleSheet(before[1])


def test_the_program_starts_with_the_readable_look(qapp, tmp_path, monkeypatch):
    """main() itself applies the look: a look tested alone proves nothing about the window."""
    from PySide6.QtGui import QPalette

    from ui.common import look
    from ui.shell import error_guard
    from ui.shell.main import main

    monkeypatch.setattr(error_guard, "install", lambda *a: None)
    before = qapp.palette(), qapp.styleSheet()
    try:
        qapp.setPalette(QPalette())
        assert main(["--smoke", "--demo", "--db", str(tmp_path / "d.db")]) == 0
        disabled = qapp.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        assert disabled == look.READ_ONLY_TEXT
        assert "readOnly" in qapp.styleSheet()
    finally:
        qapp.setPalette(before[0])
        qapp.setStyleSheet(before[1])


def test_smoke_fails_when_the_installation_lacks_qts_polish(qapp, tmp_path, monkeypatch,
                                                            capsys):
    """A frozen build that left out qtbase_pl would show OK/Cancel in English: --smoke,
    which the build runs, must not pass it."""
    from ui.shell import translation
    from ui.shell.main import EXIT_INCOMPLETE, main

    monkeypatch.setattr(translation, "install_polish", lambda app: False)
    assert main(["--smoke", "--demo", "--db", str(tmp_path / "d.db")]) == EXIT_INCOMPLETE
    assert "Brak polskiego tłumaczenia Qt" in capsys.readouterr().err
    assert not (tmp_path / "d.db").exists()
