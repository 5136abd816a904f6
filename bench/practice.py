"""Benchmark: building practice sessions and ingesting answers, through the real app, on a realistic database.

Builds a database through the real migrations (a fresh SQLite file in a temporary directory, or the PostgreSQL
database given with --database-url), imports the shipped wordlists, creates one organisation with many
participants, their cards and a large history of answers (review events), then calls the API with Flask's test
client (routing, auth, validation and serialisation included):

* POST /api/me/sessions {"size": 20} for a sample of participants;
* POST /api/me/reviews with a batch of 20 new answers for the same participants, then the same batches again
  (all duplicates);
* the SQL statements each request runs, and how that count changes with the session size and the batch size
  (constant: no N+1).

See bench/README.md. Run with the project's venv: .venv/bin/python bench/practice.py [--quick].
"""

import argparse
import gc
import json
import logging
import multiprocessing
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Run as a script (bench/practice.py), the repository root is not on sys.path; the editable install alone does
# not make the `api` package importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.orm import selectinload

from api import convert, create_app
from api.extensions import db
from api.models import Assignment, Card, ParticipantProfile, ReviewEvent, Sector, Term, User, participant_sectors
from api.resources import resources
from api.services.logins import issue_token
from api.services.people import create_organisation, ensure_sectors
from api.services.wordlists import import_directory
from vaktaal import scheduling
from vaktaal.exercises import RECOGNITION, Result, Skill, skills_for
from vaktaal.roles import DEFAULT_TIMEZONE, Role
from vaktaal.scheduling import Answer
from vaktaal.sessions import Candidate, new_term_order

CHUNK = 10_000  # rows per executemany
PARTICIPANTS_PER_CHUNK = 100  # participants generated (cards, answers, states) and inserted at a time
HISTORY_DAYS = 60
SESSION_SIZE = 20
BATCH_SIZE = 20
WARMUP = 3
SCALING_SESSION_SIZES = (5, 20, 50)
SCALING_BATCH_SIZES = (5, 20, 100)
SCALING_PER_SIZE = 5  # participants per size in the statement-count scaling check

OTHER_SECTORS = ("schoonmaak", "tuinbouw", "installatie", "logistiek", "zorg")
LANGUAGE_SETS = (["ar"], ["ti", "en"], ["fa"], ["uk", "en"], ["tr"], ["en"], ["ar", "en"], ["ti"], ["fa", "en"], [])
ROUTES = ("b1", "onderwijs", "z", None)


