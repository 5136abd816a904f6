"""Distractors, the shape of each exercise type, and grading of typed answers."""

import csv
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from vaktaal.exercises import (
    NEAR_SYNONYMS,
    RECOGNITION,
    Result,
    Situation,
    Skill,
    TermInfo,
    build_exercise,
    display,
    grade_typed,
    interchangeable,
    pick_distractors,
    situation_for,
    skills_for,
)


def make_term(
    id: int,
    term: str,
    *,
    sector: str = "schoonmaak",
    theme: str = "materialen",
    level: str = "A1",
    pos: str = "noun",
    article: str | None = "de",
    example: str = "",
    emoji: str | None = None,
    translations: dict[str, str] | None = None,
) -> TermInfo:
    return TermInfo(
        id=id,
        sector=sector,
        theme=theme,
        level=level,
        pos=pos,
        term=term,
        article=article if pos == "noun" else None,
        example=example or f"Waar is {term}?",
        emoji=emoji,
        translations=translations if translations is not None else {"en": f"{term} (en)"},
        audio_url=f"/audio/{id}.mp3",
        example_audio_url=f"/audio/{id}-example.mp3",
    )


DWEIL = make_term(1, "dweil", emoji="🧽", translations={"en": "floor cloth", "ar": "ممسحة"})
EMMER = make_term(2, "emmer", emoji="🪣", translations={"en": "bucket", "ar": "دلو"})
BEZEM = make_term(3, "bezem", emoji="🧹", translations={"en": "broom", "ar": "مكنسة"})
HANDSCHOEN = make_term(4, "handschoen", emoji="🧤", translations={"en": "glove", "ar": "قفاز"})
WC = make_term(5, "wc", article="de", translations={"en": "toilet", "ar": "مرحاض"})
MIDDEL = make_term(6, "schoonmaakmiddel", article="het", translations={"en": "cleaning agent", "ar": "منظف"})
DWEILEN = make_term(7, "dweilen", pos="verb", translations={"en": "to mop", "ar": "يمسح"})
SCHOONMAKEN = make_term(8, "schoonmaken", pos="verb", translations={"en": "to clean", "ar": "ينظف"})
SIEK = make_term(
    20,
    "Ik meld me ziek.",
    sector="algemeen",
    theme="ziekte",
    pos="phrase",
    example="Goedemorgen, met Ahmed. Ik meld me ziek.",
    translations={"en": "I am calling in sick.", "ar": "أبلغ عن مرضي."},
)
BETER = make_term(21, "Ik meld me beter.", sector="algemeen", theme="ziekte", pos="phrase", level="A2")
HUISARTS = make_term(22, "Ik moet naar de huisarts.", sector="algemeen", theme="ziekte", pos="phrase")
PAUZE = make_term(23, "Wanneer is de pauze?", sector="algemeen", theme="werktijden", pos="phrase")
KLAAR = make_term(24, "Ik ben klaar.", sector="algemeen", theme="communicatie", pos="phrase")
ZIEK = make_term(25, "ziek", sector="algemeen", theme="ziekte", pos="adjective")

POOL = (DWEIL, EMMER, BEZEM, HANDSCHOEN, WC, MIDDEL, DWEILEN, SCHOONMAKEN, SIEK, BETER, HUISARTS, PAUZE, KLAAR, ZIEK)


def ids(terms) -> list[int]:
    return [t.id for t in terms]


# --- display and skills


def test_display_puts_the_article_before_a_noun_only():
    assert display(DWEIL) == "de dweil"
    assert display(MIDDEL) == "het schoonmaakmiddel"
    assert display(DWEILEN) == "dweilen"
    assert display(SIEK) == "Ik meld me ziek."


def test_phrases_are_practised_in_conversation_and_other_terms_in_writing():
    assert skills_for(SIEK) == (Skill.LISTENING, Skill.READING, Skill.SPEAKING, Skill.CONVERSATION)
    assert skills_for(DWEIL) == (Skill.LISTENING, Skill.READING, Skill.WRITING, Skill.SPEAKING)
    assert skills_for(DWEILEN) == skills_for(DWEIL)
    assert RECOGNITION == (Skill.LISTENING, Skill.READING)


# --- distractors


def test_distractors_come_from_the_same_sector_theme_and_level_first():
    same = [make_term(i, f"woord{i}") for i in range(10, 14)]
    elsewhere = [
        make_term(30, "ander1", level="A2"),
        make_term(31, "ander2", theme="veiligheid"),
        make_term(32, "ander3", sector="zorg"),
    ]
    for seed in range(20):
        picked = pick_distractors(DWEIL, [*elsewhere, *same], rng=random.Random(seed))
        assert len(picked) == 3
        assert set(ids(picked)) <= set(ids(same))


