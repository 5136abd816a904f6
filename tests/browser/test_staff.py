"""The teacher's side of the loop on a phone: a new login code asked first; any word heard on a visit, with the
server's reasons by the fields; a term given to a group from its own screen and taken back; the translations the
teacher's participants still lack; a short preparation list; word cards that fit A4. Each new screen fits 360 px
and has no serious accessibility problems."""

import re

import pytest
from playwright.sync_api import expect

from api.services.demo import PARTICIPANTS, demo_codes
from tests.browser.checks import overflows, serious, staff_login

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
TEACHER = "docent@demo.vaktaal.nl"
AMINA = next(i for i, p in enumerate(PARTICIPANTS) if p[0] == "Amina Yusuf")
# A4 is 210 mm wide; with the print style's 12 mm margins 186 mm are left, at 96 px per inch.
A4_PRINTABLE_PX = round(186 / 25.4 * 96)


def api_as_page(page, url, method, path, **kwargs):
    """A request with the logged-in user's token, as the app sends it."""
    token = page.evaluate("localStorage.getItem('vaktaal.token')")
    return page.request.fetch(f"{url}/api{path}", method=method, headers={"Authorization": f"Bearer {token}"}, **kwargs)


def code_logs_in(page, url, code) -> bool:
    return page.request.post(f"{url}/api/auth/code", data={"code": code}).ok


def test_a_new_login_code_is_asked_first_and_says_the_card_stops_working(page, own_server, screenshot, errors):
    url = own_server.url
    staff_login(page, url, TEACHER)
    page.set_viewport_size(SMALL_PHONE)
    row = page.locator("ul.people li", has_text="Amina Yusuf")
    row.get_by_role("button", name="Nieuwe code").click()
    question = row.get_by_role("group", name="Nieuwe code voor Amina Yusuf?")
    expect(question).to_contain_text("De oude code en de geprinte QR-kaart werken dan niet meer.")
    expect(question.get_by_role("button", name="Nee, terug")).to_be_focused()
    question.scroll_into_view_if_needed()
    screenshot("staff-new-code-confirm-360")
    assert not overflows(page)
    assert serious(page) == []

    question.get_by_role("button", name="Nee, terug").click()
    expect(question).to_have_count(0)
    assert code_logs_in(page, url, demo_codes()[AMINA]), "nothing changed: her card still works"

    row.get_by_role("button", name="Nieuwe code").click()
    row.get_by_role("button", name="Ja, nieuwe code maken").click()
    expect(row.get_by_role("img", name="QR-code om in te loggen voor Amina Yusuf")).to_be_visible()
    assert not code_logs_in(page, url, demo_codes()[AMINA]), "the old card stopped working"


def add_new_word(page, text, pos=None, article=None, plural=None):
    page.get_by_label("Wat hoorde je?").fill(text)
    page.get_by_role("button", name=f"Nieuw woord: “{text}”").click()
    expect(page.locator(".picked")).to_contain_text(f"Nieuw woord: {text}")
    if pos:
        page.get_by_label("Soort woord").select_option(pos)
    if article is not None:
        page.get_by_label("Lidwoord").select_option(article)
    if plural is not None:
        page.get_by_label("Meervoud").fill(plural)


def test_any_word_heard_is_added_and_a_refusal_shows_by_its_field(page, own_server, screenshot, errors):
    url = own_server.url
    staff_login(page, url, TEACHER)
    page.set_viewport_size(SMALL_PHONE)
    page.goto(url + "/#werkplekken")
    page.locator("li.workplace", has_text="Schoonmaakbedrijf Glans").get_by_role(
        "link", name="Bezoek vastleggen"
    ).click()
    page.get_by_role("button", name="Bezoek opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Bezoek opgeslagen")).to_be_visible()

    # A verb the dictionary may not know: no article asked, nothing blocks.
    add_new_word(page, "boenen")
    expect(page.get_by_label("Soort woord")).to_have_value("verb")
    expect(page.get_by_label("Lidwoord")).to_be_hidden()
    page.get_by_label("De zin zoals je hem hoorde").fill("Boen de trap met was.")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Toegevoegd: boenen")).to_be_visible()
    advice = page.get_by_role("region", name="Later aanvullen")
    expect(advice).to_contain_text("Nog geen vertaling in het Engels")
    expect(advice.get_by_role("link", name="Nu aanvullen")).to_have_attribute("href", re.compile(r"#term/\d+/bewerken"))

    # A noun whose head takes both articles: the teacher's "het" is taken; an unknown plural stays unknown.
    add_new_word(page, "kalkfilter", article="het")
    expect(page.get_by_label("Soort woord")).to_have_value("noun")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Toegevoegd: kalkfilter")).to_be_visible()
    expect(advice).to_contain_text("'filter' kan 'de' en 'het' zijn")
    expect(advice).to_contain_text("Het meervoud is nog onbekend")
    expect(page.locator("li.observation", has_text="het kalkfilter")).to_be_visible()
    advice.scroll_into_view_if_needed()
    screenshot("staff-visit-advice-360")

    # A word the list has: offered; ignoring the offer gets the server's reason under the field.
    add_new_word(page, "werkkast")
    offer = page.locator(".exists")
    expect(offer).to_contain_text("Dit woord staat al in de lijst")
    page.locator(".add-term").scroll_into_view_if_needed()
    screenshot("staff-visit-word-exists-360")
    assert serious(page) == []
    assert not overflows(page)
    page.get_by_role("button", name="Toevoegen").click()
    field_error = page.locator("#new-term-error")
    expect(field_error).to_contain_text("'de werkkast' staat al in de gedeelde lijst")
    expect(page.get_by_label("Wat hoorde je?")).to_have_attribute("aria-invalid", "true")
    offer.get_by_role("button", name="de werkkast · gedeeld").click()
    expect(page.locator(".picked")).to_contain_text("Gekozen: de werkkast")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Toegevoegd: werkkast")).to_be_visible()
    screenshot("staff-visit-words-360")

    visit_id = page.url.rsplit("/", 1)[-1]
    visit = api_as_page(page, url, "GET", f"/visits/{visit_id}").json()
    heard = {o["term"]["term"]: o["term"] for o in visit["observations"]}
    assert set(heard) == {"boenen", "kalkfilter", "werkkast"}
    assert (heard["boenen"]["pos"], heard["boenen"]["article"]) == ("verb", None)
    assert (heard["kalkfilter"]["article"], heard["kalkfilter"]["plural"]) == ("het", None)
    assert heard["werkkast"]["shared"] is True


