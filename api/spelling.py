"""Dutch spelling suggestions from the OpenTaal dictionary (Debian's hunspell-nl, through pyenchant).

Suggestions only, never a blocker: without the dictionary, new terms are simply not checked.
"""

import logging
from functools import lru_cache

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _dictionary():
    try:
        import enchant

        return enchant.Dict("nl_NL")
    except Exception as exc:  # enchant missing, or no Dutch dictionary installed
        log.warning("No Dutch spelling dictionary: %s", exc)
        return None


def check(text: str) -> dict | None:
    """{"correct": bool, "suggestions": [...]} for each word of ``text`` together, or None without dictionary."""
    dictionary = _dictionary()
    if dictionary is None:
        return None
    words = [w.strip(".,!?;:()\"'") for w in text.split()]
    wrong = [w for w in words if w and not dictionary.check(w)]
    if not wrong:
        return {"correct": True, "suggestions": []}
    suggestions = []
    if len(words) == 1:
        suggestions = dictionary.suggest(words[0])[:5]
    return {"correct": False, "unknown_words": wrong, "suggestions": suggestions}
