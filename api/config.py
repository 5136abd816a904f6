"""Configuration: defaults here, then the environment, then a test's overrides.

``DATABASE_URL``, ``SECRET_KEY`` and ``PORT`` keep their usual names; every other setting is read from a
``VAKTAAL_``-prefixed variable (``VAKTAAL_PUBLIC_URL`` sets ``PUBLIC_URL``), values parsed as JSON where they are
JSON (``VAKTAAL_DEMO=0``, ``VAKTAAL_GTTS_TIMEOUT=2.5``) and taken as text otherwise. The README lists them all.
"""

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = ROOT / "migrations"
PREFIX = "VAKTAAL"


class Defaults:
    API_TITLE = "Vaktaal API"
    API_VERSION = "1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    JSON_SORT_KEYS = False
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    # 1: load the demo organisation into a new database, and make up a SECRET_KEY when none is set. 0 in production.
    DEMO = True
    # Where the login rate limits are counted: per process in memory, or shared (e.g. redis://host:6379).
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    # Logins per client address: a class of 20 behind one school router, each retrying a few times.
    RATELIMIT_LOGIN_PER_ADDRESS = "120 per 10 minutes"
    # Logins per account (e-mail) or per code.
    RATELIMIT_LOGIN_PER_ACCOUNT = "10 per 10 minutes"
    # Public base URL for links in QR codes (e.g. https://vaktaal.example.nl); default: the request's host.
    PUBLIC_URL = None
    # The shipped wordlists, and the noun articles they are checked against.
    WORDLISTS_DIR = str(ROOT / "wordlists")
    ARTICLE_LEXICON = str(ROOT / "data" / "dutch-gender" / "gender.tsv")
    # Generated and uploaded audio (default: instance/audio). Share it between app servers, or swap the store.
    AUDIO_DIR = None
    # Photos from workplace visits (default: instance/photos).
    PHOTO_DIR = None
    # Seconds gTTS may take before espeak-ng speaks instead; 0 switches gTTS off (offline deployments).
    GTTS_TIMEOUT = 5.0


def load(app, test_config: dict | None) -> None:
    """Fill app.config: defaults, then the environment, then the test overrides."""
    app.config.from_object(Defaults)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = os.environ.get(
        "DATABASE_URL", "sqlite:///" + str(Path(app.instance_path) / "vaktaal.sqlite3")
    )
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.config.from_prefixed_env(PREFIX)
    if test_config:
        app.config.update(test_config)
    if not app.config.get("AUDIO_DIR"):
        app.config["AUDIO_DIR"] = str(Path(app.instance_path) / "audio")
    if not app.config.get("PHOTO_DIR"):
        app.config["PHOTO_DIR"] = str(Path(app.instance_path) / "photos")
    if not app.config.get("SECRET_KEY"):
        if not (app.config["DEMO"] or app.testing):
            raise RuntimeError("Set SECRET_KEY (a long random string) to run vaktaal outside demo mode.")
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))


def _instance_secret(instance: Path) -> str:
    """A demo's secret key, kept in the instance folder so signed links survive a restart."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
