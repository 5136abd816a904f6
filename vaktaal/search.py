"""Search as you type across all sectors, tolerant of typos, articles and plurals ("de dwijl" finds "de dweil")."""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

ARTICLES = ("de ", "het ", "een ", "'t ")


@dataclass(frozen=True)
class Searchable:
    id: int
    term: str
    plural: str | None = None


def normalise(text: str) -> str:
    """Lower case, no accents, no article in front, no punctuation: "De Hygiëne!" -> "hygiene"."""
    text = unicodedata.normalize("NFKD", text.strip().lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = "".join(ch if ch.isalnum() or ch == " " else " " for ch in text)
    text = " ".join(text.split())
    for article in ARTICLES:
        if text.startswith(article):
            return text[len(article) :]
    return text


def fold(text: str) -> str:
    """Spellings that sound the same in Dutch count as the same: ij/ei, au/ou, dt/t at the end of a word."""
    text = text.replace("ij", "ei").replace("au", "ou")
    return " ".join(w[:-2] + "t" if w.endswith("dt") else w for w in text.split())


def distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (adjacent swaps count once), stopping early above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _allowed(query: str) -> int:
    return 0 if len(query) < 4 else 1 if len(query) < 7 else 2


def score(query: str, item: Searchable) -> float | None:
    """How well ``item`` matches ``query`` (higher is better), or None for no match."""
    best = None
    for form, weight in ((normalise(item.term), 1.0), (normalise(item.plural or ""), 0.95)):
        if not form:
            continue
        if form == query:
            value = 100 * weight
        elif form.startswith(query):
            value = 80 * weight - (len(form) - len(query)) * 0.1
        elif query in form:
            value = 60 * weight - (len(form) - len(query)) * 0.1
        else:
            limit = _allowed(query)
            q, f = fold(query), fold(form)
            d = min(distance(q, f, limit), distance(q, f[: len(q) + limit], limit) + 0.5)
            if d > limit:
                continue
            value = (50 - 10 * d) * weight
        best = value if best is None else max(best, value)
    return best


def search(query: str, items: Iterable[Searchable], *, limit: int = 20) -> list[int]:
    """Ids of the best matches, best first (ties: shorter term, then id)."""
    query = normalise(query)
    if not query:
        return []
    found = []
    for item in items:
        value = score(query, item)
        if value is not None:
            found.append((-value, len(item.term), item.id))
    return [item_id for _, _, item_id in sorted(found)[:limit]]
