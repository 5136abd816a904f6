"""Distractors, the shape of each exercise type, and grading of typed answers."""

import json
import random
from dataclasses import replace

import pytest

from vaktaal.exercises import (
    RECOGNITION,
    Result,
    Skill,
    TermInfo,
    build_exercise,
    display,
    grade_typed,
    pick_distractors,
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


def build(term: TermInfo, skill: Skill, *, pool=POOL, language: str | None = "ar", seed: int = 0) -> dict:
    return build_exercise(99, term, skill, pool=pool, language=language, rng=random.Random(seed))


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


def test_reading_falls_back_to_english_when_the_language_is_missing():
    exercise = build(WC, Skill.READING, language="ti")
    assert exercise["language"] == "en"
    assert "toilet" in [o["label"] for o in exercise["options"]]
    assert build(WC, Skill.READING, language=None)["language"] == "en"


def test_reading_a_term_without_picture_or_translation_picks_the_written_word_heard():
    bare = make_term(40, "trekker", translations={})
    exercise = build(bare, Skill.READING, pool=[bare, DWEIL, EMMER, WC, MIDDEL])
    assert exercise["type"] == "reading" and exercise["options_kind"] == "word"
    assert exercise["prompt"]["text"] is None and exercise["prompt"]["audio_url"] == bare.audio_url
    assert len(exercise["options"]) == 4 and exercise["answer"] == {"option_id": 40, "audio_url": bare.audio_url}
    assert "de trekker" in [o["label"] for o in exercise["options"]]


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
    exercise = build(DWEIL, Skill.SPEAKING, language="uk")
    assert exercise["language"] == "en"
    assert exercise["prompt"] == {"emoji": "🧽", "translation": "floor cloth", "text": None}
    assert exercise["answer"] == {"self_graded": True, "model_audio_url": "/audio/1.mp3", "text": "de dweil"}


def test_conversation_situation_blanks_the_phrase():
    exercise = build(SIEK, Skill.CONVERSATION)
    assert exercise["prompt"] == {
        "situation": "Goedemorgen, met Ahmed. …",
        "translation": "أبلغ عن مرضي.",
        "audio_url": None,
    }
    assert exercise["answer"] == {
        "option_id": SIEK.id,
        "then_say": True,
        "model_audio_url": "/audio/20.mp3",
        "example_audio_url": "/audio/20-example.mp3",
    }
    assert exercise["options_kind"] == "phrase"
    assert len(exercise["options"]) == 4
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
    assert build(term, Skill.CONVERSATION, language="fa")["prompt"]["situation"] == "I call in sick."


def test_conversation_offers_only_phrases_from_the_same_theme_first():
    pool = [*POOL, make_term(40, "Klaar!", sector="algemeen", theme="ziekte", pos="other")]
    for seed in range(20):
        option_ids = {o["id"] for o in build(SIEK, Skill.CONVERSATION, pool=pool, seed=seed)["options"]}
        assert len(option_ids) == 4
        assert {SIEK.id, BETER.id, HUISARTS.id} < option_ids < {SIEK.id, BETER.id, HUISARTS.id, PAUZE.id, KLAAR.id}


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
