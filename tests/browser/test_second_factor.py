"""Two-factor login on a phone: a coordinator who must set it up first (QR code, the key by hand, a first code, the
recovery codes shown once), then logs in with a code from the app or a recovery code; a teacher sets it up from the
staff home. Each screen fits 360 px and has no serious accessibility problems."""

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

from api.services import people
from api.services.demo import ORGANISATION, PASSWORD
from tests.browser.checks import overflows, serious
from vaktaal.roles import Role

pytestmark = pytest.mark.browser

SMALL_PHONE = {"width": 360, "height": 640}
EMAIL = "eva.de.vries@voorbeeld.nl"
EVA_PASSWORD = "een lang wachtwoord"


@pytest.fixture
def coordinator(own_server):
    """A coordinator who is not a demo account: the second factor is required for her."""
    with own_server.app.app_context():
        organisation = people.organisation_by_name(ORGANISATION)
        people.create_staff(organisation, Role.COORDINATOR, "Eva de Vries", EMAIL, EVA_PASSWORD)
    return EMAIL


def password_step(page, url, email, password):
    page.goto(url + "/")
    page.get_by_role("button", name="Log in met e-mail").click()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def set_up(page) -> tuple[str, list[str]]:
    """Press "Instellen", read the key as a person would type it, confirm with the app's code; the codes shown."""
    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("img", name="QR-code voor je app voor inlogcodes")).to_be_visible()
    secret = page.locator(".secret").inner_text().replace(" ", "")
    page.get_by_label("Typ de code van 6 cijfers die de app nu laat zien.").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
    page.get_by_label("Typ de code van 6 cijfers die de app nu laat zien.").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Je herstelcodes")).to_be_visible()
    codes = page.get_by_role("list", name="Herstelcodes").get_by_role("listitem").all_inner_texts()
    return secret, codes


def test_a_coordinator_sets_it_up_first_then_logs_in_with_a_code(page, own_server, coordinator, screenshot, errors):
    url = own_server.url
    page.set_viewport_size(SMALL_PHONE)
    password_step(page, url, coordinator, EVA_PASSWORD)
    expect(page.get_by_role("heading", name="Stel eerst je tweede stap in")).to_be_visible()
    # Another screen by its address still leads here: this login may do nothing else.
    for screen in ("werkplekken", "woorden"):
        page.goto(f"{url}/#{screen}")
        expect(page.get_by_role("heading", name="Stel eerst je tweede stap in")).to_be_visible()
    problems = {"required": serious(page)}
    screenshot("two-factor-required")

    page.get_by_role("button", name="Instellen").click()
    expect(page.get_by_role("img", name="QR-code voor je app voor inlogcodes")).to_be_visible()
    problems["setup"] = serious(page)
    assert not overflows(page)
    screenshot("two-factor-setup")
    page.goto(url + "/")  # as if the phone reloaded: a new secret, the first one is dropped
    secret, codes = set_up(page)
    assert len(codes) == 10 and all(re.fullmatch(r"[A-Z0-9]{5}-[A-Z0-9]{5}", code) for code in codes)
    problems["recovery codes"] = serious(page)
    assert not overflows(page)
    screenshot("two-factor-recovery-codes")
    page.get_by_role("button", name="Ik heb ze bewaard").click()
    expect(page.get_by_role("heading", name="Hallo Eva de Vries")).to_be_visible()
    expect(page.locator(".people li").first).to_be_visible()  # the API answers this login now

    # Next login: the password, then the code step.
    page.evaluate("localStorage.clear()")
    password_step(page, url, coordinator, EVA_PASSWORD)
    code = page.get_by_label("Code uit je app")
    expect(code).to_be_visible()
    assert code.get_attribute("inputmode") == "numeric"
    assert code.get_attribute("autocomplete") == "one-time-code"
    problems["code step"] = serious(page)
    screenshot("two-factor-code-step")
    code.fill("123456")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
    code.fill(pyotp.TOTP(secret).at(time.time() + 30))  # the next step: the one used to set it up is spent
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Hallo Eva de Vries")).to_be_visible()

    # Phone lost: a recovery code, once.
    page.evaluate("localStorage.clear()")
    password_step(page, url, coordinator, EVA_PASSWORD)
    page.get_by_role("button", name="Gebruik een herstelcode").click()
    page.get_by_label("Herstelcode").fill(codes[0])
    screenshot("two-factor-recovery-step")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Hallo Eva de Vries")).to_be_visible()
    page.goto(url + "/#tweestap")
    expect(page.get_by_text("Nog 9 herstelcodes over.")).to_be_visible()
    expect(page.get_by_text("Voor jouw account is dit verplicht.")).to_be_visible()
    expect(page.get_by_role("button", name="Tweestapsverificatie uitzetten")).to_have_count(0)
    assert not any(problems.values()), problems


def test_a_teacher_sets_it_up_from_the_staff_home_and_may_switch_it_off(page, own_server, screenshot, errors):
    url = own_server.url
    password_step(page, url, "docent@demo.vaktaal.nl", PASSWORD)
    expect(page.get_by_role("heading", name="Hallo Marieke Jansen")).to_be_visible()
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.get_by_text("Voor jouw account is dit niet verplicht, wel verstandig.")).to_be_visible()
    secret, _ = set_up(page)
    page.get_by_role("button", name="Ik heb ze bewaard").click()
    expect(page.get_by_role("heading", name="Hallo Marieke Jansen")).to_be_visible()
    page.get_by_role("link", name="Tweestapsverificatie").click()
    expect(page.get_by_text("Nog 10 herstelcodes over.")).to_be_visible()
    screenshot("two-factor-on")
    assert not serious(page)
    page.get_by_label("Code uit je app (of een herstelcode)").fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Tweestapsverificatie uitzetten").click()
    expect(page.get_by_role("button", name="Instellen")).to_be_visible()