def test_a_term_is_given_to_a_group_from_its_screen_and_taken_back(page, own_server, screenshot, errors):
    url = own_server.url
    staff_login(page, url, TEACHER)
    page.goto(url + "/#woorden/schoonmaak")
    page.get_by_label("Zoek een woord").fill("veiligheidsinformatieblad")
    card = page.locator(".term-item", has_text="het veiligheidsinformatieblad")
    # The wordlist says which of her participants' languages the term still lacks.
    expect(card.locator(".badge.missing")).to_contain_text("TI")
    expect(page.locator(".readers-note")).to_contain_text("Tigrinya")
    assert serious(page) == []
    card.locator(".term-card").click()
    expect(page.get_by_role("heading", name="het veiligheidsinformatieblad")).to_be_visible()
    expect(page.locator(".missing-summary")).to_contain_text("ontbreekt nog: Tigrinya")
    readers = "Nodig voor Dawit Berhane, Rahel Gebremedhin, Yonas Tesfay"
    expect(page.locator(".missing-translation")).to_contain_text(readers)

    panel = page.locator("section.assign")
    expect(panel).to_contain_text("Nog niemand van jouw deelnemers oefent dit woord.")
    page.get_by_label("Geef dit woord aan").select_option(label="Ochtendgroep schoonmaak (4)")
    panel.get_by_role("button", name="Toewijzen").click()
    expect(panel.get_by_role("status")).to_contain_text("Toegewezen")
    names = panel.locator(".person-name")
    expect(names).to_have_text(["Amina Yusuf", "Omar Haddad", "Rahel Gebremedhin", "Yonas Tesfay"])
    panel.get_by_role("button", name="Weghalen bij Omar Haddad").click()
    expect(panel.get_by_role("status")).to_contain_text("Omar Haddad oefent dit woord niet meer")
    expect(names).to_have_text(["Amina Yusuf", "Rahel Gebremedhin", "Yonas Tesfay"])
    # Giving it again to the group changes nothing for the others and brings Omar back.
    panel.get_by_role("button", name="Toewijzen").click()
    expect(names).to_have_count(4)
    # One participant of her other group, then everyone placed at a workplace.
    page.get_by_label("Geef dit woord aan").select_option(label="Olena Kovalenko")
    panel.get_by_role("button", name="Toewijzen").click()
    expect(names).to_have_text(["Amina Yusuf", "Olena Kovalenko", "Omar Haddad", "Rahel Gebremedhin", "Yonas Tesfay"])
    page.get_by_label("Geef dit woord aan").select_option(label="Distributiecentrum Noordpoort")
    panel.get_by_role("button", name="Toewijzen").click()
    expect(names).to_have_count(9)
    for name in ("Dawit Berhane", "Nour Al-Khatib", "Samira Osman", "Aziz Karimi"):
        expect(panel.locator(".person-name", has_text=name)).to_have_count(1)

    page.set_viewport_size(SMALL_PHONE)
    panel.scroll_into_view_if_needed()
    screenshot("staff-term-assign-360")
    page.locator(".missing-summary").scroll_into_view_if_needed()
    screenshot("staff-term-translations-360")
    assert not overflows(page)
    assert serious(page) == []

    # Amina's next session starts with it.
    phone = page.context.browser.new_context(viewport=SMALL_PHONE).new_page()
    phone.goto(f"{url}/login#code={demo_codes()[AMINA]}")
    expect(phone.get_by_role("heading", name="Hallo Amina Yusuf!")).to_be_visible()
    words = api_as_page(phone, url, "GET", "/me/terms?assigned=true").json()
    assert "veiligheidsinformatieblad" in [w["term"]["term"] for w in words]
    phone.context.close()


