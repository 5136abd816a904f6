"""What counts as storable typed text: valid Unicode, no control characters, one line unless it may run over lines.

The API's input fields and the wordlist check use the same rule, so a spreadsheet cannot bring in what a form
refuses (a NUL, which PostgreSQL cannot store; an escape code; a lone surrogate, which no database can encode).
"""

import re

# Control characters (Unicode category Cc): C0, DEL and C1. Newlines and tabs are allowed where text runs over lines.
CONTROL = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"
LINE_BREAKS = "\\t\\n\\r"
_CONTROL_CHARACTER = re.compile(f"[{CONTROL}]")
_LINE_BREAK = re.compile(f"[{LINE_BREAKS}\\u2028\\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")

MESSAGES = {
    "unicode": "Deze tekst bevat een ongeldig teken. Typ de tekst opnieuw.",
    "control": "Deze tekst bevat een onzichtbaar teken dat niet kan. Typ de tekst opnieuw.",
    "line": "Gebruik hier geen nieuwe regel of tab.",
}


def text_problem(text: str, *, multiline: bool = False) -> str | None:
    """Why ``text`` cannot be stored as typed text ("unicode", "control" or "line"), or None when it can.

    Args:
        text: The text.
        multiline: Whether newlines and tabs are allowed (notes, examples, what was heard).

    Returns:
        A key of ``MESSAGES``, or None.
    """
    if _SURROGATE.search(text):
        return "unicode"
    if _CONTROL_CHARACTER.search(text):
        return "control"
    if not multiline and _LINE_BREAK.search(text):
        return "line"
    return None
