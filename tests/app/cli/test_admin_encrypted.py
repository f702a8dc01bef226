"""koordynator-admin on an encrypted database: passwords only ever on standard input."""

import json
import time

from app.storage import encryption
from tests.app.cli.test_admin import run

PASSWORD = "Żabno-2026!"


def _demo(tmp_path):
    path = tmp_path / "k.db"
    assert run("koordynator-admin", "demo", "--residents", "60", "--db", str(path)
               ).returncode == 0
    return path


def test_set_password_encrypts_and_prints_recovery_key_once(tmp_path):
    path = _demo(tmp_path)
    result = run("koordynator-admin", "set-password", "--db", str(path), "--password-stdin",
                 stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().splitlines()[-1]
    assert len(code.split("-")) == 13
    assert encryption.is_encrypted(path)
    assert PASSWORD not in result.stdout  # the password is never echoed

    refused = run("koordynator-admin", "search", "a", "--db", str(path))
    assert refused.returncode == 2 and "--password-stdin" in refused.stderr
    wrong = run("koordynator-admin", "search", "a", "--db", str(path), "--password-stdin",
                stdin="złe\n")
    assert wrong.returncode == 2 and "Nieprawidłowe hasło" in wrong.stderr
    time.sleep(1.1)  # a wrong password costs a second before the next try
    ok = run("koordynator-admin", "search", "a", "--db", str(path), "--password-stdin",
             stdin=PASSWORD + "\n")
    assert ok.returncode == 0 and ok.stdout.strip()

    changed = run("koordynator-admin", "set-password", "--db", str(path), "--password-stdin",
                  stdin=f"{PASSWORD}\nDrugie-Hasło-2\n")
    assert changed.returncode == 0, changed.stderr
    reset = run("koordynator-admin", "set-password", "--db", str(path),
                "--recovery-key-stdin", stdin=f"{code}\nTrzecie-Hasło-3\n")
    assert reset.returncode == 0, reset.stderr
    check = run("koordynator-admin", "check", "--db", str(path), "--password-stdin",
                stdin="Trzecie-Hasło-3\n")
    assert check.returncode == 0 and "WYNIK: OK" in check.stdout


def test_encrypted_backup_to_usb_verifies_and_restores_on_a_new_computer(tmp_path):
    path = _demo(tmp_path)
    run("koordynator-admin", "set-password", "--db", str(path), "--password-stdin",
        stdin=PASSWORD + "\n")
    out = tmp_path / "usb" / "kopia.db"
    made = run("koordynator-admin", "backup", "--db", str(path), "--out", str(out),
               "--password-stdin", stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    assert encryption.key_file(out).exists()  # the key file travels with the backup
    assert b"Nowak" not in out.read_bytes()
    verified = run("koordynator-admin", "verify-backup", str(out), "--password-stdin",
                   stdin=PASSWORD + "\n")
    assert verified.returncode == 0 and "mieszkańców: 60" in verified.stdout

    new_computer = tmp_path / "nowy" / "koordynator.db"
    new_computer.parent.mkdir()
    restored = run("koordynator-admin", "restore", "--db", str(new_computer), "--from",
                   str(out), "--password-stdin", stdin=PASSWORD + "\n")
    assert restored.returncode == 0, restored.stderr
    check = run("koordynator-admin", "audit-verify", "--db", str(new_computer),
                "--password-stdin", stdin=PASSWORD + "\n")
    assert check.returncode == 0 and "nienaruszony" in check.stdout


def test_guessing_on_the_command_line_waits_like_the_window_across_restarts(tmp_path):
    path = _demo(tmp_path)
    run("koordynator-admin", "set-password", "--db", str(path), "--password-stdin",
        stdin=PASSWORD + "\n")
    attempts = path.with_name(path.name + ".proby")

    def within_the_wait() -> None:
        """As if the last wrong guess had just happened: a slow machine starting a process
        must not let the one-second wait run out between two runs of the test."""
        state = json.loads(attempts.read_text())
        state["blocked_until"] = time.time() + 1.0
        attempts.write_text(json.dumps(state))

    answers = [run("koordynator-admin", "check", "--db", str(path), "--password-stdin",
                   stdin="zgadywane-0\n")]
    for n in range(1, 4):
        within_the_wait()
        answers.append(run("koordynator-admin", "check", "--db", str(path), "--password-stdin",
                           stdin=f"zgadywane-{n}\n"))
    assert "Nieprawidłowe hasło" in answers[0].stderr and "1 s" in answers[0].stderr
    for refused in answers[1:]:
        assert refused.returncode == 2 and "trzeba chwilę odczekać" in refused.stderr
    # even the right password waits out the delay
    within_the_wait()
    right = run("koordynator-admin", "check", "--db", str(path), "--password-stdin",
                stdin=PASSWORD + "\n")
    assert right.returncode == 2 and "trzeba chwilę odczekać" in right.stderr
    assert json.loads(attempts.read_text())["failures"] == 1  # none of the others was tried
    time.sleep(1.1)
    second = run("koordynator-admin", "check", "--db", str(path), "--password-stdin",
                 stdin="zgadywane-5\n")
    assert "2 s" in second.stderr and json.loads(attempts.read_text())["failures"] == 2
    state = {"failures": 2, "blocked_until": 0}  # the wait is over
    attempts.write_text(json.dumps(state))
    right = run("koordynator-admin", "check", "--db", str(path), "--password-stdin",
                stdin=PASSWORD + "\n")
    assert right.returncode == 0, right.stderr
    assert not attempts.exists()  # the right password starts the count again


def test_data_files_are_private_to_their_owner(tmp_path):
    """POSIX: folders 0700, the database, key, backups, log and exports 0600, whatever the
    umask the program was started with (here 022, the usual one)."""
    import os
    import stat

    if os.name != "posix":
        return
    data = tmp_path / "dane"
    env = {"KOORDYNATOR_DATA_DIR": str(data)}
    old_umask = os.umask(0o022)
    try:
        path = data / "koordynator.db"
        assert run("koordynator-admin", "demo", "--residents", "20", env=env).returncode == 0
        assert run("koordynator-admin", "set-password", "--password-stdin", env=env,
                   stdin=PASSWORD + "\n").returncode == 0
        out = tmp_path / "eksport"
        key = encryption.unlock(path, PASSWORD)
        from app.storage.opening import connect

        db = connect(path, key)
        resident_id = db.execute("SELECT id FROM residents LIMIT 1").fetchone()[0]
        db.conn.close()
        os.chmod(path, 0o644)  # as an older version left it
        assert run("koordynator-admin", "export-person", "--id", resident_id, "--out",
                   str(out), "--password-stdin", env=env, stdin=PASSWORD + "\n"
                   ).returncode == 0
        usb = tmp_path / "pendrive" / "kopia.db"
        assert run("koordynator-admin", "backup", "--out", str(usb), "--password-stdin",
                   env=env, stdin=PASSWORD + "\n").returncode == 0
    finally:
        os.umask(old_umask)
    mode = lambda p: stat.S_IMODE(p.stat().st_mode)  # noqa: E731
    assert mode(data) == 0o700
    backups_dir = data / "koordynator-kopie"
    assert mode(backups_dir) == 0o700
    files = [p for p in [*data.iterdir(), *backups_dir.iterdir(), *out.iterdir(),
                         usb, encryption.key_file(usb)] if p.is_file()]
    assert len(files) >= 7
    assert {p.name: oct(mode(p)) for p in files if mode(p) != 0o600} == {}


def test_restoring_a_plain_backup_onto_an_encrypted_database_keeps_it_encrypted(tmp_path):
    from app.storage import backups
    from app.storage.opening import connect
    from app.storage.paths import backup_dir

    path = _demo(tmp_path)
    usb = tmp_path / "pendrive" / "stara.db"
    assert run("koordynator-admin", "backup", "--db", str(path), "--out", str(usb)
               ).returncode == 0
    run("koordynator-admin", "set-password", "--db", str(path), "--password-stdin",
        stdin=PASSWORD + "\n")
    key = encryption.unlock(path, PASSWORD)
    db = connect(path, key)
    db.execute("UPDATE residents SET phone = '600700800'")
    db.conn.close()
    before = path.read_bytes()

    asked = run("koordynator-admin", "restore", "--db", str(path), "--from", str(usb))
    assert asked.returncode == 2 and "--password-stdin" in asked.stderr
    assert path.read_bytes() == before
    done = run("koordynator-admin", "restore", "--db", str(path), "--from", str(usb),
               "--password-stdin", stdin=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert encryption.is_encrypted(path) and not encryption.has_plain_header(path)
    db = connect(path, key)
    assert db.execute("SELECT count(*) FROM residents").fetchone()[0] == 60
    assert db.execute("SELECT count(*) FROM residents WHERE phone = '600700800'"
                      ).fetchone()[0] == 0  # the backup's state, not the later one
    db.conn.close()
    folder = backup_dir(path)
    assert list(folder.glob("*.uszkodzona")) == [] and list(folder.glob("*.nieotwarta")) == []
    aside = [b for b in backups.list_backups(folder) if b.kind == "przed-przywroceniem"]
    assert len(aside) == 1 and backups.verify_backup(aside[0].path, key).ok
    assert not any(encryption.has_plain_header(b.path) for b in backups.list_backups(folder))


def test_a_folder_chosen_for_the_database_keeps_its_own_permissions(tmp_path):
    import os
    import stat

    if os.name != "posix":
        return
    shared = tmp_path / "wspolny"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp
    path = shared / "k.db"
    assert run("koordynator-admin", "demo", "--residents", "5", "--db", str(path)
               ).returncode == 0
    assert run("koordynator-admin", "check", "--db", str(path)).returncode == 0
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
