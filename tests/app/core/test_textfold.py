from app.core.textfold import fold, sort_key, tokens


def test_fold_removes_all_polish_diacritics_including_l_stroke():
    assert fold("Łukasz ŻÓŁKIEWSKI") == "lukasz zolkiewski"
    assert fold("ąćęłńóśźż ĄĆĘŁŃÓŚŹŻ") == "acelnoszz acelnoszz"


def test_fold_splits_punctuation_into_words():
    assert tokens("ul. Źródlana 5/3, 83-221") == ["ul", "zrodlana", "5", "3", "83", "221"]
    assert fold(None) == "" and fold("") == ""


def test_sort_key_orders_by_polish_alphabet():
    names = [
        "Żak",
        "Zając",
        "Łuczak",
        "Lis",
        "Ślęzak",
        "Sowa",
        "Ćwikła",
        "Cieślak",
        "Ożóg",
        "Olszewski",
        "Nowak",
        "Nowakowski",
        "Ącki",
        "Adamski",
        "Źrałek",
    ]
    ordered = sorted(names, key=lambda n: sort_key(n))
    assert ordered == [
        "Adamski",
        "Ącki",
        "Cieślak",
        "Ćwikła",
        "Lis",
        "Łuczak",
        "Nowak",
        "Nowakowski",
        "Olszewski",
        "Ożóg",
        "Sowa",
        "Ślęzak",
        "Zając",
        "Źrałek",
        "Żak",
    ]


def test_sort_key_ignores_case_and_compares_first_name_after_surname():
    assert sort_key("nowak", "Anna") < sort_key("Nowak", "Zofia") < sort_key("Nowakowska", "A")
