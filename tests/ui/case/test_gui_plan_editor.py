"""The IPUS editor, driven as a person does: items added with the button and filled in the
form beside the list, a row removed, saved, agreed, approved and updated; every field of
every item read back from the file by id after each move."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.catalogue import partners
from app.core.validation import format_date
from app.plans import store as plans
from tests import pdf_text
from tests.conftest import in_modal, press, qualified_case, session_of, type_text
from tests.ui.case.helpers import _combo_select, add_item, click_row
from ui.case.plan_editor import PlanEditor

T = date.today()


@pytest.fixture
def editor(qtbot, db):
    partners.save(db, partners.Partner(full_name="Spółdzielnia Socjalna „Żabka”",
                                       partner_type="pes"))
    case_id = qualified_case(db, 5, "Pomoc")
    e = PlanEditor(session_of(db), case_id)
    qtbot.addWidget(e)
    e.show()
    e.tester = QAbstractItemModelTester(  # kept: an unreferenced tester checks nothing
        e.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return e


def stored(db, case_id) -> dict:
    """Every item of the newest version, by id, read with SQL of the test's own."""
    rows = db.execute(
        "SELECT i.id, i.service_id, i.partner_id, i.description, i.frequency, i.weekdays,"
        " i.time_from, i.time_to, i.status FROM plan_items i JOIN plan_versions v ON v.id ="
        " i.plan_version_id JOIN plans p ON p.id = v.plan_id WHERE p.case_id = ? AND"
        " i.archived_at IS NULL AND v.version_no = (SELECT max(version_no) FROM"
        " plan_versions WHERE plan_id = p.id) ORDER BY i.position", [case_id]).fetchall()
    return {r[0]: r[1:] for r in rows}


def service_id(db, name: str) -> str:
    return db.execute("SELECT id FROM services WHERE name = ?", [name]).fetchone()[0]


