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
