"""The lifecycle: paused participants practise, finished ones log in during aftercare, left ones never; reactivation."""

from datetime import date, timedelta

import pytest

from api.models import utcnow
from api.resources import resources
from api.services import logins
from api.services.retention import participants_past_retention
from tests import factories
from vaktaal import lifecycle
from vaktaal.bsn import looks_like_bsn, passes_elfproef
from vaktaal.roles import ParticipantStatus


def code_of(participant) -> str:
    return logins.issue_login_code(participant, issued_by=None, secret_key=resources().secret_key, now=utcnow())


def set_status(client, world, status: str, ended_on: str | None = None):
    body = {"status": status} | ({"ended_on": ended_on} if ended_on else {})
    url = f"/api/participants/{world.participant.id}"
    response = client.patch(url, json=body, headers=factories.headers(world.coordinator))
    assert response.status_code == 200, response.json
    return response.json["profile"]


def test_the_elfproef_accepts_bsns_and_refuses_other_numbers():
    assert passes_elfproef("111222333") and passes_elfproef("12345672")
    assert not passes_elfproef("111222334") and not passes_elfproef("000000000") and not passes_elfproef("1234")
    assert looks_like_bsn(" 111 222 333 ") and not looks_like_bsn("KN-111222333")


def test_aftercare_ends_six_months_after_the_programme():
    ended = date(2026, 1, 31)
    assert lifecycle.aftercare_until(ended) == date(2026, 7, 31)
    assert lifecycle.login_refusal(ParticipantStatus.FINISHED, ended, today=date(2026, 7, 31)) is None
    assert lifecycle.login_refusal(ParticipantStatus.FINISHED, ended, today=date(2026, 8, 1))
    assert lifecycle.login_refusal(ParticipantStatus.LEFT, ended, today=ended)
    assert lifecycle.login_refusal(ParticipantStatus.PAUSED, None, today=ended) is None


def test_a_paused_participant_logs_in_and_practises(client, world):
    assert set_status(client, world, "paused")["status"] == "paused"
    login = client.post("/api/auth/code", json={"code": code_of(world.participant)})
    assert login.status_code == 200, login.json
    headers = {"Authorization": f"Bearer {login.json['token']}"}
    session = client.post("/api/me/sessions", json={"size": 5}, headers=headers)
    assert session.status_code == 201


@pytest.mark.parametrize("status, days_ago", [("left", 0), ("finished", 200)])
def test_left_and_finished_past_aftercare_cannot_log_in_and_their_tokens_stop(client, world, status, days_ago):
    headers = factories.headers(world.participant)
    assert client.get("/api/me", headers=headers).status_code == 200
    code = code_of(world.participant)
    ended = (utcnow().date() - timedelta(days=days_ago)).isoformat()
    profile = set_status(client, world, status, ended)
    assert profile["ended_on"] == ended and profile["status_since"] == utcnow().date().isoformat()
    assert client.get("/api/me", headers=headers).status_code == 401
    refused = client.post("/api/auth/code", json={"code": code})
    assert refused.status_code == 422
    assert "niet meer inloggen" in refused.json["message"]


def test_finished_within_aftercare_still_logs_in(client, world):
    headers = factories.headers(world.participant)
    profile = set_status(client, world, "finished")
    assert profile["ended_on"] == utcnow().date().isoformat()
    assert client.get("/api/me", headers=headers).status_code == 200


def test_reactivating_clears_the_end_and_lets_them_in_again(client, world):
    headers = factories.headers(world.participant)
    set_status(client, world, "left")
    assert client.get("/api/me", headers=headers).status_code == 401
    profile = set_status(client, world, "active")
    assert profile["status"] == "active" and profile["ended_on"] is None
    assert client.get("/api/me", headers=headers).status_code == 200


def test_retention_counts_from_the_end_of_aftercare_for_a_finished_route(client, world):
    now = utcnow()
    ended = (now.date() - timedelta(days=400)).isoformat()  # retention of 12 months: past it, not past 12 + 6
    set_status(client, world, "finished", ended)
    assert world.participant.id not in participants_past_retention(now=now, months=12)
    set_status(client, world, "left", ended)
    assert world.participant.id in participants_past_retention(now=now, months=12)
