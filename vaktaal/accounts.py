"""Staff accounts' e-mail addresses in one canonical form, for storing, looking up and counting login attempts.

Unicode has many spellings of one address: the Kelvin sign ``K`` (U+212A) reads as ``K``, full-width letters as
ASCII ones, ``ß`` as ``ss``. NFKC folds compatibility characters, casefold folds case (further than ``lower``), and
NFKC again settles what casefold produced. Login, the login limit and account creation all use this one function,
so no spelling of an address reaches an account while another spelling of it is blocked.
"""

import unicodedata


def normalize_email(typed: str) -> str:
    """The canonical form of an e-mail address as typed.

    Args:
        typed: the address as entered, e.g. ``" Docent2@Demo.Va\\u212ataal.nl "``.

    Returns:
        The address in NFKC, case-folded, without surrounding spaces, e.g. ``"docent2@demo.vaktaal.nl"``.
    """
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", typed).casefold()).strip()
