"""The windows under test wear the program's own look, as main() gives it: its tones and
frames come from the app-wide style sheet."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _programs_look(qapp):
    from ui.common import look

    look.apply(qapp, look.Appearance())
