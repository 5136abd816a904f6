"""Every API route x every kind of caller, each with a valid request: 401 without a token, 403 for a role that may
never use the route, 404 for an object of another organisation or a participant outside the caller's scope, and
for every allowed caller the route's success status (or a refusal listed in REFUSALS with its reason), never a 5xx.

Routes come from the URL map and success statuses from the OpenAPI spec, so new routes are walked automatically;
a route that takes a body or a required query string must get a valid request in REQUESTS, or a test fails.
"""

import io
import re
import subprocess
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache, cached_property
from urllib.parse import parse_qsl, urlsplit

import pyotp
import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from api import create_app
from api.auth import PUBLIC, policy_of
from api.extensions import db
from api.models import Placement, Sector, caseload, group_participants, group_teachers
from api.resources import resources
from api.services import second_factor
from tests import factories
from vaktaal.roles import Role

CALLERS: dict[str, Role | None] = {
    "anonymous": None,
    "participant": Role.PARTICIPANT,
    "teacher": Role.TEACHER,
    "coach": Role.COACH,
    "coordinator": Role.COORDINATOR,
    "coordinator_b": Role.COORDINATOR,  # of organisation B; every object the walk names belongs to A or is shared
}
BODY_METHODS = {"POST", "PUT", "PATCH"}


@dataclass(frozen=True)
class Route:
    policy: frozenset
    success: int
    takes_input: bool  # a body method, a request body or a required query parameter in the spec


def _routes() -> dict[tuple[str, str], Route]:
    """(method, rule) -> what the walk needs to know, from the URL map, the declared policies and the spec."""
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
    spec = app.test_client().get("/api/openapi.json").json["paths"]
    routes = {}
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.rule.startswith("/api") or rule.rule.startswith("/api/docs"):
                continue
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                operation = spec.get(re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), {}).get(method.lower(), {})
                successes = [int(code) for code in operation.get("responses", {"200": {}}) if code.startswith("2")]
                assert len(successes) == 1, f"{method} {rule.rule} documents {successes} as its success"
                required_query = any(p["in"] == "query" and p.get("required") for p in operation.get("parameters", []))
                routes[(method, rule.rule)] = Route(
                    policy=policy_of(rule.endpoint, method),
                    success=successes[0],
                    takes_input=method in BODY_METHODS or "requestBody" in operation or required_query,
                )
    return dict(sorted(routes.items(), key=lambda item: (item[0][1], item[0][0])))


ROUTES = _routes()

# URL parameter -> the Scene attribute that gives its value.
URL_VALUES = {
    "participant_id": "participant_id",
    "term_id": "own_term_id",
    "proposal_id": "proposal_id",
    "slug": "slug",
    "workplace_id": "workplace_id",
    "visit_id": "visit_id",
    "observation_id": "observation_id",
    "purpose": "consent_purpose",
    "key": "notice_key",
    "group_id": "group_id",
    "placement_id": "placement_id",
    "staff_id": "staff_id",
    "token": "account_link_token",
    "skill": "skill",
    "target_change_id": "target_proposal_id",
}
# Scene attributes that are not organisation A's: a caller of another organisation may reach them too.
NOT_OF_ORGANISATION_A = {"slug", "proposal_id", "shared_term_id", "consent_purpose", "notice_key"}


# Test media, made once per run.


@cache
def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


@cache
def recording() -> bytes:
    """One second of a tone as WAV, made by ffmpeg (which the app needs to check recordings anyway)."""
    args = ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-f", "wav", "pipe:1"]
    return subprocess.run(args, capture_output=True, check=True).stdout


CSV = (
    "key,term,article,plural,pos,level,theme,example,emoji,safety,en,ar,ti,fa,uk,tr,checked\n"
    "emmer,emmer,de,emmers,noun,A1,materialen,Vul de emmer met warm water.,,no,bucket,دلو,,,,,\n"
)


def term_body(term: str, plural: str, example: str, en: str, ar: str, *, shared: bool) -> dict:
    """A valid POST /api/terms body: a noun of the cleaning sector."""
    return {
        "key": term,
        "sector": "schoonmaak",
        "shared": shared,
        "term": term,
        "article": "de",
        "plural": plural,
        "pos": "noun",
        "level": "A1",
        "theme": "materialen",
        "example": example,
        "translations": {"en": {"text": en}, "ar": {"text": ar}},
    }


