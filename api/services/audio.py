"""Audio use cases: which audio a user hears for a term, serving it, uploading and adopting recordings."""

import hashlib
import secrets
from dataclasses import dataclass

from flask import current_app, g
from sqlalchemy import or_, select

from api.audio import media, signing
from api.audio.store import LocalFileStore, MediaStore
from api.audio.tts import Espeak, Gtts, Speaker, SynthesisError
from api.extensions import db
from api.models import AudioRecording, Organisation, Term, User, utcnow
from vaktaal.audio import TTS_ORDER, Source, clip_key, recording_problem, text_version
from vaktaal.errors import Invalid, NotFound, Unavailable

KINDS = ("term", "example")
ROUTE_NAMES = {"term": "audio", "example": "example-audio"}


def store() -> MediaStore:
    cached = current_app.extensions.get("vaktaal_audio_store")
    if cached is None:
        cached = current_app.extensions["vaktaal_audio_store"] = LocalFileStore(current_app.config["AUDIO_DIR"])
    return cached


def photo_store() -> MediaStore:
    cached = current_app.extensions.get("vaktaal_photo_store")
    if cached is None:
        cached = current_app.extensions["vaktaal_photo_store"] = LocalFileStore(current_app.config["PHOTO_DIR"], ".jpg")
    return cached


def speaker() -> Speaker:
    """One per app process, so a gTTS failure pauses gTTS for every request of this process."""
    cached = current_app.extensions.get("vaktaal_speaker")
    if cached is None:
        timeout = current_app.config["GTTS_TIMEOUT"]
        engines = {Source.ESPEAK: Espeak()}
        if timeout:
            engines[Source.GTTS] = Gtts(timeout=timeout)
        cached = current_app.extensions["vaktaal_speaker"] = Speaker(engines=engines)
    return cached


def spoken_text(term: Term, kind: str) -> str:
    """What is said: the example sentence, or the term itself (nouns with their article: "de dweil")."""
    if kind == "example":
        return term.example
    return f"{term.article} {term.term}" if term.pos == "noun" and term.article else term.term


# Which recording a user hears


def _recordings(organisation_id: int | None) -> dict[tuple[int, str], AudioRecording]:
    """The newest usable recording per (term, kind) for an organisation: its own, else an adopted one."""
    cache = g.setdefault("vaktaal_recordings", {})
    if organisation_id not in cache:
        usable = AudioRecording.adopted.is_(True)
        if organisation_id is not None:
            usable = or_(usable, AudioRecording.organisation_id == organisation_id)
        rows = db.session.scalars(select(AudioRecording).where(usable).order_by(AudioRecording.id))
        best: dict[tuple[int, str], AudioRecording] = {}
        for row in rows:
            key = (row.term_id, row.kind)
            current = best.get(key)
            own = row.organisation_id == organisation_id
            if current is None or own or current.organisation_id != organisation_id:
                best[key] = row  # newer wins, and the organisation's own beats an adopted one
        cache[organisation_id] = best
    return cache[organisation_id]


def _organisation_key(organisation_id: int) -> str:
    return db.session.get(Organisation, organisation_id).audio_key


def audio_url(term: Term, kind: str, organisation_id: int | None) -> str:
    """The URL an <audio> element or service worker loads for this term: public for shared audio, signed for an
    organisation's own term or recording."""
    recording = _recordings(organisation_id).get((term.id, kind))
    version = f"r{recording.id}" if recording else text_version(spoken_text(term, kind))
    url = f"/api/terms/{term.id}/{ROUTE_NAMES[kind]}?v={version}"
    owner = recording.organisation_id if recording and not recording.adopted else term.organisation_id
    if owner is None:
        return url
    return url + "&sig=" + signing.sign(current_app.config["SECRET_KEY"], _organisation_key(owner), term.id, version)


def audio_url_for_user(term: Term, kind: str) -> str:
    user = g.get("user")
    return audio_url(term, kind, user.organisation_id if user is not None else None)


# Serving


@dataclass
class Audio:
    data: bytes
    etag: str
    immutable: bool
    public: bool


def _not_found():
    return NotFound("Deze audio bestaat niet (meer).")


