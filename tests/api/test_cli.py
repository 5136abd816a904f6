"""flask commands: demo data, organisations and users."""

from sqlalchemy import func, select

from api.extensions import db
from api.models import Group, User, Workplace
from api.services.demo import demo_codes


def test_demo_creates_every_role_and_prints_codes(runner, client):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert roles == {"coordinator": 1, "teacher": 2, "coach": 2, "participant": 12}
    assert db.session.scalar(select(func.count()).select_from(Workplace)) == 3
    assert db.session.scalar(select(func.count()).select_from(Group)) == 2
    first = demo_codes()[0]
    assert f"{first[:4]}-{first[4:]}" in result.output
    login = client.post("/api/auth/code", json={"code": first})
    assert login.status_code == 200
    staff = client.post("/api/auth/login", json={"email": "docent@demo.vaktaal.nl", "password": "vaktaal-demo"})
    assert staff.status_code == 200


def test_demo_twice_adds_nothing(runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert runner.invoke(args=["demo"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(User)) == 17


def test_create_organisation_and_users(runner, client):
    assert runner.invoke(args=["org", "create", "Gemeente Zuid"]).exit_code == 0
    staff = runner.invoke(
        args=[
            "user",
            "create",
            "--org",
            "Gemeente Zuid",
            "--role",
            "teacher",
            "--name",
            "Els",
            "--email",
            "els@zuid.nl",
        ],
        input="een-lang-wachtwoord\neen-lang-wachtwoord\n",
    )
    assert staff.exit_code == 0, staff.output
    assert (
        client.post("/api/auth/login", json={"email": "els@zuid.nl", "password": "een-lang-wachtwoord"}).status_code
        == 200
    )
    participant = runner.invoke(
        args=[
            "user",
            "create",
            "--org",
            "Gemeente Zuid",
            "--role",
            "participant",
            "--name",
            "Ali",
            "--language",
            "ar",
        ]
    )
    assert participant.exit_code == 0, participant.output
    code = participant.output.strip().rsplit(" ", 1)[-1]
    assert client.post("/api/auth/code", json={"code": code}).status_code == 200


def test_create_user_in_unknown_organisation_fails_clearly(runner):
    result = runner.invoke(args=["user", "create", "--org", "Nergens", "--role", "coach", "--name", "X"])
    assert result.exit_code != 0
    assert "Er is geen organisatie 'Nergens'" in result.output


def test_the_models_and_the_migrations_agree(runner):
    """The schema the migrations build is the schema the models describe (on SQLite and on PostgreSQL): Alembic's
    check exits non-zero when a model changed without a migration."""
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, "the models differ from the migrations: write one with flask db migrate"
