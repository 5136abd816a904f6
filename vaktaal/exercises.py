"""Exercises for one card and skill, built so a phone can show and grade them offline, and grading of typed answers.

Participants read little: an exercise leans on sound and emoji first, and shows the support language only as a
meaning. Multiple-choice options never repeat each other or look like the right answer.
"""

import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

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


FALLBACK_LANGUAGE = "en"
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
    if term.pos == "phrase":
        return (Skill.LISTENING, Skill.READING, Skill.SPEAKING, Skill.CONVERSATION)
    return (Skill.LISTENING, Skill.READING, Skill.WRITING, Skill.SPEAKING)


def _label_key(label: str | None) -> str:
    """How a label is compared with others: case, punctuation, spacing and emoji variation selectors ignored."""
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


def _translation(term: TermInfo, language: str | None) -> tuple[str, str] | None:
    """The term's meaning in ``language``, else in English, as (code, text); None when it has neither."""
    for code in (language, FALLBACK_LANGUAGE):
        text = term.translations.get(code, "").strip() if code else ""
        if text:
            return code, text
    return None


def _translated(term: TermInfo, code: str | None) -> str | None:
    text = term.translations.get(code, "").strip() if code else ""
    return text or None


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
        "options_kind": options_kind,
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


def _reading(card_id: int, term: TermInfo, pool: Sequence[TermInfo], language: str | None, rng: random.Random) -> dict:
    meaning = _translation(term, language)
    code = meaning[0] if meaning else None
    attempts: list[tuple[str, list[TermInfo]]] = []
    if term.emoji:
        own = _label_key(meaning[1]) if meaning else ""
        pictured = [t for t in pool if t.emoji and not (own and _label_key(_translated(t, code)) == own)]
        attempts.append(("emoji", pick_distractors(term, pictured, count=OPTIONS - 1, rng=rng, label=_emoji)))
    if meaning and (not attempts or len(attempts[0][1]) < OPTIONS - 1):
        translated = [t for t in pool if _translated(t, code)]
        picked = pick_distractors(
            term, translated, count=OPTIONS - 1, rng=rng, label=lambda t: _translated(t, code) or ""
        )
        attempts.append(("translation", picked))
    if not attempts:
        # A term just heard on the work floor may have neither picture nor translation yet: then reading is
        # hearing it and picking the written word among four (the words are read, not the sound).
        distractors = pick_distractors(term, pool, count=OPTIONS - 1, rng=rng)
        options = [{"id": t.id, "emoji": None, "label": display(t)} for t in _shuffled(term, distractors, rng)]
        return _exercise(
            card_id,
            term,
            Skill.READING,
            prompt={"text": None, "audio_url": term.audio_url},
            options=options,
            options_kind="word",
            language=None,
            answer={"option_id": term.id, "audio_url": term.audio_url},
        )
    # The first kind that fills the screen; when none does, the one with the most options (emoji on a tie).
    kind, distractors = max(attempts, key=lambda attempt: len(attempt[1]))
    options = [
        {"id": t.id, "emoji": t.emoji if kind == "emoji" else None, "label": _translated(t, code)}
        for t in _shuffled(term, distractors, rng)
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


def _writing(card_id: int, term: TermInfo, language: str | None) -> dict:
    meaning = _translation(term, language)
    return _exercise(
        card_id,
        term,
        Skill.WRITING,
        prompt={"audio_url": term.audio_url, "emoji": term.emoji, "translation": meaning[1] if meaning else None},
        language=meaning[0] if meaning else None,
        answer={"text": display(term), "article": term.article, "term": term.term, "pos": term.pos},
    )


def _speaking(card_id: int, term: TermInfo, language: str | None) -> dict:
    meaning = _translation(term, language)
    return _exercise(
        card_id,
        term,
        Skill.SPEAKING,
        prompt={"emoji": term.emoji, "translation": meaning[1] if meaning else None, "text": None},
        language=meaning[0] if meaning else None,
        answer={"self_graded": True, "model_audio_url": term.audio_url, "text": display(term)},
    )


def _phrase_span(phrase: list[str], example: str, between: int) -> tuple[int, int] | None:
    """Where the phrase's words stand in order in one sentence of ``example``, with at most ``between`` others."""
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(example)]
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


