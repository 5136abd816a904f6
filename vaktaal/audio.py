"""Audio rules: which source speaks a text, how generated audio is keyed, and what an uploaded recording may be."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class Source(StrEnum):
    """Where a term's audio comes from, best first."""

    RECORDING = "recording"  # a teacher or a Dutch colleague saying it
    GTTS = "gtts"  # Google's Dutch text-to-speech (needs the internet)
    ESPEAK = "espeak"  # espeak-ng's Dutch voice (offline)


class AudioKind(StrEnum):
    """What a clip says: the term itself, or its example sentence."""

    TERM = "term"
    EXAMPLE = "example"


# Text-to-speech sources in the order they are tried.
TTS_ORDER = (Source.GTTS, Source.ESPEAK)

MAX_RECORDING_BYTES = 2 * 1024 * 1024
MAX_RECORDING_SECONDS = 15.0
MIN_RECORDING_SECONDS = 0.3


def clip_key(text: str, source: Source) -> str:
    """The storage key of generated audio: the exact text and its source, so a changed text is a new clip."""
    return f"{source.value}-" + hashlib.sha256(f"{source.value}\n{text}".encode()).hexdigest()[:40]


def text_version(text: str) -> str:
    """A short version of a text, put into audio URLs so phones fetch new audio when the text changes."""
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class Backoff:
    """Skips a failing online source for a while, so one outage does not slow every request."""

    pause: timedelta = timedelta(minutes=10)
    failed_at: datetime | None = None

    def available(self, *, now: datetime) -> bool:
        return self.failed_at is None or now - self.failed_at >= self.pause

    def failed(self, *, now: datetime) -> None:
        self.failed_at = now

    def succeeded(self) -> None:
        self.failed_at = None


@dataclass(frozen=True)
class Probe:
    """What a media probe found in an uploaded file (by content, not by name)."""

    format_name: str
    duration: float | None
    audio_streams: int
    video_streams: int


def recording_problem(probe: Probe | None, size: int) -> str | None:
    """Why an uploaded recording cannot be used (in Dutch, for the uploader), or None when it is fine."""
    if size > MAX_RECORDING_BYTES:
        return f"De opname is te groot: maximaal {MAX_RECORDING_BYTES // (1024 * 1024)} MB."
    if size == 0:
        return "Het bestand is leeg."
    if probe is None or probe.audio_streams == 0:
        return "Dit is geen geluidsbestand. Neem het woord op en probeer het opnieuw."
    if probe.video_streams:
        return "Stuur alleen geluid, geen video."
    if probe.duration is not None and probe.duration > MAX_RECORDING_SECONDS:
        return f"De opname is te lang: maximaal {MAX_RECORDING_SECONDS:.0f} seconden."
    if probe.duration is not None and probe.duration < MIN_RECORDING_SECONDS:
        return "De opname is te kort. Zeg het woord rustig en duidelijk."
    return None
