"""A live server with demo data, and Debian's Chromium driven by Playwright at phone size."""

import shutil
import socket
import threading
from pathlib import Path

import pytest
from flask_migrate import upgrade
from playwright.sync_api import sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

from api import create_app
from api.models import utcnow
from api.resources import resources
from api.services import demo
from api.services.people import ensure_sectors
from api.services.wordlists import import_directory
from tests.conftest import app_config

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The app on a free port of 127.0.0.1, with its own SQLite database holding the shipped wordlists and the demo
    data."""
    folder = tmp_path_factory.mktemp("live")
    app = create_app(
        app_config("sqlite:///" + str(folder / "live.sqlite3"))
        | {"AUDIO_DIR": str(folder / "audio"), "PHOTO_DIR": str(folder / "photos")}
    )
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        ensure_sectors()
        checker = resources(app).checker
        import_directory(Path(app.config["WORDLISTS_DIR"]), checker=checker, now=utcnow())
        demo.load_demo(checker=checker, secret_key=resources(app).secret_key, now=utcnow())
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, tmp_path):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page, request):
    """Save a screenshot under test-artifacts/ for a person to look at."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "test-artifacts"
    folder.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return take


# A server per test that can be stopped and started again (a phone losing and finding its connection), on its own
# copy of a database made once per run (the shipped wordlists and the demo data).


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    """A database file with the shipped wordlists and the demo data, built once; tests work on copies."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    app = create_app(
        app_config("sqlite:///" + str(path)) | {"AUDIO_DIR": str(folder / "audio"), "PHOTO_DIR": str(folder / "photos")}
    )
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        ensure_sectors()
        checker = resources(app).checker
        import_directory(Path(app.config["WORDLISTS_DIR"]), checker=checker, now=utcnow())
        demo.load_demo(checker=checker, secret_key=resources(app).secret_key, now=utcnow())
        from api.extensions import db

        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def shared_audio(tmp_path_factory):
    """Generated audio shared by the per-test servers, so each text is spoken (by espeak-ng) once per run."""
    return tmp_path_factory.mktemp("audio")


class _OneRequestPerConnection(WSGIRequestHandler):
    # No keep-alive: once the server stops, no open connection can still answer the browser.
    protocol_version = "HTTP/1.0"


class StoppableServer:
    """The app on a fixed port of 127.0.0.1 that a test can stop (every request then fails: no network) and start
    again with the same database."""

    def __init__(self, app):
        self.app = app
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._server = None
        self._thread = None

    def start(self):
        self._server = make_server(
            "127.0.0.1", self.port, self.app, threaded=True, request_handler=_OneRequestPerConnection
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self):
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
        self._server = None


@pytest.fixture
def own_server(template_database, shared_audio, tmp_path):
    """A started StoppableServer on a fresh copy of the template database (no gTTS: espeak-ng speaks, offline)."""
    path = tmp_path / "own.sqlite3"
    shutil.copyfile(template_database, path)
    app = create_app(
        app_config("sqlite:///" + str(path))
        | {"AUDIO_DIR": str(shared_audio), "PHOTO_DIR": str(tmp_path / "photos"), "GTTS_TIMEOUT": 0}
    )
    server = StoppableServer(app)
    server.start()
    yield server
    server.stop()
    with app.app_context():
        from api.extensions import db

        db.engine.dispose()


@pytest.fixture
def errors(page):
    """JavaScript errors on the page; each test that asks for it checks there were none."""
    found = []
    page.on("pageerror", lambda error: found.append(str(error)))
    yield found
    assert not found