def _situation(term: TermInfo, *, language: str | None = None) -> str | None:
    """The example sentence with the phrase left out, as a work situation to answer with the phrase.

    The phrase's words are found in the example in order, ignoring case and punctuation, first next to each other
    and then with up to ``MAX_WORDS_BETWEEN`` other words between them ("Ik meld me vandaag ziek."); they are
    replaced by one "…", which also takes the place of the phrase's own closing ".", "!" or "?".

    Args:
        term: A phrase.
        language: The participant's support language.

    Returns:
        "Goedemorgen, met Ahmed. …" for "Ik meld me ziek."; the translation (in ``language``, else English) when
        the phrase is not in the example or nothing else is left of it; None when there is no translation either.
    """
    example = unicodedata.normalize("NFC", term.example)
    phrase = words(term.term)
    span = None
    if phrase:
        span = _phrase_span(phrase, example, 0) or _phrase_span(phrase, example, MAX_WORDS_BETWEEN)
    if span:
        start, end = span
        closing = _TRAILING_END.match(example, end)
        end = closing.end() if closing else end
        text = " ".join(f"{example[:start]}{ELLIPSIS}{example[end:]}".split())
        if words(text):
            return text
    meaning = _translation(term, language)
    return meaning[1] if meaning else None


def _conversation(
    card_id: int, term: TermInfo, pool: Sequence[TermInfo], language: str | None, rng: random.Random
) -> dict:
    meaning = _translation(term, language)
    phrases = [t for t in pool if t.pos == "phrase"]
    distractors = pick_distractors(term, phrases, count=OPTIONS - 1, rng=rng, label=lambda t: t.term)
    options = [{"id": t.id, "label": t.term, "audio_url": t.audio_url} for t in _shuffled(term, distractors, rng)]
    return _exercise(
        card_id,
        term,
        Skill.CONVERSATION,
        prompt={
            "situation": _situation(term, language=language),
            "translation": meaning[1] if meaning else None,
            # The example's audio says the phrase itself: it belongs to the answer, played after choosing.
            "audio_url": None,
        },
        options=options,
        options_kind="phrase",
        language=meaning[0] if meaning else None,
        answer={
            "option_id": term.id,
            "then_say": True,
            "model_audio_url": term.audio_url,
            "example_audio_url": term.example_audio_url,
        },
    )


def build_exercise(
    card_id: int,
    term: TermInfo,
    skill: Skill,
    *,
    pool: Sequence[TermInfo],
    language: str | None,
    rng: random.Random,
) -> dict:
    """One exercise as a JSON-ready dict that holds its own answer, so the phone can show and grade it offline.

    Every exercise has the keys ``card_id``, ``term_id``, ``skill``, ``type`` (the skill's value), ``options_kind``
    (``"emoji"``, ``"word"``, ``"translation"``, ``"phrase"``, or None without options), ``language`` (the code of
    the translation shown, or None), ``prompt``, ``options`` (a list, empty without options) and ``answer``.

    - listening: hear the term, pick it. With an emoji, and three other terms with their own emoji in the pool,
      the options are pictures (``"emoji"``); otherwise written words the phone reads aloud on tap (``"word"``).
    - reading: read the term, pick its meaning: pictures when the term has an emoji and the pool three other
      emoji, else translations (in ``language``, else English) that differ from the right one.
    - writing: hear it (with emoji and translation as help), type it; grade with the rules of ``grade_typed``.
    - speaking: see the emoji and translation, say it, compare with the model audio.
    - conversation (phrases): a work situation, the example with the phrase's words replaced by "…" (found in
      order, ignoring case and punctuation, with up to ``MAX_WORDS_BETWEEN`` other words between them), or the
      translation when the phrase is not in the example; pick the phrase that fits, then say it.

    Multiple-choice options are the right term and up to three ``pick_distractors``, shuffled with ``rng``; an
    option's ``emoji`` is set only when the options are pictures, so the four look alike.

    Args:
        card_id: The card the exercise practises; returned with the answer.
        term: The term of the card.
        skill: The skill practised; one of ``skills_for(term)``.
        pool: Terms to take distractors from (usually the participant's sector and general terms).
        language: The participant's support language code, or None for English.
        rng: The source of randomness for distractors and option order.

    Returns:
        The exercise.

    Raises:
        ValueError: If ``skill`` is unknown or not practised for this term, or a reading exercise has neither an
            emoji nor a translation to offer as meaning.
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
    if skill is Skill.LISTENING:
        return _listening(card_id, term, pool, rng)
    if skill is Skill.READING:
        return _reading(card_id, term, pool, language, rng)
    if skill is Skill.WRITING:
        return _writing(card_id, term, language)
    if skill is Skill.SPEAKING:
        return _speaking(card_id, term, language)
    return _conversation(card_id, term, pool, language, rng)


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
