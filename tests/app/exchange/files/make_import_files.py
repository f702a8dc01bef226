"""Writes the import test files: the same 200 rows as UTF-8 CSV (comma, BOM), Windows-1250
CSV (semicolon) and XLSX, and what the dry run must say of each row. Run once; the files
are committed. python -m tests.app.exchange.files.make_import_files"""

import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent
HEADERS = ["Nazwisko", "Imię", "PESEL", "Nr dowodu", "Data urodzenia", "Płeć", "Telefon",
           "Ulica", "Nr domu", "Kod pocztowy", "Miejscowość", "Gmina"]
SURNAMES = [("Kowalska", "Kowalski"), ("Wiśniewska", "Wiśniewski"), ("Dąbrowska", "Dąbrowski"),
            ("Łukaszewicz", "Łukaszewicz"), ("Żółtowska", "Żółtowski"), ("Szczęsna", "Szczęsny"),
            ("Gałązka", "Gałązka"), ("Śliwińska", "Śliwiński"), ("Kaźmierczak", "Kaźmierczak")]
WOMEN = ["Anna", "Małgorzata", "Żaneta", "Jadwiga", "Łucja", "Grażyna", "Halina"]
MEN = ["Jan", "Stanisław", "Łukasz", "Józef", "Zdzisław", "Mikołaj", "Ryszard"]
TOWNS = ["Żabno", "Gródek", "Zielęcin", "Wólka Łąkowa", "Kępa Świętej Anny"]
# the residents already in the register, whom some rows repeat
KNOWN = [("Nowakowska", "Bożena", "51031523480"), ("Wróbel", "Tadeusz", "44120787634")]


def pesel(born: date, female: bool, serial: int) -> str:
    month = born.month + {1800: 80, 1900: 0, 2000: 20}[born.year // 100 * 100]
    digits = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial % 1000:03d}" \
             f"{(serial % 5) * 2 + (0 if female else 1)}"
    weights = (1, 3, 7, 9) * 3 + (1,)
    check = (10 - sum(int(d) * w for d, w in zip(digits, weights[:10], strict=True)) % 10) % 10
    return digits + str(check)


def rows() -> tuple[list[list], list[str]]:
    rng = random.Random(13)
    out, expected = [], []
    for n in range(200):
        female = rng.random() < 0.55
        surname = rng.choice(SURNAMES)[0 if female else 1]
        first = rng.choice(WOMEN if female else MEN)
        born = date(1935, 1, 1) + timedelta(days=rng.randrange(0, 30000))
        row = [surname, first, pesel(born, female, n), "", born.strftime("%d.%m.%Y"),
               "K" if female else "M", f"6{rng.randrange(10**7, 10**8)}", "Polna",
               str(rng.randrange(1, 90)), "83-221", rng.choice(TOWNS), "Gmina Żabno"]
        status = "nowy"
        if n in (20, 21, 22):  # the same person twice in the file
            row = list(out[n - 10])
            status = "duplikat"
        elif n in range(30, 38):  # a PESEL with a wrong check digit
            row[2] = row[2][:10] + str((int(row[2][10]) + 1) % 10)
            status = "błędny"
        elif n == 40:  # 31 February
            row[2], row[3], row[4] = "", "ABC123456", "31.02.1950"
            status = "błędny"
        elif n == 41:
            row = [""] * len(HEADERS)
            status = "pusty"
        elif n == 42:  # forty columns: the data shifted
            row = row + [f"x{i}" for i in range(40 - len(row))]
            status = "błędny"
        elif n in (50, 51, 52):  # no PESEL, an identity document, the date as Excel keeps it
            row[2], row[3] = "", f"DEF{n:06d}"
            row[4] = str((born - date(1899, 12, 30)).days) if born.year >= 1928 else row[4]
        elif n in (60, 61):  # already in the register
            row[0], row[1], row[2] = KNOWN[n - 60]
            row[4], row[5] = "", "K" if n == 60 else "M"
            status = "duplikat"
        elif n == 70:  # an empty surname
            row[0] = ""
            status = "błędny"
        elif n == 71:  # a formula sent as a surname
            row[0] = '=HYPERLINK("http://zly.example";"Kliknij")'
            status = "błędny"
        elif n == 72:  # PESEL typed with full-width digits: NFKC makes them digits
            row[2] = row[2].translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})
        out.append(row)
        expected.append(status)
    return out, expected


def main() -> None:
    data, expected = rows()
    with open(HERE / "mieszkancy-utf8.csv", "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=",").writerows([HEADERS, *data])
    with open(HERE / "mieszkancy-cp1250.csv", "w", encoding="cp1250", newline="",
              errors="strict") as f:
        csv.writer(f, delimiter=";").writerows(
            [HEADERS, *[[c if not isinstance(c, str) or c.isascii() or n != 72 else
                         c.translate({ord(d) + 0xFEE0: ord(d) for d in "0123456789"})
                         for c in row] for n, row in enumerate(data)]])
    import xlsxwriter

    book = xlsxwriter.Workbook(str(HERE / "mieszkancy.xlsx"))
    sheet = book.add_worksheet("Lista")
    sheet.write_row(0, 0, HEADERS)
    for r, row in enumerate(data, 1):
        for c, value in enumerate(row):
            if c == 4 and value.isdigit():  # Excel's own date serial, as a number
                sheet.write_number(r, c, int(value))
            elif c == 2 and value.isdigit() and value[0] != "0" and r % 2:
                sheet.write_number(r, c, int(value))  # a PESEL that became a number
            else:
                sheet.write_string(r, c, value)
    book.close()
    (HERE / "mieszkancy-oczekiwane.json").write_text(
        json.dumps({"known": KNOWN, "verdicts": expected}, ensure_ascii=False, indent=0),
        encoding="utf-8")


if __name__ == "__main__":
    main()
