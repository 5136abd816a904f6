"""Consents (given, withdrawn, on paper; each change one audit entry) and the privacy notice (complete in every
support language, read aloud in Dutch)."""

import pytest
from sqlalchemy import func, select

from api.extensions import db
from api.models import AuditEntry, Consent
from api.resources import Resources
from api.services import consents
from tests import factories
from vaktaal.privacy import AuditAction, ConsentPurpose, ConsentSource
from vaktaal.privacy_notice import LANGUAGES, NOTICE, PURPOSES, RTL, blocks, spoken
from vaktaal.roles import SUPPORT_LANGUAGES

PURPOSE = ConsentPurpose.EMPLOYER_SUMMARY.value
MINE = f"/api/me/consents/{PURPOSE}"


def rows(participant_id: int) -> list[Consent]:
    db.session.expire_all()
    return list(
        db.session.scalars(select(Consent).where(Consent.participant_id == participant_id).order_by(Consent.id))
    )


def consent_audit(participant_id: int) -> list[AuditEntry]:
    statement = select(AuditEntry).where(
        AuditEntry.participant_id == participant_id, AuditEntry.action == AuditAction.CONSENT
    )
    return list(db.session.scalars(statement.order_by(AuditEntry.id)))


def audit_count() -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


# The participant, in their own app


def test_no_answer_yet_is_no(client, world):
    response = client.get("/api/me/consents", headers=factories.headers(world.participant))
    assert response.status_code == 200
    assert response.json == [
        {"purpose": PURPOSE, "given": False, "source": None, "recorded_at": None, "recorded_by": None}
    ]
    assert consents.current_consent(world.participant.id, ConsentPurpose.EMPLOYER_SUMMARY) is False


def test_a_participant_gives_and_withdraws_consent_with_one_row_and_one_audit_entry_each(client, world):
    amina = world.participant
    headers = factories.headers(amina)

    given = client.put(MINE, json={"given": True}, headers=headers)
    assert given.status_code == 200
    assert given.json["given"] is True
    assert given.json["source"] == "app"
    assert given.json["recorded_by"] == {"id": amina.id, "name": "Amina"}
    assert given.json["recorded_at"]
    assert consents.current_consent(amina.id, ConsentPurpose.EMPLOYER_SUMMARY) is True

    state = client.get("/api/me/consents", headers=headers)
    assert state.status_code == 200
    assert state.json[0]["given"] is True and state.json[0]["source"] == "app"

    withdrawn = client.put(MINE, json={"given": False}, headers=headers)
    assert withdrawn.status_code == 200
    assert withdrawn.json["given"] is False
    # Withdrawing takes effect at once: the next read says no.
    assert consents.current_consent(amina.id, ConsentPurpose.EMPLOYER_SUMMARY) is False
    assert client.get("/api/me/consents", headers=headers).json[0]["given"] is False

    history = rows(amina.id)
    assert [(r.given, r.source, r.recorded_by_id) for r in history] == [
        (True, ConsentSource.APP, amina.id),
        (False, ConsentSource.APP, amina.id),
    ]
    entries = consent_audit(amina.id)
    assert [(e.actor_id, e.actor_role.value, e.object_kind, e.object_id) for e in entries] == [
        (amina.id, "participant", "consent", history[0].id),
        (amina.id, "participant", "consent", history[1].id),
    ]
    assert {e.organisation_id for e in entries} == {world.org_a.id}


def test_the_same_answer_twice_adds_no_row_and_no_audit_entry(client, world):
    headers = factories.headers(world.participant)
    first = client.put(MINE, json={"given": True}, headers=headers)
    assert first.status_code == 200
    before = audit_count()
    again = client.put(MINE, json={"given": True}, headers=headers)
    assert again.status_code == 200
    assert again.json == first.json  # the answer that holds, from when it was first given
    assert len(rows(world.participant.id)) == 1
    assert audit_count() == before


def test_a_first_no_is_recorded_as_an_answer_and_a_second_no_is_not(client, world):
    headers = factories.headers(world.participant)
    assert client.put(MINE, json={"given": False}, headers=headers).status_code == 200
    assert client.put(MINE, json={"given": False}, headers=headers).status_code == 200
    assert [r.given for r in rows(world.participant.id)] == [False]
    assert client.get("/api/me/consents", headers=headers).json[0]["source"] == "app"


@pytest.mark.parametrize(
    "body",
    [{}, {"given": "misschien"}, {"given": None}, {"given": True, "purpose": PURPOSE}],
    ids=["empty", "not-a-bool", "null", "unknown-field"],
)
def test_a_bad_answer_is_refused_and_changes_nothing(client, world, body):
    response = client.put(MINE, json=body, headers=factories.headers(world.participant))
    assert response.status_code == 422
    assert response.json["code"] == 422 and response.json["errors"]["json"]
    assert rows(world.participant.id) == []
    assert consent_audit(world.participant.id) == []


