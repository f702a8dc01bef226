import os
import subprocess
import sys
import time
from datetime import date, datetime, timedelta

import pytest

from app.cli import admin as admin_cli
from app.core import errors
from app.demo import generate as demo
from app.people import residents_store as store
from app.storage import backups, restoring
from app.storage.instance_lock import InstanceLock
from app.storage.location import location_warning
from app.storage.opening import connect
from app.storage.paths import backup_dir
from tests.conftest import TODAY, person


def logical_dump(path) -> dict:
    """Schema and every row of every table (sqlcipher3 has no iterdump)."""
    db = connect(path, migrate=False)
    try:
        tables = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                            " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").fetchall()
        return {name: (sql, db.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
                       if "WITHOUT ROWID" not in sql.upper() else
                       sorted(db.execute(f'SELECT * FROM "{name}"').fetchall()))
                for name, sql in tables}
    finally:
        db.conn.close()


def test_backup_is_verified_and_restore_gives_back_identical_data(db, db_path, tmp_path):
    demo.build(db, 300, seed=3, today=TODAY)
    target = backups.make_backup(db, db_path, "reczna", folder=tmp_path / "usb")
    assert target.parent == tmp_path / "usb" and not list(target.parent.glob("*.tmp"))
    check = backups.verify_backup(target)
    assert check.ok and check.counts["residents"] == 300
    before = logical_dump(db_path)

    store.add(db, person(), TODAY)  # work done after the backup
    db.conn.close()
    safety = restoring.restore(db_path, target)
    assert logical_dump(db_path) == before
    assert safety is not None and safety.parent == backup_dir(db_path)
    restored_safety = connect(safety, migrate=False)
    assert store.search(restored_safety, "44051401359")  # the newer work is kept aside
    restored_safety.conn.close()


def test_a_damaged_backup_is_never_restored(db, db_path, tmp_path):
    demo.build(db, 200, seed=3, today=TODAY)
    target = backups.make_backup(db, db_path, "reczna", folder=tmp_path)
    data = bytearray(target.read_bytes())
    data[5000:40000] = b"\xff" * 35000
    target.write_bytes(bytes(data))
    assert not backups.verify_backup(target).ok
    dump = logical_dump(db_path)
    db.conn.close()
    with pytest.raises(errors.StorageError, match="nie można przywrócić"):
        restoring.restore(db_path, target)
    assert logical_dump(db_path) == dump


def test_full_disk_leaves_no_half_written_backup(db, db_path, tmp_path, monkeypatch):
    monkeypatch.setattr(backups.shutil, "disk_usage",
                        lambda _p: type("U", (), {"free": 1000})())
    with pytest.raises(errors.DiskFull, match="Za mało miejsca"):
        backups.make_backup(db, db_path, "auto")
    assert backups.list_backups(backup_dir(db_path)) == []


def test_thinning_over_400_days_keeps_recent_daily_weekly_monthly(tmp_path):
    folder = tmp_path / "kopie"
    folder.mkdir()
    start = date(2025, 10, 1)
    for day in range(400):
        for hour in (9, 13, 16):  # three automatic backups a day
            when = datetime.combine(start + timedelta(days=day), datetime.min.time()).replace(
                hour=hour)
            (folder / backups.backup_name(tmp_path / "k.db", "auto", when)).write_bytes(b"x")
        backups.thin(folder, today=start + timedelta(days=day))
    today = start + timedelta(days=399)
    kept = backups.list_backups(folder)
    dates = sorted({b.made_at.date() for b in kept}, reverse=True)
    # everything from today and yesterday
    assert sum(1 for b in kept if b.made_at.date() >= today - timedelta(days=1)) == 6
    # then one a day for 12 days
    assert dates[2:14] == [today - timedelta(days=d) for d in range(2, 14)]
    # one a week for 10 weeks
    weeks = {d.isocalendar()[:2] for d in dates}
    recent_weeks = {(today - timedelta(weeks=w)).isocalendar()[:2] for w in range(10)}
    assert recent_weeks <= weeks
    # one a month for 9 months, and nothing older; the whole set stays small
    months = sorted({(d.year, d.month) for d in dates}, reverse=True)
    assert months == [(2026, m) for m in range(11, 2, -1)]
    assert len(kept) <= 6 + 12 + 10 + 9


