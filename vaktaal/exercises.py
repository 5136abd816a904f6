"""Exercises for one card and skill, built so a phone can show and grade them offline, and grading of typed answers.

Participants read little: an exercise leans on sound and emoji first, and shows a support language the participant
chose only as a meaning. Every exercise can be shown for the thinnest term (only the Dutch and its sound).
Multiple-choice options never repeat each other, never look like the right answer, and never also fit.
"""

import random
import re
import unicodedata
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from vaktaal.dutch import words


class Skill(StrEnum):
    LISTENING = "listening"
    READING = "reading"
    WRITING = "writing"
    SPEAKING = "speaking"
    CONVERSATION = "conversation"


# Skills practised by recognising the term among options, rather than producing it.
RECOGNITION = (Skill.LISTENING, Skill.READING)


class Result(StrEnum):
    CORRECT = "correct"
    SLIP = "slip"
    WRONG = "wrong"


@dataclass(frozen=True)
class TermInfo:
    """What exercise building needs to know of a term."""

    id: int
    sector: str
    theme: str
    level: str  # A1 / A2 / B1
    pos: str  # noun verb adjective adverb phrase other
    term: str  # "dweil", or a phrase "Ik meld me ziek."
    article: str | None  # "de"/"het" for nouns
    example: str
    emoji: str | None = None
    translations: dict[str, str] = field(default_factory=dict)  # language code -> text
    audio_url: str | None = None
    example_audio_url: str | None = None


GENERAL_SECTOR = "algemeen"  # the basics for every job: part of every learner's pool, nobody's own sector
OPTIONS = 4  # the right answer and three distractors: at most four answers on a screen
ELLIPSIS = "…"
ARTICLES = ("de", "het", "een")
# Typed answers: these characters are dropped before comparing (phone keyboards add the curly quotes themselves).
TYPED_PUNCTUATION = ".,!?;:'\"’‘“”„"
# Words a phrase may have between its own words in an example ("Ik meld me vandaag ziek.").
MAX_WORDS_BETWEEN = 4

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]")
_TRAILING_END = re.compile(r"\s*[.!?]+")
_TYPED_DROP = str.maketrans("", "", TYPED_PUNCTUATION)
_EMOJI_VARIATION = "\ufe0f"  # "⚠" and "⚠️" are the same picture
# A borrowed example uses the phrase as a clause: after the start or punctuation, up to punctuation or the end.
_CLAUSE_BEFORE = re.compile(r"(?:^|[.!?:;,…])\s*$")
_CLAUSE_AFTER = re.compile(r"\s*(?:[.!?:;,…]|$)")

