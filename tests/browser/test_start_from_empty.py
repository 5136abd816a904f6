"""Issue 14 from beginning to end, on an EMPTY database (no demo data): `flask setup` and `flask create-coordinator`
print a one-time setup link; the coordinator opens it, chooses a password (a weak one refused next to the field), logs
in and sets up the second factor (required for coordinators), makes a group and a workplace on the screens, starts
the group with three participants from a CSV file and prints their login cards; a participant's phone (360x740) opens
the link of a printed card's QR code and lands on their home. Axe scans on the screens no other test scans (an empty
organisation's lists, the saved password, the printed cards)."""

import re
import socket
from pathlib import Path

import pytest
from playwright.sync_api import expect

from api import create_app
from api.qr import qr_data_url
from tests.browser.checks import overflows, serious
from tests.browser.conftest import StoppableServer
from tests.browser.test_bulk_start import csv_file
from tests.browser.test_second_factor import set_up
from tests.conftest import app_config

pytestmark = pytest.mark.browser

ORGANISATION = "Gemeente Voorbeeld"
EMAIL = "carla@voorbeeld.nl"
NAME = "Carla Visser"
PASSWORD = "fietsen langs de grachten"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SMALL_PHONE = {"width": 360, "height": 740}
A4 = {"width": 794, "height": 1123}  # CSS pixels at 96 dpi
CSV = (
    "name,ref,support_languages,sectors,workplace,route,start_date\n"
    "Amina Yusuf,VB-001,ar,schoonmaak,Hotel De Linde,b1,\n"
    "Dawit Tesfaye,VB-002,ti,schoonmaak,Hotel De Linde,,\n"
    "Oksana Melnyk,,uk,schoonmaak,,,\n"
)


def run_command(app, *args):
    """A `flask --app wsgi ...` command, run as the flask CLI runs it (in an application context)."""
    from api.extensions import db

    with app.app_context():
        try:
            return app.test_cli_runner().invoke(args=list(args))
        finally:
            db.session.remove()


