"""The coordinator starts a group from a CSV file: a bad file first (each line's errors shown, nobody added), then
three participants and their login cards (A4 print styles, Arabic right to left); a participant opens a card's link
on a phone and lands on their home screen. Axe scans and screenshots at 360 and 1280 px."""

import re

from playwright.sync_api import expect

from tests.browser.checks import overflows, serious, staff_login

PASSWORD = "vaktaal-demo"
COORDINATOR = "coordinator@demo.vaktaal.nl"
LAPTOP = {"width": 1280, "height": 900}
HEADER = "name,ref,support_languages,sectors,workplace,route,start_date\n"
BAD = HEADER + "Samira Haddad,KN-1,ar,schoonmaak,,b1,2026-09-01\n,KN-2,ti,,,,\nTesfay,111222333,xx,,,c1,morgen\n"
GOOD = HEADER + (
    "Samira Haddad,KN-1,ar;en,schoonmaak,,b1,2026-09-01\nTesfay Kidane,KN-2,ti,,,z,\nOlena Kovalenko,,uk,,,,\n"
)


def csv_file(text: str) -> dict:
    return {"name": "groep.csv", "mimeType": "text/csv", "buffer": text.encode()}


def upload(page, text: str) -> None:
    page.get_by_label("2. Kies het bestand (CSV)").set_input_files(csv_file(text))
    page.get_by_role("button", name="Deelnemers toevoegen").click()


def participant_names(page, url) -> list[str]:
    return page.evaluate(
        """async () => {
            const r = await fetch('/api/participants?page_size=100',
                {headers: {Authorization: 'Bearer ' + localStorage.getItem('vaktaal.token')}});
            return (await r.json()).map((p) => p.name);
        }"""
    )


def open_card_on_a_phone(browser, href: str, url: str, name: str) -> None:
    """A participant's phone opens the link of a printed card and shows their home screen."""
    phone = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True, locale="nl-NL")
    try:
        participant = phone.new_page()
        participant.goto(re.sub(r"^https?://[^/]+", url, href))
        expect(participant.get_by_role("heading", name=f"Hallo {name}!")).to_be_visible()
        expect(participant.get_by_role("button", name=re.compile("^Oefenen"))).to_be_visible()
        assert participant.evaluate("() => localStorage.getItem('vaktaal.token')")
        me = participant.evaluate(
            """async () => (await (await fetch('/api/me',
                {headers: {Authorization: 'Bearer ' + localStorage.getItem('vaktaal.token')}})).json()).name"""
        )
        assert me == name
    finally:
        phone.close()


def print_cards_and_check(page, screenshot) -> None:
    cards = page.locator(".login-card")
    expect(cards).to_have_count(3)
    samira = cards.filter(has_text="Samira Haddad")
    support = samira.locator(".login-card-support")
    assert support.get_attribute("dir") == "rtl" and support.get_attribute("lang") == "ar"
    expect(samira.locator(".login-card-code")).to_have_text(re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}"))
    expect(samira.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    expect(cards.filter(has_text="Olena Kovalenko").locator(".login-card-support")).to_have_attribute("dir", "ltr")
    page.emulate_media(media="print")
    try:
        assert not page.get_by_role("button", name="Printen").is_visible()
        # two cards side by side on A4
        boxes = [cards.nth(i).bounding_box() for i in range(2)]
        assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
        screenshot("bulk-start-cards-print")
    finally:
        page.emulate_media(media="screen")


def test_a_group_starts_from_a_csv_file_and_gets_login_cards(page, browser, own_server, screenshot):
    url = own_server.url
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    problems = {}
    staff_login(page, url, COORDINATOR)
    before = participant_names(page, url)
    page.get_by_role("link", name="Toevoegen en wijzigen").click()
    page.get_by_role("link", name="Groep starten met een bestand").click()
    expect(page.get_by_role("heading", name="Groep starten")).to_be_visible()
    page.get_by_label("1. Kies de groep").select_option(label="Ochtendgroep schoonmaak")
    page.get_by_text("Wat staat er in het bestand?").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Voorbeeldbestand downloaden").click()
    sample = download.value.path().read_text(encoding="utf-8")
    assert sample.startswith("name,ref,support_languages")

    upload(page, BAD)
    problem = page.locator(".import-errors")
    expect(problem).to_contain_text("Regel 3")
    expect(problem).to_contain_text("naam: Vul de naam in.")
    expect(problem.locator(".line-errors > li", has_text="Regel 4")).to_contain_text("klantnummer: Dit lijkt een BSN")
    expect(problem).to_contain_text("Er is niemand toegevoegd")
    assert sorted(participant_names(page, url)) == sorted(before)
    problems["errors"] = serious(page)
    assert not overflows(page)
    screenshot("bulk-start-errors-360")

    upload(page, GOOD)
    expect(page.get_by_role("heading", name="3 inlogkaarten")).to_be_visible()
    assert len(participant_names(page, url)) == len(before) + 3
    problems["cards"] = serious(page)
    assert not overflows(page)
    screenshot("bulk-start-cards-360")
    page.set_viewport_size(LAPTOP)
    screenshot("bulk-start-cards-1280")
    print_cards_and_check(page, screenshot)

    href = page.locator(".login-card", has_text="Tesfay Kidane").locator(".login-card-link").get_attribute("href")
    open_card_on_a_phone(browser, href, url, "Tesfay Kidane")
    assert not [name for name, found in problems.items() if found], problems
    assert not errors
