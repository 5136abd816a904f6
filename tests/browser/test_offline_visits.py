"""Visits where there is no signal: a teacher records a visit with the server stopped (a word found in the phone's
copy of the lists, a new word, a photo), the outbox survives a reload without a connection, and once the server is
back the visit is on it exactly once; sending everything again changes nothing. A new word typed offline that the
lists turn out to have is sent as that word, and the teacher is told. A visit the server refuses says why, blocks
nothing else, and leaves the phone only when the teacher says so."""

import re

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import func, select

from api.extensions import db
from api.models import Observation, Term, User, Visit, group_participants
from tests.browser.checks import overflows, serious, staff_login

pytestmark = pytest.mark.browser

TEACHER = "docent@demo.vaktaal.nl"
SMALL_PHONE = {"width": 360, "height": 640}

# The phone holds what a visit needs without a connection: the copies of the lists and the workplaces, and the
# visit screens in the service worker's cache.
# (Polled inside the page: wait_for_function would take the promise of an async function for a truthy answer.)
READY = """async () => {
    const ready = async () => {
        const me = JSON.parse(localStorage.getItem('vaktaal.me') || 'null');
        if (!me) return false;
        const { hasCopies } = await import('/static/js/term-cache.js');
        if (!(await hasCopies(me.id))) return false;
        const modules = ['visits', 'workplaces', 'visit-outbox', 'term-cache', 'visit-db', 'staff-outbox'];
        const found = await Promise.all(modules.map((m) => caches.match(`/static/js/${m}.js`)));
        return found.every(Boolean);
    };
    for (let tries = 0; tries < 120; tries++) {
        if (await ready()) return true;
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return false;
}"""

# Copy the outbox's records from one IndexedDB database to another (a snapshot of what waited, to send it again).
COPY_OUTBOX = """async ([from, to]) => {
    const open = (name) => new Promise((resolve, reject) => {
        const req = indexedDB.open(name, 1);
        req.onupgradeneeded = () => {
            for (const store of ['visits', 'observations']) {
                req.result.createObjectStore(store, { keyPath: 'client_id' }).createIndex('user', 'user');
            }
            req.result.createObjectStore('copies', { keyPath: 'key' });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
    });
    const [source, target] = [await open(from), await open(to)];
    let copied = 0;
    for (const store of ['visits', 'observations']) {
        const rows = await new Promise((resolve, reject) => {
            const req = source.transaction(store).objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => reject(req.error);
        });
        await new Promise((resolve, reject) => {
            const tx = target.transaction(store, 'readwrite');
            for (const row of rows) tx.objectStore(store).put(row);
            tx.oncomplete = resolve;
            tx.onerror = () => reject(tx.error);
        });
        copied += rows.length;
    }
    source.close();
    target.close();
    return copied;
}"""

FLUSH = """async () => {
    const outbox = await import('/static/js/visit-outbox.js');
    const status = await outbox.flush();
    return { waiting: outbox.waitingCount(status), failed: status.failed };
}"""


def ready_offline(page, url):
    staff_login(page, url, TEACHER)
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    assert page.evaluate(READY), "the lists, the workplaces and the visit screens are on the phone"


def start_visit_offline(page, notes):
    page.get_by_role("link", name="Werkvloerbezoek").click()
    expect(page.get_by_text("Geen internet: de werkplekken die op je telefoon staan.")).to_be_visible()
    page.locator("li.workplace", has_text="Schoonmaakbedrijf Glans").get_by_role(
        "link", name="Bezoek vastleggen"
    ).click()
    expect(page.get_by_label("Yonas Tesfay")).to_be_checked()
    page.get_by_label("Notities over het werk").fill(notes)
    page.get_by_role("button", name="Bezoek opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Bezoek opgeslagen op je telefoon")).to_be_visible()


def waiting_line(page):
    return page.locator(".visit-waiting")


def stored_visits(app, notes):
    with app.app_context():
        visits = db.session.scalars(select(Visit).where(Visit.notes == notes)).all()
        found = [
            {
                "client_id": v.client_id,
                "words": sorted(
                    (o.term.term, o.term.organisation_id is None, o.context, o.photo_key is not None, o.client_id)
                    for o in v.observations
                ),
                "photos": sorted(o.photo_key for o in v.observations if o.photo_key),
            }
            for v in visits
        ]
        counts = {
            "kelderluik": db.session.scalar(select(func.count()).select_from(Term).where(Term.term == "kelderluik")),
            "observations": db.session.scalar(select(func.count()).select_from(Observation)),
        }
        db.session.remove()
    return found, counts


