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
# (and not over: no one is sent to a service that has ended)
REFERRABLE_ITEM = ("SELECT i.id FROM plan_items i JOIN plan_versions v ON v.id ="
                   " i.plan_version_id WHERE v.status = 'zatwierdzony' AND i.partner_id IS"
                   " NOT NULL AND i.archived_at IS NULL AND i.kind = 'usluga' AND"
                   " COALESCE(i.end_on, v.valid_to, '9999') >= date('now') LIMIT 1")
