"""A live server with demo data, and Debian's Chromium driven by Playwright at phone size."""

import threading
from pathlib import Path

import pytest
from flask_migrate import upgrade
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from api import create_app
from api.models import utcnow
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
    app = create_app(app_config("sqlite:///" + str(folder / "live.sqlite3")) | {"AUDIO_DIR": str(folder / "audio")})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        ensure_sectors()
        import_directory(Path(app.config["WORDLISTS_DIR"]), now=utcnow())
        demo.load_demo()
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