def test_removing_the_middle_item_keeps_every_other_item_under_its_own_id(qtbot, editor, db):
    e = editor
    partner = db.execute("SELECT full_name, id FROM partners ORDER BY full_name LIMIT 1"
                         ).fetchone()
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="2 × w tygodniu", days="pn, śr",
             hours="9:00–10:00", partner=partner[0])
    add_item(qtbot, e, "Przygotowywanie i dowóz posiłków", freq="codziennie")
    add_item(qtbot, e, action="Sąsiadka robi zakupy", freq="raz w tygodniu", days="wt",
             hours="10")
    e.header["valid_from"].set_date(T + timedelta(days=7))
    e.header["valid_to"].set_date(T + timedelta(days=180))
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    first = stored(db, e.case_id)
    assert len(first) == 3, e.message.text()
    ids = list(first)
    click_row(qtbot, e, 1)
    qtbot.mouseClick(e.remove_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    after = stored(db, e.case_id)
    assert after == {ids[0]: first[ids[0]], ids[2]: first[ids[2]]}
    assert after[ids[0]] == (service_id(db, "Usługi rehabilitacyjne"), partner[1], "",
                             "2 × w tygodniu", "pn,śr", "09:00", "10:00", "planowana")
    assert after[ids[2]] == (None, None, "Sąsiadka robi zakupy", "raz w tygodniu", "wt",
                             "10:00", None, "planowana")
    reopened = PlanEditor(e.session, e.case_id)
    qtbot.addWidget(reopened)
    assert [i.id for i in reopened.model.items] == [ids[0], ids[2]]


def test_build_agree_approve_update(qtbot, editor, db):
    e = editor
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="2 × w tygodniu po 1 h", days="pn, śr",
             hours="09:00–10:00")
    add_item(qtbot, e, "Przygotowywanie i dowóz posiłków", freq="codziennie")
    add_item(qtbot, e, "Usługa wytchnieniowa", freq="raz w miesiącu", days="śr",
             hours="09:30–12:00")
    add_item(qtbot, e, action="Sąsiadka robi zakupy we wtorki", freq="raz w tygodniu")
    e.header["valid_from"].set_date(T + timedelta(days=7))
    e.header["valid_to"].set_date(T + timedelta(days=180))
    e.header["review_on"].set_date(T + timedelta(days=90))
    e.header["commitments"].setPlainText("Udział w ćwiczeniach w domu")
    assert e.save() is True, e.message.text()
    texts = [e.checks.item(i).text() for i in range(e.checks.count())]
    assert any("nakładają się w czasie (śr)" in t for t in texts)
    assert len(e.timeline.items) == 4 and e.timeline.minimumHeight() > 100

    assert e.agree(T) is True, e.message.text()
    assert e.state.text().startswith("Stan: uzgodniony")
    assert not e.form.isEnabled() and not e.add_button.isEnabled()
    assert e.approve_button.isEnabled()
    assert e.approve("Maria Nowak") is True
    assert "zatwierdzony" in e.state.text()

    assert e.start_update("Więcej rehabilitacji") is True
    assert e.version.version_no == 2 and e.form.isEnabled()
    assert e.header["commitments"].toPlainText() == "Udział w ćwiczeniach w domu"  # carried
    assert e.model.items[0].weekdays == "pn,śr"  # provider, days, hours carried too
    click_row(qtbot, e, 0)
    e.form.frequency.clear()
    type_text(e.form.frequency, "3 × w tygodniu po 1 h")
    click_row(qtbot, e, 3)
    qtbot.mouseClick(e.remove_button, Qt.MouseButton.LeftButton)
    assert e.save() is True, e.message.text()
    changes = [e.changes.item(i).text() for i in range(e.changes.count())]
    assert "Powód aktualizacji: Więcej rehabilitacji" in changes
    assert any("2 × w tygodniu po 1 h → 3 × w tygodniu po 1 h" in c for c in changes)
    assert any(c.startswith("Usunięto „Sąsiadka") for c in changes)
    e.version_combo.setCurrentIndex(0)  # the earlier version, readable and intact
    assert e.model.rowCount() == 4 and not e.form.isEnabled()
    assert e.model.items[0].frequency == "2 × w tygodniu po 1 h"
    old, new = plans.versions(db, e.case_id)
    assert (old.status, new.status) == ("zatwierdzony", "projekt")  # old in force until then

    # the earlier version is printed as it was, chosen in the list
    printed = {}

    def preview(dialog):
        printed["pdf"] = dialog.pdf
        press(qtbot, dialog, "Zamknij")

    def issue(dialog):
        in_modal(preview)  # the preview opens once the document is issued
        press(qtbot, dialog, "Wystaw i pokaż")
    in_modal(issue)
    qtbot.mouseClick(e.print_button, Qt.MouseButton.LeftButton)

    text = pdf_text.text(printed["pdf"])
    assert "Wersja planu: 1 (zatwierdzony)" in text
    assert "2 × w tygodniu po 1 h" in text and "Sąsiadka robi zakupy" in text
    assert db.execute("SELECT count(*) FROM documents WHERE plan_version_id = ?",
                      [old.id]).fetchone() == (1,)


def test_errors_block_agreement_with_a_message(qtbot, editor):
    e = editor
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    e.header["valid_from"].set_date(T)
    e.header["valid_to"].set_date(T + timedelta(days=500))
    assert e.agree() is False
    assert "najwyżej na 12 miesięcy" in e.message.text()
    e.form.hours.clear()
    type_text(e.form.hours, "25:00–26:00")
    assert e.save() is False and "GG:MM" in e.message.text()


def test_a_date_that_cannot_be_keeps_the_form_on_its_item(qtbot, editor):
    e = editor
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    add_item(qtbot, e, "Przygotowywanie i dowóz posiłków", freq="codziennie")
    e.form.end.clear()
    qtbot.keyClicks(e.form.end, "31.02.2027")
    click_row(qtbot, e, 0)
    assert "Pozycja 2: Do" in e.message.text() and "nie istnieje" in e.message.text()
    assert e.table.currentIndex().row() == 1 and e.form.end.text() == "31.02.2027"


def test_a_refused_header_keeps_the_items_out_of_the_file_too(qtbot, editor, db):
    add_item(qtbot, editor, "Usługi rehabilitacyjne", freq="raz w tygodniu", days="pn",
             hours="09:00 - 10:00")
    editor.header["valid_from"].set_date(T + timedelta(days=30))
    editor.header["valid_to"].set_date(T + timedelta(days=7))  # before the start
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "przed" in editor.message.text()
    assert db.execute("SELECT count(*) FROM plan_items").fetchone() == (0,)
    editor.header["valid_to"].set_date(T + timedelta(days=100))
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert db.execute("SELECT time_from, time_to FROM plan_items").fetchall() == [
        ("09:00", "10:00")]


