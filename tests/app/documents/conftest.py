"""A demo database shared by the document tests of a module: issued once, read by many."""

from datetime import date

import pytest

from app.demo import generate as demo

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from app.storage.opening import connect

    db = connect(tmp_path_factory.mktemp("dok") / "k.db")
    demo.build(db, 600, seed=5, today=TODAY)
    yield db
    db.conn.close()


# an item a skierowanie can be issued for: a service with a provider in an approved plan
REFERRABLE_ITEM = ("SELECT i.id FROM plan_items i JOIN plan_versions v ON v.id ="
                   " i.plan_version_id WHERE v.status = 'zatwierdzony' AND i.partner_id IS"
                   " NOT NULL AND i.archived_at IS NULL LIMIT 1")