def answer(card_id: int) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "card_id": card_id,
        "answered_at": datetime.now(UTC).isoformat(),
        "result": "correct",
        "hint_used": False,
        "duration_ms": 2100,
    }


def shown(response) -> str:
    """A response body for a failure message (MP3 and JPEG bodies only by type and size)."""
    if response.is_json or response.mimetype.startswith("text/"):
        return response.get_data(as_text=True)[:2000]
    return f"<{response.mimetype}, {len(response.get_data())} bytes>"


def multipart_body(fields: dict) -> dict:
    """Form fields and files (bytes, filename) encoded in memory, so no temporary file is left open."""
    values = MultiDict(
        {k: FileStorage(io.BytesIO(v[0]), filename=v[1]) if isinstance(v, tuple) else v for k, v in fields.items()}
    )
    boundary, body = encode_multipart(values)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


class Scene:
    """Organisation A's objects for one case, made through the API as its staff would make them, each on first use
    (so a case builds only what its route needs, and every case gets fresh ones)."""

    slug = "schoonmaak"
    skill = "speaking"
    consent_purpose = "employer-summary"
    notice_key = "stored"  # a block of the privacy notice

    def __init__(self, client, world, participant=None):
        self.client, self.world = client, world
        self.participant = participant or world.participant  # the participant the URL names
        self._headers: dict[int, dict] = {}

    def send(self, user, method: str, url: str, status: int, **kwargs):
        """A setup request that must succeed; its JSON."""
        if user is not None and user.id not in self._headers:
            self._headers[user.id] = factories.headers(user)
        headers = self._headers[user.id] if user is not None else {}
        response = self.client.open(url, method=method, headers=headers, **kwargs)
        assert response.status_code == status, f"setup {method} {url}: {shown(response)}"
        return response.json

    @property
    def participant_id(self) -> int:
        return self.participant.id

    @cached_property
    def consenting_participant_id(self) -> int:
        """The URL's participant, once they agree to the employer summary."""
        self.send(self.participant, "PUT", "/api/me/consents/employer-summary", 200, json={"given": True})
        return self.participant.id

    @cached_property
    def shared_term_id(self) -> int:
        body = term_body("dweil", "dweilen", "Pak de dweil.", "mop", "ممسحة", shared=True)
        return self.send(self.world.coordinator, "POST", "/api/terms", 201, json=body)["id"]

    @cached_property
    def own_term_id(self) -> int:
        """A term of organisation A's own list."""
        body = term_body("emmer", "emmers", "Vul de emmer.", "bucket", "دلو", shared=False)
        return self.send(self.world.coordinator, "POST", "/api/terms", 201, json=body)["id"]

    @cached_property
    def assigned_term_id(self) -> int:
        """Organisation A's own term, assigned to Amina by her teacher."""
        url = f"/api/participants/{self.world.participant.id}/terms"
        self.send(self.world.teacher, "POST", url, 200, json={"term_ids": [self.own_term_id]})
        return self.own_term_id

    @cached_property
    def workplace_id(self) -> int:
        sector_id = db.session.scalar(select(Sector.id).where(Sector.slug == self.slug))
        return factories.place(self.world.org_a, self.world.participant, sector_id, "Glans").workplace.id

    def visit_body(self) -> dict:
        return {
            "workplace_id": self.workplace_id,
            "date": date.today().isoformat(),
            "participant_ids": [self.world.participant.id],
            "notes": "Kantoorschoonmaak, tweede verdieping.",
            "observations": [{"term_id": self.shared_term_id, "context": "Pak de dweil."}],
        }

    @cached_property
    def visit(self) -> dict:
        """A visit the teacher recorded, with Amina and the shared term heard there."""
        return self.send(self.world.teacher, "POST", "/api/visits", 201, json=self.visit_body())

    @property
    def visit_id(self) -> int:
        return self.visit["id"]

    @property
    def observation_id(self) -> int:
        return self.visit["observations"][0]["id"]

    @cached_property
    def suggestion_id(self) -> int:
        """An observation of Amina's coach: a suggestion waiting for her teacher."""
        visit = self.send(self.world.coach, "POST", "/api/visits", 201, json=self.visit_body())
        assert visit["observations"][0]["status"] == "suggested"
        return visit["observations"][0]["id"]

    @cached_property
    def proposal_id(self) -> int:
        url = f"/api/terms/{self.shared_term_id}/proposals"
        return self.send(self.world.teacher, "POST", url, 201, json={"level": "A2", "note": "Eerst de emmer."})["id"]

    @cached_property
    def login_code(self) -> str:
        url = f"/api/participants/{self.world.participant.id}/login-code"
        return self.send(self.world.teacher, "POST", url, 201)["code"]

    @cached_property
    def card_id(self) -> int:
        """A card of Amina's, from a session that introduces her assigned term."""
        assert self.assigned_term_id
        session = self.send(self.world.participant, "POST", "/api/me/sessions", 201, json={"size": 5})
        assert session["exercises"], session
        return session["exercises"][0]["card_id"]

    def _record(self, term_id: int, kind: str) -> dict:
        fields = {"kind": kind, "file": (recording(), "opname.wav")}
        return self.send(self.world.teacher, "POST", f"/api/terms/{term_id}/audio", 201, **multipart_body(fields))

    @cached_property
    def recording_id(self) -> int:
        """Organisation A's recording of the shared term."""
        return self._record(self.shared_term_id, "term")["id"]

    def audio_query(self, kind: str) -> dict:
        """The query string of the own term's audio URL after a recording (no speech synthesis needed)."""
        self._record(self.own_term_id, kind)
        term = self.send(self.world.teacher, "GET", f"/api/terms/{self.own_term_id}", 200)
        url = urlsplit(term["audio_url" if kind == "term" else "example_audio_url"])
        assert url.path.startswith(f"/api/terms/{self.own_term_id}/") and "sig=" in url.query, url
        return dict(parse_qsl(url.query))

    @cached_property
    def new_staff(self) -> dict:
        """A teacher the coordinator added: no password yet, a setup link."""
        body = {"role": "teacher", "name": "Els Nieuw", "email": "els.nieuw@a.example"}
        return self.send(self.world.coordinator, "POST", "/api/staff", 201, json=body)

    @property
    def staff_id(self) -> int:
        return self.new_staff["staff"]["id"]

    @property
    def account_link_token(self) -> str:
        return self.new_staff["link"]["url"].rsplit("/", 1)[1]

    @property
    def group_id(self) -> int:
        """Amina's group, taught by the teacher."""
        return db.session.scalar(
            select(group_participants.c.group_id).where(group_participants.c.participant_id == self.participant.id)
        )

    @cached_property
    def target_proposal_id(self) -> int:
        """Amina's teacher proposes a lower writing target."""
        url = f"/api/participants/{self.world.participant.id}/target-proposals"
        body = {"skill": "writing", "level": "A2", "reason": "Schrijven gaat langzaam."}
        return self.send(self.world.teacher, "POST", url, 201, json=body)["id"]

    @cached_property
    def placement_id(self) -> int:
        """Amina's placement at the workplace."""
        assert self.workplace_id
        return db.session.scalar(select(Placement.id).where(Placement.participant_id == self.world.participant.id))

    def second_factor_login(self) -> dict:
        """The second step of a login: the other teacher (no caller of the walk) has set up a second factor; the
        challenge of her password and her app's current code."""
        teacher = self.world.other_teacher
        secret = self.send(teacher, "POST", "/api/me/second-factor", 200)["secret"]
        earlier = pyotp.TOTP(secret).at(datetime.now(UTC).timestamp() - 30)  # so the current code is still unused
        self.send(teacher, "POST", "/api/me/second-factor/confirm", 200, json={"code": earlier})
        login = {"email": teacher.email, "password": factories.PASSWORD}
        challenge = self.send(None, "POST", "/api/auth/login", 200, json=login)["challenge"]
        return {"challenge": challenge, "code": pyotp.TOTP(secret).now()}

    def second_factor_confirmation(self) -> dict:
        """Every staff member of the world has started setting up a second factor with one secret: its code."""
        secret = pyotp.random_base32()
        sealed = second_factor.seal(secret, secret_key=resources().secret_key)
        for user in (self.world.teacher, self.world.coach, self.world.coordinator, self.world.coordinator_b):
            user.totp_secret = sealed
        db.session.commit()
        return {"code": pyotp.TOTP(secret).now()}

    def photo_query(self) -> dict:
        """The signed query string of a photo of the teacher's observation."""
        url = f"/api/observations/{self.observation_id}/photo"
        observation = self.send(self.world.teacher, "POST", url, 200, **multipart_body({"file": (jpeg(), "foto.jpg")}))
        photo = urlsplit(observation["photo_url"])
        assert photo.path == url, photo
        return dict(parse_qsl(photo.query))


