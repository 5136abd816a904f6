"""Levels per skill in the browser (issue 15): a teacher records a round for her group in the grid with the keyboard
(type and Tab), a bad cell shows the server's message beside it and nothing is stored, then the good round is; the
participant's phone shows the new level on the way to the target, at 360 px with the largest text; on the levels
page a teacher corrects a record and proposes another target, a coordinator accepts it; a coach reads the page
without any form. The client's level parsing says what vaktaal.levels.parse_level says. Every new screen passes an
axe scan and does not scroll sideways at 360 px."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from api.services.demo import PASSWORD
from tests.browser.checks import overflows, serious, staff_login
from tests.browser.practising import log_in
from tests.browser.test_staff import SMALL_PHONE, api_as_page
from vaktaal.levels import parse_level

pytestmark = pytest.mark.browser

TEACHER = "docent@demo.vaktaal.nl"
COORDINATOR = "coordinator@demo.vaktaal.nl"
COACH = "coach@demo.vaktaal.nl"
TABLET = {"width": 1024, "height": 768}
MORNING = "Ochtendgroep schoonmaak"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def save(page, name):
    """A screenshot of another page than the test's own (a second phone or login) under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def look(page, problems, name):
    """An axe scan, no sideways scrolling and a screenshot of the screen at 360 px; then back to the size before."""
    size = page.viewport_size
    save(page, f"levels-{name}-{size['width']}")
    problems[f"{name} ({size['width']})"] = serious(page)
    page.set_viewport_size(SMALL_PHONE)
    page.wait_for_timeout(300)
    problems[name] = serious(page)
    assert not overflows(page), name
    save(page, f"levels-{name}-360")
    page.set_viewport_size(size)
    page.wait_for_timeout(150)


def cell(page, name, skill):
    return page.get_by_label(f"{name}: {skill}", exact=True)


def cell_error(page, name, skill):
    field = cell(page, name, skill)
    return page.locator("#" + field.get_attribute("id") + "-error")


def participant_id(page, url, name):
    found = api_as_page(page, url, "GET", f"/participants?q={name.split()[0]}").json()
    return next(p["id"] for p in found if p["name"] == name)


def open_grid(page, url):
    page.get_by_role("link", name="Groepen").click()
    page.get_by_role("link", name=re.compile(MORNING)).click()
    page.get_by_role("link", name="Niveaus invoeren").click()
    expect(page.get_by_role("heading", name="Niveaus invoeren")).to_be_visible()
    expect(page.locator(".level-grid tbody tr")).to_have_count(4)