def test_a_visit_recorded_without_a_connection_reaches_the_server_exactly_once(page, own_server, tmp_path, screenshot):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    photo = tmp_path / "kelderluik.jpg"
    Image.new("RGB", (1600, 1200), (90, 120, 160)).save(photo, format="JPEG")
    url = own_server.url
    notes = "Kelder zonder bereik."
    ready_offline(page, url)
    observations_before = stored_visits(own_server.app, notes)[1]["observations"]

    # In the basement: no connection at all.
    own_server.stop()
    page.set_viewport_size(SMALL_PHONE)
    start_visit_offline(page, notes)
    expect(waiting_line(page)).to_have_text("📱 1 bezoek wacht op internet")

    # A word of the lists, found in the phone's copy despite the typo and the article.
    page.get_by_label("Wat hoorde je?").fill("de dwijl")
    page.get_by_role("option", name="de dweil").first.click()
    page.get_by_label("De zin zoals je hem hoorde").fill("Spoel de dweil uit.")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Bewaard op je telefoon: de dweil")).to_be_visible()
    expect(page.get_by_label("Wat hoorde je?")).to_have_value("")

    # A new word, with a photo straight from the camera.
    page.get_by_label("Wat hoorde je?").fill("kelderluik")
    page.get_by_role("button", name="Nieuw woord: “kelderluik”").click()
    page.get_by_label("Lidwoord").select_option("het")
    page.get_by_label("Meervoud").fill("kelderluiken")
    page.get_by_label("De zin zoals je hem hoorde").fill("Het kelderluik moet dicht.")
    page.locator("#term-photo").set_input_files(str(photo))
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Bewaard op je telefoon: het kelderluik")).to_be_visible()
    expect(waiting_line(page)).to_have_text("📱 1 bezoek, 2 woorden en 1 foto wachten op internet")
    waiting = page.locator("li.observation.waiting")
    expect(waiting).to_have_count(2)
    expect(waiting.filter(has_text="het kelderluik").get_by_role("img", name="Foto: het kelderluik")).to_be_visible()
    expect(page.get_by_role("heading", name="Woorden (2)")).to_be_visible()
    waiting.first.scroll_into_view_if_needed()
    screenshot("offline-visit-waiting-360")
    assert not overflows(page)
    assert serious(page) == []

    # The phone is closed and opened again, still without a connection: the app and the outbox are there.
    page.reload()
    expect(page.get_by_role("heading", name=re.compile(r"^Bezoek \d{4}-\d\d-\d\d$"))).to_be_visible()
    expect(waiting_line(page)).to_have_text("📱 1 bezoek, 2 woorden en 1 foto wachten op internet")
    expect(page.locator("li.observation.waiting")).to_have_count(2)
    screenshot("offline-visit-reloaded-360")
    assert page.url.rsplit("/", 1)[-1].count("-") == 4, "the visit is known by the phone's own id until it is sent"
    assert stored_visits(own_server.app, notes)[0] == []
    snapshot = page.evaluate(COPY_OUTBOX, ["vaktaal-visits", "snapshot"])
    assert snapshot == 3

    # The connection is back: opening the app sends the visit, then its words, then the photo.
    own_server.start()
    page.reload()
    expect(page.locator("li.observation.waiting")).to_have_count(0)
    sent = page.locator("li.observation", has_text="het kelderluik")
    expect(sent.get_by_role("img", name="Foto: kelderluik")).to_be_visible()
    expect(page.locator("li.observation", has_text="de dweil")).to_be_visible()
    expect(page.get_by_role("heading", name="Woorden (2)")).to_be_visible()
    screenshot("offline-visit-sent-360")
    found, counts = stored_visits(own_server.app, notes)
    assert len(found) == 1
    [visit] = found
    assert [(w[0], w[1], w[2], w[3]) for w in visit["words"]] == [
        ("dweil", True, "Spoel de dweil uit.", False),
        ("kelderluik", False, "Het kelderluik moet dicht.", True),
    ]
    assert visit["client_id"] and all(w[4] for w in visit["words"])
    assert counts == {"kelderluik": 1, "observations": observations_before + 2}
    assert re.search(r"#bezoek/\d+$", page.url), "once sent, the address is the server's"

    # Everything sent again, as if no answer had reached the phone: still one visit, two words and one photo.
    assert page.evaluate(COPY_OUTBOX, ["snapshot", "vaktaal-visits"]) == 3
    assert page.evaluate(FLUSH) == {"waiting": 0, "failed": 0}
    assert stored_visits(own_server.app, notes) == (found, counts)
    assert not errors


def test_a_new_word_typed_offline_that_the_lists_have_is_sent_as_that_word(page, own_server, screenshot):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = own_server.url
    notes = "Trappenhuis, geen bereik."
    ready_offline(page, url)
    own_server.stop()
    start_visit_offline(page, notes)
    page.get_by_label("Wat hoorde je?").fill("werkkast")
    page.get_by_role("button", name="Nieuw woord: “werkkast”").click()
    # The phone's copy offers the word the lists have, even without a connection; the teacher goes on regardless.
    expect(page.locator(".exists")).to_contain_text("Dit woord staat al in de lijst")
    expect(page.locator(".exists").get_by_role("button", name="de werkkast · gedeeld")).to_be_visible()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Bewaard op je telefoon: werkkast")).to_be_visible()

    own_server.start()
    page.reload()
    note = page.get_by_role("note")
    expect(note).to_contain_text("Je typte „werkkast”. Dat woord stond al in de lijst: „de werkkast” is gebruikt.")
    expect(page.locator("li.observation.waiting")).to_have_count(0)
    expect(page.locator("li.observation", has_text="de werkkast")).to_be_visible()
    note.scroll_into_view_if_needed()
    screenshot("offline-visit-existing-word")
    assert serious(page) == []
    found, _ = stored_visits(own_server.app, notes)
    assert [[(w[0], w[1]) for w in v["words"]] for v in found] == [[("werkkast", True)]]
    with own_server.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Term).where(Term.term == "werkkast")) == 1
        db.session.remove()
    note.get_by_role("button", name="OK").click()
    expect(note).to_have_count(0)
    page.reload()
    expect(page.locator("li.observation", has_text="de werkkast")).to_be_visible()
    expect(page.get_by_role("note")).to_have_count(0)
    assert not errors


