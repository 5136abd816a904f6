"""Practising on a phone: every exercise type without reading, answers on the server once, the support language
right-to-left, and no serious accessibility problems."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser import practice_data
from tests.browser.checks import serious
from tests.browser.practising import (
    WAITING,
    answer,
    current,
    expect_all_sent,
    log_in,
    next_state,
    practise_until_summary,
)

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
PHONE = {"width": 390, "height": 844}
EVERY_TYPE = {"listening", "reading", "writing", "speaking", "conversation"}


def fits_without_scrolling(page) -> bool:
    return page.evaluate("() => document.scrollingElement.scrollHeight <= window.innerHeight + 1")


def test_a_session_with_every_exercise_type(page, own_server, screenshot, errors):
    """Production cards (writing, speaking, conversation) are due next to new terms (listening, reading)."""
    terms = practice_data.unlock_production(own_server.app, "Omar Haddad", new_per_day=1)
    log_in(page, own_server.url, "Omar Haddad")
    screenshot("practice-home")
    page.get_by_role("button", name="Oefenen").click()
    seen, prompt_audio, heard_after_wrong = set(), [], []

    def on_screen(name):
        if name == "listening":
            prompt_audio[:] = [current(page)["prompt"]["audio_url"]]
        if name == "listening-feedback" and page.locator(".feedback.wrong").count():
            # After a wrong answer the right one is heard: the player loads the term's own audio.
            page.wait_for_function("(url) => document.getElementById('player')?.src.endsWith(url)", arg=prompt_audio[0])
            heard_after_wrong.append(prompt_audio[0])
        if name in seen:
            return
        seen.add(name)
        screenshot(f"practice-{name}")
        if not name.startswith("demo-"):
            # The same screen on a small phone: nothing to scroll, the buttons within reach.
            page.set_viewport_size(SMALL_PHONE)
            screenshot(f"practice-{name}-360")
            assert fits_without_scrolling(page), f"{name} scrolls at 360x640"
            page.set_viewport_size(PHONE)

    # The first listening exercise is answered wrongly, everything else right.
    answered = practise_until_summary(
        page,
        on_screen=on_screen,
        right=lambda exercise, index: not (exercise["type"] == "listening" and not heard_after_wrong),
    )
    types = {exercise["type"] for exercise, _ in answered}
    assert types == EVERY_TYPE
    assert heard_after_wrong, "the right answer was played after the wrong one"
    right = sum(1 for _, result in answered if result == "correct")
    expect(page.locator(".summary-count")).to_contain_text(f"{right} van de {len(answered)} goed")
    screenshot("practice-summary")
    page.set_viewport_size(SMALL_PHONE)
    screenshot("practice-summary-360")
    page.set_viewport_size(PHONE)
    expect_all_sent(page)
    # Each answer is on the server once, with the result given on the phone.
    stored = [e for e in practice_data.answers_of(own_server.app, "Omar Haddad") if e.duration_ms != 3000]
    assert sorted((e.card_id, e.result) for e in stored) == sorted(
        (exercise["card_id"], result) for exercise, result in answered
    )
    assert all(e.duration_ms is not None and e.duration_ms >= 0 for e in stored)
    # The demonstrations are shown once per type: the next session goes straight to the exercises.
    assert set(page.evaluate("() => JSON.parse(localStorage.getItem('vaktaal.demos'))")) == EVERY_TYPE

    # "Van mijn werk": the terms the teacher assigned, learned, with how well each skill is known.
    page.get_by_role("link", name="Klaar").click()
    page.get_by_role("link", name="Van mijn werk").click()
    expect(page.locator(".word-item")).to_have_count(2)
    for _, title in terms.values():
        item = page.locator(".word-item", has=page.locator(".term-title", has_text=title))
        expect(item.get_by_text("geleerd")).to_be_visible()
        expect(item.locator(".skill")).to_have_count(4)
    screenshot("my-work-words")


def test_arabic_support_language_reads_right_to_left_and_is_saved(page, own_server, screenshot, errors):
    practice_data.fresh_learner(own_server.app, "Olena Kovalenko", new_per_day=1)
    log_in(page, own_server.url, "Olena Kovalenko")
    page.get_by_role("link", name="Instellingen").click()
    page.get_by_role("radio", name="العربية").check()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen")).to_be_visible()
    assert practice_data.support_languages(own_server.app, "Olena Kovalenko")[0] == "ar"
    native = page.locator(".native[lang=ar]")
    expect(native).to_have_attribute("dir", "rtl")
    screenshot("settings-arabic")

    page.get_by_role("link", name="Start").first.click()
    page.get_by_role("button", name="Oefenen").click()
    for _ in range(6):
        if next_state(page) == "demo":
            page.locator("#demo-start").click()
            continue
        exercise = current(page)
        if exercise["type"] == "reading":
            break
        answer(page)
    else:
        raise AssertionError("no reading exercise came")
    hint = page.locator(".hint-support")
    expect(hint).to_have_attribute("dir", "rtl")
    expect(hint).to_have_attribute("lang", "ar")
    assert hint.evaluate("el => getComputedStyle(el).direction") == "rtl"
    word = page.locator(".ex-word")
    expect(word).to_have_attribute("lang", "nl")
    assert word.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert exercise["language"] == "ar"
    labels = page.locator(".option-text, .option-support")
    assert labels.count() >= 1
    for i in range(labels.count()):
        assert labels.nth(i).get_attribute("dir") == "rtl"
        assert labels.nth(i).evaluate("el => getComputedStyle(el).direction") == "rtl"
    screenshot("practice-reading-arabic")


def test_no_serious_accessibility_violations(page, own_server, screenshot, errors):
    practice_data.fresh_learner(own_server.app, "Dawit Berhane", new_per_day=1)
    axe = Axe()
    log_in(page, own_server.url, "Dawit Berhane")
    expect(page.locator(".progress-card")).to_be_visible()
    problems = {"home": serious(axe.run(page))}
    page.get_by_role("button", name="Oefenen").click()
    assert next_state(page) == "demo"
    problems["demonstration"] = serious(axe.run(page))
    page.locator("#demo-start").click()
    assert next_state(page) == "exercise"
    problems["exercise"] = serious(axe.run(page))
    page.locator("button.option").first.click()
    page.locator("#check").click()
    expect(page.locator(".feedback")).to_be_visible()
    problems["feedback"] = serious(axe.run(page))
    page.locator("#next").click()
    practise_until_summary(page)
    problems["summary"] = serious(axe.run(page))
    page.goto(own_server.url + "/#instellingen")
    expect(page.get_by_role("heading", name="Instellingen")).to_be_visible()
    problems["settings"] = serious(axe.run(page))
    page.goto(own_server.url + "/#mijn-woorden")
    expect(page.locator(".word-item").first).to_be_visible()
    problems["my words"] = serious(axe.run(page))
    screenshot("my-words")
    assert not any(problems.values()), problems
    assert page.evaluate(WAITING) == 0
