"""Deelnemers: the coordinator adds a participant (a BSN as the reference is refused next to the field), edits the
status with its explanation, and re-issues one login card after the warning; a teacher adds one to their own group
and sees the status without changing it. Axe scans and screenshots at 360 and 1280 px."""

import re

from playwright.sync_api import expect

from tests.browser.checks import overflows, serious, staff_login
from tests.browser.test_bulk_start import LAPTOP

COORDINATOR = "coordinator@demo.vaktaal.nl"
TEACHER = "docent@demo.vaktaal.nl"


def test_the_coordinator_adds_edits_and_reissues_a_card(page, own_server, screenshot):
    url = own_server.url
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    problems = {}
    staff_login(page, url, COORDINATOR)
    page.get_by_role("link", name="Toevoegen en wijzigen").click()
    expect(page.get_by_role("heading", name="Deelnemers", exact=True)).to_be_visible()
    rows = page.locator("#people-list .staff-row")
    expect(rows.first).to_be_visible()
    total = rows.count()
    assert total > 1
    name = rows.first.locator(".staff-name").inner_text()
    page.get_by_label("Zoek op naam").fill(name[:5].upper())
    # the server searches (after a short pause in typing): fewer rows, the name among them
    page.wait_for_function("n => document.querySelectorAll('#people-list .staff-row').length < n", arg=total)
    expect(rows.filter(has_text=name)).to_have_count(1)
    problems["list"] = serious(page)
    assert not overflows(page)
    screenshot("participant-admin-list-360")

    page.get_by_role("link", name="Deelnemer toevoegen").click()
    page.get_by_label("Naam", exact=True).fill("Amal Yusuf")
    page.get_by_label("Klantnummer (mag leeg)").fill("111222333")
    page.get_by_label("Groep").select_option(label="Ochtendgroep schoonmaak")
    page.get_by_label("Arabisch").check()
    page.get_by_label("Schoonmaak").check()
    page.get_by_role("button", name="Toevoegen").click()
    ref_error = page.locator(".field-error", has_text="Dit lijkt een BSN")
    expect(ref_error).to_be_visible()
    assert page.get_by_label("Klantnummer (mag leeg)").get_attribute("aria-invalid") == "true"
    problems["form with error"] = serious(page)
    assert not overflows(page)
    screenshot("participant-admin-new-bsn-360")

    page.get_by_label("Klantnummer (mag leeg)").fill("KN-0077")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("heading", name="Amal Yusuf")).to_be_visible()
    expect(page.get_by_text("Amal Yusuf is toegevoegd.")).to_be_visible()
    assert page.get_by_label("Klantnummer (mag leeg)").input_value() == "KN-0077"
    assert page.get_by_label("Arabisch").is_checked()

    # The status: each choice says what it means; finished asks for an end day.
    expect(page.get_by_text("Nog 6 maanden nazorg")).to_be_visible()
    expect(page.get_by_label("Einddatum")).to_be_hidden()
    page.get_by_label(re.compile("^Afgerond")).check()
    expect(page.get_by_label("Einddatum")).to_be_visible()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen.")).to_be_visible()
    page.set_viewport_size(LAPTOP)
    problems["edit"] = serious(page)
    screenshot("participant-admin-edit-1280")
    page.set_viewport_size({"width": 360, "height": 740})
    screenshot("participant-admin-edit-360")

    # A new login card: the warning first, then only that card.
    page.get_by_role("button", name="Nieuwe inlogkaart").click()
    expect(page.get_by_text("De oude kaart werkt dan niet meer.")).to_be_visible()
    problems["warning"] = serious(page)
    screenshot("participant-admin-card-warning-360")
    page.get_by_role("button", name="Ja, nieuwe kaart maken").click()
    expect(page.get_by_role("heading", name="Inlogkaart", exact=True)).to_be_visible()
    cards = page.locator(".login-card")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Amal Yusuf")
    expect(cards.locator(".login-card-support")).to_have_attribute("dir", "rtl")
    problems["card"] = serious(page)
    assert not overflows(page)
    screenshot("participant-admin-card-360")

    page.get_by_role("link", name="Amal Yusuf").click()
    page.get_by_role("link", name="Deelnemers").click()
    expect(page.locator(".staff-row", has_text="Amal Yusuf")).to_contain_text("Afgerond")
    expect(page.locator(".staff-row", has_text="Amal Yusuf")).to_contain_text("KN-0077")
    assert not [found for found in problems.values() if found], problems
    assert not errors


