"""Logging in on a phone: by typed code, by QR link, and as staff."""

from playwright.sync_api import expect

from api.services.demo import PARTICIPANTS, PASSWORD, demo_codes

pytestmark = __import__("pytest").mark.browser


def test_participant_logs_in_by_code_and_sees_home(page, live_server, screenshot):
    page.goto(live_server + "/")
    expect(page.get_by_role("heading", name="Welkom bij Vaktaal")).to_be_visible()
    screenshot("login")
    code = demo_codes()[0]
    page.get_by_label("Jouw code").fill(f"{code[:4].lower()}-{code[4:]}")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name=f"Hallo {PARTICIPANTS[0][0]}!")).to_be_visible()
    expect(page.get_by_role("button", name="Oefenen")).to_be_visible()
    expect(page.get_by_text("Docent: Marieke Jansen")).to_be_visible()
    screenshot("participant-home")
    # Still logged in after a reload: the phone keeps the login.
    page.reload()
    expect(page.get_by_role("heading", name=f"Hallo {PARTICIPANTS[0][0]}!")).to_be_visible()


def test_wrong_code_shows_a_message(page, live_server):
    page.goto(live_server + "/")
    page.get_by_label("Jouw code").fill("AAAA-AAAA")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")


def test_qr_link_logs_in_and_hides_the_code(page, live_server):
    code = demo_codes()[4]
    page.goto(f"{live_server}/login#code={code}")
    expect(page.get_by_role("heading", name=f"Hallo {PARTICIPANTS[4][0]}!")).to_be_visible()
    assert code not in page.url


def test_teacher_logs_in_and_issues_a_code(page, live_server, screenshot):
    page.goto(live_server + "/")
    page.get_by_role("button", name="Log in met e-mail").click()
    page.get_by_label("E-mailadres").fill("docent@demo.vaktaal.nl")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Hallo Marieke Jansen")).to_be_visible()
    row = page.locator("li", has_text="Amina Yusuf")
    row.get_by_role("button", name="Nieuwe code").click()
    # The printed card stops working: the teacher is told so and confirms first.
    expect(row.get_by_text("De oude code en de geprinte QR-kaart werken dan niet meer.")).to_be_visible()
    row.get_by_role("button", name="Ja, nieuwe code maken").click()
    expect(row.get_by_role("img", name="QR-code om in te loggen voor Amina Yusuf")).to_be_visible()
    screenshot("teacher-home")
