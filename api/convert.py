"""The one place that turns rows into vaktaal values and back."""

from api.models import Term
from vaktaal.wordlists import Entry, Translation


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
        translations={
            code: Translation(value.get("text", ""), bool(value.get("checked")))
            for code, value in (term.translations or {}).items()
        },
    )


def apply_entry(term: Term, entry: Entry, frequency: float) -> None:
    """Copy an entry's content onto a term row (the key is the caller's business: it never changes)."""
    content = entry.content()
    for name in ("term", "article", "plural", "pos", "level", "theme", "example", "emoji", "safety", "translations"):
        setattr(term, name, content[name])
    term.frequency = frequency
