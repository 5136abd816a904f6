"""Benchmark: a coach's caseload and an organisation report, with a small and a large history of answers.

Cost follows the people shown, not the history (issue 16): a 30-participant caseload (GET /api/caseload as their
coach) and an organisation report (GET /api/reports as the coordinator) are timed with 10,000 answers
(review_events) in the database, then again after the history has grown to 1,000,000, the per-day aggregates
(practice_days) consistent with the answers both times. GET /api/health is timed in the same rounds as the baseline.
The database is built through the real migrations and the requests go through the real app (Flask's test client).

See bench/README.md. Run with the project's venv: .venv/bin/python bench/caseload.py [--quick].
"""

import argparse
import hashlib
import json
import logging
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

# Run as a script, the repository root is not on sys.path (see bench/practice.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade
from sqlalchemy import bindparam, event, func, insert, select, text, update
from sqlalchemy.orm import selectinload

from api import create_app
from api.extensions import db
from api.models import Assessment, Assignment, Card, PracticeDay, ReviewEvent, Sector, Term, User, caseload
from api.resources import resources
from api.services.logins import issue_token
from api.services.people import create_organisation, ensure_sectors
from api.services.wordlists import import_directory
from bench.practice import (
    OTHER_SECTORS,
    StatementCounter,
    app_config,
    create_participants,
    database_info,
    insert_chunked,
    log,
    machine,
    percentile,
    refuse_non_empty,
)
from vaktaal import scheduling
from vaktaal.exercises import RECOGNITION, Skill
from vaktaal.levels import AssessmentSource, Level
from vaktaal.roles import Role
from vaktaal.sessions import Candidate, new_term_order

CHUNK = 20_000  # answers per executemany (SQLite)
HISTORY_DAYS = 59  # answers fall on 45 of the 59 days before today (every fourth day none)
TERMS_EACH = 20  # terms each participant has met (two recognition cards each)
CARDS_EACH = 2 * TERMS_EACH
CASELOAD = 30
# A term's cards by its place in the participant's list (index % 5): (stability, reps, lapses) of its reading and
# listening cards. Learning, learning but failing, known, mastered, known: every figure of the caseload has work.
STATES = (
    ((3.0, 3, 0), (2.0, 3, 1)),
    ((0.5, 6, 0), (0.4, 5, 2)),  # keeps failing
    ((10.0, 5, 0), (5.0, 4, 0)),
    ((40.0, 8, 0), (20.0, 6, 0)),
    ((12.0, 5, 1), (9.0, 5, 0)),
)
ROUTES = ("/api/health", "/api/caseload", "/api/reports")


def answer_id(g: int) -> str:
    """The g-th answer's id: a UUID from md5(g), as the PostgreSQL loader makes it."""
    return str(uuid.UUID(hashlib.md5(str(g).encode()).hexdigest()))


# Setup


