"""koordynator-admin on an encrypted database: passwords only ever on standard input."""

from app import encryption
from tests.test_admin_cli import run

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
