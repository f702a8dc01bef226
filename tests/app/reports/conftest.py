from tests.app.exchange.conftest import demo_db  # noqa: F401 - the same demo, per module
