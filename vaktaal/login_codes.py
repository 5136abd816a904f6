"""Participants' login codes: short, typed by people who may hardly read, so no look-alike characters."""

import secrets
import unicodedata

# No 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B, U/V: characters that are easily confused on a screen or on paper.
ALPHABET = "ACEFGHJKMNPRTWXY34679"
LENGTH = 8


def generate_code(rng: secrets.SystemRandom | None = None) -> str:
    """Return a new random login code of LENGTH characters from ALPHABET."""
    choose = rng.choice if rng is not None else secrets.choice
    return "".join(choose(ALPHABET) for _ in range(LENGTH))


def normalize_code(typed: str) -> str:
    """Turn what a person typed into a code: NFKC (full-width and compatibility letters as plain ones), upper case,
    without spaces or dashes. The login and its rate limit both count by this form.

    Args:
        typed: the code as entered, e.g. ``"acef-ghjk"``.

    Returns:
        The canonical code, e.g. ``"ACEFGHJK"``.

    Raises:
        ValueError: when the result cannot be a login code.
    """
    code = "".join(ch for ch in unicodedata.normalize("NFKC", typed).upper() if ch not in " -\t")
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        raise ValueError(f"A login code has {LENGTH} characters from {ALPHABET}.")
    return code


def format_code(code: str) -> str:
    """Show a code in two groups of four, the way it is printed: ``ACEF-GHJK``."""
    return f"{code[:4]}-{code[4:]}"