def test_distractors_widen_step_by_step_when_the_theme_has_too_few():
    steps = [
        make_term(10, "stap1"),  # same sector, theme and level
        make_term(11, "stap2", level="B1"),  # same sector and theme
        make_term(12, "stap3", theme="veiligheid"),  # same sector and level
        make_term(13, "stap4", theme="veiligheid", level="B1"),  # same sector
        make_term(14, "stap5", sector="zorg", theme="veiligheid", level="B1"),  # anything
    ]
    pool = list(reversed(steps))
    assert ids(pick_distractors(DWEIL, pool, count=5, rng=random.Random(1))) == [10, 11, 12, 13, 14]
    assert ids(pick_distractors(DWEIL, pool, count=2, rng=random.Random(1))) == [10, 11]


def test_distractors_prefer_the_same_part_of_speech_within_a_step():
    pool = [DWEILEN, SCHOONMAKEN, EMMER, BEZEM, make_term(30, "ander", theme="veiligheid", pos="verb")]
    for seed in range(20):
        picked = pick_distractors(DWEIL, pool, count=2, rng=random.Random(seed))
        assert set(ids(picked)) == {EMMER.id, BEZEM.id}
        # Other parts of speech in the same step still come before a noun from a wider step.
        widened = pick_distractors(
            DWEIL, [*pool, make_term(31, "mop", theme="veiligheid")], count=4, rng=random.Random(seed)
        )
        assert set(ids(widened)) == {EMMER.id, BEZEM.id, DWEILEN.id, SCHOONMAKEN.id}


def test_phrases_get_phrases_as_distractors_first():
    moe = make_term(40, "moe", sector="algemeen", theme="ziekte", pos="adjective")
    for seed in range(20):
        picked = pick_distractors(SIEK, [ZIEK, moe, HUISARTS, BETER], count=1, rng=random.Random(seed))
        assert ids(picked) == [HUISARTS.id]


def test_distractors_never_repeat_the_right_answer():
    twin = make_term(40, "Dweil", sector="zorg")  # another sector's "de dweil": looks like the right answer
    pool = [DWEIL, twin, EMMER, BEZEM, HANDSCHOEN, WC]
    for seed in range(20):
        picked = pick_distractors(DWEIL, pool, count=5, rng=random.Random(seed))
        assert DWEIL.id not in ids(picked)
        assert twin.id not in ids(picked)
        assert len(picked) == 4


def test_distractors_never_include_the_term_itself_even_under_another_label():
    renamed = replace(DWEIL, term="vaatdoek")  # the same term, as an older copy of the pool has it
    assert pick_distractors(DWEIL, [renamed, EMMER], rng=random.Random(0)) == [EMMER]


def test_distractors_never_repeat_each_other():
    copies = [make_term(40, "emmer"), make_term(41, "Emmer"), make_term(42, "emmer", sector="zorg"), EMMER]
    for seed in range(20):
        picked = pick_distractors(DWEIL, [*copies, BEZEM], count=3, rng=random.Random(seed))
        labels = [display(t).lower() for t in picked]
        assert sorted(labels) == ["de bezem", "de emmer"]


def test_distractors_are_kept_apart_by_the_label_they_show():
    same_picture = make_term(40, "veger", emoji="🧹")
    picked = pick_distractors(BEZEM, [same_picture, DWEIL], count=3, rng=random.Random(0), label=lambda t: t.emoji)
    assert ids(picked) == [DWEIL.id]


def test_distractors_are_the_same_for_the_same_seed_and_any_pool_order():
    pool = [make_term(i, f"woord{i}") for i in range(10, 20)]
    first = pick_distractors(DWEIL, pool, rng=random.Random(42))
    assert pick_distractors(DWEIL, pool, rng=random.Random(42)) == first
    assert pick_distractors(DWEIL, list(reversed(pool)), rng=random.Random(42)) == first
    assert len({tuple(ids(pick_distractors(DWEIL, pool, rng=random.Random(s)))) for s in range(20)}) > 1


def test_distractors_run_short_only_when_the_pool_runs_out():
    assert ids(pick_distractors(DWEIL, [DWEIL, EMMER], rng=random.Random(0))) == [EMMER.id]
    assert pick_distractors(DWEIL, [], rng=random.Random(0)) == []
    assert len(pick_distractors(DWEIL, POOL, count=13, rng=random.Random(0))) == 13


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match=r"^count must be 0 or more, got -1$"):
        pick_distractors(DWEIL, POOL, count=-1, rng=random.Random(0))


