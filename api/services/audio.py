"""Audio use cases: which audio a user hears for a term, serving it, uploading and adopting recordings."""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select

from api import access, links, signing
from api.audio import media
from api.audio.store import MediaStore
from api.audio.tts import SynthesisError
from api.extensions import db
from api.models import AudioRecording, Organisation, Sector, Term, User
from api.resources import Resources
from api.services import use_case
from vaktaal.audio import TTS_ORDER, AudioKind, clip_key, recording_problem, text_version
from vaktaal.errors import Invalid, NotFound, Unavailable

log = logging.getLogger(__name__)

KINDS = tuple(kind.value for kind in AudioKind)


def spoken_text(term, kind: str) -> str:
    """What is said: the example sentence, or the term itself (nouns with their article: "de dweil")."""
    if kind == AudioKind.EXAMPLE:
        return term.example
    return f"{term.article} {term.term}" if term.pos == "noun" and term.article else term.term


def signing_keys(organisation_ids) -> dict[int, str]:
    """The signing keys of these organisations, in one query."""
    ids = set(organisation_ids)
    if not ids:
        return {}
    rows = db.session.execute(select(Organisation.id, Organisation.signing_key).where(Organisation.id.in_(ids)))
    return dict(rows.tuples().all())


def texts_to_speak(sectors: list[str] | None = None) -> list[str]:
    """Every distinct text the terms (not retired) of these sectors (default: all) and their examples say."""
    statement = select(Term).join(Sector).where(Term.retired.is_(False)).order_by(Sector.position, Term.position)
    if sectors:
        statement = statement.where(Sector.slug.in_(sectors))
    return sorted({spoken_text(t, kind) for t in db.session.scalars(statement) for kind in KINDS})


# Which audio a user hears


@dataclass
class AudioCatalog:
    """The audio URLs one organisation's users get: its own recordings first, then adopted ones, then speech.

    Loads the recordings once (on first use) and each signing key once, so a list of terms costs two queries.
    Works on Term rows and on plain rows with ``id``, ``term``, ``article``, ``pos``, ``example`` and
    ``organisation_id``.
    """

    organisation_id: int | None
    secret_key: str
    _recordings: dict[tuple[int, str], AudioRecording] | None = field(default=None, repr=False)
    _keys: dict[int, str] = field(default_factory=dict, repr=False)

    def recordings(self) -> dict[tuple[int, str], AudioRecording]:
        """The newest usable recording per (term, kind): the organisation's own, else an adopted one."""
        if self._recordings is None:
            usable = AudioRecording.adopted.is_(True)
            if self.organisation_id is not None:
                usable = or_(usable, AudioRecording.organisation_id == self.organisation_id)
            best: dict[tuple[int, str], AudioRecording] = {}
            for row in db.session.scalars(select(AudioRecording).where(usable).order_by(AudioRecording.id)):
                key = (row.term_id, row.kind.value)
                current = best.get(key)
                own = row.organisation_id == self.organisation_id
                if current is None or own or current.organisation_id != self.organisation_id:
                    best[key] = row  # newer wins, and the organisation's own beats an adopted one
            self._recordings = best
        return self._recordings

    def _key(self, organisation_id: int) -> str:
        if organisation_id not in self._keys:
            self._keys.update(signing_keys([organisation_id]))
        return self._keys[organisation_id]

    def url(self, term, kind: str) -> str:
        """Public for shared audio, signed for an organisation's own term or recording."""
        recording = self.recordings().get((term.id, kind))
        version = f"r{recording.id}" if recording else text_version(spoken_text(term, kind))
        owner = recording.organisation_id if recording and not recording.adopted else term.organisation_id
        signature = None if owner is None else signing.sign(self.secret_key, self._key(owner), term.id, version)
        return links.term_audio(term.id, kind, version, signature)


# Serving


@dataclass
class Audio:
    data: bytes
    etag: str
    immutable: bool
    public: bool


def _not_found():
    return NotFound("Deze audio bestaat niet (meer).")


def serve(
    resources: Resources, term_id: int, kind: str, version: str | None, signature: str | None, *, now: datetime
) -> Audio:
    """The MP3 behind an audio URL; NotFound for an unknown term or version, or a wrong signature."""
    term = db.session.get(Term, term_id)
    if term is None:
        raise _not_found()
    if version and version.startswith("r") and version[1:].isdigit():
        return _serve_recording(resources, term, kind, int(version[1:]), signature)
    current = text_version(spoken_text(term, kind))
    if term.organisation_id is not None:
        key = signing_keys([term.organisation_id])[term.organisation_id]
        if version != current or not signing.verify(resources.secret_key, key, term.id, version, signature):
            raise _not_found()
    key, data = speech(resources, spoken_text(term, kind), now=now)
    return Audio(data, key, immutable=version == current, public=term.organisation_id is None)


def _serve_recording(resources: Resources, term: Term, kind: str, recording_id: int, signature: str | None) -> Audio:
    recording = db.session.get(AudioRecording, recording_id)
    if recording is None or recording.term_id != term.id or recording.kind != kind:
        raise _not_found()
    public = recording.adopted and term.organisation_id is None
    if not public:
        key = signing_keys([recording.organisation_id])[recording.organisation_id]
        if not signing.verify(resources.secret_key, key, term.id, f"r{recording.id}", signature):
            raise _not_found()
    data = resources.audio_store.get(recording.store_key)
    if data is None:
        raise Unavailable("De opname is niet gevonden in de opslag.")
    return Audio(data, recording.store_key, immutable=True, public=public)


def cached_speech(store: MediaStore, text: str) -> tuple[str, bytes] | None:
    for source in TTS_ORDER:
        key = clip_key(text, source)
        data = store.get(key)
        if data is not None:
            return key, data
    return None


def speech(resources: Resources, text: str, *, now: datetime) -> tuple[str, bytes]:
    """Audio of ``text`` from the cache, or generated once (gTTS, else espeak-ng) and cached."""
    found = cached_speech(resources.audio_store, text)
    if found:
        return found
    try:
        source, data = resources.speaker.speak(text, now=now)
    except SynthesisError as exc:
        log.warning("No audio for a text of %d characters: %s", len(text), exc)
        raise Unavailable("Er is nu geen geluid voor dit woord. De app werkt ook zonder geluid.") from None
    key = clip_key(text, source)
    resources.audio_store.put(key, data)
    return key, data


# Recordings


@use_case
def upload_recording(
    resources: Resources, user: User, term: Term, kind: str, data: bytes, *, now: datetime
) -> AudioRecording:
    """A teacher or coach saying the term (or its example): their organisation hears it from now on."""
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
    resources.audio_store.put(key, mp3)
    recording = AudioRecording(
        term_id=term.id,
        organisation_id=user.organisation_id,
        uploaded_by_id=user.id,
        kind=AudioKind(kind),
        store_key=key,
        duration_ms=round(probe.duration * 1000) if probe.duration else None,
        size=len(mp3),
        created_at=now,
    )
    db.session.add(recording)
    db.session.flush()
    return recording


@use_case
def adopt_recording(user: User, term: Term, recording_id: int) -> AudioRecording:
    """Use an organisation's recording of a shared term for everyone (editors only)."""
    access.check_editor(user)
    recording = db.session.get(AudioRecording, recording_id)
    if recording is None or recording.term_id != term.id:
        raise NotFound("Deze opname hoort niet bij deze term.")
    if term.organisation_id is not None:
        raise Invalid("Alleen opnames van gedeelde termen kunnen voor iedereen worden gebruikt.")
    recording.adopted = True
    return recording
