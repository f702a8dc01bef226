"""Every document kind from demo data: names, PESEL, dates, numbers, clauses and Polish
letters in the extracted text; page numbering; unique numbers; placeholder errors."""

import re
from datetime import date

import pytest

from app.cli import admin as admin_cli
from app.core.errors import NotFound, ValidationError
from app.core.validation import format_date
from app.documents import register, templates
from tests import pdf_text
from tests.app.documents.conftest import REFERRABLE_ITEM

TODAY = date(2026, 11, 22)


def text_of(pdf: bytes) -> list[str]:
    """Each page's text with line breaks folded (table cells wrap words onto new lines)."""
    return pdf_text.pages(pdf)


def one(db, sql):
    return db.execute(sql).fetchone()


def test_ipus_holds_person_plan_and_signatures(demo_db):
    case_id, = one(demo_db, "SELECT p.case_id FROM plans p JOIN plan_versions v ON"
                            " v.plan_id = p.id WHERE v.status = 'zatwierdzony' LIMIT 1")
    name, pesel = one(demo_db, "SELECT r.first_name || ' ' || r.surname, r.pesel FROM cases c"
                               " JOIN residents r ON r.id = c.resident_id WHERE c.id = ?"
                               .replace("?", f"'{case_id}'"))
    doc = register.issue(demo_db, "ipus", case_id, copies=2, signing="odcisk")
    pages = text_of(doc.pdf)
    full = "\n".join(pages)
    assert re.fullmatch(r"CUS/IPUS/\d{4}/\d{4}", doc.number)
    for expected in (name, pesel, "Indywidualny plan usług społecznych", doc.number,
                     "Centrum Usług Społecznych w Żabnie", "Egzemplarz dla mieszkańca",
                     "Egzemplarz dla CUS", "art. 79 Kodeksu", "Harmonogram",
                     "Zasady współpracy", "Katarzyna Wójcik"):
        assert expected in full, expected
    counts = [re.search(r"Strona (\d+) z (\d+)", p).groups() for p in pages]
    half = len(pages) // 2
    assert counts[0] == ("1", str(half)) and counts[half] == ("1", str(half))  # per copy


@pytest.mark.parametrize("kind, sql, expected", [
    ("pelnomocnictwo", "SELECT id FROM partners LIMIT 1",
     ["Pełnomocnictwo", "negocjowania zakresu przedmiotowego", "wyboru formy organizacyjnej",
      "projektu umowy"]),
    ("upowaznienie", "SELECT r.id FROM residents r JOIN household_members h ON"
                     " h.resident_id = r.id JOIN cases c ON c.resident_id = r.id"
                     " GROUP BY r.id HAVING count(DISTINCT h.id) = 1 LIMIT 1",
     ["Upoważnienie", "upoważniam", "do działania w moim imieniu"]),
    ("zgoda", "SELECT resident_id FROM cases LIMIT 1",
     ["Zgoda na prowadzenie karty usług", "mogę ją w każdej chwili wycofać",
      "art. 6 ust. 1 lit. a oraz art. 9 ust. 2 lit. a", "osobiście lub pisemnie w Centrum",
      "iod@cus.zabno.pl", "art. 7 ust. 3 RODO"]),
    ("klauzula", "SELECT resident_id FROM cases LIMIT 1",
     ["administratorem", "Prezesa Urzędu Ochrony Danych", "art. 9 ust. 2 lit. b i g",
      "10 lat (kategoria archiwalna B10)", "Jan Kowalski, iod@cus.zabno.pl",
      # art. 13 ust. 2 RODO: the rights that apply, withdrawal, the consequences
      "usunięcia w przypadkach wskazanych w art. 17", "przeniesienia danych",
      "sprzeciw wobec przetwarzania danych na podstawie art. 6 ust. 1 lit. e",
      "(art. 21 RODO)", "art. 7 ust. 3", "bez nich nie można rozpoznać potrzeb",
      "art. 9 ust. 2 lit. a RODO"]),
    ("karta", "SELECT id FROM cases WHERE status = 'zamknieta' LIMIT 1",
     ["Karta usług", "Część ogólna", "Nawiązanie kontaktu", "Rozmowa podsumowująca"]),
    ("fiszka", "SELECT id FROM partners LIMIT 1",
     ["Fiszka informacyjna partnera", "Uzasadnienie roli partnera", "Świadczone usługi"]),
    ("rozmowa", "SELECT id FROM cases WHERE status = 'zamknieta' LIMIT 1",
     ["Protokół rozmowy podsumowującej", "Opis przebiegu i rezultatów", "Monitoring po"]),
    ("skierowanie", REFERRABLE_ITEM,
     ["Skierowanie do realizacji usługi społecznej", "prosimy potwierdzić koordynatorowi"]),
])
def test_kinds_with_an_id(demo_db, kind, sql, expected):
    record_id, = one(demo_db, sql)
    doc = register.issue(demo_db, kind, record_id, extra={"pelnomocnik": "Anna Nowak"}
                         if kind == "pelnomocnictwo" else None)
    full = "\n".join(text_of(doc.pdf))
    # a summary conversation is dated the day it was held, not the day it is printed
    for e in expected + [doc.number] + ([format_date(date.today())] if kind != "rozmowa"
                                        else []):
        assert e in full, e
    assert "■" not in full and "{" not in full


