import pytest

from vaktaal.search import Searchable, normalise, search

ITEMS = [
    Searchable(1, "dweil", "dweilen"),
    Searchable(2, "dweilen"),
    Searchable(3, "emmer", "emmers"),
    Searchable(4, "hygiëne", "-"),
    Searchable(5, "vloerwisser", "vloerwissers"),
    Searchable(6, "Let op: natte vloer!"),
]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("dweil", 1),
        ("de dweil", 1),
        ("de dwijl", 1),
        ("emmers", 3),
        ("het emer", 3),
        ("hygiene", 4),
        ("vloerwiser", 5),
        ("natte vloer", 6),
        ("DWEILEN", 2),
    ],
)
def test_search_tolerates_typos_articles_plurals_and_accents(query, first):
    assert search(query, ITEMS)[0] == first


def test_typing_the_plural_finds_the_noun_too():
    assert set(search("dweilen", ITEMS)[:2]) == {1, 2}


def test_unrelated_or_empty_queries_find_nothing():
    assert search("heftruck", ITEMS) == []
    assert search("  ", ITEMS) == []
    assert search("de", ITEMS) == []


def test_normalise_removes_article_case_accents_and_punctuation():
    assert normalise("De Hygiëne!") == "hygiene"
    assert normalise("het  magazijn") == "magazijn"
