"""Wordlist entries: the CSV file format, and the one validation used by the file check and the API alike.

The format is documented in wordlists/FORMAT.md. Every problem names its line and field and says how to fix it,
in Dutch: the content team reads them in the terminal, teachers in the app.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

import emoji as emoji_lib

from vaktaal import csvsafe
from vaktaal.dutch import ArticleLexicon, example_uses_term, words
from vaktaal.roles import SECTORS, SUPPORT_LANGUAGES
from vaktaal.text import MESSAGES as TEXT_MESSAGES
from vaktaal.text import text_problem

LEVELS = ("A1", "A2", "B1")
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "phrase", "other")
ARTICLES = ("de", "het")
LANGUAGES = tuple(SUPPORT_LANGUAGES)  # en ar ti fa uk tr
REQUIRED_LANGUAGES = ("en", "ar")
COLUMNS = (
    ("key", "term", "article", "plural", "pos", "level", "theme", "example", "emoji", "safety")
    + LANGUAGES
    + ("checked",)
)


class Origin(StrEnum):
    """Where a term comes from: the shipped files (an import may retire it) or the app (never touched by one)."""

    FILE = "file"
    APP = "app"


class ProposalStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


KEY_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NO_PLURAL = "-"
UNREADABLE = (
    "Deze regel kan niet worden gelezen: controleer de aanhalingstekens, of sla het bestand opnieuw op als CSV."
)
FORMULA_MESSAGE = (
    "Begin niet met =, +, -, @ of een tab: een spreadsheet (Excel) leest dat als formule. Haal het teken weg."
)


@dataclass(frozen=True)
class Translation:
    text: str
    checked: bool = False


@dataclass(frozen=True)
class Entry:
    """One term of a wordlist, as in the file and in the API."""

    key: str
    term: str
    pos: str
    level: str
    theme: str
    example: str
    article: str | None = None
    plural: str | None = None
    emoji: str | None = None
    safety: bool = False
    translations: dict[str, Translation] = field(default_factory=dict)

    def content(self) -> dict:
        """A plain dict of everything an editor can change, for comparing an entry with the database."""
        return {
            "term": self.term,
            "article": self.article,
            "plural": self.plural,
            "pos": self.pos,
            "level": self.level,
            "theme": self.theme,
            "example": self.example,
            "emoji": self.emoji,
            "safety": self.safety,
            "translations": {
                code: {"text": t.text, "checked": t.checked} for code, t in sorted(self.translations.items())
            },
        }


@dataclass(frozen=True)
class Problem:
    """A problem in a wordlist: where it is (file, line, field) and what to do about it.

    ``advice`` marks a suggestion that never blocks saving: the article, plural and translation checks of an
    organisation's own term (see ``Checker.entry_problems``).
    """

    field: str
    message: str
    file: str = ""
    line: int = 0
    key: str = ""
    advice: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.file else f"line {self.line}"
        who = f" [{self.key}]" if self.key else ""
        return f"{where}{who} {self.field}: {self.message}"


@dataclass
class Overrides:
    """Nouns whose article deliberately differs from gender.tsv (wordlists/article-overrides.csv)."""

    articles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_csv(cls, text: str) -> "Overrides":
        reader = csv.DictReader(io.StringIO(text))
        return cls({row["noun"].strip().lower(): row["article"].strip() for row in reader if row.get("noun")})


def _texts(entry: Entry) -> list[tuple[str, str]]:
    """The free-text fields of an entry by field name, as a spreadsheet would get them (the plural '-' is a
    marker, not text)."""
    texts = [("term", entry.term), ("theme", entry.theme), ("example", entry.example)]
    texts += [(name, value) for name, value in (("article", entry.article), ("emoji", entry.emoji)) if value]
    if entry.plural and entry.plural != NO_PLURAL:
        texts.append(("plural", entry.plural))
    return texts + [(code, t.text) for code, t in sorted(entry.translations.items())]


@dataclass
class Checker:
    """Validates entries against the format rules, the article lexicon and the recorded overrides."""

    lexicon: ArticleLexicon
    overrides: Overrides = field(default_factory=Overrides)

    def entry_problems(self, entry: Entry, *, own: bool = False) -> list[Problem]:
        """Problems of one entry on its own (duplicates are a list's concern: see ``list_problems``).

        The shared lists (the files, and shared terms edited in the app) are checked strictly. For an organisation's
        own term (``own``) the article, plural and translation checks are advice (``Problem.advice``), never a
        block: such terms are heard on the work floor, where the teacher knows the word better than the noun list
        does, and are completed later. Everything else (an unknown part of speech or level, an article on a verb,
        an empty term) blocks both.
        """
        out: list[Problem] = []

        def add(name: str, message: str, advice: bool = False) -> None:
            out.append(Problem(name, message, key=entry.key, advice=advice))

        if not KEY_PATTERN.match(entry.key or ""):
            add("key", "Gebruik kleine letters en cijfers met '-' ertussen, bijvoorbeeld 'natte-vloer'.")
        for name, text in _texts(entry):
            problem = text_problem(text, multiline=name == "example")
            if problem:
                add(name, TEXT_MESSAGES[problem])
            elif csvsafe.starts_as_formula(text):
                add(name, FORMULA_MESSAGE)
        if not entry.term.strip():
            add("term", "Vul de Nederlandse term in.")
        if entry.pos not in PARTS_OF_SPEECH:
            add("pos", f"Onbekende woordsoort '{entry.pos}': kies uit {', '.join(PARTS_OF_SPEECH)}.")
        if entry.level not in LEVELS:
            add("level", f"Onbekend niveau '{entry.level}': kies uit {', '.join(LEVELS)}.")
        if not entry.theme.strip():
            add("theme", "Geef een thema binnen de sector, bijvoorbeeld 'veiligheid'.")
        if entry.pos == "noun":
            if own:
                self._own_noun_advice(entry, lambda name, message: add(name, message, advice=True))
            else:
                self._noun_problems(entry, add)
        else:
            if entry.article:
                add(
                    "article",
                    f"Alleen zelfstandige naamwoorden hebben een lidwoord: haal '{entry.article}' weg, of kies 'noun'.",
                )
            if entry.plural:
                add("plural", f"Alleen zelfstandige naamwoorden hebben een meervoud: haal '{entry.plural}' weg.")
        if not entry.example.strip():
            add("example", "Schrijf een korte zin zoals op het werk, met de term erin.")
        elif entry.term.strip() and not example_uses_term(entry.term, entry.example, plural=entry.plural):
            add("example", f"Het voorbeeld moet '{entry.term}' bevatten (een andere vorm van het woord mag ook).")
        if entry.emoji and not emoji_lib.is_emoji(entry.emoji):
            add("emoji", f"'{entry.emoji}' is niet één emoji: kies één emoji, of laat het leeg.")
        for code, translation in entry.translations.items():
            if code not in LANGUAGES:
                add("translations", f"Onbekende taalcode '{code}': kies uit {', '.join(LANGUAGES)}.")
            elif not translation.text.strip() and translation.checked:
                add(code, "Een lege vertaling kan niet gecontroleerd zijn: vul haar in of haal het vinkje weg.")
        for code in REQUIRED_LANGUAGES:
            if code not in entry.translations or not entry.translations[code].text.strip():
                language = SUPPORT_LANGUAGES[code][0]
                if own:
                    add(code, f"Nog geen vertaling in het {language}: vul die aan als je kunt.", advice=True)
                else:
                    add(code, f"De vertaling in het {language} ('{code}') is verplicht.")
        return out

    def _own_noun_advice(self, entry: Entry, add) -> None:
        """The article and plural of an organisation's own noun, as advice a teacher can act on."""
        hint = self.suggest_article(entry.term) if len(words(entry.term)) == 1 else None
        if entry.article not in ARTICLES:
            fix = f": de woordenlijst zegt '{hint} {entry.term}'" if hint else ""
            add("article", f"Het lidwoord is nog onbekend{fix}. Kies 'de' of 'het' als je het weet.")
        elif len(words(entry.term)) == 1 and self.overrides.articles.get(entry.term.lower()) is None:
            found = self.lexicon.lookup(entry.term)
            if found and found.article == "de/het":
                add("article", f"'{found.head}' kan 'de' en 'het' zijn: kies wat ze op het werk zeggen.")
            elif found and found.article != entry.article:
                add(
                    "article",
                    f"De woordenlijst zegt '{found.article} {found.head}'. Klopt '{entry.article} {entry.term}'?",
                )
        if not entry.plural:
            add(
                "plural",
                f"Het meervoud is nog onbekend: vul het in als je het weet, of '{NO_PLURAL}' als er geen meervoud is.",
            )

    def _noun_problems(self, entry: Entry, add) -> None:
        if entry.article not in ARTICLES:
            hint = self.suggest_article(entry.term)
            fix = f" (gender.tsv stelt '{hint}' voor)" if hint else ""
            add("article", f"Een zelfstandig naamwoord heeft een lidwoord nodig: 'de' of 'het'{fix}.")
        elif len(words(entry.term)) == 1:
            problem = self._article_disagreement(entry.term, entry.article)
            if problem:
                add("article", problem)
        if not entry.plural:
            add(
                "plural",
                f"Een zelfstandig naamwoord heeft een meervoud nodig, of '{NO_PLURAL}' als het geen meervoud heeft.",
            )

    def _article_disagreement(self, noun: str, article: str) -> str | None:
        override = self.overrides.articles.get(noun.lower())
        if override:
            if override != article:
                return f"article-overrides.csv zegt '{override}' voor '{noun}': maak ze gelijk."
            return None
        hint = self.lexicon.lookup(noun)
        if hint is None or hint.article == article:
            return None
        if hint.article == "de/het":
            return (
                f"gender.tsv staat zowel 'de' als 'het' toe voor '{hint.head}': leg het standaardlidwoord vast in "
                f"article-overrides.csv als '{noun.lower()},{article},<reden>'."
            )
        return (
            f"gender.tsv zegt '{hint.article} {hint.head}'. Gebruik '{hint.article}', of zet, als standaard-Nederlands "
            f"anders is, '{noun.lower()},{article},<reden>' in article-overrides.csv."
        )

    def suggest_article(self, noun: str) -> str | None:
        override = self.overrides.articles.get(noun.strip().lower())
        if override:
            return override
        hint = self.lexicon.lookup(noun)
        return hint.article if hint and hint.article in ARTICLES else None

    def list_problems(self, entries: Iterable[tuple[int, Entry]], *, own: bool = False) -> list[Problem]:
        """Problems of a whole list: each entry's own, plus duplicate keys and terms (line numbers given). An
        organisation's own list (``own``) gets the same advice as its single terms."""
        out: list[Problem] = []
        keys: dict[str, int] = {}
        terms: dict[str, int] = {}
        for line, entry in entries:
            out += [replace(p, line=line) for p in self.entry_problems(entry, own=own)]
            if entry.key in keys:
                out.append(
                    Problem(
                        "key",
                        f"Dubbele sleutel: staat ook op regel {keys[entry.key]}. Elke sleutel is uniek.",
                        "",
                        line,
                        entry.key,
                    )
                )
            keys.setdefault(entry.key, line)
            folded = " ".join(words(entry.term))
            if folded and folded in terms:
                out.append(
                    Problem(
                        "term",
                        f"Dubbele term: staat ook op regel {terms[folded]}. Voeg de twee samen.",
                        "",
                        line,
                        entry.key,
                    )
                )
            terms.setdefault(folded, line)
        return out


def parse_csv(text: str) -> tuple[list[tuple[int, Entry]], list[Problem]]:
    """Read a wordlist CSV. Returns (line number, entry) pairs and the problems of the file's structure."""
    problems: list[Problem] = []
    if text.startswith("\ufeff"):
        text = text[1:]
    # newline="": quoted cells may hold line breaks, and a lone carriage return ends a line (Excel on a Mac).
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error:
        return [], [Problem("header", UNREADABLE, line=1)]
    except StopIteration:
        return [], [
            Problem(
                "header",
                "Het bestand is leeg: de eerste regel moet de kolomnamen hebben: " + ",".join(COLUMNS) + ".",
                line=1,
            )
        ]
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in COLUMNS]
    for name in unknown:
        fix = "een taalcode uit " + ", ".join(LANGUAGES) if len(name) == 2 else "een van " + ", ".join(COLUMNS)
        problems.append(Problem("header", f"Onbekende kolom of taalcode '{name}': gebruik {fix}.", line=1))
    missing = [c for c in COLUMNS if c not in header and c not in LANGUAGES[2:] + ("checked", "emoji")]
    for name in missing:
        problems.append(Problem("header", f"De kolom '{name}' ontbreekt in de eerste regel.", line=1))
    if missing:
        return [], problems
    entries: list[tuple[int, Entry]] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error:  # a cell over csv's size limit, a NUL byte: nothing after it can be trusted
            problems.append(Problem("row", UNREADABLE, line=reader.line_num))
            break
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(
                Problem(
                    "row",
                    f"{len(header)} kolommen verwacht, {len(row)} gevonden: controleer de aanhalingstekens.",
                    line=line,
                )
            )
            continue
        values = {name: csvsafe.restore(cell.strip()) for name, cell in zip(header, row, strict=True)}
        entry, row_problems = _entry_from_row(values)
        problems += [replace(p, line=line, key=values.get("key", "")) for p in row_problems]
        entries.append((line, entry))
    return entries, problems


