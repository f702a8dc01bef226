"""Every report's figures against counts written here in SQL of the test's own, over the
demo's year so far: the report's code is never its own judge."""

import re
import statistics
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.cli import admin as admin_cli
from app.core.errors import ValidationError
from app.reports import kinds, model, paper
from tests import pdf_text
from tests.app.exchange.conftest import TODAY

PERIOD = model.Period(date(2026, 1, 1), TODAY)
START, END = PERIOD.start.isoformat(), PERIOD.end.isoformat()
IN_WORK = ("c.archived_at IS NULL AND r.restricted = 0 AND c.opened_on <= :end AND"
           " (c.closed_on IS NULL OR c.closed_on >= :start)")
P = {"start": START, "end": END}


def one(db, sql, **extra):
    return db.execute(sql, {**P, **extra}).fetchone()[0]


def table(report, title_start):
    return next(t for t in report.tables if t.title.startswith(title_start))


def as_dict(t, value=1):
    return {row[0]: row[value] for row in t.rows}


def test_the_summary_counts_people_cases_and_applications(demo_db):
    report = kinds.build(demo_db, "zestawienie", PERIOD)
    summary = as_dict(table(report, "Podsumowanie"))
    people = one(demo_db, "SELECT count(DISTINCT c.resident_id) FROM cases c JOIN residents r"
                          f" ON r.id = c.resident_id WHERE {IN_WORK}")
    assert people > 5
    assert summary["Osoby objęte wsparciem (sprawy prowadzone w okresie)"] == people
    assert summary["Wnioski złożone w okresie"] == one(
        demo_db, "SELECT count(*) FROM applications a JOIN residents r ON r.id = a.resident_id"
                 " WHERE a.filed_on BETWEEN :start AND :end AND r.restricted = 0")
    assert summary["Odmowy zakwalifikowania (decyzje) w okresie"] == one(
        demo_db, "SELECT count(*) FROM applications WHERE status = 'odmowa' AND decided_on"
                 " BETWEEN :start AND :end")
    waiting = one(demo_db, "SELECT count(*) FROM applications a JOIN residents r ON r.id ="
                           " a.resident_id WHERE a.archived_at IS NULL AND r.restricted = 0 AND"
                           " a.filed_on <= :end AND (a.status = 'oczekuje' OR a.decided_on >"
                           " :end)")
    assert waiting and summary[
        "Wnioski oczekujące na rozpatrzenie na koniec okresu"] == waiting
    # the applications close: waiting at the start + filed = decided + waiting at the end
    decided = one(demo_db, "SELECT count(*) FROM applications a JOIN residents r ON r.id ="
                           " a.resident_id WHERE a.archived_at IS NULL AND r.restricted = 0 AND"
                           " a.decided_on BETWEEN :start AND :end")
    assert (summary["Wnioski oczekujące na rozpatrzenie na początek okresu"]
            + summary["Wnioski złożone w okresie"]) == decided + waiting
    assert waiting == len(table(kinds.build(demo_db, "oczekujacy", PERIOD), "Oczekujący").rows)
    villages = as_dict(table(report, "Osoby według miejscowości"))
    for city, n in demo_db.execute(
            "SELECT r.city, count(DISTINCT c.resident_id) FROM cases c JOIN residents r ON"
            f" r.id = c.resident_id WHERE {IN_WORK} GROUP BY r.city", P):
        assert villages[city] == n
    ages = table(report, "Osoby według płci i wieku")
    assert sum(row[3] for row in ages.rows) == people
    women = one(demo_db, "SELECT count(DISTINCT c.resident_id) FROM cases c JOIN residents r"
                         f" ON r.id = c.resident_id WHERE {IN_WORK} AND r.sex = 'K'")
    assert sum(row[1] for row in ages.rows) == women