def leave_groups(app, name):
    """The participant left the teacher's groups while the phone was offline."""
    with app.app_context():
        person = db.session.scalar(select(User).where(User.name == name))
        db.session.execute(group_participants.delete().where(group_participants.c.participant_id == person.id))
        db.session.commit()
        db.session.remove()


def test_a_refused_visit_says_why_blocks_nothing_and_goes_only_when_the_teacher_says_so(page, own_server, screenshot):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = own_server.url
    notes = "Met Yonas in de kelder."
    ready_offline(page, url)
    own_server.stop()
    start_visit_offline(page, notes)
    page.get_by_label("Wat hoorde je?").fill("dweil")
    page.get_by_role("option", name="de dweil").first.click()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Bewaard op je telefoon: de dweil")).to_be_visible()
    refused_url = page.url
    leave_groups(own_server.app, "Yonas Tesfay")

    own_server.start()
    page.reload()
    refused = page.locator(".visit-refused")
    expect(refused).to_contain_text("Dit bezoek is niet opgeslagen: Je kunt alleen je eigen deelnemers kiezen.")
    expect(page.locator("li.observation.waiting")).to_contain_text("Niet verstuurd: het bezoek is niet opgeslagen")
    expect(waiting_line(page)).to_have_text("⚠️ 1 niet verstuurd")
    page.set_viewport_size(SMALL_PHONE)
    screenshot("offline-visit-refused-360")
    assert not overflows(page)
    assert serious(page) == []

    # The outbox goes on: the next visit is sent at once.
    page.goto(url + "/#werkplekken")
    page.locator("li.workplace", has_text="Schoonmaakbedrijf Glans").get_by_role(
        "link", name="Bezoek vastleggen"
    ).click()
    expect(page.get_by_label("Amina Yusuf")).to_be_checked()
    expect(page.get_by_label("Yonas Tesfay")).to_have_count(0)
    page.get_by_label("Notities over het werk").fill("Zonder Yonas.")
    page.get_by_role("button", name="Bezoek opslaan").click()
    expect(page.get_by_role("status").filter(has_text="Bezoek opgeslagen. Voeg nu")).to_be_visible()
    assert re.search(r"#bezoek/\d+$", page.url)
    assert len(stored_visits(own_server.app, "Zonder Yonas.")[0]) == 1

    # Thrown away only when the teacher says so, after being asked.
    page.goto(refused_url)
    refused.get_by_role("button", name="Weggooien").click()
    question = page.get_by_role("group", name="Dit bezoek met zijn woorden weggooien?")
    expect(question).to_contain_text("Het staat alleen op deze telefoon en is dan weg.")
    expect(question.get_by_role("button", name="Nee, terug")).to_be_focused()
    question.get_by_role("button", name="Nee, terug").click()
    expect(question).to_have_count(0)
    refused.get_by_role("button", name="Weggooien").click()
    page.get_by_role("button", name="Ja, weggooien").click()
    expect(page.get_by_role("heading", name="Werkplekken")).to_be_visible()
    assert page.evaluate(FLUSH) == {"waiting": 0, "failed": 0}
    assert stored_visits(own_server.app, notes)[0] == []
    assert not errors


def test_the_home_screen_and_logging_out_say_what_waits_and_nothing_is_lost(page, own_server, screenshot):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = own_server.url
    notes = "Koelcel, geen bereik."
    ready_offline(page, url)
    own_server.stop()
    page.set_viewport_size(SMALL_PHONE)
    start_visit_offline(page, notes)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Start").click()
    notice = page.locator(".staff-waiting .visit-waiting")
    expect(notice).to_contain_text("1 bezoek wacht op internet")
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="Nog niet alles is verstuurd")).to_be_visible()
    expect(page.get_by_text("1 bezoek wacht op internet.")).to_be_visible()
    screenshot("offline-visit-logout-warning-360")
    assert not overflows(page)
    assert serious(page) == []
    page.get_by_role("link", name="Terug").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Hallo"))).to_be_visible()
    assert page.evaluate("localStorage.getItem('vaktaal.token')"), "still logged in"

    own_server.start()
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("button", name="Nu versturen").click()
    expect(page.get_by_role("heading", name="Welkom bij Vaktaal")).to_be_visible()
    assert len(stored_visits(own_server.app, notes)[0]) == 1
    assert not errors
