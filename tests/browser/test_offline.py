"""Practising without a connection: the app opens from the phone, answers wait in the outbox and reach the server
exactly once when the connection is back; the service worker caches the shell and audio, never other API answers."""

import hashlib
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import practice_data
from tests.browser.practising import (
    WAITING,
    answer,
    expect_all_sent,
    indicator,
    log_in,
    next_state,
    practise_until_summary,
)

pytestmark = pytest.mark.browser

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"

KEPT = """async (name) => {
    const me = JSON.parse(localStorage.getItem('vaktaal.me'));
    const store = await import('/static/js/store.js');
    return await store.getState(me.id + ':' + name);
}"""

AUDIO_CACHED = """async () => {
    const me = JSON.parse(localStorage.getItem('vaktaal.me'));
    const store = await import('/static/js/store.js');
    const { audioUrls, AUDIO_CACHE } = await import('/static/js/sessions.js');
    const current = await store.getState(me.id + ':current');
    const cache = await caches.open(AUDIO_CACHE);
    const urls = [...new Set(current.exercises.flatMap(audioUrls))];
    const found = await Promise.all(urls.map((url) => cache.match(url)));
    return urls.length > 0 && found.every(Boolean);
}"""

CACHED_URLS = """async () => {
    const urls = [];
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
    }
    return urls;
}"""