def test_forms_without_an_id_and_the_agreement(demo_db):
    full = "\n".join(text_of(register.issue(demo_db, "porozumienie").pdf))
    for clause in ("dobrowolności", "demokratyczności", "jawności", "efektywności",
                   "wzajemnego zaufania", "Komitet Współpracy", "Żabno, Gródek, Zielęcin",
                   "Ośrodek Wsparcia Ekonomii Społecznej w Gródku",
                   "Spółdzielnia Socjalna „Żabka”"):
        assert clause in full, clause
    pages = text_of(register.issue(demo_db, "porozumienie").pdf)
    # one copy per party, each numbered "Strona X z Y" on its own
    parties = demo_db.execute("SELECT count(*) FROM partners WHERE archived_at IS NULL"
                              ).fetchone()[0]
    assert sum("Egzemplarz nr" in p for p in pages) == parties
    assert re.search(r"Strona (\d+) z \1 ", pages[-1] + " ")
    for kind, expected in (("diagnoza-potrzeb", "Sposoby zaspokajania potrzeb"),
                           ("diagnoza-terytorium", "Instytucja / podmiot dokonujący rozpoznania"),
                           ("raport-autoewaluacyjny", "misja i cele Partnerstwa")):
        assert expected in "\n".join(text_of(register.issue(demo_db, kind).pdf)), kind


def test_numbers_stay_unique_and_reprint_is_identical(demo_db):
    someone = one(demo_db, "SELECT id FROM residents LIMIT 1")[0]
    numbers = {register.issue(demo_db, "klauzula", someone).number for _ in range(100)}
    assert len(numbers) == 100
    doc = register.issue(demo_db, "zgoda", one(demo_db, "SELECT id FROM residents LIMIT 1")[0])
    assert register.reprint(demo_db, doc.number) == doc.pdf
    rows = register.listing(demo_db, doc.number)
    assert [r.number for r in rows] == [doc.number]


def test_unknown_placeholder_is_reported_before_printing(demo_db):
    data, _ = register.prepare(demo_db, "klauzula")
    broken = templates.default_body("klauzula").replace("{cus}", "{cuss}", 1)
    with pytest.raises(ValidationError) as err:
        templates.save_body(demo_db, "klauzula", broken, set(data.fields), data.blocks())
    message = " ".join(err.value.errors.values())
    assert "Nieznane pole w treści: {cuss}" in message and "{cus}" in message
    edited = templates.default_body("zgoda").replace("wyrażam zgodę", "wyrażam świadomą zgodę")
    data, _ = register.prepare(demo_db, "zgoda", one(demo_db, "SELECT id FROM residents"
                                                             " LIMIT 1")[0])
    templates.save_body(demo_db, "zgoda", edited, set(data.fields), data.blocks())
    doc = register.issue(demo_db, "zgoda", one(demo_db, "SELECT id FROM residents LIMIT 1")[0])
    assert "wyrażam świadomą zgodę" in " ".join(text_of(doc.pdf)).replace("\n", " ")
    templates.reset_body(demo_db, "zgoda")


def test_missing_or_wrong_id_is_a_clear_message(demo_db):
    for kind in ("ipus", "zgoda", "klauzula", "fiszka", "pelnomocnictwo", "skierowanie"):
        with pytest.raises(ValidationError, match="wskaż, kogo dotyczy.*pusty formularz"):
            register.issue(demo_db, kind)  # a numbered document naming no one
    with pytest.raises(NotFound, match="Nieznany rodzaj"):
        register.issue(demo_db, "list")


