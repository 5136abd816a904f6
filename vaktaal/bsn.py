"""The BSN (burgerservicenummer) "elfproef": a reference that could be a BSN is refused, never stored.

A BSN has 9 digits (older ones 8, read with a leading zero). Weighted 9, 8, ..., 2 and -1 for the last digit, the
sum is a multiple of 11 (and not 0). About one in eleven 9-digit numbers passes, so a client number of exactly 9
digits may be refused by chance: the coordinator then adds a prefix (``KN-``), which no BSN has.
"""

import re

_DIGITS = re.compile(r"\d{8,9}")
# Separators people type inside a number: "123 456 782", "123.456.782", "123-456-782".
_SEPARATORS = re.compile(r"[\s.\-]")


def passes_elfproef(digits: str) -> bool:
    """Whether 8 or 9 digits pass the BSN elfproef (8 digits are read with a leading zero).

    Args:
        digits: The digits, nothing else.

    Returns:
        True when the number could be a BSN.
    """
    if not _DIGITS.fullmatch(digits):
        return False
    digits = digits.rjust(9, "0")
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total != 0 and total % 11 == 0


def looks_like_bsn(text: str) -> bool:
    """Whether a typed reference could be a BSN: 8 or 9 digits (spaces, dots and dashes between them ignored)
    that pass the elfproef."""
    return passes_elfproef(_SEPARATORS.sub("", text.strip()))
