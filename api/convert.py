"""The one place that turns rows into vaktaal values and back (translations, entries, card states, answers, targets)."""

from fsrs import State

from api.models import Card, ReviewEvent, TargetChange, Term
from vaktaal import levels
from vaktaal.exercises import TermInfo
from vaktaal.scheduling import Answer, CardState
from vaktaal.wordlists import Entry, Translation

# Translations are stored as JSON: {"en": {"text": "...", "checked": false}, ...}


def translations_from_json(stored: dict | None) -> dict[str, Translation]:
    return {
        code: Translation(value.get("text", ""), bool(value.get("checked"))) for code, value in (stored or {}).items()
    }


def translations_to_json(translations: dict[str, Translation]) -> dict:
    return {code: {"text": t.text, "checked": t.checked} for code, t in sorted(translations.items())}


def translation_texts(stored: dict | None) -> dict[str, str]:
    """Language code -> text, for the languages that have one."""
    return {code: value["text"] for code, value in (stored or {}).items() if value.get("text")}


def entry_from_term(term: Term) -> Entry:
    return Entry(
        key=term.key,
        term=term.term,
        pos=term.pos,
        level=term.level,
        theme=term.theme,
        example=term.example,
        article=term.article,
        plural=term.plural,
        emoji=term.emoji,
        safety=term.safety,
        translations=translations_from_json(term.translations),
    )


def apply_entry(term: Term, entry: Entry, frequency: float) -> None:
    """Copy an entry's content onto a term row (the key is the caller's business: it never changes)."""
    for name in ("term", "article", "plural", "pos", "level", "theme", "example", "emoji", "safety"):
        setattr(term, name, getattr(entry, name))
    term.translations = translations_to_json(entry.translations)
    term.frequency = frequency


def card_state(card: Card) -> CardState:
    return CardState(
        due=card.due,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        last_review=card.last_review,
        reps=card.reps,
        lapses=card.lapses,
    )


def state_columns(state: CardState) -> dict:
    """A card state as the cards table's columns."""
    return {
        "due": state.due,
        "state": int(state.state),
        "step": state.step,
        "stability": state.stability,
        "difficulty": state.difficulty,
        "last_review": state.last_review,
        "reps": state.reps,
        "lapses": state.lapses,
    }


def answer_from_event(event: ReviewEvent) -> Answer:
    return Answer(
        id=event.id,
        answered_at=event.answered_at,
        result=event.result,
        hint_used=event.hint_used,
        duration_ms=event.duration_ms,
    )


def term_info(term: Term, *, audio_url: str | None = None, example_audio_url: str | None = None) -> TermInfo:
    return _term_info(term, term.sector.slug, audio_url, example_audio_url)


def term_info_from_row(row, *, audio_url: str | None = None, example_audio_url: str | None = None) -> TermInfo:
    """The same from a row of ``api.services.sessions.POOL_COLUMNS``."""
    return _term_info(row, row.sector_slug, audio_url, example_audio_url)


def _term_info(term, sector: str, audio_url: str | None, example_audio_url: str | None) -> TermInfo:
    return TermInfo(
        id=term.id,
        sector=sector,
        theme=term.theme,
        level=term.level,
        pos=term.pos,
        term=term.term,
        article=term.article,
        example=term.example,
        emoji=term.emoji,
        translations=translation_texts(term.translations),
        audio_url=audio_url,
        example_audio_url=example_audio_url,
    )


def target_change(row: TargetChange) -> levels.TargetChange:
    return levels.TargetChange(
        id=row.id, skill=row.skill, level=row.level, reason=row.reason, on=row.changed_on, recorded_at=row.recorded_at
    )
