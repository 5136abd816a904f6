"""Steps and checks the browser tests share: logging in as staff, serious accessibility problems (axe), sideways
scrolling."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from api.services.demo import PASSWORD


def serious(page_or_results) -> list[str]:
    """The serious and critical axe violations of a page (or of axe results already run), one line each."""
    results = page_or_results if hasattr(page_or_results, "response") else Axe().run(page_or_results)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def overflows(page) -> bool:
    """Whether the page scrolls sideways (something wider than the phone)."""
    return page.evaluate("() => document.scrollingElement.scrollWidth > window.innerWidth")


def staff_login(page, url, email, password=PASSWORD, totp=None):
    """Log in by e-mail and password (and with ``totp``, a code from the app, when the account has a second factor);
    the staff home is shown."""
    page.goto(url + "/")
    page.get_by_role("button", name="Log in met e-mail").click()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    if totp is not None:
        page.get_by_label("Code uit je app").fill(totp)
        page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Hallo"))).to_be_visible()