# Phrases of different themes that do the same thing at work, so that one never is a distractor for another in a
# conversation exercise (see ``interchangeable``). Compared by their words, ignoring case and punctuation. Phrases
# of one theme are kept apart by their theme already; this list is for the pairs themes miss.
NEAR_SYNONYMS: tuple[tuple[str, ...], ...] = (
    # asking for help
    (
        "Help!",
        "Ik heb hulp nodig.",
        "Kun je me even helpen tillen?",
        "Kun je even helpen met lossen?",
        "Kun je dit even vasthouden?",
        "Ik kan dit niet alleen.",
        "Dit is te zwaar voor mij.",
    ),
    # warning someone
    ("Stop!", "Pas op!", "Niet aanraken!", "Kijk uit, er komt een heftruck!", "Let op: natte vloer!"),
    # not understanding
    (
        "Ik begrijp het niet.",
        "Ik weet het niet.",
        "Kunt u dat herhalen?",
        "Kunt u langzamer praten?",
        "Kunt u het laten zien?",
        "Kunt u het opschrijven?",
        "Wat betekent dit woord?",
        "Hoe zeg je dat in het Nederlands?",
    ),
    # greeting
    ("Goedemorgen!", "Goedemorgen, mevrouw.", "Hoe gaat het met u?", "Heeft u goed geslapen?"),
    # finished, and what now
    (
        "Ik ben klaar.",
        "Wat moet ik nu doen?",
        "Mijn order is klaar.",
        "Ik ben klaar met deze verdieping.",
        "Ik ben klaar met deze rij.",
        "Waar moet ik vandaag beginnen?",
        "Welke rij moet ik doen?",
        "In welke kas werk ik vandaag?",
    ),
    # something is broken
    (
        "Er is iets kapot.",
        "Hij doet het niet.",
        "De scanner doet het niet.",
        "De stofzuiger doet het niet.",
        "De palletwagen is kapot.",
        "Ik heb iets kapotgemaakt.",
    ),
    # something is used up
    (
        "Het toiletpapier is op.",
        "Het materiaal is op.",
        "Dit artikel is op.",
        "Het fust is op.",
        "Deze locatie is leeg.",
        "Ik heb nieuwe dozen nodig.",
    ),
    # praise and thanks ("Dank u wel! Dat heb je netjes gedaan." works as well as "Goed zo!")
    ("Goed zo!", "Ga zo door!", "Dank u wel."),
    # asking before coming in
    ("Mag ik binnenkomen?", "Mag ik hier schoonmaken?", "Sorry dat ik stoor.", "Mag ik iets vragen?"),
    # not allowed to
    ("Dat mag ik niet doen.", "Ik mag niet op de heftruck rijden.", "Ik heb geen certificaat voor de heftruck."),
    # making way
    ("Zet de werkwagen aan de kant.", "Zet de kar aan de kant.", "Kunt u even opzij gaan?", "Houd het gangpad vrij."),
    # not well, hurt
    ("Ik voel me niet goed.", "Ik meld me ziek.", "Ik heb me bezeerd.", "Ik heb me gesneden."),
)


def display(term: TermInfo) -> str:
    """The term as taught and shown: a noun with its article ("de dweil"), anything else as written.

    Args:
        term: The term.

    Returns:
        ``"<article> <term>"`` for a noun with an article, else ``term.term``.
    """
    if term.pos == "noun" and term.article:
        return f"{term.article} {term.term}"
    return term.term


def skills_for(term: TermInfo) -> tuple[Skill, ...]:
    """The skills a term is practised in: phrases are said in conversation, other terms are written.

    Args:
        term: The term.

    Returns:
        ``(LISTENING, READING, SPEAKING, CONVERSATION)`` for a phrase, else ``(LISTENING, READING, WRITING,
        SPEAKING)``.
    """
    return skills_for_pos(term.pos)


def skills_for_pos(pos: str) -> tuple[Skill, ...]:
    """The skills a term of this part of speech is practised in (see ``skills_for``)."""
    if pos == "phrase":
        return (Skill.LISTENING, Skill.READING, Skill.SPEAKING, Skill.CONVERSATION)
    return (Skill.LISTENING, Skill.READING, Skill.WRITING, Skill.SPEAKING)


@lru_cache(maxsize=65536)
def _label_key(label: str | None) -> str:
    """How a label is compared with others: case, punctuation, spacing and emoji variation selectors ignored.
    (Cached: a session compares the same few hundred labels many times.)"""
    text = unicodedata.normalize("NFC", label or "").replace(_EMOJI_VARIATION, "").casefold()
    text = "".join(" " if unicodedata.category(ch).startswith("P") else ch for ch in text)
    return " ".join(text.split())