# --- exercises


def build(term: TermInfo, skill: Skill, *, pool=POOL, languages=("ar",), sectors=(), seed: int = 0) -> dict:
    return build_exercise(99, term, skill, pool=pool, languages=languages, sectors=sectors, rng=random.Random(seed))


def test_every_exercise_has_the_same_keys_and_survives_json():
    for term in (DWEIL, WC, SIEK):
        for skill in skills_for(term):
            exercise = build(term, skill)
            assert list(exercise) == [
                "card_id",
                "term_id",
                "skill",
                "type",
                "options_kind",
                "language",
                "prompt",
                "options",
                "answer",
            ]
            assert (exercise["card_id"], exercise["term_id"], exercise["type"]) == (99, term.id, skill.value)
            assert json.loads(json.dumps(exercise)) == exercise


def test_listening_with_an_emoji_offers_four_pictures():
    exercise = build(DWEIL, Skill.LISTENING)
    assert exercise["skill"] == "listening"
    assert exercise["options_kind"] == "emoji"
    assert exercise["prompt"] == {"audio_url": "/audio/1.mp3", "text": None}
    assert exercise["answer"] == {"option_id": DWEIL.id}
    assert sorted(exercise["options"], key=lambda o: o["id"]) == [
        {"id": 1, "emoji": "🧽", "label": "de dweil", "audio_url": "/audio/1.mp3"},
        {"id": 2, "emoji": "🪣", "label": "de emmer", "audio_url": "/audio/2.mp3"},
        {"id": 3, "emoji": "🧹", "label": "de bezem", "audio_url": "/audio/3.mp3"},
        {"id": 4, "emoji": "🧤", "label": "de handschoen", "audio_url": "/audio/4.mp3"},
    ]


def test_listening_pictures_never_repeat_the_right_picture():
    pool = [*POOL, make_term(40, "spons", emoji="🧽"), make_term(41, "mop", emoji="🪣")]
    for seed in range(20):
        emoji = [o["emoji"] for o in build(DWEIL, Skill.LISTENING, pool=pool, seed=seed)["options"]]
        assert sorted(emoji) == sorted(["🧽", "🪣", "🧹", "🧤"])


def test_listening_without_an_emoji_offers_written_words_to_hear():
    exercise = build(WC, Skill.LISTENING)
    assert exercise["options_kind"] == "word"
    assert len(exercise["options"]) == 4
    assert WC.id in [o["id"] for o in exercise["options"]]
    for option in exercise["options"]:
        assert option["emoji"] is None
        assert option["audio_url"] == f"/audio/{option['id']}.mp3"
        assert option["label"] == display(next(t for t in POOL if t.id == option["id"]))


def test_listening_falls_back_to_words_when_too_few_terms_have_a_picture():
    exercise = build(DWEIL, Skill.LISTENING, pool=[DWEIL, EMMER, WC, MIDDEL])
    assert exercise["options_kind"] == "word"
    assert sorted(o["id"] for o in exercise["options"]) == [1, 2, 5, 6]


def test_listening_options_are_shuffled_with_the_rng():
    orders = {tuple(o["id"] for o in build(WC, Skill.LISTENING, seed=seed)["options"]) for seed in range(20)}
    assert len({order.index(WC.id) for order in orders}) > 1
    assert build(WC, Skill.LISTENING, seed=3) == build(WC, Skill.LISTENING, seed=3)


def test_reading_with_an_emoji_offers_pictures_with_their_meaning():
    exercise = build(DWEIL, Skill.READING)
    assert exercise["options_kind"] == "emoji"
    assert exercise["language"] == "ar"
    assert exercise["prompt"] == {"text": "de dweil", "audio_url": None}
    assert exercise["answer"] == {"option_id": DWEIL.id, "audio_url": DWEIL.audio_url}
    assert sorted(exercise["options"], key=lambda o: o["id"]) == [
        {"id": 1, "emoji": "🧽", "label": "ممسحة"},
        {"id": 2, "emoji": "🪣", "label": "دلو"},
        {"id": 3, "emoji": "🧹", "label": "مكنسة"},
        {"id": 4, "emoji": "🧤", "label": "قفاز"},
    ]


def test_reading_without_an_emoji_falls_back_to_translations():
    untranslated = make_term(40, "trekker", translations={"en": "squeegee"})
    same_meaning = make_term(41, "toilet", translations={"en": "toilet", "ar": "مرحاض"})
    pool = [*POOL, untranslated, same_meaning]
    for seed in range(20):
        exercise = build(WC, Skill.READING, pool=pool, seed=seed)
        assert exercise["options_kind"] == "translation"
        assert exercise["language"] == "ar"
        labels = [o["label"] for o in exercise["options"]]
        assert len(labels) == 4
        assert len(set(labels)) == 4
        assert "مرحاض" in labels
        assert all(o["emoji"] is None for o in exercise["options"])
        assert {untranslated.id, same_meaning.id}.isdisjoint(o["id"] for o in exercise["options"])