def test_admin_document_commands(tmp_path, capsys):
    path = tmp_path / "k.db"
    admin_cli.main(["demo", "--residents", "100", "--db", str(path)])
    out = tmp_path / "klauzula.pdf"
    assert admin_cli.main(["document", "klauzula", "--db", str(path), "--out", str(out)]) == 2
    assert "pusty formularz" in capsys.readouterr().err
    assert admin_cli.main(["document", "klauzula", "--pusty", "--db", str(path), "--out",
                           str(out)]) == 0
    assert "bez numeru, nie wpisano do rejestru" in capsys.readouterr().out
    assert "Klauzula informacyjna" in text_of(out.read_bytes())[0]
    assert admin_cli.main(["document", "pelnomocnictwo", "--db", str(path), "--out", str(out),
                           "--field", "pelnomocnik=a", "--field", "pelnomocnik=Jan Nowak"]) == 2
    assert "powtórzone --field" in capsys.readouterr().err
    assert admin_cli.main(["document", "klauzula", "--pusty", "--id", "x", "--db", str(path),
                           "--out", str(out)]) == 2
    assert "nie łącz --pusty z --id" in capsys.readouterr().err
    from app.storage.opening import connect

    db = connect(path)
    someone = db.execute("SELECT id FROM residents LIMIT 1").fetchone()[0]
    db.conn.close()
    assert admin_cli.main(["document", "klauzula", "--id", someone, "--db", str(path),
                           "--out", str(out)]) == 0
    assert admin_cli.main(["document", "nieznany", "--db", str(path), "--out", str(out)]) == 2
    assert "Nieznany rodzaj dokumentu" in capsys.readouterr().err
    assert admin_cli.main(["document", "karta", "--id", "brak", "--db", str(path),
                           "--out", str(out)]) == 2
    assert "Nie znaleziono" in capsys.readouterr().err
    partner = tmp_path / "pel.pdf"
    db = connect(path)
    partner_id = db.execute("SELECT id FROM partners LIMIT 1").fetchone()[0]
    db.conn.close()
    assert admin_cli.main(["document", "pelnomocnictwo", "--id", partner_id, "--db", str(path),
                           "--out", str(partner), "--field", "pelnomocnik=Jan Łęcki"]) == 0
    assert "upoważniam Pana Jana Łęckiego" in text_of(partner.read_bytes())[0]
    db = connect(path)
    two = db.execute("SELECT id, full_name FROM partners ORDER BY full_name LIMIT 3").fetchall()
    db.conn.close()
    agreement = tmp_path / "por.pdf"
    assert admin_cli.main(["document", "porozumienie", "--partner", two[0][0], "--partner",
                           two[1][0], "--copies", "2", "--db", str(path), "--out",
                           str(agreement)]) == 0
    signed = "\n".join(text_of(agreement.read_bytes()))
    assert two[0][1] in signed and two[1][1] in signed and two[2][1] not in signed
    assert "Egzemplarz nr 2 z 2" in signed
    assert admin_cli.main(["documents", "--db", str(path)]) == 0
    assert "CUS/KLA/" in capsys.readouterr().out


@pytest.mark.parametrize("field, problem", [
    ("pesel_pelnomocnika=12345678901", "PESEL pełnomocnika"),
    ("wazne_do=jutro", "Ważne do"),
    ("wazne_do=01.01.2020", "już minęło"),
    ("zakres_podpisu=wszystko", "Zakres podpisu"),
])
def test_command_line_checks_a_power_of_attorney_like_the_window(tmp_path, capsys, field,
                                                                  problem):
    from app.storage.opening import connect

    path = tmp_path / "k.db"
    assert admin_cli.main(["demo", "--db", str(path), "--residents", "5"]) == 0
    db = connect(path)
    partner_id = db.execute("SELECT id FROM partners LIMIT 1").fetchone()[0]
    db.conn.close()
    capsys.readouterr()
    out = tmp_path / "pel.pdf"
    assert admin_cli.main(["document", "pelnomocnictwo", "--id", partner_id, "--db",
                           str(path), "--out", str(out), "--field", "pelnomocnik=Jan Łęcki",
                           "--field", field]) != 0
    assert problem in capsys.readouterr().err
    assert not out.exists()
    db = connect(path)
    assert db.execute("SELECT count(*) FROM documents WHERE kind = 'pelnomocnictwo'"
                      ).fetchone() == (0,)  # nothing entered in the register either
    db.conn.close()


