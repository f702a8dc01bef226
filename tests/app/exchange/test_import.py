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
    with pytest.raises(ValidationError, match="Nie wczytano pliku"):
        reading.read(one_line)
    binary = tmp_path / "zdjecie.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 100)
    with pytest.raises(ValidationError, match="nie jest plik"):
        reading.read(binary)
    fake = tmp_path / "lista.xlsx"
    fake.write_bytes(b"PK\x03\x04 not a workbook")
    with pytest.raises(ValidationError, match="poprawny arkusz XLSX"):
        reading.read(fake)
    formula = tmp_path / "formula.csv"
    formula.write_text('Nazwisko;Imię;Nr dowodu;Data urodzenia;Miejscowość;Ulica\nKos;Anna;'
                       'ABC123456;01.02.1950;Żabno;"=HYPERLINK(""http://zly.example"")"\n',
                       encoding="utf-8")
    sheet = reading.read(formula)
    verdicts = importing.dry_run(db, "residents", sheet,
                                 importing.guess_mapping(sheet.headers, "residents"))
    importing.run(db, "residents", verdicts)
    stored = db.execute("SELECT street FROM residents WHERE surname = 'Kos'").fetchone()[0]
    assert stored == '=HYPERLINK("http://zly.example")'  # plain text; exports defuse it


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
    assert "wiersz 42: błędny – Data urodzenia: 31.02.1950 nie istnieje" in out
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
    assert (outcome.added, outcome.merged, outcome.skipped) == (2, 1, 2)
    assert db.execute("SELECT count(*) FROM partners").fetchone() == (3,)