def test_reading_with_an_emoji_uses_translations_when_too_few_terms_have_a_picture():
    exercise = build(DWEIL, Skill.READING, pool=[DWEIL, EMMER, WC, MIDDEL])
    assert exercise["options_kind"] == "translation"
    assert sorted(o["label"] for o in exercise["options"]) == sorted(["ممسحة", "دلو", "مرحاض", "منظف"])


def test_reading_never_falls_back_to_a_language_the_participant_did_not_choose():
    for languages in (("ti",), (), None):
        exercise = build(WC, Skill.READING, languages=languages)
        assert exercise["options_kind"] == "sound", "the Dutch with its sound, not English options"
        assert exercise["language"] is None
        assert "toilet" not in [o["label"] for o in exercise["options"]]
    # A Tigrinya reader who also reads English chose English as a second language: then English it is.
    exercise = build(WC, Skill.READING, languages=("ti", "en"))
    assert (exercise["options_kind"], exercise["language"]) == ("translation", "en")
    assert "toilet" in [o["label"] for o in exercise["options"]]


def test_reading_a_term_without_picture_or_translation_reads_the_word_and_finds_its_sound():
    bare = make_term(40, "trekker", translations={})
    exercise = build(bare, Skill.READING, pool=[bare, DWEIL, EMMER, WC, MIDDEL])
    assert exercise["type"] == "reading" and exercise["options_kind"] == "sound"
    assert exercise["prompt"] == {"text": "de trekker", "audio_url": None}, "the written word, not its sound"
    assert exercise["language"] is None
    assert exercise["answer"] == {"option_id": 40, "audio_url": bare.audio_url}
    assert len(exercise["options"]) == 4
    for option in exercise["options"]:
        term = next(t for t in [bare, DWEIL, EMMER, WC, MIDDEL] if t.id == option["id"])
        assert option == {"id": term.id, "emoji": None, "label": display(term), "audio_url": term.audio_url}


def test_writing_holds_the_answer_for_offline_grading():
    exercise = build(MIDDEL, Skill.WRITING)
    assert exercise["options"] == []
    assert exercise["options_kind"] is None
    assert exercise["prompt"] == {"audio_url": "/audio/6.mp3", "emoji": None, "translation": "منظف"}
    assert exercise["answer"] == {
        "text": "het schoonmaakmiddel",
        "article": "het",
        "term": "schoonmaakmiddel",
        "pos": "noun",
    }


def test_speaking_is_self_graded_against_the_model_audio():
    exercise = build(DWEIL, Skill.SPEAKING, languages=("uk", "ar"))
    assert exercise["language"] == "ar", "the first chosen language that has a translation"
    assert exercise["prompt"] == {"emoji": "🧽", "translation": "ممسحة", "text": None, "audio_url": None}
    assert exercise["answer"] == {"self_graded": True, "model_audio_url": "/audio/1.mp3", "text": "de dweil"}


def test_speaking_shows_the_picture_alone_rather_than_a_language_not_chosen():
    exercise = build(DWEIL, Skill.SPEAKING, languages=("uk",))
    assert exercise["language"] is None
    assert exercise["prompt"] == {"emoji": "🧽", "translation": None, "text": None, "audio_url": None}


def test_speaking_without_picture_or_meaning_is_hearing_it_and_saying_it_after():
    exercise = build(WC, Skill.SPEAKING, languages=("ti",))
    assert exercise["prompt"] == {"emoji": None, "translation": None, "text": None, "audio_url": WC.audio_url}


def test_conversation_situation_blanks_the_phrase_and_never_shows_its_translation():
    exercise = build(SIEK, Skill.CONVERSATION)
    # The meaning of the answer under the situation would give the answer away.
    assert exercise["prompt"] == {"situation": "Goedemorgen, met Ahmed. …", "translation": None, "audio_url": None}
    assert exercise["language"] is None
    assert exercise["answer"] == {
        "option_id": SIEK.id,
        "text": "Ik meld me ziek.",
        "then_say": True,
        "model_audio_url": "/audio/20.mp3",
        "example_audio_url": "/audio/20-example.mp3",
    }
    assert exercise["options_kind"] == "phrase"
    # The pool's other phrases of the theme (ziekte) might fit the call too: only the two of other themes remain.
    assert len(exercise["options"]) == 3
    assert {"id": 20, "label": "Ik meld me ziek.", "audio_url": "/audio/20.mp3"} in exercise["options"]