def test_agreement_and_approval_dates_are_chosen_never_in_the_future(qtbot, editor, db):
    e = editor
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    e.header["valid_from"].set_date(T + timedelta(days=7))
    e.header["valid_to"].set_date(T + timedelta(days=200))
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    assert e.agree_button.isEnabled(), e.message.text()
    seen = []

    def future_then_cancel(dialog):
        dialog.when.clear()
        qtbot.keyClicks(dialog.when, format_date(T + timedelta(days=2)))
        press(qtbot, dialog, "Zapisz")
        seen.append((dialog.error.text(), dialog.isVisible()))  # refused where it was typed
        press(qtbot, dialog, "Anuluj")
    in_modal(future_then_cancel)
    qtbot.mouseClick(e.agree_button, Qt.MouseButton.LeftButton)
    assert seen == [(f"Data uzgodnienia: nie może być z przyszłości "
                     f"({format_date(T + timedelta(days=2))}).", True)]
    assert db.execute("SELECT status FROM plan_versions").fetchone() == ("projekt",)

    def today_as_offered(dialog):
        assert dialog.when.text() == format_date(T)  # today unless she enters another day
        press(qtbot, dialog, "Zapisz")
    in_modal(today_as_offered)
    qtbot.mouseClick(e.agree_button, Qt.MouseButton.LeftButton)
    assert db.execute("SELECT status, agreed_on FROM plan_versions").fetchone() == (
        "uzgodniony", T.isoformat())

    def director_today(dialog):
        dialog.approver.clear()
        type_text(dialog.approver, "Maria Nowak")
        press(qtbot, dialog, "Zapisz")
    in_modal(director_today)
    qtbot.mouseClick(e.approve_button, Qt.MouseButton.LeftButton)
    assert db.execute("SELECT status, approved_on, approved_by, approver_role FROM"
                      " plan_versions").fetchone() == ("zatwierdzony", T.isoformat(),
                                                       "Maria Nowak", "dyrektor CUS")


def test_the_schedule_tab_shows_the_week_as_typed(qtbot, editor):
    e = editor
    add_item(qtbot, e, "Usługi rehabilitacyjne", days="pn, śr", hours="9:00–10:00",
             partner="Żabka")
    add_item(qtbot, e, "Przygotowywanie i dowóz posiłków", days="sb", hours="12")
    e.tabs.setCurrentWidget(e.schedule_tab)  # the tab is clicked: what is typed is shown
    week = e.week
    headers = [week.horizontalHeaderItem(c).text() for c in range(week.columnCount())]
    assert headers == ["Godziny", "poniedziałek", "wtorek", "środa", "czwartek", "piątek",
                       "sobota"]
    cells = [[week.item(r, c).text() for c in range(week.columnCount())]
             for r in range(week.rowCount())]
    rehab = "Usługi rehabilitacyjne (Spółdzielnia Socjalna „Żabka”)"
    assert cells == [["09:00–10:00", rehab, "", rehab, "", "", ""],
                     ["12:00", "", "", "", "", "", "Przygotowywanie i dowóz posiłków"]]
    assert len(e.timeline.items) == 2


@pytest.mark.parametrize("removed", [0, 1, 2])
def test_removing_an_item_with_items_below_it_touches_no_other_item(qtbot, editor, db,
                                                                   removed):
    """Qt moves the selection while a row is removed; the form must not then write the item
    it shows into the row that moved up (the KIPUS lost an item after each removal), nor
    may the next new item land on an existing one."""
    e = editor
    for freq in ("raz", "dwa", "trzy", "cztery"):
        add_item(qtbot, e, action=f"Działanie {freq}", freq=freq)
    e.header["valid_from"].set_date(T + timedelta(days=7))
    e.header["valid_to"].set_date(T + timedelta(days=180))
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    first = stored(db, e.case_id)
    ids = list(first)
    assert len(ids) == 4, e.message.text()
    click_row(qtbot, e, removed)
    qtbot.mouseClick(e.remove_button, Qt.MouseButton.LeftButton)
    kept = [i for n, i in enumerate(ids) if n != removed]
    assert [i.id for i in e.model.items] == kept
    assert e.form.description.text() == first[kept[min(removed, 2)]][2]  # the form follows
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    assert stored(db, e.case_id) == {i: first[i] for i in kept}
    add_item(qtbot, e, action="Nowe działanie", freq="pięć")
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    after = stored(db, e.case_id)
    assert {i: after[i] for i in kept} == {i: first[i] for i in kept}
    assert sorted(v[2] for v in after.values()) == sorted(
        [first[i][2] for i in kept] + ["Nowe działanie"])