def test_editor_knows_every_field_the_documents_fill(demo_db):
    """The wording editor's lists match what the builders really produce."""
    from app.documents import context

    samples = {"ipus": "SELECT p.case_id FROM plans p LIMIT 1",
               "upowaznienie": "SELECT c.resident_id FROM cases c WHERE NOT EXISTS (SELECT 1"
                               " FROM household_members h WHERE h.resident_id = c.resident_id)"
                               " LIMIT 1",
               "odmowa": "SELECT id FROM applications LIMIT 1",
               "karta": "SELECT id FROM cases LIMIT 1", "rozmowa": "SELECT id FROM cases LIMIT 1",
               "skierowanie": REFERRABLE_ITEM,
               "zgoda": "SELECT id FROM residents LIMIT 1",
               "klauzula": "SELECT id FROM residents LIMIT 1"}
    for kind in templates.KINDS:
        record_id = one(demo_db, samples[kind])[0] if kind in samples else None
        # a refusal prints as a draft until the settings name the Act's provision
        data = context.build(demo_db, kind, record_id,
                             {"odmowa": {"projekt": "tak"},
                              "pelnomocnictwo": {"pelnomocnik": "Anna Nowak"}}.get(kind))
        assert set(data.fields) == context.FIELDS[kind], kind
        assert set(data.tables) == set(context.TABLES.get(kind, ())), kind
        assert templates.problems(templates.default_body(kind), context.FIELDS[kind],
                                  data.blocks()) == [], kind


def test_wording_must_be_text_and_not_empty(demo_db):
    data, _ = register.prepare(demo_db, "klauzula")
    for bad in ("", "   \n ", "# Klauzula\x00"):
        with pytest.raises(ValidationError):
            templates.save_body(demo_db, "klauzula", bad, set(data.fields), data.blocks())
    assert templates.body(demo_db, "klauzula") == templates.default_body("klauzula")


@pytest.mark.parametrize("kind, record_sql, field", [
    ("zgoda", "SELECT id FROM residents LIMIT 1", "pesel=12345678901"),
    ("zgoda", "SELECT id FROM residents LIMIT 1", "imie_nazwisko=Ktoś Inny"),
    ("pelnomocnictwo", "SELECT id FROM partners LIMIT 1", "instytucja=Firma Krzak"),
    ("pelnomocnictwo", "SELECT id FROM partners LIMIT 1", "nieznane=1"),
])
def test_a_typed_field_never_replaces_what_the_records_say(tmp_path, capsys, kind,
                                                          record_sql, field):
    from app.storage.opening import connect

    path = tmp_path / "k.db"
    assert admin_cli.main(["demo", "--db", str(path), "--residents", "5"]) == 0
    db = connect(path)
    record_id = db.execute(record_sql).fetchone()[0]
    db.conn.close()
    capsys.readouterr()
    out = tmp_path / "d.pdf"
    assert admin_cli.main(["document", kind, "--id", record_id, "--db", str(path),
                           "--out", str(out), "--field", field]) == 2
    assert "Tego pola nie można wpisać" in capsys.readouterr().err
    assert not out.exists()


def test_consent_names_the_follow_up_period_set(demo_db):
    from app.settings import store as settings_store

    resident = one(demo_db, "SELECT id FROM residents LIMIT 1")[0]
    assert settings_store.save(demo_db, {"follow_up_months": "3"}) == {}
    text = " ".join(text_of(register.issue(demo_db, "zgoda", resident).pdf))
    assert "przez 3 miesiące po jego zakończeniu" in " ".join(text.split())
    assert settings_store.save(demo_db, {"follow_up_months": "6"}) == {}
    text = " ".join(text_of(register.issue(demo_db, "zgoda", resident).pdf))
    assert "przez 6 miesięcy po jego zakończeniu" in " ".join(text.split())


