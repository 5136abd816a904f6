"""A coordinator's side of a participant's data on a phone: the programme's end, the download, and the erase screen
(what goes, a note that names them, a photo to remove, the name typed to confirm), at 360 px with an axe scan."""

import io
import re
import zipfile
from datetime import date

import pytest
from PIL import Image
from playwright.sync_api import expect

from api.services.demo import PARTICIPANTS, PASSWORD, demo_codes
from tests.browser.checks import overflows, serious, staff_login
from tests.browser.test_staff import SMALL_PHONE, code_logs_in

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@demo.vaktaal.nl"
AMINA = next(i for i, p in enumerate(PARTICIPANTS) if p[0] == "Amina Yusuf")


def a_visit_that_names_amina(page, url) -> int:
    """A teacher's visit with a note that names Amina and a word for her with a photo; returns the observation."""
    login = page.request.post(f"{url}/api/auth/login", data={"email": "docent@demo.vaktaal.nl", "password": PASSWORD})
    headers = {"Authorization": f"Bearer {login.json()['token']}"}
    amina = next(
        p for p in page.request.get(f"{url}/api/participants", headers=headers).json() if p["name"] == "Amina Yusuf"
    )
    workplace = page.request.get(f"{url}/api/workplaces", headers=headers).json()[0]
    term = page.request.get(f"{url}/api/sectors/schoonmaak/terms?q=dweil", headers=headers).json()[0]
    visit = page.request.post(
        f"{url}/api/visits",
        headers=headers,
        data={
            "workplace_id": workplace["id"],
            "date": date.today().isoformat(),
            "participant_ids": [amina["id"]],
            "notes": "Amina Yusuf liet zien hoe de dweil werkt.",
            "observations": [{"term_id": term["id"], "context": "Pak de dweil."}],
        },
    )
    assert visit.status == 201, visit.text()
    observation_id = visit.json()["observations"][0]["id"]
    out = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 120, 200)).save(out, format="JPEG")
    photo = page.request.post(
        f"{url}/api/observations/{observation_id}/photo",
        headers=headers,
        multipart={"file": {"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}},
    )
    assert photo.ok, photo.text()
    return observation_id


def test_a_coordinator_ends_downloads_and_erases_a_participant(page, own_server, screenshot, errors):
    url = own_server.url
    a_visit_that_names_amina(page, url)
    staff_login(page, url, COORDINATOR)
    page.set_viewport_size(SMALL_PHONE)
    row = page.locator("ul.people li", has_text="Amina Yusuf")
    row.get_by_role("button", name="Gegevens").click()
    panel = row.get_by_role("region", name="Gegevens van Amina Yusuf")

    panel.get_by_label("Traject beëindigd op").fill("2026-03-31")
    panel.get_by_role("button", name="Opslaan").click()
    expect(panel.get_by_role("status").first).to_contain_text("Opgeslagen")
    screenshot("erasure-panel-360")
    assert not overflows(page)

    with page.expect_download() as download:
        panel.get_by_role("button", name="Gegevens downloaden").click()
    assert re.fullmatch(r"vaktaal-gegevens-\d+-\d{4}-\d\d-\d\d\.zip", download.value.suggested_filename)
    with zipfile.ZipFile(download.value.path()) as archive:
        names = archive.namelist()
        assert "README.txt" in names and "users.json" in names
        assert any(name.startswith("bestanden/foto-") for name in names)
        assert '"ended_on": "2026-03-31"' in archive.read("participant_profiles.json").decode()

    panel.get_by_role("link", name="Deelnemer verwijderen").click()
    expect(page.get_by_role("heading", name="Amina Yusuf verwijderen")).to_be_visible()
    expect(page.locator(".erase-counts")).to_contain_text("profiel")
    note = page.get_by_role("link", name=re.compile(r"^Bezoek "))
    expect(note).to_have_attribute("href", re.compile(r"^#bezoek/\d+$"))
    expect(page.locator("blockquote")).to_contain_text("Amina Yusuf liet zien")
    expect(page.locator(".erase-photos img")).to_have_count(1)
    screenshot("erasure-screen-360")
    assert not overflows(page)
    assert serious(page) == []

    page.get_by_role("button", name="Foto verwijderen").click()
    expect(page.get_by_text(re.compile(r"^Foto van .+ verwijderd\.$"))).to_be_visible()

    confirm = page.get_by_role("button", name="Definitief verwijderen")
    field = page.get_by_label(re.compile("Typ de naam om te bevestigen"))
    field.fill("Amina")
    expect(confirm).to_be_disabled()
    field.fill("amina yusuf")
    expect(confirm).to_be_enabled()
    field.scroll_into_view_if_needed()
    screenshot("erasure-confirm-360")
    confirm.click()

    expect(page.get_by_role("status").filter(has_text="Amina Yusuf is verwijderd.")).to_be_visible()
    expect(page.locator("ul.people li", has_text="Olena")).to_have_count(1)
    expect(page.locator("ul.people li", has_text="Amina Yusuf")).to_have_count(0)
    screenshot("erasure-done-360")
    assert not code_logs_in(page, url, demo_codes()[AMINA])


def test_a_participant_downloads_their_own_data_from_jouw_gegevens(page, own_server, errors):
    url = own_server.url
    page.set_viewport_size(SMALL_PHONE)
    page.goto(f"{url}/login#code={demo_codes()[AMINA]}")
    expect(page.get_by_role("heading", name=re.compile(r"^Hallo"))).to_be_visible()
    page.goto(f"{url}/#gegevens")
    button = page.get_by_role("button", name="Download mijn gegevens")
    with page.expect_download() as download:
        button.click()
    with zipfile.ZipFile(download.value.path()) as archive:
        assert "Amina Yusuf" in archive.read("users.json").decode()
    expect(page.get_by_role("status").filter(has_text="Gedownload.")).to_be_visible()
    assert not overflows(page)