def serve(term_id: int, kind: str, version: str | None, signature: str | None) -> Audio:
    term = db.session.get(Term, term_id)
    if term is None:
        raise _not_found()
    if version and version.startswith("r") and version[1:].isdigit():
        return _serve_recording(term, kind, int(version[1:]), signature)
    current = text_version(spoken_text(term, kind))
    if term.organisation_id is not None:
        key = _organisation_key(term.organisation_id)
        if version != current or not signing.verify(current_app.config["SECRET_KEY"], key, term.id, version, signature):
            raise _not_found()
    key, data = speech(spoken_text(term, kind))
    return Audio(data, key, immutable=version == current, public=term.organisation_id is None)


def _serve_recording(term: Term, kind: str, recording_id: int, signature: str | None) -> Audio:
    recording = db.session.get(AudioRecording, recording_id)
    if recording is None or recording.term_id != term.id or recording.kind != kind:
        raise _not_found()
    public = recording.adopted and term.organisation_id is None
    if not public:
        key = _organisation_key(recording.organisation_id)
        if not signing.verify(current_app.config["SECRET_KEY"], key, term.id, f"r{recording.id}", signature):
            raise _not_found()
    data = store().get(recording.store_key)
    if data is None:
        raise Unavailable("De opname is niet gevonden in de opslag.")
    return Audio(data, recording.store_key, immutable=True, public=public)


def cached_speech(text: str) -> tuple[str, bytes] | None:
    for source in TTS_ORDER:
        key = clip_key(text, source)
        data = store().get(key)
        if data is not None:
            return key, data
    return None


def speech(text: str) -> tuple[str, bytes]:
    """Audio of ``text`` from the cache, or generated once (gTTS, else espeak-ng) and cached."""
    found = cached_speech(text)
    if found:
        return found
    try:
        source, data = speaker().speak(text, now=utcnow())
    except SynthesisError as exc:
        current_app.logger.warning("No audio for %r: %s", text, exc)
        raise Unavailable("Er is nu geen geluid voor dit woord. De app werkt ook zonder geluid.") from None
    key = clip_key(text, source)
    store().put(key, data)
    return key, data


# Recordings


def upload_recording(user: User, term: Term, kind: str, data: bytes) -> AudioRecording:
    if kind not in KINDS:
        raise Invalid("Kies 'term' of 'example'.", errors={"form": {"kind": ["Kies 'term' of 'example'."]}})
    try:
        probe = media.probe(data) if data else None
    except media.MediaError:
        raise Unavailable("Opnames kunnen nu niet worden verwerkt. Probeer het later opnieuw.") from None
    problem = recording_problem(probe, len(data))
    if problem:
        raise Invalid(problem, errors={"files": {"file": [problem]}})
    try:
        mp3 = media.to_mp3(data)
    except media.MediaError:
        raise Invalid(
            "Dit geluidsbestand kan niet worden gelezen.", errors={"files": {"file": ["Onleesbaar."]}}
        ) from None
    key = "rec-" + hashlib.sha256(mp3).hexdigest()[:40]
    store().put(key, mp3)
    recording = AudioRecording(
        term_id=term.id,
        organisation_id=user.organisation_id,
        uploaded_by_id=user.id,
        kind=kind,
        store_key=key,
        duration_ms=round(probe.duration * 1000) if probe.duration else None,
        size=len(mp3),
        created_at=utcnow(),
    )
    db.session.add(recording)
    db.session.commit()
    g.pop("vaktaal_recordings", None)
    return recording


def adopt_recording(term: Term, recording_id: int) -> AudioRecording:
    recording = db.session.get(AudioRecording, recording_id)
    if recording is None or recording.term_id != term.id:
        raise NotFound("Deze opname hoort niet bij deze term.")
    if term.organisation_id is not None:
        raise Invalid("Alleen opnames van gedeelde termen kunnen voor iedereen worden gebruikt.")
    recording.adopted = True
    db.session.commit()
    g.pop("vaktaal_recordings", None)
    return recording


def rotate_organisation_key(organisation: Organisation) -> None:
    """Retire every signed audio URL of the organisation (e.g. after a leak)."""
    organisation.audio_key = secrets.token_hex(16)
    db.session.commit()