@dataclass(frozen=True)
class Call:
    """A valid request for a route, made from the scene's objects: JSON or multipart body, query string, and URL
    values other than the defaults of URL_VALUES."""

    json: Callable[[Scene], dict] | None = None
    multipart: Callable[[Scene], dict] | None = None
    query: Callable[[Scene], dict] | None = None
    url: dict[str, str] = field(default_factory=dict)

    def sources(self, rule: str) -> list[str]:
        return [self.url.get(name, URL_VALUES.get(name, name)) for name in re.findall(r"<(?:\w+:)?(\w+)>", rule)]

    def names_object_of_a(self, rule: str) -> bool:
        return any(source not in NOT_OF_ORGANISATION_A for source in self.sources(rule))

    def path(self, rule: str, scene: Scene) -> str:
        values = iter(str(getattr(scene, source)) for source in self.sources(rule))
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda _: next(values), rule)

    def options(self, scene: Scene) -> dict:
        out = {}
        if self.json:
            out["json"] = self.json(scene)
        if self.multipart:
            out |= multipart_body(self.multipart(scene))
        if self.query:
            out["query_string"] = self.query(scene)
        return out


NO_INPUT = Call()


def teachers_group(scene: Scene) -> int:
    """The id of the teacher's group of organisation A."""
    return db.session.scalar(
        select(group_teachers.c.group_id).where(group_teachers.c.teacher_id == scene.world.teacher.id)
    )


