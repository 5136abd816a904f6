"""The whole workplace-visit story: a teacher records a visit with a new term and a photo on the work floor; the
participant's next session starts with that term; the preparation list shows it as not yet known."""

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.checks import staff_login
from tests.browser.practising import log_in

pytestmark = pytest.mark.browser


def test_a_visit_reaches_the_participants_next_session_and_the_preparation(page, own_server, tmp_path, screenshot):
    photo = tmp_path / "kelderluik.jpg"
    Image.new("RGB", (1600, 1200), (90, 120, 160)).save(photo, format="JPEG")
    url = own_server.url

    staff_login(page, url, "docent@demo.vaktaal.nl")
    page.get_by_role("link", name="Werkvloerbezoek").click()
    glans = page.locator("li.workplace", has_text="Schoonmaakbedrijf Glans")
    glans.get_by_role("link", name="Bezoek vastleggen").click()
    expect(page.get_by_label("Yonas Tesfay")).to_be_checked()
    page.get_by_label("Notities over het werk").fill("Kelder en trappenhuis.")
    screenshot("visit-new")
    page.get_by_role("button", name="Bezoek opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Bezoek opgeslagen")).to_be_visible()

    page.get_by_label("Wat hoorde je?").fill("kelderluik")
    page.get_by_role("button", name="Nieuw woord: “kelderluik”").click()
    expect(page.get_by_label("Lidwoord")).to_have_value("het")  # suggested from the noun list (het luik)
    page.get_by_label("Meervoud").fill("kelderluiken")
    page.get_by_label("De zin zoals je hem hoorde").fill("Het kelderluik moet altijd dicht.")
    page.locator("#term-photo").set_input_files(str(photo))
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Toegevoegd: kelderluik")).to_be_visible()
    observation = page.locator("li.observation", has_text="het kelderluik")
    expect(observation.get_by_role("img", name="Foto: kelderluik")).to_be_visible()
    assert observation.get_by_role("img").evaluate("img => img.naturalWidth") == 1280
    screenshot("visit-terms")

    # The participant's next session starts with the term heard this morning.
    participant = page.context.browser.new_context(viewport={"width": 390, "height": 844})
    phone = participant.new_page()
    log_in(phone, url, "Yonas Tesfay")
    with phone.expect_response(lambda r: r.url.endswith("/api/me/sessions") and r.request.method == "POST") as info:
        phone.get_by_role("button", name="Oefenen").click()
    first = info.value.json()["exercises"][0]
    assert first["prompt"].get("text") in (None, "het kelderluik")
    term = phone.request.get(
        f"{url}/api/terms/{first['term_id']}",
        headers={"Authorization": "Bearer " + phone.evaluate("localStorage.getItem('vaktaal.token')")},
    )
    assert term.json()["term"] == "kelderluik"
    participant.close()

    # Before the next visit, the teacher sees it as not yet known.
    page.goto(url + "/#werkplekken")
    page.locator("li.workplace", has_text="Schoonmaakbedrijf Glans").get_by_role("link", name="Voorbereiden").click()
    yonas = page.locator("details.prepare").filter(has=page.locator("summary", has_text="Yonas Tesfay"))
    expect(yonas.locator("summary")).to_contain_text("4 gehoord")
    yonas.locator("summary").click()
    expect(yonas.get_by_role("link", name="het kelderluik")).to_be_visible()
    screenshot("visit-prepare")

    page.goto(url + "/#werkplekken")
    page.locator("li.workplace", has_text="Schoonmaakbedrijf Glans").get_by_role("link", name="Woordkaarten").click()
    card = page.locator("li.wordcard", has_text="het kelderluik")
    expect(card.get_by_role("img", name="QR-code: kelderluik in de app")).to_be_visible()
    screenshot("visit-wordcards")


def test_a_coach_suggestion_waits_for_the_teacher(page, own_server, screenshot):
    url = own_server.url
    staff_login(page, url, "coach@demo.vaktaal.nl")
    page.get_by_role("link", name="Werkvloerbezoek").click()
    page.locator("li.workplace", has_text="Schoonmaakbedrijf Glans").get_by_role(
        "link", name="Bezoek vastleggen"
    ).click()
    page.get_by_role("button", name="Bezoek opslaan").click()
    page.get_by_label("Wat hoorde je?").fill("de dwijl")
    page.get_by_role("option", name="de dweil").first.click()
    page.get_by_label("De zin zoals je hem hoorde").fill("Spoel de dweil uit.")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("li.observation", has_text="de dweil").first).to_contain_text("wacht op docent")

    page.evaluate("localStorage.clear()")
    staff_login(page, url, "docent@demo.vaktaal.nl")
    page.get_by_role("link", name="Suggesties van coaches").click()
    item = page.locator("li.observation", has_text="Spoel de dweil uit.")
    screenshot("suggestions")
    item.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_role("status")).to_contain_text("Goedgekeurd: dweil")
    expect(page.locator("li.observation", has_text="Spoel de dweil uit.")).to_have_count(0)
