"""An organisation's own terms: the article, plural and translation checks advise; the shared lists' checks block."""

import pytest

from vaktaal.dutch import ArticleLexicon
from vaktaal.wordlists import Checker, Entry, Overrides, Translation

CHECKER = Checker(
    ArticleLexicon.from_lines(["de\tdweil\n", "de/het\tfilter\n", "de\tkast\n"]), Overrides({"oliefilter": "het"})
)
TRANSLATIONS = {"en": Translation("x"), "ar": Translation("س")}


def entry(term="kalkfilter", article="het", plural=None, pos="noun", translations=None, example=None) -> Entry:
    return Entry(
        key="k",
        term=term,
        pos=pos,
        level="A2",
        theme="werkplek",
        example=example or f"Pak {article or ''} {term}.",
        article=article,
        plural=plural,
        translations=TRANSLATIONS if translations is None else translations,
    )


def by_field(problems) -> dict[str, tuple[bool, str]]:
    return {p.field: (p.advice, p.message) for p in problems}


@pytest.mark.parametrize("article", ["de", "het"])
def test_a_head_with_both_articles_takes_the_teachers_choice_with_a_word_of_advice(article):
    own = by_field(CHECKER.entry_problems(entry(article=article, plural="kalkfilters"), own=True))
    assert own == {"article": (True, "'filter' kan 'de' en 'het' zijn: kies wat ze op het werk zeggen.")}
    shared = by_field(CHECKER.entry_problems(entry(article=article, plural="kalkfilters")))
    assert shared["article"][0] is False and "article-overrides.csv" in shared["article"][1]


def test_an_article_the_noun_list_disagrees_with_is_advice_that_names_the_lists_article():
    own = by_field(CHECKER.entry_problems(entry(term="werkkast", article="het", plural="werkkasten"), own=True))
    assert own == {"article": (True, "De woordenlijst zegt 'de kast'. Klopt 'het werkkast'?")}


def test_an_override_is_no_reason_for_advice():
    assert CHECKER.entry_problems(entry(term="oliefilter", article="het", plural="oliefilters"), own=True) == []


def test_an_unknown_article_plural_and_translations_are_advice_and_say_what_to_do():
    problems = CHECKER.entry_problems(entry(term="werkkast", article=None, translations={}), own=True)
    assert all(p.advice for p in problems)
    found = by_field(problems)
    assert set(found) == {"article", "plural", "en", "ar"}
    assert "de woordenlijst zegt 'de werkkast'" in found["article"][1]
    assert "'-' als er geen meervoud is" in found["plural"][1]
    assert "Nog geen vertaling in het Engels" in found["en"][1]
    # The same entry for a shared list: every one of them blocks.
    assert not any(p.advice for p in CHECKER.entry_problems(entry(term="werkkast", article=None, translations={})))


def test_what_makes_a_term_unusable_still_blocks_an_own_term():
    verb = entry(term="ontkalken", pos="verb", article="de", plural="x", example="Ontkalk de kraan.")
    blocking = {p.field for p in CHECKER.entry_problems(verb, own=True) if not p.advice}
    assert blocking == {"article", "plural"}
    empty = {p.field for p in CHECKER.entry_problems(entry(term=" "), own=True) if not p.advice}
    assert "term" in empty
