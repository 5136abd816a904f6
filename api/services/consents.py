"""Consents and the privacy notice: what a participant agreed to (who recorded it, when and how), and what they are
told about their data.

A consent is a history: one row per give or withdraw, the latest per purpose holds. Saying the same thing twice adds
nothing (a retried request, a double tap); every change is one audit entry (action ``consent``). No answer yet
counts as no: nothing is shared until someone says yes.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from api import links
from api.extensions import db
from api.models import Consent, User
from api.resources import Resources
from api.services import audio, audit, locks, use_case
from vaktaal.audio import text_version
from vaktaal.errors import NotFound
from vaktaal.privacy import AuditAction, ConsentPurpose, ConsentSource
from vaktaal.privacy_notice import LANGUAGES, PURPOSES, RTL, Block, blocks, find, spoken

# Read


@dataclass
class ConsentState:
    """Where one purpose stands for one participant: never answered (``recorded_at`` None), yes or no."""

    purpose: ConsentPurpose
    given: bool
    source: ConsentSource | None = None
    recorded_at: datetime | None = None
    recorded_by: User | None = None


def _latest(participant_id: int, purpose: ConsentPurpose) -> Consent | None:
    return db.session.scalar(
        select(Consent)
        .where(Consent.participant_id == participant_id, Consent.purpose == purpose)
        .order_by(Consent.recorded_at.desc(), Consent.id.desc())
        .limit(1)
    )


def current_consent(participant_id: int, purpose: ConsentPurpose) -> bool:
    """Whether this participant agrees to this purpose now (no answer yet is no)."""
    latest = _latest(participant_id, purpose)
    return bool(latest and latest.given)


def _state(participant_id: int, purpose: ConsentPurpose) -> ConsentState:
    latest = _latest(participant_id, purpose)
    if latest is None:
        return ConsentState(purpose, given=False)
    recorded_by = db.session.get(User, latest.recorded_by_id) if latest.recorded_by_id else None
    return ConsentState(purpose, latest.given, latest.source, latest.recorded_at, recorded_by)


def purpose_named(name: str) -> ConsentPurpose:
    """The purpose a URL names; NotFound for one that does not exist."""
    try:
        return ConsentPurpose(name)
    except ValueError:
        raise NotFound("Deze toestemming bestaat niet.") from None


def consent_states(participant: User) -> list[ConsentState]:
    """Every purpose, in the order of ``ConsentPurpose``, with the answer that holds now."""
    return [_state(participant.id, purpose) for purpose in ConsentPurpose]


def consent_state(participant: User, purpose: ConsentPurpose) -> ConsentState:
    return _state(participant.id, purpose)


def history(participant: User) -> list[Consent]:
    """Every consent given or withdrawn, oldest first."""
    return list(
        db.session.scalars(
            select(Consent).where(Consent.participant_id == participant.id).order_by(Consent.recorded_at, Consent.id)
        )
    )


# Change


@use_case
def set_consent(
    actor: User, participant: User, purpose: ConsentPurpose, given: bool, *, source: ConsentSource, now: datetime
) -> ConsentState:
    """Record that ``participant`` gives (or withdraws) ``purpose``: in their own app (``actor`` is the participant)
    or on paper (``actor`` is the staff member who records it). Takes effect at once. The same answer as the one
    that holds adds no row and no audit entry; an answer recorded while none held does (a "no" is an answer too)."""
    locks.lock(User, participant.id)  # two taps at once: the second sees the first's row and adds nothing
    latest = _latest(participant.id, purpose)
    if latest is not None and latest.given == given:
        return _state(participant.id, purpose)
    row = Consent(
        participant_id=participant.id,
        purpose=purpose,
        given=given,
        source=source,
        recorded_by_id=actor.id,
        recorded_at=now,
    )
    db.session.add(row)
    db.session.flush()
    audit.record(
        actor,
        AuditAction.CONSENT,
        now=now,
        participant_id=participant.id,
        object_kind="consent",
        object_id=row.id,
        organisation_id=participant.organisation_id,
    )
    return ConsentState(purpose, given, source, now, actor)


# The notice


def notice_audio_url(block: Block) -> str:
    """The public URL of a block's Dutch audio, versioned by its text (a changed text is a new URL)."""
    return links.privacy_notice_audio(block.key, text_version(spoken(block)))


def _shown(block: Block, languages: tuple[str, ...]) -> dict:
    return {
        "key": block.key,
        "icon": block.icon,
        "audio_url": notice_audio_url(block),
        "texts": [
            {
                "language": language,
                "dir": "rtl" if language in RTL else "ltr",
                "title": block.text(language).title,
                "lines": list(block.text(language).lines),
            }
            for language in languages
        ],
    }


def notice(*, retention_months: int, language: str | None = None) -> dict:
    """The notice and each consent's question: Dutch, and one support language (``language``) or all of them."""
    languages = LANGUAGES if language is None else tuple(dict.fromkeys(("nl", language)))
    return {
        "retention_months": retention_months,
        "blocks": [_shown(block, languages) for block in blocks(retention_months=retention_months)],
        "purposes": [_shown(block, languages) for block in PURPOSES.values()],
    }


@dataclass
class NoticeAudio:
    data: bytes
    etag: str
    immutable: bool


def notice_audio(
    resources: Resources, key: str, version: str | None, *, retention_months: int, now: datetime
) -> NoticeAudio:
    """A block's Dutch, spoken by the app's text-to-speech and cached like term audio."""
    block = find(key, retention_months=retention_months)
    if block is None:
        raise NotFound("Deze audio bestaat niet (meer).")
    text = spoken(block)
    etag, data = audio.speech(resources, text, now=now)
    return NoticeAudio(data, etag, immutable=version == text_version(text))
