"""The audit on a phone: the coordinator's "Logboek" (reached from the staff home, filtered by participant) and a
participant's "Wie keek naar mijn gegevens?" (reached from the settings), each at 360 px, without serious
accessibility problems, and saying what happened in words."""

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from api.extensions import db
from api.models import User, utcnow
from api.services.logins import issue_token
from tests.browser.checks import overflows, serious
from tests.browser.test_staff import SMALL_PHONE

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@demo.vaktaal.nl"
TEACHER = "docent@demo.vaktaal.nl"


def token_for(app, **where) -> tuple[str, int]:
    """A device session made on the server, as a login (whatever its steps) would leave one; and the user's id."""
    with app.app_context():
        user = db.session.scalar(select(User).filter_by(**where))
        token, _ = issue_token(user, now=utcnow())
        db.session.commit()
        return token, user.id


def open_as(page, url, token):
    page.goto(url + "/")
    page.evaluate("token => localStorage.setItem('vaktaal.token', token)", token)
    page.goto(url + "/")
    expect(page.get_by_role("heading", name=re.compile(r"^Hallo"))).to_be_visible()


def teacher_looks_at(page, server, participant_id, times):
    token, _ = token_for(server.app, email=TEACHER)
    for _ in range(times):
        response = page.request.get(
            f"{server.url}/api/participants/{participant_id}/terms", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.ok


def test_the_coordinator_reads_who_looked_at_what_and_filters_by_participant(page, own_server, screenshot):
    page.set_viewport_size(SMALL_PHONE)
    _, amina = token_for(own_server.app, name="Amina Yusuf")
    _, dawit = token_for(own_server.app, name="Dawit Berhane")
    teacher_looks_at(page, own_server, amina, 2)
    teacher_looks_at(page, own_server, dawit, 1)
    token, _ = token_for(own_server.app, email=COORDINATOR)
    open_as(page, own_server.url, token)

    page.get_by_role("link", name="Logboek: wie bekeek wat").click()
    expect(page.get_by_role("heading", name="Logboek: wie bekeek wat")).to_be_visible()
    entries = page.locator(".audit-entry")
    expect(entries.filter(has_text="Dawit Berhane")).to_have_count(1)
    expect(entries.filter(has_text="Amina Yusuf")).to_have_count(2)
    expect(entries.filter(has_text="Marieke Jansen (docent)").first).to_contain_text("bekeek · woorden")

    page.get_by_label("Deelnemer").select_option(label="Amina Yusuf")
    page.get_by_role("button", name="Zoeken").click()
    expect(entries.filter(has_text="Dawit Berhane")).to_have_count(0)
    expect(entries).to_have_count(2)
    expect(page.get_by_role("status").filter(has_text="regels")).to_have_text("2 regels")
    assert not overflows(page)
    assert serious(page) == []
    screenshot("audit-coordinator")


def test_a_participant_sees_which_staff_looked_at_their_words(page, own_server, screenshot):
    page.set_viewport_size(SMALL_PHONE)
    token, amina = token_for(own_server.app, name="Amina Yusuf")
    teacher_looks_at(page, own_server, amina, 3)
    open_as(page, own_server.url, token)

    page.goto(own_server.url + "/#instellingen")
    page.get_by_role("link", name="Wie keek naar mijn gegevens?").click()
    expect(page.get_by_role("heading", name="Wie keek naar mijn gegevens?")).to_be_visible()
    line = page.locator(".audit-line")
    expect(line).to_have_count(1)
    expect(line).to_contain_text("Je docent Marieke keek naar je woorden")
    expect(line).to_contain_text("3 keer deze week")
    expect(page.locator(".my-audit")).not_to_contain_text("Jansen")
    assert not overflows(page)
    assert serious(page) == []
    screenshot("audit-participant")
