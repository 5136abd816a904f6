"""Articles by compound head, and examples that use a term in an inflected form."""

import pytest

from vaktaal.dutch import ArticleLexicon, example_uses_term

LEXICON = ArticleLexicon.from_lines(
    ["article\tgroup\n", "de\tkous\n", "het\tmiddel\n", "de/het\tpad\n", "-\tAmsterdam\n"]
)


@pytest.mark.parametrize(
    ("term", "example", "plural"),
    [
        ("uitsoppen", "Sop de prullenbakken op vrijdag uit.", None),
        ("steunkous", "Mevrouw Jansen krijgt elke ochtend haar steunkousen aan.", "steunkousen"),
        ("Let op: natte vloer!", "Zet het bordje neer: let op, natte vloer!", None),
        ("Ik meld me ziek.", "Goedemorgen, met Ahmed. Ik meld me vandaag ziek.", None),
        ("schoon", "Pak een schone doek.", None),
        ("dragen", "Ik droeg de doos naar buiten.", None),
        ("maken", "Wie maakt de wc schoon?", None),
        ("opruimen", "Heb je alles opgeruimd?", None),
        ("afsluiten", "Je moet de kraan eerst afsluiten.", None),
    ],
)
def test_example_may_inflect_the_term(term, example, plural):
    assert example_uses_term(term, example, plural=plural)


@pytest.mark.parametrize(
    ("term", "example"),
    [
        ("dweil", "Pak de emmer en de trekker."),
        ("uitsoppen", "Maak de bak schoon."),
        ("Ik meld me ziek.", "Ik ben ziek."),
        ("heftruck", "De reachtruck staat in de hal."),
    ],
)
def test_example_without_the_term_is_caught(term, example):
    assert not example_uses_term(term, example)


def test_compound_takes_the_article_of_its_head():
    assert LEXICON.lookup("steunkous").article == "de"
    assert LEXICON.lookup("gewasbeschermingsmiddel").head == "middel"
    assert LEXICON.lookup("looppad").article == "de/het"


def test_short_false_heads_are_ignored():
    lexicon = ArticleLexicon.from_lines(["de\tr\n", "het\tas\n"])
    assert lexicon.lookup("ontkalker") is None
    assert lexicon.lookup("gas") is None