def pick_distractors(
    term: TermInfo,
    pool: Sequence[TermInfo],
    *,
    count: int = 3,
    rng: random.Random,
    label: Callable[[TermInfo], str] = display,
) -> list[TermInfo]:
    """Wrong options for a multiple-choice exercise, as close to the term's own work context as the pool allows.

    Candidates are taken step by step, widening only when a step has too few: the same sector, theme and level;
    the same sector and theme; the same sector and level; the same sector; anything in the pool. Within a step,
    terms of the same part of speech (phrases with phrases) come first, in an order shuffled by ``rng``. A
    candidate is skipped when it is the term itself (same id), when its label is empty, or when its label equals
    the term's label or an already chosen one (ignoring case, punctuation and spacing), so no two options look
    alike and none looks like the right answer.

    Args:
        term: The right answer.
        pool: Terms to choose from; may contain ``term`` itself and duplicates. Its order does not matter.
        count: How many distractors to return.
        rng: The source of randomness; the same seed and pool give the same distractors.
        label: What an option shows, used to keep options apart (``display`` by default; an emoji or a
            translation for picture and meaning options).

    Returns:
        Up to ``count`` distinct terms, closest first; fewer only when the pool has no more candidates.

    Raises:
        ValueError: If ``count`` is negative.
    """
    if count < 0:
        raise ValueError(f"count must be 0 or more, got {count}")
    steps: tuple[Callable[[TermInfo], bool], ...] = (
        lambda t: t.sector == term.sector and t.theme == term.theme and t.level == term.level,
        lambda t: t.sector == term.sector and t.theme == term.theme,
        lambda t: t.sector == term.sector and t.level == term.level,
        lambda t: t.sector == term.sector,
        lambda t: True,
    )
    # Sorted by id so that the result depends on the seed, not on the order a query returned the pool in.
    remaining = sorted({t.id: t for t in pool if t.id != term.id}.values(), key=lambda t: t.id)
    taken = {_label_key(label(term))}
    chosen: list[TermInfo] = []
    for in_step in steps:
        if len(chosen) >= count or not remaining:
            break
        step = [t for t in remaining if in_step(t)]
        remaining = [t for t in remaining if not in_step(t)]
        same = [t for t in step if t.pos == term.pos]
        other = [t for t in step if t.pos != term.pos]
        rng.shuffle(same)
        rng.shuffle(other)
        for candidate in same + other:
            if len(chosen) >= count:
                break
            key = _label_key(label(candidate))
            if key and key not in taken:
                taken.add(key)
                chosen.append(candidate)
    return chosen


def _translated(term: TermInfo, code: str | None) -> str | None:
    text = term.translations.get(code, "").strip() if code else ""
    return text or None


def _meaning(term: TermInfo, languages: Sequence[str]) -> tuple[str, str] | None:
    """The term's meaning in the first of ``languages`` that has one, as (code, text); None when none has.

    There is no fallback to a language the participant did not choose (English for a Tigrinya reader is noise, and
    a wrong-script option is a guess): a participant who reads English as well lists it as a second language.
    """
    for code in languages:
        text = _translated(term, code)
        if text:
            return code, text
    return None


def _emoji(term: TermInfo) -> str:
    return term.emoji or ""


def _shuffled(term: TermInfo, distractors: list[TermInfo], rng: random.Random) -> list[TermInfo]:
    options = [term, *distractors]
    rng.shuffle(options)
    return options


def _exercise(
    card_id: int,
    term: TermInfo,
    skill: Skill,
    *,
    prompt: dict,
    answer: dict,
    options: list[dict] | None = None,
    options_kind: str | None = None,
    language: str | None = None,
) -> dict:
    return {
        "card_id": card_id,
        "term_id": term.id,
        "skill": skill.value,
        "type": skill.value,
        "options_kind": options_kind if options else None,
        "language": language,
        "prompt": prompt,
        "options": options or [],
        "answer": answer,
    }


def _listening(card_id: int, term: TermInfo, pool: Sequence[TermInfo], rng: random.Random) -> dict:
    distractors: list[TermInfo] = []
    kind = "word"
    if term.emoji:
        own = _label_key(display(term))
        pictured = [t for t in pool if t.emoji and _label_key(display(t)) != own]
        distractors = pick_distractors(term, pictured, count=OPTIONS - 1, rng=rng, label=_emoji)
        kind = "emoji" if len(distractors) == OPTIONS - 1 else "word"
    if kind == "word":
        distractors = pick_distractors(term, pool, count=OPTIONS - 1, rng=rng)
    options = [
        {
            "id": t.id,
            "emoji": t.emoji if kind == "emoji" else None,
            "label": display(t),
            "audio_url": t.audio_url,
        }
        for t in _shuffled(term, distractors, rng)
    ]
    return _exercise(
        card_id,
        term,
        Skill.LISTENING,
        prompt={"audio_url": term.audio_url, "text": None},
        options=options,
        options_kind=kind,
        answer={"option_id": term.id},
    )


