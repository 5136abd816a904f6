"""The first load on a phone (the login screen, then a participant's home) stays small: at most 400 KB
uncompressed and 150 KB transferred, audio excluded. Counted over every request, the service worker's caching
of the app shell included (it revalidates what the page just loaded, so those answers are "not modified")."""

import re

import pytest
from playwright.sync_api import expect

from api.services.demo import PARTICIPANTS, demo_codes
from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

KB = 1024
UNCOMPRESSED_BUDGET = 400 * KB
TRANSFERRED_BUDGET = 150 * KB
AUDIO = re.compile(r"/api/terms/\d+/(audio|example-audio)")
DAWIT = next(i for i, p in enumerate(PARTICIPANTS) if p[0] == "Dawit Berhane")


class Meter:
    """Sums the body (as decoded) and the transfer (headers and encoded body) of every finished request."""

    def __init__(self):
        self.rows = []

    def __call__(self, request):
        if AUDIO.search(request.url):
            return
        response = request.response()
        if response is None:
            return
        sizes = request.sizes()
        try:
            body = len(response.body())
        except Exception:  # a redirect or an opaque answer has no body to read
            body = 0
        by = "worker" if request.service_worker else "page"
        self.rows.append((request.url, by, body, sizes["responseBodySize"] + sizes["responseHeadersSize"]))

    def totals(self):
        """(uncompressed, transferred): each file's decoded size once (the service worker's revalidation of a file
        the page just loaded is answered "not modified"), and every byte that crossed the network."""
        decoded = {}
        for url, _, body, _ in self.rows:
            decoded[url] = max(decoded.get(url, 0), body)
        return sum(decoded.values()), sum(r[3] for r in self.rows)


def settle(page):
    page.wait_for_load_state("networkidle")
    page.wait_for_function("() => navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_timeout(300)


def test_first_load_fits_the_budget(browser, live_server, capsys):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="nl-NL")
    meter = Meter()
    context.on("requestfinished", meter)
    page = context.new_page()
    try:
        page.goto(live_server + "/")
        expect(page.get_by_role("heading", name="Welkom bij Vaktaal")).to_be_visible()
        settle(page)
        login = meter.totals()
        code = demo_codes()[DAWIT]
        page.get_by_label("Jouw code").fill(code)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", name="Hallo Dawit Berhane!")).to_be_visible()
        expect(page.locator(".progress-card")).to_be_visible()
        settle(page)
        total = meter.totals()
    finally:
        context.close()
    workers = sum(1 for r in meter.rows if r[1] == "worker")
    with capsys.disabled():
        print(
            f"\nfirst load: login screen {login[0] / KB:.1f} KB uncompressed, {login[1] / KB:.1f} KB transferred; "
            f"with the participant's home {total[0] / KB:.1f} KB uncompressed, {total[1] / KB:.1f} KB transferred "
            f"({len(meter.rows)} requests, {workers} by the service worker)"
        )
    assert workers > 0, "the service worker's caching is counted"
    assert total[0] <= UNCOMPRESSED_BUDGET
    assert total[1] <= TRANSFERRED_BUDGET
