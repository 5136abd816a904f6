"""How common a term is in Dutch (wordfreq's Zipf scale: ~1 rare to ~7 very common), so practice can introduce
common words first."""

from functools import lru_cache

from wordfreq import zipf_frequency


@lru_cache(maxsize=4096)
def zipf(term: str) -> float:
    """The Zipf frequency of a Dutch word or phrase (a phrase counts as rare as its combination of words)."""
    return zipf_frequency(term, "nl")
