"""A demo database shared by a module's exchange tests."""

from datetime import date

import pytest

from app.demo import generate as demo

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from app.storage.opening import connect

    path = tmp_path_factory.mktemp("wymiana") / "k.db"
    db = connect(path)
    demo.build(db, 300, seed=3, today=TODAY)
    db.path = path
    yield db
    db.conn.close()
