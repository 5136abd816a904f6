"""Dutch text-to-speech: gTTS when the internet is there, espeak-ng when it is not. Both return MP3 bytes."""

import io
import logging
import subprocess
from dataclasses import dataclass, field

from api.audio.media import MediaError, to_mp3
from vaktaal.audio import TTS_ORDER, Backoff, Source

log = logging.getLogger(__name__)


class SynthesisError(Exception):
    pass


@dataclass
class Gtts:
    timeout: float = 5.0

    def synthesize(self, text: str) -> bytes:
        from gtts import gTTS

        buffer = io.BytesIO()  # never a file: a failure must not leave a partial one behind
        try:
            gTTS(text, lang="nl", timeout=self.timeout).write_to_fp(buffer)
        except Exception as exc:  # gTTS raises its own errors and requests' ones
            raise SynthesisError(f"gTTS: {exc}") from exc
        if buffer.tell() == 0:
            raise SynthesisError("gTTS returned no audio")
        return buffer.getvalue()


@dataclass
class Espeak:
    voice: str = "nl"
    binary: str = "espeak-ng"
    speed: int = 140  # words per minute; slower than the default 175 for learners

    def synthesize(self, text: str) -> bytes:
        try:
            result = subprocess.run(
                [self.binary, "-v", self.voice, "-s", str(self.speed), "--stdout", text],
                capture_output=True,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SynthesisError(f"espeak-ng: {exc}") from exc
        if result.returncode != 0 or not result.stdout:
            raise SynthesisError("espeak-ng: " + result.stderr.decode(errors="replace")[-200:])
        try:
            return to_mp3(result.stdout)
        except MediaError as exc:
            raise SynthesisError(str(exc)) from exc


@dataclass
class Speaker:
    """Tries the text-to-speech sources in order; an online source that fails is skipped for a while."""

    engines: dict[Source, object] = field(default_factory=lambda: {Source.GTTS: Gtts(), Source.ESPEAK: Espeak()})
    backoff: Backoff = field(default_factory=Backoff)
    attempts: dict[Source, int] = field(default_factory=dict)

    def speak(self, text: str, *, now) -> tuple[Source, bytes]:
        """MP3 audio of ``text`` and the source that made it; SynthesisError with every reason otherwise."""
        reasons = []
        for source in TTS_ORDER:
            engine = self.engines.get(source)
            if engine is None:
                continue
            if source is Source.GTTS and not self.backoff.available(now=now):
                reasons.append("gTTS skipped after a recent failure")
                continue
            self.attempts[source] = self.attempts.get(source, 0) + 1
            try:
                audio = engine.synthesize(text)
            except SynthesisError as exc:
                log.warning("Text-to-speech failed (%s): %s", source, exc)
                reasons.append(str(exc))
                if source is Source.GTTS:
                    self.backoff.failed(now=now)
                continue
            if source is Source.GTTS:
                self.backoff.succeeded()
            return source, audio
        raise SynthesisError("; ".join(reasons) or "no text-to-speech source configured")
