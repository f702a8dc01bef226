"""Settings: one typed object; what is stored from outside the program never breaks it."""

import pytest

from app.settings import store as settings_store
from app.settings.values import DEFAULTS, LABELS, SPECS, Settings


def _put(db, key, value):
    db.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, '2026-01-01')"
               " ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
    db.conn.commit()


@pytest.mark.parametrize("key, value", [
    ("plan_max_months", b"\xff\x00"), ("plan_max_months", "-5"), ("plan_max_months", "１２x"),
    ("lock_minutes", 3.5), ("cus_name", "CUS\u202e w Żabnie"), ("director_name", "A\x07B"),
    ("cus_name", "x" * 5000), ("retention_cases", "B0"), ("retention_cases", 7),
])
def test_a_value_stored_from_outside_reads_as_the_default(db, key, value):
    _put(db, key, value)
    assert getattr(settings_store.load(db), key) == getattr(DEFAULTS, key)
    assert settings_store.texts(db)[key] == str(getattr(DEFAULTS, key))


def test_every_setting_has_a_polish_label_a_check_and_a_typed_default():
    assert set(SPECS) == set(LABELS) == set(Settings.__dataclass_fields__)
    for key, spec in SPECS.items():
        assert spec.label[0].isupper()
        assert spec.parse(str(getattr(DEFAULTS, key))) == getattr(DEFAULTS, key)


def test_the_shortest_coordination_cannot_exceed_the_longest_plan(db):
    errors = settings_store.save(db, {"plan_min_months": "36", "plan_max_months": "1"})
    assert "nie może być dłuższa" in errors["plan_min_months"]
    errors = settings_store.save(db, {"plan_max_months": "2"})  # the minimum stays 3
    assert "nie może być dłuższa" in errors["plan_max_months"]
    assert dict(db.execute("SELECT key, value FROM settings WHERE key LIKE 'plan_m%'")) == {
        "plan_max_months": "12", "plan_min_months": "3"}  # as seeded: nothing was saved
    assert settings_store.save(db, {"plan_min_months": "2", "plan_max_months": "6"}) == {}
    assert (settings_store.load(db).plan_min_months, settings_store.load(db).plan_max_months
            ) == (2, 6)


def test_a_town_is_typed_with_its_postal_code_and_one_stored_before_still_reads(db):
    """The check came after centres had typed „Żabno”: theirs keeps printing (it read
    as empty, and every document was refused); typed now, the code is asked for."""
    _put(db, "cus_city", "Żabno")
    assert settings_store.load(db).cus_city == "Żabno"
    errors = settings_store.save(db, {"cus_city": "Żabno"})
    assert "najpierw kod pocztowy" in errors["cus_city"]
    assert settings_store.save(db, {"cus_city": "33-240 Żabno"}) == {}
    assert settings_store.load(db).cus_city == "33-240 Żabno"