def test_ipus_by_plan_case_or_version_id_and_any_version(tmp_path, capsys):
    from datetime import date, timedelta

    from app.cases import applications
    from app.people import residents_store as store
    from app.plans import lifecycle
    from app.plans import store as plans
    from app.storage.opening import connect
    from tests.conftest import person, set_up_centre

    path = tmp_path / "k.db"
    db = connect(path)
    set_up_centre(db)
    today = date.today()
    r = store.add(db, person())
    app_id = applications.file_application(db, r.id, today - timedelta(days=5), "osoba",
                                           "osobiscie", "Pomoc")
    case_id = applications.qualify(db, app_id, today - timedelta(days=4))
    item = plans.PlanItem(kind="dzialanie_wspierajace", description="Zakupy we wtorki",
                          frequency="raz w tygodniu")
    v1 = lifecycle.save_plan(db, case_id, r.id, [item], lifecycle.PlanHeader(
        valid_from=today, valid_to=today + timedelta(days=100)))
    lifecycle.agree(db, v1, today)
    lifecycle.approve(db, v1, "Maria Nowak", "dyrektor", today)
    v2 = plans.start_update(db, case_id, "Apteka", r.id).id
    plan_id = db.execute("SELECT id FROM plans WHERE case_id = ?", [case_id]).fetchone()[0]

    def in_force(version_id: str) -> str:
        pdf = register.issue(db, "ipus", version_id).pdf
        return re.search(r"Plan (.+?) od", " ".join(text_of(pdf))).group(1)

    # the wording follows the version's state: a draft does not bind yet, a past one no more
    assert (in_force(v1), in_force(v2)) == ("obowiązuje", "ma obowiązywać")
    db.execute("UPDATE plan_versions SET status = 'zastapiony' WHERE id = ?", [v1])
    assert in_force(v1) == "obowiązywał"
    db.execute("UPDATE plan_versions SET status = 'zatwierdzony' WHERE id = ?", [v1])
    db.conn.commit()
    db.conn.close()

    def version_printed(*args) -> str:
        out = tmp_path / "ipus.pdf"
        assert admin_cli.main(["document", "ipus", "--db", str(path), "--out", str(out),
                               *args]) == 0, capsys.readouterr().err
        text = " ".join(" ".join(text_of(out.read_bytes())).split())
        return next(n for n in ("1", "2") if f"wersja {n}" in text.lower()
                    or f"wersja: {n}" in text.lower() or f"wersja planu: {n}" in text.lower())

    assert version_printed("--id", plan_id) == "2"  # the newest, in work
    assert version_printed("--id", case_id) == "2"
    assert version_printed("--id", v1) == "1"
    assert version_printed("--id", plan_id, "--version", "1") == "1"
    assert version_printed("--id", case_id, "--version", "2") == "2"
    assert v2
    out = tmp_path / "x.pdf"
    assert admin_cli.main(["document", "ipus", "--db", str(path), "--out", str(out), "--id",
                           plan_id, "--version", "3"]) == 2
    assert "nie ma wersji 3" in capsys.readouterr().err
    assert admin_cli.main(["document", "zgoda", "--db", str(path), "--out", str(out), "--id",
                           r.id, "--version", "1"]) == 2
    assert "tylko dla dokumentu ipus" in capsys.readouterr().err


def test_an_agreement_of_five_parties_chosen_on_the_command_line(demo_db, tmp_path, capsys):
    """Each party identified, one copy per party ("Egzemplarz nr 2 z 5"), a term, a way
    out and a signature block each; a 125-character name wraps in its own column."""
    long_name = ("Stowarzyszenie Na Rzecz Rozwoju Usług Opiekuńczych, Integracji Społecznej i "
                 "Aktywizacji Zawodowej Mieszkańców Gminy Żabno i Okolic")[:125]
    from app.catalogue import partners

    partners.save(demo_db, partners.Partner(full_name=long_name, partner_type="ngo",
                                            nip="5260250274", krs="0000123456",
                                            street="ul. Długa 1", postal_code="83-221",
                                            city="Żabno"))
    chosen = [r[0] for r in demo_db.execute("SELECT id FROM partners WHERE archived_at IS"
                                            " NULL ORDER BY full_name LIMIT 5")]
    chosen[-1] = demo_db.execute("SELECT id FROM partners WHERE full_name = ?",
                                 [long_name]).fetchone()[0]
    names = [partners.get(demo_db, pid).full_name for pid in chosen]
    left_out = demo_db.execute("SELECT full_name FROM partners WHERE id NOT IN (?, ?, ?, ?, ?)"
                               " LIMIT 1", chosen).fetchone()[0]
    doc = register.issue(demo_db, "porozumienie", copies=5, partner_ids=chosen)
    pages = text_of(doc.pdf)
    full = "\n".join(pages)
    assert sum("Egzemplarz nr 2 z 5" in p for p in pages) >= 1
    assert "sporządzono w 5 jednobrzmiących egzemplarzach, po jednym dla każdego" in full
    for clause in ("na czas nieokreślony", "wystąpić z Porozumienia, składając pisemne",
                   "formy pisemnej pod rygorem nieważności", "NIP: 5260250274", "KRS: 0000123456",
                   "w imieniu podpisuje:"):
        assert clause in full, clause
    copy = full.split("Egzemplarz nr 2 z 5")[1]
    for name in names:
        assert copy.count(name) >= 2, name  # among the parties and above its signature
    assert left_out not in full
    with pytest.raises(ValidationError, match="Liczba egzemplarzy"):
        register.issue(demo_db, "ipus", one(demo_db, "SELECT case_id FROM plans LIMIT 1")[0],
                       copies=5)


