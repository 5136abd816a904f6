"""Hearing a term in the browser: the server's MP3 plays, and the phone's Dutch voice is chosen well."""

import subprocess

import pytest
from playwright.sync_api import expect

from api.services.demo import PASSWORD

pytestmark = pytest.mark.browser


def login_teacher(page, live_server):
    page.goto(live_server + "/")
    page.get_by_role("button", name="Log in met e-mail").click()
    page.get_by_label("E-mailadres").fill("docent2@demo.vaktaal.nl")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Hallo Joost Bakker")).to_be_visible()


def test_play_button_plays_the_terms_audio(page, live_server, screenshot):
    login_teacher(page, live_server)
    page.goto(live_server + "/#woorden/schoonmaak")
    page.get_by_label("Zoek een woord").fill("dweil")
    card = page.locator(".term-item", has_text="de dweil").first
    expect(card).to_be_visible()
    card.get_by_role("button", name="Luister: de dweil").click()
    player = page.locator("audio#player")
    page.wait_for_function(
        "() => { const a = document.getElementById('player'); return a && a.readyState >= 1 && a.duration > 0; }"
    )
    duration = player.evaluate("a => a.duration")
    assert 0.3 < duration < 5
    assert "/api/terms/" in player.evaluate("a => a.currentSrc")
    screenshot("term-audio")


def test_example_audio_of_an_organisation_term_plays_from_its_signed_url(page, live_server):
    login_teacher(page, live_server)
    page.goto(live_server + "/#woorden/schoonmaak")
    page.get_by_label("Zoek een woord").fill("sleutelkluis")
    page.locator(".term-card", has_text="de sleutelkluis").first.click()
    page.get_by_role("button", name="Luister naar het voorbeeld").click()
    page.wait_for_function("() => document.getElementById('player')?.duration > 1")
    assert "sig=" in page.locator("audio#player").evaluate("a => a.currentSrc")


def test_phone_voice_choice_prefers_local_dutch_voices(page, live_server):
    page.goto(live_server + "/")
    pick = """async (voices) => {
        const { pickDutchVoice } = await import('/static/js/voice.js');
        const chosen = pickDutchVoice(voices);
        return chosen ? chosen.name : null;
    }"""
    voices = [
        {"name": "English", "lang": "en-US", "localService": True},
        {"name": "Google Nederlands", "lang": "nl-NL", "localService": False},
        {"name": "Vlaams lokaal", "lang": "nl-BE", "localService": True},
        {"name": "Nederlands lokaal", "lang": "nl_NL", "localService": True},
    ]
    assert page.evaluate(pick, voices) == "Nederlands lokaal"
    assert page.evaluate(pick, voices[:3]) == "Vlaams lokaal"
    assert page.evaluate(pick, voices[:2]) == "Google Nederlands"
    assert page.evaluate(pick, voices[:1]) is None
    assert page.evaluate(pick, []) is None


def test_teacher_uploads_a_recording_that_then_plays(page, live_server, tmp_path, screenshot):
    recording = tmp_path / "opname.wav"
    recording.write_bytes(
        subprocess.run(["espeak-ng", "-v", "nl", "--stdout", "de raadzaal"], capture_output=True, check=True).stdout
    )
    login_teacher(page, live_server)
    page.goto(live_server + "/#woorden/schoonmaak")
    page.get_by_label("Zoek een woord").fill("raadzaal")
    page.locator(".term-card", has_text="de raadzaal").first.click()
    page.locator("#rec-term").set_input_files(str(recording))
    expect(page.get_by_role("status").filter(has_text="Opname opgeslagen")).to_be_visible()
    screenshot("term-recording")
    page.get_by_role("button", name="Luister: de raadzaal").click()
    page.wait_for_function("() => document.getElementById('player')?.duration > 0.3")
    assert "v=r" in page.locator("audio#player").evaluate("a => a.currentSrc")