@pytest.mark.parametrize(
    ("phrase", "example", "situation"),
    [
        ("Ik meld me ziek.", "Goedemorgen, met Ahmed. Ik meld me vandaag ziek.", "Goedemorgen, met Ahmed. …"),
        ("Ik meld me ziek.", "goedemorgen, met ahmed. IK MELD ME ZIEK!", "goedemorgen, met ahmed. …"),
        ("Wanneer is de pauze?", "Wanneer is de pauze? Om tien uur?", "… Om tien uur?"),
        ("Ik weet het niet.", "Ik weet het niet, ik vraag het even aan Kees.", "…, ik vraag het even aan Kees."),
        ("Let op: natte vloer!", "Zet het bordje neer: let op, natte vloer!", "Zet het bordje neer: …"),
    ],
)
def test_conversation_situation_finds_the_phrase_tolerantly(phrase, example, situation):
    term = make_term(40, phrase, pos="phrase", example=example, translations={"en": "meaning"})
    assert build(term, Skill.CONVERSATION)["prompt"]["situation"] == situation


@pytest.mark.parametrize(
    "example",
    [
        "Ik ben vandaag ziek.",  # the phrase is not in the example
        "Goedemorgen. Ik meld me af. Ik ben ziek.",  # its words are split over two sentences
        "Ik meld me ziek.",  # nothing would be left of the example
    ],
)
def test_conversation_situation_is_the_translation_when_the_example_does_not_help(example):
    term = make_term(40, "Ik meld me ziek.", pos="phrase", example=example, translations={"en": "I call in sick."})
    exercise = build(term, Skill.CONVERSATION, languages=("fa", "en"))
    assert exercise["prompt"] == {"situation": "I call in sick.", "translation": "I call in sick.", "audio_url": None}
    assert exercise["language"] == "en"


def test_conversation_offers_phrases_of_other_themes_only():
    """Phrases of one theme are said in the same kind of moment: "Ik moet naar de huisarts." fits the sick call too."""
    pool = [*POOL, make_term(40, "Klaar!", sector="algemeen", theme="ziekte", pos="other")]
    for seed in range(20):
        option_ids = {o["id"] for o in build(SIEK, Skill.CONVERSATION, pool=pool, seed=seed)["options"]}
        assert option_ids == {SIEK.id, PAUZE.id, KLAAR.id}


def test_a_skill_the_term_is_not_practised_in_is_refused():
    with pytest.raises(
        ValueError,
        match=r"^skill 'conversation' is not practised for term 1 \(noun\): choose from "
        r"listening, reading, writing, speaking$",
    ):
        build(DWEIL, Skill.CONVERSATION)
    with pytest.raises(
        ValueError,
        match=r"^skill 'writing' is not practised for term 20 \(phrase\): choose from "
        r"listening, reading, speaking, conversation$",
    ):
        build(SIEK, Skill.WRITING)


def test_an_unknown_skill_is_refused():
    with pytest.raises(
        ValueError, match=r"^unknown skill 'typing': choose from listening, reading, writing, speaking, conversation$"
    ):
        build(DWEIL, "typing")


# --- the thinnest term a teacher can make: only the Dutch and its sound


def thin(id: int, text: str, *, pos: str = "noun", theme: str = "werkplek", example: str = "") -> TermInfo:
    """A term as a teacher adds it after a visit: no picture, no translation."""
    return replace(make_term(id, text, pos=pos, theme=theme, example=example or text, translations={}), emoji=None)


THIN_NOUN = thin(60, "zeepdispenser")
THIN_VERB = thin(61, "bijvullen", pos="verb")
THIN_PHRASE = thin(62, "De zeep is op.", pos="phrase", theme="melden")
THIN_POOL = (
    THIN_NOUN,
    THIN_VERB,
    THIN_PHRASE,
    thin(63, "vuilniszak"),
    thin(64, "afnemen", pos="verb"),
    thin(65, "Waar is de sleutel?", pos="phrase", theme="sleutels"),
    thin(66, "Ik ben zo terug.", pos="phrase", theme="pauze"),
    thin(67, "Kun je de deur openen?", pos="phrase", theme="deuren"),
)
# What a view shows for each kind of option: without it the button is blank.
SHOWN = {"emoji": "emoji", "word": "label", "translation": "label", "sound": "label", "phrase": "label"}


