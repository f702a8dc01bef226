"""Build the frozen program and check it: `python packaging/build.py`.

PyInstaller makes the one-folder program in dist/Koordynator/ (`koordynator` and
`koordynator-admin`, `.exe` on Windows) from packaging/koordynator.spec. Then the frozen
programs themselves are run on a new demo database, the way a KIPUS's first day would
use them: the window starts and shows its data (`koordynator --smoke`), the file is
checked (`koordynator-admin check`), and a document, a report, an export and a Word draft
are written, so fonts, templates, the declension dictionary and every lazily imported
module are known to be inside. Any failure stops the build with a non-zero exit.

Options: --skip-build checks an existing dist/Koordynator; --dist DIR builds elsewhere.
The same script runs on Windows (Python 3.12 or newer) and on Linux."""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "koordynator.spec"
SUFFIX = ".exe" if platform.system() == "Windows" else ""


class BuildFailed(Exception):
    pass


def build(dist: Path, work: Path) -> Path:
    if sys.platform == "win32" and sys.version_info < (3, 12):
        raise BuildFailed("Na Windows buduj z Pythonem 3.12 lub nowszym (PySide6 6.12 "
                          "przerywa działanie na 3.11).")
    # the help's pictures are taken from this very program, so they show its screens
    _run([sys.executable, str(ROOT / "packaging" / "help_screenshots.py")],
         "zrzuty ekranu do pomocy", env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    started = time.perf_counter()
    _run(command, "PyInstaller", timeout=3600)
    folder = dist / "Koordynator"
    print(f"Zbudowano {folder} w {time.perf_counter() - started:.0f} s "
          f"({_size_mb(folder):.0f} MB).")
    return folder


def check(folder: Path) -> None:
    """The frozen programs on a new demo database; BuildFailed names what failed."""
    gui, admin = folder / f"koordynator{SUFFIX}", folder / f"koordynator-admin{SUFFIX}"
    for program in (gui, admin):
        if not program.is_file():
            raise BuildFailed(f"W {folder} brak programu {program.name}.")
    env = dict(os.environ)
    env.pop("KOORDYNATOR_DB", None)
    if platform.system() == "Linux" and not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="koordynator-build-") as tmp:
        out = Path(tmp)
        db = out / "demo.db"
        env["KOORDYNATOR_DATA_DIR"] = str(out / "dane")  # never the builder's own data folder
        steps = [
            ("demo", [admin, "demo", "--db", db, "--residents", "300"]),
            ("--smoke", [gui, "--smoke", "--db", db]),
            ("check", [admin, "check", "--db", db]),
            ("dokument", [admin, "document", "porozumienie", "--db", db, "--out",
                          out / "porozumienie.pdf"]),
            ("zestawienie", [admin, "report", "zestawienie", "--from", "01.01.2020", "--to",
                             "31.12.2030", "--format", "pdf", "--db", db, "--out",
                             out / "zestawienie.pdf"]),
            ("eksport", [admin, "export", "residents", "--format", "xlsx", "--db", db,
                         "--out", out / "mieszkancy.xlsx"]),
            ("projekt Word", [admin, "report", "sprawozdanie", "--from", "01.01.2020", "--to",
                              "31.12.2030", "--format", "docx", "--db", db, "--out",
                              out / "sprawozdanie.docx"]),
        ]
        for name, command in steps:
            started = time.perf_counter()
            result = _run([str(c) for c in command], name, env=env)
            print(f"  {name}: ok ({time.perf_counter() - started:.1f} s)"
                  + (f" – {result.strip().splitlines()[-1]}" if result.strip() else ""))
        for produced in ("porozumienie.pdf", "zestawienie.pdf", "mieszkancy.xlsx",
                         "sprawozdanie.docx"):
            if not (out / produced).is_file() or (out / produced).stat().st_size < 1000:
                raise BuildFailed(f"Zamrożony program nie zapisał pliku {produced}.")


def _run(command: list[str], name: str, env: dict | None = None, timeout: int = 600) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env,
                              timeout=timeout, cwd=ROOT, encoding="utf-8", errors="replace")
    except subprocess.TimeoutExpired as exc:
        raise BuildFailed(f"{name}: nie skończyło się w {timeout} s.") from exc
    if done.returncode != 0:
        raise BuildFailed(f"{name}: kod wyjścia {done.returncode}\n{done.stdout[-3000:]}\n"
                          f"{done.stderr[-3000:]}")
    return done.stdout


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    parser.add_argument("--skip-build", action="store_true",
                        help="tylko sprawdź istniejący dist/Koordynator")
    args = parser.parse_args(argv)
    try:
        folder = args.dist / "Koordynator"
        if not args.skip_build:
            folder = build(args.dist, args.work)
        print(f"Sprawdzanie zamrożonego programu w {folder}:")
        check(folder)
    except BuildFailed as exc:
        print(f"Budowanie nie powiodło się: {exc}", file=sys.stderr)
        return 1
    print("Gotowe: zamrożony program uruchamia się i działa.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