def _reading_attempts(
    term: TermInfo, pool: Sequence[TermInfo], languages: Sequence[str], rng: random.Random
) -> Iterator[tuple[str, str | None, list[TermInfo]]]:
    """The reading forms the term supports, best first, each as (kind, language code, distractors)."""
    meaning = _meaning(term, languages)
    if term.emoji:
        code = meaning[0] if meaning else None
        own = _label_key(meaning[1]) if meaning else ""
        pictured = [t for t in pool if t.emoji and not (own and _label_key(_translated(t, code)) == own)]
        yield "emoji", code, pick_distractors(term, pictured, count=OPTIONS - 1, rng=rng, label=_emoji)
    for code in dict.fromkeys(languages):
        if not _translated(term, code):
            continue
        translated = [t for t in pool if _translated(t, code)]

        def in_language(t: TermInfo, code: str = code) -> str:
            return _translated(t, code) or ""

        yield "translation", code, pick_distractors(term, translated, count=OPTIONS - 1, rng=rng, label=in_language)
    # Needs nothing but the Dutch and its sound: read the word, then find which of four sounds says it.
    yield "sound", None, pick_distractors(term, pool, count=OPTIONS - 1, rng=rng)


def _reading(
    card_id: int, term: TermInfo, pool: Sequence[TermInfo], languages: Sequence[str], rng: random.Random
) -> dict:
    attempts = []
    for attempt in _reading_attempts(term, pool, languages, rng):
        attempts.append(attempt)
        if len(attempt[2]) == OPTIONS - 1:
            break
    # The first form that fills the screen; when none does, the one with the most options (the earlier on a tie).
    kind, code, distractors = max(attempts, key=lambda attempt: len(attempt[2]))
    shown = _shuffled(term, distractors, rng)
    if kind == "sound":
        # The label is not shown before answering (that would be matching letters, not reading): the phone shows
        # a numbered speaker per option, speaks the label when there is no audio, and shows it after the answer.
        options = [{"id": t.id, "emoji": None, "label": display(t), "audio_url": t.audio_url} for t in shown]
    else:
        labels = [_translated(t, code) for t in shown]
        if kind == "emoji" and not all(labels):
            # A meaning under some pictures only would point at the right one (or away from it): all or none.
            labels, code = [None] * len(shown), None
        options = [
            {"id": t.id, "emoji": t.emoji if kind == "emoji" else None, "label": label}
            for t, label in zip(shown, labels, strict=True)
        ]
    return _exercise(
        card_id,
        term,
        Skill.READING,
        prompt={"text": display(term), "audio_url": None},
        options=options,
        options_kind=kind,
        language=code,
        answer={"option_id": term.id, "audio_url": term.audio_url},
    )


def _writing(card_id: int, term: TermInfo, languages: Sequence[str]) -> dict:
    meaning = _meaning(term, languages)
    return _exercise(
        card_id,
        term,
        Skill.WRITING,
        prompt={"audio_url": term.audio_url, "emoji": term.emoji, "translation": meaning[1] if meaning else None},
        language=meaning[0] if meaning else None,
        answer={"text": display(term), "article": term.article, "term": term.term, "pos": term.pos},
    )


def _speaking(card_id: int, term: TermInfo, languages: Sequence[str]) -> dict:
    meaning = _meaning(term, languages)
    # Without a picture or a meaning there is nothing to say it from: then hear it and say it after.
    repeat = not term.emoji and not meaning
    return _exercise(
        card_id,
        term,
        Skill.SPEAKING,
        prompt={
            "emoji": term.emoji,
            "translation": meaning[1] if meaning else None,
            "text": None,
            "audio_url": term.audio_url if repeat else None,
        },
        language=meaning[0] if meaning else None,
        answer={"self_graded": True, "model_audio_url": term.audio_url, "text": display(term)},
    )


