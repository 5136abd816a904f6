"""What the use cases need from outside the database, built once per app from its config and handed to them.

Services never read ``current_app``; a route, a CLI command or a test passes ``resources()`` (or the parts of it
a use case needs) as an argument.
"""

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from flask import Flask, current_app

from api.audio.store import LocalFileStore, MediaStore
from api.audio.tts import Espeak, Gtts, Speaker
from vaktaal.audio import Source
from vaktaal.wordlists import Checker, load_checker

EXTENSION = "vaktaal"


@dataclass
class Resources:
    """The app's signing secret, media stores, text-to-speech and wordlist checker (loaded on first use)."""

    secret_key: str
    audio_dir: str
    photo_dir: str
    wordlists_dir: str
    article_lexicon: str
    gtts_timeout: float

    @classmethod
    def from_config(cls, config) -> "Resources":
        return cls(
            secret_key=config["SECRET_KEY"],
            audio_dir=config["AUDIO_DIR"],
            photo_dir=config["PHOTO_DIR"],
            wordlists_dir=config["WORDLISTS_DIR"],
            article_lexicon=config["ARTICLE_LEXICON"],
            gtts_timeout=float(config["GTTS_TIMEOUT"] or 0),
        )

    @cached_property
    def audio_store(self) -> MediaStore:
        return LocalFileStore(Path(self.audio_dir))

    @cached_property
    def photo_store(self) -> MediaStore:
        return LocalFileStore(Path(self.photo_dir), ".jpg")

    @cached_property
    def speaker(self) -> Speaker:
        """One per app process, so a gTTS failure pauses gTTS for every request of this process."""
        engines: dict = {Source.ESPEAK: Espeak()}
        if self.gtts_timeout:
            engines[Source.GTTS] = Gtts(timeout=self.gtts_timeout)
        return Speaker(engines=engines)

    @cached_property
    def checker(self) -> Checker:
        """The wordlist checker (the article lexicon has 24k nouns: loaded once)."""
        return load_checker(Path(self.article_lexicon), Path(self.wordlists_dir) / "article-overrides.csv")


def resources(app: Flask | None = None) -> Resources:
    """The resources of ``app`` (default: the current app)."""
    return (app or current_app).extensions[EXTENSION]


def init_app(app: Flask) -> None:
    app.extensions[EXTENSION] = Resources.from_config(app.config)