def test_list_ignores_unrelated_files(tmp_path):
    (tmp_path / "notatki.db").write_bytes(b"x")
    (tmp_path / "k-20260101-120000-auto.db.tmp").write_bytes(b"x")
    assert backups.list_backups(tmp_path) == []


def test_second_instance_is_refused_until_the_first_dies(db_path, tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys,time; from app.storage.instance_lock import InstanceLock;"
         f"l=InstanceLock(__import__('pathlib').Path({str(db_path)!r}));"
         "print(l.acquire(), flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "True"
    lock = InstanceLock(db_path)
    assert lock.acquire() is False
    with pytest.raises(errors.DatabaseLocked, match="już uruchomiony"), InstanceLock(db_path):
        pass
    holder.kill()  # like a crash: no clean-up code runs
    holder.wait()
    deadline = time.time() + 5
    while not lock.acquire() and time.time() < deadline:
        time.sleep(0.05)
    assert lock.acquire() is True
    lock.release()


@pytest.mark.parametrize("path", [
    "/home/ania/OneDrive/CUS/koordynator.db",
    "C:/Users/ania/Dropbox/koordynator.db",
    "/Users/ania/Google Drive/koordynator.db",
    "//serwer/udzial/koordynator.db",
    "C:/Users/ania/OneDrive - Gmina Żabno/koordynator.db",
    "C:/Users/ania/Dropbox (Osobiste)/koordynator.db",
    "C:/Users/ania/Box/CUS/koordynator.db",
    "/home/ania/SynologyDrive/koordynator.db",
    "C:/Users/ania/Synology Drive/koordynator.db",
    "/home/ania/Seafile/Moja biblioteka/koordynator.db",
    "C:/Users/ania/YandexDisk/koordynator.db",
    "/home/ania/Yandex.Disk/koordynator.db",
    "C:/Users/ania/iCloudDrive/koordynator.db",
    "/Users/ania/Library/Mobile Documents/com~apple~CloudDocs/koordynator.db",
    "/home/ania/MEGA/koordynator.db",
    "/home/ania/pCloudDrive/koordynator.db",
    "C:/Users/ania/Proton Drive/koordynator.db",
    "C:/Users/ania/Tresorit/koordynator.db",
    "C:/Users/ania/ＯｎｅＤｒｉｖｅ/koordynator.db",
])
def test_synced_and_network_locations_are_warned_about(path):
    warning = location_warning(path)
    assert warning and ("chmurą" in warning or "sieciowym" in warning)


def test_local_folder_is_fine(tmp_path):
    assert location_warning(tmp_path / "koordynator.db") is None


@pytest.mark.parametrize("path", [
    "/home/megan/koordynator.db", "C:/Users/Megan/Dokumenty/koordynator.db",
    "/home/ania/Boxing/koordynator.db", "/home/ania/dropboxy-stare/koordynator.db",
    "/home/ania/box-of-things/koordynator.db", "/home/ania/Mega-projekt/koordynator.db",
    "C:/Users/ania/Box(1)/koordynator.db",
])
def test_folders_that_only_begin_like_a_cloud_name_are_not_warned_about(path):
    assert location_warning(path) is None


def test_admin_backup_verify_restore_and_audit(tmp_path, capsys):
    path = tmp_path / "k.db"
    admin_cli.main(["demo", "--residents", "120", "--db", str(path)])
    out = tmp_path / "pendrive" / "kopia.db"
    assert admin_cli.main(["backup", "--db", str(path), "--out", str(out)]) == 0
    assert admin_cli.main(["verify-backup", str(out)]) == 0
    assert "mieszkańców: 120" in capsys.readouterr().out
    db = connect(path)
    store.add(db, person(), TODAY)
    db.conn.close()
    assert admin_cli.main(["restore", "--db", str(path), "--from", str(out)]) == 0
    db = connect(path)
    assert store.count(db) == 120
    db.conn.close()
    assert admin_cli.main(["audit-verify", "--db", str(path)]) == 0
    assert "nienaruszony" in capsys.readouterr().out
    out.write_bytes(b"zepsuta" * 100)
    assert admin_cli.main(["verify-backup", str(out)]) == 1
    assert "NIE nadaje się" in capsys.readouterr().out


def test_restore_refused_while_program_runs(tmp_path, capsys):
    path = tmp_path / "k.db"
    connect(path).conn.close()
    out = tmp_path / "kopia.db"
    admin_cli.main(["backup", "--db", str(path), "--out", str(out)])
    with InstanceLock(path):
        assert admin_cli.main(["restore", "--db", str(path), "--from", str(out)]) == 2
    assert "już uruchomiony" in capsys.readouterr().err
    assert os.path.exists(path)


def test_safety_copies_outlive_thinning_for_thirty_days(tmp_path):
    """The copy taken before a restore, a migration or the encryption is the way back: it
    once vanished two days later, thinned away by the automatic ones."""
    folder = tmp_path / "kopie"
    folder.mkdir()
    start = date(2026, 3, 1)
    safety = [backups.backup_name(tmp_path / "k.db", kind, datetime(2026, 3, 1, 8, n))
              for n, kind in enumerate(sorted(backups.SAFETY_KINDS))]
    for name in safety:
        (folder / name).write_bytes(b"x")
    for day in range(45):
        for hour in (9, 16):
            when = datetime.combine(start + timedelta(days=day), datetime.min.time()).replace(
                hour=hour)
            (folder / backups.backup_name(tmp_path / "k.db", "auto", when)).write_bytes(b"x")
        backups.thin(folder, today=start + timedelta(days=day))
        names = {b.path.name for b in backups.list_backups(folder)}
        if day <= 30:
            assert set(safety) <= names, day
    assert not set(safety) & names  # after 30 days they thin like any other
    # a longer setting keeps them longer
    (folder / safety[0]).write_bytes(b"x")
    backups.thin(folder, today=date(2026, 4, 20), safety_days=60)
    assert (folder / safety[0]).exists()


def test_a_backup_from_a_wrong_clock_is_not_the_newest_good_one(db, db_path):
    real = backups.make_backup(db, db_path, "auto")
    future = backup_dir(db_path) / backups.backup_name(db_path, "auto", datetime(2031, 1, 1))
    future.write_bytes(real.read_bytes())
    assert backups.list_backups(backup_dir(db_path))[0].path == future
    assert backups.newest_good(backup_dir(db_path)).path == real
    backups.thin(backup_dir(db_path))
    assert future.exists()  # kept (it may be the newest), only never offered first


def test_backup_age_report_names_the_newest_copy_and_warns_when_old(tmp_path):
    from datetime import datetime

    assert backups.age_report(tmp_path, 3) == ("Nie ma jeszcze żadnej kopii zapasowej.", True)
    (tmp_path / "k-20261120-081500-auto.db").write_bytes(b"x")
    text, warning = backups.age_report(tmp_path, 3, now=datetime(2026, 11, 22, 9, 0))
    assert (text, warning) == ("Ostatnia kopia zapasowa: 20.11.2026 08:15", False)
    text, warning = backups.age_report(tmp_path, 3, now=datetime(2026, 11, 24, 9, 0))
    assert warning and text.endswith("zrób kopię (Plik → Zrób kopię zapasową)")


def test_a_backup_from_a_newer_version_is_refused_before_anything_is_replaced(db, db_path,
                                                                            tmp_path):
    from app.storage import migrations, restoring
    from app.storage.opening import connect

    store.add(db, person(), TODAY)
    newer = backups.make_backup(db, db_path, "reczna", folder=tmp_path / "usb")
    db.conn.close()
    import sqlite3

    raw = sqlite3.connect(newer)
    raw.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    raw.commit()
    raw.close()
    check = backups.verify_backup(newer)
    assert not check.ok and "nowsza wersja" in check.message
    before = db_path.read_bytes()
    with pytest.raises(errors.StorageError, match="nowsza wersja"):
        restoring.restore(db_path, newer)
    assert db_path.read_bytes() == before
    assert connect(db_path).execute("SELECT count(*) FROM residents").fetchone() == (1,)
