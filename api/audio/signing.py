"""Unguessable audio URLs for an organisation's own terms and recordings.

An <audio> element or a service worker cannot send a bearer token, so the URL itself carries the right to
listen: an HMAC over the term, the audio's version and the organisation's audio key. The signature does not
expire (audio cached on phones keeps working); a new version, or rotating the organisation's key, retires it.
"""

import hashlib
import hmac


def sign(secret_key: str, organisation_key: str, term_id: int, version: str) -> str:
    message = f"{term_id}:{version}".encode()
    return hmac.new(f"{secret_key}:{organisation_key}".encode(), message, hashlib.sha256).hexdigest()[:32]


def verify(secret_key: str, organisation_key: str, term_id: int, version: str, signature: str) -> bool:
    return hmac.compare_digest(sign(secret_key, organisation_key, term_id, version), signature or "")
