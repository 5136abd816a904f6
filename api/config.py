"""Configuration: defaults here, then the environment, then a test's overrides.

``DATABASE_URL``, ``SECRET_KEY`` and ``PORT`` keep their usual names; every other setting is read from a
``VAKTAAL_``-prefixed variable (``VAKTAAL_PUBLIC_URL`` sets ``PUBLIC_URL``), values parsed as JSON where they are
JSON (``VAKTAAL_DEMO=0``, ``VAKTAAL_GTTS_TIMEOUT=2.5``) and taken as text otherwise. The README lists them all.
"""

import os
import secrets
from pathlib import Path

from api import hosts
from vaktaal.privacy import DEFAULT_AUDIT_RETENTION_DAYS, DEFAULT_RETENTION_MONTHS

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = ROOT / "migrations"
PREFIX = "VAKTAAL"


class Defaults:
    API_TITLE = "Vaktaal API"
    API_VERSION = "1"
    OPENAPI_VERSION = "3.1.0"
    OPENAPI_URL_PREFIX = "/api"
    OPENAPI_JSON_PATH = "openapi.json"
    # hide_parameters: a database error names its statement, never the values (a visit note, a term) in a log.
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "hide_parameters": True}
    JSON_SORT_KEYS = False
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    # 1: load the demo organisation into a new database, and make up a SECRET_KEY when none is set. 0 in production.
    DEMO = True
    # Where the login rate limits are counted: per process in memory, or shared by every worker and server
    # (redis://host:6379). Should Redis be unreachable, each process counts in memory until it is back.
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_KEY_PREFIX = "vaktaal"
    RATELIMIT_HEADERS_ENABLED = True
    # How many proxies in front of the app set X-Forwarded-For and X-Forwarded-Proto (1 behind one TLS proxy).
    # 0: the headers are ignored, as a client can send them too.
    PROXIES = 0
    # Logins per client address: a class of 20 behind one school router, each retrying a few times.
    RATELIMIT_LOGIN_PER_ADDRESS = "120 per 10 minutes"
    # Logins per account (e-mail) or per code.
    RATELIMIT_LOGIN_PER_ACCOUNT = "10 per 10 minutes"
    # Public base URL for links in QR codes (e.g. https://vaktaal.example.nl). Without it the request's host is used,
    # which must then be trusted: Flask's TRUSTED_HOSTS (VAKTAAL_TRUSTED_HOSTS), or in a demo this machine's own
    # names and addresses. Outside a demo one of the two is required.
    PUBLIC_URL = None
    TRUSTED_HOSTS = None
    # The shipped wordlists, and the noun articles they are checked against.
    WORDLISTS_DIR = str(ROOT / "wordlists")
    ARTICLE_LEXICON = str(ROOT / "data" / "dutch-gender" / "gender.tsv")
    # Generated and uploaded audio (default: instance/audio). Share it between app servers, or swap the store.
    AUDIO_DIR = None
    # Photos from workplace visits (default: instance/photos).
    PHOTO_DIR = None
    # A participant is erased this many months after the day a coordinator marked their programme ended; audit
    # entries are deleted after this many days (the retention job: flask retention, and flask setup).
    RETENTION_MONTHS = DEFAULT_RETENTION_MONTHS
    AUDIT_RETENTION_DAYS = DEFAULT_AUDIT_RETENTION_DAYS
    # Seconds gTTS may take before espeak-ng speaks instead; 0 switches gTTS off (offline deployments).
    GTTS_TIMEOUT = 5.0
    # Two-factor login (TOTP) is required for coordinators and content editors, optional for teachers and coaches;
    # 1 makes it required for all staff (VAKTAAL_REQUIRE_2FA).
    REQUIRE_2FA = False


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
    _trusted_hosts(app)
    if app.config.get("RATELIMIT_STORAGE_URI", "").startswith(("redis://", "rediss://")):
        # A login waits at most a second for Redis, then counts in memory (the fallback above).
        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", {"socket_connect_timeout": 1, "socket_timeout": 1})


def _trusted_hosts(app) -> None:
    """The hosts a request may name. Links use PUBLIC_URL when it is set; otherwise they use the request's host,
    which a client chooses: then only trusted hosts are served (any other is a 400 before a route runs)."""
    trusted = app.config.get("TRUSTED_HOSTS")
    if isinstance(trusted, str):  # VAKTAAL_TRUSTED_HOSTS=vaktaal.example.nl,www.vaktaal.example.nl
        trusted = [name.strip() for name in trusted.split(",") if name.strip()]
    app.config["TRUSTED_HOSTS"] = trusted or None
    if app.config["TRUSTED_HOSTS"] or app.config.get("PUBLIC_URL"):
        return
    if not (app.config["DEMO"] or app.testing):
        raise RuntimeError(
            "Set VAKTAAL_PUBLIC_URL (e.g. https://vaktaal.example.nl), the address printed on login cards and QR "
            "codes, or VAKTAAL_TRUSTED_HOSTS, to run vaktaal outside demo mode."
        )
    app.config["TRUSTED_HOSTS"] = hosts.own_names()


def _instance_secret(instance: Path) -> str:
    """A demo's secret key, kept in the instance folder so signed links survive a restart."""
    path = instance / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()
