"""A read-only folder, a read-only disk or a full disk at start: a Polish reason and exit 2,
never a traceback (the instance lock used to raise one and exit 1)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from app.storage import instance_lock
from app.storage.opening import connect
from tests.app.cli.test_admin import run


@pytest.mark.parametrize("code, words", [
    (errno.EROFS, "tylko do odczytu"),
    (errno.EACCES, "Brak uprawnień"),
    (errno.ENOSPC, "zabrakło miejsca"),
])
def test_a_lock_that_cannot_be_written_gives_a_polish_reason_and_exit_2(
        tmp_path, monkeypatch, capsys, code, words):
    from ui.shell.main import main

    path = tmp_path / "k.db"
    connect(path).conn.close()

    def refuse(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(instance_lock, "open", refuse, raising=False)
    assert main(["--db", str(path), "--smoke"]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and "Errno" not in err


def test_the_command_line_says_the_same(tmp_path, monkeypatch, capsys):
    from app.cli.admin import main

    path = tmp_path / "k.db"
    connect(path).conn.close()
    monkeypatch.setattr(instance_lock, "open",
                        lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EROFS, "ro")),
                        raising=False)
    assert main(["restore", "--db", str(path), "--from", str(path)]) == 2
    assert "tylko do odczytu" in capsys.readouterr().err


def _mount_read_only(folder) -> bool:
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,ro", "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


def test_a_real_read_only_mount(tmp_path):
    """Where the machine lets the test mount a read-only file system (as root in CI)."""
    mounted = tmp_path / "ro"
    if os.name != "posix" or not _mount_read_only(mounted):
        pytest.skip("no read-only mount available here")
    try:
        gui = subprocess.run(
            [sys.executable, "-c", "import sys; from ui.shell.main import main; sys.exit(main())",
             "--smoke", "--db", str(mounted / "k.db")], capture_output=True, text=True,
            timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        assert gui.returncode == 2 and "tylko do odczytu" in gui.stderr, gui.stderr
        cli = run("koordynator-admin", "demo", "--residents", "5", "--db",
                  str(mounted / "k.db"))
        assert cli.returncode == 2 and "Traceback" not in cli.stderr, cli.stderr
    finally:
        subprocess.run(["umount", str(mounted)], capture_output=True)


def _plain_with_backup(tmp_path):
    from app.demo import generate as demo
    from app.storage import backups

    path = tmp_path / "k.db"
    db = connect(path)
    demo.build(db, 50, seed=2)
    backups.make_backup(db, path, "auto")
    db.conn.close()
    return path


def _all_files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_set_password_on_a_nearly_full_disk_changes_nothing(tmp_path, monkeypatch):
    from app.core import errors
    from app.storage import encrypt_in_place

    path = _plain_with_backup(tmp_path)
    before = _all_files(tmp_path)
    monkeypatch.setattr(encrypt_in_place.shutil, "disk_usage",
                        lambda _p: type("U", (), {"free": 300_000})())
    with pytest.raises(errors.DiskFull, match="Za mało miejsca"):
        encrypt_in_place.encrypt_database(path, "Żabno-2026!")
    assert _all_files(tmp_path) == before


def test_a_disk_filling_up_during_encryption_leaves_no_partial_file(tmp_path, monkeypatch):
    import sqlcipher3

    from app.core import errors
    from app.storage import encrypt_in_place

    path = _plain_with_backup(tmp_path)
    before = _all_files(tmp_path)
    real_export, calls = encrypt_in_place.export_encrypted, []

    def export_until_full(plain, target, key):
        calls.append(target)
        if len(calls) == 2:  # the second file: half written, then the disk is full
            target.write_bytes(b"\x00" * 4096)
            raise sqlcipher3.dbapi2.OperationalError("database or disk is full")
        real_export(plain, target, key)

    monkeypatch.setattr(encrypt_in_place, "export_encrypted", export_until_full)
    with pytest.raises(errors.DiskFull):
        encrypt_in_place.encrypt_database(path, "Żabno-2026!")
    assert _all_files(tmp_path) == before  # no partial file under any name


def test_leftovers_of_killed_runs_are_cleaned_at_the_next_start(tmp_path):
    from app.storage.paths import backup_dir

    path = _plain_with_backup(tmp_path)
    folder = backup_dir(path)
    half = "k-20261120-101010-auto.db.tmp"
    stray = [folder / half, folder / (half + "-journal"), tmp_path / "k.db.przywracanie",
             tmp_path / "k.db.klucz.tmp"]
    for p in stray:
        p.write_bytes(b"\x00" * 1000)
    good = _all_files(tmp_path)
    smoke = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.shell.main import main; sys.exit(main())",
         "--smoke", "--db", str(path)], capture_output=True, text=True, timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert smoke.returncode == 0, smoke.stderr
    assert not any(p.exists() for p in stray)
    assert "niedokończone pliki" in smoke.stderr
    assert {f for f in good if not f.endswith(("tmp", "journal", "przywracanie"))} <= set(
        _all_files(tmp_path))


@pytest.mark.skipif(os.name != "posix", reason="permissions as POSIX keeps them")
def test_a_folder_given_as_the_database_keeps_its_permissions(tmp_path, capsys):
    """--db pointing at a folder made the folder private (0700) before saying no."""
    from ui.shell.main import main

    folder = tmp_path / "wspolny"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert main(["--db", str(folder), "--smoke"]) != 0
    assert folder.stat().st_mode & 0o777 == 0o755
    assert "Traceback" not in capsys.readouterr().err