PARTICIPANT = "/api/participants/<int:participant_id>"
OBSERVATION = "/api/observations/<int:observation_id>"
TERM = "/api/terms/<int:term_id>"


def yesterday() -> str:
    return (date.today() - timedelta(days=1)).isoformat()


def results_csv(scene: Scene) -> bytes:
    """A test provider's results: the participant by vaktaal id, the skill in Dutch."""
    row = f"{scene.participant.id};lezen;A2;{yesterday()};toets;ICE"
    return f"participant;skill;level;date;source;test_name\n{row}\n".encode()


# (method, rule) -> a valid request. Every route that takes input needs one (see the first test below).
REQUESTS: dict[tuple[str, str], Call] = {
    ("POST", "/api/auth/code"): Call(json=lambda s: {"code": s.login_code}),
    ("POST", "/api/auth/login"): Call(json=lambda s: {"email": s.world.teacher.email, "password": factories.PASSWORD}),
    ("POST", "/api/auth/login/second-factor"): Call(json=Scene.second_factor_login),
    ("POST", "/api/me/second-factor"): NO_INPUT,
    ("POST", "/api/me/second-factor/confirm"): Call(json=Scene.second_factor_confirmation),
    ("DELETE", "/api/me/second-factor"): Call(json=lambda s: {"code": "123456"}),
    ("PATCH", "/api/me"): Call(json=lambda s: {"support_languages": ["en", "ar"]}),
    ("POST", "/api/me/reviews"): Call(json=lambda s: {"events": [answer(s.card_id)]}),
    ("POST", "/api/me/sessions"): Call(json=lambda s: {"size": 5}),
    ("PUT", "/api/me/consents/<purpose>"): Call(json=lambda s: {"given": True}),
    ("GET", "/api/me/terms"): Call(query=lambda s: {"assigned": "true"}),
    ("POST", OBSERVATION + "/decision"): Call(
        json=lambda s: {"approve": True}, url={"observation_id": "suggestion_id"}
    ),
    ("GET", OBSERVATION + "/photo"): Call(query=Scene.photo_query),
    ("POST", OBSERVATION + "/photo"): Call(multipart=lambda s: {"file": (jpeg(), "foto.jpg")}),
    ("POST", OBSERVATION + "/recording"): Call(multipart=lambda s: {"file": (recording(), "opname.wav")}),
    ("POST", PARTICIPANT + "/login-code"): NO_INPUT,
    ("POST", PARTICIPANT + "/consents"): Call(json=lambda s: {"purpose": "employer-summary", "given": True}),
    ("GET", PARTICIPANT + "/employer-summary"): Call(url={"participant_id": "consenting_participant_id"}),
    ("PATCH", PARTICIPANT + "/settings"): Call(json=lambda s: {"daily_new_limit": 5}),
    ("POST", PARTICIPANT + "/terms"): Call(json=lambda s: {"term_ids": [s.shared_term_id]}),
    ("DELETE", PARTICIPANT + "/terms/<int:term_id>"): Call(url={"term_id": "assigned_term_id"}),
    ("PATCH", PARTICIPANT): Call(json=lambda s: {"name": "Amina B.", "support_languages": ["ar", "en"]}),
    ("POST", "/api/participants"): Call(json=lambda s: {"name": "Nieuwe deelnemer", "group_id": teachers_group(s)}),
    ("POST", "/api/participants/import"): Call(
        query=lambda s: {"group_id": teachers_group(s)}, multipart=lambda s: {"file": (b"name\nNieuw\n", "groep.csv")}
    ),
    ("POST", "/api/participants/login-cards"): Call(json=lambda s: {"participant_ids": [s.world.participant.id]}),
    ("DELETE", PARTICIPANT): Call(json=lambda s: {"confirm_name": s.participant.name}),
    ("POST", "/api/proposals/<int:proposal_id>/decision"): Call(json=lambda s: {"accept": True}),
    ("GET", "/api/sectors/<slug>/terms"): Call(query=lambda s: {"level": "A1", "scope": "all", "q": "emmer"}),
    ("GET", "/api/sectors/<slug>/terms.csv"): Call(query=lambda s: {"scope": "own"}),
    ("POST", "/api/sectors/<slug>/terms.csv"): Call(
        query=lambda s: {"scope": "own"}, multipart=lambda s: {"file": (CSV.encode(), "schoonmaak-eigen.csv")}
    ),
    ("POST", "/api/terms"): Call(
        json=lambda s: term_body("spons", "sponzen", "Pak de spons.", "sponge", "إسفنجة", shared=False)
    ),
    ("GET", "/api/terms/check"): Call(query=lambda s: {"term": "dwijl", "pos": "noun"}),
    ("GET", "/api/terms/search"): Call(query=lambda s: {"q": "de dwijl"}),
    ("PATCH", TERM): Call(json=lambda s: {"level": "A2", "safety": True}),
    ("POST", TERM + "/assignments"): Call(json=lambda s: {"participant_ids": [s.world.participant.id]}),
    ("GET", TERM + "/audio"): Call(query=lambda s: s.audio_query("term")),
    ("POST", TERM + "/audio"): Call(multipart=lambda s: {"kind": "example", "file": (recording(), "opname.wav")}),
    ("POST", TERM + "/audio/adopt"): Call(
        json=lambda s: {"recording_id": s.recording_id}, url={"term_id": "shared_term_id"}
    ),
    ("GET", TERM + "/example-audio"): Call(query=lambda s: s.audio_query("example")),
    ("POST", TERM + "/proposals"): Call(
        json=lambda s: {"level": "A2", "note": "Eerst de emmer."}, url={"term_id": "shared_term_id"}
    ),
    ("POST", "/api/staff"): Call(json=lambda s: {"role": "coach", "name": "Bram", "email": "bram@a.example"}),
    ("POST", "/api/staff/<int:staff_id>/reset-link"): NO_INPUT,
    ("PATCH", "/api/staff/<int:staff_id>"): Call(json=lambda s: {"name": "Els de Nieuwe", "role": "coach"}),
    ("PATCH", "/api/organisation"): Call(
        json=lambda s: {"timezone": "Europe/Brussels", "retention_months": 12, "inactive_days": 10}
    ),
    ("POST", "/api/account-links/<token>"): Call(json=lambda s: {"password": "drie losse woorden hier"}),
    ("GET", "/api/groups"): Call(query=lambda s: {"q": "groep"}),
    ("POST", "/api/groups"): Call(json=lambda s: {"name": "Groep 3", "start_date": "2026-09-01"}),
    ("PATCH", "/api/groups/<int:group_id>"): Call(json=lambda s: {"name": "Groep 1a", "end_date": "2027-06-30"}),
    ("POST", "/api/groups/<int:group_id>/members"): Call(
        json=lambda s: {"participant_id": s.world.other_participant.id}
    ),
    ("POST", "/api/groups/<int:group_id>/members/<int:participant_id>/leave"): Call(json=lambda s: {}),
    ("POST", PARTICIPANT + "/assessments"): Call(
        json=lambda s: {
            "skill": "reading",
            "level": "a2",
            "date": yesterday(),
            "source": "observation",
            "note": "Leest",
        }
    ),
    ("PUT", PARTICIPANT + "/targets/<skill>"): Call(json=lambda s: {"level": "A2", "reason": "Besluit gemeente"}),
    ("POST", PARTICIPANT + "/target-proposals"): Call(
        json=lambda s: {"skill": "speaking", "level": "A1/A2", "reason": "Spreken gaat langzaam."}
    ),
    ("POST", PARTICIPANT + "/target-proposals/<int:target_change_id>/decline"): NO_INPUT,
    ("POST", "/api/groups/<int:group_id>/assessments"): Call(
        json=lambda s: {
            "date": yesterday(),
            "source": "test",
            "test_name": "ICE",
            "cells": [{"participant_id": s.participant.id, "skill": "reading", "level": "A2"}],
        }
    ),
    ("POST", "/api/groups/<int:group_id>/assessments/import"): Call(
        multipart=lambda s: {"file": (results_csv(s), "uitslagen.csv")}
    ),
    ("GET", "/api/workplaces"): Call(query=lambda s: {"q": "glans"}),
    ("POST", "/api/workplaces"): Call(
        json=lambda s: {"employer": "Kwekerij Zon", "site": "Kas 2", "contact_name": "Joost", "sector": "tuinbouw"}
    ),
    ("PATCH", "/api/workplaces/<int:workplace_id>"): Call(json=lambda s: {"contact_name": "Marieke"}),
    ("POST", PARTICIPANT + "/placements"): Call(
        json=lambda s: {"workplace_id": s.workplace_id, "start_date": date.today().isoformat()}
    ),
    ("PATCH", "/api/placements/<int:placement_id>"): Call(json=lambda s: {"end_date": date.today().isoformat()}),
    ("GET", "/api/caseloads"): Call(query=lambda s: {"coach_id": s.world.coach.id, "q": "amina"}),
    ("POST", "/api/caseloads"): Call(
        json=lambda s: {"coach_id": s.world.coach.id, "participant_id": s.world.other_participant.id}
    ),
    ("POST", "/api/caseloads/end"): Call(
        json=lambda s: {"coach_id": s.world.coach.id, "participant_id": s.world.participant.id}
    ),
    ("POST", "/api/visits"): Call(json=Scene.visit_body),
    ("PATCH", "/api/visits/<int:visit_id>"): Call(
        json=lambda s: {"notes": "Ook de kantine gezien.", "participant_ids": [s.world.participant.id]}
    ),
    ("POST", "/api/visits/<int:visit_id>/observations"): Call(
        json=lambda s: {"term": "trekker", "article": "de", "context": "Trek de vloer droog met de trekker."}
    ),
}

