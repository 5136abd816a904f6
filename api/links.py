"""The public addresses the API hands out (audio, photos, deep links into the app), written in one place.

Phones, ``<audio>`` and ``<img>`` elements and printed QR codes load these without a token; the services that
build them use these functions instead of spelling out paths. ``tests/api/test_links.py`` proves each one
reaches its route.
"""

from urllib.parse import urlencode

AUDIO_ROUTES = {"term": "audio", "example": "example-audio"}


def term_audio(term_id: int, kind: str, version: str, signature: str | None = None) -> str:
    """The MP3 of a term (``kind="term"``) or its example sentence; signed when the audio is not public."""
    query = {"v": version} | ({"sig": signature} if signature else {})
    return f"/api/terms/{term_id}/{AUDIO_ROUTES[kind]}?{urlencode(query)}"


def privacy_notice_audio(block_key: str, version: str) -> str:
    """The Dutch of one block of the privacy notice, read aloud (public: the notice is for everyone)."""
    return f"/api/privacy-notice/{block_key}/audio?{urlencode({'v': version})}"


def observation_photo(observation_id: int, signature: str) -> str:
    return f"/api/observations/{observation_id}/photo?{urlencode({'sig': signature})}"


def open_term(base_url: str, term_id: int) -> str:
    """A link that opens a term in the app (printed on word cards)."""
    return f"{base_url.rstrip('/')}/#term/{term_id}"


def login(base_url: str, code: str) -> str:
    """A link that logs a participant in: the code sits in the fragment, which never reaches a server log."""
    return f"{base_url.rstrip('/')}/login#code={code}"


def account_link(base_url: str, token: str) -> str:
    """A one-time link where a staff member chooses their password (setup or reset); the token sits in the
    fragment, which never reaches a server log."""
    return f"{base_url.rstrip('/')}/#wachtwoord/{token}"
