"""Proposals on a phone: the content team sees every organisation's, with the organisation's name and not the
proposer's; an organisation's teachers see its own, by name (issue 12, "scope")."""

import re
import time

import pyotp
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from api.extensions import db
from api.models import Term, User, utcnow
from api.resources import resources
from api.services import people, proposals, second_factor
from api.services.demo import PASSWORD
from tests.browser.checks import serious, staff_login
from vaktaal.roles import Role

pytestmark = pytest.mark.browser

EDITOR_ELSEWHERE = "redactie@gemeente-noord.test"


@pytest.fixture
def proposed(own_server):
    """Marieke Jansen (Regio Demo) proposes a change to the shared "emmer"; Gemeente Noord has an editor."""
    with own_server.app.app_context():
        teacher = db.session.scalar(select(User).where(User.email == "docent@demo.vaktaal.nl"))
        emmer = db.session.scalar(select(Term).where(Term.organisation_id.is_(None), Term.term == "emmer"))
        proposals.propose_change(
            teacher,
            emmer,
            {"example": "Vul de emmer met warm water."},
            "Op de werkvloer gebruiken ze warm water.",
            checker=resources(own_server.app).checker,
            now=utcnow(),
        )
        noord = people.create_organisation("Gemeente Noord")
        people.create_staff(noord, Role.TEACHER, "Redacteur Noord", EDITOR_ELSEWHERE, PASSWORD)
        people.grant_right(EDITOR_ELSEWHERE, "editor")
        # Editors must log in with a second factor: this one has set it up.
        editor = db.session.scalar(select(User).where(User.email == EDITOR_ELSEWHERE))
        secret_key = own_server.app.config["SECRET_KEY"]
        secret = second_factor.start_enrolment(editor, secret_key=secret_key).secret
        second_factor.confirm_enrolment(editor, pyotp.TOTP(secret).now(), secret_key=secret_key, now=utcnow())
        db.session.remove()
    return own_server.url, secret


def open_proposals(page):
    page.get_by_role("main").get_by_role("link", name="Woordenlijsten").click()
    # The link's name grows a count ("Voorstellen 1") once the badge loads: match it with or without one.
    page.get_by_role("link", name=re.compile(r"^\W*Voorstellen(\s+\d+)?$")).click()
    expect(page.get_by_role("heading", name="Voorstellen")).to_be_visible()
    return page.locator(".proposal").filter(has_text="de emmer")


def test_an_editor_of_another_organisation_sees_where_a_proposal_comes_from_not_who(page, proposed, screenshot):
    url, secret = proposed
    staff_login(page, url, EDITOR_ELSEWHERE, totp=pyotp.TOTP(secret).at(time.time() + 30))
    proposal = open_proposals(page)
    expect(proposal).to_contain_text("Regio Demo")
    expect(proposal).to_contain_text("Op de werkvloer gebruiken ze warm water.")
    expect(proposal).not_to_contain_text("Marieke Jansen")
    expect(page.get_by_text("van alle organisaties")).to_be_visible()
    screenshot("proposals-editor-elsewhere")
    assert serious(Axe().run(page)) == []
    proposal.get_by_role("button", name="Overnemen").click()
    expect(proposal).to_contain_text("Overgenomen")


def test_a_teacher_sees_the_organisations_proposals_by_name(page, proposed, screenshot):
    staff_login(page, proposed[0], "docent@demo.vaktaal.nl")  # the proposer, not an editor
    proposal = open_proposals(page)
    expect(proposal).to_contain_text("Regio Demo · Marieke Jansen")
    expect(proposal).to_contain_text("Wacht op een redacteur.")
    expect(page.get_by_text("De open voorstellen van je organisatie.")).to_be_visible()
    screenshot("proposals-own-organisation")
