"""The wordlist browser on a phone: sectors, searching a sector, a term's detail, editing, proposals and CSV."""

import re

import pytest
from playwright.sync_api import expect

from api.services.demo import PARTICIPANTS, demo_codes
from tests.browser.checks import overflows, serious, staff_login

pytestmark = pytest.mark.browser

# Omar Haddad reads Arabic and works in cleaning. (Amina's code, demo_codes()[0], is replaced by test_login.py.)
OMAR = next(i for i, p in enumerate(PARTICIPANTS) if p[0] == "Omar Haddad")
TEACHER = "docent@demo.vaktaal.nl"  # not an editor
COORDINATOR = "coordinator@demo.vaktaal.nl"  # an editor


def open_sector(page, name):
    page.get_by_role("main").get_by_role("link", name=re.compile(r"^Woorden")).click()
    expect(page.get_by_role("heading", name="Woordenlijsten")).to_be_visible()
    page.get_by_role("link", name=re.compile(rf"^{name}")).click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def log_in_omar(page, live_server):
    page.goto(f"{live_server}/login#code={demo_codes()[OMAR]}")
    expect(page.get_by_role("heading", name="Hallo Omar Haddad!")).to_be_visible()


def search(page, text):
    page.get_by_label("Zoek een woord").fill(text)
    expect(page.locator(".result-count")).to_contain_text("gevonden")


def term_card(page, title):
    return page.locator(".term-card").filter(has=page.locator(".term-title", has_text=re.compile(rf"^{title}$")))


def test_participant_finds_a_term_with_its_translation(page, live_server, screenshot, errors):
    log_in_omar(page, live_server)
    open_sector(page, "Schoonmaak")
    expect(page.get_by_role("button", name=re.compile(r"^materialen"))).to_be_visible()
    expect(page.locator(".term-card").first).to_be_visible()
    screenshot("wordlists-sector")

    search(page, "dweil")
    card = term_card(page, "de dweil")
    expect(card).to_contain_text("Gooi de vieze dweil in de wasmand.")
    expect(card).to_contain_text("A1")
    arabic = card.get_by_text("ممسحة الأرضية")
    expect(arabic).to_have_attribute("dir", "rtl")
    expect(arabic).to_have_attribute("lang", "ar")
    expect(card.locator(".term-title")).to_have_attribute("dir", "ltr")
    expect(card.get_by_text("floor cloth (mop)")).to_have_count(0)  # only his support language
    screenshot("wordlists-search")

    card.click()
    expect(page.get_by_role("heading", name="de dweil")).to_be_visible()
    expect(page.get_by_text("Meervoud: de dweilen")).to_be_visible()
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    expect(page.get_by_role("link", name="Voorstel doen")).to_have_count(0)
    screenshot("term-detail")
    # Back to the same search.
    page.go_back()
    expect(page.get_by_label("Zoek een woord")).to_have_value("dweil")
    expect(term_card(page, "de dweil")).to_be_visible()


def test_sectors_screen(page, live_server, screenshot, errors):
    log_in_omar(page, live_server)
    page.get_by_role("main").get_by_role("link", name=re.compile(r"^Woorden")).click()
    schoonmaak = page.get_by_role("link", name=re.compile(r"^Schoonmaak"))
    expect(schoonmaak).to_contain_text(re.compile(r"\d+ woorden"))
    expect(schoonmaak).to_contain_text("A1:")
    # His own sectors come first.
    expect(page.locator(".sector-card").nth(1)).to_contain_text("Schoonmaak")
    screenshot("wordlists-sectors")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Start").click()
    expect(page.get_by_role("heading", name="Hallo Omar Haddad!")).to_be_visible()