def _entry_from_row(values: dict[str, str]) -> tuple[Entry, list[Problem]]:
    problems = []
    checked = values.get("checked", "").split()
    for code in checked:
        if code not in LANGUAGES:
            problems.append(
                Problem("checked", f"Onbekende taalcode '{code}' in 'checked': kies uit {', '.join(LANGUAGES)}.")
            )
    safety = values.get("safety", "").lower()
    if safety not in ("yes", "no"):
        problems.append(Problem("safety", f"Schrijf 'yes' of 'no', niet '{values.get('safety', '')}'."))
    translations = {code: Translation(values[code], code in checked) for code in LANGUAGES if values.get(code)}
    entry = Entry(
        key=values["key"],
        term=values["term"],
        pos=values["pos"],
        level=values["level"],
        theme=values["theme"],
        example=values["example"],
        article=values["article"] or None,
        plural=values["plural"] or None,
        emoji=values.get("emoji") or None,
        safety=safety == "yes",
        translations=translations,
    )
    return entry, problems


def to_csv(entries: Iterable[Entry], *, repository: bool = False) -> str:
    """Write entries in the file format (the inverse of parse_csv), every cell spreadsheet-safe (``csvsafe``).

    ``repository``: for the shipped files in git, where the plural marker ``-`` stays as FORMAT.md shows it (a lone
    ``-`` is text in every spreadsheet, and the check refuses a formula start anywhere else). A download neutralises
    every cell, the ``-`` too; reading it back restores it.
    """
    rows = []
    for e in entries:
        checked = " ".join(code for code in LANGUAGES if code in e.translations and e.translations[code].checked)
        rows.append(
            [
                e.key,
                e.term,
                e.article or "",
                e.plural or "",
                e.pos,
                e.level,
                e.theme,
                e.example,
                e.emoji or "",
                "yes" if e.safety else "no",
            ]
            + [e.translations[code].text if code in e.translations else "" for code in LANGUAGES]
            + [checked]
        )
    return csvsafe.write(COLUMNS, rows, verbatim={NO_PLURAL} if repository else frozenset())


@dataclass
class FileReport:
    sector: str
    path: Path
    entries: list[Entry]
    problems: list[Problem]


def check_directory(directory: Path, checker: Checker) -> list[FileReport]:
    """Parse and validate every sector file in ``directory``; a missing sector file is a problem too."""
    reports = []
    for sector in SECTORS:
        path = directory / f"{sector}.csv"
        if not path.exists():
            reports.append(
                FileReport(
                    sector,
                    path,
                    [],
                    [Problem("file", "Het bestand met de woordenlijst van deze sector ontbreekt.", path.name, 0)],
                )
            )
            continue
        numbered, problems = parse_csv(path.read_text(encoding="utf-8"))
        problems += checker.list_problems(numbered)
        problems = sorted((replace(p, file=path.name) for p in problems), key=lambda p: (p.line, p.field))
        reports.append(FileReport(sector, path, [e for _, e in numbered], problems))
    return reports


def load_checker(lexicon_path: Path, overrides_path: Path) -> Checker:
    overrides = (
        Overrides.from_csv(overrides_path.read_text(encoding="utf-8")) if overrides_path.exists() else Overrides()
    )
    return Checker(ArticleLexicon.from_tsv(lexicon_path), overrides)
