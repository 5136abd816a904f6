"""The coordinator arranges the programme in the browser: a group with a teacher, a participant joining and leaving
on dates, a new workplace, a placement that moves a participant to it (the old one kept), a coach's caseload. Field
errors show next to their fields; every screen passes an axe scan on a phone and a laptop, without sideways
scrolling."""

import re

from playwright.sync_api import expect

from tests.browser.checks import overflows, serious, staff_login

PASSWORD = "vaktaal-demo"
COORDINATOR = "coordinator@demo.vaktaal.nl"
TEACHER = "docent@demo.vaktaal.nl"
LAPTOP = {"width": 1280, "height": 900}


def field_error(page, label: str, scope=None):
    """The error line under the field with this label."""
    field = (scope or page).get_by_label(label, exact=True)
    return page.locator("#" + field.get_attribute("id") + "-error")


def look(page, screenshot, problems, name):
    """An axe scan and screenshots of the screen on a phone (360 px) and a laptop."""
    problems[name] = serious(page)
    assert not overflows(page), name
    assert "null" not in page.locator("#app").inner_text(), name
    screenshot(f"programme-{name}-360")
    page.set_viewport_size(LAPTOP)
    problems[f"{name} (laptop)"] = serious(page)
    screenshot(f"programme-{name}-1280")
    page.set_viewport_size({"width": 360, "height": 780})


def test_a_coordinator_arranges_groups_workplaces_placements_and_caseloads(page, own_server, screenshot, errors):
    url = own_server.url
    problems = {}
    page.set_viewport_size({"width": 360, "height": 780})
    staff_login(page, url, COORDINATOR)

    # Groups: the list, searching it, a new group with a field error first.
    page.get_by_role("link", name="Groepen").click()
    expect(page.get_by_role("heading", name="Groepen")).to_be_visible()
    expect(page.locator(".programme-list .programme-row")).to_have_count(2)
    page.get_by_label("Zoek een groep").fill("ochtend")
    expect(page.locator(".programme-list .programme-row")).to_have_count(1)
    expect(page.locator(".programme-list .programme-row")).to_contain_text("4 deelnemers")
    page.get_by_role("button", name="Groep maken").click()
    expect(field_error(page, "Naam van de groep")).to_contain_text("Geef de groep een naam")
    look(page, screenshot, problems, "groups")
    page.get_by_label("Naam van de groep").fill("Groep Maandag")
    page.get_by_label("Begindatum").fill("2026-09-07")
    page.get_by_label("Marieke Jansen").check()
    page.get_by_role("button", name="Groep maken").click()
    expect(page.get_by_role("heading", name="Groep Maandag")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Groep Maandag is gemaakt")
    expect(page.locator("p.muted", has_text="vanaf 7 september 2026")).to_contain_text("Marieke Jansen")

    # A participant joins today; leaving before the day they joined is refused next to the field.
    page.get_by_label("Deelnemer", exact=True).select_option(label="Omar Haddad")
    page.get_by_role("button", name="Toevoegen").click()
    row = page.locator(".programme-row", has_text="Omar Haddad")
    expect(row).to_contain_text("In de groep vanaf")
    row.get_by_text("Uitschrijven").click()
    row.get_by_label("Laatste dag van Omar Haddad").fill("2020-01-01")
    row.get_by_role("button", name="Uit de groep").click()
    expect(field_error(page, "Laatste dag van Omar Haddad", row)).to_contain_text("Kies een dag op of na")
    look(page, screenshot, problems, "group")

    # Omar moves to a new workplace: the workplace first, with a field error.
    page.goto(url + "/#werkplekken")
    page.get_by_role("link", name="Werkplek toevoegen").click()
    expect(page.get_by_role("heading", name="Nieuwe werkplek")).to_be_visible()
    page.get_by_label("Werkgever").fill("Hotel De Linde")
    page.get_by_role("button", name="Werkplek toevoegen").click()
    expect(field_error(page, "Sector")).to_contain_text("Kies een sector uit de lijst")
    look(page, screenshot, problems, "workplace-form")
    page.get_by_label("Sector").select_option("schoonmaak")
    page.get_by_label("Contactpersoon op de werkvloer").fill("Fatima Bouzid")
    page.get_by_role("button", name="Werkplek toevoegen").click()
    expect(page.get_by_role("heading", name="Werkplekken")).to_be_visible()
    expect(page.locator(".workplace", has_text="Hotel De Linde")).to_contain_text("Contactpersoon: Fatima Bouzid")

    page.goto(url + "/#groepen")
    page.get_by_role("link", name=re.compile("Groep Maandag")).click()
    page.locator(".programme-row", has_text="Omar Haddad").get_by_role("link", name="Werkplek").click()
    expect(page.get_by_role("heading", name="Werkplek van Omar Haddad")).to_be_visible()
    expect(page.locator(".programme-row")).to_have_count(1)
    page.get_by_label("Werkplek", exact=True).select_option(label="Hotel De Linde")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De plaatsing is opgeslagen")
    rows = page.locator(".programme-row")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Hotel De Linde")
    expect(rows.nth(1)).to_contain_text("Schoonmaakbedrijf Glans")
    expect(rows.nth(1)).to_contain_text("tot en met")
    look(page, screenshot, problems, "placements")

    # Caseloads: Karim Benali follows Omar from today.
    page.goto(url + "/")
    page.get_by_role("link", name="Jobcoaches").click()
    page.get_by_role("link", name=re.compile("Karim Benali")).click()
    expect(page.get_by_role("heading", name="Caseload van Karim Benali")).to_be_visible()
    expect(page.locator(".programme-list .programme-row")).to_have_count(6)
    page.get_by_role("button", name="Toevoegen").click()
    expect(field_error(page, "Deelnemer")).to_contain_text("Kies een deelnemer")
    page.get_by_label("Deelnemer", exact=True).select_option(label="Omar Haddad")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator(".programme-list .programme-row")).to_have_count(7)
    page.get_by_label("Zoek een deelnemer").fill("omar")
    expect(page.locator(".programme-list .programme-row")).to_have_count(1)
    expect(page.locator(".programme-list .programme-row")).to_contain_text("Volgt vanaf")
    look(page, screenshot, problems, "caseload")

    assert not {name: found for name, found in problems.items() if found}


def test_a_teacher_reads_her_groups_but_does_not_manage_them(page, own_server, screenshot, errors):
    staff_login(page, own_server.url, TEACHER)
    page.get_by_role("link", name="Groepen").click()
    expect(page.locator(".programme-list .programme-row")).to_have_count(2)
    page.get_by_role("link", name=re.compile("Ochtendgroep")).click()
    expect(page.locator(".programme-list .programme-row")).to_have_count(4)
    expect(page.get_by_role("button", name="Toevoegen")).to_have_count(0)
    expect(page.get_by_text("Uitschrijven")).to_have_count(0)
    assert not serious(page)
    screenshot("programme-group-teacher-360")
