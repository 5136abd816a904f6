"""The practice loop as a participant meets it: a new word is presented before it is tested, the summary teaches
(the words, what to practise again, the skills that moved, the week), a learner who is done for today may ask for
more, a session kept on the phone gives way to new words from work, the skill signs are explained on tap, and the
largest text fits a 360 px phone without sideways scrolling, with the check button in view and no console errors."""

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from api.extensions import db
from api.models import Term, User, utcnow
from api.resources import resources
from api.services import assignments, reviews, sessions, terms
from tests.browser import practice_data
from tests.browser.checks import serious
from tests.browser.practising import WAITING, answer, current, log_in, next_state, practise_until_summary

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# On a phone (is_mobile) the browser zooms out to show content wider than the screen, so the page's width is compared
# with the screen's, not with the window's.
NO_SIDEWAYS_SCROLL = "() => document.scrollingElement.scrollWidth <= screen.width && window.innerWidth <= screen.width"
# The check (or continue) button is on screen without scrolling.
IN_VIEW = """(selector) => {
    const el = document.querySelector(selector);
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.left >= 0 && box.right <= window.innerWidth;
}"""
# The longest word of each element is in one piece: on one line (a word broken at a letter lies on two), inside the
# element's box.
WHOLE_WORD = """(selector) => [...document.querySelectorAll(selector)].every((el) => {
    const node = [...el.childNodes].find((n) => n.nodeType === Node.TEXT_NODE) || el.firstChild.firstChild;
    const longest = node.textContent.split(/\\s+/).reduce((a, b) => (b.length > a.length ? b : a), "");
    const start = node.textContent.indexOf(longest);
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, start + longest.length);
    const rects = [...range.getClientRects()];
    const box = el.getBoundingClientRect();
    const inside = rects.length === 1 && rects[0].left >= box.left - 1;
    return inside && rects[0].right <= Math.min(box.right, screen.width) + 1;
})"""


@pytest.fixture
def console(page):
    """Every console error and page error; none may happen."""
    found = []
    page.on("console", lambda message: message.type == "error" and found.append(message.text))
    page.on("pageerror", lambda error: found.append(str(error)))
    yield found
    assert not found


