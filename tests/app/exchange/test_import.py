"""Residents from a spreadsheet, as a KIPUS gets one: the same 200 rows as UTF-8 CSV,
Windows-1250 CSV and XLSX (duplicates, wrong PESELs, 31 February, an empty row, a row of 40
columns, Excel's day numbers, a formula), the dry run's verdict asserted row by row; then
the import itself, a second import that adds nothing, a merge only where chosen, and
hostile files refused with a Polish reason."""

import json
from pathlib import Path

import pytest

from app.cli import admin as admin_cli
from app.core.errors import ValidationError
from app.exchange import importing, reading
from app.people import residents_store as store
from tests.conftest import person

FILES = Path(__file__).parent / "files"
EXPECTED = json.loads((FILES / "mieszkancy-oczekiwane.json").read_text(encoding="utf-8"))
VERSIONS = ["mieszkancy-utf8.csv", "mieszkancy-cp1250.csv", "mieszkancy.xlsx"]


def with_known(db):
    for surname, first, pesel in EXPECTED["known"]:
        store.add(db, person(surname=surname, first_name=first, pesel=pesel,
                             phone="", city="Żabno"))
    return db


def verdicts_of(db, name):
    sheet = reading.read(FILES / name)
    return importing.dry_run(db, "residents", sheet,
                             importing.guess_mapping(sheet.headers, "residents"))


@pytest.mark.parametrize("name", VERSIONS)
def test_the_dry_run_says_what_each_row_is(db, name):
    with_known(db)
    sheet = reading.read(FILES / name)
    assert sheet.encoding == {"mieszkancy-utf8.csv": "UTF-8", "mieszkancy-cp1250.csv":
                              "Windows-1250", "mieszkancy.xlsx": "XLSX"}[name]
    verdicts = verdicts_of(db, name)
    assert [v.line for v in verdicts] == list(range(2, 202))  # as her spreadsheet numbers
    assert [v.status for v in verdicts] == EXPECTED["verdicts"]
    by_line = {v.line: v for v in verdicts}
    assert "ten sam PESEL co w wierszu 12" in by_line[22].text
    assert "ten sam PESEL co Bożena Nowakowska" in by_line[62].text
    assert by_line[62].existing_id
    assert "31.02.1950 nie istnieje" in by_line[42].text
    assert "40 kolumn" in by_line[44].text
    assert "PESEL" in by_line[32].text and "cyfra kontrolna" in by_line[32].text
    serial = by_line[52].record  # the day number Excel keeps, read as a date
    assert serial.birth_date and serial.birth_date.startswith(("19", "20"))
    assert db.execute("SELECT count(*) FROM residents").fetchone() == (2,)  # nothing written


def test_the_import_adds_the_new_once_and_a_second_import_adds_nothing(db, tmp_path):
    with_known(db)
    verdicts = verdicts_of(db, "mieszkancy-utf8.csv")
    new = [v for v in verdicts if v.status == importing.NEW]
    seen = []
    outcome = importing.run(db, "residents", verdicts, progress=lambda n, total:
                            seen.append((n, total)))
    assert outcome.added == len(new) and outcome.merged == 0
    assert outcome.skipped == len(verdicts) - len(new)
    assert seen[-1] == (200, 200)
    assert db.execute("SELECT count(*) FROM residents").fetchone() == (2 + len(new),)
    assert db.execute("SELECT count(*) FROM audit_log WHERE action = 'utworzenie' AND"
                      " table_name = 'residents'").fetchone()[0] == 2 + len(new)
    first = new[0].record
    stored = store.find_by_pesel(db, first.pesel)
    assert (stored.surname, stored.first_name, stored.city) == (first.surname,
                                                               first.first_name, first.city)
    again = verdicts_of(db, "mieszkancy-cp1250.csv")  # the same rows in another encoding
    assert not [v for v in again if v.status == importing.NEW]
    assert importing.run(db, "residents", again).added == 0
    assert db.execute("SELECT count(*) FROM residents").fetchone() == (2 + len(new),)