def test_people_by_area_count_services_in_force_in_the_period(demo_db):
    report = kinds.build(demo_db, "zestawienie", PERIOD)
    by_area = {row[0].split(".")[0]: row[1] for row in
               table(report, "Osoby według obszarów").rows}
    assert len(by_area) == 14
    expected = dict(demo_db.execute(
        "SELECT s.area_code, count(DISTINCT c.resident_id) FROM plan_items i JOIN"
        " plan_versions v ON v.id = i.plan_version_id JOIN plans p ON p.id = v.plan_id JOIN"
        " cases c ON c.id = p.case_id JOIN residents r ON r.id = c.resident_id JOIN services s"
        f" ON s.id = i.service_id WHERE {IN_WORK} AND v.status <> 'projekt' AND i.status <>"
        " 'anulowana' AND COALESCE(i.start_on, v.valid_from) <= :end AND COALESCE(i.end_on,"
        " v.valid_to, '9999') >= :start GROUP BY s.area_code", P).fetchall())
    assert expected and {k: v for k, v in by_area.items() if v} == {
        str(k): v for k, v in expected.items()}
    chart = report.charts[0]
    assert chart.series[0][1] == [by_area[str(n)] for n in range(1, 15)]
    # a bar is labelled with its area's name, not a bare number to look up
    assert chart.labels == [row[0] for row in table(report, "Osoby według obszarów").rows]
    assert chart.labels[0] == "1. " + one(demo_db, "SELECT name FROM service_areas WHERE"
                                                   " code = 1")


def test_deadlines_are_measured_from_the_application(demo_db):
    report = kinds.build(demo_db, "terminy", PERIOD)
    figures = as_dict(table(report, "Terminy"))
    rows = demo_db.execute(
        "SELECT julianday(min(v.agreed_on)) - julianday(a.filed_on) FROM cases c JOIN"
        " applications a ON a.id = c.application_id JOIN residents r ON r.id = c.resident_id"
        " LEFT JOIN plans p ON p.case_id = c.id LEFT JOIN plan_versions v ON v.plan_id = p.id"
        f" WHERE {IN_WORK} AND a.filed_on BETWEEN :start AND :end GROUP BY c.id", P).fetchall()
    made = sorted(int(d) for (d,) in rows if d is not None)
    on_time = sum(1 for d in made if d <= 30)
    key = next(k for k in figures if k.startswith("Plany uzgodnione w ciągu 30 dni"))
    row = next(r for r in table(report, "Terminy").rows if r[0] == key)
    assert row[1] == on_time and row[3] == pytest.approx(on_time / row[2])
    assert figures["Dni od wniosku do planu – najdłużej"] == max(made)
    assert figures["Dni od wniosku do planu – mediana"] == round(statistics.median(made))
    overdue = one(demo_db, "SELECT count(*) FROM plan_versions v JOIN plans p ON p.id ="
                           " v.plan_id JOIN cases c ON c.id = p.case_id JOIN residents r ON"
                           f" r.id = c.resident_id WHERE {IN_WORK} AND v.status ="
                           " 'zatwierdzony' AND v.review_on < :end AND NOT EXISTS (SELECT 1"
                           " FROM evaluations e WHERE e.case_id = c.id AND e.evaluated_on >="
                           " v.review_on)")
    assert figures["Przeglądy planów po terminie"] == overdue


def test_the_waiting_list_is_in_the_order_filed_with_days_waited(demo_db):
    report = kinds.build(demo_db, "oczekujacy", PERIOD)
    waiting = table(report, "Oczekujący na")
    expected = demo_db.execute(
        "SELECT a.filed_on, r.surname || ' ' || r.first_name FROM applications a JOIN"
        " residents r ON r.id = a.resident_id WHERE a.filed_on <= :end AND (a.status ="
        " 'oczekuje' OR a.decided_on > :end) AND r.restricted = 0 ORDER BY a.filed_on,"
        " a.rowid", P).fetchall()
    assert expected
    assert [(row[1].isoformat(), row[2]) for row in waiting.rows] == [tuple(e) for e in expected]
    assert [row[5] for row in waiting.rows] == [
        (TODAY - date.fromisoformat(f)).days for f, _ in expected]
    outside = kinds.build(demo_db, "oczekujacy", PERIOD, outside=True)
    counted = table(outside, "Oczekujący na")  # no row per person: dates point at people
    assert [row[0] for row in counted.rows] == ["Oczekujący na kwalifikację",
                                                "w tym dłużej niż 30 dni"]
    assert counted.rows[0][1] == (len(expected) if len(expected) >= 3 else "<3")