def app_config(database_url: str) -> dict:
    """As tests/conftest.py's app_config (not imported: that module needs pytest)."""
    return {"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "bench", "DEMO": False}


def log(message: str) -> None:
    print(message, flush=True)


# Setup


def random_uuid(rng: random.Random) -> str:
    """A version-4 UUID from ``rng`` (reproducible with --seed, unlike uuid.uuid4)."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def insert_chunked(table, rows: list[dict], *, returning=None) -> list:
    """executemany in chunks of CHUNK rows; with ``returning``, the returned values in parameter order."""
    out = []
    for start in range(0, len(rows), CHUNK):
        part = rows[start : start + CHUNK]
        if returning is None:
            db.session.execute(insert(table), part)
        else:
            statement = insert(table).returning(returning, sort_by_parameter_order=True)
            out += db.session.execute(statement, part).scalars().all()
    return out


def refuse_non_empty() -> None:
    users = db.session.scalar(select(func.count()).select_from(User))
    if users:
        sys.exit(f"The database already has {users} users; the benchmark needs an empty database (it adds data).")


def create_participants(organisation_id: int, count: int, sectors: dict[str, int], *, now: datetime) -> list[dict]:
    """Users, profiles and sectors in bulk (one executemany per table, not one ORM call per participant)."""
    created = now - timedelta(days=HISTORY_DAYS + 10)
    users = [
        {
            "organisation_id": organisation_id,
            "role": Role.PARTICIPANT.value,
            "name": f"Deelnemer {i + 1:05d}",
            "is_editor": False,
            "active": True,
            "created_at": created,
        }
        for i in range(count)
    ]
    ids = insert_chunked(User.__table__, users, returning=User.__table__.c.id)
    people = [
        {
            "id": user_id,
            "sector": OTHER_SECTORS[i % len(OTHER_SECTORS)],
            "languages": LANGUAGE_SETS[i % len(LANGUAGE_SETS)],
            "route": ROUTES[i % len(ROUTES)],
        }
        for i, user_id in enumerate(ids)
    ]
    insert_chunked(
        ParticipantProfile.__table__,
        [
            {
                "user_id": p["id"],
                "support_languages": p["languages"],
                "route": p["route"],
                "start_date": created.date(),
                "timezone": DEFAULT_TIMEZONE,
                "daily_new_limit": None,
            }
            for p in people
        ],
    )
    insert_chunked(
        participant_sectors,
        [{"participant_id": p["id"], "sector_id": sectors[slug]} for p in people for slug in ("algemeen", p["sector"])],
    )
    db.session.commit()
    return people


class Generator:
    """A participant's practice history: which terms they met, when, every answer, and the replayed card states.

    Terms are introduced in the order the session planner uses (safety first, A1 first, common words first), a
    few terms further down come from a teacher's assignment, and one in three participants has an assigned term
    not met yet. Answers fall on ~75% of the days of the history window, each card's answers denser just after it
    was introduced; correct/slip/wrong from a per-participant success rate. Card states are the full FSRS replay
    (vaktaal.scheduling.replay) of each card's answers, as the app computes them. Terms whose recognition holds
    at the end get their production cards (unanswered, created at the later of the two last reviews), as the
    app's unlock would have made them.
    """

    def __init__(self, rng: random.Random, terms: list[Term], orders: dict[str, list[int]], *, end: datetime):
        self.rng = rng
        self.safety = {t.id: t.safety for t in terms}  # plain values: commits expire the Term objects
        self.info = {t.id: convert.term_info(t) for t in terms}
        self.orders = orders
        self.end = end
        self.start = end - timedelta(days=HISTORY_DAYS)

    def participant(self, person: dict, n_events: int, teacher_id: int):
        rng = self.rng
        order = self.orders[person["sector"]]
        n_terms = max(4, min(len(order) - 20, round(rng.gauss(20, 3))))
        k_assigned = rng.choice((0, 0, 1, 2, 3))
        met = order[: n_terms - k_assigned]
        met += rng.sample(order[n_terms + 5 :], k_assigned)
        assignments = []
        for term_id in met[n_terms - k_assigned :]:
            assignments.append((term_id, None))  # assigned, then met: its intro time is filled in below
        if rng.random() < 1 / 3:
            pending = rng.choice([t for t in order[n_terms + 5 :] if t not in met])
            assignments.append((pending, self.end - timedelta(hours=rng.uniform(2, 48))))

        days = [d for d in range(HISTORY_DAYS) if rng.random() < 0.75] or [0]
        intro_days = [days[int(j * len(days) * 0.8 / len(met))] for j in range(len(met))]
        intro = {
            term_id: self.start + timedelta(days=day, hours=rng.uniform(6, 17))
            for term_id, day in zip(met, intro_days, strict=True)
        }
        success = rng.uniform(0.70, 0.92)

        card_keys = [(term_id, skill) for term_id in met for skill in RECOGNITION]
        per_card = 2 if n_events >= 4 * len(card_keys) else 1
        weights = [(self.end - intro[t]).total_seconds() / 86400 + 1 for t, _ in card_keys]
        spare = max(0, n_events - per_card * len(card_keys))
        total = sum(weights)
        counts = [per_card + int(spare * w / total) for w in weights]
        for _ in range(max(0, n_events - sum(counts))):
            counts[rng.randrange(len(counts))] += 1

        cards, events = [], []  # events: (index into cards, row without card_id)
        states: dict[int, dict[Skill, scheduling.CardState]] = defaultdict(dict)
        for (term_id, skill), n in zip(card_keys, counts, strict=True):
            t0 = intro[term_id]
            answers = []
            for when in self._times(t0, n):
                answers.append(
                    Answer(
                        id=random_uuid(rng),
                        answered_at=when,
                        result=self._result(success - (0.2 if not answers else 0.0)),
                        hint_used=rng.random() < 0.04,
                        duration_ms=min(60_000, int(rng.lognormvariate(8.0, 0.45))),
                    )
                )
            state = scheduling.replay(answers, created_at=t0, skill=skill, safety=self.safety[term_id])
            states[term_id][skill] = state
            index = len(cards)
            cards.append(
                {"participant_id": person["id"], "term_id": term_id, "skill": skill.value, "created_at": t0}
                | convert.state_columns(state)
            )
            for a in answers:
                received = min(self.end, a.answered_at + timedelta(minutes=rng.uniform(0, 240)))
                events.append(
                    (
                        index,
                        {
                            "id": a.id,
                            "participant_id": person["id"],
                            "answered_at": a.answered_at,
                            "result": a.result.value,
                            "hint_used": a.hint_used,
                            "duration_ms": a.duration_ms,
                            "received_at": received,
                        },
                    )
                )
        for term_id in met:
            if scheduling.recognition_holds(states[term_id]):
                unlocked = max(s.last_review for s in states[term_id].values())
                for skill in skills_for(self.info[term_id]):
                    if skill not in RECOGNITION:
                        cards.append(
                            {
                                "participant_id": person["id"],
                                "term_id": term_id,
                                "skill": skill.value,
                                "created_at": unlocked,
                                "due": unlocked,
                                "state": 1,
                                "step": None,
                                "stability": None,
                                "difficulty": None,
                                "last_review": None,
                                "reps": 0,
                                "lapses": 0,
                            }
                        )
        assignment_rows = [
            {
                "participant_id": person["id"],
                "term_id": term_id,
                "assigned_by_id": teacher_id,
                "assigned_at": at if at is not None else intro[term_id] - timedelta(days=rng.uniform(0.5, 3)),
                "removed_at": None,
            }
            for term_id, at in assignments
        ]
        return cards, events, assignment_rows

    def _times(self, t0: datetime, n: int) -> list[datetime]:
        """n answer times: two in the session that introduced the card, the rest denser early, up to the end."""
        rng = self.rng
        times = [t0 + timedelta(seconds=rng.uniform(5, 120))]
        if n > 1:
            times.append(t0 + timedelta(minutes=rng.uniform(3, 15)))
        later = t0 + timedelta(hours=1)
        span = max(0.0, (self.end - later).total_seconds())
        times += [later + timedelta(seconds=span * rng.random() ** 1.6) for _ in range(n - 2)]
        return sorted(min(t, self.end) for t in times)

    def _result(self, success: float) -> str:
        r = self.rng.random()
        if r < success:
            return Result.CORRECT
        return Result.SLIP if r < success + (1 - success) * 0.4 else Result.WRONG


def build_database(app, args, rng: random.Random) -> dict:
    """Migrate, import the wordlists, create the organisation, participants and their history. Returns timings."""
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str, since: float) -> float:
        now_ = time.perf_counter()
        timings[name] = round(now_ - since, 2)
        log(f"  {name}: {now_ - since:.1f} s")
        return now_

    t = time.perf_counter()
    upgrade(directory=app.extensions["migrate"].directory)
    ensure_sectors()
    refuse_non_empty()
    t = lap("migrate", t)

    now = datetime.now(UTC)
    import_directory(Path(app.config["WORDLISTS_DIR"]), checker=resources(app).checker, now=now)
    t = lap("import_wordlists", t)

    organisation = create_organisation("Benchmark Regio")
    sectors = {s.slug: s.id for s in db.session.scalars(select(Sector))}
    teacher_id = insert_chunked(
        User.__table__,
        [
            {
                "organisation_id": organisation.id,
                "role": Role.TEACHER.value,
                "name": "Docent Benchmark",
                "email": "docent@bench.invalid",
                "is_editor": False,
                "active": True,
                "created_at": now,
            }
        ],
        returning=User.__table__.c.id,
    )[0]
    people = create_participants(organisation.id, args.participants, sectors, now=now)
    t = lap("participants", t)

    terms = db.session.scalars(
        select(Term)
        .where(Term.organisation_id.is_(None), Term.retired.is_(False))
        .options(selectinload(Term.sector))
        .order_by(Term.id)
    ).all()
    orders = {}
    for slug in OTHER_SECTORS:
        wanted = {sectors["algemeen"], sectors[slug]}
        candidates = [Candidate(t.id, t.safety, t.level, t.frequency) for t in terms if t.sector_id in wanted]
        orders[slug] = [c.term_id for c in sorted(candidates, key=new_term_order)]

    # History ends two hours ago: the benchmark's new answers (in the last hour) come after every card's last review.
    generator = Generator(rng, terms, orders, end=now - timedelta(hours=2))
    weights = [rng.uniform(0.7, 1.3) for _ in people]
    scale = args.events / sum(weights)
    budgets = [round(w * scale) for w in weights]

    card_ids: dict[int, list[int]] = {}
    totals = defaultdict(int)
    generate_s = insert_s = 0.0
    progress_t = time.perf_counter()
    for start in range(0, len(people), PARTICIPANTS_PER_CHUNK):
        g0 = time.perf_counter()
        cards, events, assignments, owners = [], [], [], []
        for person, budget in zip(
            people[start : start + PARTICIPANTS_PER_CHUNK],
            budgets[start : start + PARTICIPANTS_PER_CHUNK],
            strict=True,
        ):
            p_cards, p_events, p_assignments = generator.participant(person, budget, teacher_id)
            offset = len(cards)
            cards += p_cards
            events += [(offset + i, row) for i, row in p_events]
            assignments += p_assignments
            owners += [person["id"]] * len(p_cards)
        g1 = time.perf_counter()
        ids = insert_chunked(Card.__table__, cards, returning=Card.__table__.c.id)
        for card, card_id, owner in zip(cards, ids, owners, strict=True):
            if card["skill"] in (Skill.LISTENING.value, Skill.READING.value):
                card_ids.setdefault(owner, []).append(card_id)
        rows = []
        for index, row in events:
            row["card_id"] = ids[index]
            rows.append(row)
        insert_chunked(ReviewEvent.__table__, rows)
        insert_chunked(Assignment.__table__, assignments)
        db.session.commit()
        g2 = time.perf_counter()
        generate_s += g1 - g0
        insert_s += g2 - g1
        totals["cards"] += len(cards)
        totals["events"] += len(rows)
        totals["assignments"] += len(assignments)
        done = min(start + PARTICIPANTS_PER_CHUNK, len(people))
        if time.perf_counter() - progress_t > 5 or done == len(people):
            progress_t = time.perf_counter()
            elapsed = progress_t - t
            log(
                f"  history: {done:,}/{len(people):,} participants, {totals['events']:,} answers, "
                f"{totals['cards']:,} cards ({elapsed:.0f} s, {totals['events'] / elapsed:,.0f} answers/s)"
            )
    timings["history_generate_and_replay"] = round(generate_s, 2)
    timings["history_insert"] = round(insert_s, 2)
    t = lap("history", t)

    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        t = lap("analyze", t)
    timings["total"] = round(time.perf_counter() - started, 2)
    return {
        "timings": timings,
        "people": people,
        "card_ids": card_ids,
        "counts": {
            "participants": len(people),
            "terms": len(terms),
            "cards": totals["cards"],
            "review_events": totals["events"],
            "assignments": totals["assignments"],
        },
    }


# Measuring


class StatementCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, *args, **kwargs):
        self.count += 1


class GcWatch:
    """Time spent in Python's garbage collector, and how many full (generation 2) collections ran."""

    def __init__(self):
        self.seconds = 0.0
        self.full = 0
        self._started = 0.0
        gc.callbacks.append(self)

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.full += info["generation"] == 2

    def close(self) -> None:
        gc.callbacks.remove(self)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


class Caller:
    """POSTs through the test client, timing each request and counting its SQL statements. Runs outside any app
    context, so each request gets its own app context and database session, as in production."""

    def __init__(self, app, engine):
        self.client = app.test_client()
        self.engine = engine
        self.counter = StatementCounter()
        self.gc = GcWatch()
        event.listen(engine, "before_cursor_execute", self.counter)

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self.counter)
        self.gc.close()

    def post(self, path: str, body: dict, token: str, expect: int):
        self.counter.count = 0
        t0 = time.perf_counter()
        response = self.client.post(path, json=body, headers={"Authorization": f"Bearer {token}"})
        elapsed = time.perf_counter() - t0
        if response.status_code != expect:
            raise SystemExit(f"POST {path}: {response.status_code} {response.get_data(as_text=True)[:500]}")
        return response.get_json(), elapsed, self.counter.count

    def phase(self, path: str, bodies: list[tuple[str, dict]], expect: int) -> tuple[dict, list[dict]]:
        """POST each (token, body) in turn; returns the figures and the response bodies."""
        gc_before, full_before = self.gc.seconds, self.gc.full
        seconds, statements, answers = [], [], []
        for token, body in bodies:
            answer, elapsed, count = self.post(path, body, token, expect)
            seconds.append(elapsed)
            statements.append(count)
            answers.append(answer)
        ms = [s * 1000 for s in seconds]
        figures = {
            "requests": len(ms),
            "mean_ms": round(statistics.fmean(ms), 2),
            "p50_ms": round(percentile(ms, 50), 2),
            "p95_ms": round(percentile(ms, 95), 2),
            "max_ms": round(max(ms), 2),
            "per_second": round(len(ms) / sum(seconds), 1),
            "statements": {
                "min": min(statements),
                "mean": round(statistics.fmean(statements), 2),
                "max": max(statements),
            },
            "gc_ms": round((self.gc.seconds - gc_before) * 1000, 1),
            "gc_full_collections": self.gc.full - full_before,
        }
        return figures, answers