# Allowed callers whose valid request is still refused by a rule about the object, with the reason. Short on purpose:
# every other allowed caller must get the route's success status.
REFUSALS: dict[tuple[str, str, str], tuple[int, str]] = {
    **{
        ("DELETE", "/api/me/second-factor", name): (403, "required for coordinators and editors: it stays on")
        for name in ("teacher", "coordinator", "coordinator_b")  # the walk makes the teacher an editor
    },
    ("POST", "/api/participants", "coach"): (422, "a coach adds to their caseload: a group is not theirs to name"),
    ("POST", "/api/participants", "coordinator_b"): (422, "the group in the body is organisation A's"),
    ("POST", "/api/participants/import", "coordinator_b"): (422, "the group in the query is organisation A's"),
    ("POST", "/api/participants/login-cards", "coordinator_b"): (422, "the participant in the body is A's"),
    ("PATCH", "/api/visits/<int:visit_id>", "coach"): (
        403,
        "the teacher recorded the visit: only who recorded it, or a coordinator, may change it",
    ),
    ("POST", "/api/visits/<int:visit_id>/observations", "coach"): (
        403,
        "the teacher recorded the visit: only who recorded it may add the terms heard",
    ),
    ("POST", "/api/caseloads", "coordinator_b"): (422, "the coach and the participant are of organisation A"),
    ("POST", "/api/caseloads/end", "coordinator_b"): (422, "the coach and the participant are of organisation A"),
}