def test_teacher_edits_an_own_term(page, live_server, screenshot, errors):
    staff_login(page, live_server, TEACHER)
    open_sector(page, "Schoonmaak")
    search(page, "sleutelkluis")
    card = term_card(page, "de sleutelkluis")
    expect(card).to_contain_text("Eigen")
    expect(card.get_by_text("خزنة المفاتيح")).to_have_attribute("dir", "rtl")
    expect(card.get_by_text("key safe")).to_be_visible()
    card.click()
    expect(page.get_by_role("heading", name="de sleutelkluis")).to_be_visible()

    page.get_by_role("link", name="Bewerken").click()
    example = page.get_by_label("Voorbeeldzin")
    expect(example).to_have_value("De sleutels van het stadhuis liggen in de sleutelkluis.")
    example.fill("De sleutelkluis hangt naast de deur.")
    page.evaluate("window.scrollTo(0, 0)")
    screenshot("term-edit")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen")
    expect(page.get_by_text("De sleutelkluis hangt naast de deur.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="de sleutelkluis")).to_be_visible()
    expect(page.get_by_text("De sleutelkluis hangt naast de deur.")).to_be_visible()

    # An example without the term: the API's message shows next to the field.
    page.get_by_role("link", name="Bewerken").click()
    example = page.get_by_label("Voorbeeldzin")
    example.fill("Alles hangt naast de deur.")
    page.get_by_role("button", name="Opslaan").click()
    field_error = page.locator(".field").filter(has=example).locator(".field-error")
    expect(field_error).to_be_visible()
    expect(field_error).to_contain_text("sleutelkluis")
    expect(example).to_have_attribute("aria-invalid", "true")
    expect(example).to_be_focused()
    screenshot("term-edit-error")
    # Nothing was saved.
    page.get_by_role("link", name="Annuleren").click()
    expect(page.get_by_text("De sleutelkluis hangt naast de deur.")).to_be_visible()


def test_teacher_proposes_and_the_editor_accepts(page, live_server, screenshot, errors):
    staff_login(page, live_server, TEACHER)
    open_sector(page, "Schoonmaak")
    search(page, "emmer")
    term_card(page, "de emmer").click()
    expect(page.get_by_role("heading", name="de emmer")).to_be_visible()
    expect(page.get_by_role("link", name="Bewerken")).to_have_count(0)
    page.get_by_role("link", name="Voorstel doen").click()
    page.get_by_label("Voorbeeldzin").fill("Vul de emmer met warm water.")
    page.get_by_label("Toelichting").fill("Op de werkvloer gebruiken ze warm water.")
    page.get_by_role("button", name="Voorstel versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Je voorstel is verstuurd")
    expect(page.get_by_text("Vul de emmer met lauw water.")).to_be_visible()  # unchanged until an editor accepts

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Start").click()
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Welkom bij Vaktaal")).to_be_visible()
    staff_login(page, live_server, COORDINATOR)
    page.get_by_role("main").get_by_role("link", name="Woordenlijsten").click()
    page.get_by_role("link", name=re.compile(r"^Voorstellen")).click()
    proposal = page.locator(".proposal").filter(has_text="de emmer")
    expect(proposal).to_contain_text("Vul de emmer met lauw water.")
    expect(proposal).to_contain_text("Vul de emmer met warm water.")
    expect(proposal).to_contain_text("Marieke Jansen")
    expect(proposal).to_contain_text("Op de werkvloer gebruiken ze warm water.")
    screenshot("proposals")
    proposal.get_by_role("button", name="Overnemen").click()
    expect(proposal).to_contain_text("Overgenomen")
    proposal.get_by_role("link", name="de emmer").click()
    expect(page.get_by_text("Vul de emmer met warm water.")).to_be_visible()
    expect(page.get_by_role("link", name="Bewerken")).to_be_visible()


def test_teacher_adds_a_term_to_the_own_list(page, live_server, screenshot, errors):
    staff_login(page, live_server, TEACHER)
    open_sector(page, "Schoonmaak")
    page.get_by_role("link", name="Nieuwe term").click()
    page.get_by_label("Term (Nederlands)").fill("Sleutel terug in de kluis!")
    expect(page.get_by_label("Sleutel", exact=True)).to_have_value("sleutel-terug-in-de-kluis")
    page.get_by_label("Soort woord").select_option("phrase")
    expect(page.get_by_role("group", name="Lidwoord")).to_be_hidden()
    page.get_by_role("group", name="Niveau").get_by_text("A2").click()
    page.get_by_label("Thema").fill("werkplek")
    page.get_by_label("Voorbeeldzin").fill("Klaar? Sleutel terug in de kluis!")
    # The organisation's own term may wait for its translations, as the server allows.
    expect(page.get_by_text("Vertalingen mogen later.")).to_be_visible()
    page.locator(".translation-field").nth(2).scroll_into_view_if_needed()
    screenshot("term-new-own-translations")
    expect(page.get_by_label(re.compile(r"^Engels"))).not_to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("Toegevoegd")
    expect(page.get_by_role("heading", name="Sleutel terug in de kluis!")).to_be_visible()
    expect(page.get_by_text("Eigen lijst van Regio Demo")).to_be_visible()
    # Which of her participants' languages it still lacks.
    expect(page.locator(".missing-summary")).to_contain_text("Arabisch")


def test_the_shared_list_still_asks_for_english_and_arabic(page, live_server, errors):
    staff_login(page, live_server, COORDINATOR)
    open_sector(page, "Schoonmaak")
    page.get_by_role("link", name="Nieuwe term").click()
    page.get_by_label("Term (Nederlands)").fill("vloermat")
    page.get_by_label("Thema").fill("materialen")
    page.get_by_label("Voorbeeldzin").fill("Leg de vloermat bij de deur.")
    page.get_by_label("In de gedeelde lijst").check()
    expect(page.get_by_text("Engels en Arabisch zijn verplicht in de gedeelde lijst.")).to_be_visible()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_label("Engels (verplicht)")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Arabisch (verplicht)")).to_have_attribute("aria-invalid", "true")


def test_a_word_the_list_has_is_offered_instead_of_added_twice(page, live_server, screenshot, errors):
    staff_login(page, live_server, TEACHER)
    open_sector(page, "Schoonmaak")
    page.get_by_role("link", name="Nieuwe term").click()
    page.get_by_label("Term (Nederlands)").fill("werkkast")
    offer = page.locator(".exists")
    expect(offer).to_contain_text("Dit woord staat al in de lijst")
    expect(page.get_by_role("group", name="Lidwoord").get_by_label("de")).to_be_checked()  # the noun list's article
    page.get_by_label("Thema").fill("ruimtes")
    page.get_by_label("Voorbeeldzin").fill("De werkkast is op slot.")
    offer.scroll_into_view_if_needed()
    screenshot("term-new-exists")
    page.get_by_role("button", name="Toevoegen").click()
    term_error = page.locator(".field").filter(has=page.get_by_label("Term (Nederlands)")).locator(".field-error")
    expect(term_error).to_contain_text("staat al in de gedeelde lijst")
    # The form with the offer and the server's reason by its field, on a small phone.
    page.set_viewport_size({"width": 360, "height": 640})
    assert not overflows(page)
    assert serious(page) == []
    offer.get_by_role("link", name="de werkkast (gedeeld)").click()
    expect(page.get_by_role("heading", name="de werkkast")).to_be_visible()


def test_a_typo_in_an_own_term_is_fixed_without_translations(page, live_server, errors):
    """A term heard on a visit has no translations yet; its spelling can be fixed all the same."""
    staff_login(page, live_server, TEACHER)
    open_sector(page, "Schoonmaak")
    search(page, "schrobzuigmachine")
    term_card(page, "de schrobzuigmachine").click()
    page.get_by_role("link", name="Bewerken").click()
    page.get_by_label("Term (Nederlands)").fill("schrobzuigmachiene")
    expect(page.locator(".suggestions")).to_contain_text(re.compile(r"[Ss]pelling"))
    assert serious(page) == [], "the form with the advice"
    page.get_by_label("Term (Nederlands)").fill("schrobzuigmachine")
    page.get_by_label("Voorbeeldzin").fill("Laad de schrobzuigmachine altijd op na het werk.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Opgeslagen")
    expect(page.get_by_text("Laad de schrobzuigmachine altijd op na het werk.")).to_be_visible()


def test_teacher_downloads_and_uploads_a_csv(page, live_server, screenshot, errors):
    staff_login(page, live_server, TEACHER)
    open_sector(page, "Tuinbouw")
    page.get_by_text("Spreadsheet (CSV)").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV downloaden").click()
    download = info.value
    assert download.suggested_filename == "tuinbouw-eigen.csv"
    text = download.path().read_text(encoding="utf-8")
    assert "kas-drie" in text

    header = text.splitlines()[0]
    translations = "Greenhouse 4 is open.,الدفيئة 4 مفتوحة.,,,,,"
    # The example lacks the term: the row is rejected and reported by its line.
    bad = f"{header}\nkas-vier,Kas 4 is open.,,,phrase,A1,werk,De deur is dicht.,,no,{translations}\n"
    page.get_by_label("CSV-bestand kiezen").set_input_files(
        files=[{"name": "tuinbouw-eigen.csv", "mimeType": "text/csv", "buffer": bad.encode()}]
    )
    page.get_by_role("button", name="CSV uploaden").click()
    expect(page.locator(".row-errors")).to_contain_text("Regel 2")
    page.locator(".csv-status").scroll_into_view_if_needed()
    screenshot("csv-errors")

    good = f"{text}kas-vier,Kas 4 is open.,,,phrase,A1,werk,Kas 4 is open. Je mag erin.,,no,{translations}\n"
    page.get_by_label("CSV-bestand kiezen").set_input_files(
        files=[{"name": "tuinbouw-eigen.csv", "mimeType": "text/csv", "buffer": good.encode()}]
    )
    page.get_by_role("button", name="CSV uploaden").click()
    expect(page.locator(".csv-status")).to_contain_text("Nieuw: 1")
    search(page, "Kas 4")
    expect(term_card(page, "Kas 4 is open.")).to_be_visible()


WORD_LINES = """([selector, word]) => {
    const title = [...document.querySelectorAll(selector)].find((t) => t.textContent.includes(word));
    const node = [...title.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent.includes(word));
    const range = document.createRange();
    const start = node.textContent.indexOf(word);
    range.setStart(node, start);
    range.setEnd(node, start + word.length);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
}"""


def test_a_long_word_in_the_list_stays_whole_at_360_px_with_the_largest_text(page, live_server, screenshot, errors):
    page.set_viewport_size({"width": 360, "height": 640})
    log_in_omar(page, live_server)
    page.evaluate("localStorage.setItem('vaktaal.textSize', 'larger')")
    page.reload()
    expect(page.get_by_role("heading", name="Hallo Omar Haddad!")).to_be_visible()
    open_sector(page, "Schoonmaak")
    search(page, "veiligheidsinformatieblad")
    title = page.locator(".term-title", has_text="veiligheidsinformatieblad")
    expect(title).to_be_visible()
    title.scroll_into_view_if_needed()
    screenshot("wordlist-long-word-360-larger")
    for where in (".term-title", ".term-example"):
        lines = page.evaluate(WORD_LINES, [where, "veiligheidsinformatieblad"])
        assert lines == 1, f"{where}: the word is broken over {lines} lines"
    assert page.evaluate("() => document.scrollingElement.scrollWidth <= screen.width")
