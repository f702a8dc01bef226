"""The wrong-password delay cannot be dodged, cannot lock the KIPUS out for good, and odd
passwords or key files get a Polish message instead of a traceback."""

from __future__ import annotations

import json

import pytest

from app.storage import encrypt_in_place, encryption
from app.storage.opening import connect
from app.storage.password_attempts import MAX_DELAY_S, PasswordAttempts, TooSoon
from tests.app.cli.test_admin import run

PASSWORD = "Żabno-2026!"


@pytest.fixture
def sealed(db_path):
    connect(db_path).conn.close()
    encrypt_in_place.encrypt_database(db_path, PASSWORD)
    return db_path


class Clock:
    def __init__(self, now: float = 1_000_000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_naming_another_database_does_not_dodge_the_wait(sealed, tmp_path):
    """verify-backup --db elsewhere once tried the live key file with a fresh count."""
    guesses = [run("koordynator-admin", "verify-backup", str(sealed), "--db",
                   str(tmp_path / f"inna{n}.db"), "--password-stdin", stdin=f"zgaduję-{n}\n")
               for n in range(3)]
    assert "Nieprawidłowe hasło" in guesses[0].stderr
    assert all("trzeba chwilę odczekać" in g.stderr for g in guesses[1:])
    assert json.loads(sealed.with_name(sealed.name + ".proby").read_text())["failures"] == 1


def test_a_clock_that_ran_ahead_does_not_lock_out_for_good(sealed):
    clock = Clock()
    attempts = PasswordAttempts(sealed, clock)
    clock.now += 4 * 365 * 86400  # the clock was four years ahead
    with pytest.raises(encryption.WrongPassword):
        attempts.unlock("złe hasło")
    clock.now -= 4 * 365 * 86400  # and is put right
    assert attempts.remaining() == 0
    assert PasswordAttempts(sealed, clock).unlock(PASSWORD)


@pytest.mark.parametrize("content", [
    '{"failures": 1, "blocked_until": 1e400}', '{"failures": 1e30, "blocked_until": 0}',
    '{"failures": 99999999999, "blocked_until": "Infinity"}', "śmieci", "[]", "",
])
def test_a_garbage_attempts_file_neither_crashes_nor_locks_out(sealed, content):
    sealed.with_name(sealed.name + ".proby").write_text(content)
    clock = Clock()
    attempts = PasswordAttempts(sealed, clock)
    assert attempts.remaining() <= MAX_DELAY_S
    clock.now += MAX_DELAY_S + 1
    try:
        attempts.unlock("złe hasło")
    except TooSoon:
        pytest.fail("still refused after the longest delay")
    except encryption.WrongPassword as exc:
        assert "Spróbuj ponownie za" in str(exc)
    clock.now += MAX_DELAY_S + 1
    assert attempts.unlock(PASSWORD)


@pytest.mark.parametrize("typed", ["", "\x00abc", "ab\udcffcd"])
def test_an_empty_or_unreadable_password_is_a_polish_message(sealed, typed):
    with pytest.raises(encryption.WrongPassword) as refused:
        PasswordAttempts(sealed).unlock(typed)
    assert "hasło" in str(refused.value).lower() or "Hasło" in str(refused.value)
    assert PasswordAttempts(sealed).remaining() == 0  # not counted as a guess


def test_an_empty_password_on_the_command_line_exits_2_in_polish(sealed):
    for stdin in ("\n", ""):
        result = run("koordynator-admin", "check", "--db", str(sealed), "--password-stdin",
                     stdin=stdin)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "has" in result.stderr.lower()


@pytest.mark.parametrize("damage", ["empty", "garbage", "folder", "pdf", "plain"])
def test_a_damaged_key_file_says_so_and_points_to_the_recovery_key(sealed, damage):
    key = encryption.key_file(sealed)
    key.unlink()
    if damage == "folder":
        key.mkdir()
    else:
        key.write_bytes({"empty": b"", "garbage": b"x" * 300, "pdf": b"%PDF-1.4" + b"x" * 5000,
                         "plain": b"SQLite format 3\x00" + b"x" * 5000}[damage])
    result = run("koordynator-admin", "check", "--db", str(sealed), "--password-stdin",
                 stdin=PASSWORD + "\n")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "klucza odzyskiwania" in result.stderr


def test_setting_a_new_password_with_the_recovery_key_clears_the_wait(db_path):
    connect(db_path).conn.close()
    code = encrypt_in_place.encrypt_database(db_path, PASSWORD)
    run("koordynator-admin", "check", "--db", str(db_path), "--password-stdin",
        stdin="zapomniane\n")
    assert PasswordAttempts(db_path).remaining() > 0
    reset = run("koordynator-admin", "set-password", "--db", str(db_path),
                "--recovery-key-stdin", stdin=f"{code}\nNowe-Hasło-7\n")
    assert reset.returncode == 0, reset.stderr
    assert PasswordAttempts(db_path).remaining() == 0