@lru_cache(maxsize=16384)
def _tokens(example: str) -> tuple[tuple[str, int, int], ...]:
    """The words of an example, lower case, with where each stands (cached: the pool's examples are searched for
    every conversation exercise of a session)."""
    return tuple((m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(example))


def _phrase_span(phrase: list[str], example: str, between: int) -> tuple[int, int] | None:
    """Where the phrase's words stand in order in one sentence of ``example``, with at most ``between`` others."""
    tokens = _tokens(example)
    for first, (word, start, _) in enumerate(tokens):
        if word != phrase[0]:
            continue
        at, spare = first, between
        for wanted in phrase[1:]:
            at += 1
            while at < len(tokens) and tokens[at][0] != wanted and spare > 0:
                at, spare = at + 1, spare - 1
            if at >= len(tokens) or tokens[at][0] != wanted:
                break
        else:
            end = tokens[at][2]
            if not _SENTENCE_END.search(example, start, end):
                return start, end
    return None


def _gap(phrase: list[str], example: str, *, whole_clause: bool = False) -> str | None:
    """``example`` with the phrase replaced by "…", or None when the phrase is not in it or nothing else is left.

    The phrase's words are found in order, ignoring case and punctuation, first next to each other and then (unless
    ``whole_clause``) with up to ``MAX_WORDS_BETWEEN`` other words between them; "…" also takes the place of the
    phrase's own closing ".", "!" or "?". With ``whole_clause`` the phrase must stand as a clause of its own: at the
    start of the example or after punctuation, and followed by punctuation or the end (so a borrowed sentence uses
    the phrase as the phrase, not as part of something else).
    """
    example = unicodedata.normalize("NFC", example)
    if not phrase:
        return None
    span = _phrase_span(phrase, example, 0)
    if whole_clause:
        if span and not (_CLAUSE_BEFORE.search(example[: span[0]]) and _CLAUSE_AFTER.match(example, span[1])):
            span = None
    elif span is None:
        span = _phrase_span(phrase, example, MAX_WORDS_BETWEEN)
    if not span:
        return None
    start, end = span
    closing = _TRAILING_END.match(example, end)
    end = closing.end() if closing else end
    text = " ".join(f"{example[:start]}{ELLIPSIS}{example[end:]}".split())
    return text if words(text) else None


@dataclass(frozen=True)
class Situation:
    """What a conversation exercise shows: a work situation with a gap, or the phrase's meaning."""

    text: str
    language: str | None = None  # the code of a meaning; None for a Dutch situation
    source_id: int | None = None  # the term whose example it is


def situation_for(
    term: TermInfo, pool: Sequence[TermInfo], *, languages: Sequence[str] = (), sectors: Collection[str] = ()
) -> Situation | None:
    """The work situation a phrase answers: an example sentence with the phrase left out.

    Chosen from the learner's own work first. In order:

    1. the phrase's own example, when the phrase belongs to one of ``sectors`` (other than ``algemeen``);
    2. the example of another term of the pool from one of those sectors, where the phrase stands as a clause of
       its own (for "Pas op!", a cleaner gets "…: chloor en zuur geven samen giftig gas!" rather than the
       general list's forklift); the lowest term id first, so a phrase keeps its situation;
    3. the phrase's own example;
    4. the phrase's meaning in the first of ``languages`` that has one (to be answered with the Dutch).

    In an example of its own the phrase's words are found in order, ignoring case and punctuation, with up to
    ``MAX_WORDS_BETWEEN`` other words between them ("Ik meld me vandaag ziek."); they are replaced by one "…",
    which also takes the place of the phrase's own closing ".", "!" or "?".

    Args:
        term: A phrase.
        pool: Terms whose examples may be borrowed.
        languages: The participant's support languages, in order of preference.
        sectors: The learner's own sectors.

    Returns:
        The situation, or None when the examples do not help and no chosen language has a translation.
    """
    phrase = words(term.term)
    home = set(sectors) - {GENERAL_SECTOR}
    own = _gap(phrase, term.example)
    if own and term.sector in home:
        return Situation(own, source_id=term.id)
    for other in sorted(pool, key=lambda t: t.id):
        if other.id != term.id and other.sector in home:
            borrowed = _gap(phrase, other.example, whole_clause=True)
            if borrowed:
                return Situation(borrowed, source_id=other.id)
    if own:
        return Situation(own, source_id=term.id)
    meaning = _meaning(term, languages)
    return Situation(meaning[1], language=meaning[0]) if meaning else None


def _synonym_key(text: str) -> str:
    return " ".join(words(text))


_SYNONYM_GROUP = {_synonym_key(phrase): number for number, group in enumerate(NEAR_SYNONYMS) for phrase in group}


def _contains(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return n > 0 and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def interchangeable(a: TermInfo, b: TermInfo) -> bool:
    """Whether two phrases might both fit one situation, so that one may never be a distractor for the other.

    A conversation exercise is fair only when exactly one option fits the gap. Two phrases are kept apart when:

    1. they share a theme (by name, across sectors: "veiligheid" of algemeen and of logistiek is one theme): the
       phrases of a theme are said in the same kind of moment ("Stop!" and "Pas op!" both warn);
    2. the words of one stand, in order, in the other ("Ik ben klaar." and "Ik ben klaar met deze rij.");
    3. they have the same translation in a language both have (said with other words, meant the same);
    4. they are in one group of ``NEAR_SYNONYMS``: phrases of different themes that do the same thing at work
       (asking for help, not understanding, greeting, reporting something broken or used up ...).

    Args:
        a: A phrase.
        b: Another phrase.

    Returns:
        True when either could stand in the other's situation.
    """
    theme_a, theme_b = _label_key(a.theme), _label_key(b.theme)
    if theme_a and theme_a == theme_b:
        return True
    words_a, words_b = words(a.term), words(b.term)
    if _contains(words_a, words_b) or _contains(words_b, words_a):
        return True
    for code, text in a.translations.items():
        key = _label_key(text)
        if key and key == _label_key(b.translations.get(code)):
            return True
    group = _SYNONYM_GROUP.get(_synonym_key(a.term))
    return group is not None and group == _SYNONYM_GROUP.get(_synonym_key(b.term))


def _conversation(
    card_id: int,
    term: TermInfo,
    pool: Sequence[TermInfo],
    languages: Sequence[str],
    sectors: Collection[str],
    rng: random.Random,
) -> dict:
    situation = situation_for(term, pool, languages=languages, sectors=sectors)
    source = situation.source_id if situation else None
    phrases = [t for t in pool if t.pos == "phrase" and t.id != source and not interchangeable(term, t)]
    distractors = pick_distractors(term, phrases, count=OPTIONS - 1, rng=rng, label=lambda t: t.term)
    options = []
    if distractors:
        options = [{"id": t.id, "label": t.term, "audio_url": t.audio_url} for t in _shuffled(term, distractors, rng)]
    if situation is None:
        # Nothing to make a situation of: hear the phrase, find it, say it. (The translation of the answer is never
        # shown next to a Dutch situation: it would give the answer away.)
        prompt = {"situation": None, "translation": None, "audio_url": term.audio_url}
    elif situation.language:
        prompt = {"situation": situation.text, "translation": situation.text, "audio_url": None}
    else:
        # The example's audio says the phrase itself: it belongs to the answer, played after choosing.
        prompt = {"situation": situation.text, "translation": None, "audio_url": None}
    return _exercise(
        card_id,
        term,
        Skill.CONVERSATION,
        prompt=prompt,
        options=options,
        options_kind="phrase",
        language=situation.language if situation else None,
        answer={
            "option_id": term.id,
            "text": term.term,
            "then_say": True,
            "model_audio_url": term.audio_url,
            "example_audio_url": term.example_audio_url,
        },
    )


# What each kind of option shows: an option without it would be a blank button.
_OPTION_SHOWS = {"emoji": "emoji", "word": "label", "translation": "label", "sound": "label", "phrase": "label"}


def _check_showable(exercise: dict) -> dict:
    """The exercise itself, or ValueError when the phone would show an empty prompt or a blank option."""
    where = f"{exercise['type']} exercise of term {exercise['term_id']}"
    if not any(value for value in exercise["prompt"].values()):
        raise ValueError(f"the {where} has an empty prompt: the term needs its audio_url")
    options = exercise["options"]
    shows = _OPTION_SHOWS.get(exercise["options_kind"], "label")
    for option in options:
        if not str(option.get(shows) or "").strip():
            raise ValueError(f"the {where} has a blank option (term {option['id']} has no {shows})")
    return exercise


def build_exercise(
    card_id: int,
    term: TermInfo,
    skill: Skill,
    *,
    pool: Sequence[TermInfo],
    languages: Sequence[str] | str | None = (),
    sectors: Collection[str] = (),
    rng: random.Random,
) -> dict:
    """One exercise as a JSON-ready dict that holds its own answer, so the phone can show and grade it offline.

    Every exercise has the keys ``card_id``, ``term_id``, ``skill``, ``type`` (the skill's value), ``options_kind``
    (``"emoji"``, ``"word"``, ``"translation"``, ``"sound"``, ``"phrase"``, or None without options), ``language``
    (the code of the translation shown, or None), ``prompt``, ``options`` (a list, empty without options) and
    ``answer``.

    Each skill has forms from rich to thin, and the exercise takes the first the term supports, so a term with
    nothing but its Dutch and its sound (a term a teacher just added after a visit) still gets a real exercise of
    every skill; none has an empty prompt or a blank option:

    - listening: hear the term, pick it. With an emoji, and three other terms with their own emoji in the pool,
      the options are pictures (``"emoji"``); otherwise written words the phone reads aloud on tap (``"word"``).
    - reading: read the term, then pick its picture (``"emoji"``; the meanings under the pictures only when all
      four have one in the language), or its meaning (``"translation"``, in the first support language that has
      one for the term and three others), or else the one of four sounds that says it (``"sound"``: options with
      ``audio_url`` and the Dutch as ``label``, shown only after answering).
    - writing: hear it (with emoji and meaning as help), type it; graded with the rules of ``grade_typed``.
    - speaking: see the emoji or the meaning, say it, compare with the model audio; with neither, hear it
      (``prompt.audio_url``) and say it after.
    - conversation (phrases): the situation of ``situation_for`` (a Dutch sentence with a gap, or the meaning),
      pick the phrase that fits among phrases that are not ``interchangeable`` with it, then say it. Without any
      situation, the phrase is heard (``prompt.audio_url``), picked and said. With no fair distractor in the pool,
      there are no options: the participant says the phrase straight away.

    Meanings come only from the participant's ``languages``, never from a language they did not choose: where
    none has a translation the exercise uses the picture or the Dutch with its sound. Multiple-choice options are
    the right term and up to three ``pick_distractors`` (fewer only when the pool runs out: every learner's pool
    holds the general list), shuffled with ``rng``; an option's
    ``emoji`` is set only when the options are pictures, so the four look alike.

    Args:
        card_id: The card the exercise practises; returned with the answer.
        term: The term of the card.
        skill: The skill practised; one of ``skills_for(term)``.
        pool: Terms to take distractors (and situations) from: the learner's sectors and the general list.
        languages: The participant's support languages, in order of preference (one code is read as one
            language; empty or None: Dutch only).
        sectors: The learner's own sectors (situations come from these first).
        rng: The source of randomness for distractors and option order.

    Returns:
        The exercise.

    Raises:
        ValueError: If ``skill`` is unknown or not practised for this term, or the exercise could not be shown:
            a prompt with nothing in it (a term without ``audio_url`` where only its sound is left to show) or a
            blank option.
    """
    try:
        skill = Skill(skill)
    except ValueError:
        raise ValueError(f"unknown skill '{skill}': choose from {', '.join(Skill)}") from None
    allowed = skills_for(term)
    if skill not in allowed:
        raise ValueError(
            f"skill '{skill}' is not practised for term {term.id} ({term.pos}): choose from {', '.join(allowed)}"
        )
    languages = (languages,) if isinstance(languages, str) else tuple(languages or ())
    if skill is Skill.LISTENING:
        exercise = _listening(card_id, term, pool, rng)
    elif skill is Skill.READING:
        exercise = _reading(card_id, term, pool, languages, rng)
    elif skill is Skill.WRITING:
        exercise = _writing(card_id, term, languages)
    elif skill is Skill.SPEAKING:
        exercise = _speaking(card_id, term, languages)
    else:
        exercise = _conversation(card_id, term, pool, languages, sectors, rng)
    return _check_showable(exercise)


def _normalise(text: str) -> str:
    """A typed answer as compared: lower case, the punctuation of ``TYPED_PUNCTUATION`` dropped, single spaces.

    Args:
        text: What was typed, or the expected answer.

    Returns:
        The normalised text ("  De  Dweil! " -> "de dweil").
    """
    text = unicodedata.normalize("NFC", text).lower().translate(_TYPED_DROP)
    return " ".join(text.split())


def _distance(a: str, b: str) -> int:
    """Edits from ``a`` to ``b`` (optimal string alignment): insert, delete, replace, or swap two neighbours."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _allowed_slips(expected: str) -> int:
    return 1 if len(expected) <= 6 else 2


def _without_articles(text: str) -> str:
    """Drop a leading and a trailing article, keeping at least one word ("het dweilen" -> "dweilen")."""
    tokens = text.split()
    if len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    if len(tokens) > 1 and tokens[-1] in ARTICLES:
        tokens = tokens[:-1]
    return " ".join(tokens)


def grade_typed(term: TermInfo, typed: str) -> tuple[Result, str | None]:
    """Grade a typed answer, tolerant of what a phone keyboard does and strict about the word itself.

    The rules, in order (the phone grades writing exercises offline with the same rules):

    1. Both sides are normalised: lower case, the characters ``.,!?;:'"’‘“”„`` removed, spaces trimmed and
       collapsed. Empty input is ``(WRONG, None)``.
    2. A noun with an article is expected with it ("de dweil"). The typed text's first word is its article when it
       is "de", "het" or "een" and more words follow. The right article and word is ``(CORRECT, None)``; the right
       word with a wrong or missing article is ``(SLIP, "article")``; a word within the spelling allowance of the
       noun (article or not) is ``(SLIP, "spelling")``.
    3. Anything else (verbs, adjectives, phrases ...): a leading and a trailing "de", "het" or "een" are dropped
       from both sides before comparing. Equal is ``(CORRECT, None)``; within the spelling allowance is
       ``(SLIP, "spelling")``.
    4. The spelling allowance is a Damerau-Levenshtein distance (optimal string alignment: inserting, deleting or
       replacing a letter, or swapping two neighbouring letters, each count 1) of 1 when the expected text has at
       most 6 characters, else 2. Everything else is ``(WRONG, None)``: plurals and other forms are not accepted.

    Args:
        term: The term that should have been typed.
        typed: What the participant typed.

    Returns:
        The result and, for a slip, what slipped: ``"article"`` or ``"spelling"``.
    """
    answer = _normalise(typed)
    if not answer:
        return Result.WRONG, None
    if term.pos == "noun" and term.article:
        expected = _normalise(term.term)
        tokens = answer.split()
        article = tokens[0] if len(tokens) > 1 and tokens[0] in ARTICLES else None
        word = " ".join(tokens[1:]) if article else answer
        if word == expected:
            return (Result.CORRECT, None) if article == term.article.lower() else (Result.SLIP, "article")
    else:
        expected = _without_articles(_normalise(term.term))
        word = _without_articles(answer)
        if word == expected:
            return Result.CORRECT, None
    if _distance(word, expected) <= _allowed_slips(expected):
        return Result.SLIP, "spelling"
    return Result.WRONG, None
