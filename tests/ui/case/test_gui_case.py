"""One case walked through all nine steps in the case window, as the KIPUS does it: leaving
in the middle and resuming, looping from step 8 back to step 4, closing, and finding the
six-month follow-up on the "Na dziś" list."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.casefile.cases import get_case
from app.cases import steps as case_steps
from app.cases import today
from app.core.validation import format_date
from app.plans import lifecycle as plan_lifecycle
from app.plans import store as plans
from tests import pdf_text
from tests.conftest import (
    add_record,
    fill_record,
    qualified_case,
    session_of,
    type_text,
)
from tests.ui.case.helpers import _combo_select, add_item, click_row
from ui.case.plan_editor import PlanEditor
from ui.case.wizard import CaseWizard

T = date.today()


def d(days_ago: int) -> str:
    return format_date(T - timedelta(days=days_ago))


@pytest.fixture
def case_id(db):
    return qualified_case(db, 60)


def test_a_step_left_incomplete_is_said_as_a_warning_not_as_done(qtbot, db, case_id):
    """„Krok 1 nie jest jeszcze kompletny…” was green, like „Zapisano”."""
    w = CaseWizard(session_of(db), case_id)
    qtbot.addWidget(w)
    w.show()

    def click_step(row):
        where = w.steps.visualItemRect(w.steps.item(row)).center()
        qtbot.mouseClick(w.steps.viewport(), Qt.MouseButton.LeftButton, pos=where)

    w.pages[1].contact_on.setText(format_date(T + timedelta(days=3)))  # in the future
    click_step(1)
    assert "Krok 1 nie jest jeszcze kompletny" in w.notice.text()
    assert w.notice.property("tone") == "warning"


def test_walk_all_nine_steps(qtbot, db, case_id):
    w = CaseWizard(session_of(db), case_id)
    qtbot.addWidget(w)
    assert w.title.text() == "Krok 1 z 9: Nawiązanie kontaktu"

    # step 1, first with a mistake
    p1 = w.pages[1]
    p1.contact_on.setText(format_date(T + timedelta(days=3)))
    _combo_select(p1.came_how, "ze skierowania")
    assert w.save_and_next() is False
    assert "przyszłości" in w.errors.text() and "kto kieruje" in w.errors.text()
    p1.contact_on.setText(d(58))
    p1.referred_by.setText("Lekarz rodzinny")
    p1.consent.setCurrentIndex(1)
    p1.consent_on.setText(d(58))
    assert w.save_and_next() is True
    assert w.current == 2 and get_case(db, case_id).consent is True

    # step 2: typed half-way, then the window is closed
    p2 = w.pages[2]
    p2.assessed_on.setText(d(55))
    p2.general["health"].setText("po udarze, chodzi o kulach")
    add_record(qtbot, p2.needs, category="zdrowotne")
    w.close()
    assert get_case(db, case_id).current_step == 2

    # resume: the draft is back, nothing lost
    w = CaseWizard(session_of(db), case_id)
    qtbot.addWidget(w)
    p2 = w.pages[2]
    assert w.current == 2 and "Przywrócono" in w.notice.text()
    assert w.notice.property("tone") == "warning"  # not saved yet: not green
    assert p2.general["health"].text() == "po udarze, chodzi o kulach"
    assert [r["category"] for r in p2.needs.rows()] == ["zdrowotne"]
    fill_record(qtbot, p2.needs, description="Rehabilitacja ruchowa")
    add_record(qtbot, p2.needs, category="społeczne", description="Samotność", priority=1)
    add_record(qtbot, p2.needs, category="kulturalne", description="Brak dojazdu do biblioteki")
    add_record(qtbot, p2.opinions, specialist_name="dr Anna Zając", role="fizjoterapeutka",
               opinion_date=d(54), summary="Terapia 3 mies.")
    assert w.save_and_next() is True, w.errors.text()
    stored = db.execute("SELECT category, description, priority FROM needs WHERE case_id = ?"
                        " ORDER BY description", [case_id]).fetchall()
    assert stored == [("kulturalne", "Brak dojazdu do biblioteki", 2),
                      ("zdrowotne", "Rehabilitacja ruchowa", 2), ("spoleczne", "Samotność", 1)]

    # step 3: suggestions from the catalogue; the cultural need stays unmet
    p3 = w.pages[3]
    qtbot.mouseClick(p3.suggest_button, Qt.MouseButton.LeftButton)
    assert [r["need_id"] for r in p3.records.rows()] == [n.id for n in
                                                          case_steps.needs_of(db, case_id)]
    culture = [i for i in range(p3.unmet.count())
               if p3.unmet.item(i).text() == "Brak dojazdu do biblioteki"][0]
    click_row(qtbot, p3.records, 2)
    qtbot.mouseClick(p3.records.remove_button, Qt.MouseButton.LeftButton)
    p3.unmet.item(culture).setCheckState(Qt.CheckState.Checked)
    # a service rejected without a reason is refused, naming the row
    click_row(qtbot, p3.records, 1)
    fill_record(qtbot, p3.records, chosen=False)
    assert w.save_and_next() is False and "Pozycja 2: podaj powód" in w.errors.text()
    fill_record(qtbot, p3.records, chosen=True)
    assert w.save_and_next() is True, w.errors.text()
    assert [n.status for n in case_steps.needs_of(db, case_id)][2] == "niezaspokojona"

    # step 4 is the plan editor: the service chosen at step 3 is already there as a draft
    p4 = w.pages[4].editor
    carried = [i.service_name for i in p4.model.items]
    assert carried, "the services chosen at step 3 arrive in the plan"
    needs = p4.header["needs"]  # and the needs they answer are ticked as answered
    ticked = {needs.item(i).text() for i in range(needs.count())
              if needs.item(i).checkState() == Qt.CheckState.Checked}
    assert ticked == {"Rehabilitacja ruchowa", "Samotność"}
    for _ in carried:  # this plan is built from scratch below
        click_row(qtbot, p4, 0)
        qtbot.mouseClick(p4.remove_button, Qt.MouseButton.LeftButton)
    for service, freq in (("Usługi rehabilitacyjne", "2 × w tygodniu po 1 h"),
                          ("Przygotowywanie i dowóz posiłków", "codziennie")):
        add_item(qtbot, p4, service, freq=freq)
    add_item(qtbot, p4, action="Sąsiadka p. Ewa odwiedza we wtorki", freq="raz w tygodniu")
    p4.header["valid_from"].set_date(T - timedelta(days=45))
    p4.header["valid_to"].set_date(T + timedelta(days=200))
    assert w.save_and_next() is True, w.errors.text()
    version = plans.current_version(db, case_id)
    assert len(plans.items(db, version.id)) == 3
    # agreed with the person and approved in the IPUS editor (tested on its own)
    plan_lifecycle.save_header(db, version.id, plan_lifecycle.PlanHeader(
        T - timedelta(days=45), T + timedelta(days=200), T + timedelta(days=30)))
    plan_lifecycle.agree(db, version.id, T - timedelta(days=46))
    plan_lifecycle.approve(db, version.id, "Maria Nowak", "dyrektor CUS", T - timedelta(days=46))

    # step 5: referral and confirmed start of the rehabilitation
    p5 = w.pages[5]
    assert p5.records.model.rowCount() == 2
    p5.records.select(0)
    fill_record(qtbot, p5.records, referred_on=d(44),
                contacted_person="p. Kowal, NZOZ Rehabilitacja", start_confirmed_on=d(40))
    assert w.save_and_next() is True, w.errors.text()
    assert plans.items(db, version.id)[0].status == "realizowana"

    # step 6 and 7: dated entries
    p6 = w.pages[6]
    p6.event_date.setText(d(30))
    p6.observed.setPlainText("Chodzi bez kul po mieszkaniu")
    assert w.save_and_next() is True, w.errors.text()
    assert w.current == 6 and "Zapisano" in w.notice.text()  # stays: another entry may follow
    assert w.notice.property("tone") == "ok"
    assert w.save_and_next() is True  # nothing new typed: on to step 7
    p7 = w.pages[7]
    p7.event_date.setText(d(25))
    p7.action.setPlainText("Wniosek do PCPR o dofinansowanie")
    p7.result.setText("Przyznano")
    assert w.save_and_next() is True, w.errors.text()
    assert w.current == 7
    assert w.save_and_next() is True

    # step 8: modify → back to step 4 with a new plan version
    p8 = w.pages[8]
    p8.evaluated_on.setText(d(20))
    p8.goals.setPlainText("Częściowo – potrzeba więcej rehabilitacji")
    _combo_select(p8.decision, "zmiana planu")
    assert w.save_and_next() is False and w.current == 8  # why the plan changes is asked
    assert "dlaczego plan się zmienia" in w.errors.text()
    type_text(p8.notes, "Więcej rehabilitacji, sąsiad wyjeżdża")
    assert w.save_and_next() is True, w.errors.text()
    assert w.current == 4
    assert plans.versions(db, case_id)[1].change_summary == (
        f"Okresowa ocena z {d(20)}: Więcej rehabilitacji, sąsiad wyjeżdża")
    assert [v.version_no for v in plans.versions(db, case_id)] == [1, 2]
    assert w.pages[4].editor.version.version_no == 2
    p4 = w.pages[4].editor  # the update: more rehabilitation, the neighbour's visits end
    click_row(qtbot, p4, 0)
    p4.form.frequency.clear()
    type_text(p4.form.frequency, "3 × w tygodniu po 1 h")
    click_row(qtbot, p4, 2)
    qtbot.mouseClick(p4.remove_button, Qt.MouseButton.LeftButton)
    assert w.save_and_next() is True, w.errors.text()
    second = plans.current_version(db, case_id)
    plan_lifecycle.agree(db, second.id, T - timedelta(days=19))
    plan_lifecycle.approve(db, second.id, "Maria Nowak", "dyrektor CUS", T - timedelta(days=19))
    for number, vid in ((1, version.id), (2, second.id)):  # both versions, as printed
        assert_golden(f"ipus_scenario_v{number}.txt", printed_text(db, vid))

    # step 8 again → close
    w.go(8)
    p8 = w.pages[8]
    p8.evaluated_on.setText(d(5))
    p8.goals.setPlainText("Tak")
    _combo_select(p8.decision, "zakończenie")
    assert w.save_and_next() is True, w.errors.text()
    assert w.current == 9

    # step 9: services still run → asked; closing before opening refused
    p9 = w.pages[9]
    p9.closed_on.setText(d(90))
    p9.reason.setText("Cele osiągnięte")
    p9.summary_on.setText(d(2))
    p9.course.setPlainText("Osoba chodzi samodzielnie, korzysta z posiłków.")
    assert w.save_and_next() is False
    assert "wcześniejsza niż otwarcie" in w.errors.text()
    p9.closed_on.setText(d(1))
    asked = []
    p9.confirm_running = lambda parent, message: asked.append(message) or True
    assert w.save_and_next() is True, w.errors.text()
    assert asked and "realizowane usługi" in asked[0]
    case = get_case(db, case_id)
    assert case.status == "zamknieta" and case.close_reason == "Cele osiągnięte"
    again = CaseWizard(session_of(db), case_id, step=9)  # the closed case shows what was said
    qtbot.addWidget(again)
    assert again.pages[9].summary_on.text() == d(2)
    assert again.pages[9].course.toPlainText() == "Osoba chodzi samodzielnie, korzysta z posiłków."

    # the card view holds the whole record
    card = w.show_card()
    qtbot.addWidget(card)
    html = card.view.toPlainText()
    for expected in ("Lekarz rodzinny", "Rehabilitacja ruchowa", "NIEZASPOKOJONA",
                     "Sąsiadka p. Ewa", "Chodzi bez kul", "Wniosek do PCPR",
                     "Rozmowa podsumowująca", "Monitoring 6 miesięcy"):
        assert expected in html

    # six months later the follow-up is on the "Na dziś" list, pointing at step 9
    later = T + timedelta(days=185)
    due = [r for r in today.reminders(db, later) if r.kind == "monitoring_po"]
    assert [(r.case_id, r.step) for r in due] == [(case_id, 9)]
    assert {s: 1 for s in range(1, 10)}.keys() <= case_steps_logged(db)


GOLDEN = Path(__file__).parent / "golden"


def printed_text(db, version_id: str) -> str:
    """The IPUS as printed, one line per line of the PDF, with what changes from run to run
    (dates, the document's number) replaced by a mark."""
    import re

    from app.documents import register

    pdf = register.issue(db, "ipus", version_id).pdf
    text = pdf_text.lines(pdf)
    text = re.sub(r"\b\d{2}\.\d{2}\.\d{4}\b", "DD.MM.RRRR", text)
    text = re.sub(r"CUS/IPUS/\d{4}/\d{4}", "CUS/IPUS/RRRR/NNNN", text)
    text = re.sub(r"CUS\.\S+\.\d{4}|\b\d+/\d{4}\b", "ZNAK-SPRAWY", text)
    text = re.sub(r"\b(sty|lut|mar|kwi|maj|cze|lip|sie|wrz|paź|lis|gru)( \d{4})?\b", "MIES",
                  text)  # the chart's months move with today, and so does their count
    text = re.sub(r"(MIES\n)+", "MIES…\n", text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def assert_golden(name: str, text: str) -> None:
    from tests.golden import assert_golden as compare

    compare(GOLDEN / name, text)


def case_steps_logged(db) -> set[int]:
    import json

    return {json.loads(d).get("krok") for (d,) in db.execute(
        "SELECT details FROM audit_log WHERE details LIKE '%krok%'")}


def test_refused_consent_is_said_plainly(qtbot, db, case_id):
    w = CaseWizard(session_of(db), case_id)
    qtbot.addWidget(w)
    p1 = w.pages[1]
    p1.contact_on.setText(d(58))
    _combo_select(p1.came_how, "z własnej inicjatywy")
    p1.consent.setCurrentIndex(2)
    p1.consent_on.setText(d(58))
    assert w.save_and_next() is True
    p2 = w.pages[2]
    assert not p2.consent_note.isHidden() and not p2.general_box.isEnabled()


def test_step_four_saved_twice_updates_its_items_instead_of_replacing_them(qtbot, db, case_id):
    w = CaseWizard(session_of(db), case_id, step=4)
    qtbot.addWidget(w)
    w.show()
    editor = w.pages[4].editor
    add_item(qtbot, editor, "Usługi rehabilitacyjne", freq="raz w tygodniu",
             days="wt", hours="10:00–11:00")
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
    assert w.current == 5, w.errors.text()
    first = db.execute("SELECT id FROM plan_items WHERE archived_at IS NULL").fetchall()
    p5 = w.pages[5]  # the referral and the confirmed start make the item "realizowana"
    fill_record(qtbot, p5.records, referred_on=d(3), start_confirmed_on=d(2))
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
    assert w.current == 6, w.errors.text()
    step_four = w.steps.visualItemRect(w.steps.item(3)).center()
    qtbot.mouseClick(w.steps.viewport(), Qt.MouseButton.LeftButton, pos=step_four)
    assert w.current == 4
    editor = w.pages[4].editor
    click_row(qtbot, editor, 0)
    editor.form.frequency.clear()
    type_text(editor.form.frequency, "dwa razy w tygodniu")
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
    assert db.execute("SELECT id, frequency, status, weekdays, time_from FROM plan_items"
                      " WHERE archived_at IS NULL").fetchall() == [
        (first[0][0], "dwa razy w tygodniu", "realizowana", "wt", "10:00")]


def test_back_from_step_five_shows_the_status_the_referral_gave(qtbot, db, case_id):
    w = CaseWizard(session_of(db), case_id, step=4)
    qtbot.addWidget(w)
    w.show()
    add_item(qtbot, w.pages[4].editor, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    qtbot.mouseClick(w.next, Qt.MouseButton.LeftButton)
    assert w.current == 5, w.errors.text()
    fill_record(qtbot, w.pages[5].records, referred_on=d(3))
    qtbot.mouseClick(w.back, Qt.MouseButton.LeftButton)
    assert w.current == 4
    assert db.execute("SELECT status FROM plan_items").fetchall() == [("skierowana",)]
    assert [i.status for i in w.pages[4].editor.model.items] == ["skierowana"]


def test_no_step_shows_a_label_without_its_field(qtbot, db, case_id):
    """Step 9 once showed "Data kontaktu" and "Jak sobie radzi osoba" with no field beside
    them: every visible form label of every step has its field visible too."""
    from PySide6.QtWidgets import QFormLayout

    w = CaseWizard(session_of(db), case_id)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    orphans = []
    for step, page in w.pages.items():
        w.go(step)
        for form in page.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
                if label is None or label.widget() is None or not label.widget().isVisible():
                    continue
                widget = field.widget() if field is not None else None
                shown = widget.isVisible() if widget is not None else field is not None
                if not shown:
                    orphans.append((step, label.widget().text()))
    assert orphans == []


def test_each_rating_of_the_evaluation_says_what_it_asks(qtbot, db, case_id):
    from PySide6.QtWidgets import QLabel

    w = CaseWizard(session_of(db), case_id)
    qtbot.addWidget(w)
    page = w.pages[8]
    texts = [label.text() for label in page.findChildren(QLabel)]
    assert any("ufała umiejętnościom wykonawcy" in t for t in texts)  # pewność
    assert any("to, co widać" in t for t in texts)  # warunki
    assert page.ratings["assurance"].accessibleDescription().startswith("czy osoba")


def test_changing_the_plan_from_step_6_asks_why_and_never_begins_twice(qtbot, db):
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    from tests.conftest import in_modal, qualified_case

    case_id = qualified_case(db, 40)
    resident = get_case(db, case_id).resident_id
    vid = plans.save_items(db, case_id, [plans.PlanItem(
        kind="dzialanie_wspierajace", description="Sąsiadka robi zakupy")], resident)
    plan_lifecycle.save_header(db, vid, plan_lifecycle.PlanHeader(
        T - timedelta(days=20), T + timedelta(days=100), T + timedelta(days=30)))
    plan_lifecycle.agree(db, vid, T - timedelta(days=20))
    plan_lifecycle.approve(db, vid, "Maria Nowak", "dyrektor CUS", T - timedelta(days=19))
    w = CaseWizard(session_of(db), case_id, step=6)
    qtbot.addWidget(w)
    w.show()

    def because(dialog):
        assert isinstance(dialog, QInputDialog)
        edit = dialog.findChild(QLineEdit)
        seen.append((edit.text(), edit.width() > edit.fontMetrics().horizontalAdvance(
            edit.text())))  # checked after the dialog closes: a failure here would hang
        edit.selectAll()
        type_text(edit, "Pogorszenie zdrowia")
        dialog.accept()

    seen: list[tuple[str, bool]] = []
    in_modal(because)
    qtbot.mouseClick(w.pages[6].modify, Qt.MouseButton.LeftButton)
    assert seen == [("Zmiana planu po monitorowaniu", True)]  # the default, whole in the field
    assert w.current == 4
    versions = plans.versions(db, case_id)
    assert [(v.version_no, v.change_summary) for v in versions][-1] == (2, "Pogorszenie zdrowia")
    w.go(6)
    qtbot.mouseClick(w.pages[6].modify, Qt.MouseButton.LeftButton)  # no dialog: already begun
    assert w.current == 4 and "już w opracowaniu" in w.notice.text()
    assert len(plans.versions(db, case_id)) == 2


@pytest.mark.parametrize("step, draft", [
    (4, "garbage{"), (4, '{"items": "abc"}'), (4, '{"items": [], "header": ["a"]}'),
    (4, '{"items": [{"weekdays": 5}]}'), (4, '{"items": [], "header": {"valid_from": 5}}'),
    (3, '{"matches": 5}'), (3, "[1, 2]"), (2, '"tekst"'),
])
def test_a_damaged_draft_never_locks_the_case(qtbot, db, case_id, step, draft):
    """The case opens at the damaged step with what was saved, says the draft was not
    restored, and forgets it."""
    from app.casefile import cases

    cases.go_to_step(db, case_id, step)
    cases.save_draft(db, case_id, step, {})
    db.execute("UPDATE case_steps SET notes = ? WHERE case_id = ? AND step = ?",
               [draft, case_id, step])
    db.conn.commit()
    w = CaseWizard(session_of(db), case_id)
    qtbot.addWidget(w)
    w.show()
    assert w.current == step
    if draft.startswith("{"):
        assert f"Szkicu kroku {step} nie przywrócono" in w.notice.text()
    assert cases.load_draft(db, case_id, step) is None


def _step_four_with_one_saved_item(qtbot, db, case_id):
    w = CaseWizard(session_of(db), case_id, step=4)
    qtbot.addWidget(w)
    w.show()
    editor = w.pages[4].editor
    add_item(qtbot, editor, "Usługi rehabilitacyjne", freq="raz w tygodniu")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    return w, editor


def test_a_step_four_draft_typed_before_the_plan_changed_is_not_put_back(qtbot, db, case_id):
    """A draft kept at step 4 (a day that cannot be read) and the plan then saved from the
    editor elsewhere: reopening shows the saved plan, not the old items over it."""
    w, editor = _step_four_with_one_saved_item(qtbot, db, case_id)
    editor.form.weekdays.clear()
    type_text(editor.form.weekdays, "pn, xyz")
    w.close()  # the unreadable day is kept as a draft
    from app.casefile import cases

    assert cases.load_draft(db, case_id, 4) is not None
    from app.plans import lifecycle  # meanwhile the plan changes elsewhere
    from app.plans import store as plans

    version = plans.current_version(db, case_id)
    items = plans.items(db, version.id)
    items.append(plans.PlanItem(kind="dzialanie_wspierajace", description="Sąsiadka"))
    plans.save_items(db, case_id, items, get_case(db, case_id).resident_id)
    lifecycle.save_header(db, version.id, lifecycle.PlanHeader(valid_from=date.today()))
    again = CaseWizard(session_of(db), case_id, step=4)
    qtbot.addWidget(again)
    assert "nie przywrócono (wpisano go do stanu planu" in again.notice.text()
    assert [i.service_name or i.description for i in again.pages[4].editor.model.items] == [
        "Usługi rehabilitacyjne", "Sąsiadka"]
    assert cases.load_draft(db, case_id, 4) is None


def test_saving_in_the_editor_leaves_no_step_four_draft_behind(qtbot, db, case_id):
    from app.casefile import cases

    w = CaseWizard(session_of(db), case_id, step=4)
    qtbot.addWidget(w)
    w.show()
    editor = w.pages[4].editor
    add_item(qtbot, editor, "Usługi rehabilitacyjne", freq="raz w tygodniu", days="pn, xyz")
    w.close()
    assert cases.load_draft(db, case_id, 4) is not None
    other = PlanEditor(session_of(db), case_id)
    qtbot.addWidget(other)
    add_item(qtbot, other, action="Sąsiadka robi zakupy", freq="raz w tygodniu")
    qtbot.mouseClick(other.save_button, Qt.MouseButton.LeftButton)
    assert cases.load_draft(db, case_id, 4) is None


def test_an_item_typed_with_a_date_that_cannot_be_comes_back_as_typed(qtbot, db, case_id):
    """Closing the window while the form holds 31.02.2027 keeps the description and the
    date as typed; reopening puts them back in the same item's form."""
    w, editor = _step_four_with_one_saved_item(qtbot, db, case_id)
    type_text(editor.form.description, "Ćwiczenia z panią Łucją")
    editor.form.start.clear()
    qtbot.keyClicks(editor.form.start, "31.02.2027")
    w.close()
    again = CaseWizard(session_of(db), case_id, step=4)
    qtbot.addWidget(again)
    form = again.pages[4].editor.form
    assert "Przywrócono" in again.notice.text()
    assert (form.description.text(), form.start.text()) == ("Ćwiczenia z panią Łucją",
                                                             "31.02.2027")