def test_a_duplicate_is_merged_only_where_chosen_filling_what_is_missing(db):
    with_known(db)
    verdicts = verdicts_of(db, "mieszkancy-utf8.csv")
    known = {v.line: v for v in verdicts}
    outcome = importing.run(db, "residents", verdicts, merge={62})
    assert outcome.merged == 1
    bozena = store.find_by_pesel(db, EXPECTED["known"][0][2])
    tadeusz = store.find_by_pesel(db, EXPECTED["known"][1][2])
    assert bozena.phone == known[62].record.phone  # she had none: filled
    assert tadeusz.phone == ""  # not chosen: untouched
    with pytest.raises(ValidationError, match="tylko wiersz, który jest duplikatem"):
        importing.run(db, "residents", verdicts, merge={2})


def test_hostile_files_are_refused_and_text_stays_text(db, tmp_path):
    one_line = tmp_path / "linia.csv"
    one_line.write_bytes(b"Nazwisko;Imi\xea;Miejscowo\x9c\x9c\n" + b"A" * 10_000_000)
    with pytest.raises(reading.FileRefused, match="Nie wczytano pliku"):
        reading.read(one_line)
    binary = tmp_path / "zdjecie.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100)
    with pytest.raises(reading.FileRefused, match="nie jest plik"):
        reading.read(binary)
    fake = tmp_path / "lista.xlsx"
    fake.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(reading.FileRefused, match="poprawny arkusz XLSX"):
        reading.read(fake)
    wide = tmp_path / "szeroki.csv"
    wide.write_text(";".join(f"k{i}" for i in range(12_000)) + "\n1;2\n", encoding="utf-8")
    with pytest.raises(reading.FileRefused, match="kolumn|wierszem tabeli"):
        reading.read(wide)
    formula = tmp_path / "formula.csv"
    formula.write_text('Nazwisko;Imię;Nr dowodu;Data urodzenia;Miejscowość;Ulica\nKos;Anna;'
                       'ABC123456;01.02.1950;Żabno;"=HYPERLINK(""http://zly.example"")"\n',
                       encoding="utf-8")
    sheet = reading.read(formula)
    verdicts = importing.dry_run(db, "residents", sheet,
                                 importing.guess_mapping(sheet.headers, "residents"))
    assert verdicts[0].status == "błędny" and "formuła" in verdicts[0].text  # any field
    importing.run(db, "residents", verdicts)
    assert db.execute("SELECT count(*) FROM residents WHERE surname = 'Kos'").fetchone() == (0,)


def test_files_that_are_not_lists_are_refused_before_they_are_read(db, tmp_path):
    """A 10 MB line with no end, a pipe that would wait for ever, a device that never
    ends, a UTF-8 list with one bad byte, and the signs of a wrong encoding in a cell."""
    import os

    line = tmp_path / "linia.csv"
    line.write_bytes(b"A" * 10_000_000)
    with pytest.raises(reading.FileRefused, match="wiersz 1 nie jest wierszem tabeli"):
        reading.read(line)
    pipe = tmp_path / "rura.csv"
    os.mkfifo(pipe)
    with pytest.raises(reading.FileRefused, match="nie jest zwykły plik"):
        reading.read(pipe)
    with pytest.raises(reading.FileRefused, match="nie jest zwykły plik"):
        reading.read(Path("/dev/zero"))
    stray = tmp_path / "zepsuty.csv"
    stray.write_bytes("Nazwisko;Miejscowość\nKos;Żabno\nNowak;Gródek\n".encode() + b"\xff\n")
    with pytest.raises(reading.FileRefused, match="UTF-8, ale w wierszu 4"):
        reading.read(stray)
    sheet = reading.read(stray, "utf-8")  # her choice: the bad byte shows as �, refused
    verdicts = importing.dry_run(db, "catalogue", sheet, {0: "name", 1: "area_code"})
    assert "nieczytelny znak" in verdicts[-1].text and verdicts[-1].status == "błędny"