def test_an_item_turned_into_a_supporting_action_drops_its_service_and_days_read_as_typed(
        qtbot, editor, db):
    e = editor
    partner = db.execute("SELECT full_name FROM partners ORDER BY full_name LIMIT 1"
                         ).fetchone()[0]
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="raz", days="pon czw", partner=partner)
    _combo_select(e.form.kind, "działanie wspierające")
    type_text(e.form.description, "Sąsiad wozi na zabiegi")
    e.header["valid_from"].set_date(T + timedelta(days=7))
    e.header["valid_to"].set_date(T + timedelta(days=180))
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    (row,) = stored(db, e.case_id).values()
    assert row[:5] == (None, None, "Sąsiad wozi na zabiegi", "raz", "pn,cz"), e.message.text()


def test_a_refused_agreement_date_is_corrected_in_the_dialog(qtbot, editor, db):
    """A day before the draft could exist is refused inside the dialog, which stays open
    with the reason; the next day typed there is stored."""
    e = editor
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    e.header["valid_from"].set_date(T + timedelta(days=7))
    e.header["valid_to"].set_date(T + timedelta(days=200))
    seen = []

    def too_early_then_today(dialog):
        dialog.when.clear()
        qtbot.keyClicks(dialog.when, format_date(T - timedelta(days=30)))
        press(qtbot, dialog, "Zapisz")
        seen.append((dialog.error.text(), dialog.isVisible()))
        dialog.when.clear()
        qtbot.keyClicks(dialog.when, format_date(T))
        press(qtbot, dialog, "Zapisz")
    in_modal(too_early_then_today)
    qtbot.mouseClick(e.agree_button, Qt.MouseButton.LeftButton)
    assert seen, e.message.text()
    assert "nie może być wcześniejsza niż projekt planu" in seen[0][0] and seen[0][1]
    assert db.execute("SELECT status, agreed_on FROM plan_versions").fetchone() == (
        "uzgodniony", T.isoformat())
    assert e.message.text() == "Plan uzgodniono z osobą." and e.message.isVisibleTo(e)


def test_the_checks_never_call_an_unsaved_plan_fine(qtbot, editor, db):
    e = editor
    checks = lambda: [e.checks.item(i).text() for i in range(e.checks.count())]  # noqa: E731
    assert checks()[0].startswith("Zmiany nie są jeszcze zapisane")  # nothing saved yet
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    e.header["valid_from"].set_date(T + timedelta(days=7))
    e.header["valid_to"].set_date(T + timedelta(days=200))
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    assert e.message.text() == "Zapisano plan (wersja 1)."
    assert not any("nie są jeszcze zapisane" in c for c in checks())
    assert "nie podano wykonawcy" in " ".join(checks())
    click_row(qtbot, e, 0)  # looking is not changing
    assert not any("nie są jeszcze zapisane" in c for c in checks())
    type_text(e.form.frequency, " po 1 h")
    click_row(qtbot, e, 0)
    e.apply_form()
    assert checks()[0].startswith("Zmiany nie są jeszcze zapisane")


def test_a_long_service_name_is_shown_whole_in_the_closed_drop_down(qtbot, editor):
    e = editor
    long_name = "Usługa wytchnieniowa (krótkie urlopy opiekunów)"
    add_item(qtbot, e, long_name)
    e.resize(1100, 650)
    qtbot.waitUntil(lambda: e.form.service.width() > 0)
    combo, metrics = e.form.service, e.form.service.fontMetrics()
    assert combo.currentText() == long_name
    assert metrics.horizontalAdvance(long_name) > combo.width() - 30  # too long for a line
    assert combo.height() >= 2 * metrics.height()  # so it is wrapped onto a second line


def test_step_four_fits_a_small_laptop_screen_with_its_checks_in_view(qtbot, db):
    """At 1366 × 768 the plan, its form and its checks are all in the window; the list,
    the form and the week scroll by themselves, the page does not."""
    from ui.case.wizard import CaseWizard

    case_id = qualified_case(db, 5, "Pomoc")
    w = CaseWizard(session_of(db), case_id, step=4)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    scroll = w.stack.currentWidget()
    page = w.pages[4]
    # once the layout has settled (a notice above may take a line first)
    qtbot.waitUntil(lambda: page.height() <= scroll.viewport().height(), timeout=2000)
    checks = page.editor.checks
    assert checks.mapTo(page, checks.rect().bottomLeft()).y() <= scroll.viewport().height()