def test_a_teacher_adds_a_participant_to_their_own_group(page, own_server, screenshot):
    url = own_server.url
    staff_login(page, url, TEACHER)
    page.goto(url + "/#deelnemers/nieuw")
    expect(page.get_by_role("heading", name="Deelnemer toevoegen")).to_be_visible()
    groups = page.get_by_label("Groep").locator("option").all_inner_texts()
    assert "Ochtendgroep schoonmaak" in groups and "Nog geen groep" not in groups
    page.get_by_label("Naam", exact=True).fill("Yonas Tesfaye")
    page.get_by_label("Tigrinya").check()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("heading", name="Yonas Tesfaye")).to_be_visible()
    # Only a coordinator changes the status: the teacher reads it.
    expect(page.get_by_role("radio")).to_have_count(0)
    expect(page.get_by_text("Status: Actief")).to_be_visible()
    assert not serious(page)
    screenshot("participant-admin-teacher-360")


def test_a_teacher_sees_a_former_member_read_only(page, own_server, screenshot):
    """A participant who left the teacher's group yesterday: on the home list and on their page the note says so,
    and nothing that would change them (a new code, words per day, the form, a new card) is offered."""
    from datetime import date, timedelta

    from sqlalchemy import select, update

    from api import access
    from api.extensions import db
    from api.models import Group, User, group_participants, group_teachers

    with own_server.app.app_context():
        teacher = db.session.scalar(select(User).where(User.email == TEACHER))
        groups = select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == teacher.id)
        group_id = db.session.scalar(groups.join(Group, Group.id == group_teachers.c.group_id).order_by(Group.name))
        stint = db.session.execute(
            select(group_participants.c.participant_id, User.name)
            .join(User, User.id == group_participants.c.participant_id)
            .where(group_participants.c.group_id == group_id, group_participants.c.left_on.is_(None))
            .order_by(User.name)
        ).first()
        db.session.execute(
            update(group_participants)
            .where(group_participants.c.group_id == group_id, group_participants.c.participant_id == stint[0])
            .values(left_on=date.today() - timedelta(days=1))
        )
        db.session.commit()
        former_id, name = stint
        still_in = db.session.scalar(
            select(User.id).where(User.id.in_(access.visible_participant_ids(teacher, current=True)))
        )
    assert still_in is not None  # the teacher keeps other members, whose rows still offer a new code

    url = own_server.url
    staff_login(page, url, TEACHER)
    row = page.locator("li", has=page.locator(".person-name", has_text=name))
    expect(row.locator(".read-only-note")).to_have_text("Niet meer in je groep: alleen kijken.")
    expect(row.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("button", name="Nieuwe code").first).to_be_visible()
    screenshot("participant-former-home-360")

    page.goto(f"{url}/#deelnemers/{former_id}")
    expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.get_by_text("Niet meer in je groep: alleen kijken.")).to_be_visible()
    expect(page.get_by_role("button", name="Opslaan")).to_have_count(0)
    expect(page.get_by_role("button", name="Nieuwe inlogkaart")).to_have_count(0)
    assert not serious(page)
    assert not overflows(page)
    screenshot("participant-former-page-360")
    page.goto(f"{url}/#deelnemers")
    expect(page.locator(".staff-row", has_text=name).locator(".read-only-note")).to_be_visible()
