"""Hosts and logs: links on login cards, QR codes and word cards never carry a Host a client made up, a demo still
opens on the machine's own names and LAN address, and a crash is logged without the personal text it touched."""

import logging

import pytest
from flask import Flask
from sqlalchemy import func, select, text

from api import create_app, hosts
from api.auth import PUBLIC, allow
from api.extensions import db
from api.models import LoginCode
from api.qr import qr_data_url
from tests import factories
from tests.conftest import app_config

PUBLIC_URL = "https://vaktaal.example.nl"
SPOOFED = "evil.example"


def login_code(client, world, host: str):
    return client.post(
        f"/api/participants/{world.participant.id}/login-code",
        headers=factories.headers(world.teacher) | {"Host": host},
    )


def codes() -> int:
    return db.session.scalar(select(func.count()).select_from(LoginCode))


def test_a_spoofed_host_is_refused_before_a_login_card_is_made(client, world):
    before = codes()
    response = login_code(client, world, SPOOFED)
    assert response.status_code == 400
    assert response.json["code"] == 400 and "adres" in response.json["message"]
    assert SPOOFED not in response.get_data(as_text=True)
    assert codes() == before, "a refused request issues no code"


def test_a_trusted_host_is_used_for_the_login_link_and_its_qr_code(client, world):
    response = login_code(client, world, "localhost:5000")
    assert response.status_code == 201, response.json
    assert response.json["login_url"].startswith("http://localhost:5000/login#code=")
    assert response.json["qr_url"] == qr_data_url(response.json["login_url"])


@pytest.fixture
def public_app(make_app, app):
    """The app with a public URL configured and no trusted hosts: links never come from the request."""
    configured = make_app({"PUBLIC_URL": PUBLIC_URL + "/"})
    with configured.app_context():
        yield configured


def test_with_a_public_url_every_link_uses_it_whatever_the_host(public_app, ctx, world):
    client = public_app.test_client()
    response = login_code(client, world, SPOOFED)
    assert response.status_code == 201, response.json
    assert response.json["login_url"].startswith(PUBLIC_URL + "/login#code=")
    assert response.json["qr_url"] == qr_data_url(response.json["login_url"])


def test_word_cards_link_to_the_public_url(public_app, ctx, world):
    from api.models import Sector, utcnow
    from api.resources import resources
    from api.services import terms

    sector = db.session.scalar(select(Sector).where(Sector.slug == "schoonmaak"))
    world.coordinator.is_editor = True
    db.session.commit()
    dweil = terms.create_term(
        world.coordinator,
        "schoonmaak",
        factories.entry(term="dweil", plural="dweilen"),
        shared=True,
        checker=resources().checker,
        now=utcnow(),
    )
    workplace = factories.place(world.org_a, world.participant, sector.id, "Glans").workplace
    client = public_app.test_client()
    headers = factories.headers(world.teacher) | {"Host": SPOOFED}
    visit = {"workplace_id": workplace.id, "date": "2026-11-30", "notes": "", "observations": [{"term_id": dweil.id}]}
    assert client.post("/api/visits", json=visit, headers=headers).status_code == 201
    response = client.get(f"/api/workplaces/{workplace.id}/wordcards", headers=headers)
    assert response.status_code == 200
    [card] = response.json
    assert card["open_url"] == f"{PUBLIC_URL}/#term/{dweil.id}"
    assert card["qr_url"] == qr_data_url(card["open_url"], scale=4, border=1)


def demo_app(make_app, **config) -> Flask:
    return make_app({"TESTING": False, "DEMO": True, "SECRET_KEY": "demo"} | config)


def test_a_demo_opens_on_the_machines_own_names_and_lan_address_only(make_app, app):
    demo = demo_app(make_app)
    own = hosts.own_names()
    lan = [name for name in own if name[0].isdigit() and not name.startswith("127.")]
    assert "localhost" in own and "127.0.0.1" in own
    client = demo.test_client()
    for host in ["localhost:5000", "127.0.0.1:5000", *(f"{address}:5000" for address in lan)]:
        assert client.get("/api/health", headers={"Host": host}).status_code == 200, host
    refused = client.get("/api/health", headers={"Host": SPOOFED + ":5000"})
    assert refused.status_code == 400
    assert refused.is_json and refused.json["code"] == 400


def test_production_needs_a_public_url_or_trusted_hosts(database_url, make_app, app, monkeypatch):
    production = {"TESTING": False, "DEMO": False, "SECRET_KEY": "production"}
    with pytest.raises(RuntimeError, match="VAKTAAL_PUBLIC_URL"):
        create_app(app_config(database_url) | production)
    monkeypatch.setenv("VAKTAAL_TRUSTED_HOSTS", "vaktaal.example.nl, www.vaktaal.example.nl")
    trusted = make_app(production)
    assert trusted.config["TRUSTED_HOSTS"] == ["vaktaal.example.nl", "www.vaktaal.example.nl"]
    client = trusted.test_client()
    assert client.get("/api/health", headers={"Host": "www.vaktaal.example.nl"}).status_code == 200
    assert client.get("/api/health", headers={"Host": "localhost"}).status_code == 400


NOTE = "Amina huilde vandaag, problemen thuis"


def test_a_crash_is_logged_without_the_personal_text_it_touched(make_app, app, ctx, caplog):
    broken = make_app({"PROPAGATE_EXCEPTIONS": False})

    @broken.route("/api/crash")
    @allow(PUBLIC)
    def crash():
        # A unique name twice: the database's error quotes the row it refused (PostgreSQL's DETAIL line).
        insert = text("INSERT INTO organisations (name, signing_key) VALUES (:name, 'k')")
        for _ in range(2):
            db.session.execute(insert, {"name": NOTE})
        return ""

    with caplog.at_level(logging.INFO):
        response = broken.test_client().get("/api/crash?q=" + NOTE.replace(" ", "+"))
    assert response.status_code == 500
    logged = "\n".join(record.getMessage() for record in caplog.records) + caplog.text
    assert "IntegrityError" in logged and "INSERT INTO organisations" in logged and "crash" in logged
    assert "Amina" not in logged and "problemen" not in logged
    assert "Amina" not in response.get_data(as_text=True)