def test_a_second_window_on_the_same_plan_cannot_save_over_the_first(qtbot, editor, db):
    """Two windows open on one case: what the first saved is not wiped by the second,
    which is told to reopen the plan."""
    first = editor
    add_item(qtbot, first, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    second = PlanEditor(session_of(db), first.case_id)
    qtbot.addWidget(second)
    add_item(qtbot, first, action="Sąsiadka robi zakupy", freq="raz w tygodniu")
    qtbot.mouseClick(first.save_button, Qt.MouseButton.LeftButton)
    assert first.message.text() == "Zapisano plan (wersja 1)."
    click_row(qtbot, second, 0)
    second.form.frequency.clear()
    type_text(second.form.frequency, "codziennie")
    qtbot.mouseClick(second.save_button, Qt.MouseButton.LeftButton)
    assert "Plan zmienił się w innym oknie" in second.message.text()
    kept = [(r[0], r[2], r[3]) for r in stored(db, first.case_id).values()]
    assert kept == [(service_id(db, "Usługi rehabilitacyjne"), "", "raz w tygodniu"),
                    (None, "Sąsiadka robi zakupy", "raz w tygodniu")]


def test_a_refused_item_is_the_one_the_form_shows(qtbot, editor):
    """The message names "Pozycja 1"; the form goes to item 1, whichever was selected, so
    what she corrects there is the item refused; the rows are numbered."""
    e = editor
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    add_item(qtbot, e, "Przygotowywanie i dowóz posiłków", freq="codziennie")
    e.model.items[0] = type(e.model.items[0])(**{**e.model.items[0].__dict__,
                                                 "weekdays": "xyz"})
    click_row(qtbot, e, 1)
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    assert e.message.text().startswith("Pozycja 1: Dni:")
    assert e.table.currentIndex().row() == 0 and e.form.weekdays.text() == "xyz"
    assert e.model.headerData(0, Qt.Orientation.Vertical) == 1


def test_the_director_sends_an_agreed_plan_back_with_the_button(qtbot, editor, db):
    """Approval refused for a plan that breaks the rules: said in the approval dialog;
    "Zwróć do poprawy…" (shown only for an agreed plan) asks why and makes it a draft."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    e = editor
    add_item(qtbot, e, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    e.header["valid_from"].set_date(T)
    e.header["valid_to"].set_date(T + timedelta(days=200))
    qtbot.mouseClick(e.save_button, Qt.MouseButton.LeftButton)
    assert e.return_button.isHidden()
    in_modal(lambda dialog: press(qtbot, dialog, "Zapisz"))
    qtbot.mouseClick(e.agree_button, Qt.MouseButton.LeftButton)
    assert not e.return_button.isHidden() and e.agree_button.isHidden()
    assert "zwrot do poprawy" in e.state.text()
    db.execute("UPDATE plan_versions SET valid_to = ?",  # agreed under older rules
               [(T + timedelta(days=500)).isoformat()])
    seen = []

    def approve_refused(dialog):
        dialog.approver.clear()
        type_text(dialog.approver, "Maria Nowak")
        press(qtbot, dialog, "Zapisz")
        seen.append(dialog.error.text())
        press(qtbot, dialog, "Anuluj")
    in_modal(approve_refused)
    qtbot.mouseClick(e.approve_button, Qt.MouseButton.LeftButton)
    assert "Planu nie można zatwierdzić: IPUS opracowuje się najwyżej" in seen[0]
    assert db.execute("SELECT status FROM plan_versions").fetchone() == ("uzgodniony",)

    def because(dialog):
        assert isinstance(dialog, QInputDialog)
        type_text(dialog.findChild(QLineEdit), "Skrócić okres planu")
        dialog.accept()
    in_modal(because)
    qtbot.mouseClick(e.return_button, Qt.MouseButton.LeftButton)
    assert db.execute("SELECT status, agreed_on FROM plan_versions").fetchone() == (
        "projekt", None)
    assert e.save_button.isEnabled() and e.return_button.isHidden()
    assert "Plan wrócił do projektu" in e.message.text()