@pytest.fixture
def empty_server(tmp_path, shared_audio):
    """A live server on a new database that only `flask setup` has prepared (migrations, sectors, the shipped
    wordlists; DEMO off, so no demo data), its PUBLIC_URL the server's own address as an installation sets it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    app = create_app(
        app_config("sqlite:///" + str(tmp_path / "empty.sqlite3"))
        | {"AUDIO_DIR": str(shared_audio), "PHOTO_DIR": str(tmp_path / "photos"), "GTTS_TIMEOUT": 0}
        | {"PUBLIC_URL": url}
    )
    result = run_command(app, "setup")
    assert result.exit_code == 0, result.output
    assert "Database ready." in result.output
    server = StoppableServer(app)
    server.port, server.url = port, url
    server.start()
    yield server
    server.stop()
    with app.app_context():
        from api.extensions import db

        db.engine.dispose()


def create_coordinator(app) -> str:
    """The real CLI command; the setup link it prints."""
    result = run_command(app, "create-coordinator", "--org", ORGANISATION, "--email", EMAIL, "--name", NAME)
    assert result.exit_code == 0, result.output
    links = re.findall(r"^(http\S+)$", result.output, re.MULTILINE)
    assert len(links) == 1, result.output
    return links[0]


def choose_password(page, link, problems, screenshot) -> None:
    page.goto(link)
    expect(page.get_by_role("heading", name="Kies je wachtwoord")).to_be_visible()
    expect(page.get_by_text(NAME)).to_be_visible()
    page.get_by_label("Nieuw wachtwoord").fill("wachtwoord1")
    page.get_by_label("Nog een keer").fill("wachtwoord1")
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    field = page.get_by_label("Nieuw wachtwoord")
    expect(page.locator("#" + field.get_attribute("id") + "-error")).to_contain_text("veelgebruikt")
    assert field.get_attribute("aria-invalid") == "true"
    screenshot("start-from-empty-weak-password")
    page.get_by_label("Nieuw wachtwoord").fill(PASSWORD)
    page.get_by_label("Nog een keer").fill(PASSWORD)
    page.get_by_role("button", name="Wachtwoord opslaan").click()
    expect(page.get_by_role("heading", name="Je wachtwoord is opgeslagen")).to_be_visible()
    problems["password saved"] = serious(page)
    assert not overflows(page)
    screenshot("start-from-empty-password-saved")
    # The link is used up: opening it again says so and offers no form.
    page.goto(link)
    expect(page.get_by_text("Deze link is al gebruikt.")).to_be_visible()
    expect(page.get_by_label("Nieuw wachtwoord")).to_have_count(0)
    problems["used link"] = serious(page)
    screenshot("start-from-empty-used-link")
    page.get_by_role("link", name="Naar inloggen").click()


def log_in_with_second_factor(page) -> str:
    page.get_by_role("button", name="Log in met e-mail").click()
    page.get_by_label("E-mailadres").fill(EMAIL)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Stel eerst je tweede stap in")).to_be_visible()
    secret, codes = set_up(page)
    assert len(codes) == 10
    page.get_by_role("button", name="Ik heb ze bewaard").click()
    expect(page.get_by_role("heading", name=f"Hallo {NAME}")).to_be_visible()
    return secret


def make_group(page, problems, screenshot) -> None:
    page.get_by_role("link", name="Groepen").click()
    expect(page.get_by_role("heading", name="Groepen")).to_be_visible()
    expect(page.locator(".programme-list .programme-row")).to_have_count(0)
    problems["groups (empty)"] = serious(page)
    assert not overflows(page)
    screenshot("start-from-empty-groups")
    page.get_by_label("Naam van de groep").fill("Groep Maandag")
    page.get_by_label("Begindatum").fill("2026-09-07")
    page.get_by_role("button", name="Groep maken").click()
    expect(page.get_by_role("heading", name="Groep Maandag")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text("Groep Maandag is gemaakt.")
    # A new group has nobody to pick yet: the page points to starting it from a file.
    expect(page.get_by_role("link", name="Groep starten met een bestand")).to_have_attribute("href", "#groep-starten")
    problems["group (no members)"] = serious(page)
    assert not overflows(page)
    screenshot("start-from-empty-group")


def make_workplace(page, url, problems, screenshot) -> None:
    page.goto(url + "/")
    page.get_by_role("link", name="Werkplekken en bezoeken").click()
    expect(page.get_by_role("heading", name="Werkplekken")).to_be_visible()
    problems["workplaces (empty)"] = serious(page)
    assert not overflows(page)
    screenshot("start-from-empty-workplaces")
    page.get_by_role("link", name="Werkplek toevoegen").click()
    page.get_by_label("Werkgever").fill("Hotel De Linde")
    page.get_by_label("Sector").select_option("schoonmaak")
    page.get_by_label("Contactpersoon op de werkvloer").fill("Fatima Bouzid")
    page.get_by_role("button", name="Werkplek toevoegen").click()
    expect(page.get_by_role("heading", name="Werkplekken")).to_be_visible()
    expect(page.locator(".workplace", has_text="Hotel De Linde")).to_contain_text("Contactpersoon: Fatima Bouzid")


def start_group(page, url, problems, screenshot) -> None:
    page.goto(url + "/")
    expect(page.get_by_text("Nog geen deelnemers.")).to_be_visible()
    problems["home (empty organisation)"] = serious(page)
    assert not overflows(page)
    screenshot("start-from-empty-home")
    page.get_by_role("link", name="Toevoegen en wijzigen").click()
    page.get_by_role("link", name="Groep starten met een bestand").click()
    expect(page.get_by_role("heading", name="Groep starten")).to_be_visible()
    page.get_by_label("1. Kies de groep").select_option(label="Groep Maandag")
    page.get_by_label("2. Kies het bestand (CSV)").set_input_files(csv_file(CSV))
    page.get_by_role("button", name="Deelnemers toevoegen").click()
    expect(page.get_by_role("heading", name="3 inlogkaarten")).to_be_visible()


def print_cards(page, problems, screenshot) -> str:
    """The cards in print; the link of Dawit's card, after checking its QR code holds that same link."""
    cards = page.locator(".login-card")
    expect(cards).to_have_count(3)
    page.set_viewport_size(A4)  # printing lays the page out on the paper's width, not the screen's
    page.emulate_media(media="print")
    try:
        assert not page.get_by_role("button", name="Printen").is_visible()
        problems["cards (print)"] = serious(page)
        screenshot("start-from-empty-cards-print")
        card = cards.filter(has_text="Dawit Tesfaye")
        href = card.locator(".login-card-link").get_attribute("href")
        assert card.locator(".login-card-qr").get_attribute("src") == qr_data_url(href)
    finally:
        page.emulate_media(media="screen")
        page.set_viewport_size(SMALL_PHONE)
    return href


def test_a_coordinator_starts_a_programme_from_an_empty_database(page, browser, empty_server, screenshot, errors):
    url = empty_server.url
    problems = {}
    page.set_viewport_size(SMALL_PHONE)
    link = create_coordinator(empty_server.app)
    assert link.startswith(url + "/#wachtwoord/")

    choose_password(page, link, problems, screenshot)
    log_in_with_second_factor(page)
    make_group(page, problems, screenshot)
    make_workplace(page, url, problems, screenshot)
    start_group(page, url, problems, screenshot)
    href = print_cards(page, problems, screenshot)
    assert href.startswith(url + "/")

    # Dawit's phone opens the printed card's link (its QR code) and shows his home.
    phone = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True, locale="nl-NL")
    try:
        participant = phone.new_page()
        participant.on("pageerror", lambda error: errors.append(str(error)))
        participant.goto(href)
        expect(participant.get_by_role("heading", name="Hallo Dawit Tesfaye!")).to_be_visible()
        expect(participant.get_by_role("button", name=re.compile("^Oefenen"))).to_be_visible()
        assert not overflows(participant)
        problems["participant home (360)"] = serious(participant)
        participant.screenshot(path=str(ARTIFACTS / "start-from-empty-participant-home.png"))
    finally:
        phone.close()

    # Back at the coordinator: the group has its three members, placed at the workplace the file named.
    page.goto(url + "/#groepen")
    page.get_by_role("link", name=re.compile("Groep Maandag")).click()
    expect(page.locator(".programme-list .programme-row")).to_have_count(3)
    page.locator(".programme-row", has_text="Amina Yusuf").get_by_role("link", name="Werkplek").click()
    expect(page.get_by_role("heading", name="Werkplek van Amina Yusuf")).to_be_visible()
    expect(page.locator(".programme-row")).to_have_count(1)
    expect(page.locator(".programme-row")).to_contain_text("Hotel De Linde")
    assert not {name: found for name, found in problems.items() if found}