def test_an_unknown_purpose_is_not_found(client, world):
    response = client.put(
        "/api/me/consents/reclame", json={"given": True}, headers=factories.headers(world.participant)
    )
    assert response.status_code == 404
    assert response.json["message"] == "Deze toestemming bestaat niet."
    assert rows(world.participant.id) == []


def test_staff_have_no_consents_of_their_own(client, world):
    headers = factories.headers(world.coordinator)
    assert client.get("/api/me/consents", headers=headers).status_code == 403
    assert client.put(MINE, json={"given": True}, headers=headers).status_code == 403
    assert client.get("/api/me/consents").status_code == 401


# Staff, recording a consent given on paper


def paper(client, user, participant, given=True, **extra):
    return client.post(
        f"/api/participants/{participant.id}/consents",
        json={"purpose": PURPOSE, "given": given, **extra},
        headers=factories.headers(user),
    )


@pytest.mark.parametrize("who", ["coordinator", "coach"])
def test_a_coordinator_or_the_coach_records_a_consent_given_on_paper(client, world, who):
    staff, amina = getattr(world, who), world.participant
    response = paper(client, staff, amina)
    assert response.status_code == 200
    assert response.json["given"] is True
    assert response.json["source"] == "paper"
    assert response.json["recorded_by"]["id"] == staff.id
    assert consents.current_consent(amina.id, ConsentPurpose.EMPLOYER_SUMMARY) is True
    [row] = rows(amina.id)
    assert (row.source, row.recorded_by_id) == (ConsentSource.PAPER, staff.id)
    [entry] = consent_audit(amina.id)
    assert (entry.actor_id, entry.actor_role.value, entry.object_id) == (staff.id, who, row.id)

    # The participant sees who recorded it, and how; and may withdraw it in the app at once.
    mine = client.get("/api/me/consents", headers=factories.headers(amina)).json[0]
    assert (mine["given"], mine["source"], mine["recorded_by"]["name"]) == (True, "paper", staff.name)
    assert client.put(MINE, json={"given": False}, headers=factories.headers(amina)).json["given"] is False
    listed = client.get(f"/api/participants/{amina.id}/consents", headers=factories.headers(staff))
    assert listed.status_code == 200
    assert (listed.json[0]["given"], listed.json[0]["source"]) == (False, "app")


def test_paper_that_says_what_holds_adds_nothing(client, world):
    assert client.put(MINE, json={"given": True}, headers=factories.headers(world.participant)).status_code == 200
    response = paper(client, world.coordinator, world.participant)
    assert response.status_code == 200
    assert response.json["source"] == "app"  # the answer that holds, given in the app
    assert len(rows(world.participant.id)) == 1


def test_staff_record_only_paper(client, world):
    response = paper(client, world.coordinator, world.participant, source="app")
    assert response.status_code == 422
    assert response.json["errors"]["json"]["source"] == ["Staf legt alleen toestemming op papier vast."]
    assert rows(world.participant.id) == []


@pytest.mark.parametrize(
    ("who", "whom", "status"),
    [
        ("teacher", "participant", 403),  # a teacher teaches; consent goes through the coach or the coordinator
        ("participant", "participant", 403),  # a participant answers in the app, not on someone's behalf
        ("coach", "other_participant", 404),  # not in the coach's caseload
        ("coordinator_b", "participant", 404),  # another organisation's participant
        ("participant_b", "participant", 403),
    ],
)
def test_who_may_record_or_read_a_participants_consents(client, world, who, whom, status):
    user, participant = getattr(world, who), getattr(world, whom)
    assert paper(client, user, participant).status_code == status
    read = client.get(f"/api/participants/{participant.id}/consents", headers=factories.headers(user))
    assert read.status_code == status
    assert read.json["code"] == status
    assert rows(participant.id) == []
    assert consent_audit(participant.id) == []


def test_a_consent_changes_only_its_own_participant(client, world):
    assert paper(client, world.coordinator, world.other_participant).status_code == 200
    mine = client.get("/api/me/consents", headers=factories.headers(world.participant))
    assert mine.json[0]["given"] is False
    assert consents.current_consent(world.participant.id, ConsentPurpose.EMPLOYER_SUMMARY) is False
    assert consents.current_consent(world.other_participant.id, ConsentPurpose.EMPLOYER_SUMMARY) is True


# The notice


def test_the_notice_exists_in_every_support_language_with_every_block():
    assert set(LANGUAGES) == {"nl", *SUPPORT_LANGUAGES}
    keys = [block.key for block in NOTICE]
    assert keys == ["stored", "who", "how-long", "rights", "complain"]
    assert set(PURPOSES) == set(ConsentPurpose)
    for block in (*NOTICE, *PURPOSES.values()):
        assert set(block.texts) == set(LANGUAGES), block.key
        dutch_lines = len(block.texts["nl"].lines)
        for language, text in block.texts.items():
            assert text.title.strip(), (block.key, language)
            # Sentence by sentence the same as the Dutch, so a reader can follow both side by side.
            assert len(text.lines) == dutch_lines, (block.key, language)
            assert all(line.strip() for line in text.lines), (block.key, language)
            # The retention period is named wherever the Dutch names it.
            assert ("{months}" in " ".join(text.lines)) == ("{months}" in " ".join(block.texts["nl"].lines))
    assert {"ar", "fa"} == RTL


