"""Driving the practice screens like a participant: log in, answer whatever exercise comes, finish a session."""

import re

from playwright.sync_api import Page, expect

from api.services.demo import PARTICIPANTS, demo_codes

STATES = "section.exercise[data-card], section[data-demo], section.summary:not(.nothing), section.meet"

# The exercise on screen, with its answer, read from the phone's own storage (IndexedDB), as the app grades it.
CURRENT_EXERCISE = """async (card) => {
    const me = JSON.parse(localStorage.getItem('vaktaal.me'));
    const store = await import('/static/js/store.js');
    const current = await store.getState(me.id + ':current');
    return current.exercises.find((e) => e.card_id === card);
}"""

WAITING = """async () => {
    const me = JSON.parse(localStorage.getItem('vaktaal.me'));
    const store = await import('/static/js/store.js');
    return (await store.outbox(me.id)).length;
}"""


def log_in(page: Page, base_url: str, name: str) -> None:
    index = next(i for i, p in enumerate(PARTICIPANTS) if p[0] == name)
    page.goto(f"{base_url}/login#code={demo_codes()[index]}")
    expect(page.get_by_role("heading", name=f"Hallo {name}!")).to_be_visible()


def next_state(page: Page, *, meet: bool = False) -> str:
    """Wait for an exercise, a demonstration or the summary; returns "exercise", "demo" or "summary". A new word's
    presentation is passed ("Verder"), unless ``meet``: then it is returned as "meet"."""
    while True:
        page.wait_for_selector(STATES)
        if page.locator("section.summary:not(.nothing)").count():
            return "summary"
        if page.locator("section[data-demo]").count():
            return "demo"
        if page.locator("section.meet").count():
            if meet:
                return "meet"
            term = page.locator("section.meet").get_attribute("data-term")
            page.locator("#meet-next").click()
            page.wait_for_function("(t) => !document.querySelector(`section.meet[data-term='${t}']`)", arg=term)
            continue
        return "exercise"


def current(page: Page) -> dict:
    card = int(page.locator("section.exercise[data-card]").get_attribute("data-card"))
    return page.evaluate(CURRENT_EXERCISE, card)


def record_and_stop(page: Page) -> None:
    """Say it into the (fake) microphone: tap to record, tap to stop; the recording is ready to hear back."""
    page.locator("#record").click()
    expect(page.locator("#record")).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(600)
    page.locator("#record").click()
    expect(page.get_by_role("button", name="Luister naar jezelf")).to_be_visible()


def answer(page: Page, *, right: bool = True, judge: str = "correct", on_screen=None) -> tuple[dict, str]:
    """Answer the exercise on screen; returns the exercise and the result the app should store.

    `on_screen(name)` is called when the question and then the feedback are showing (for screenshots and checks).
    """
    exercise = current(page)
    kind = exercise["type"]
    if on_screen:
        on_screen(kind)
    if kind in ("listening", "reading", "conversation"):
        wanted = exercise["answer"]["option_id"]
        if not right:
            wanted = next(o["id"] for o in exercise["options"] if o["id"] != wanted)
        page.locator(f'button.option[data-option="{wanted}"]').click()
        page.locator("#check").click()
        result = "correct" if right else "wrong"
        expect(page.locator(f".feedback.{result}")).to_be_visible()
        if on_screen:
            on_screen(f"{kind}-feedback")
        if kind == "conversation":
            page.locator("#say-now").click()
            record_and_stop(page)
            if on_screen:
                on_screen(f"{kind}-say")
            if right:
                page.locator(f"button.judge[data-result='{judge}']").click()
                return exercise, judge
            page.locator("#next").click()
            return exercise, result
        page.locator("#next").click()
        return exercise, result
    if kind == "writing":
        typed = exercise["answer"]["text"] if right else "xyz"
        page.locator("#typed").fill(typed)
        page.locator("#check").click()
        result = "correct" if right else "wrong"
        expect(page.locator(f".feedback.{result}")).to_be_visible()
        if on_screen:
            on_screen(f"{kind}-feedback")
        page.locator("#next").click()
        return exercise, result
    if kind == "speaking":
        record_and_stop(page)
        if on_screen:
            on_screen(f"{kind}-judge")
        page.locator(f"button.judge[data-result='{judge}']").click()
        return exercise, judge
    raise AssertionError(f"unknown exercise type {kind}")


def practise_until_summary(page: Page, *, on_screen=None, right=lambda exercise, index: True) -> list[tuple[dict, str]]:
    """Answer every exercise of the session (through the first-time demonstrations) up to the summary."""
    answered = []
    for _ in range(60):
        state = next_state(page)
        if state == "summary":
            expect(page.get_by_role("heading", name="Goed zo!")).to_be_visible()
            return answered
        if state == "demo":
            if on_screen:
                on_screen("demo-" + page.locator("section[data-demo]").get_attribute("data-demo"))
            page.locator("#demo-start").click()
            continue
        card = page.locator("section.exercise[data-card]").get_attribute("data-card")
        exercise = current(page)
        answered.append(answer(page, right=right(exercise, len(answered)), on_screen=on_screen))
        # Wait for the next screen before looking again.
        page.wait_for_function("(card) => !document.querySelector(`section.exercise[data-card='${card}']`)", arg=card)
    raise AssertionError("the session did not end")


def indicator(page: Page):
    return page.locator("#sync")


def expect_all_sent(page: Page) -> None:
    expect(indicator(page)).to_be_visible()
    expect(indicator(page)).to_contain_text(re.compile("Alles verstuurd"), timeout=15_000)