def full_page(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def assign(app, name: str, *terms: str) -> list[int]:
    """The teacher assigns these terms (by their Dutch) to `name`, now."""
    with app.app_context():
        person = practice_data.participant(name)
        teacher = db.session.scalar(select(User).where(User.email == "docent@demo.vaktaal.nl"))
        ids = [
            db.session.scalar(select(Term.id).where(Term.term == term, Term.organisation_id.is_(None)))
            for term in terms
        ]
        assignments.assign_terms(teacher, person, ids, now=utcnow())
        return ids


def met_days_ago(app, name: str, *, days: int, terms: int) -> None:
    """`name` met `terms` words `days` ago and answered each twice, right (learning, due again now); no new words."""
    practice_data.fresh_learner(app, name, new_per_day=terms)
    with app.app_context():
        person = practice_data.participant(name)
        start = utcnow() - timedelta(days=days)
        built = sessions.build_session(person, 2 * terms, now=start, secret_key=resources(app).secret_key)
        events = [
            {
                "id": str(uuid.uuid4()),
                "card_id": e["card_id"],
                "answered_at": start + offset,
                "result": "correct",
                "hint_used": False,
                "duration_ms": 4000,
            }
            for e in built["exercises"]
            for offset in (timedelta(0), timedelta(minutes=10))
        ]
        reviews.record_reviews(person, events, now=utcnow())
        person = practice_data.participant(name)
        person.profile.daily_new_limit = 0
        db.session.commit()


def test_a_new_word_is_presented_whole_before_its_first_exercise(page, own_server, screenshot, console):
    name = "Amina Yusuf"
    practice_data.fresh_learner(own_server.app, name, new_per_day=1)
    [term_id] = assign(own_server.app, name, "emmer")
    log_in(page, own_server.url, name)
    page.get_by_role("button", name="Oefenen").click()
    assert next_state(page, meet=True) == "meet"
    meet = page.locator("section.meet")
    expect(meet).to_have_attribute("data-term", str(term_id))
    expect(meet.get_by_role("heading", name="Nieuw woord")).to_be_visible()
    expect(meet.locator(".meet-word")).to_have_text("de emmer")
    expect(meet.locator(".meet-word")).to_have_attribute("lang", "nl")
    expect(meet.locator(".meet-emoji")).to_have_text("🪣")
    meaning = meet.locator(".meet-meaning")
    expect(meaning).to_have_attribute("lang", "ar")
    assert meaning.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert meet.locator(".meet-word").evaluate("el => getComputedStyle(el).direction") == "ltr"
    expect(meet.locator(".meet-example p")).to_contain_text("emmer")
    expect(meet.get_by_role("button", name="Luister: de emmer")).to_be_visible()
    expect(meet.get_by_role("button", name="Luister naar het voorbeeld")).to_be_visible()
    # The word is heard by itself, as an exercise's prompt is.
    page.wait_for_function("() => (document.getElementById('player')?.src || '').includes('/audio')")
    screenshot("learning-meet")
    page.set_viewport_size(SMALL_PHONE)
    screenshot("learning-meet-360")
    assert page.evaluate(IN_VIEW, "#meet-next"), "Verder is in reach without scrolling"
    problems = serious(Axe().run(page))
    assert not problems, problems
    # Meeting the word is no answer: nothing waits to be sent, nothing reached the server.
    assert page.evaluate(WAITING) == 0
    page.locator("#meet-next").click()
    expect(page.locator("section.meet")).to_have_count(0)
    if next_state(page, meet=True) == "demo":
        page.locator("#demo-start").click()
    assert next_state(page, meet=True) == "exercise"
    assert current(page)["term_id"] == term_id
    assert practice_data.answers_of(own_server.app, name) == []
    answer(page)
    # The term's second exercise follows without presenting it again, also after closing and opening the app.
    page.goto(own_server.url + "/")
    page.get_by_role("button", name="Oefenen").click()
    state = next_state(page, meet=True)
    if state == "demo":
        page.locator("#demo-start").click()
        state = next_state(page, meet=True)
    assert state == "exercise" and current(page)["term_id"] == term_id


def test_the_summary_shows_the_words_what_to_practise_again_the_skills_that_moved_and_the_week(
    page, own_server, console
):
    name = "Olena Kovalenko"
    met_days_ago(own_server.app, name, days=5, terms=2)
    log_in(page, own_server.url, name)
    page.get_by_role("button", name="Oefenen").click()
    answered = practise_until_summary(page, right=lambda exercise, index: index > 0)
    missed = answered[0][0]["term_id"]
    summary = page.locator("section.summary")
    expect(summary.get_by_role("heading", name="Goed zo!")).to_be_visible()
    expect(summary.locator(".summary-count")).to_contain_text(f"{len(answered) - 1} van de {len(answered)} goed")
    again = summary.locator(".summary-part.again li")
    expect(again).to_have_count(1)
    expect(again.get_by_role("button", name="Luister")).to_be_visible()
    right = summary.locator(".summary-part.right li")
    expect(right).to_have_count(1)
    titles = {t["term_id"]: t["text"] for t in page.evaluate(CURRENT_TERMS)}
    expect(again.locator(".sw-text")).to_have_text(titles[missed])
    # The cards answered right after five days became known: the skills that moved, named in Ukrainian too.
    moved = summary.locator(".summary-part.moved li")
    expect(moved.first).to_be_visible(timeout=15_000)
    expect(moved.first).to_contain_text("bekend")
    expect(moved.first.locator(".support[lang=uk]")).to_be_visible()
    expect(summary.locator(".progress-card .week")).to_be_visible()
    expect(summary.get_by_role("heading", name="Deze week")).to_be_visible()
    # Recognition now holds: writing and speaking are open, so there is another round.
    expect(summary.locator("#again")).to_be_visible()
    full_page(page, "learning-summary")
    page.set_viewport_size(SMALL_PHONE)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    full_page(page, "learning-summary-360")
    problems = serious(Axe().run(page))
    assert not problems, problems


CURRENT_TERMS = """async () => {
    const me = JSON.parse(localStorage.getItem('vaktaal.me'));
    const store = await import('/static/js/store.js');
    return (await store.getState(me.id + ':current')).terms;
}"""


EMPTY_DAY = {
    "due_now": 0,
    "due_today": 0,
    "due_soon": 0,
    "next_due": None,
    "new_today": 0,
    "new_limit": 20,
    "new_max": 20,
    "new_left": 0,
    "more_new": 0,
    "assigned_waiting": 0,
    "assigned_latest": None,
    "terms_changed_latest": None,
    "tomorrow_due": 0,
    "tomorrow_new": 0,
    "done_for_now": True,
}
EMPTY_SESSION = {"id": 1, "created_at": "2026-01-05T08:00:00+00:00", "exercises": [], "terms": []}


def test_a_learner_done_for_today_may_take_more_new_words_or_repeat_what_comes_back_soon(
    page, own_server, screenshot, console
):
    name = "Hamid Rahimi"
    practice_data.fresh_learner(own_server.app, name, new_per_day=1)
    log_in(page, own_server.url, name)
    page.get_by_role("button", name="Oefenen").click()
    first = practise_until_summary(page)
    assert len(first) == 2, "one new word: its listening and reading"
    outlook = page.locator(".outlook")
    expect(outlook).to_be_visible(timeout=15_000)
    # The word comes back in ten minutes: all practised for now, and when it comes back.
    expect(outlook.get_by_role("heading", name="Alles geoefend voor nu")).to_be_visible()
    expect(outlook).to_contain_text("komen er weer woorden terug")
    expect(outlook.locator(".support[lang=fa]").first).to_be_visible()
    more_new = page.locator("#more-new")
    expect(more_new).to_contain_text("Meer nieuwe woorden")
    expect(more_new).to_contain_text("Vandaag kan het nog: 19 woorden")
    expect(page.locator("#more-soon")).to_contain_text("2 oefeningen komen straks terug")
    # And what tomorrow brings: the word to repeat and the day's new words.
    tomorrow = outlook.locator(".tomorrow")
    expect(tomorrow).to_contain_text("Morgen: 1 woord herhalen en 1 nieuw woord.")
    expect(tomorrow.locator(".support[lang=fa]")).to_be_visible()
    full_page(page, "learning-done-for-now")
    # Oefenen again says the same, before any session: nothing is repeated by itself.
    page.get_by_role("link", name="Klaar").click()
    page.get_by_role("button", name="Oefenen").click()
    nothing = page.locator("section.summary.nothing")
    expect(nothing.get_by_role("heading", name="Alles geoefend voor nu")).to_be_visible()
    expect(nothing.locator("#more-new")).to_be_visible()
    assert page.locator("#free").count() == 0, "no free practice of the same words while more is on offer"
    screenshot("learning-nothing")
    problems = serious(Axe().run(page))
    assert not problems, problems
    # More new words: a session with new words, each presented first.
    nothing.locator("#more-new").click()
    assert next_state(page, meet=True) == "meet"
    more = practise_until_summary(page)
    assert len(more) > 2 and {e["term_id"] for e, _ in more}.isdisjoint({e["term_id"] for e, _ in first})
    # Then the words that come back soon, practised ahead: no new word among them.
    expect(page.locator("#more-soon")).to_be_visible(timeout=15_000)
    page.locator("#more-soon").click()
    ahead = practise_until_summary(page)
    met = {e["term_id"] for e, _ in first + more}
    assert ahead and {e["term_id"] for e, _ in ahead} <= met

    # A day with nothing more today, nothing to ask for (as the server says it): done for today, and tomorrow's work.
    day = {**EMPTY_DAY, "new_today": 20, "tomorrow_due": 3, "tomorrow_new": 8}
    page.route("**/api/me/sessions", lambda route: route.fulfill(status=201, json={**EMPTY_SESSION, "today": day}))
    page.get_by_role("link", name="Klaar").click()
    page.get_by_role("button", name="Oefenen").click()
    done = page.locator("section.summary.nothing")
    expect(done.get_by_role("heading", name="Klaar voor vandaag!")).to_contain_text("برای امروز تمام شد!")
    expect(done.locator(".tomorrow")).to_contain_text("Morgen: 3 woorden herhalen en 8 nieuwe woorden.")
    expect(done.locator("#more-new")).to_have_count(0)
    screenshot("learning-done-today")
    problems = serious(Axe().run(page))
    assert not problems, problems


def test_new_words_from_work_replace_the_session_kept_on_the_phone(page, own_server):
    name = "Mehmet Yilmaz"
    # Twenty new words a day: more than one session holds, so the next one is kept ready on the phone.
    practice_data.fresh_learner(own_server.app, name, new_per_day=20)
    log_in(page, own_server.url, name)
    page.get_by_role("button", name="Oefenen").click()
    practise_until_summary(page)
    kept = """async () => {
        const me = JSON.parse(localStorage.getItem('vaktaal.me'));
        const store = await import('/static/js/store.js');
        return await store.getState(me.id + ':next');
    }"""
    # The summary sends the answers, asks what the day holds, then fetches the next session ahead.
    page.wait_for_load_state("networkidle")
    page.wait_for_function(kept, timeout=15_000)
    # The teacher adds a word heard at work; the phone still holds a session made before it.
    [term_id] = assign(own_server.app, name, "pallet")
    assert term_id not in {e["term_id"] for e in page.evaluate(kept)["exercises"]}
    page.get_by_role("link", name="Klaar").click()
    page.get_by_role("button", name="Oefenen").click()
    assert next_state(page, meet=True) == "meet"
    expect(page.locator("section.meet")).to_have_attribute("data-term", str(term_id))
    expect(page.locator(".meet-word")).to_have_text("de pallet")


KEPT_NEXT = """async () => {
    const me = JSON.parse(localStorage.getItem('vaktaal.me'));
    const store = await import('/static/js/store.js');
    return await store.getState(me.id + ':next');
}"""
CURRENT_SESSION = """async () => {
    const me = JSON.parse(localStorage.getItem('vaktaal.me'));
    const store = await import('/static/js/store.js');
    return await store.getState(me.id + ':current');
}"""


def test_a_correction_replaces_the_session_kept_on_the_phone(page, own_server):
    """An editor fixes the example of a word the kept session holds: the next session shows the fixed text, not
    the session kept from before."""
    name = "Mehmet Yilmaz"
    practice_data.fresh_learner(own_server.app, name, new_per_day=20)
    log_in(page, own_server.url, name)
    page.get_by_role("button", name="Oefenen").click()
    first = practise_until_summary(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_function(KEPT_NEXT, timeout=15_000)
    kept = page.evaluate(KEPT_NEXT)
    term = next(t for t in kept["terms"] if t["term_id"] not in {e["term_id"] for e, _ in first} and t["example"])
    fixed = term["example"].rstrip(".") + " (verbeterd)."
    with own_server.app.app_context():
        editor = db.session.scalar(select(User).where(User.email == "coordinator@demo.vaktaal.nl"))
        terms.update_term(
            editor, db.session.get(Term, term["term_id"]), {"example": fixed}, checker=resources().checker, now=utcnow()
        )
    page.get_by_role("link", name="Klaar").click()
    page.get_by_role("button", name="Oefenen").click()
    next_state(page, meet=True)
    now = page.evaluate(CURRENT_SESSION)
    assert now["id"] != kept["id"], "the kept session was replaced"
    assert now["kind"] == "server"
    [shown] = [t for t in now["terms"] if t["term_id"] == term["term_id"]]
    assert shown["example"] == fixed


def test_the_skill_signs_are_explained_on_tap_in_the_support_language(page, own_server, screenshot, console):
    name = "Omar Haddad"
    terms = practice_data.unlock_production(own_server.app, name)
    log_in(page, own_server.url, name)
    page.get_by_role("link", name="Van mijn werk").click()
    _, title = terms["noun"]
    item = page.locator(".word-item", has=page.locator(".term-title", has_text=title))
    listening = item.get_by_role("button", name="luisteren")
    expect(listening).to_have_attribute("aria-label", "luisteren: bekend. Uitleg")
    listening.click()
    legend = page.get_by_role("dialog", name="Wat betekenen de tekens?")
    expect(legend).to_be_visible()
    expect(legend.locator(".legend-this")).to_contain_text(f"{title}: luisteren: bekend")
    expect(legend.locator(".legend-this .support[lang=ar]").first).to_have_text("الاستماع")
    assert legend.locator(".support[lang=ar]").first.evaluate("el => getComputedStyle(el).direction") == "rtl"
    for skill in ("luisteren", "lezen", "schrijven", "spreken", "gesprek"):
        expect(legend.locator(".legend-list").first).to_contain_text(skill)
    for word in ("nieuw", "aan het leren", "bekend", "goed bekend", "geleerd"):
        expect(legend).to_contain_text(word)
    expect(legend.locator(".legend-list li.current")).to_contain_text("luisteren")
    screenshot("learning-legend")
    page.set_viewport_size(SMALL_PHONE)
    screenshot("learning-legend-360")
    problems = serious(Axe().run(page))
    assert not problems, problems
    legend.locator("#legend-close").click()
    expect(page.locator("dialog.legend")).to_have_count(0)
    # The legend opens without a word too.
    page.get_by_role("button", name="Wat betekenen de tekens?").click()
    expect(page.get_by_role("dialog", name="Wat betekenen de tekens?")).to_be_visible()
    assert page.locator(".legend-this").count() == 0


def set_largest_text(page) -> None:
    page.get_by_role("link", name="Instellingen").click()
    page.get_by_role("button", name="Groter").click()
    page.get_by_role("link", name="Start").first.click()
    expect(page.locator("html.text-larger")).to_have_count(1)


def test_the_largest_text_fits_a_360_px_phone(page, own_server, screenshot, console):
    """Home, a new long word, every exercise type and the summary at 360 x 640 with text size "Groter": no sideways
    scrolling, the check button in view, a long word in one piece, and no console errors (recordings included)."""
    name = "Yonas Tesfay"
    practice_data.unlock_production(own_server.app, name, new_per_day=1)
    [long_word] = assign(own_server.app, name, "veiligheidsinformatieblad")
    page.set_viewport_size(SMALL_PHONE)
    log_in(page, own_server.url, name)
    set_largest_text(page)
    expect(page.locator(".progress-card .week")).to_be_visible()
    assert page.evaluate(NO_SIDEWAYS_SCROLL), "the week fits"
    full_page(page, "learning-home-larger-360")
    page.get_by_role("button", name="Oefenen").click()
    assert next_state(page, meet=True) == "meet"
    expect(page.locator("section.meet")).to_have_attribute("data-term", str(long_word))
    screenshot("learning-meet-long-larger-360")
    problems = []

    def check(ok: bool, problem: str) -> None:
        if not ok:
            problems.append(problem)

    check(page.evaluate(WHOLE_WORD, ".meet-word"), "presentation: the long word is broken")
    check(page.evaluate(NO_SIDEWAYS_SCROLL), "presentation scrolls sideways")
    check(page.evaluate(IN_VIEW, "#meet-next"), "presentation: Verder is below the fold")
    seen = set()

    def on_screen(kind):
        check(page.evaluate(NO_SIDEWAYS_SCROLL), f"{kind} scrolls sideways")
        if kind in ("listening", "reading", "conversation", "writing"):
            check(page.evaluate(IN_VIEW, "#check"), f"{kind}: Controleer is below the fold")
        if kind.endswith("-feedback"):
            target = "#say-now" if kind == "conversation-feedback" else "#next"
            check(page.evaluate(IN_VIEW, target), f"{kind}: the next step is below the fold")
        if kind.endswith("-judge") or kind == "conversation-say":
            check(page.evaluate(IN_VIEW, "button.judge.wrong"), f"{kind}: the judging buttons are below the fold")
        if kind == "reading" and current(page)["term_id"] == long_word:
            check(page.evaluate(WHOLE_WORD, ".ex-word"), "reading: the long word is broken")
        if kind not in seen:
            seen.add(kind)
            screenshot(f"learning-larger-360-{kind}")

    answered = practise_until_summary(page, on_screen=on_screen)
    assert {e["type"] for e, _ in answered} == {"listening", "reading", "writing", "speaking", "conversation"}
    check(page.evaluate(NO_SIDEWAYS_SCROLL), "the summary scrolls sideways")
    check(page.evaluate(WHOLE_WORD, ".sw-text"), "summary: the long word is broken")
    full_page(page, "learning-summary-larger-360")
    assert not problems, problems


ERROR_500 = {"code": 500, "status": "Internal Server Error", "message": "Er ging iets mis op de server."}


def test_the_key_screens_say_their_short_texts_in_the_support_language(page, own_server, screenshot, errors):
    """Home, an error, no connection and logging out with answers on the phone: the Dutch with the Tigrinya under it
    (as the hints and the summary have it), at 360 px with the largest text, without serious axe problems."""
    name = "Yonas Tesfay"
    practice_data.fresh_learner(own_server.app, name, new_per_day=1)
    page.set_viewport_size(SMALL_PHONE)
    log_in(page, own_server.url, name)
    set_largest_text(page)

    def tigrinya(locator, text):
        expect(locator.locator(".support[lang=ti]")).to_have_text(text)

    def fits_and_reads(what):
        assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{what} scrolls sideways"
        problems = serious(page)
        assert not problems, (what, problems)

    # Home: the big button, the week and the ways to the words, 'Jouw gegevens' and logging out.
    tigrinya(page.locator("#practise"), "ተለማመድ")
    tigrinya(page.locator("h2.week-title"), "ኣብዚ ሰሙን")
    tigrinya(page.get_by_role("link", name="Van mijn werk"), "ካብ ስራሕይ")
    tigrinya(page.locator("#my-data"), "ሓበሬታኻ")
    tigrinya(page.get_by_role("button", name="Uitloggen"), "ውጻእ")
    full_page(page, "support-home-ti-360")
    fits_and_reads("home")

    # An error from the server: its message, and that something went wrong in Tigrinya.
    page.route("**/api/me/sessions", lambda route: route.fulfill(status=500, json=ERROR_500))
    page.get_by_role("button", name="Oefenen").click()
    expect(page.get_by_text("Er ging iets mis op de server.")).to_be_visible()
    expect(page.locator("main .support[lang=ti]").first).to_have_text("ገለ ጌጋ ተፈጢሩ። ደጊምካ ፈትን።")
    tigrinya(page.get_by_role("link", name="Naar start"), "ናብ መጀመርታ")
    screenshot("support-error-ti-360")
    fits_and_reads("the error")
    page.unroute("**/api/me/sessions")

    # No connection and nothing on the phone to practise.
    page.get_by_role("link", name="Naar start").click()
    page.route("**/api/**", lambda route: route.abort("internetdisconnected"))
    page.get_by_role("button", name="Oefenen").click()
    nothing = page.locator("section.summary.nothing")
    tigrinya(nothing.get_by_role("heading", name="Geen internet"), "ኢንተርነት የለን")
    expect(nothing.locator("p .support[lang=ti]")).to_have_text("መራኸቢ ምስ ዝህሉ ክትለማመድ ትኽእል ኢኻ።")
    screenshot("support-offline-ti-360")
    fits_and_reads("no connection")
    page.unroute("**/api/**")

    # An answer that cannot be sent yet, then logging out: the warning and its buttons in Tigrinya too.
    page.route("**/api/me/reviews", lambda route: route.abort("internetdisconnected"))
    page.goto(own_server.url + "/")
    page.get_by_role("button", name="Oefenen").click()
    if next_state(page) == "demo":
        page.locator("#demo-start").click()
        next_state(page)
    answer(page)
    page.goto(own_server.url + "/")
    expect(page.get_by_role("heading", name=f"Hallo {name}!")).to_be_visible()
    assert page.evaluate(WAITING) == 1
    page.get_by_role("button", name="Uitloggen").click()
    warning = page.locator("section.card.warn")
    tigrinya(warning.get_by_role("heading", name="Nog niet alles is verstuurd"), "ገና ኩሉ ኣይተላእከን")
    expect(warning).to_contain_text("1 antwoord staat nog op je telefoon.")
    tigrinya(warning.get_by_role("button", name="Nu versturen"), "ሕጂ ስደድ")
    tigrinya(warning.get_by_role("button", name="Toch uitloggen"), "ብዘየገድስ ውጻእ")
    tigrinya(warning.get_by_role("link", name="Terug"), "ተመለስ")
    # Sending fails while the connection is away: said in both languages as well.
    warning.get_by_role("button", name="Nu versturen").click()
    tigrinya(warning.get_by_role("status"), "ሕጂ ምልኣኽ ኣይሰርሕን። ኢንተርነት ድለ እሞ ደጊምካ ፈትን።")
    full_page(page, "support-logout-warning-ti-360")
    fits_and_reads("the logout warning")
    page.unroute("**/api/me/reviews")
    warning.get_by_role("button", name="Nu versturen").click()
    expect(page.get_by_role("heading", name="Welkom bij Vaktaal")).to_be_visible()
    assert len(practice_data.answers_of(own_server.app, name)) == 1, "sent, then logged out"