def build(app, args) -> dict:
    """Migrate, import the wordlists, one organisation with a coordinator, a coach with a 30-participant caseload,
    the participants' cards, assessments and assignments, and the first ``args.small`` answers."""
    timings: dict[str, float] = {}
    t = time.perf_counter()
    upgrade(directory=app.extensions["migrate"].directory)
    ensure_sectors()
    refuse_non_empty()
    now = datetime.now(UTC)
    import_directory(Path(app.config["WORDLISTS_DIR"]), checker=resources(app).checker, now=now)
    timings["migrate_and_wordlists"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()

    organisation = create_organisation("Benchmark Regio")
    sectors = {s.slug: s.id for s in db.session.scalars(select(Sector))}
    staff = [
        {
            "organisation_id": organisation.id,
            "role": role.value,
            "name": name,
            "email": f"{role.value}@bench.invalid",
            "is_editor": False,
            "active": True,
            "created_at": now,
        }
        for role, name in ((Role.COORDINATOR, "Coördinator Benchmark"), (Role.COACH, "Coach Benchmark"))
    ]
    coordinator_id, coach_id = insert_chunked(User.__table__, staff, returning=User.__table__.c.id)
    people = create_participants(organisation.id, args.participants, sectors, now=now)
    started = (now - timedelta(days=90)).date()
    insert_chunked(
        caseload,
        [{"coach_id": coach_id, "participant_id": p["id"], "started_on": started} for p in people[:CASELOAD]],
    )

    terms = db.session.scalars(
        select(Term).where(Term.organisation_id.is_(None), Term.retired.is_(False)).options(selectinload(Term.sector))
    ).all()
    orders = {}
    for slug in OTHER_SECTORS:
        wanted = {sectors["algemeen"], sectors[slug]}
        candidates = [Candidate(t.id, t.safety, t.level, t.frequency) for t in terms if t.sector_id in wanted]
        orders[slug] = [c.term_id for c in sorted(candidates, key=new_term_order)]
    introduced = now - timedelta(days=HISTORY_DAYS + 1)
    cards, assignments, assessments = [], [], []
    for i, person in enumerate(people):
        met = orders[person["sector"]][:TERMS_EACH]
        for j, term_id in enumerate(met):
            for skill, (stability, reps, lapses) in zip(RECOGNITION, STATES[(i + j) % len(STATES)], strict=True):
                cards.append(
                    {
                        "participant_id": person["id"],
                        "term_id": term_id,
                        "skill": skill.value,
                        "due": now + timedelta(days=stability),
                        "state": 2,
                        "step": None,
                        "stability": stability,
                        "difficulty": 5.0,
                        "last_review": now - timedelta(days=1),
                        "reps": reps,
                        "lapses": lapses,
                        "created_at": introduced,
                    }
                )
        for term_id in (met[2], orders[person["sector"]][TERMS_EACH + 3]):  # one learned, one not met yet
            assignments.append(
                {"participant_id": person["id"], "term_id": term_id, "assigned_by_id": coach_id, "assigned_at": now}
            )
        for skill, level, days_ago in ((Skill.READING, Level.A1, 80), (Skill.READING, Level.A2, 10)):
            assessments.append(
                {
                    "participant_id": person["id"],
                    "skill": skill.value,
                    "level": level.value,
                    "assessed_on": (now - timedelta(days=days_ago)).date(),
                    "source": AssessmentSource.TEST.value,
                    "recorded_at": now,
                    "recorded_by_id": coordinator_id,
                }
            )
    insert_chunked(Card.__table__, cards)
    insert_chunked(Assignment.__table__, assignments)
    insert_chunked(Assessment.__table__, assessments)
    db.session.commit()
    timings["people_and_cards"] = round(time.perf_counter() - t, 1)
    timings |= grow(args.small)
    return {
        "coordinator_id": coordinator_id,
        "coach_id": coach_id,
        "timings": timings,
        "counts": {"participants": len(people), "terms": len(terms), "cards": len(cards)},
    }


def grow(total: int) -> dict:
    """Bring the answers up to ``total``, then make the per-day aggregates consistent with all the answers and the
    cards. Returns the timings.

    Answer g is participant (g mod P)'s (g div P)-th: on their cards in turn, and on their 45 practice days in turn
    (the 59 days before today but every fourth), so 10,000 answers already fall on every practice day and a larger
    history only adds answers to the same days; between 06:00 and 16:00 UTC, every tenth wrong, every tenth a slip.
    """
    timings = {}
    t = time.perf_counter()
    have = db.session.scalar(select(func.count()).select_from(ReviewEvent)) or 0
    cards = db.session.execute(select(Card.id, Card.participant_id).order_by(Card.participant_id, Card.id)).all()
    people = len(cards) // CARDS_EACH
    midnight = datetime.combine(datetime.now(UTC).date(), clock(0), tzinfo=UTC)
    postgres = db.engine.dialect.name == "postgresql"
    if postgres:
        db.session.execute(text("CREATE TEMP TABLE bench_cards (n int PRIMARY KEY, id int, participant_id int)"))
        db.session.execute(
            text("INSERT INTO bench_cards VALUES (:n, :id, :p)"),
            [{"n": n, "id": c.id, "p": c.participant_id} for n, c in enumerate(cards)],
        )
        db.session.execute(
            text(
                """
                INSERT INTO review_events
                    (id, participant_id, card_id, answered_at, result, hint_used, duration_ms, received_at)
                SELECT md5(g::text)::uuid::text, c.participant_id, c.id,
                       :midnight - (1 + (g / :people) % 45 + (g / :people) % 45 / 3) * interval '1 day'
                           + (21600 + (g * 7919) % 36000) * interval '1 s',
                       CASE g % 10 WHEN 8 THEN 'slip' WHEN 9 THEN 'wrong' ELSE 'correct' END,
                       g % 25 = 0, 2000 + g % 5000,
                       :midnight - (1 + (g / :people) % 45 + (g / :people) % 45 / 3) * interval '1 day'
                           + (22000 + (g * 7919) % 36000) * interval '1 s'
                FROM generate_series(CAST(:start AS bigint), :stop - 1) AS g
                JOIN bench_cards c ON c.n = (g % :people) * :each + (g / :people) % :each
                """
            ),
            {"midnight": midnight, "start": have, "stop": total, "people": people, "each": CARDS_EACH},
        )
        db.session.execute(text("DROP TABLE bench_cards"))
        db.session.commit()
    else:
        for start in range(have, total, CHUNK):
            rows = []
            for g in range(start, min(start + CHUNK, total)):
                card = cards[(g % people) * CARDS_EACH + (g // people) % CARDS_EACH]
                day = (g // people) % 45
                answered = midnight - timedelta(days=1 + day + day // 3, seconds=-(21600 + (g * 7919) % 36000))
                rows.append(
                    {
                        "id": answer_id(g),
                        "participant_id": card.participant_id,
                        "card_id": card.id,
                        "answered_at": answered,
                        "result": {8: "slip", 9: "wrong"}.get(g % 10, "correct"),
                        "hint_used": g % 25 == 0,
                        "duration_ms": 2000 + g % 5000,
                        "received_at": answered + timedelta(seconds=400),
                    }
                )
            db.session.execute(insert(ReviewEvent), rows)
            db.session.commit()
    timings["answers"] = round(time.perf_counter() - t, 1)
    t = time.perf_counter()
    aggregate(postgres)
    timings["practice_days"] = round(time.perf_counter() - t, 1)
    if postgres:
        # VACUUM too: otherwise autovacuum takes on the new rows while we measure, on the same two cores.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    log(f"  {total:,} answers ({timings['answers']} s), practice days ({timings['practice_days']} s)")
    return timings


def aggregate(postgres: bool) -> None:
    """The per-day aggregates from the answers (answers and correct ones per local day, in one statement) and the
    cards (each known or mastered term counted on one of the participant's days, as the app counts a term by its
    best card), replacing what was there."""
    # Every answer falls between 07:00 and 18:00 in Europe/Amsterdam, so its UTC date is its local day on SQLite.
    day = "(answered_at AT TIME ZONE 'Europe/Amsterdam')::date" if postgres else "date(answered_at)"
    db.session.execute(text("DELETE FROM practice_days"))
    db.session.execute(
        text(
            f"""
            INSERT INTO practice_days
                (participant_id, day, answers, correct, known_change, mastered_change, safety_mastered_change)
            SELECT participant_id, {day}, count(*), sum(CASE WHEN result = 'wrong' THEN 0 ELSE 1 END), 0, 0, 0
            FROM review_events GROUP BY participant_id, {day}
            """
        )
    )
    best: dict[tuple[int, int], int] = defaultdict(int)
    safety = dict(db.session.execute(select(Term.id, Term.safety)).all())
    for participant_id, term_id, stability in db.session.execute(
        select(Card.participant_id, Card.term_id, Card.stability)
    ):
        rank = 3 if stability >= scheduling.MASTERED_STABILITY else 2 if stability >= scheduling.KNOWN_STABILITY else 1
        best[participant_id, term_id] = max(best[participant_id, term_id], rank)
    days: dict[int, list[date]] = defaultdict(list)
    for participant_id, on in db.session.execute(
        select(PracticeDay.participant_id, PracticeDay.day).order_by(PracticeDay.participant_id, PracticeDay.day)
    ):
        days[participant_id].append(on)
    changes: dict[tuple[int, date], list[int]] = defaultdict(lambda: [0, 0, 0])
    for n, ((participant_id, term_id), rank) in enumerate(sorted(best.items())):
        mine = days[participant_id]
        if rank < 2 or not mine:
            continue
        change = changes[participant_id, mine[n % len(mine)]]
        change[0] += 1
        change[1] += rank == 3
        change[2] += rank == 3 and bool(safety[term_id])
    table = PracticeDay.__table__
    if changes:
        db.session.execute(
            update(table)
            .where(table.c.participant_id == bindparam("pid"), table.c.day == bindparam("on"))
            .values(known_change=bindparam("k"), mastered_change=bindparam("m"), safety_mastered_change=bindparam("s")),
            [{"pid": p, "on": on, "k": k, "m": m, "s": s} for (p, on), (k, m, s) in changes.items()],
        )
    db.session.commit()


def setup_process(args: argparse.Namespace, url: str, audio_dir: str, grow_to: int | None = None) -> dict:
    """Build the database, or (``grow_to``) add answers to it; in a child process, as bench/practice.py does."""
    app = create_app(app_config(url) | {"AUDIO_DIR": audio_dir, "GTTS_TIMEOUT": 0})
    logging.getLogger().setLevel(logging.WARNING)
    with app.app_context():
        out = build(app, args) if grow_to is None else grow(grow_to)
        out = {"setup": out} if grow_to is None else {"timings": out}
        out["answers"] = db.session.scalar(select(func.count()).select_from(ReviewEvent))
        out["practice_days"] = db.session.scalar(select(func.count()).select_from(PracticeDay))
        db.session.remove()
        db.engine.dispose()
    return out


# Measuring


class Caller:
    """GETs through the test client, timing each request and counting its SQL statements; outside any app context,
    so each request has its own app context and database session, as in production."""

    def __init__(self, app, engine):
        self.client = app.test_client()
        self.engine = engine
        self.counter = StatementCounter()
        event.listen(engine, "before_cursor_execute", self.counter)

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self.counter)

    def get(self, path: str, token: str | None):
        self.counter.count = 0
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        t0 = time.perf_counter()
        response = self.client.get(path, headers=headers)
        elapsed = time.perf_counter() - t0
        if response.status_code != 200:
            raise SystemExit(f"GET {path}: {response.status_code} {response.get_data(as_text=True)[:500]}")
        return response.get_json(), elapsed * 1000, self.counter.count


def measure(app, tokens: dict[str, str | None], samples: int, rng: random.Random) -> dict:
    """``samples`` rounds of the three routes in a shuffled order each round (after a warm-up of five rounds)."""
    with app.app_context():
        engine = db.engine
    caller = Caller(app, engine)
    ms: dict[str, list[float]] = defaultdict(list)
    statements: dict[str, set[int]] = defaultdict(set)
    bodies = {}
    try:
        for round_ in range(samples + 5):
            order = list(ROUTES)
            rng.shuffle(order)
            for path in order:
                body, elapsed, count = caller.get(path, tokens[path])
                if round_ >= 5:
                    ms[path].append(elapsed)
                    statements[path].add(count)
                bodies[path] = body
    finally:
        caller.close()
    shown = len(bodies["/api/caseload"])
    if shown != CASELOAD:
        raise SystemExit(f"the caseload shows {shown} participants, not {CASELOAD}")
    out = {
        path: {
            "requests": len(values),
            "mean_ms": round(statistics.fmean(values), 2),
            "p50_ms": round(percentile(values, 50), 2),
            "p95_ms": round(percentile(values, 95), 2),
            "max_ms": round(max(values), 2),
            "statements": sorted(statements[path]),
        }
        for path, values in ms.items()
    }
    cells = {c["key"]: c["value"] for c in bodies["/api/reports"]["cells"]}
    out["figures"] = {
        "caseload_rows": shown,
        "caseload_practice_days_four_weeks": sum(r["practice_days_four_weeks"] for r in bodies["/api/caseload"]),
        "report": cells,
    }
    return out


def tokens_for(app, setup: dict) -> dict[str, str | None]:
    with app.app_context():
        now = datetime.now(UTC)
        coach, _ = issue_token(db.session.get(User, setup["coach_id"]), now=now)
        coordinator, _ = issue_token(db.session.get(User, setup["coordinator_id"]), now=now)
        db.session.commit()
        db.session.remove()
    return {"/api/health": None, "/api/caseload": coach, "/api/reports": coordinator}


def table(results: dict) -> str:
    small, large = results["small"], results["large"]
    lines = [
        f"database   {results['database']['dialect']} {results['database']['version']}",
        f"data       {results['data']['participants']} participants ({CASELOAD} in the coach's caseload), "
        f"{results['data']['cards']:,} cards; practice days {small['practice_days']:,} / {large['practice_days']:,}",
        "",
        f"{'':16} {'answers':>10} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'x health p50':>13} {'SQL/req':>8}",
    ]
    for path in ROUTES:
        for run in (small, large):
            row = run["routes"][path]
            base = run["routes"]["/api/health"]["p50_ms"]
            lines.append(
                f"{path:16} {run['answers']:>10,} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['mean_ms']:>8.1f} "
                f"{row['p50_ms'] / base:>13.1f} {'/'.join(map(str, row['statements'])):>8}"
            )
    lines.append("")
    for path in ROUTES[1:]:
        r = results["ratio"][path]
        lines.append(
            f"ratio large/small {path}: p50 {r['p50']:.2f}, p95 {r['p95']:.2f} (goal: at most 1.5); "
            f"of the p50 as a multiple of the health check's: {r['p50_of_health']:.2f}"
        )
    return "\n".join(lines)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=None, help="participants (default 200; quick 60)")
    parser.add_argument("--small", type=int, default=10_000, help="answers in the small history (10,000)")
    parser.add_argument("--large", type=int, default=None, help="answers in the large history (1,000,000)")
    parser.add_argument("--samples", type=int, default=None, help="rounds measured per size (200; quick 30)")
    parser.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: a new SQLite file)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the request order (default 1)")
    parser.add_argument("--out", default=None, help="write the results as JSON to this file")
    parser.add_argument("--quick", action="store_true", help="small run: 60 participants, 100,000 answers")
    args = parser.parse_args(argv)
    for name, quick, full in (("participants", 60, 200), ("large", 100_000, 1_000_000), ("samples", 30, 200)):
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    if args.participants < CASELOAD:
        parser.error(f"--participants must be at least {CASELOAD}")
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vaktaal-bench-") as tmp:
        url = args.database_url or "sqlite:///" + str(Path(tmp) / "bench.sqlite3")
        audio_dir = str(Path(tmp) / "audio")
        config = app_config(url) | {"AUDIO_DIR": audio_dir, "GTTS_TIMEOUT": 0}
        spawn = multiprocessing.get_context("spawn")
        log(f"setup: {args.participants} participants, {args.small:,} answers")
        with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
            built = pool.submit(setup_process, args, url, audio_dir).result()
        setup = built["setup"]
        app = create_app(config)
        logging.getLogger().setLevel(logging.WARNING)
        rng = random.Random(args.seed)
        results = {"database": database_info(_engine(app)), "machine": machine()}
        runs = {}
        for name, answers in (("small", args.small), ("large", args.large)):
            if name == "large":
                log(f"growing the history to {answers:,} answers")
                with ProcessPoolExecutor(max_workers=1, mp_context=spawn) as pool:
                    built = pool.submit(setup_process, args, url, audio_dir, answers).result()
                with app.app_context():
                    db.engine.dispose()  # fresh connections: no plan or cache kept from the small run
            log(f"measuring with {built['answers']:,} answers: {args.samples} rounds")
            runs[name] = {
                "answers": built["answers"],
                "practice_days": built["practice_days"],
                "routes": measure(app, tokens_for(app, setup), args.samples, rng),
            }
            runs[name]["figures"] = runs[name]["routes"].pop("figures")
        results |= {
            "config": vars(args),
            "data": setup["counts"],
            "setup_seconds": setup["timings"],
            **runs,
            "ratio": {
                path: {
                    "p50": round(runs["large"]["routes"][path]["p50_ms"] / runs["small"]["routes"][path]["p50_ms"], 2),
                    "p95": round(runs["large"]["routes"][path]["p95_ms"] / runs["small"]["routes"][path]["p95_ms"], 2),
                    "p50_of_health": round(
                        (runs["large"]["routes"][path]["p50_ms"] / runs["large"]["routes"]["/api/health"]["p50_ms"])
                        / (runs["small"]["routes"][path]["p50_ms"] / runs["small"]["routes"]["/api/health"]["p50_ms"]),
                        2,
                    ),
                }
                for path in ROUTES
            },
        }
        with app.app_context():
            db.engine.dispose()
    print()
    print(table(results))
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2, default=str) + "\n")
        log(f"\nwrote {args.out}")


def _engine(app):
    with app.app_context():
        return db.engine


if __name__ == "__main__":
    main()