@pytest.mark.parametrize("languages", [(), ("ti",), ("ar", "en")], ids=["dutch-only", "tigrinya", "arabic"])
@pytest.mark.parametrize("term", [THIN_NOUN, THIN_VERB, THIN_PHRASE], ids=["noun", "verb", "phrase"])
def test_every_skill_of_a_thin_term_has_a_prompt_and_options_that_show_something(term, languages):
    for skill in skills_for(term):
        for seed in range(5):
            exercise = build(term, skill, pool=THIN_POOL, languages=languages, seed=seed)
            assert any(exercise["prompt"].values()), (skill, exercise["prompt"])
            assert exercise["language"] is None, "a thin term has no translation to show"
            options = exercise["options"]
            if skill in RECOGNITION:
                assert len(options) == 4, (skill, options)
            if options:
                assert exercise["answer"]["option_id"] in [o["id"] for o in options]
                assert all(str(o[SHOWN[exercise["options_kind"]]]).strip() for o in options), options
                assert len({o["id"] for o in options}) == len(options)
            assert json.loads(json.dumps(exercise)) == exercise


def test_the_forms_a_thin_term_gets_need_only_the_dutch_and_its_sound():
    forms = {skill.value: build(THIN_NOUN, skill, pool=THIN_POOL, languages=("ti",)) for skill in skills_for(THIN_NOUN)}
    assert forms["listening"]["options_kind"] == "word"
    assert forms["listening"]["prompt"] == {"audio_url": THIN_NOUN.audio_url, "text": None}
    assert forms["reading"]["options_kind"] == "sound"
    assert forms["reading"]["prompt"] == {"text": "de zeepdispenser", "audio_url": None}
    assert all(o["audio_url"] for o in forms["reading"]["options"])
    assert forms["writing"]["prompt"] == {"audio_url": THIN_NOUN.audio_url, "emoji": None, "translation": None}
    assert forms["speaking"]["prompt"]["audio_url"] == THIN_NOUN.audio_url, "hear it, then say it after"


def test_a_thin_phrase_without_a_situation_is_heard_picked_and_said():
    exercise = build(THIN_PHRASE, Skill.CONVERSATION, pool=THIN_POOL, languages=("ti",))
    assert exercise["prompt"] == {"situation": None, "translation": None, "audio_url": THIN_PHRASE.audio_url}
    assert exercise["options_kind"] == "phrase"
    assert {o["id"] for o in exercise["options"]} == {62, 65, 66, 67}


def test_a_thin_phrase_heard_in_a_sentence_gets_that_sentence_as_its_situation():
    heard = thin(68, "De zeep is op.", pos="phrase", theme="melden", example="Kom even kijken. De zeep is op.")
    exercise = build(heard, Skill.CONVERSATION, pool=[*THIN_POOL, heard])
    assert exercise["prompt"] == {"situation": "Kom even kijken. …", "translation": None, "audio_url": None}


def test_an_exercise_that_could_not_be_shown_is_refused():
    silent = replace(THIN_NOUN, audio_url=None)
    with pytest.raises(ValueError, match=r"^the listening exercise of term 60 has an empty prompt"):
        build(silent, Skill.LISTENING, pool=THIN_POOL)
    nameless = replace(THIN_VERB, term=" ")
    with pytest.raises(
        ValueError, match=r"^the listening exercise of term 61 has a blank option \(term 61 has no label\)$"
    ):
        build(nameless, Skill.LISTENING, pool=THIN_POOL)


def test_languages_may_be_given_as_one_code():
    assert build(WC, Skill.READING, languages="ar") == build(WC, Skill.READING, languages=("ar",))


# --- pictures and meanings in the participant's own languages


def test_pictures_carry_meanings_only_when_all_four_have_one():
    untranslated = replace(HANDSCHOEN, translations={"en": "glove"})
    pool = [DWEIL, EMMER, BEZEM, untranslated]
    exercise = build(DWEIL, Skill.READING, pool=pool)
    assert exercise["options_kind"] == "emoji"
    assert [o["label"] for o in exercise["options"]] == [None] * 4, "a meaning under some pictures points"
    assert exercise["language"] is None
    assert exercise["prompt"] == {"text": "de dweil", "audio_url": None}


def test_a_tigrinya_reader_gets_pictures_without_english_under_them():
    exercise = build(DWEIL, Skill.READING, languages=("ti",))
    assert exercise["options_kind"] == "emoji"
    assert all(o["label"] is None and o["emoji"] for o in exercise["options"])
    writing = build(DWEIL, Skill.WRITING, languages=("ti",))
    assert (writing["prompt"]["translation"], writing["language"]) == (None, None)