def test_what_an_attacker_tried_is_refused_and_registers_nothing(demo_db):
    """A decision only for a refused application; an agreement of at least two different,
    active parties; a referral only from an approved plan; no id for a general form; a
    raport not reaching into the future; "projekt=TAK" is a draft like "tak"."""
    def count():
        return demo_db.execute("SELECT count(*) FROM documents").fetchone()[0]
    before = count()
    qualified = one(demo_db, "SELECT id FROM applications WHERE status = 'zakwalifikowany'"
                             " LIMIT 1")[0]
    with pytest.raises(ValidationError, match="wniosku, którego odmówiono"):
        register.issue(demo_db, "odmowa", qualified, extra={"projekt": "tak"})
    first, second = [r[0] for r in demo_db.execute("SELECT id FROM partners LIMIT 2")]
    with pytest.raises(ValidationError, match="dwa razy"):
        register.issue(demo_db, "porozumienie", partner_ids=[first, first])
    with pytest.raises(ValidationError, match="co najmniej dwie strony"):
        register.issue(demo_db, "porozumienie", partner_ids=[first])
    with pytest.raises(ValidationError, match="sygnatariuszy \\(2\\)"):
        register.issue(demo_db, "porozumienie", partner_ids=[first, second], copies=7)
    draft_item = one(demo_db, "SELECT i.id FROM plan_items i JOIN plan_versions v ON v.id ="
                              " i.plan_version_id WHERE v.status = 'projekt' AND i.partner_id"
                              " IS NOT NULL AND i.kind = 'usluga' LIMIT 1")
    if draft_item:
        with pytest.raises(ValidationError, match="planu zatwierdzonego"):
            register.issue(demo_db, "skierowanie", draft_item[0])
    with pytest.raises(NotFound, match="nie podaje się identyfikatora"):
        register.issue(demo_db, "diagnoza-potrzeb", "nope")
    with pytest.raises(ValidationError, match="w przyszłości"):
        register.issue(demo_db, "raport-autoewaluacyjny", extra={"do": "01.01.2099"})
    with pytest.raises(ValidationError, match="tylko z dokumentu, który dotyczy mieszkańca"):
        register.issue(demo_db, "diagnoza-terytorium", copies=2)  # no "dla mieszkańca" copy
    with pytest.raises(ValidationError, match="sygnatariuszy \\(2\\)"):
        register.issue(demo_db, "porozumienie", partner_ids=[first, second], copies=0)
    # an option a kind does not use is refused, not silently ignored
    resident = one(demo_db, "SELECT id FROM residents LIMIT 1")[0]
    with pytest.raises(NotFound, match="tylko w porozumieniu"):
        register.issue(demo_db, "zgoda", resident, partner_ids=[first, second])
    with pytest.raises(ValidationError, match="go nie podpisuje"):
        register.issue(demo_db, "diagnoza-potrzeb", signing="odcisk")
    with pytest.raises(ValidationError, match="go nie podpisuje"):
        register.issue(demo_db, "fiszka", first, signing="pisze")
    assert count() == before
    refused = one(demo_db, "SELECT id FROM applications WHERE status = 'odmowa' LIMIT 1")[0]
    draft = register.issue(demo_db, "odmowa", refused, extra={"projekt": "TAK"})
    assert "PROJEKT DECYZJI" in " ".join(text_of(draft.pdf))


def test_the_output_may_not_be_the_database_under_another_name(tmp_path, capsys):
    """A hard link is the same file: writing the PDF there would destroy the database."""
    import os

    path = tmp_path / "k.db"
    admin_cli.main(["demo", "--residents", "20", "--db", str(path)])
    link = tmp_path / "raport.pdf"
    os.link(path, link)
    before = path.read_bytes()[:16]
    assert admin_cli.main(["document", "diagnoza-potrzeb", "--db", str(path), "--out",
                           str(link)]) == 2
    assert "innym plikiem niż baza" in capsys.readouterr().err
    assert path.read_bytes()[:16] == before


