import sys

from app.core.errors import DiskFull
from ui.shell import error_guard


def test_unexpected_error_is_logged_and_explained(tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    error_guard.install(tmp_path, show=shown.append)
    try:
        raise ZeroDivisionError("przykład")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    assert "nieoczekiwany błąd" in shown[0] and "bezpieczne" in shown[0]
    assert "ZeroDivisionError" in (tmp_path / error_guard.LOG_NAME).read_text(encoding="utf-8")
    sys.excepthook(DiskFull, DiskFull("Na dysku zabrakło miejsca."), None)
    assert shown[1] == "Na dysku zabrakło miejsca."
