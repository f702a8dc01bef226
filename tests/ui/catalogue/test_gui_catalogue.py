"""Catalogue, partner and programme screens: add, edit, search, archive, validation."""

from PySide6.QtCore import Qt

from app.catalogue import partners, programmes
from app.catalogue import services as catalogue
from tests.conftest import session_of, type_text
from ui.shell.main_window import MainWindow


def _window(qtbot, db, db_path):
    win = MainWindow(session_of(db))
    qtbot.addWidget(win)
    win.load()
    return win


def test_catalogue_screen(qtbot, db, db_path):
    screen = _window(qtbot, db, db_path).open_screen("CatalogueScreen")
    qtbot.addWidget(screen)
    assert screen.list.count() == 24
    screen.new()
    assert screen.save() is False
    assert "nazwę usługi" in screen.field_error("name")
    assert "1–14" in screen.field_error("area_code")
    type_text(screen.w["name"], "Klub seniora „Złota jesień”")
    screen.w["area_code"].setCurrentIndex(screen.w["area_code"].findData(11))
    screen.w["occupation_codes"].setText("12")
    assert screen.save() is False and "6 cyfr" in screen.field_error("occupation_codes")
    screen.w["occupation_codes"].setText("341202")
    assert screen.save() is True
    type_text(screen.search, "zlota")
    assert screen.list.count() == 1
    screen.list.setCurrentRow(0)
    screen.w["description"].setPlainText("Spotkania seniorów we wtorki")
    assert screen.save() is True
    assert catalogue.get_service(db, screen.current_id).description.startswith("Spotkania")
    assert screen.archive(confirm=lambda: True) is True
    assert screen.list.count() == 0
    screen.area_filter.setCurrentIndex(screen.area_filter.findData(14))
    screen.search.clear()
    assert screen.list.count() == 6  # the reintegration services of area 14


def test_partners_screen(qtbot, db, db_path):
    screen = _window(qtbot, db, db_path).open_screen("PartnersScreen")
    qtbot.addWidget(screen)
    screen.new()
    type_text(screen.w["full_name"], "Koło Gospodyń Wiejskich w Żabnie")
    screen.w["nip"].setText("1234567890")
    assert screen.save() is False
    assert "NIP" in screen.field_error("nip") and "rodzaj" in screen.field_error("partner_type")
    screen.w["nip"].setText("526-104-08-28")
    screen.w["partner_type"].setCurrentIndex(screen.w["partner_type"].findData("ngo"))
    screen.w["is_ngo"].setChecked(True)
    row = screen.add_service()
    screen.services.cellWidget(row, 0).setCurrentIndex(1)
    screen.services.item(row, 1).setText("12")
    assert screen.save() is True, screen.message.text()
    saved = partners.get(db, screen.current_id)
    assert saved.is_ngo and saved.services[0].capacity == 12 and saved.nip == "5261040828"
    screen.w["phone"].setText("14 645 11 22")  # typed, not yet saved
    screen.action_date.setText("10.05.2026")
    screen.action_text.setText("Dożynki gminne – stoisko z ciastami")
    assert screen.add_action() is True
    assert "10.05.2026 – Dożynki" in screen.actions.item(0).text()
    assert screen.w["phone"].text() == "14 645 11 22"  # an action dropped other typing
    type_text(screen.search, "gospodyn")
    assert screen.list.count() == 1
    assert screen.archive(confirm=lambda: True) is True
    assert partners.search(db, "gospodyn") == []


def test_programmes_screen(qtbot, db, db_path):
    screen = _window(qtbot, db, db_path).open_screen("ProgrammesScreen")
    qtbot.addWidget(screen)
    screen.new()
    screen.w["name"].setText("Program usług społecznych Gminy Żabno 2026–2027")
    screen.w["resolution_number"].setText("XV/123/2026")
    screen.w["resolution_date"].setText("20.01.2026")
    screen.w["valid_from"].setText("01.02.2026")
    screen.w["valid_to"].setText("01.01.2026")
    assert screen.save() is False
    assert "przed jego początkiem" in screen.field_error("valid_to")
    assert "do kogo" in screen.field_error("target_group")
    screen.w["valid_to"].setText("31.12.2027")
    screen.w["target_group"].setPlainText("Seniorzy 65+ i ich opiekunowie")
    screen.service_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert screen.save() is True, screen.message.text()
    p = programmes.get(db, screen.current_id)
    assert p.service_ids == [screen.service_list.item(0).data(Qt.ItemDataRole.UserRole)]
    type_text(screen.search, "zabno")
    assert screen.list.count() == 1
    assert screen.archive(confirm=lambda: True) is True
    assert programmes.listing(db) == []


def test_catalogue_found_by_a_need(qtbot, db, db_path):
    screen = _window(qtbot, db, db_path).open_screen("CatalogueScreen")
    qtbot.addWidget(screen)
    type_text(screen.search, "po udarze potrzebna rehabilitacja")
    assert screen.list.item(0).text().startswith("Usługi rehabilitacyjne")