def _editors(world) -> None:
    """Content rights for every staff member who can hold them, so only role and object rules can refuse."""
    for user in (world.teacher, world.coordinator, world.coordinator_b):
        user.is_editor = True
    db.session.commit()


def expected_statuses(method: str, rule: str, caller_name: str) -> set[int]:
    route, call, role = ROUTES[(method, rule)], REQUESTS.get((method, rule), NO_INPUT), CALLERS[caller_name]
    another_organisation = caller_name == "coordinator_b" and call.names_object_of_a(rule)
    if PUBLIC in route.policy:
        return {route.success}  # the signed URL is the right: whoever calls, with or without a token
    if role is None:
        return {401}
    if role not in route.policy:
        return {403}
    if another_organisation:
        return {404}  # another organisation's objects do not exist for this caller
    refusal = REFUSALS.get((method, rule, caller_name))
    return {refusal[0] if refusal else route.success}


def test_every_route_that_takes_input_has_a_valid_request():
    missing = [f"{method} {rule}" for (method, rule), route in ROUTES.items() if route.takes_input]
    missing = [name for name in missing if tuple(name.split(" ", 1)) not in REQUESTS]
    assert not missing, f"add a valid request to REQUESTS for: {', '.join(missing)}"


def test_the_tables_name_real_routes_allowed_callers_and_known_url_values():
    assert set(REQUESTS) <= set(ROUTES), set(REQUESTS) - set(ROUTES)
    for (method, rule, caller_name), (status, reason) in REFUSALS.items():
        assert CALLERS[caller_name] in ROUTES[(method, rule)].policy, f"{caller_name} is refused {method} {rule} anyway"
        assert status in (403, 409, 422) and reason
    for (method, rule), route in ROUTES.items():
        assert route.policy is not None, f"{method} {rule} declares no policy"
        call = REQUESTS.get((method, rule), NO_INPUT)
        unknown = [source for source in call.sources(rule) if not hasattr(Scene, source)]
        assert not unknown, f"{method} {rule}: add its URL parameters {unknown} to URL_VALUES and the Scene"