def test_unmet_needs_by_area_and_the_outside_version_hides_small_counts(demo_db):
    report = kinds.build(demo_db, "niezaspokojone", PERIOD)
    rows = demo_db.execute(
        "SELECT n.category, count(DISTINCT c.resident_id) FROM needs n JOIN cases c ON c.id ="
        f" n.case_id JOIN residents r ON r.id = c.resident_id WHERE {IN_WORK} AND n.status ="
        " 'niezaspokojona' AND n.identified_on <= :end GROUP BY n.category", P).fetchall()
    assert rows
    from app.cases.steps import NEED_CATEGORIES
    by_area = as_dict(table(report, "Potrzeby bez dostępnej usługi"))
    assert {k: by_area[NEED_CATEGORIES[k]] for k, _ in rows} == dict(rows)
    outside = kinds.build(demo_db, "niezaspokojone", PERIOD, outside=True)
    shown = as_dict(table(outside, "Potrzeby bez dostępnej usługi"))
    for k, n in rows:
        assert shown[NEED_CATEGORIES[k]] == ("<3" if n < 3 else n)
    assert len(outside.tables) == 1  # the descriptions stay in the office


def test_partners_people_and_the_case_register(demo_db):
    report = kinds.build(demo_db, "partnerzy", PERIOD)
    people = as_dict(table(report, "Partnerzy"))
    for name, n in demo_db.execute(
            "SELECT pa.full_name, count(DISTINCT c.resident_id) FROM plan_items i JOIN"
            " plan_versions v ON v.id = i.plan_version_id JOIN plans p ON p.id = v.plan_id JOIN"
            " cases c ON c.id = p.case_id JOIN residents r ON r.id = c.resident_id JOIN partners"
            f" pa ON pa.id = i.partner_id WHERE {IN_WORK} AND v.status <> 'projekt' AND"
            " i.status <> 'anulowana' AND COALESCE(i.start_on, v.valid_from) <= :end AND"
            " COALESCE(i.end_on, v.valid_to, '9999') >= :start GROUP BY pa.id", P):
        assert people[name] == n
    partners = table(report, "Partnerzy")
    places = {row[0]: row[2] for row in partners.rows}
    for name, n in demo_db.execute(
            "SELECT pa.full_name, COALESCE(pa.capacity, sum(ps.capacity)) FROM partners pa"
            " LEFT JOIN partner_services ps ON ps.partner_id = pa.id WHERE pa.archived_at IS"
            " NULL GROUP BY pa.id"):
        assert places[name] == n
    assert any(places.values())  # the demo's partners offer places
    unknown = partners.headers.index("Odpłatność nie określona")
    assert sum(row[unknown] for row in partners.rows) == one(
        demo_db, "SELECT count(*) FROM (SELECT DISTINCT i.partner_id, c.resident_id,"
                 " i.service_id FROM plan_items i JOIN plan_versions v ON v.id ="
                 " i.plan_version_id JOIN plans p ON p.id = v.plan_id JOIN cases c ON c.id ="
                 f" p.case_id JOIN residents r ON r.id = c.resident_id WHERE {IN_WORK} AND"
                 " v.status <> 'projekt' AND i.status <> 'anulowana' AND i.partner_id IS NOT"
                 " NULL AND COALESCE(i.start_on, v.valid_from) <= :end AND COALESCE(i.end_on,"
                 " v.valid_to, '9999') >= :start GROUP BY i.partner_id, c.resident_id,"
                 " i.service_id HAVING max(i.copayment_grosze) IS NULL)")
    cases, refusals = kinds.build(demo_db, "spis-spraw", PERIOD).tables
    assert [row[1] for row in cases.rows] == [n for (n,) in demo_db.execute(
        "SELECT c.case_number FROM cases c JOIN residents r ON r.id = c.resident_id WHERE"
        f" {IN_WORK} AND c.opened_on >= :start ORDER BY CAST(substr(c.case_number, 10) AS"
        " INTEGER)", P)]  # begun in the period, in the order of their numbers
    assert cases.rows and cases.title.startswith("Spis spraw – sprawy IPUS")
    decided = one(demo_db, "SELECT count(*) FROM applications a JOIN residents r ON r.id ="
                           " a.resident_id WHERE a.status = 'odmowa' AND r.restricted = 0 AND"
                           " a.decided_on BETWEEN :start AND :end")
    assert decided and len(refusals.rows) == decided
    assert all(row[7].startswith("odmowa zakwalifikowania (decyzja)") for row in refusals.rows)
    approval = kinds.build(demo_db, "do-zatwierdzenia", PERIOD).tables[0]
    assert len(approval.rows) == one(
        demo_db, "SELECT count(*) FROM plan_versions v JOIN plans p ON p.id = v.plan_id JOIN"
                 f" cases c ON c.id = p.case_id JOIN residents r ON r.id = c.resident_id WHERE"
                 f" {IN_WORK} AND v.status = 'uzgodniony'")
    assert approval.headers[-1].startswith("Zatwierdzam")
    director = one(demo_db, "SELECT value FROM settings WHERE key = 'director_name'")
    text = pdf_text.text(paper.pdf(demo_db, kinds.build(demo_db, "do-zatwierdzenia",
                                                             PERIOD)))
    assert "datą i moim podpisem" in text and f"data i podpis: {director}" in text