def answers_batch(rng: random.Random, card_ids: list[int], n: int) -> list[dict]:
    """n new answers on the participant's own cards, in the last hour, a few seconds apart, oldest first."""
    now = datetime.now(UTC)
    chosen = rng.sample(card_ids, n) if n <= len(card_ids) else [rng.choice(card_ids) for _ in range(n)]
    start = now - timedelta(minutes=rng.uniform(15, 55))
    out = []
    for i, card_id in enumerate(chosen):
        r = rng.random()
        result = "correct" if r < 0.8 else ("slip" if r < 0.88 else "wrong")
        out.append(
            {
                "id": random_uuid(rng),
                "card_id": card_id,
                "answered_at": (start + timedelta(seconds=20 * i + rng.uniform(0, 15))).isoformat(),
                "result": result,
                "hint_used": rng.random() < 0.04,
                "duration_ms": min(60_000, int(rng.lognormvariate(8.0, 0.45))),
            }
        )
    return out


def statuses(answers: list[dict]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for answer in answers:
        for result in answer["results"]:
            out[result["status"]] += 1
    return dict(out)


def measure(app, engine, setup: dict, args, rng: random.Random) -> dict:
    ids = [p["id"] for p in setup["people"]]
    sample = rng.sample(ids, min(args.samples, len(ids)))
    sampled = set(sample)
    rest = [i for i in ids if i not in sampled]
    rng.shuffle(rest)
    warmup = rest[:WARMUP]
    scaling = rest[WARMUP : WARMUP + SCALING_PER_SIZE * (len(SCALING_SESSION_SIZES) + len(SCALING_BATCH_SIZES))]

    with app.app_context():
        tokens = {}
        for user_id in sample + warmup + scaling:
            tokens[user_id], _ = issue_token(db.session.get(User, user_id), now=datetime.now(UTC))
        db.session.commit()
        db.session.remove()

    card_ids = setup["card_ids"]
    caller = Caller(app, engine)
    try:
        for user_id in warmup:
            caller.post("/api/me/sessions", {"size": SESSION_SIZE}, tokens[user_id], 201)
            batch = answers_batch(rng, card_ids[user_id], BATCH_SIZE)
            caller.post("/api/me/reviews", {"events": batch}, tokens[user_id], 200)

        log(f"  session builds: {len(sample)} participants, size {SESSION_SIZE}")
        bodies = [(tokens[user_id], {"size": SESSION_SIZE}) for user_id in sample]
        sessions, answers = caller.phase("/api/me/sessions", bodies, 201)
        sessions |= {
            "size": SESSION_SIZE,
            "exercises_mean": round(statistics.fmean(len(a["exercises"]) for a in answers), 2),
        }

        log(f"  review batches: {len(sample)} participants, {BATCH_SIZE} new answers each")
        bodies = [(tokens[u], {"events": answers_batch(rng, card_ids[u], BATCH_SIZE)}) for u in sample]
        events = len(sample) * BATCH_SIZE
        new, answers = caller.phase("/api/me/reviews", bodies, 200)
        new |= {
            "batch_size": BATCH_SIZE,
            "events": events,
            "events_per_second": round(events / (new["mean_ms"] * new["requests"] / 1000), 1),
            "statuses": statuses(answers),
            "cards_returned_mean": round(statistics.fmean(len(a["cards"]) for a in answers), 2),
        }

        log("  the same batches again (duplicates)")
        duplicate, answers = caller.phase("/api/me/reviews", bodies, 200)
        duplicate |= {
            "batch_size": BATCH_SIZE,
            "events": events,
            "events_per_second": round(events / (duplicate["mean_ms"] * duplicate["requests"] / 1000), 1),
            "statuses": statuses(answers),
        }

        log("  statements by session size and batch size")
        scaling_out: dict[str, dict] = {"session_size": {}, "batch_events": {}}
        people = iter(scaling)
        for size in SCALING_SESSION_SIZES:
            group = [next(people) for _ in range(SCALING_PER_SIZE)]
            figures, _ = caller.phase("/api/me/sessions", [(tokens[u], {"size": size}) for u in group], 201)
            scaling_out["session_size"][str(size)] = figures["statements"]
        for size in SCALING_BATCH_SIZES:
            group = [next(people) for _ in range(SCALING_PER_SIZE)]
            bodies_ = [(tokens[u], {"events": answers_batch(rng, card_ids[u], size)}) for u in group]
            figures, _ = caller.phase("/api/me/reviews", bodies_, 200)
            scaling_out["batch_events"][str(size)] = figures["statements"]
    finally:
        caller.close()

    if new["statuses"] != {"accepted": events} or duplicate["statuses"] != {"duplicate": events}:
        raise SystemExit(f"unexpected statuses: new {new['statuses']}, again {duplicate['statuses']}")
    return {
        "session_build": sessions,
        "ingest_new": new,
        "ingest_duplicate": duplicate,
        "statement_scaling": scaling_out,
    }


# Reporting


def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def database_info(engine) -> dict:
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            version = connection.exec_driver_sql("SHOW server_version").scalar()
        elif engine.dialect.name == "sqlite":
            version = connection.exec_driver_sql("SELECT sqlite_version()").scalar()
        else:
            version = ""
    return {
        "dialect": engine.dialect.name,
        "driver": engine.dialect.driver,
        "version": version,
        "url": engine.url.render_as_string(hide_password=True),
    }


def table(results: dict) -> str:
    s, n, d = results["session_build"], results["ingest_new"], results["ingest_duplicate"]
    db_ = results["database"]
    counts = results["data"]
    lines = [
        f"database        {db_['dialect']} {db_['version']} ({db_['driver']})",
        f"data            {counts['participants']:,} participants, {counts['terms']:,} terms, "
        f"{counts['cards']:,} cards, {counts['review_events']:,} review events, {counts['assignments']:,} assignments",
        f"setup           {results['setup_seconds']['total']:.1f} s "
        + "("
        + ", ".join(f"{k} {v:.1f} s" for k, v in results["setup_seconds"].items() if k != "total")
        + ")",
        "",
        f"{'':24} {'n':>5} {'mean ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>7} {'events/s':>9} "
        f"{'SQL/req':>9} {'GC ms (full)':>13}",
    ]
    for name, row, events in (
        (f"session build (size {s['size']})", s, None),
        (f"reviews: {n['batch_size']} new", n, n["events_per_second"]),
        (f"reviews: {d['batch_size']} duplicates", d, d["events_per_second"]),
    ):
        st = row["statements"]
        sql = f"{st['min']}-{st['max']}" if st["min"] != st["max"] else str(st["min"])
        lines.append(
            f"{name:24} {row['requests']:>5} {row['mean_ms']:>9.1f} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
            f"{row['max_ms']:>8.1f} {row['per_second']:>7.1f} {events if events is not None else '':>9} {sql:>9} "
            f"{row['gc_ms']:>7.0f} ({row['gc_full_collections']:>3})"
        )
    scaling = results["statement_scaling"]

    def fmt(values: dict) -> str:
        return ", ".join(
            f"{k}: {v['min']}" + (f"-{v['max']}" if v["max"] != v["min"] else "") for k, v in values.items()
        )

    lines += [
        "",
        f"SQL statements per session build by size: {fmt(scaling['session_size'])}",
        f"SQL statements per review batch by events: {fmt(scaling['batch_events'])}",
        f"mean exercises per session: {s['exercises_mean']}; statuses new {n['statuses']}, again {d['statuses']}",
    ]
    return "\n".join(lines)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=None, help="participants (default 2000; quick 200)")
    parser.add_argument("--events", type=int, default=None, help="review events in total (default 1,000,000)")
    parser.add_argument("--samples", type=int, default=None, help="participants measured (default 200; quick 50)")
    parser.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", default=None, help="write the results as JSON to this file")
    parser.add_argument("--quick", action="store_true", help="small run: 200 participants, 50,000 events")
    parser.add_argument(
        "--gc-freeze", action="store_true", help="gc.freeze() after loading the app, before measuring (see README)"
    )
    args = parser.parse_args(argv)
    quick = {"participants": 200, "events": 50_000, "samples": 50}
    full = {"participants": 2000, "events": 1_000_000, "samples": 200}
    for name, value in (quick if args.quick else full).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    needed = args.samples + WARMUP + SCALING_PER_SIZE * (len(SCALING_SESSION_SIZES) + len(SCALING_BATCH_SIZES))
    if args.participants < needed:
        parser.error(f"--participants must be at least {needed} for {args.samples} samples")
    return args


