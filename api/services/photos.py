"""What an observation brings from the floor besides the term: a photo of the real thing, a colleague's voice."""

import hashlib
from datetime import datetime

from api import links, signing
from api.extensions import db
from api.models import Observation, User
from api.photos import clean_photo
from api.resources import Resources
from api.services import use_case
from api.services.audio import signing_keys, upload_recording
from vaktaal.errors import NotFound


def _version(observation: Observation) -> str:
    return f"photo-{observation.id}-{observation.photo_key}"


def photo_url(observation: Observation, *, secret_key: str, signing_key: str) -> str | None:
    """A signed URL (an <img> sends no token), signed with the organisation's signing key."""
    if not observation.photo_key:
        return None
    signature = signing.sign(secret_key, signing_key, observation.term_id, _version(observation))
    return links.observation_photo(observation.id, signature)


@use_case
def add_photo(resources: Resources, observation: Observation, data: bytes) -> Observation:
    """A photo of the real object or place: checked by content, EXIF and location removed, resized."""
    jpeg = clean_photo(data)
    key = "photo-" + hashlib.sha256(jpeg).hexdigest()[:40]
    resources.photo_store.put(key, jpeg)
    observation.photo_key = key
    return observation


def photo(resources: Resources, observation_id: int, signature: str | None) -> tuple[bytes, str]:
    """The JPEG behind a signed photo URL, and its key (for the ETag); NotFound for anything else."""
    observation = db.session.get(Observation, observation_id)
    if observation is None or not observation.photo_key:
        raise NotFound("Deze foto bestaat niet.")
    organisation_id = observation.visit.organisation_id
    key = signing_keys([organisation_id])[organisation_id]
    if not signing.verify(resources.secret_key, key, observation.term_id, _version(observation), signature):
        raise NotFound("Deze foto bestaat niet.")
    data = resources.photo_store.get(observation.photo_key)
    if data is None:
        raise NotFound("Deze foto bestaat niet.")
    return data, observation.photo_key


@use_case
def add_recording(
    resources: Resources, user: User, observation: Observation, data: bytes, *, now: datetime
) -> Observation:
    """A colleague saying the term on the work floor: the organisation's recording of the term from now on."""
    observation.recording = upload_recording(resources, user, observation.term, "term", data, now=now)
    return observation