def test_a_village_filter_counts_only_its_people(demo_db):
    city = demo_db.execute("SELECT r.city FROM cases c JOIN residents r ON r.id ="
                           " c.resident_id GROUP BY r.city ORDER BY count(*) DESC").fetchone()[0]
    report = kinds.build(demo_db, "zestawienie", PERIOD, village=city)
    assert f"miejscowość: {city}" in report.heading
    assert as_dict(table(report, "Osoby według miejscowości")).keys() == {city}


@pytest.mark.parametrize("start, end, message", [
    ("31.02.2026", "01.03.2026", "31.02.2026"),
    ("01.03.2026", "01.02.2026", "wcześniejsza"),
    ("", "01.02.2026", "Okres – od"),
    ("01.01.1900", "01.02.2026", "najwcześniej 01.01.1990"),
])
def test_an_impossible_period_is_refused_in_polish(start, end, message):
    with pytest.raises(ValidationError) as caught:
        model.period(start, end)
    assert message in " ".join(caught.value.errors.values())


@pytest.mark.parametrize("kind", sorted(kinds.KINDS))
def test_every_report_prints_and_exports(demo_db, tmp_path, capsys, kind):
    db = str(demo_db.path)
    for fmt in ("pdf", "csv", "xlsx"):
        out = tmp_path / f"r.{fmt}"
        assert admin_cli.main(["report", kind, "--from", "01.01.2026", "--to", "22.11.2026",
                               "--format", fmt, "--out", str(out), "--db", db]) == 0, \
            capsys.readouterr().err
    report = kinds.build(demo_db, kind, PERIOD)
    text = pdf_text.text(tmp_path / "r.pdf")
    assert report.title in text and "01.01.2026 – 22.11.2026" in text
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[0] == "Informacje"  # what the figures are, before them
    assert len(book.worksheets) == len(report.tables) + 1
    for sheet, t in zip(book.worksheets[1:], report.tables, strict=True):
        assert len(sheet.title) <= 31 and not sheet.title.endswith(("–", ",", ":", " "))
        assert t.title.replace(":", " –").startswith(sheet.title.removesuffix("…"))
        assert not re.search(r" (\w|–)…?$", sheet.title)  # "miejsca i…"
        assert [c.value for c in sheet[1]] == t.headers and sheet.max_row == len(t.rows) + 1
    assert (tmp_path / "r.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert paper.pdf(demo_db, report).startswith(b"%PDF")
    for sheet in book.worksheets[1:]:  # months are dates a sheet can sort and sum by
        if sheet["A1"].value == "Okres":
            assert isinstance(sheet["A2"].value, datetime) and sheet["A2"].value.day == 1
            assert sheet["A2"].number_format == "mmm yyyy"
            assert "sty 2026" in text  # on paper the month as read


def test_the_report_command_refuses_a_bad_period(demo_db, tmp_path, capsys):
    assert admin_cli.main(["report", "terminy", "--from", "32.01.2026", "--to", "01.02.2026",
                           "--format", "pdf", "--out", str(tmp_path / "r.pdf"), "--db",
                           str(demo_db.path)]) == 2
    assert "32.01.2026" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()
    assert admin_cli.main(["report", "nic", "--from", "01.01.2026", "--to", "01.02.2026",
                           "--format", "pdf", "--out", str(tmp_path / "r.pdf"), "--db",
                           str(demo_db.path)]) == 2
    assert "Nieznany rodzaj zestawienia" in capsys.readouterr().err


def test_outside_the_office_nothing_small_or_personal_is_readable(demo_db):
    """No bar of 1 or 2, no case list, no free text; partners' figures for one or two
    people hidden; a total that would give a hidden cell away is "x"."""
    for kind in set(kinds.KINDS) - set(kinds.INTERNAL):
        report = kinds.build(demo_db, kind, PERIOD, outside=True)
        for chart in report.charts:  # a bar of 1 or 2 would say what "<3" hides
            assert all(v == 0 or v >= 3 for _, values in chart.series for v in values), kind
        for t in report.tables:
            for row in t.rows:
                for value, column in zip(row, t.columns, strict=True):
                    if column.kind == "int" and column.title not in ("Lp.", "Wersja", "Krok",
                                                                     "Miejsca", "Różne usługi"):
                        assert value in ("<3", "x", None) or value == 0 or value >= 3, \
                            (kind, t.title, row)
    terms = kinds.build(demo_db, "terminy", PERIOD, outside=True)
    assert [t.title for t in terms.tables] == ["Terminy"]

    for kind in kinds.INTERNAL:  # registers of case numbers stay in the office
        with pytest.raises(ValidationError, match="dokument wewnętrzny CUS"):
            kinds.build(demo_db, kind, PERIOD, outside=True)
    village = demo_db.execute("SELECT city FROM residents r JOIN cases c ON c.resident_id ="
                              " r.id LIMIT 1").fetchone()[0]
    with pytest.raises(ValidationError, match="całą gminę"):
        kinds.build(demo_db, "zestawienie", PERIOD, village=village, outside=True)
    # a column that adds up to a figure shown elsewhere never hides just one cell: the
    # total less the others would give it back
    summary = kinds.build(demo_db, "zestawienie", PERIOD, outside=True)
    for title, column in (("Według programu", 1), ("Według programu", 2),
                          ("Sprawy według stanu", 3), ("Osoby według miejscowości", 1),
                          ("Osoby według płci i wieku", 3)):
        hidden = [row for row in table(summary, title).rows if isinstance(row[column], str)]
        assert len(hidden) != 1, (title, column, table(summary, title).rows)
    ages = table(kinds.build(demo_db, "zestawienie", PERIOD, outside=True),
                 "Osoby według płci i wieku")
    for row in ages.rows:
        if "<3" in row[1:3] and row[3] != "<3":
            assert row[3] == "x"
    villages = as_dict(table(kinds.build(demo_db, "zestawienie", PERIOD, outside=True),
                             "Osoby według miejscowości"))
    assert all(v == "<3" or v >= 3 for v in villages.values())
    assert not [name for name, v in villages.items() if v == "<3"
                and name != "pozostałe miejscowości (razem)"]


def test_long_periods_go_by_year_and_days_waited_stop_today(demo_db):
    long = model.Period(date(1990, 1, 1), date(2030, 12, 31))
    report = kinds.build(demo_db, "zestawienie", long)
    years = table(report, "Sprawy otwarte w latach")
    assert [row[0] for row in years.rows] == list(range(1990, 2031))
    opened = one(demo_db, "SELECT count(*) FROM cases c JOIN residents r ON r.id ="
                          " c.resident_id WHERE c.archived_at IS NULL AND r.restricted = 0")
    assert sum(row[1] for row in years.rows) == opened
    waiting = table(kinds.build(demo_db, "oczekujacy", long), "Oczekujący na")
    assert all(row[5] <= (date.today() - row[1]).days for row in waiting.rows)


def test_an_unknown_village_is_said_not_counted_as_nobody(demo_db):
    villages = [v for (v,) in demo_db.execute(
        "SELECT DISTINCT r.city FROM cases c JOIN residents r ON r.id = c.resident_id")]
    with pytest.raises(ValidationError, match="Miejscowości ze sprawami: ") as refused:
        kinds.build(demo_db, "zestawienie", PERIOD, village="x' OR 1=1 --")
    assert all(v in str(refused.value) for v in villages)


def test_programme_by_name_and_village_in_any_case_on_the_command_line(demo_db, tmp_path,
                                                                          capsys):
    programme_id, name = demo_db.execute("SELECT id, name FROM programmes WHERE archived_at"
                                         " IS NULL ORDER BY name").fetchone()
    city = demo_db.execute("SELECT r.city FROM cases c JOIN residents r ON r.id ="
                           " c.resident_id WHERE c.programme_id = ? GROUP BY r.city ORDER BY"
                           " count(*) DESC", [programme_id]).fetchone()[0]
    out = tmp_path / "z.csv"
    assert admin_cli.main(["report", "zestawienie", "--from", "01.01.2026", "--to",
                           "22.11.2026", "--programme", name[:12].upper(), "--village",
                           city.lower(), "--format", "csv", "--out", str(out), "--db",
                           str(demo_db.path)]) == 0
    text = out.read_text("utf-8-sig")
    assert f"program: {name}" in text and f"miejscowość: {city}" in text
    from app.core.textfold import fold

    bare = kinds.build(demo_db, "zestawienie", PERIOD, village=fold(city))  # no Polish letters
    assert f"miejscowość: {city}" in bare.heading
    by_id = kinds.build(demo_db, "zestawienie", PERIOD, programme_id, city)
    assert f"program: {name}" in by_id.heading
    assert admin_cli.main(["report", "zestawienie", "--from", "01.01.2026", "--to",
                           "22.11.2026", "--programme", "Nieistniejący", "--format", "csv",
                           "--out", str(out), "--db", str(demo_db.path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Nie ma programu „Nieistniejący”. Programy: ") and name in err
    assert "Popraw zaznaczone pola" not in err  # a window's words, with no field to mark


def test_outside_a_partners_paid_free_and_unsettled_never_give_one_hidden_cell_away(demo_db):
    outside = table(kinds.build(demo_db, "partnerzy", PERIOD, outside=True), "Partnerzy")
    at = [outside.headers.index(h) for h in ("Odpłatne", "Nieodpłatne",
                                             "Odpłatność nie określona")]
    money = outside.headers.index("Suma stawek odpłatności")
    for row in outside.rows:
        hidden = [row[i] for i in at if isinstance(row[i], str)]
        assert len(hidden) != 1, row  # the services less the others would give it back
        assert row[money] != "<3"  # "<3" of money reads as "under 3 zł"


def test_one_hidden_cell_takes_the_smallest_other_with_it():
    """81 people, bands 11 (x), 30, 40: 81 − 30 − 40 would give the 11 back."""
    rows = [("0–17", "<3", 9, "x"), ("18–59", 14, 16, 30), ("60+", 20, 20, 40),
            ("wiek nieznany", 0, 0, 0)]
    assert [r[3] for r in kinds._complemented(rows, 3)] == ["x", "x", 40, 0]
    assert [r[1] for r in kinds._complemented(rows, 1)] == ["<3", "x", 20, 0]
    # two "<3" summing to 4 (or 2) are both 2 (or 1): one more, of 3 or more, goes too
    two = [("a", "<3"), ("b", "<3"), ("c", 7), ("d", 9)]
    assert [r[1] for r in kinds._complemented(two, 1)] == ["<3", "<3", "x", 9]
    safe = [("a", "<3"), ("b", "x"), ("c", 7)]
    assert kinds._complemented(safe, 1) == safe  # a sum with a 3-or-more in it says nothing


def test_the_waiting_trend_stops_at_today():
    """December's waiting list is not known in November: no month after this one."""
    import tempfile
    from pathlib import Path

    from app.storage.opening import connect

    year = date.today().year
    db = connect(Path(tempfile.mkdtemp()) / "k.db")
    report = kinds.build(db, "oczekujacy", model.Period(date(year, 1, 1), date(year, 12, 31)))
    trend = table(report, "Oczekujący na koniec okresu")
    assert len(trend.rows) == date.today().month
    ahead = kinds.build(db, "oczekujacy", model.Period(date(year + 1, 1, 1),
                                                       date(year + 1, 12, 31)))
    assert table(ahead, "Oczekujący na koniec okresu").rows == []  # true in December too
    db.conn.close()


def test_outside_the_share_of_plans_on_time_never_gives_one_late_plan_away(db):
    """4 of 5 on time is 80%: with "5" beside it, the one late plan is read back."""
    from app.demo import generate as demo

    demo.build(db, 300, seed=3, today=TODAY)
    late = db.execute("SELECT v.id, a.filed_on FROM plan_versions v JOIN plans p ON p.id ="
                      " v.plan_id JOIN cases c ON c.id = p.case_id JOIN applications a ON a.id"
                      " = c.application_id WHERE v.agreed_on IS NOT NULL AND a.filed_on >="
                      " '2026-01-01' ORDER BY a.filed_on LIMIT 1").fetchone()
    db.execute("UPDATE plan_versions SET agreed_on = date(?, '+45 days') WHERE plan_id ="
               " (SELECT plan_id FROM plan_versions WHERE id = ?)", [late[1], late[0]])
    inside = table(kinds.build(db, "terminy", PERIOD), "Terminy").rows[1]
    assert inside[2] >= 3 and inside[2] - inside[1] == 1
    outside = table(kinds.build(db, "terminy", PERIOD, outside=True), "Terminy").rows[1]
    assert outside[3] is None and outside[2] == inside[2]