def test_the_preparation_list_is_short_grouped_and_fits_a_small_phone(page, own_server, screenshot, errors):
    url = own_server.url
    staff_login(page, url, TEACHER)
    page.set_viewport_size(SMALL_PHONE)
    page.goto(url + "/#werkplekken")
    page.locator("li.workplace", has_text="Schoonmaakbedrijf Glans").get_by_role("link", name="Voorbereiden").click()
    people = page.locator("details.prepare:not(.prepare-safety)")
    expect(people).to_have_count(4)
    screenshot("staff-prepare-360")
    height = page.evaluate("() => document.scrollingElement.scrollHeight")
    assert height < 1600, f"the preparation page is {height} px high"
    assert not overflows(page)
    # The safety words once, with who still lacks each, instead of once per person.
    safety = page.locator("details.prepare-safety")
    expect(safety).to_have_count(1)
    safety.locator("summary").click()
    first = safety.locator("li").first
    expect(first).to_contain_text(re.compile(r"nog niemand \(4\)|Amina|Omar|Rahel|Yonas"))
    for i in range(people.count()):
        people.nth(i).locator("summary").click()
    expect(people.first.get_by_role("heading", name="Gehoord, nog niet gekend")).to_be_visible()
    assert not overflows(page)
    screenshot("staff-prepare-open-360")
    assert serious(page) == []


def test_word_cards_fit_a_small_phone_and_an_a4_page(page, own_server, screenshot, errors):
    url = own_server.url
    staff_login(page, url, TEACHER)
    # A long compound on the wall: the case that ran past the margin.
    workplaces = api_as_page(page, url, "GET", "/workplaces").json()
    glans = next(w for w in workplaces if w["employer"] == "Schoonmaakbedrijf Glans")
    long_word = api_as_page(page, url, "GET", "/terms/search?q=veiligheidsinformatieblad").json()[0]
    visit = api_as_page(page, url, "POST", "/visits", data={"workplace_id": glans["id"], "date": "2026-01-05"}).json()
    added = api_as_page(page, url, "POST", f"/visits/{visit['id']}/observations", data={"term_id": long_word["id"]})
    assert added.ok, added.text()

    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{url}/#werkplek/{glans['id']}/kaarten")
    expect(page.locator("li.wordcard", has_text="het veiligheidsinformatieblad")).to_be_visible()
    assert not overflows(page)
    screenshot("staff-wordcards-360")
    assert serious(page) == []

    page.emulate_media(media="print")
    page.set_viewport_size({"width": A4_PRINTABLE_PX, "height": 1100})
    expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
    rights = page.locator("li.wordcard").evaluate_all("cards => cards.map(c => c.getBoundingClientRect().right)")
    assert max(rights) <= A4_PRINTABLE_PX, f"a card ends at {max(rights)} px on a {A4_PRINTABLE_PX} px wide page"
    assert not overflows(page)
    tops = page.locator("li.wordcard").evaluate_all(
        "cards => cards.map(c => Math.round(c.getBoundingClientRect().top))"
    )
    assert tops[:3] == [tops[0]] * 3, "three cards to a row"
    screenshot("staff-wordcards-print")


def test_a_teacher_sets_a_participants_new_words_a_day_and_a_refusal_shows_by_its_field(
    page, own_server, screenshot, errors
):
    url = own_server.url
    staff_login(page, url, TEACHER)
    page.set_viewport_size(SMALL_PHONE)
    row = page.locator("ul.people li", has_text="Amina Yusuf")
    row.get_by_role("button", name="Woorden per dag").click()
    form = row.get_by_role("form", name="Woorden per dag voor Amina Yusuf")
    expect(form.get_by_label("Nieuwe woorden per dag")).to_be_focused()
    form.get_by_label("Nieuwe woorden per dag").fill("12")
    form.get_by_label("Meer als ze willen, tot").fill("10")
    form.get_by_role("button", name="Opslaan").click()
    expect(form.locator(".field-error:not([hidden])")).to_contain_text("Minstens")
    screenshot("staff-daily-words-refused-360")
    assert not overflows(page)
    assert serious(page) == []

    form.get_by_label("Meer als ze willen, tot").fill("30")
    form.get_by_role("button", name="Opslaan").click()
    expect(form.get_by_role("status")).to_have_text("Opgeslagen.")
    participant_id = api_as_page(page, url, "GET", "/participants?page_size=100").json()
    [amina] = [p for p in participant_id if p["name"] == "Amina Yusuf"]
    assert (amina["profile"]["daily_new_limit"], amina["profile"]["daily_new_max"]) == (12, 30)
