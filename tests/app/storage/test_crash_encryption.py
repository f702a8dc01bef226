"""kill -9 during the encryption of a plain database (`set-password`, or the first start):
the next start finishes or rolls it back, and no plaintext stays beside ciphertext."""

from __future__ import annotations

import contextlib
import json
import random
import shutil

import pytest

from app.demo import generate as demo
from app.demo.crash_drill import (
    DRILL_PASSWORD,
    SET_PASSWORD_PRELUDE,
    encryption_round,
    kill_step,
    set_password_code,
)
from app.storage import backups
from app.storage.opening import connect
from app.storage.paths import backup_dir

KILLS = 32


def _template(folder):
    folder.mkdir()
    path = folder / "k.db"
    db = connect(path)
    demo.build(db, 400, seed=3)
    backups.make_backup(db, path, "auto")
    db.execute("UPDATE residents SET phone = '600100200' WHERE rowid % 7 = 0")
    backups.make_backup(db, path, "reczna")
    db.conn.close()
    counts = {}
    for p in [path, *(b.path for b in backups.list_backups(backup_dir(path)))]:
        conn = connect(p, migrate=False).conn
        counts[p.name] = backups.record_counts(conn)
        conn.close()
    return path, counts


def _fresh_copy(template, target_dir):
    shutil.rmtree(target_dir, ignore_errors=True)
    shutil.copytree(template.parent, target_dir)
    return target_dir / template.name


def test_killed_encryption_is_finished_or_rolled_back_without_plaintext(tmp_path):
    template, counts = _template(tmp_path / "wzor")
    # how long the step takes here, to spread the kills over all of it
    path = _fresh_copy(template, tmp_path / "pomiar")
    killed, printed, whole = kill_step(set_password_code(path), 30, DRILL_PASSWORD + "\n",
                                       SET_PASSWORD_PRELUDE)
    assert "KLUCZ ODZYSKIWANIA" in printed
    rng = random.Random(9)
    outcomes: dict[str, int] = {}
    for n in range(KILLS):
        path = _fresh_copy(template, tmp_path / "runda")
        # a quarter past the measured length, so that the end (the commit) is reached too
        result = encryption_round(path, counts, rng.uniform(0.0, whole * 1.25))
        assert result.problems == [], f"round {n}: {result.problems}"
        assert result.plaintext_left == 0, f"round {n}"
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    finished = outcomes.get("finished", 0) + outcomes.get("completed", 0)
    assert outcomes.get("rolled-back", 0) >= 3 and finished >= 2, outcomes


class _Killed(BaseException):
    pass


def test_every_rename_of_the_commit_can_be_interrupted(tmp_path, monkeypatch):
    """Deterministic companion of the drill: stop the commit after each rename in turn."""
    import os

    from app.storage import encrypt_in_place, encryption
    from app.storage.leftovers import clean_up

    template, counts = _template(tmp_path / "wzor")
    real_replace = os.replace
    for stop_at in range(8):
        path = _fresh_copy(template, tmp_path / "runda")
        done = [0]

        def replace(src, dst, stop_at=stop_at, done=done, path=path):
            if done[0] == stop_at and encrypt_in_place.read_journal(path).get("stage") == "commit":
                raise _Killed()
            done[0] += encrypt_in_place.read_journal(path).get("stage") == "commit"
            real_replace(src, dst)

        monkeypatch.setattr(encrypt_in_place.os, "replace", replace)
        with contextlib.suppress(_Killed):
            encrypt_in_place.encrypt_database(path, DRILL_PASSWORD)
        monkeypatch.setattr(encrypt_in_place.os, "replace", real_replace)
        assert clean_up(path) or stop_at >= done[0]
        assert encryption.is_encrypted(path), stop_at
        key = encryption.unlock(path, DRILL_PASSWORD)
        assert encrypt_in_place.recovery_key_pending(path)
        for b in backups.list_backups(backup_dir(path)):
            assert not encryption.has_plain_header(b.path), (stop_at, b.path.name)
            result = backups.verify_backup(b.path, key)
            assert result.ok and (b.kind == "przed-szyfrowaniem"
                                  or result.counts == counts[b.path.name])
        assert not [p for p in path.parent.rglob("*.szyfrowanie*") if p.suffix != ".json"]


@pytest.mark.parametrize("content", ["[]", '"x"', "42", "null", "{",
                                     '{"stage": "prepare", "backups": null}',
                                     '{"stage": "prepare", "backups": [1, {"a": 2}]}'])
def test_a_garbage_journal_neither_crashes_nor_blocks_the_start(tmp_path, content):
    from app.storage.encrypt_in_place import journal_path
    from app.storage.leftovers import clean_up

    template, _ = _template(tmp_path / "wzor")
    journal_path(template).write_text(content)
    clean_up(template)
    assert not journal_path(template).exists()
    assert connect(template).execute("SELECT count(*) FROM residents").fetchone()[0] == 400


def test_a_crafted_journal_cannot_touch_files_outside_the_backup_folder(tmp_path):
    from app.storage.encrypt_in_place import journal_path
    from app.storage.leftovers import clean_up

    template, _ = _template(tmp_path / "wzor")
    victim = tmp_path / "ofiara" / "raport.docx"
    victim.parent.mkdir()
    victim.write_text("prawdziwy raport")
    (victim.parent / "raport.docx.szyfrowanie").write_text("podmiana")
    (victim.parent / "inny.szyfrowanie").write_text("nie ruszać")
    for stage in ("commit", "prepare"):
        journal_path(template).write_text(json.dumps(
            {"stage": stage, "backups": [str(victim), str(victim.parent / "inny")]}))
        clean_up(template)
    assert victim.read_text() == "prawdziwy raport"
    assert (victim.parent / "raport.docx.szyfrowanie").exists()
    assert (victim.parent / "inny.szyfrowanie").exists()


def test_an_unreadable_old_backup_does_not_stop_the_encryption_and_is_reported(tmp_path):
    """It once kept a healthy database unencrypted for good, blamed as damaged."""
    from app.storage import encryption
    from tests.app.cli.test_admin import run

    template, _ = _template(tmp_path / "wzor")
    old = backups.list_backups(backup_dir(template))[-1].path
    data = bytearray(old.read_bytes())
    data[4096 * 3:4096 * 3 + 64] = b"\x00" * 64
    old.write_bytes(bytes(data))
    result = run("koordynator-admin", "set-password", "--db", str(template),
                 "--password-stdin", stdin=DRILL_PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    assert encryption.is_encrypted(template)
    assert old.name in result.stderr and "niezaszyfrowane" in result.stderr
