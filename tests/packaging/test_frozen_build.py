"""The frozen program is built and its own checks pass: `python packaging/build.py` makes
dist/Koordynator with both programs, then runs them (the window's --smoke, check, a
document, a report, an export, a Word draft) on a new demo database. Slow (a minute or
two): `-m "not slow"` leaves it out while working; CI runs it."""

import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUFFIX = ".exe" if platform.system() == "Windows" else ""


@pytest.mark.slow
def test_the_frozen_program_builds_and_passes_its_checks(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist",
                           str(tmp_path / "dist"), "--work", str(tmp_path / "build")],
                          capture_output=True, text=True, timeout=3600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    folder = tmp_path / "dist" / "Koordynator"
    for program in ("koordynator", "koordynator-admin"):
        assert (folder / f"{program}{SUFFIX}").is_file()
    for step in ("--smoke: ok", "check: ok", "dokument: ok", "projekt Word: ok"):
        assert step in done.stdout
    # what a KIPUS sees must be inside: Qt's Polish buttons, the fonts with ł and ą
    internal = folder / "_internal"
    assert list(internal.rglob("qtbase_pl.qm"))
    assert list(internal.rglob("resources/fonts/DejaVuSans.ttf"))


def test_a_broken_build_is_reported_not_passed(tmp_path):
    """The checks fail, with a Polish reason, on a folder that lacks the programs."""
    (tmp_path / "dist" / "Koordynator").mkdir(parents=True)
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist",
                           str(tmp_path / "dist"), "--skip-build"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "brak programu koordynator" in done.stderr