def test_the_walk_covers_the_foundation_routes_and_every_role():
    paths = {rule for _, rule in ROUTES}
    assert {"/api/me", "/api/participants", "/api/participants/<int:participant_id>/login-code"} <= paths
    assert set(CALLERS.values()) == set(Role) | {None}


@pytest.mark.parametrize("caller_name", CALLERS)
@pytest.mark.parametrize(("method", "rule"), ROUTES)
def test_route_answers_each_caller_by_the_rules(client, world, method, rule, caller_name):
    _editors(world)
    caller = getattr(world, caller_name, None)
    scene = Scene(client, world)
    call = REQUESTS.get((method, rule), NO_INPUT)
    url, options = call.path(rule, scene), call.options(scene)
    headers = factories.headers(caller) if caller else {}
    response = client.open(url, method=method, headers=headers, **options)

    status, body = response.status_code, shown(response)
    assert status < 500, f"{method} {url} as {caller_name}: {status} {body}"
    assert response.is_json or status < 400, f"{method} {rule} answered an error as {response.content_type}"
    expected = expected_statuses(method, rule, caller_name)
    assert status in expected, f"{method} {url} as {caller_name}: expected {sorted(expected)}, got {status} {body}"


@pytest.mark.parametrize(("method", "rule"), [route for route in ROUTES if "<int:participant_id>" in route[1]])
@pytest.mark.parametrize("caller_name", ["participant", "teacher", "coach"])
def test_participant_outside_scope_is_not_found(client, world, method, rule, caller_name):
    _editors(world)
    caller = getattr(world, caller_name)
    scene = Scene(client, world, participant=world.other_participant)
    call = REQUESTS.get((method, rule), NO_INPUT)
    url, options = call.path(rule, scene), call.options(scene)
    response = client.open(url, method=method, headers=factories.headers(caller), **options)
    expected = 404 if CALLERS[caller_name] in ROUTES[(method, rule)].policy else 403
    assert response.status_code == expected, f"{method} {url} as {caller_name}: {shown(response)}"


def test_coordinator_sees_whole_organisation_teacher_own_groups_coach_caseload(client, world):
    def names(user):
        response = client.get("/api/participants", headers=factories.headers(user))
        assert response.status_code == 200
        return [p["name"] for p in response.json]

    assert names(world.coordinator) == ["Amina", "Yonas"]
    assert names(world.teacher) == ["Amina"]
    assert names(world.other_teacher) == ["Yonas"]
    assert names(world.coach) == ["Amina"]
    assert names(world.participant) == ["Amina"]
    assert names(world.coordinator_b) == ["Olena"]