def test_meanings_come_from_the_first_chosen_language_that_has_them():
    tigrinya = replace(WC, translations={**WC.translations, "ti": "ሽቓቕ"})
    assert build(tigrinya, Skill.WRITING, languages=("ti", "ar"))["prompt"]["translation"] == "ሽቓቕ"
    assert build(WC, Skill.WRITING, languages=("ti", "ar"))["prompt"]["translation"] == "مرحاض"
    # Reading needs four meanings in one language: too few Tigrinya ones, so Arabic (the second choice).
    exercise = build(tigrinya, Skill.READING, pool=[*POOL, tigrinya], languages=("ti", "ar"))
    assert (exercise["options_kind"], exercise["language"]) == ("translation", "ar")


# --- conversation: one option fits, situations from the learner's own work


def phrase(id: int, text: str, *, theme: str, sector: str = "algemeen", en: str = "", example: str = "") -> TermInfo:
    return make_term(
        id, text, pos="phrase", sector=sector, theme=theme, example=example, translations={"en": en or f"{text} (en)"}
    )


STOP = phrase(70, "Stop!", theme="veiligheid", en="Stop!", example="Stop! Er staat iemand achter je.")
PAS_OP = phrase(71, "Pas op!", theme="veiligheid", en="Watch out!", example="Pas op! De heftruck komt eraan.")
HELP = phrase(72, "Help!", theme="veiligheid", example="Help! Mijn collega is gevallen!")
HULP = phrase(73, "Ik heb hulp nodig.", theme="communicatie", example="Ik heb hulp nodig, deze doos is te zwaar.")
KLAAR_RIJ = phrase(74, "Ik ben klaar met deze rij.", theme="werk", sector="tuinbouw")
HALT = phrase(75, "Halt!", theme="instructies", en="Stop!")
BORDJE = phrase(76, "Let op: natte vloer!", theme="veiligheid", sector="schoonmaak")
DANK = phrase(77, "Dank u wel.", theme="communicatie")
DANK_HULP = phrase(78, "Dank u wel voor de hulp.", theme="mensen")


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        (STOP, PAS_OP, "one theme: both warn"),
        (STOP, BORDJE, "one theme across sectors"),
        (DANK, DANK_HULP, "the words of one stand in the other"),
        (STOP, HALT, "the same translation"),
        (HELP, HULP, "a group of near-synonyms across themes"),
    ],
)
def test_phrases_that_might_both_fit_are_interchangeable(a, b, why):
    assert interchangeable(a, b), why
    assert interchangeable(b, a), why


def test_phrases_of_other_themes_and_meanings_are_not_interchangeable():
    assert not interchangeable(STOP, PAUZE)
    assert not interchangeable(HULP, SIEK)
    assert not interchangeable(KLAAR, HUISARTS)


def test_near_synonyms_are_phrases_of_the_shipped_wordlists():
    shipped = set()
    for path in (Path(__file__).resolve().parents[2] / "wordlists").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as file:
            shipped |= {row["term"] for row in csv.DictReader(file) if row.get("pos") == "phrase"}
    listed = [text for group in NEAR_SYNONYMS for text in group]
    assert set(listed) <= shipped, set(listed) - shipped
    assert len(listed) == len(set(listed)), "a phrase is in one group at most"


def test_conversation_never_offers_two_phrases_that_fit():
    pool = [*POOL, STOP, PAS_OP, HELP, HULP, KLAAR_RIJ, HALT, BORDJE]
    for answer in (STOP, HULP, KLAAR, SIEK):
        for seed in range(20):
            exercise = build(answer, Skill.CONVERSATION, pool=pool, seed=seed)
            others = [t for t in pool if t.id in {o["id"] for o in exercise["options"]} and t.id != answer.id]
            assert len(others) == 3
            assert not any(interchangeable(answer, other) for other in others), (answer.term, others)


def test_conversation_without_a_fair_distractor_is_said_straight_away():
    exercise = build(STOP, Skill.CONVERSATION, pool=[STOP, PAS_OP, HALT, BORDJE])
    assert (exercise["options"], exercise["options_kind"]) == ([], None)
    assert exercise["prompt"]["situation"] == "… Er staat iemand achter je."
    assert exercise["answer"]["then_say"] is True


