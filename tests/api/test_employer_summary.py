"""The employer summary: only with the participant's consent, gone at once when it is withdrawn, never a level or
what fails, for the participant's staff only, and every look recorded."""

from sqlalchemy import select, update

from api.extensions import db
from api.models import AuditEntry, Card, Sector, Term
from tests import factories
from tests.api.test_practice import answer, send, start_session
from vaktaal.scheduling import KNOWN_STABILITY

CONSENT = "/api/me/consents/employer-summary"


def url(world) -> str:
    return f"/api/participants/{world.participant.id}/employer-summary"


def known_terms(world) -> list[Term]:
    """Make up to two of Amina's practised terms of each of her sectors known (stability at the threshold)."""
    cards = db.session.scalars(select(Card).where(Card.participant_id == world.participant.id)).all()
    by_sector: dict[int, set[int]] = {}
    for card in cards:
        by_sector.setdefault(card.term.sector_id, set()).add(card.term_id)
    assert len(by_sector) == 2, "the session should hold terms of both sectors"
    term_ids = [i for ids in by_sector.values() for i in sorted(ids)[:2]]
    db.session.execute(
        update(Card)
        .where(Card.term_id.in_(term_ids), Card.participant_id == world.participant.id)
        .values(stability=KNOWN_STABILITY, reps=3)
    )
    db.session.commit()
    return [db.session.get(Term, i) for i in term_ids]


def test_only_with_consent_and_gone_at_once_when_withdrawn(client, lists, world):
    amina = factories.headers(world.participant)
    sector = db.session.scalar(select(Sector).where(Sector.slug == "zorg"))
    factories.place(world.org_a, world.participant, sector.id, "Zorgcentrum De Linde")
    session = start_session(client, amina, size=12)
    send(client, amina, [answer(e["card_id"], minutes=-2) for e in session["exercises"] if "card_id" in e])
    learned = known_terms(world)
    coach = factories.headers(world.coach)

    refused = client.get(url(world), headers=coach)
    assert refused.status_code == 403
    assert "toestemming" in refused.json["message"]

    assert client.put(CONSENT, json={"given": True}, headers=amina).status_code == 200
    shown = client.get(url(world), headers=coach)
    assert shown.status_code == 200, shown.json
    body = shown.json
    assert body["name"] == "Amina"
    assert body["practice_days"] == 1 and body["weeks"] == 4
    assert body["words_known"] == len(learned)
    [place] = body["workplaces"]
    assert place["employer"] == "Zorgcentrum De Linde"
    in_zorg = {f"{t.article} {t.term}" if t.article else t.term for t in learned if t.sector_id == sector.id}
    assert 0 < len(in_zorg) < len(learned)  # the words known of the workplace's sector, not those of algemeen
    assert set(place["words"]) == in_zorg
    text = str(body).lower()
    for label in ("level", "niveau", "fail", "flag", "a1", "a2"):
        assert label not in text

    assert client.put(CONSENT, json={"given": False}, headers=amina).status_code == 200
    assert client.get(url(world), headers=coach).status_code == 403


def test_for_the_participants_staff_only_and_every_look_recorded(client, world):
    amina = factories.headers(world.participant)
    assert client.put(CONSENT, json={"given": True}, headers=amina).status_code == 200
    for user in (world.coach, world.teacher, world.coordinator):
        response = client.get(url(world), headers=factories.headers(user))
        assert response.status_code == 200, (user.name, response.json)
        assert response.json["workplaces"] == [] and response.json["words_known"] == 0
    assert client.get(url(world), headers=factories.headers(world.other_teacher)).status_code == 404
    assert client.get(url(world), headers=factories.headers(world.coordinator_b)).status_code == 404
    assert client.get(url(world), headers=amina).status_code == 403
    looks = db.session.scalars(
        select(AuditEntry).where(
            AuditEntry.participant_id == world.participant.id, AuditEntry.object_kind == "employer-summary"
        )
    ).all()
    assert sorted(e.actor_id for e in looks) == sorted([world.coach.id, world.teacher.id, world.coordinator.id])
