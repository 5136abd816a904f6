"""Every table with a participant's data hangs off the participant: erasing them is one delete."""

import uuid

from sqlalchemy import delete, func, inspect, select, text

from api.extensions import db
from api.models import User, utcnow
from api.resources import resources
from api.services import assignments, logins
from tests import factories


def rows_referring_to(user_id: int) -> dict[str, int]:
    """Rows in any table with a foreign key to users that point at this user."""
    found = {}
    inspector = inspect(db.engine)
    for table in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(table):
            if fk["referred_table"] == "users":
                column = fk["constrained_columns"][0]
                count = db.session.scalar(
                    text(f'SELECT count(*) FROM "{table}" WHERE "{column}" = :id'), {"id": user_id}
                )
                if count:
                    found[f"{table}.{column}"] = count
    return found


def test_erasing_a_participant_removes_all_their_rows(client, lists, world):
    participant = world.participant
    factories.place(world.org_a, participant, participant.profile.sectors[0].id)
    logins.issue_login_code(participant, issued_by=world.teacher, secret_key=resources().secret_key, now=utcnow())
    headers = factories.headers(participant)
    session = client.post("/api/me/sessions", json={"size": 4}, headers=headers).json
    events = [
        {"id": str(uuid.uuid4()), "card_id": e["card_id"], "answered_at": utcnow().isoformat(), "result": "correct"}
        for e in session["exercises"]
    ]
    assert client.post("/api/me/reviews", json={"events": events}, headers=headers).status_code == 200
    term_id = session["exercises"][0]["term_id"]
    assignments.assign_terms(world.teacher, participant, [term_id], now=utcnow())
    before = rows_referring_to(participant.id)
    for table in (
        "cards",
        "review_events",
        "assignments",
        "practice_sessions",
        "device_sessions",
        "login_codes",
        "participant_profiles",
        "group_participants",
        "caseload",
        "placements",
    ):
        assert any(key.startswith(table + ".") for key in before), table

    db.session.execute(delete(User).where(User.id == participant.id))
    db.session.commit()
    db.session.expire_all()
    assert rows_referring_to(participant.id) == {}
    assert db.session.scalar(select(func.count()).select_from(User).where(User.id == world.other_participant.id)) == 1