def setup_process(args: argparse.Namespace, url: str, audio_dir: str) -> dict:
    """Build the database (run in a child process, see main)."""
    app = create_app(app_config(url) | {"AUDIO_DIR": audio_dir, "GTTS_TIMEOUT": 0})
    logging.getLogger().setLevel(logging.WARNING)  # create_app sets INFO
    with app.app_context():
        out = build_database(app, args, random.Random(args.seed))
        db.session.remove()
        db.engine.dispose()
    return out


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vaktaal-bench-") as tmp:
        url = args.database_url or "sqlite:///" + str(Path(tmp) / "bench.sqlite3")
        audio_dir = str(Path(tmp) / "audio")
        log(f"setup: {args.participants:,} participants, {args.events:,} review events")
        # The setup runs in a child process: importing the wordlists loads the article lexicon and wordfreq's
        # tables, which an app worker serving practice does not hold and which would slow its garbage collector.
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            setup = pool.submit(setup_process, args, url, audio_dir).result()
        log(f"setup took {setup['timings']['total']:.1f} s")

        app = create_app(app_config(url) | {"AUDIO_DIR": audio_dir, "GTTS_TIMEOUT": 0})
        logging.getLogger().setLevel(logging.WARNING)
        with app.app_context():
            engine = db.engine
        if args.gc_freeze:
            gc.collect()
            gc.freeze()  # as a server would after loading the app (e.g. gunicorn --preload with gc.freeze())
        log("measuring" + (" (gc.freeze() after loading the app)" if args.gc_freeze else ""))
        results = {
            "database": database_info(engine),
            "machine": machine(),
            "config": {
                "participants": args.participants,
                "events": args.events,
                "samples": args.samples,
                "seed": args.seed,
                "quick": args.quick,
                "gc_freeze": args.gc_freeze,
            },
            "data": setup["counts"],
            "setup_seconds": setup["timings"],
        } | measure(app, engine, setup, args, random.Random(args.seed + 1))
        engine.dispose()
    print()
    print(table(results))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2) + "\n")
        log(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