def test_every_role_is_a_known_role(world):
    roles = {Role(user.role) for user in (world.teacher, world.coach, world.coordinator)}
    assert roles == set(Role) - {Role.PARTICIPANT}


# No answer names a participant outside the caller's scope. In the crowded scene Yonas (the other teacher's group, in
# no caseload of the world's coach) is named next to Amina wherever an object can name participants: the visit and
# its word (recorded while its teacher taught both groups), the coach's suggestion (made while Yonas was in the
# caseload), the term's assignments and the workplace's placements.


@contextmanager
def scope_widened(world, user):
    """For a while ``user`` may see Yonas too: a teacher teaches his group, a coach has him in the caseload."""
    other = world.other_participant
    if user.role is Role.TEACHER:
        group = select(group_participants.c.group_id).where(group_participants.c.participant_id == other.id)
        group_id = db.session.scalar(group)
        db.session.execute(group_teachers.insert().values(group_id=group_id, teacher_id=user.id))
        undo = group_teachers.delete().where(
            group_teachers.c.group_id == group_id, group_teachers.c.teacher_id == user.id
        )
    else:
        db.session.execute(caseload.insert().values(coach_id=user.id, participant_id=other.id))
        undo = caseload.delete().where(caseload.c.coach_id == user.id, caseload.c.participant_id == other.id)
    db.session.commit()
    try:
        yield
    finally:
        db.session.execute(undo)
        db.session.commit()


class CrowdedScene(Scene):
    """The scene with Yonas next to Amina in every object that names participants."""

    @cached_property
    def workplace_id(self) -> int:
        workplace_id = Scene.workplace_id.func(self)
        start = date(2026, 1, 1)
        db.session.add(
            Placement(workplace_id=workplace_id, participant_id=self.world.other_participant.id, start_date=start)
        )
        db.session.commit()
        return workplace_id

    def visit_body(self) -> dict:
        return super().visit_body() | {"participant_ids": [self.world.participant.id, self.world.other_participant.id]}

    @cached_property
    def visit(self) -> dict:
        with scope_widened(self.world, self.world.teacher):
            return Scene.visit.func(self)

    @cached_property
    def suggestion_id(self) -> int:
        with scope_widened(self.world, self.world.coach):
            return Scene.suggestion_id.func(self)

    @cached_property
    def assigned_term_id(self) -> int:
        term_id = Scene.assigned_term_id.func(self)
        url = f"/api/participants/{self.world.other_participant.id}/terms"
        self.send(self.world.other_teacher, "POST", url, 200, json={"term_ids": [term_id]})
        return term_id

    def build(self) -> "CrowdedScene":
        """Everything at once, so the lists (suggestions, a workplace's visits) hold it whatever the URL names."""
        assert self.visit and self.suggestion_id and self.assigned_term_id
        return self


def test_the_crowded_scene_names_yonas_where_a_coordinator_looks(client, world):
    """The walk below guards something: Yonas is really there, for whoever may see him."""
    _editors(world)
    scene = CrowdedScene(client, world).build()
    coordinator = factories.headers(world.coordinator)
    looks = [
        f"/api/visits/{scene.visit_id}",
        f"/api/workplaces/{scene.workplace_id}/visits",
        f"/api/participants/{world.participant.id}/visits",
        f"/api/workplaces/{scene.workplace_id}",
        f"/api/workplaces/{scene.workplace_id}/prepare",
        f"/api/terms/{scene.assigned_term_id}/assignments",
        "/api/suggestions",
    ]
    for url in looks:
        response = client.get(url, headers=coordinator)
        assert response.status_code == 200 and b"Yonas" in response.get_data(), url


@pytest.mark.parametrize("caller_name", ["participant", "teacher", "coach"])
@pytest.mark.parametrize(("method", "rule"), ROUTES)
def test_no_answer_names_a_participant_outside_the_callers_scope(client, world, method, rule, caller_name):
    _editors(world)
    caller = getattr(world, caller_name)
    scene = CrowdedScene(client, world).build()
    call = REQUESTS.get((method, rule), NO_INPUT)
    url, options = call.path(rule, scene), call.options(scene)
    response = client.open(url, method=method, headers=factories.headers(caller), **options)
    expected = expected_statuses(method, rule, caller_name)
    assert response.status_code in expected, f"{method} {url} as {caller_name}: {shown(response)}"
    assert world.other_participant.name.encode() not in response.get_data(), f"{method} {url} as {caller_name}"
