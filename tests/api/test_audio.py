"""Audio: real espeak-ng output, gTTS failing fast and falling back, caching, signed URLs and recordings."""

import io
import subprocess
import time

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from api.audio.media import probe
from api.audio.tts import Espeak, Speaker
from api.extensions import db
from api.models import AudioRecording, Term, utcnow
from api.resources import Resources, resources
from api.services import audio, terms
from tests import factories
from vaktaal.audio import MAX_RECORDING_BYTES, Source


@pytest.fixture
def offline_gtts(app, monkeypatch):
    """gTTS pointed at a closed local port: it fails at once, as it does without internet."""
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    app.extensions["vaktaal"] = Resources.from_config(app.config)  # a fresh speaker, without gTTS's backoff
    yield
    app.extensions["vaktaal"] = Resources.from_config(app.config)


def make_term(user, word: str, *, shared: bool = False) -> Term:
    checker = resources().checker
    entry = factories.entry(term=word, article=checker.suggest_article(word) or "de")
    return terms.create_term(user, "schoonmaak", entry, shared=shared, checker=checker, now=utcnow())


def wav(seconds: float, *, video: bool = False) -> bytes:
    """A real recording-like file made by ffmpeg: a tone of the given length."""
    args = ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
    if video:
        args += ["-f", "lavfi", "-i", f"color=c=black:s=32x32:d={seconds}", "-c:v", "libx264", "-f", "matroska"]
    else:
        args += ["-f", "wav"]
    return subprocess.run([*args, "pipe:1"], capture_output=True, check=True).stdout


def upload(client, term_id: int, data: bytes, headers: dict, kind: str = "term"):
    """POST a recording as multipart form data (encoded in memory, so no temporary file is left open)."""
    boundary, body = encode_multipart(
        MultiDict({"kind": kind, "file": FileStorage(io.BytesIO(data), filename="opname.mp3")})
    )
    return client.post(
        f"/api/terms/{term_id}/audio",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=headers,
    )


def term_json(client, headers, term_id):
    response = client.get(f"/api/terms/{term_id}", headers=headers)
    assert response.status_code == 200
    return response.json


def test_espeak_speaks_a_shared_term_as_real_mp3(client, world, offline_gtts):
    world.coordinator.is_editor = True
    db.session.commit()
    term = make_term(world.coordinator, "zeemlap", shared=True)
    url = term_json(client, factories.headers(world.participant), term.id)["audio_url"]
    assert "sig=" not in url
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "audio/mpeg"
    found = probe(response.data)
    assert found.format_name == "mp3" and found.audio_streams == 1
    assert 0.4 < found.duration < 4.0  # "de zeemlap", slowly
    assert response.headers["ETag"].startswith('"espeak-')
    assert "immutable" in response.headers["Cache-Control"] and "public" in response.headers["Cache-Control"]