def test_an_output_file_that_cannot_be_written_uses_up_no_number(tmp_path, capsys,
                                                                  monkeypatch):
    """A PDF open in a viewer on Windows (or read-only) cannot be opened for writing: that
    is found before a number is taken; a refused document leaves no empty file behind."""
    import builtins

    from app.storage.opening import connect

    path = tmp_path / "k.db"
    admin_cli.main(["demo", "--residents", "20", "--db", str(path)])
    locked = tmp_path / "stary.pdf"
    locked.write_bytes(b"%PDF old")

    def viewer_holds_it(file, *args, **kwargs):  # as Windows refuses a file a viewer holds
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return builtins.open(file, *args, **kwargs)
    monkeypatch.setattr(admin_cli, "open", viewer_holds_it, raising=False)
    assert admin_cli.main(["document", "diagnoza-potrzeb", "--db", str(path), "--out",
                           str(locked)]) == 2
    assert "stary.pdf" in capsys.readouterr().err
    db = connect(path)
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    db.conn.close()
    assert locked.read_bytes() == b"%PDF old"
    fresh = tmp_path / "nowy.pdf"
    assert admin_cli.main(["document", "klauzula", "--db", str(path), "--out",
                           str(fresh)]) == 2  # refused: no resident named
    assert not fresh.exists()
    assert admin_cli.main(["document", "diagnoza-potrzeb", "--db", str(path), "--out",
                           str(fresh)]) == 0
    assert fresh.read_bytes().startswith(b"%PDF")
    written = fresh.stat().st_size
    fresh.write_bytes(fresh.read_bytes() + b"x" * 100_000)  # a longer old file is replaced
    assert admin_cli.main(["document", "diagnoza-potrzeb", "--db", str(path), "--out",
                           str(fresh)]) == 0
    assert abs(fresh.stat().st_size - written) < 1000


def test_a_document_is_reprinted_from_the_command_line_byte_for_byte(tmp_path, capsys):
    """When the disk filled after the number was taken, the PDF is in the register: the
    reprint writes it again and takes no number."""
    from app.storage.opening import connect

    path = tmp_path / "k.db"
    admin_cli.main(["demo", "--residents", "20", "--db", str(path)])
    first = tmp_path / "a.pdf"
    assert admin_cli.main(["document", "diagnoza-potrzeb", "--db", str(path), "--out",
                           str(first)]) == 0
    number = re.search(r"(CUS/\S+): zapisano", capsys.readouterr().out).group(1)
    again = tmp_path / "kopia" / "b.pdf"
    assert admin_cli.main(["documents", "--reprint", number, "--out", str(again),
                           "--db", str(path)]) == 2  # a mistyped folder is not made up
    assert "Folder" in capsys.readouterr().err and not again.parent.exists()
    again.parent.mkdir()
    assert admin_cli.main(["documents", "--reprint", f" {number.lower()} ", "--out",
                           str(again), "--db", str(path)]) == 0  # as read off the paper
    assert "bez nowego numeru" in capsys.readouterr().out
    assert again.read_bytes() == first.read_bytes()
    db = connect(path)
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM audit_log WHERE details LIKE ?",
                      [f'%ponowny_wydruk%{number}%']).fetchone() == (1,)
    db.conn.close()
    assert admin_cli.main(["documents", "--reprint", number, "--db", str(path)]) == 2
    assert "oba razem" in capsys.readouterr().err
    assert admin_cli.main(["documents", "--reprint", "CUS/X/1/1", "--out", str(again),
                           "--db", str(path)]) == 2
    assert capsys.readouterr().err.strip()


def test_what_a_kipus_found_wrong_on_paper_is_refused_or_dated_right(demo_db):
    """A power of attorney naming no attorney, a referral to a service already over; the
    summary conversation dated the day it was held."""
    partner = one(demo_db, "SELECT id FROM partners LIMIT 1")[0]
    with pytest.raises(ValidationError, match="wpisz imię i nazwisko pełnomocnika"):
        register.issue(demo_db, "pelnomocnictwo", partner)
    ended = one(demo_db, "SELECT i.id FROM plan_items i JOIN plan_versions v ON v.id ="
                         " i.plan_version_id WHERE v.status = 'zatwierdzony' AND i.partner_id"
                         " IS NOT NULL AND i.kind = 'usluga' AND i.end_on < date('now')"
                         " LIMIT 1")
    if ended:
        with pytest.raises(ValidationError, match="na zakończoną usługę się nie kieruje"):
            register.issue(demo_db, "skierowanie", ended[0])
    case_id, held = one(demo_db, "SELECT case_id, held_on FROM summary_conversations"
                                 " ORDER BY held_on LIMIT 1")
    text = " ".join(text_of(register.issue(demo_db, "rozmowa", case_id).pdf))
    assert f"dnia {format_date(held)}" in text


