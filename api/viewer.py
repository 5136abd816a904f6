"""The media URLs the calling user is shown (audio of terms, photos of visits), signed for their organisation.

Response schemas call these while they serialise; the catalog of recordings and the signing keys are loaded once
per request and kept on ``g``.
"""

from flask import Flask, current_app, g, request

from api.models import Observation, Term
from api.resources import resources
from api.services import audio, photos


def _catalog() -> audio.AudioCatalog:
    catalog = g.get("vaktaal_audio_catalog")
    if catalog is None:
        user = g.get("user")
        organisation_id = user.organisation_id if user is not None else None
        catalog = g.vaktaal_audio_catalog = audio.AudioCatalog(organisation_id, resources().secret_key)
    return catalog


def term_audio_url(term: Term, kind: str) -> str:
    return _catalog().url(term, kind)


def photo_url(observation: Observation) -> str | None:
    if not observation.photo_key:
        return None
    organisation_id = observation.visit.organisation_id
    keys = g.setdefault("vaktaal_signing_keys", {})
    if organisation_id not in keys:
        keys.update(audio.signing_keys([organisation_id]))
    return photos.photo_url(observation, secret_key=resources().secret_key, signing_key=keys[organisation_id])


def base_url() -> str:
    """Where the app is reached, for links printed or put in QR codes: PUBLIC_URL, else this request's host, which
    Flask has checked against TRUSTED_HOSTS before the route ran (``api.config``: a spoofed Host is a 400)."""
    public = current_app.config.get("PUBLIC_URL")
    if public:
        return public.rstrip("/") + "/"
    if not current_app.config.get("TRUSTED_HOSTS"):
        raise RuntimeError("Neither PUBLIC_URL nor TRUSTED_HOSTS is set: a link would carry any Host a client sends.")
    return request.host_url


def _forget() -> None:
    """``g`` outlives a request when an app context is already pushed (tests, CLI): start each request afresh."""
    g.pop("vaktaal_audio_catalog", None)
    g.pop("vaktaal_signing_keys", None)


def init_app(app: Flask) -> None:
    app.before_request(_forget)