def test_a_situation_comes_from_the_learners_own_sector_first():
    chlorine = make_term(80, "chloor", theme="middelen", example="Pas op: chloor en zuur geven samen giftig gas!")
    pool = [*POOL, PAS_OP, chlorine]
    cleaner = situation_for(PAS_OP, pool, sectors={"schoonmaak", "algemeen"})
    assert cleaner == Situation("…: chloor en zuur geven samen giftig gas!", source_id=chlorine.id)
    # Without the cleaner's sector (or with no example there) the phrase's own example is the situation.
    assert situation_for(PAS_OP, pool, sectors={"zorg"}) == Situation("… De heftruck komt eraan.", source_id=71)
    assert situation_for(PAS_OP, pool) == Situation("… De heftruck komt eraan.", source_id=71)
    exercise = build(PAS_OP, Skill.CONVERSATION, pool=pool, sectors={"schoonmaak"})
    assert exercise["prompt"]["situation"] == "…: chloor en zuur geven samen giftig gas!"
    assert chlorine.id not in [o["id"] for o in exercise["options"]]


def test_a_phrase_of_the_learners_sector_keeps_its_own_example():
    own = phrase(
        81,
        "Zet een raam open.",
        theme="veiligheid",
        sector="schoonmaak",
        example="Werk je met chloor? Zet een raam open.",
    )
    other = make_term(82, "raam", theme="ramen", example="Zet een raam open als je klaar bent.")
    assert situation_for(own, [own, other], sectors={"schoonmaak"}).text == "Werk je met chloor? …"


def test_a_borrowed_example_must_hold_the_phrase_as_a_clause_of_its_own():
    done = phrase(85, "Ik ben klaar.", theme="communicatie", example="Ik ben klaar. Wat kan ik nu doen?")
    part = make_term(83, "gang", theme="ruimtes", example="Ik ben klaar met de gang, wat nu?")
    assert situation_for(done, [done, part], sectors={"schoonmaak"}) == Situation("… Wat kan ik nu doen?", source_id=85)
    whole = make_term(84, "vloer", theme="ruimtes", example="De vloer is nat. Ik ben klaar.")
    assert situation_for(done, [done, part, whole], sectors={"schoonmaak"}) == Situation(
        "De vloer is nat. …", source_id=84
    )


# --- typed answers


@pytest.mark.parametrize(
    ("term", "typed", "expected"),
    [
        (DWEIL, "de dweil", (Result.CORRECT, None)),
        (DWEIL, "  De   DWEIL. ", (Result.CORRECT, None)),
        (DWEIL, "de dweil!", (Result.CORRECT, None)),
        (DWEIL, "het dweil", (Result.SLIP, "article")),
        (DWEIL, "een dweil", (Result.SLIP, "article")),
        (DWEIL, "dweil", (Result.SLIP, "article")),
        (DWEIL, "dwiel", (Result.SLIP, "spelling")),
        (DWEIL, "de dwiel", (Result.SLIP, "spelling")),
        (DWEIL, "de dweilen", (Result.WRONG, None)),
        (DWEIL, "emmer", (Result.WRONG, None)),
        (DWEIL, "de emmer", (Result.WRONG, None)),
        (DWEIL, "", (Result.WRONG, None)),
        (DWEIL, " ?! ", (Result.WRONG, None)),
        (DWEIL, "de", (Result.WRONG, None)),
        (MIDDEL, "het schoonmaakmidel", (Result.SLIP, "spelling")),
        (MIDDEL, "het schonmaakmidel", (Result.SLIP, "spelling")),
        (MIDDEL, "het schonmakmidel", (Result.WRONG, None)),
        (WC, "de wc", (Result.CORRECT, None)),
        (WC, "de w", (Result.SLIP, "spelling")),
        (SCHOONMAKEN, "schoonmaken", (Result.CORRECT, None)),
        (SCHOONMAKEN, "het schoonmaken", (Result.CORRECT, None)),
        (SCHOONMAKEN, "schonmakn", (Result.SLIP, "spelling")),
        (SCHOONMAKEN, "sconmakn", (Result.WRONG, None)),
        (SIEK, "ik meld me ziek", (Result.CORRECT, None)),
        (SIEK, "Ik meld me ziek!!", (Result.CORRECT, None)),
        (SIEK, "ik meld mij ziek", (Result.SLIP, "spelling")),
        (SIEK, "ik ben ziek", (Result.WRONG, None)),
        (make_term(40, "Let op: natte vloer!", pos="phrase"), "let op natte vloer", (Result.CORRECT, None)),
        (make_term(41, "'s morgens", pos="adverb"), "’s Morgens", (Result.CORRECT, None)),
    ],
)
def test_grade_typed(term, typed, expected):
    assert grade_typed(term, typed) == expected


def test_a_swap_of_two_neighbouring_letters_counts_as_one_slip():
    short = make_term(40, "wasem", pos="verb")  # five letters: one slip allowed
    assert grade_typed(short, "wsaem") == (Result.SLIP, "spelling")
    assert grade_typed(short, "wseam") == (Result.WRONG, None)