def test_a_needs_diagnosis_says_nothing_about_a_group_of_one_or_two(tmp_path):
    from app.demo import generate as demo
    from app.documents import community_forms
    from app.storage.opening import connect
    from tests.app.documents.conftest import TODAY

    small_demo = connect(tmp_path / "k.db")  # a small gmina: some age group has 1 or 2
    demo.build(small_demo, 150, seed=5, today=TODAY)
    data = community_forms.needs_diagnosis(small_demo, TODAY)
    small = [row for row in data.tables["diagnoza"][1] if "mniej niż 3" in row[0]]
    assert small and all("Grupa zbyt mała" in row[1] and "Obszary" not in row[1]
                         and "Obecnie" not in row[3] for row in small)


def test_an_empty_id_a_device_and_a_childs_signing_are_refused_before_a_number(
        tmp_path, capsys):
    import os
    from datetime import date as day

    from app.core.dates import add_months
    from app.people import residents_store
    from app.storage.opening import connect
    from tests.conftest import person, set_up_centre

    path = tmp_path / "k.db"
    db = connect(path)
    set_up_centre(db)
    child = residents_store.add(db, person(pesel="", id_document="ABC000001", first_name="Ola",
                                           birth_date=add_months(day.today(), -60).isoformat()))
    db.conn.close()
    out = str(tmp_path / "x.pdf")
    for args, message in ((["zgoda", "--id", ""], "wskaż, kogo dotyczy"),
                          (["zgoda", "--id", child.id, "--podpis", "odcisk"],
                           "Dziecko poniżej 13 lat nie podpisuje")):
        assert admin_cli.main(["document", *args, "--db", str(path), "--out", out]) == 2
        assert message in capsys.readouterr().err
    fifo = tmp_path / "rura"
    os.mkfifo(fifo)
    assert admin_cli.main(["document", "zgoda", "--id", child.id, "--db", str(path), "--out",
                           str(fifo)]) == 2
    assert "nie jest zwykłym plikiem" in capsys.readouterr().err
    assert admin_cli.main(["document", "zgoda", "--id", child.id, "--db", str(path), "--out",
                           str(tmp_path / "zgoda.txt")]) == 2
    assert "zmień nazwę na zgoda.pdf" in capsys.readouterr().err
    assert not (tmp_path / "zgoda.txt").exists()
    db = connect(path)
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM document_counters WHERE kind LIKE 'dok:%'"
                      ).fetchone() == (0,)
    db.conn.close()


def test_a_childs_consent_and_notice_speak_to_the_parent(db):
    """Under 13 a child acts only through a parent (art. 12 KC): "wyrażam zgodę na …
    moje dane" would have the child consent; the parent's wording is printed instead, and
    a 15-year-old still consents in the first person, with the parent's consent beside."""
    from datetime import date as day

    from app.core.dates import add_months
    from app.people import residents_store
    from tests.conftest import person

    child = residents_store.add(db, person(pesel="", id_document="ABC000002", first_name="Ola",
                                           birth_date=add_months(day.today(), -60).isoformat()))
    teen = residents_store.add(db, person(pesel="", id_document="ABC000003", first_name="Iga",
                                          birth_date=add_months(day.today(), -180).isoformat()))
    consent = " ".join(text_of(register.issue(db, "zgoda", child.id).pdf))
    assert "Jako przedstawiciel ustawowy (rodzic albo opiekun prawny) dziecka: Ola" in consent
    assert "dane osobowe dziecka" in consent and "moje dane" not in consent
    notice = " ".join(text_of(register.issue(db, "klauzula", child.id).pdf))
    assert "administratorem danych osobowych dziecka" in notice
    assert "Pani danych" not in notice and "Zapoznałam się" not in notice
    own = " ".join(text_of(register.issue(db, "zgoda", teen.id).pdf))
    assert "Ja, Iga" in own and "moich potrzeb" in own
    assert "przedstawiciela ustawowego (rodzica albo opiekuna) wyrażającego zgodę" in own
