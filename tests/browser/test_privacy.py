"""'Jouw gegevens' on a phone: reached from the participant's home, the notice in Dutch and the participant's own
language (right-to-left in Arabic, the Dutch left-to-right), the yes/no to the employer's summary that survives a
reload, no serious accessibility problems; and a coach recording a consent given on paper."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.checks import overflows, serious
from tests.browser.practising import log_in
from tests.browser.test_audit import open_as, token_for
from tests.browser.test_staff import SMALL_PHONE

pytestmark = pytest.mark.browser

COACH = "coach@demo.vaktaal.nl"


def open_privacy_page(page, url, name):
    log_in(page, url, name)
    page.get_by_role("link", name="Jouw gegevens").click()
    expect(page.locator("h1.privacy-title")).to_contain_text("Jouw gegevens")
    expect(page.locator(".notice-block")).to_have_count(5)


def test_the_privacy_page_in_arabic_reads_right_to_left_at_360_px_with_large_text(page, own_server, screenshot):
    page.set_viewport_size(SMALL_PHONE)
    page.goto(own_server.url + "/")
    page.evaluate("localStorage.setItem('vaktaal.textSize', 'larger')")
    open_privacy_page(page, own_server.url, "Amina Yusuf")  # her support language is Arabic
    expect(page.locator("html.text-larger")).to_have_count(1)

    stored = page.locator("#blok-stored")
    dutch = stored.locator(".notice-nl")
    arabic = stored.locator(".notice-support")
    expect(dutch).to_have_attribute("dir", "ltr")
    expect(dutch).to_have_attribute("lang", "nl")
    expect(dutch.locator("h2")).to_have_text("Wat bewaren wij?")
    expect(arabic).to_have_attribute("dir", "rtl")
    expect(arabic).to_have_attribute("lang", "ar")
    expect(arabic.locator("h3")).to_have_text("ماذا نحفظ؟")
    # Right-to-left for real: the Arabic title's text starts at the right edge of its block.
    assert arabic.locator("h3").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert dutch.locator("h2").evaluate("e => getComputedStyle(e).direction") == "ltr"
    expect(page.locator("h1.privacy-title [lang=ar]")).to_have_attribute("dir", "rtl")
    expect(page.locator("#blok-how-long .notice-nl li").first).to_have_text(
        "Tot 24 maanden na het einde van je traject."
    )
    expect(page.locator("#blok-complain .notice-nl")).to_contain_text("Autoriteit Persoonsgegevens")
    # Every block can be heard in Dutch and in Arabic.
    expect(page.locator(".notice-block .notice-nl .play")).to_have_count(5)
    expect(page.locator(".notice-block .notice-support .play")).to_have_count(5)
    assert not overflows(page)
    screenshot("privacy-arabic-larger")
    stored.scroll_into_view_if_needed()
    screenshot("privacy-arabic-block")
    page.locator("#toestemming").scroll_into_view_if_needed()
    screenshot("privacy-arabic-consent")
    assert serious(page) == []


def test_the_dutch_audio_of_a_block_plays_from_the_server(page, own_server):
    open_privacy_page(page, own_server.url, "Dawit Berhane")
    with page.expect_response(re.compile(r"/api/privacy-notice/stored/audio\?v=")) as audio:
        page.locator("#blok-stored .notice-nl .play").click()
    assert audio.value.status == 200
    assert audio.value.headers["content-type"] == "audio/mpeg"


def test_another_language_can_be_chosen_on_the_page(page, own_server, screenshot):
    page.set_viewport_size(SMALL_PHONE)
    open_privacy_page(page, own_server.url, "Dawit Berhane")  # Tigrinya
    expect(page.locator("#blok-stored .notice-support")).to_have_attribute("lang", "ti")
    page.get_by_role("button", name="فارسی").click()
    support = page.locator("#blok-stored .notice-support")
    expect(support).to_have_attribute("lang", "fa")
    expect(support).to_have_attribute("dir", "rtl")
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator(".notice-support")).to_have_count(0)
    expect(page.get_by_role("button", name="Nederlands")).to_have_attribute("aria-pressed", "true")
    assert not overflows(page)


def test_the_consent_switch_says_yes_and_no_and_survives_a_reload(page, own_server, screenshot):
    page.set_viewport_size(SMALL_PHONE)
    open_privacy_page(page, own_server.url, "Omar Haddad")
    switch = page.get_by_role("switch", name="Mag je werkgever een korte samenvatting zien?")
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(page.locator(".consent-state")).to_have_text("Je hebt nog niets gekozen. Dan is het nee.")

    switch.click()
    expect(switch).to_have_attribute("aria-checked", "true")
    expect(switch).to_contain_text("Ja")
    expect(switch).to_contain_text("نعم")
    expect(page.locator(".consent-state")).to_contain_text("in de app")
    switch.scroll_into_view_if_needed()
    screenshot("privacy-consent-yes")

    page.reload()
    switch = page.get_by_role("switch", name="Mag je werkgever een korte samenvatting zien?")
    expect(switch).to_have_attribute("aria-checked", "true")
    expect(page.locator(".consent-state")).to_contain_text("Ja: gekozen op")

    switch.click()  # withdrawn at once
    expect(switch).to_have_attribute("aria-checked", "false")
    expect(switch).to_contain_text("Nee")
    page.reload()
    expect(page.get_by_role("switch", name="Mag je werkgever een korte samenvatting zien?")).to_have_attribute(
        "aria-checked", "false"
    )
    # The participant's own log of who looked, and their download, have their places on the page.
    expect(page.get_by_role("heading", name="Wie keek naar mijn gegevens?")).to_be_visible()
    expect(page.get_by_role("button", name="Download mijn gegevens")).to_be_visible()


def test_a_switch_that_cannot_save_goes_back_and_says_why(page, own_server):
    open_privacy_page(page, own_server.url, "Samira Osman")
    own_server.stop()
    try:
        switch = page.get_by_role("switch", name="Mag je werkgever een korte samenvatting zien?")
        switch.click()
        expect(page.locator(".consent-state")).to_have_text(
            "Geen internet. Er is niets veranderd. Probeer het later opnieuw."
        )
        expect(switch).to_have_attribute("aria-checked", "false")
    finally:
        own_server.start()


def test_a_coach_records_a_consent_given_on_paper(page, own_server, screenshot):
    page.set_viewport_size(SMALL_PHONE)
    token, _ = token_for(own_server.app, email=COACH)
    open_as(page, own_server.url, token)
    row = page.locator("ul.people > li").filter(has_text="Amina Yusuf")
    row.get_by_role("button", name="Toestemming").click()
    panel = page.get_by_role("region", name="Toestemming van Amina Yusuf")
    expect(panel).to_contain_text("Nog geen antwoord (telt als nee).")
    panel.get_by_label("Ja, toestemming gegeven").check()
    panel.get_by_role("button", name="Vastleggen").click()
    expect(panel.get_by_role("status").filter(has_text="Vastgelegd.")).to_be_visible()
    expect(panel.locator(".consent-history")).to_contain_text("op papier, vastgelegd door Sanne de Boer")
    assert not overflows(page)
    screenshot("privacy-paper-consent")
    assert serious(page) == []

    # Amina sees it in her own app, with who recorded it.
    page.evaluate("localStorage.clear()")
    open_privacy_page(page, own_server.url, "Amina Yusuf")
    expect(page.get_by_role("switch", name="Mag je werkgever een korte samenvatting zien?")).to_have_attribute(
        "aria-checked", "true"
    )
    expect(page.locator(".consent-state")).to_contain_text("op papier (vastgelegd door Sanne de Boer)")
