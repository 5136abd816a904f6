"""Terms a teacher adds after a visit have only their Dutch and their sound: every exercise type is built for them and
shows something real on the phone (no empty word, no blank buttons), in Tigrinya support without English."""

from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from sqlalchemy import select

from api.extensions import db
from api.models import Sector, Term, Workplace, utcnow
from api.services.cards import create_cards
from tests.browser import practice_data
from tests.browser.practising import current, expect_all_sent, log_in, practise_until_summary
from vaktaal.exercises import GENERAL_SECTOR, skills_for

pytestmark = pytest.mark.browser

LEARNER = "Yonas Tesfay"  # reads Tigrinya only; works at the cleaning company
SMALL_PHONE = {"width": 360, "height": 640}
PHONE = {"width": 390, "height": 844}
EVERY_TYPE = {"listening", "reading", "writing", "speaking", "conversation"}
# Heard on the floor, typed in as they are: no picture, no translation, no sentence around them.
HEARD = [
    {"term": "zeepdispenser", "pos": "noun", "article": "de"},
    {"term": "navullen", "pos": "verb"},
    {"term": "De zeep is op.", "pos": "phrase"},
]

# Every option of the exercise on screen shows something: a picture, a word, or a numbered speaker.
BLANK_OPTIONS = """() => [...document.querySelectorAll('button.option')]
    .filter((b) => !b.innerText.trim())
    .map((b) => b.outerHTML)"""
# What the prompt shows: the word to read, a situation, a picture, or a big speaker to hear it.
PROMPT_SHOWS = """() => {
    const prompt = document.querySelector('.ex-prompt');
    const shown = prompt.querySelector('.ex-word, .ex-situation, .ex-emoji, .ex-meaning');
    return Boolean((shown && shown.innerText.trim()) || prompt.querySelector('button.play-big'));
}"""


def teacher_adds_thin_terms(client, participant_id: int, workplace_id: int) -> list[dict]:
    """A visit to the cleaning company with three new terms heard there, through the API as the teacher."""
    login = client.post("/api/auth/login", json={"email": "docent@demo.vaktaal.nl", "password": "vaktaal-demo"})
    assert login.status_code == 200, login.json
    visit = client.post(
        "/api/visits",
        json={
            "workplace_id": workplace_id,
            "date": date.today().isoformat(),
            "participant_ids": [participant_id],
            "observations": HEARD,
        },
        headers={"Authorization": f"Bearer {login.json['token']}"},
    )
    assert visit.status_code == 201, visit.json
    return [o["term"] for o in visit.json["observations"]]


def thin_terms_to_practise(app) -> tuple[set[int], set[str]]:
    """The learner starts afresh; the teacher adds the thin terms; all their cards (of every skill) are due, as if
    recognition had held already. Returns the thin terms' ids and the sectors of the learner's distractor pool."""
    practice_data.fresh_learner(app, LEARNER, new_per_day=0)
    with app.app_context():
        person = practice_data.participant(LEARNER)
        workplace = db.session.scalar(select(Workplace).where(Workplace.employer == "Schoonmaakbedrijf Glans"))
        terms = teacher_adds_thin_terms(app.test_client(), person.id, workplace.id)
        for term in terms:
            assert not term["emoji"] and not term["translations"], term
        now = utcnow()
        for term in terms:
            info = db.session.get(Term, term["id"])
            create_cards(person, [info.id], skills_for(info), now=now)
        db.session.commit()
        pool_sectors = {s.slug for s in person.profile.sectors} | {GENERAL_SECTOR}
        return {t["id"] for t in terms}, pool_sectors


def sectors_of(app, term_ids) -> set[str]:
    with app.app_context():
        return set(db.session.scalars(select(Sector.slug).join(Term).where(Term.id.in_(list(term_ids)))))


def test_every_exercise_type_of_a_thin_term_shows_something_and_can_be_answered(page, own_server, screenshot):
    thin_ids, pool_sectors = thin_terms_to_practise(own_server.app)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    axe = Axe()
    log_in(page, own_server.url, LEARNER)
    page.get_by_role("button", name="Oefenen").click()
    seen, problems, option_ids = set(), {}, set()
    demos = []

    def on_screen(name):
        if name.startswith("demo-"):
            demos.append(name)
            if name == "demo-reading-sound":
                # The worked example of reading by sound shows sounds to pick, not pictures.
                expect(page.locator("section[data-demo] .demo-tile")).to_have_count(4)
                expect(page.locator("section[data-demo] .demo-grid")).to_contain_text("🔊")
                screenshot("thin-demo-reading-sound")
            return
        exercise = current(page)
        assert exercise["term_id"] in thin_ids, "only the thin terms are due"
        kind = exercise["type"]
        option_ids.update(o["id"] for o in exercise["options"])
        assert exercise["language"] is None, "no translation to show, and never English for a Tigrinya reader"
        assert page.locator("[lang=en]").count() == 0
        if name == kind:
            assert page.evaluate(PROMPT_SHOWS), f"{kind}: the prompt shows nothing"
            assert page.evaluate(BLANK_OPTIONS) == [], f"{kind}: a blank option"
            expect(page.locator("section.exercise .option")).to_have_count(len(exercise["options"]))
        if name == "reading":
            assert exercise["options_kind"] == "sound"
            word = exercise["prompt"]["text"]
            expect(page.locator(".ex-word")).to_have_text(word)
            expect(page.locator(".options-sound button.option")).to_have_count(4)
            expect(page.get_by_role("button", name="Geluid 1")).to_be_visible()
            problems["reading"] = serious(axe.run(page))
        if name == "reading-feedback":
            # Once answered, each sound shows the word it said.
            labels = page.locator(".option-reveal").all_inner_texts()
            assert sorted(labels) == sorted(o["label"] for o in exercise["options"])
            expect(page.locator(".fb-word")).to_have_text(exercise["prompt"]["text"])
        if name == "listening":
            assert exercise["options_kind"] == "word"
        if name == "speaking":
            assert exercise["prompt"]["audio_url"], "hear it, then say it after"
            expect(page.get_by_role("button", name="Luister", exact=True)).to_be_visible()
        if name == "conversation":
            # No sentence around the phrase and no translation: hear it, find it, say it.
            assert exercise["prompt"]["situation"] is None and exercise["prompt"]["audio_url"]
            expect(page.locator("section.exercise button.play-big")).to_be_visible()
            problems["conversation"] = serious(axe.run(page))
        if name in seen:
            return
        seen.add(name)
        screenshot(f"thin-{name}")
        if not name.endswith("-say"):
            page.set_viewport_size(SMALL_PHONE)
            screenshot(f"thin-{name}-360")
            fits = page.evaluate("() => document.scrollingElement.scrollHeight <= window.innerHeight + 1")
            assert fits, f"{name} scrolls at 360x640"
            page.set_viewport_size(PHONE)

    answered = practise_until_summary(page, on_screen=on_screen)
    assert {exercise["type"] for exercise, _ in answered} == EVERY_TYPE
    assert "demo-reading-sound" in demos and "demo-reading" not in demos, demos
    assert len(answered) == 12, "four skills of each of the three terms"
    assert not any(problems.values()), problems
    # Distractors come from the learner's own sectors and the general list only.
    assert sectors_of(own_server.app, option_ids - thin_ids) <= pool_sectors
    expect_all_sent(page)
    stored = practice_data.answers_of(own_server.app, LEARNER)
    assert sorted((e.card_id, e.result) for e in stored) == sorted(
        (exercise["card_id"], result) for exercise, result in answered
    )
    assert not errors


def serious(results) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