def test_a_round_in_the_grid_reaches_the_participants_phone(page, browser, own_server, errors):
    url = own_server.url
    problems = {}
    page.set_viewport_size(TABLET)
    staff_login(page, url, TEACHER)
    open_grid(page, url)
    amina = participant_id(page, url, "Amina Yusuf")
    expect(cell(page, "Amina Yusuf", "lezen")).to_have_value("")
    expect(page.locator(".level-grid")).to_contain_text("nog niets")

    # The round: a test on today's date (the default); then type and Tab along Amina's row.
    page.get_by_label("Bron").select_option("test")
    page.get_by_label("Naam van de toets").fill("Bureau ICE")
    cell(page, "Amina Yusuf", "lezen").click()
    page.keyboard.type("a2")
    page.keyboard.press("Tab")
    expect(cell(page, "Amina Yusuf", "luisteren")).to_be_focused()
    expect(cell(page, "Amina Yusuf", "lezen")).to_have_value("A2")
    page.keyboard.type("halverwege a1 en a2")
    page.keyboard.press("Tab")
    expect(cell(page, "Amina Yusuf", "luisteren")).to_have_value("A1/A2")
    page.keyboard.type("c1")
    page.keyboard.press("Tab")
    expect(cell_error(page, "Amina Yusuf", "spreken")).to_contain_text("Onbekend niveau 'c1'")
    cell(page, "Omar Haddad", "lezen").fill("a1")

    # Saving sends the bad cell as typed: the server names it, and stores nothing of the round.
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".grid-status")).to_contain_text("1 cel klopt niet; er is niets opgeslagen.")
    expect(cell_error(page, "Amina Yusuf", "spreken")).to_contain_text(
        "Onbekend niveau 'c1': kies uit A0, A1, A1/A2, A2, A2/B1, B1, B1/B2, B2."
    )
    expect(cell(page, "Amina Yusuf", "spreken")).to_have_attribute("aria-invalid", "true")
    expect(cell(page, "Amina Yusuf", "spreken")).to_be_focused()
    assert api_as_page(page, url, "GET", f"/participants/{amina}/assessments").json() == []
    look(page, problems, "grid-error")

    # The good round.
    cell(page, "Amina Yusuf", "spreken").fill("A1")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="4 niveaus opgeslagen.")).to_be_visible()
    expect(cell(page, "Amina Yusuf", "lezen")).to_have_value("")
    lezen = cell(page, "Amina Yusuf", "lezen").locator("xpath=..")
    expect(lezen.locator(".cell-now")).to_contain_text("nu A2")
    stored = api_as_page(page, url, "GET", f"/participants/{amina}/assessments").json()
    assert sorted((a["skill"], a["level"], a["source"], a["test_name"]) for a in stored) == [
        ("listening", "A1/A2", "test", "Bureau ICE"),
        ("reading", "A2", "test", "Bureau ICE"),
        ("speaking", "A1", "test", "Bureau ICE"),
    ]
    look(page, problems, "grid")

    # A spreadsheet: the check names the bad row and stores nothing.
    page.get_by_text("Uit een bestand (CSV)").click()
    sheet = f"participant;skill;level;date;source;test_name\n{amina};schrijven;Z9;2026-01-05;test;ICE\n"
    page.locator("#levels-file").set_input_files(
        files=[{"name": "ice.csv", "mimeType": "text/csv", "buffer": sheet.encode()}]
    )
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator(".import-errors")).to_contain_text("Regel 2")
    expect(page.locator(".import-errors")).to_contain_text("niveau: Onbekend niveau 'Z9'")
    expect(page.get_by_role("button", name="Importeren")).to_be_disabled()
    look(page, problems, "grid-import")

    # Amina's phone: reading on the way to B1 (her route's target), now A2 as the test found.
    phone = browser.new_context(
        viewport=SMALL_PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="nl-NL"
    ).new_page()
    try:
        phone.goto(url + "/")
        phone.evaluate("localStorage.setItem('vaktaal.textSize', 'larger')")
        log_in(phone, url, "Amina Yusuf")
        tile = phone.get_by_role("link", name=re.compile("Mijn doelen"))
        tile.scroll_into_view_if_needed()
        assert not overflows(phone)
        save(phone, "levels-home-360")
        tile.click()
        expect(phone.locator("h1")).to_contain_text("Mijn doelen")
        reading = phone.locator(".my-level[data-skill=reading]")
        expect(reading.locator("h2 .both-nl")).to_have_text("Lezen")
        expect(reading.locator(".my-level-line .both-nl")).to_have_text("op weg naar B1")
        expect(reading).to_contain_text("Nu: A2 bij de toets van")
        expect(reading.locator(".my-level-line [lang=ar]")).to_have_attribute("dir", "rtl")
        expect(reading.locator(".my-level-line [lang=ar]")).to_have_text("في الطريق إلى B1")
        expect(reading.locator(".step.here .step-name")).to_have_text("A2")
        expect(reading.locator(".step.goal .step-name")).to_have_text("B1")
        listening = phone.locator(".my-level[data-skill=listening]")
        expect(listening).to_contain_text("Nu: tussen A1 en A2 bij de toets van")
        writing = phone.locator(".my-level[data-skill=writing]")
        expect(writing.locator(".my-level-line .both-nl")).to_have_text("op weg naar B1")
        expect(writing).to_contain_text("Je docent kijkt nog waar je bent.")
        expect(reading.get_by_role("button", name="Luister: Lezen")).to_be_visible()
        text = phone.locator("#app").inner_text().lower()
        for word in ("niet gehaald", "te laat", "achter", "officieel", "diploma", "gezakt"):
            assert word not in text
        reds = phone.evaluate(
            """() => [...document.querySelectorAll('#app *')].filter((e) => {
                const c = getComputedStyle(e);
                return [c.color, c.backgroundColor, c.borderTopColor].some((v) => {
                    const m = v.match(/\\d+/g);
                    return m && +m[0] > 150 && +m[1] < 90 && +m[2] < 90;
                });
            }).length"""
        )
        assert reds == 0, "no red on the participant's page"
        assert not overflows(phone)
        assert serious(phone) == []
        save(phone, "levels-participant-360")
        reading.scroll_into_view_if_needed()
        save(phone, "levels-participant-360-reading")
        phone.locator(".my-level").last.scroll_into_view_if_needed()
        save(phone, "levels-participant-360-end")
    finally:
        phone.context.close()
    assert not {name: found for name, found in problems.items() if found}