def test_gtts_fails_fast_falls_back_and_is_skipped_for_a_while(app, ctx, offline_gtts):
    started = time.monotonic()
    key, data = audio.speech(resources(), "Pak de trekker uit de kast.", now=utcnow())
    assert key.startswith("espeak-") and data[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3")
    speaker = resources(app).speaker
    assert speaker.attempts[Source.GTTS] == 1
    key2, _ = audio.speech(resources(), "Zet de emmer op de kar.", now=utcnow())
    assert key2.startswith("espeak-")
    assert speaker.attempts[Source.GTTS] == 1, "gTTS must be skipped right after a failure"
    assert time.monotonic() - started < app.config["GTTS_TIMEOUT"] * 2 + 5


def test_second_request_is_a_cache_hit_and_304_with_etag(client, world, offline_gtts, app):
    term = make_term(world.teacher, "werkwagenhoes")
    url = term_json(client, factories.headers(world.teacher), term.id)["audio_url"]
    first = client.get(url)
    assert first.status_code == 200
    attempts = dict(resources(app).speaker.attempts)
    again = client.get(url)
    assert again.status_code == 200 and again.data == first.data
    assert resources(app).speaker.attempts == attempts, "served from the cache, not regenerated"
    not_modified = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified.data == b""


def test_organisation_audio_needs_its_signature_and_a_new_text_retires_it(client, world, offline_gtts):
    term = make_term(world.teacher, "sleutelbos")
    headers = factories.headers(world.teacher)
    url = term_json(client, headers, term.id)["example_audio_url"]
    assert "sig=" in url
    assert client.get(url).status_code == 200
    assert client.get(url.split("&sig=")[0]).status_code == 404
    assert client.get(url[:-4] + "0000").status_code == 404
    edited = client.patch(
        f"/api/terms/{term.id}", json={"example": "De sleutelbos ligt bij de balie."}, headers=headers
    )
    assert edited.status_code == 200
    new_url = edited.json["example_audio_url"]
    assert new_url != url
    assert client.get(url).status_code == 404, "the old version's URL is retired"
    assert client.get(new_url).status_code == 200


def test_rotating_the_organisation_key_retires_signed_urls(client, runner, world, offline_gtts):
    term = make_term(world.teacher, "sleutelhanger")
    url = term_json(client, factories.headers(world.teacher), term.id)["audio_url"]
    assert client.get(url).status_code == 200
    result = runner.invoke(args=["org", "rotate-key", world.org_a.name])
    assert result.exit_code == 0, result.output
    assert client.get(url).status_code == 404
    fresh = term_json(client, factories.headers(world.teacher), term.id)["audio_url"]
    assert fresh != url and client.get(fresh).status_code == 200


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: b"hello, this is not audio at all" * 10, "geen geluidsbestand"),
        (lambda: b"\0" * (MAX_RECORDING_BYTES + 10), "te groot"),
        (lambda: wav(20), "te lang"),
        (lambda: wav(0.1), "te kort"),
        (lambda: wav(1, video=True), "geen video"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(client, world, make, message):
    term = make_term(world.teacher, "kluissleutel")
    response = upload(client, term.id, make(), factories.headers(world.teacher))
    assert response.status_code == 422
    assert message in response.json["message"]
    assert db.session.scalar(select(AudioRecording)) is None


def test_a_recording_takes_precedence_for_its_organisation_only(client, world, offline_gtts):
    world.coordinator.is_editor = True
    db.session.commit()
    term = make_term(world.coordinator, "vloerwisser", shared=True)
    uploaded = upload(client, term.id, wav(1.5), factories.headers(world.coach))
    assert uploaded.status_code == 201, uploaded.json
    assert 1400 <= uploaded.json["duration_ms"] <= 1600
    mine = term_json(client, factories.headers(world.participant), term.id)["audio_url"]
    theirs = term_json(client, factories.headers(world.participant_b), term.id)["audio_url"]
    assert f"v=r{uploaded.json['id']}" in mine and "sig=" in mine
    assert "v=r" not in theirs and "sig=" not in theirs
    recording = client.get(mine)
    assert recording.status_code == 200 and 1.3 < probe(recording.data).duration < 1.8
    assert client.get(mine.split("&sig=")[0]).status_code == 404

    adopt = client.post(
        f"/api/terms/{term.id}/audio/adopt",
        json={"recording_id": uploaded.json["id"]},
        headers=factories.headers(world.coordinator),
    )
    assert adopt.status_code == 200
    now_theirs = term_json(client, factories.headers(world.participant_b), term.id)["audio_url"]
    assert now_theirs == f"/api/terms/{term.id}/audio?v=r{uploaded.json['id']}"
    assert client.get(now_theirs).status_code == 200


def test_no_source_at_all_is_a_503_in_the_error_shape(app, client, world):
    resources(app).speaker = Speaker(engines={Source.ESPEAK: Espeak(binary="/nonexistent/espeak-ng")})
    try:
        term = make_term(world.teacher, "stofzuigerzak")
        url = term_json(client, factories.headers(world.teacher), term.id)["audio_url"]
        response = client.get(url)
    finally:
        app.extensions["vaktaal"] = Resources.from_config(app.config)
    assert response.status_code == 503
    assert response.json["code"] == 503 and "zonder geluid" in response.json["message"]


def test_cli_generates_audio_and_reports_a_summary(runner, world, offline_gtts):
    make_term(world.teacher, "zeepdispenser")
    result = runner.invoke(args=["audio", "generate", "--sector", "schoonmaak"])
    assert result.exit_code == 0, result.output
    assert "2 generated, 0 cached, 0 failed" in result.output
    again = runner.invoke(args=["audio", "generate", "--sector", "schoonmaak"])
    assert "0 generated, 2 cached, 0 failed" in again.output


def test_cli_exits_non_zero_when_audio_fails(app, runner, world):
    resources(app).speaker = Speaker(engines={Source.ESPEAK: Espeak(binary="/nonexistent/espeak-ng")})
    try:
        make_term(world.teacher, "handzeepje")
        result = runner.invoke(args=["audio", "generate", "--sector", "schoonmaak"])
    finally:
        app.extensions["vaktaal"] = Resources.from_config(app.config)
    assert result.exit_code != 0
    assert "2 failed" in result.output


def test_teachers_and_coaches_upload_participants_do_not(client, world):
    term = make_term(world.teacher, "bezemsteel")
    response = client.post(f"/api/terms/{term.id}/audio", data={}, headers=factories.headers(world.participant))
    assert response.status_code == 403
    missing = client.post(f"/api/terms/{term.id}/audio", data={}, headers=factories.headers(world.teacher))
    assert missing.status_code == 422
    other = client.post(f"/api/terms/{term.id}/audio", data={}, headers=factories.headers(world.coordinator_b))
    assert other.status_code == 403
