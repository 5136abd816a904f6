"""The password rule for staff: at least 10 characters and not easy to guess.

Guessability is zxcvbn's estimate (offline: its word lists ship with the package; nothing is looked up online),
with the person's own name, e-mail address and organisation as words it knows too. zxcvbn's English advice is
given in short Dutch: one sentence on what is wrong, one on how to do better.
"""

from zxcvbn import zxcvbn

MIN_LENGTH = 10
MAX_LENGTH = 200
MIN_SCORE = 3  # zxcvbn's 0..4: 3 is "safely unguessable" for an online attack
# zxcvbn is slow on very long input and learns nothing more from it.
_CHECKED_LENGTH = 100

TOO_SHORT = f"Een wachtwoord heeft minstens {MIN_LENGTH} tekens."
TOO_LONG = f"Een wachtwoord heeft hoogstens {MAX_LENGTH} tekens."
ADVICE = "Maak het langer, bijvoorbeeld met drie of vier losse woorden."
# zxcvbn's warnings (fragments of them) in Dutch; anything else is the general sentence.
_WARNINGS = [
    ("common password", "Dit wachtwoord wordt veel gebruikt."),
    ("commonly used password", "Dit wachtwoord lijkt op een veelgebruikt wachtwoord."),
    ("keys", "Toetsen naast elkaar zijn makkelijk te raden."),
    ("keyboard", "Toetsen naast elkaar zijn makkelijk te raden."),
    ("Repeats", "Herhalingen zijn makkelijk te raden."),
    ("Sequences", "Reeksen zoals abc of 6543 zijn makkelijk te raden."),
    ("years", "Jaartallen zijn makkelijk te raden."),
    ("Dates", "Datums zijn makkelijk te raden."),
    ("word by itself", "Eén woord is makkelijk te raden."),
    ("names", "Namen zijn makkelijk te raden."),
]
GENERAL = "Dit wachtwoord is te makkelijk te raden."


def problem(password: str, *, personal: list[str] | tuple[str, ...] = ()) -> str | None:
    """What is wrong with ``password``, in Dutch, or None when it is good enough.

    Args:
        password: the password as typed.
        personal: the person's name, e-mail address, organisation: words an attacker would try first.
    """
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    words = [part for value in personal for part in _parts(value)]
    result = zxcvbn(password[:_CHECKED_LENGTH], user_inputs=words)
    if result["score"] >= MIN_SCORE:
        return None
    return f"{_dutch(result['feedback'].get('warning') or '')} {ADVICE}"


def _parts(value: str) -> list[str]:
    """A name or address and its pieces: "Els de Vries" -> "els de vries", "els", "de", "vries"."""
    lowered = value.lower().strip()
    pieces = lowered.replace("@", " ").replace(".", " ").replace("-", " ").split()
    return [lowered, *pieces] if lowered else []


def _dutch(warning: str) -> str:
    if "top-10" in warning or "top-100" in warning:
        return "Dit wachtwoord wordt heel veel gebruikt."
    for fragment, dutch in _WARNINGS:
        if fragment in warning:
            return dutch
    return GENERAL
