"""Spreadsheet-safe CSV: every CSV the app hands out is written here, so no cell opens as a formula.

Excel, LibreOffice and Google Sheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, after a tab or
a carriage return, whatever follows) as a formula: ``=HYPERLINK(...)`` or ``=cmd|' /C calc'!A0`` typed as a term
would run on the machine of whoever opens the download. OWASP's rule: such a cell gets a leading ``'``, which
spreadsheets show as text. Reading a file back (``restore``) takes exactly that ``'`` off again, so an export
uploaded unchanged changes nothing: the plural ``-`` ("no plural") goes out as ``'-`` and comes back as ``-``.
"""

import csv
import io
from collections.abc import Collection, Iterable

from vaktaal.errors import Invalid

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _quoted_formula(value: str) -> bool:
    """A value that is quotes followed by a formula start: ``'=x``, ``''-``."""
    rest = value.lstrip(QUOTE)
    return rest != value and rest.startswith(FORMULA_START)


def neutralise(value: str) -> str:
    """The cell as written: a formula start (or quotes before one) gets one more leading ``'``.

    Quotes before a formula start are quoted too, so ``restore`` is the exact inverse: ``'=x`` (as typed) becomes
    ``''=x`` and reads back as ``'=x``. Any other value (``'s avonds``, ``dweil``) is written as it is.
    """
    if value.startswith(FORMULA_START) or _quoted_formula(value):
        return QUOTE + value
    return value


def restore(value: str) -> str:
    """The value of a cell as read: the inverse of ``neutralise``."""
    return value[1:] if _quoted_formula(value) else value


def write(header: Iterable[str], rows: Iterable[Iterable[object]], *, verbatim: Collection[str] = ()) -> str:
    """A CSV text (``\\n`` line ends, cells quoted where needed) with every cell neutralised; None is empty.

    ``verbatim``: exact values written as they are, for a marker no spreadsheet reads as a formula (the lone ``-``
    of a wordlist file kept in git). Every export for people to download passes none.
    """

    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return text if text in verbatim else neutralise(text)

    return _line([cell(name) for name in header]) + "".join(_line([cell(v) for v in row]) for row in rows)


def _line(cells: list[str]) -> str:
    """One row ending in ``\\n``. csv quotes a cell holding a character of its line terminator, so the row is
    written with ``\\r\\n`` (a cell with a lone carriage return is quoted too) and that terminator swapped."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()[:-2] + "\n"


def starts_as_formula(value: str) -> bool:
    """True when a spreadsheet would read ``value`` as a formula, before or after trimming its spaces."""
    return value.startswith(FORMULA_START) or value.strip().startswith(FORMULA_START)


def uploaded_text(raw: bytes, limit: int) -> str:
    """An uploaded spreadsheet as text: at most ``limit`` bytes, UTF-8, not empty; Invalid in plain Dutch otherwise."""
    if len(raw) > limit:
        raise Invalid(f"Het bestand is te groot (maximaal {limit // (1024 * 1024)} MB).")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("Sla het bestand op als CSV in UTF-8 en probeer het opnieuw.") from None
    if not text.strip():
        raise Invalid("Het bestand is leeg.")
    return text