def shell_version() -> str:
    """A hash of every frontend file but the service worker itself: a changed file needs a new cache version."""
    digest = hashlib.sha256()
    for path in sorted(p for p in FRONTEND.rglob("*") if p.is_file() and p.name != "sw.js"):
        digest.update(path.relative_to(FRONTEND).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def wait_until(page, script: str, arg=None, *, timeout: float) -> None:
    """Poll an async check until it answers true. (``page.wait_for_function`` takes the promise an async function
    returns as a true answer, so it would not wait at all.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"not true within {timeout} s: {script[:60]}"
        page.wait_for_timeout(200)


def test_the_served_service_worker_carries_the_version_of_the_frontend_files(live_server):
    """The browser installs a new service worker (and so a new shell) only when sw.js changes: the server writes
    the hash of the frontend files into it, so every change to the app reaches the phones."""
    import urllib.request

    with urllib.request.urlopen(live_server + "/sw.js") as response:
        served = response.read().decode()
    assert re.search(r'const VERSION = "([0-9a-f]+)";', served).group(1) == shell_version()


def test_offline_practice_reaches_the_server_exactly_once(page, own_server, screenshot):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    name = "Dawit Berhane"
    # Eleven new terms today: a first session of 20 exercises (ten terms) and one more term kept ready for the next.
    practice_data.fresh_learner(own_server.app, name, new_per_day=11)
    log_in(page, own_server.url, name)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.get_by_role("button", name="Oefenen").click()
    assert next_state(page) == "demo"
    # The next session is kept ready on the phone, and the audio of this one is cached.
    wait_until(page, KEPT, "next", timeout=15)
    wait_until(page, AUDIO_CACHED, timeout=20)
    page.locator("#demo-start").click()
    answer(page)
    expect_all_sent(page)
    given = 1

    # The connection goes: the server stops, every request fails.
    own_server.stop()
    answered = practise_until_summary(page)
    given += len(answered)
    expect(indicator(page)).to_contain_text("Opgeslagen op je telefoon")
    expect(page.locator(".summary-sync")).to_contain_text("staan op je telefoon")
    screenshot("offline-summary")
    waiting = page.evaluate(WAITING)
    assert waiting == len(answered) > 0

    # Closed and opened again without a connection: the phone serves the app and practises what it holds.
    page.goto(own_server.url + "/")
    expect(page.get_by_role("heading", name=f"Hallo {name}!")).to_be_visible()
    expect(indicator(page)).to_contain_text("Opgeslagen op je telefoon")
    screenshot("offline-home")
    # Logging out now would leave answers behind: the app says so first.
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Nog niet alles is verstuurd")).to_be_visible()
    expect(page.get_by_text(f"{waiting} antwoorden staan nog op je telefoon.")).to_be_visible()
    screenshot("offline-logout-warning")
    page.get_by_role("link", name="Terug").click()
    # The session kept ready is practised without a connection.
    kept = page.evaluate(KEPT, "next")
    page.get_by_role("button", name="Oefenen").click()
    from_kept = practise_until_summary(page)
    assert [e["card_id"] for e, _ in from_kept] == [e["card_id"] for e in kept["exercises"]]
    given += len(from_kept)
    waiting += len(from_kept)
    page.goto(own_server.url + "/")
    expect(page.get_by_role("heading", name=f"Hallo {name}!")).to_be_visible()
    # Both sessions on the phone are done: it offers the cards it holds.
    page.get_by_role("button", name="Oefenen").click()
    expect(page.get_by_role("heading", name="Geen internet")).to_be_visible()
    screenshot("offline-free-practice")
    page.get_by_role("button", name="Vrij oefenen").click()
    more = practise_until_summary(page)
    assert more, "free practice of the cards on the phone"
    # The cached audio played without a connection.
    # (Under load the last sound may still be loading from the cache: give it time, it must come.)
    page.wait_for_function("() => document.getElementById('player')?.duration > 0", timeout=10_000)
    given += len(more)
    assert page.evaluate(WAITING) == waiting + len(more)

    # The connection is back (same port, same database): opening the app sends everything.
    own_server.start()
    page.goto(own_server.url + "/")
    expect_all_sent(page)
    stored = practice_data.answers_of(own_server.app, name)
    assert len(stored) == given
    assert len({e.id for e in stored}) == given
    assert page.evaluate(WAITING) == 0
    # Only the shell and term audio were ever cached: no other API answer.
    cached = page.evaluate(CACHED_URLS)
    assert cached
    for path in cached:
        assert (
            path in ("/", "/manifest.webmanifest")
            or path.startswith("/static/")
            or re.fullmatch(r"/api/terms/\d+/(audio|example-audio)", path)
        ), path
    assert not errors


def test_an_expired_login_keeps_the_answers_until_the_next_login(page, own_server):
    name = "Olena Kovalenko"
    practice_data.fresh_learner(own_server.app, name, new_per_day=1)
    log_in(page, own_server.url, name)
    page.get_by_role("button", name="Oefenen").click()
    assert next_state(page) == "demo"
    own_server.stop()
    answered = practise_until_summary(page)
    assert page.evaluate(WAITING) == len(answered)
    # While the phone was away, the teacher logged out all the participant's devices (a lost phone).
    own_server.start()
    practice_data.log_out_everywhere(own_server.app, name)
    page.reload()
    expect(page.get_by_role("heading", name="Welkom bij Vaktaal")).to_be_visible()
    assert practice_data.answers_of(own_server.app, name) == []
    log_in(page, own_server.url, name)
    expect_all_sent(page)
    assert len(practice_data.answers_of(own_server.app, name)) == len(answered)


def test_closing_the_app_mid_session_loses_nothing(page, own_server):
    name = "Olena Kovalenko"
    practice_data.fresh_learner(own_server.app, name, new_per_day=2)
    log_in(page, own_server.url, name)
    page.get_by_role("button", name="Oefenen").click()
    assert next_state(page) == "demo"
    page.locator("#demo-start").click()
    first, _ = answer(page)
    assert next_state(page) in ("exercise", "demo")
    # Closed (the page goes) and opened again: "Oefenen" goes on where it was, with the same session.
    page.goto(own_server.url + "/")
    expect(page.get_by_text("Ga verder waar je was")).to_be_visible()
    page.get_by_role("button", name="Oefenen").click()
    if next_state(page) == "demo":
        page.locator("#demo-start").click()
    session = page.evaluate(KEPT, "current")
    assert session["index"] == 1
    assert session["exercises"][0]["card_id"] == first["card_id"]
    assert page.locator("section.exercise").get_attribute("data-card") == str(session["exercises"][1]["card_id"])
    expect(page.get_by_role("progressbar", name="Oefening")).to_have_attribute(
        "aria-valuetext", f"2 van {len(session['exercises'])}"
    )
    expect_all_sent(page)
    assert len(practice_data.answers_of(own_server.app, name)) == 1