def test_the_retention_period_is_filled_in_and_the_dutch_is_short():
    how_long = {block.key: block for block in blocks(retention_months=18)}["how-long"]
    for language, text in how_long.texts.items():
        assert "18" in text.lines[0] and "{" not in text.lines[0], language
    for block in (*NOTICE, *PURPOSES.values()):
        for line in block.texts["nl"].lines:
            assert len(line.split()) <= 14, line  # A2: short sentences
    assert spoken(how_long).startswith("Hoe lang bewaren wij het? Tot 18 maanden")


def test_the_notice_is_public_in_dutch_and_all_support_languages(client, ctx):
    response = client.get("/api/privacy-notice")
    assert response.status_code == 200
    body = response.json
    assert body["retention_months"] == 24
    assert [b["key"] for b in body["blocks"]] == [b.key for b in NOTICE]
    assert [b["key"] for b in body["purposes"]] == [PURPOSE]
    for block in body["blocks"] + body["purposes"]:
        assert [t["language"] for t in block["texts"]] == list(LANGUAGES)
        assert block["audio_url"].startswith(f"/api/privacy-notice/{block['key']}/audio?v=")
    how_long = body["blocks"][2]["texts"][0]
    assert how_long["lines"][0] == "Tot 24 maanden na het einde van je traject."


def test_the_notice_in_one_language_is_dutch_and_that_language_with_its_direction(client, ctx):
    response = client.get("/api/privacy-notice?language=ar")
    assert response.status_code == 200
    for block in response.json["blocks"]:
        assert [(t["language"], t["dir"]) for t in block["texts"]] == [("nl", "ltr"), ("ar", "rtl")]
    assert client.get("/api/privacy-notice?language=tr").json["blocks"][0]["texts"][1]["dir"] == "ltr"
    refused = client.get("/api/privacy-notice?language=xx")
    assert refused.status_code == 422
    assert refused.json["errors"]["query"]["language"]


def test_the_retention_period_comes_from_the_configuration(app, client, ctx, monkeypatch):
    monkeypatch.setitem(app.config, "RETENTION_MONTHS", 12)
    body = client.get("/api/privacy-notice").json
    assert body["retention_months"] == 12
    assert body["blocks"][2]["texts"][0]["lines"][0] == "Tot 12 maanden na het einde van je traject."


@pytest.fixture
def espeak_only(app, monkeypatch):
    """gTTS pointed at a closed local port: it fails at once, as it does without internet; espeak-ng speaks."""
    monkeypatch.setenv("https_proxy", "http://127.0.0.1:9")
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")
    app.extensions["vaktaal"] = Resources.from_config(app.config)
    yield
    app.extensions["vaktaal"] = Resources.from_config(app.config)


def test_each_block_is_read_aloud_in_dutch_and_cached(client, ctx, espeak_only):
    url = client.get("/api/privacy-notice").json["blocks"][0]["audio_url"]
    first = client.get(url)
    assert first.status_code == 200
    assert first.mimetype == "audio/mpeg"
    assert len(first.data) > 1000
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    # An old version still plays (a phone's cached notice), but is not kept for ever.
    old = client.get("/api/privacy-notice/stored/audio?v=0000")
    assert old.status_code == 200 and old.headers["Cache-Control"] == "public, no-cache"
    purpose = client.get(f"/api/privacy-notice/{PURPOSE}/audio")
    assert purpose.status_code == 200 and purpose.mimetype == "audio/mpeg"
    missing = client.get("/api/privacy-notice/geheim/audio")
    assert missing.status_code == 404
    assert missing.json["message"] == "Deze audio bestaat niet (meer)."


# Requests that race


@pytest.mark.parametrize("round_", range(4))
def test_the_same_answer_sent_twice_at_once_is_one_row_and_one_audit_entry(app, client, world, round_):
    from tests.api.test_concurrency import at_once

    amina = world.participant
    amina_id = amina.id
    headers = factories.headers(amina)
    coordinator = factories.headers(world.coordinator)
    paper_url = f"/api/participants/{amina_id}/consents"

    def put(c):
        return c.put(MINE, json={"given": True}, headers=headers)

    def paper_yes(c):
        return c.post(paper_url, json={"purpose": PURPOSE, "given": True}, headers=coordinator)

    answers = at_once(app, put, put, paper_yes)
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [r.given for r in rows(amina_id)] == [True]
    assert len(consent_audit(amina_id)) == 1