def test_the_mapping_can_be_changed_by_header_or_number(db):
    sheet = reading.read(FILES / "mieszkancy-utf8.csv")
    mapping = importing.mapping_from(["Nr dowodu=", "12=post_office"], sheet.headers,
                                     "residents")
    assert 3 not in mapping and mapping[11] == "post_office"
    with pytest.raises(ValidationError, match="nie ma kolumny „Wiek”"):
        importing.mapping_from(["Wiek=birth_date"], sheet.headers, "residents")
    with pytest.raises(ValidationError, match="nieznane pole „rozmiar buta”"):
        importing.mapping_from(["Gmina=rozmiar buta"], sheet.headers, "residents")
    with pytest.raises(ValidationError, match="Nazwisko"):
        importing.dry_run(db, "residents", sheet,
                          importing.mapping_from(["Nazwisko="], sheet.headers, "residents"))


def test_the_import_command_dry_run_then_real(db_path, capsys):
    from app.storage.opening import connect

    db = with_known(connect(db_path))
    db.conn.close()
    csv_file = str(FILES / "mieszkancy-cp1250.csv")
    assert admin_cli.main(["import", "residents", csv_file, "--dry-run",
                           "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "wiersz 42: błędny – Ryszard Żółtowski: Data urodzenia: 31.02.1950 nie istnieje" \
        in out
    assert "wiersz 43: pusty" in out and "Próba: nic nie zapisano." in out
    assert admin_cli.main(["import", "residents", csv_file, "--merge", "62",
                           "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    added = EXPECTED["verdicts"].count("nowy")
    assert f"Dodano: {added}, scalono: 1, pominięto: {200 - added - 1}." in out
    assert "Kopia sprzed wczytania:" in out
    db = connect(db_path)
    assert db.execute("SELECT count(*) FROM residents").fetchone() == (2 + added,)
    db.conn.close()
    assert admin_cli.main(["import", "residents", csv_file, "--merge", "42",
                           "--db", str(db_path)]) == 2
    assert "tylko wiersz, który jest duplikatem" in capsys.readouterr().err


def test_partners_come_in_with_their_kind_and_their_numbers_checked(db, tmp_path):
    from app.catalogue import partners

    partners.save(db, partners.Partner(full_name="Fundacja „Wytchnienie”", partner_type="ngo",
                                       nip="5260250274", city="Żabno"))
    source = tmp_path / "partnerzy.csv"
    source.write_text(
        "Nazwa,NIP,Miejscowość,Telefon\n"
        "Spółdzielnia Socjalna „Żabka”,,Żabno,600 100 200\n"
        "Fundacja Wytchnienie,526-025-02-74,Żabno,\n"
        "Parafia pw. św. Anny,,Kępa,\n"
        "Stowarzyszenie Razem,1234567890,Żabno,\n"
        "Fundacja „Wytchnienie”,,Żabno,\n", encoding="utf-8")
    sheet = reading.read(source)
    verdicts = importing.dry_run(db, "partners", sheet,
                                 importing.guess_mapping(sheet.headers, "partners"))
    assert [v.status for v in verdicts] == ["nowy", "duplikat", "nowy", "błędny", "duplikat"]
    assert "ten sam NIP co Fundacja „Wytchnienie”" in verdicts[1].text
    assert "NIP" in verdicts[3].text
    assert [v.record.partner_type for v in verdicts if v.status == "nowy"] == ["pes",
                                                                               "parafia"]
    outcome = importing.run(db, "partners", verdicts, merge={3})
    # the file had nothing the foundation's record lacked: not called "scalono"
    assert (outcome.added, outcome.merged, outcome.unchanged, outcome.skipped) == (2, 0, 1, 2)
    assert outcome.summary().startswith("Dodano: 2, scalono: 0 (bez zmian, bo wpis miał już")
    assert db.execute("SELECT count(*) FROM partners").fetchone() == (3,)



def _sheet(tmp_path, name: str, data: bytes, encoding=None):
    path = tmp_path / name
    path.write_bytes(data)
    return reading.read(path, encoding)


def test_a_reviewer_found_these_and_they_hold(db, tmp_path):
    """Short ISO-8859-2 lists, a UTF-8 file with a stray byte, a "Nr" row-number column, a
    title above the header, zeros a spreadsheet dropped, a PESEL the file contradicts, a
    Cyrillic look-alike, and a merge that must find the right person."""
    text = "Nazwisko;Imię;PESEL;Miejscowość\nWoźniak;Jan;50010100034;Łąka\n"
    iso = _sheet(tmp_path, "iso.csv", text.encode("iso8859_2"))
    assert iso.encoding == "ISO-8859-2" and iso.rows[0][0] == "Woźniak"
    assert iso.rows[0][3] == "Łąka"
    cp = _sheet(tmp_path, "cp.csv", text.encode("cp1250"))
    assert cp.encoding == "Windows-1250" and cp.rows[0][0] == "Woźniak"
    stray = text.encode("utf-8") + "Wójcik;Ewa;;Żabno\n".encode("cp1250")
    with pytest.raises(reading.FileRefused, match="UTF-8, ale w wierszu 3"):
        _sheet(tmp_path, "mixed.csv", stray)
    assert _sheet(tmp_path, "forced.csv", stray, "windows-1250").encoding == "Windows-1250"
    titled = _sheet(tmp_path, "t.csv", "Lista mieszkańców 2026\n\nNr;Nazwisko;Imię;Nr domu;"
                    "Miejscowość;PESEL;Data urodzenia;Płeć;Kod pocztowy\n1;Ćwik;Jan;12;"
                    "Żabno;3210505671;;M;2495\n".encode())
    mapping = importing.guess_mapping(titled.headers, "residents")
    assert titled.headers[0] == "Nr" and 0 not in mapping and mapping[3] == "house_no"
    verdict = importing.dry_run(db, "residents", titled, mapping)[0]
    assert verdict.status == "nowy" and verdict.record.pesel == "03210505671"
    assert verdict.record.postal_code == "02-495"  # zeros a spreadsheet dropped, back
    contradicted = _sheet(tmp_path, "c.csv", "Nazwisko;Imię;PESEL;Data urodzenia;Płeć;"
                          "Miejscowość\nKos;Ewa;85031212343;01.01.1990;K;Żabno\n"
                          .encode())
    found = importing.dry_run(db, "residents", contradicted,
                              importing.guess_mapping(contradicted.headers, "residents"))[0]
    assert found.status == "błędny" and "PESEL wskazuje datę urodzenia" in found.text
    lookalike = _sheet(tmp_path, "l.csv", "Nazwisko;Imię;Nr dowodu;Data urodzenia;Miejscowość"
                       "\nNowak;Anna;ABC111111;01.01.1980;Żabno\nNowаk;Anna;ABC222222;"
                       "01.01.1980;Żabno\nNowk;Anna;ABC333333;01.01.1980;Żabno\n"
                       .encode())
    statuses = [v.status for v in importing.dry_run(
        db, "residents", lookalike, importing.guess_mapping(lookalike.headers, "residents"))]
    assert statuses == ["nowy", "błędny", "duplikat"]


def test_a_merge_goes_to_the_closest_person_and_takes_an_address_whole(db, tmp_path):
    hanna = store.add(db, person(pesel="", id_document="AAA111111", surname="Kowalska",
                                 first_name="Hanna", birth_date="2000-02-01", street="Lipowa",
                                 house_no="5", city="Żabno", phone=""))
    anna = store.add(db, person(pesel="", id_document="AAA222222", surname="Kowalska",
                                first_name="Anna", birth_date="1975-01-01", street="",
                                house_no="63", city="Żabno", phone=""))
    sheet = _sheet(tmp_path, "k.csv", "Nazwisko;Imię;Nr dowodu;Data urodzenia;Ulica;Nr domu;"
                   "Miejscowość;Telefon\nKowalska;Anna;AAA333333;01.01.1975;Leśna;99;Żabno;"
                   "600100200\n".encode())
    verdict = importing.dry_run(db, "residents", sheet,
                                importing.guess_mapping(sheet.headers, "residents"))[0]
    assert verdict.existing_id == anna.id and "ur. 01.01.1975" in verdict.text
    importing.run(db, "residents", [verdict], merge={verdict.line})
    merged = store.get(db, anna.id)
    assert merged.phone  # she had none: filled from the file
    assert (merged.street, merged.house_no) == ("", "63")  # never an address mixed
    assert store.get(db, hanna.id).phone == ""


def test_every_row_of_a_workbook_is_read_whatever_its_dimension_says(tmp_path):
    """Some programs write a stale <dimension>: openpyxl's read-only mode would stop there."""
    import re
    import zipfile

    import xlsxwriter

    honest = tmp_path / "a.xlsx"
    book = xlsxwriter.Workbook(str(honest))
    info = book.add_worksheet("Info")
    info.write(0, 0, "Lista z systemu OPS")
    sheet = book.add_worksheet("Lista")
    sheet.write_row(0, 0, ["Nazwisko", "Imię", "Miejscowość"])
    for n in range(1, 6):
        sheet.write_row(n, 0, [f"Kos{'a' * n}", "Ewa", "Żabno"])
    book.close()
    stale = tmp_path / "b.xlsx"
    with zipfile.ZipFile(honest) as src, zipfile.ZipFile(stale, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith("sheet2.xml"):
                data = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:C3"/>', data)
            out.writestr(item, data)
    read = reading.read(stale)
    assert read.headers == ["Nazwisko", "Imię", "Miejscowość"] and len(read.rows) == 5



def test_a_legal_form_column_gives_the_partners_kind(db, tmp_path):
    sheet = _sheet(tmp_path, "f.csv", "Nazwa;Forma prawna;Miejscowość\nRazem;stowarzyszenie;"
                   "Żabno\nPomoc;Fundacja;Żabno\nBud;spółka z o.o.;Żabno\nX;kółko;Żabno\n"
                   .encode())
    verdicts = importing.dry_run(db, "partners", sheet,
                                 importing.guess_mapping(sheet.headers, "partners"))
    assert [v.record.partner_type if v.record else v.status for v in verdicts] == [
        "ngo", "ngo", "firma", "błędny"]
    assert "Rodzaj partnera: „kółko”" in verdicts[3].text


def mapping_of(path):
    return importing.guess_mapping(reading.read(path).headers, "catalogue")


def test_services_come_into_the_catalogue_by_area_number_or_name(db, db_path, tmp_path,
                                                                capsys):
    from app.catalogue import services

    before = db.execute("SELECT count(*) FROM services").fetchone()[0]
    source = tmp_path / "uslugi.csv"
    source.write_text(
        "Obszar;Usługa;Rodzaj;Opis;Dla kogo;Odpłatność\n"
        "5. Promocja i ochrona zdrowia;Dowóz do lekarza;;Transport na wizyty;seniorzy;"
        "bezpłatna\n"
        "4;Pomoc osobista;;;;\n"
        "Wspieranie rodziny;Asystent rodziny dla młodych rodziców;usługa społeczna;;;\n"
        "99;Coś;;;;\n"
        "6;=HYPERLINK(\"http://x\");;;;\n"
        "6. Ochrona zdrowia;Rehabilitacja w domu;;;;\n"
        ";Bez obszaru;;;;\n"
        ";;;;;\n"
        "5;dowóz do lekarza;;;;\n"
        "wspieranie osób niepełnosprawnych;Pomoc osobist;reintegracja – usługa grupowa;"
        "opis z pliku;;wg uchwały rady gminy\n",
        encoding="utf-8")
    sheet = reading.read(source)
    mapping = importing.guess_mapping(sheet.headers, "catalogue")
    assert set(mapping.values()) == {"area_code", "name", "kind", "description",
                                     "target_group", "copayment_rule"}
    verdicts = importing.dry_run(db, "catalogue", sheet, mapping)
    assert [v.status for v in verdicts] == ["nowy", "duplikat", "nowy", "błędny", "błędny",
                                            "błędny", "błędny", "pusty", "duplikat",
                                            "duplikat"]
    assert admin_cli.main(["import", "katalog", str(source), "--dry-run", "--db",
                           str(db_path)]) == 0  # the Polish name as the export takes it
    assert "Razem: nowe 2, duplikaty 3, błędne 4, puste 1." in capsys.readouterr().out
    assert "ta sama nazwa co Pomoc osobista" in verdicts[1].text
    assert "Obszar: „99”" in verdicts[3].text and "formuła" in verdicts[4].text
    assert "obszar 6 to „Wspieranie osób niepełnosprawnych”" in verdicts[5].text
    assert "obszar" in verdicts[6].text.lower()
    assert "ta sama nazwa co w wierszu 2" in verdicts[8].text
    assert "nazwa podobna" in verdicts[9].text and "Pomoc osobista" in verdicts[9].text
    assert verdicts[2].record.area_code == 2 and verdicts[0].record.area_code == 5
    personal = verdicts[9].existing_id
    old = services.get_service(db, personal)
    assert old.description and not old.copayment_rule
    outcome = importing.run(db, "catalogue", verdicts, merge={11})
    assert (outcome.added, outcome.merged, outcome.skipped) == (2, 1, 7)
    assert db.execute("SELECT count(*) FROM services").fetchone()[0] == before + 2
    row = db.execute("SELECT area_code, kind, description, target_group, copayment_rule FROM"
                     " services WHERE name = 'Dowóz do lekarza'").fetchone()
    assert row == (5, "usluga", "Transport na wizyty", "seniorzy", "bezpłatna")
    merged = services.get_service(db, personal)  # only what it lacked; its kind stays
    assert (merged.description, merged.copayment_rule, merged.kind) == (
        old.description, "wg uchwały rady gminy", "usluga")
    again = importing.dry_run(db, "catalogue", reading.read(source), mapping)
    assert not [v for v in again if v.status == "nowy"]
    loose = tmp_path / "obszary.csv"  # a letter or a word two areas begin with is no area
    loose.write_text("Obszar;Usługa\na;Usługa A\nkult;Usługa B\nkultura;Usługa C\n"
                     "6. a;Usługa D\n", encoding="utf-8")
    found = importing.dry_run(db, "catalogue", reading.read(loose), mapping_of(loose))
    assert [v.status for v in found] == ["błędny", "błędny", "nowy", "błędny"]
    assert found[2].record.area_code == 9


def test_the_exported_catalogue_comes_back_as_duplicates_only(db, tmp_path):
    from app.exchange import export, lists

    out = tmp_path / "katalog.xlsx"
    export.write([lists.catalogue(db)], out, "xlsx")
    sheet = reading.read(out)
    verdicts = importing.dry_run(db, "catalogue", sheet,
                                 importing.guess_mapping(sheet.headers, "catalogue"))
    assert len(verdicts) == db.execute("SELECT count(*) FROM services WHERE archived_at IS"
                                       " NULL").fetchone()[0]
    assert {v.status for v in verdicts} == {"duplikat"}


def test_a_namesake_born_the_same_day_is_pointed_out_and_a_bad_row_names_its_person(
        db, tmp_path):
    """A school's list: a child already registered comes with another PESEL (a typo that
    kept a valid check digit, or another child) or with none; the KIPUS is told who is in
    the register, and a refused row says whose it is."""
    from datetime import date as day

    from app.demo.generate import pesel_for

    first = pesel_for(day(2015, 3, 2), True, 11)
    other = pesel_for(day(2015, 3, 2), True, 27)
    store.add(db, person(surname="Jankowska", first_name="Zofia", pesel=first,
                         birth_date="2015-03-02", sex="K", city="Żabno"))
    source = tmp_path / "szkola.csv"
    source.write_text("Nazwisko;Imię;PESEL;Data ur.;Miejscowość\n"
                      f"Jankowska;Zofia;{other};02.03.2015;Żabno\n"
                      "JANKOWSKA;zofia;;02.03.2015;Żabno\n"
                      "Nowak;Kacper;;11.05.2016;Żabno\n", encoding="utf-8")
    sheet = reading.read(source)
    verdicts = importing.dry_run(db, "residents", sheet,
                                 importing.guess_mapping(sheet.headers, "residents"))
    assert [v.status for v in verdicts] == ["nowy", "duplikat", "błędny"]
    assert f"uwaga: w rejestrze jest Zofia Jankowska (PESEL {first}) z tą samą datą" \
        in verdicts[0].text
    # no PESEL, but the register has her: a duplicate she may merge (the phone, say)
    zofia = store.find_by_pesel(db, first)
    assert verdicts[1].existing_id == zofia.id and "Zofia Jankowska" in verdicts[1].text
    assert verdicts[2].text == ("Kacper Nowak: brak PESEL i numeru dokumentu tożsamości – nowej"
                                " osoby bez nich rejestr nie przyjmuje (można tylko scalić z"
                                " osobą już wpisaną)")
    outcome = importing.run(db, "residents", verdicts, merge={3})
    assert (outcome.added, outcome.skipped) == (1, 1)
    assert store.find_by_pesel(db, first).id_document in ("", None)  # nothing made up


def test_a_list_with_whole_names_and_no_place_and_people_from_elsewhere(db, tmp_path,
                                                                        capsys):
    """One "Nazwisko i imię" column, no Miejscowość: --place gives the village; a row
    from a gmina the centre does not serve, or from a place its register never had, is
    pointed out (her call), not refused."""
    from app.settings import store as settings_store

    settings_store.save(db, {"cus_gminas": "Żabno; Gródek"})
    store.add(db, person(surname="Nowak", first_name="Ewa", pesel="44051401359",
                         city="Kępa"))
    source = tmp_path / "lista.csv"
    source.write_text("Nazwisko i imię;PESEL;Gmina\n"
                      "Wójcik Zofia Łucja;15240312345;Gmina Żabno\n"
                      "Żółć Jan;16301212343;Tarnów\n", encoding="utf-8")
    command = ["import", "residents", str(source), "--db", str(db.path)]
    assert admin_cli.main([*command, "--dry-run"]) == 2
    said = capsys.readouterr().err
    assert "Żadna kolumna pliku nie odpowiada polu Miejscowość" in said and "--place" in said
    assert admin_cli.main([*command, "--dry-run", "--map", "PESEL=numer"]) == 2
    assert "Pola: Nazwisko (surname), Imię (first_name)" in capsys.readouterr().err
    assert admin_cli.main([*command, "--dry-run", "--place", "Kępa", "--merge", "3"]) == 2
    assert "Scalić można tylko wiersz, który jest duplikatem" in capsys.readouterr().err
    assert admin_cli.main([*command, "--dry-run", "--map", "1=surname", "--map",
                           "2=surname"]) == 2
    assert "wskazano już dla kolumny „1”" in capsys.readouterr().err
    assert admin_cli.main([*command, "--place", "Kępa"]) == 0
    said = capsys.readouterr().out
    assert "wiersz 2: nowy – Zofia Wójcik\n" in said
    assert "wiersz 3: nowy – Jan Żółć – uwaga: gmina Tarnów nie jest wśród gmin" in said
    assert "Wójcik – uwaga" not in said  # "Żabno" is a gmina served, however written
    assert db.execute("SELECT first_name, second_name, surname, city, gmina FROM residents"
                      " WHERE pesel = '15240312345'").fetchone() == (
        "Zofia", "Łucja", "Wójcik", "Kępa", "Gmina Żabno")
    elsewhere = tmp_path / "inna.csv"
    elsewhere.write_text("Nazwisko;Imię;PESEL;Miejscowość\nKos;Adam;02270803624;Nowy Sącz\n",
                         encoding="utf-8")
    assert admin_cli.main(["import", "residents", str(elsewhere), "--dry-run", "--db",
                           str(db.path)]) == 0
    assert "miejscowości Nowy Sącz nie ma dotąd w rejestrze" in capsys.readouterr().out


def test_partners_come_with_their_places_and_the_services_they_deliver(db, tmp_path):
    from app.catalogue import partners

    rows = dict(db.execute("SELECT name, id FROM services WHERE archived_at IS NULL"))
    care = next(n for n in rows if n.startswith("Usługi opiekuńcze"))
    meals = next(n for n in rows if "posiłk" in n)
    source = tmp_path / "partnerzy.csv"
    source.write_text(
        "Nazwa;Liczba miejsc;Usługi\n"
        f"Fundacja „Opieka”;25;\"{care}; {meals[:12].upper()}\"\n"
        "Stowarzyszenie Ogród;dwadzieścia;\n"
        "Klub Seniora;;Nauka gry na harfie\n", encoding="utf-8")
    sheet = reading.read(source)
    mapping = importing.guess_mapping(sheet.headers, "partners")
    assert sorted(mapping.values()) == ["capacity", "full_name", "services"]
    verdicts = importing.dry_run(db, "partners", sheet, mapping)
    assert [v.status for v in verdicts] == ["nowy", "błędny", "błędny"]
    assert "Liczba miejsc: „dwadzieścia” – wpisz liczbę" in verdicts[1].text
    assert "spoza katalogu" in verdicts[2].text and "harfie" in verdicts[2].text
    importing.run(db, "partners", verdicts)
    pid = db.execute("SELECT id FROM partners WHERE full_name = 'Fundacja „Opieka”'"
                     ).fetchone()[0]
    saved = partners.get(db, pid)
    assert saved.capacity == 25
    assert sorted(s.service_id for s in saved.services) == sorted([rows[care], rows[meals]])
    # what the export writes, read back, is the same partner: a duplicate, nothing new
    from app.exchange import export, lists

    export.write(lists.build(db, "partners"), tmp_path / "p.xlsx", "xlsx")
    back = reading.read(tmp_path / "p.xlsx")
    again = importing.dry_run(db, "partners", back,
                              importing.guess_mapping(back.headers, "partners"))
    assert {v.status for v in again} == {"duplikat"}


def test_ctrl_c_and_control_characters_on_the_command_line(db, tmp_path, capsys,
                                                           monkeypatch):
    source = tmp_path / "lista.csv"
    source.write_text("Nazwisko;Imię;Miejscowość\nKos\x1b[31m;Ewa\u202e;Żabno\n",
                      encoding="utf-8")
    assert admin_cli.main(["import", "residents", str(source), "--dry-run", "--db",
                           str(db.path)]) == 0
    said = capsys.readouterr().out
    assert "\x1b" not in said and "\u202e" not in said and "\\u001b" in said
    assert admin_cli.main(["import", "residents", str(source), "--dry-run", "--map",
                           "Kos\x1b[2J=surname", "--db", str(db.path)]) == 2
    err = capsys.readouterr().err  # an argument quoted in an error is shown as codes too
    assert "\x1b" not in err and "Kos\\u001b[2J" in err

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setitem(admin_cli.COMMANDS, "import", interrupted)
    assert admin_cli.main(["import", "residents", str(source), "--db", str(db.path)]) == 130
    assert "Przerwano (Ctrl+C)" in capsys.readouterr().err