def test_a_providers_week_opens_from_its_fiche_and_prints(qtbot, db, db_path):
    from datetime import date, timedelta

    from app.cases import applications
    from app.core.validation import format_date
    from app.people import residents_store as store
    from app.plans import lifecycle as plan_lifecycle
    from app.plans import store as plans
    from app.plans import timetable
    from tests.conftest import in_modal, person, press

    today = date.today()
    bar = partners.save(db, partners.Partner(full_name="Bar Smak", partner_type="pes"))
    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, today - timedelta(days=10), "osoba",
                                           "osobiscie", "Posiłki")
    case_id = applications.qualify(db, app_id, today - timedelta(days=9))
    meals = catalogue.services(db, words="posilkow")[0].id
    vid = plans.save_items(db, case_id, [plans.PlanItem(
        service_id=meals, partner_id=bar, weekdays="pn,cz",
        time_from="12:00", time_to="12:30")], r.id)
    plan_lifecycle.save_header(db, vid, plan_lifecycle.PlanHeader(
        today - timedelta(days=3), today + timedelta(days=90)))
    plan_lifecycle.agree(db, vid, today - timedelta(days=3))

    screen = _window(qtbot, db, db_path).open_screen("PartnersScreen")
    qtbot.addWidget(screen)
    type_text(screen.search, "smak")
    screen.list.setCurrentRow(0)
    seen = {}

    def cells(week):
        return [[week.item(r, c).text() for c in range(week.columnCount())]
                for r in range(week.rowCount())]

    def look(dialog):
        seen["cells"] = cells(dialog.week)
        seen["pdf"] = dialog.pdf()
        # the week after the plan ends is empty; "Ten tydzień" comes back
        dialog.day.clear()
        qtbot.keyClicks(dialog.day, format_date(today + timedelta(days=120)))
        qtbot.keyClick(dialog.day, Qt.Key.Key_Return)
        seen["later"] = cells(dialog.week)
        seen["heading"] = dialog.heading.text()
        qtbot.mouseClick(dialog.previous, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.this_week, Qt.MouseButton.LeftButton)
        seen["again"] = cells(dialog.week)
        press(qtbot, dialog, "Zamknij")
    in_modal(look)
    qtbot.mouseClick(screen.week_button, Qt.MouseButton.LeftButton)
    meal = "Przygotowywanie i dowóz posiłków (Łukasz Żółkiewski)"
    assert seen["cells"] == seen["again"] == [["12:00–12:30", meal, "", "", meal, ""]]
    assert seen["later"] == [["W tym tygodniu ten wykonawca nie ma usług w uzgodnionych "
                              "planach z wpisanymi dniami tygodnia."]]
    assert seen["heading"].startswith(
        f"Tydzień {timetable.week_label(today + timedelta(days=120))}:")
    assert seen["pdf"].startswith(b"%PDF")


def test_enter_saves_a_record_and_typing_is_never_dropped_unasked(qtbot, db, db_path):
    """Enter in a field pressed „Nowa usługa” (the first button) and blanked the form;
    another record, „Nowa usługa” and Esc all dropped what was typed without a word."""
    from tests.conftest import answering, in_modal

    screen = _window(qtbot, db, db_path).open_screen("CatalogueScreen")
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)

    def name_of(service_id):
        return db.conn.execute("SELECT name FROM services WHERE id = ?",
                               (service_id,)).fetchone()[0]

    # Enter in the search goes to the list, Enter there into the form
    screen.search.setFocus()
    qtbot.keyClicks(screen.search, "rehabilit")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert screen.focusWidget() is screen.list and screen.list.currentRow() == 0
    qtbot.keyClick(screen.list, Qt.Key.Key_Return)
    assert screen.focusWidget() is screen.w["name"]
    service_id, old_name = screen.current_id, screen.w["name"].text()
    assert service_id and name_of(service_id) == old_name

    qtbot.keyClick(screen.w["name"], Qt.Key.Key_End)
    qtbot.keyClicks(screen.w["name"], " w domu")
    qtbot.keyClick(screen.w["name"], Qt.Key.Key_Return)
    assert name_of(service_id) == old_name + " w domu"
    assert screen.w["name"].text() == old_name + " w domu" and screen.current_id == service_id

    asked: list[str] = []
    new = screen.new_button
    type_text(screen.w["name"], " i w ośrodku")
    in_modal(answering(asked, "Wróć do formularza"))
    qtbot.mouseClick(new, Qt.MouseButton.LeftButton)
    assert screen.w["name"].text().endswith(" i w ośrodku") and screen.current_id == service_id
    in_modal(answering(asked, "Nie zapisuj"))
    qtbot.mouseClick(new, Qt.MouseButton.LeftButton)
    assert screen.current_id is None and screen.w["name"].text() == ""
    assert name_of(service_id) == old_name + " w domu"

    # another record in the list with typing pending: „Zapisz” keeps it
    rows = {screen.list.item(r).data(Qt.ItemDataRole.UserRole): r
            for r in range(screen.list.count())}
    screen.list.setCurrentRow(rows.pop(service_id))
    qtbot.keyClicks(screen.w["name"], "!")
    in_modal(answering(asked, "Zapisz"))
    screen.list.setCurrentRow(min(rows.values()))
    assert name_of(service_id) == old_name + " w domu!"
    assert screen.current_id != service_id

    # Esc with typing pending asks; going back keeps the window
    qtbot.keyClicks(screen.w["name"], "?")
    in_modal(answering(asked, "Wróć do formularza"))
    qtbot.keyClick(screen.w["name"], Qt.Key.Key_Escape)
    assert screen.isVisible()
    assert len(asked) == 4 and all("niezapisane" in text for text in asked)
    in_modal(answering(asked, "Nie zapisuj"))
    qtbot.keyClick(screen.w["name"], Qt.Key.Key_Escape)
    assert not screen.isVisible()