def test_the_levels_page_correction_proposal_and_a_coach_reading_it(page, browser, own_server, errors):
    url = own_server.url
    problems = {}
    page.set_viewport_size(TABLET)
    staff_login(page, url, TEACHER)
    amina = participant_id(page, url, "Amina Yusuf")
    page.locator("ul.people li", has_text="Amina Yusuf").get_by_role("link", name="Niveaus").click()
    expect(page.get_by_role("heading", name="Niveaus van Amina Yusuf")).to_be_visible()
    expect(page.locator(".level-skill")).to_have_count(5)
    reading = page.locator("#skill-reading")
    expect(reading.locator(".level-facts")).to_contain_text("nog niet vastgelegd")
    expect(reading.locator(".level-facts")).to_contain_text("B1 · standaard voor de route")
    expect(reading.locator(".level-evidence")).to_contain_text("Geen niveau")
    expect(reading.locator(".level-evidence")).to_contain_text("Laatste 30 dagen")
    expect(page.locator("#skill-speaking .self-assessed")).to_contain_text("Zelf beoordeeld")
    expect(page.locator("#skill-reading .level-evidence")).not_to_contain_text("Zelf beoordeeld")

    # One assessment: an observation, typed as "a1-a2".
    page.get_by_role("button", name="Niveau vastleggen").click()
    form = page.locator("#record")
    form.get_by_label("Vaardigheid").select_option("reading")
    form.get_by_label("Niveau", exact=True).fill("a1-a2")
    form.get_by_label("Niveau", exact=True).press("Tab")
    expect(form.get_by_label("Niveau", exact=True)).to_have_value("A1/A2")
    expect(form).to_contain_text("Geen medische of persoonlijke gegevens.")
    form.get_by_label("Datum").fill("2099-01-01")
    form.get_by_role("button", name="Opslaan").click()
    date_error = page.locator("#" + form.get_by_label("Datum").get_attribute("id") + "-error")
    expect(date_error).not_to_be_empty()
    form.get_by_label("Datum").fill("2026-01-05")
    form.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen: lezen A1/A2.")).to_be_visible()
    expect(reading.locator(".level-facts")).to_contain_text("A1/A2 · Observatie (docent) · 5 jan 2026")
    expect(reading.locator(".chart-box canvas").first).to_be_attached()

    # Correcting it: the old record stays, struck through; the new one counts.
    reading.get_by_text("Geschiedenis (1)").click()
    reading.get_by_role("button", name="Corrigeer A1/A2 van 5 jan 2026").click()
    expect(form.get_by_label("Vaardigheid")).to_be_disabled()
    expect(form.locator(".corrects")).to_contain_text("Je corrigeert lezen A1/A2 van 5 jan 2026")
    form.get_by_label("Niveau", exact=True).fill("A1")
    form.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Correctie opgeslagen: lezen A1.")).to_be_visible()
    reading.get_by_text("Geschiedenis (2)").click()
    expect(reading.locator("tr.corrected")).to_contain_text("gecorrigeerd")
    expect(reading.locator(".level-facts")).to_contain_text("A1 · Observatie (docent) · 5 jan 2026")

    # The teacher proposes a lower target for speaking.
    speaking = page.locator("#skill-speaking")
    speaking.get_by_text("Ander doel voorstellen").click()
    speaking.get_by_label("Voorgesteld doel").fill("a2")
    speaking.get_by_label("Waarom?").fill("Besluit gemeente: spreken op A2")
    speaking.get_by_role("button", name="Voorstel versturen").click()
    expect(page.get_by_role("status").filter(has_text="Je voorstel is verstuurd")).to_be_visible()
    expect(page.locator("#skill-speaking .proposal-box")).to_contain_text("Wacht op een coördinator")
    assert not overflows(page)
    look(page, problems, "page-teacher")

    # The coordinator accepts it: the target is A2 with the reason; she sets the route's deadline.
    coordinator = browser.new_context(viewport=TABLET, locale="nl-NL").new_page()
    try:
        staff_login(coordinator, url, COORDINATOR, PASSWORD)
        coordinator.goto(f"{url}/#niveaus/{amina}")
        expect(coordinator.locator(".proposals-waiting")).to_contain_text("1 voorstel")
        box = coordinator.locator("#skill-speaking .proposal-box")
        expect(box).to_contain_text("Voorstel: doel A2 van Marieke Jansen")
        box.get_by_role("button", name="Overnemen").click()
        expect(coordinator.get_by_role("status").filter(has_text="Voorstel overgenomen: doel A2.")).to_be_visible()
        facts = coordinator.locator("#skill-speaking .level-facts")
        expect(facts).to_contain_text("A2 · gewijzigd op")
        expect(facts).to_contain_text("Reden: Besluit gemeente: spreken op A2")
        coordinator.get_by_text("Einddatum wijzigen").click()
        coordinator.get_by_label("Einddatum van de route").fill("2030-06-30")
        coordinator.locator(".deadline-form").get_by_role("button", name="Opslaan").click()
        expect(coordinator.locator("p.muted").filter(has_text="einddatum 30 jun 2030")).to_be_visible()
        look(coordinator, problems, "page-coordinator")
    finally:
        coordinator.context.close()

    # The coach reads the same page: no form, no button that changes anything.
    coach = browser.new_context(viewport=TABLET, locale="nl-NL").new_page()
    try:
        staff_login(coach, url, COACH, PASSWORD)
        coach.get_by_role("link", name="Toevoegen en wijzigen").click()
        coach.get_by_role("link", name=re.compile("Amina Yusuf")).click()
        expect(coach.get_by_role("heading", name="Amina Yusuf")).to_be_visible()
        coach.get_by_role("link", name="Niveaus").click()
        expect(coach.get_by_role("heading", name="Niveaus van Amina Yusuf")).to_be_visible()
        expect(coach.locator(".read-only")).to_contain_text("Alleen kijken")
        expect(coach.locator("#skill-speaking .level-facts")).to_contain_text("A2 · gewijzigd op")
        expect(coach.locator("#skill-reading .chart-box canvas").first).to_be_attached()
        expect(coach.locator("form")).to_have_count(0)
        expect(coach.get_by_role("button", name=re.compile("Corrigeer|Niveau vastleggen|Overnemen"))).to_have_count(0)
        coach.locator("#skill-reading").get_by_text("Geschiedenis (2)").click()
        expect(coach.locator("#skill-reading tr.corrected")).to_have_count(1)
        look(coach, problems, "page-coach")
    finally:
        coach.context.close()
    assert not {name: found for name, found in problems.items() if found}


CASES = [
    "a2",
    "A1/A2",
    "A1-A2",
    "a1 a2",
    "halverwege A1 en A2",
    "tussen a2 en b1",
    "C1",
    "",
    "  b1  ",
    "b1 a2",
    "a1 b1",
    "A2 niveau",
    "a0/a1",
    "b1+b2",
    "halverwege",
    "x a2",
    "a1—a2",
    "A1,A2",
]


def test_the_client_parses_levels_as_the_server_does(page, live_server):
    page.goto(live_server + "/")
    found = page.evaluate(
        """async (cases) => {
            const m = await import('/static/js/level-parse.js');
            return cases.map((c) => m.parseLevel(c));
        }""",
        CASES,
    )
    expected = []
    for case in CASES:
        try:
            expected.append({"level": parse_level(case).value})
        except ValueError as error:
            expected.append({"error": str(error)})
    assert found == expected, json.dumps(list(zip(CASES, found, expected, strict=True)), ensure_ascii=False)
