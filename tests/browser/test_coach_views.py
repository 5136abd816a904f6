"""Progress for staff in the browser (issue 16): a coach on the work floor, at phone size, goes from the caseload
(flags first, with their reasons) to a participant, finds the words that keep failing and plays one; the report page
shows a "< 5" cell and downloads the same report as CSV; the employer summary refuses without consent and shows with
it. A coordinator sets a flag's threshold on the organisation screen. Every new screen passes an axe scan and does
not scroll sideways at 360 px with the largest text."""

import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from api.extensions import db
from api.models import Card, PracticeDay, Sector, Term, User, utcnow
from tests.browser.checks import overflows, serious, staff_login
from tests.browser.test_staff import SMALL_PHONE, api_as_page
from vaktaal.exercises import Skill

pytestmark = pytest.mark.browser

COACH = "coach@demo.vaktaal.nl"
COORDINATOR = "coordinator@demo.vaktaal.nl"
LAPTOP = {"width": 1280, "height": 800}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SHOTS = Path("/tmp/shots16")
KNOWN_WORD: dict[int, str] = {}  # the word of her workplace each test's participant knows


def shots(page, name):
    """Screenshots of the screen as a person scrolls through it (at most four screens)."""
    ARTIFACTS.mkdir(exist_ok=True)
    height = page.viewport_size["height"]
    total = page.evaluate("document.scrollingElement.scrollHeight")
    for i in range(min(4, -(-total // height))):
        page.evaluate(f"window.scrollTo(0, {i * height})")
        page.wait_for_timeout(50)
        page.screenshot(path=str(ARTIFACTS / f"coach-{name}-{i + 1}.png"))
    page.evaluate("window.scrollTo(0, 0)")


def look(page, problems, name):
    """An axe scan and screenshots at the current size; then at 360 px with the largest text: an axe scan, no
    sideways scrolling, screenshots; then back to the size and text before."""
    size = page.viewport_size
    shots(page, f"{name}-{size['width']}")
    problems[f"{name} ({size['width']})"] = serious(page)
    page.set_viewport_size(SMALL_PHONE)
    page.evaluate("document.documentElement.classList.add('text-larger')")
    page.wait_for_timeout(300)
    problems[f"{name} (360, largest text)"] = serious(page)
    # On a phone a page wider than the screen also widens the layout viewport: check against the screen as well.
    assert not overflows(page), name
    widest = page.evaluate("Math.max(window.innerWidth, document.scrollingElement.scrollWidth)")
    assert widest <= SMALL_PHONE["width"], (name, widest)
    shots(page, f"{name}-360")
    page.evaluate("document.documentElement.classList.remove('text-larger')")
    page.set_viewport_size(size)
    page.wait_for_timeout(150)


def refused_by_policy(page) -> list[str]:
    """Console errors of the content security policy (a style attribute, an inline script), collected as they come."""
    found = []
    page.on("console", lambda m: found.append(m.text) if m.type == "error" and "Content Security" in m.text else None)
    return found


def keep_shots():
    """Copy this test's screenshots where a person looks at them."""
    SHOTS.mkdir(exist_ok=True)
    for path in ARTIFACTS.glob("coach-*.png"):
        shutil.copy(path, SHOTS / path.name)


def amina_keeps_failing(app) -> tuple[int, list[int]]:
    """Amina (the coach's caseload) with three cards that lapsed twice (the failing rule), one word of her
    workplace's sector known, and one day of practice yesterday; her id and the failing terms' ids."""
    with app.app_context():
        amina = db.session.scalar(select(User).where(User.name == "Amina Yusuf"))
        sectors = [s.id for s in amina.profile.sectors]
        terms = db.session.scalars(
            select(Term.id).where(Term.sector_id.in_(sectors), Term.retired.is_(False)).order_by(Term.id).limit(3)
        ).all()
        now = utcnow()
        db.session.add_all(
            Card(participant_id=amina.id, term_id=t, skill=Skill.READING, due=now, reps=5, stability=0.4, lapses=2)
            for t in terms
        )
        known = db.session.scalar(
            select(Term)
            .join(Sector, Sector.id == Term.sector_id)
            .where(Sector.slug == "schoonmaak", Term.id.not_in(terms), Term.retired.is_(False))
            .order_by(Term.id)
            .limit(1)
        )
        db.session.add(
            Card(participant_id=amina.id, term_id=known.id, skill=Skill.READING, due=now, reps=4, stability=30.0)
        )
        KNOWN_WORD[amina.id] = f"{known.article} {known.term}" if known.article else known.term
        db.session.add(
            PracticeDay(
                participant_id=amina.id, day=now.date() - timedelta(days=1), answers=6, correct=3, known_change=1
            )
        )
        db.session.commit()
        found = (amina.id, list(terms))
        db.engine.dispose()
    return found


def test_a_coach_goes_from_the_caseload_to_a_failing_word_and_plays_it(page, own_server, errors):
    url = own_server.url
    amina, failing = amina_keeps_failing(own_server.app)
    problems = {}
    policy = refused_by_policy(page)
    staff_login(page, url, COACH)

    # The staff tab: the caseload, flags first with their reasons.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Voortgang").click()
    expect(page.get_by_role("heading", name="Voortgang")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="6 deelnemers")).to_be_visible()
    first = page.locator("table.caseload tbody tr").first
    expect(first.get_by_role("link", name="Amina Yusuf")).to_be_visible()
    expect(first).to_contain_text("Woorden lukken niet")
    expect(first).to_contain_text("3 woorden lukken steeds niet")
    expect(first).to_contain_text("gisteren")
    look(page, problems, "caseload")

    # Filtering by a flag keeps only those who raise it.
    page.get_by_text("Filters en sorteren").click()
    page.get_by_label("Aandachtspunt").select_option("failing_terms")
    expect(page.get_by_role("status").filter(has_text="1 deelnemer")).to_be_visible()
    expect(page.locator("table.caseload tbody tr")).to_have_count(1)
    page.get_by_label("Aandachtspunt").select_option("")
    expect(page.get_by_role("status").filter(has_text="6 deelnemers")).to_be_visible()

    # The participant: the failing words with their sound, the chart, the levels, the visits.
    first.get_by_role("link", name="Amina Yusuf").click()
    expect(page.get_by_role("heading", name="Amina Yusuf")).to_be_visible()
    words = page.locator("ul.failing li")
    expect(words).to_have_count(3)
    progress = api_as_page(page, url, "GET", f"/participants/{amina}/progress").json()
    assert sorted(t["id"] for t in progress["failing"]) == sorted(failing)
    audio_url = progress["failing"][0]["audio_url"]
    with page.expect_request(lambda r: audio_url in r.url) as played:
        words.first.get_by_role("button", name=re.compile("^Luister")).click()
    assert played.value.url.endswith(audio_url)
    assert page.evaluate("document.getElementById('player').getAttribute('src')") == audio_url
    expect(page.get_by_role("heading", name="Niveaus en doelen")).to_be_visible()
    # The vocabulary chart (uPlot, loaded on demand) and the same figures as a table: this week 1 known.
    expect(page.locator(".vocab-box canvas")).to_have_count(1)
    expect(page.locator(".big-figures")).to_contain_text("1 bekend")
    expect(page.get_by_role("link", name="Alle niveaus")).to_have_attribute("href", f"#niveaus/{amina}")
    # A coach does not assign words (teachers and coordinators do).
    expect(page.get_by_role("heading", name="Woord toewijzen")).to_have_count(0)
    look(page, problems, "participant")

    # The employer summary: without consent the server's reason, calmly; with it, the page to print.
    page.get_by_role("link", name="Voor de werkgever").click()
    note = page.locator(".calm-note")
    expect(note).to_be_visible()
    refused = api_as_page(page, url, "GET", f"/participants/{amina}/employer-summary")
    assert refused.status == 403
    expect(note).to_contain_text(refused.json()["message"])
    look(page, problems, "employer-refused")
    given = api_as_page(
        page,
        url,
        "POST",
        f"/participants/{amina}/consents",
        data={"purpose": "employer-summary", "given": True, "source": "paper"},
    )
    assert given.status in (200, 201), given.text()
    page.reload()
    summary = page.locator("article.employer-summary")
    expect(summary).to_contain_text("Stand op")
    expect(summary).to_contain_text("Schoonmaakbedrijf Glans")
    expect(summary.locator("ul.employer-words li")).to_have_text([KNOWN_WORD[amina]])
    expect(summary).to_contain_text("1 woord bekend")
    expect(summary).not_to_contain_text("lukken")
    look(page, problems, "employer-summary")
    # On paper: the summary alone, without the app's bars and buttons.
    page.emulate_media(media="print")
    expect(page.locator("#tabbar")).to_be_hidden()
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
    expect(summary).to_be_visible()
    page.pdf(path=str(ARTIFACTS / "coach-employer-summary.pdf"), format="A4")
    page.emulate_media(media="screen")

    # The report of the caseload: one participant practised, so that cell says "< 5"; the CSV says the same.
    page.goto(url + "/#rapport")
    expect(page.get_by_role("heading", name="Rapportage")).to_be_visible()
    table = page.locator("table.report-table").first
    expect(table).to_contain_text("< 5")
    expect(page.locator(".small-cells")).to_contain_text("minder dan 5 deelnemers")
    report = api_as_page(page, url, "GET", "/reports").json()
    suppressed = [c["label"] for c in report["cells"] if c["value"] is None]
    assert suppressed
    expect(table.locator("tr.suppressed").first).to_contain_text(suppressed[0])
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    csv = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert download.value.suggested_filename.endswith(".csv")
    assert "< 5" in csv and suppressed[0] in csv
    look(page, problems, "report")
    # On paper for a meeting: the figures and the line about small cells, without filters, buttons or bars.
    page.emulate_media(media="print")
    expect(page.locator(".report-filters")).to_be_hidden()
    expect(page.get_by_role("button", name="Download CSV")).to_be_hidden()
    expect(page.locator("#tabbar")).to_be_hidden()
    expect(table).to_be_visible()
    expect(page.locator(".small-cells")).to_be_visible()
    page.emulate_media(media="screen")

    keep_shots()
    assert all(not found for found in problems.values()), problems
    assert not policy


def test_on_a_laptop_the_caseload_is_a_table_and_a_coordinator_sets_a_threshold(page, own_server, errors):
    url = own_server.url
    amina_keeps_failing(own_server.app)
    problems = {}
    policy = refused_by_policy(page)
    page.set_viewport_size(LAPTOP)
    staff_login(page, url, COORDINATOR)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Voortgang").click()
    expect(page.get_by_role("columnheader", name="Aandacht")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="12 deelnemers")).to_be_visible()
    expect(page.locator("table.caseload tbody tr").first).to_contain_text("Amina Yusuf")
    look(page, problems, "caseload-laptop")

    # Raising the failing threshold to 4 takes Amina's flag away; emptying it brings back the default (3).
    page.goto(url + "/#organisatie")
    field = page.get_by_label("Woorden lukken niet: vanaf zoveel woorden")
    expect(field).to_have_attribute("placeholder", "3")
    field.fill("4")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen.")).to_be_visible()
    assert api_as_page(page, url, "GET", "/organisation").json()["failing_terms"] == 4
    flagged = api_as_page(page, url, "GET", "/caseload?flag=failing_terms").json()
    assert flagged == []
    look(page, problems, "organisation")
    field.fill("")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Opgeslagen.")).to_be_visible()
    assert api_as_page(page, url, "GET", "/organisation").json()["failing_terms"] is None
    assert len(api_as_page(page, url, "GET", "/caseload?flag=failing_terms").json()) == 1

    # A coordinator assigns a word from the participant's page.
    page.goto(url + "/#voortgang")
    page.get_by_role("link", name="Amina Yusuf").click()
    page.get_by_label("Zoek een woord").fill("dweil")
    page.locator(".assign-results li").first.get_by_role("button", name=re.compile("toewijzen$")).click()
    expect(page.locator(".assign-status")).to_contain_text("is toegewezen aan Amina Yusuf")
    amina = page.url.rsplit("/", 1)[1]
    assigned = api_as_page(page, url, "GET", f"/participants/{amina}/terms").json()
    assert any("dweil" in t["term"]["term"] for t in assigned), assigned
    look(page, problems, "participant-laptop")

    keep_shots()
    assert all(not found for found in problems.values()), problems
    assert not policy


def test_a_teacher_reports_on_one_of_her_groups_and_assigns_a_failing_word_again(page, own_server, errors):
    url = own_server.url
    amina, failing = amina_keeps_failing(own_server.app)
    problems = {}
    staff_login(page, url, "docent@demo.vaktaal.nl")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Voortgang").click()
    page.get_by_role("link", name="Rapportage").click()
    expect(page.get_by_label("Over")).to_have_value("caseload")
    expect(page.locator(".report-card h2")).to_be_visible()
    page.get_by_label("Over").select_option("group")
    expect(page.get_by_label("Welke")).to_be_visible()
    group = page.get_by_label("Welke").locator("option").first.text_content()
    expect(page.locator(".report-card h2")).to_have_text(re.compile(re.escape(group)))
    look(page, problems, "report-teacher")

    # From the participant's page the teacher gives a failing word as work to practise first.
    page.goto(url + f"/#voortgang/{amina}")
    term = api_as_page(page, url, "GET", f"/terms/{failing[0]}").json()
    page.get_by_label("Zoek een woord").fill(term["term"])
    line = page.locator(".assign-results li").filter(has_text=term["term"]).first
    line.get_by_role("button", name=re.compile("toewijzen$")).click()
    expect(page.locator(".assign-status")).to_contain_text("is toegewezen aan Amina Yusuf")
    assigned = api_as_page(page, url, "GET", f"/participants/{amina}/terms").json()
    assert failing[0] in [t["term"]["id"] for t in assigned]
    keep_shots()
    assert all(not found for found in problems.values()), problems
