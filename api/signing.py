"""Unguessable media URLs: an organisation's own audio and recordings, and the photos of its visits.

An <audio> or <img> element or a service worker cannot send a bearer token, so the URL itself carries the right:
an HMAC over the term, the media's version and the organisation's signing key. The signature does not expire
(media cached on phones keeps working); a new version, or rotating the organisation's key, retires it.
"""

import hashlib
import hmac


def sign(secret_key: str, organisation_key: str, term_id: int, version: str) -> str:
    message = f"{term_id}:{version}".encode()
    return hmac.new(f"{secret_key}:{organisation_key}".encode(), message, hashlib.sha256).hexdigest()[:32]


def verify(secret_key: str, organisation_key: str, term_id: int, version: str, signature: str | None) -> bool:
    return hmac.compare_digest(sign(secret_key, organisation_key, term_id, version), signature or "")
