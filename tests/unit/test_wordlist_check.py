"""The wordlist check: every problem names line, field and fix; the shipped lists have none."""

from pathlib import Path

import pytest

from vaktaal.dutch import ArticleLexicon
from vaktaal.wordlists import COLUMNS, Checker, Overrides, check_directory, load_checker, parse_csv, to_csv

ROOT = Path(__file__).resolve().parents[2]
LEXICON = ArticleLexicon.from_lines(["de\tdweil\n", "het\tmagazijn\n", "de/het\tpad\n", "de\temmer\n"])
CHECKER = Checker(LEXICON, Overrides({"looppad": "het"}))
HEADER = ",".join(COLUMNS)
GOOD = "dweil,dweil,de,dweilen,noun,A1,materialen,Pak de dweil.,,no,mop,ممسحة,,,,,"


def problems(*rows: str):
    numbered, found = parse_csv("\n".join([HEADER, *rows]) + "\n")
    return found + CHECKER.list_problems(numbered)


def test_a_good_row_has_no_problems():
    assert problems(GOOD) == []


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("dweil,dweil,,dweilen,noun,A1,materialen,Pak de dweil.,,no,mop,ممسحة,,,,,", "article", "'de' of 'het'"),
        ("dweil,dweil,het,dweilen,noun,A1,materialen,Pak de dweil.,,no,mop,ممسحة,,,,,", "article", "gender.tsv zegt"),
        ("pad,pad,het,paden,noun,A1,x,Loop op het pad.,,no,path,ممر,,,,,", "article", "zowel 'de' als 'het'"),
        ("dweil,dweil,de,,noun,A1,materialen,Pak de dweil.,,no,mop,ممسحة,,,,,", "plural", "meervoud"),
        ("dweil,dweil,de,dweilen,noun,C1,materialen,Pak de dweil.,,no,mop,ممسحة,,,,,", "level", "Onbekend niveau"),
        (
            "dweil,dweil,de,dweilen,noun,A1,materialen,Pak de emmer.,,no,mop,ممسحة,,,,,",
            "example",
            "moet 'dweil' bevatten",
        ),
        (
            "dweil,dweil,de,dweilen,noun,A1,materialen,Pak de dweil.,mop,no,mop,ممسحة,,,,,",
            "emoji",
            "niet één emoji",
        ),
        (
            "dweil,dweil,de,dweilen,noun,A1,materialen,Pak de dweil.,,misschien,mop,ممسحة,,,,,",
            "safety",
            "'yes' of 'no'",
        ),
        ("dweil,dweil,de,dweilen,noun,A1,materialen,Pak de dweil.,,no,mop,,,,,,", "ar", "verplicht"),
        (
            "dweil,dweil,de,dweilen,noun,A1,materialen,Pak de dweil.,,no,mop,ممسحة,,,,,xx",
            "checked",
            "Onbekende taalcode",
        ),
        ("Dweil,dweil,de,dweilen,noun,A1,materialen,Pak de dweil.,,no,mop,ممسحة,,,,,", "key", "kleine letters"),
        (
            "dweilen,dweilen,de,,verb,A1,handelingen,Dweil de gang.,,no,to mop,يمسح,,,,,",
            "article",
            "Alleen zelfstandige naamwoorden",
        ),
    ],
)
def test_each_problem_names_line_field_and_fix(row, field, words):
    found = problems(GOOD.replace("dweil,dweil", "emmer,emmer").replace("Pak de dweil", "Pak de emmer"), row)
    matching = [p for p in found if p.field == field]
    assert matching, found
    assert matching[0].line == 3
    assert words in matching[0].message


def test_duplicate_keys_and_terms_point_to_the_first():
    found = problems(GOOD, GOOD)
    assert {p.field for p in found} == {"key", "term"}
    assert all("regel 2" in p.message and p.line == 3 for p in found)


def test_unknown_language_column_is_reported():
    numbered, found = parse_csv(HEADER + ",xx\n")
    assert any("Onbekende kolom of taalcode 'xx'" in p.message for p in found)


def test_overrides_record_standard_dutch():
    numbered, found = parse_csv(
        HEADER + "\nlooppad,looppad,het,looppaden,noun,A2,veiligheid,Blijf op het looppad.,,yes,walkway,ممر,,,,,\n"
    )
    assert found + CHECKER.list_problems(numbered) == []


def test_file_format_round_trips():
    text = (
        "\n".join(
            [
                HEADER,
                GOOD,
                '"let-op",Let op!,,,phrase,A1,veiligheid,"Let op, de vloer is nat!",⚠️,yes,Careful!,انتبه!,,,,,en',
            ]
        )
        + "\n"
    )
    numbered, found = parse_csv(text)
    assert found == []
    assert to_csv(e for _, e in numbered) == text.replace('"let-op"', "let-op")


def test_shipped_wordlists_pass_the_check_with_enough_entries():
    checker = load_checker(ROOT / "data" / "dutch-gender" / "gender.tsv", ROOT / "wordlists" / "article-overrides.csv")
    reports = check_directory(ROOT / "wordlists", checker)
    assert [str(p) for r in reports for p in r.problems] == []
    assert len(reports) == 6
    for report in reports:
        levels = [e.level for e in report.entries]
        assert len(report.entries) >= 150, report.sector
        assert min(levels.count(level) for level in ("A1", "A2", "B1")) >= 30, report.sector
        kinds = {e.pos for e in report.entries}
        assert {"noun", "verb", "phrase"} <= kinds, report.sector
        assert any(e.safety for e in report.entries), report.sector
