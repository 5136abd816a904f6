"""Starting a group at once: participants from a CSV file (all rows valid, or nothing changes), and the login cards
that are printed for them (new codes, the old ones revoked: codes are kept only as HMACs, so a card can only be
printed when its code is issued)."""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import insert, select, update

from api import links
from api.access import dated, visible_participant_ids
from api.extensions import db
from api.models import (
    LoginCode,
    ParticipantProfile,
    Placement,
    User,
    Workplace,
    group_participants,
    participant_sectors,
)
from api.qr import qr_data_url
from api.services import locks, participants_admin, use_case
from api.services.logins import code_hash
from api.services.terms import problems_as_errors
from vaktaal import csvsafe, login_codes
from vaktaal.errors import Invalid
from vaktaal.login_codes import format_code
from vaktaal.roles import SECTORS, SUPPORT_LANGUAGES, ParticipantStatus, Role, Route
from vaktaal.text import MESSAGES, text_problem
from vaktaal.wordlists import Problem

MAX_CSV_BYTES = 1024 * 1024
MAX_ROWS = 1000
MAX_CARDS = 500
COLUMNS = ("name", "ref", "support_languages", "sectors", "workplace", "route", "start_date")
# Headers people may type instead (Dutch, or with spaces): -> the column.
ALIASES = {
    "naam": "name",
    "klantnummer": "ref",
    "referentie": "ref",
    "talen": "support_languages",
    "steuntalen": "support_languages",
    "sectoren": "sectors",
    "sector": "sectors",
    "werkplek": "workplace",
    "leerroute": "route",
    "startdatum": "start_date",
}
_LIST_SPLIT = re.compile(r"[;,|/\s]+")

# One line on each card, in the participant's first support language, under the Dutch one.
# DRAFT translations: written by the team, not yet checked by a translator (marked "draft" in the answer).
INSTRUCTIONS: dict[str, str] = {
    "nl": "Scan de code met de camera van je telefoon. Of typ de code.",
    "en": "Scan the code with your phone's camera. Or type the code.",
    "ar": "امسح الرمز بكاميرا هاتفك. أو اكتب الرمز.",
    "ti": "ነቲ ኮድ ብካሜራ ተሌፎንካ ስካን ግበሮ። ወይ ነቲ ኮድ ጽሓፎ።",
    "fa": "کد را با دوربین گوشی خود اسکن کنید. یا کد را تایپ کنید.",
    "uk": "Відскануйте код камерою телефону. Або введіть код.",
    "tr": "Kodu telefonunun kamerasıyla tara. Ya da kodu yaz.",
}
DRAFT_LANGUAGES = frozenset(INSTRUCTIONS) - {"nl"}


@dataclass
class Card:
    """One printed login card."""

    participant: User
    code: str
    login_url: str
    qr_url: str
    language: str
    instruction: str
    instruction_nl: str
    rtl: bool
    draft: bool


@dataclass
class ImportResult:
    created: int
    cards: list[Card]


@dataclass
class _Row:
    line: int
    name: str
    ref: str | None
    languages: list[str]
    sectors: list[str]
    workplace: Workplace | None
    route: Route | None
    start_date: date | None


def _date(text: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _workplaces(organisation_id: int) -> dict[str, list[Workplace]]:
    """The organisation's workplaces by employer name and by "employer - site" (case and spaces ignored)."""
    found: dict[str, list[Workplace]] = {}
    for workplace in db.session.scalars(select(Workplace).where(Workplace.organisation_id == organisation_id)):
        found.setdefault(_key(workplace.employer), []).append(workplace)
        if workplace.site:
            found.setdefault(_key(f"{workplace.employer} - {workplace.site}"), []).append(workplace)
    return found


def _read_row(line: int, cells: dict[str, str], workplaces: dict, problems: list[Problem]) -> _Row | None:
    before = len(problems)

    def problem(field: str, message: str) -> None:
        problems.append(Problem(field, message, line=line))

    for field, value in cells.items():
        issue = text_problem(value)
        if issue:
            problem(field, MESSAGES[issue])
    if len(problems) > before:
        return None
    name = " ".join(cells.get("name", "").split())
    if not name:
        problem("name", "Vul de naam in.")
    elif len(name) > 200:
        problem("name", "Een naam heeft hoogstens 200 tekens.")
    ref = cells.get("ref", "").strip() or None
    if ref and len(ref) > 40:
        problem("ref", "Een klantnummer heeft hoogstens 40 tekens.")
    elif participants_admin.ref_problem(ref):
        problem("ref", participants_admin.BSN_MESSAGE)
    languages = [c.lower() for c in _LIST_SPLIT.split(cells.get("support_languages", "")) if c]
    unknown = [c for c in languages if c not in SUPPORT_LANGUAGES]
    if unknown:
        problem("support_languages", f"Onbekende taal: {', '.join(unknown)}. Gebruik {', '.join(SUPPORT_LANGUAGES)}.")
    sectors = [s.lower() for s in _LIST_SPLIT.split(cells.get("sectors", "")) if s]
    unknown = [s for s in sectors if s not in SECTORS]
    if unknown:
        problem("sectors", f"Onbekende sector: {', '.join(unknown)}. Gebruik {', '.join(SECTORS)}.")
    workplace = None
    employer = cells.get("workplace", "").strip()
    if employer:
        matches = workplaces.get(_key(employer), [])
        if not matches:
            problem("workplace", f"Werkplek '{employer}' bestaat niet. Maak de werkplek eerst aan.")
        elif len(matches) > 1:
            problem("workplace", f"Er zijn meer werkplekken van '{employer}': schrijf 'werkgever - locatie'.")
        else:
            workplace = matches[0]
    route = None
    route_text = cells.get("route", "").strip().lower()
    if route_text:
        try:
            route = Route(route_text)
        except ValueError:
            problem("route", f"Onbekende leerroute '{route_text}'. Gebruik {', '.join(r.value for r in Route)}.")
    start_date = None
    start_text = cells.get("start_date", "").strip()
    if start_text:
        start_date = _date(start_text)
        if start_date is None:
            problem("start_date", "Schrijf de startdatum als 2026-09-01 of 01-09-2026.")
    if len(problems) > before:
        return None
    return _Row(
        line, name, ref, list(dict.fromkeys(languages)), list(dict.fromkeys(sectors)), workplace, route, start_date
    )


def parse_participants(text: str, workplaces: dict) -> tuple[list[_Row], list[Problem]]:
    """The rows of a participants CSV, and the problems by line (the header is line 1)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    sample = text.split("\n", 1)[0]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","  # Dutch Excel writes semicolons
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[Problem] = []
    try:
        header = next(reader)
    except (csv.Error, StopIteration):
        return [], [Problem("header", "Het bestand is leeg of onleesbaar.", line=1)]
    names = [ALIASES.get(_key(h).replace(" ", "_"), _key(h).replace(" ", "_")) for h in header]
    for raw, name in zip(header, names, strict=True):
        if name not in COLUMNS:
            problems.append(
                Problem("header", f"Onbekende kolom '{raw.strip()}': gebruik {', '.join(COLUMNS)}.", line=1)
            )
    if "name" not in names:
        problems.append(Problem("header", "De kolom 'name' (naam) ontbreekt in de eerste regel.", line=1))
    if problems:
        return [], problems
    rows: list[_Row] = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            problems.append(Problem("row", "Deze regel is onleesbaar.", line=reader.line_num))
            break
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names):
            problems.append(
                Problem("row", f"Deze regel heeft {len(cells)} cellen; de eerste regel {len(names)}.", line=line)
            )
            continue
        values = {name: csvsafe.restore(cell) for name, cell in zip(names, cells, strict=False)}
        row = _read_row(line, values, workplaces, problems)
        if row is not None:
            rows.append(row)
        if len(rows) + len(problems) > MAX_ROWS:
            return [], [Problem("row", f"Hoogstens {MAX_ROWS} deelnemers in een bestand.", line=line)]
    if not rows and not problems:
        problems.append(Problem("row", "Er staan geen deelnemers in het bestand.", line=2))
    return rows, problems


def _duplicates(rows: list[_Row], group_id: int, organisation_id: int, *, today: date) -> list[Problem]:
    """Rows already there: a name already in the group today (a file sent twice; "today" by the dated rule of
    ``api.access``: not who joins later or has left), a reference twice or taken."""
    problems = []
    gp = group_participants.c
    members = db.session.scalars(
        select(User.name)
        .join(group_participants, gp.participant_id == User.id)
        .where(gp.group_id == group_id, dated(gp.joined_on, gp.left_on, today))
    )
    in_group = {_key(name) for name in members}
    refs = [row.ref for row in rows if row.ref]
    taken = set()
    if refs:
        taken = set(
            db.session.scalars(
                select(ParticipantProfile.ref)
                .join(User, User.id == ParticipantProfile.user_id)
                .where(User.organisation_id == organisation_id, ParticipantProfile.ref.in_(refs))
            )
        )
    seen: set[str] = set()
    for row in rows:
        if _key(row.name) in in_group:
            problems.append(Problem("name", f"{row.name} staat al in deze groep.", line=row.line))
        if row.ref and (row.ref in taken or row.ref in seen):
            problems.append(Problem("ref", f"Klantnummer {row.ref} bestaat al.", line=row.line))
        if row.ref:
            seen.add(row.ref)
    return problems


def _new_codes(count: int, *, secret_key: str) -> list[str]:
    """``count`` new codes no row holds (one query per round; a clash among 3.8e10 codes is rare)."""
    codes: list[str] = []
    while len(codes) < count:
        wanted = {login_codes.generate_code() for _ in range(count - len(codes))} - set(codes)
        hashes = {code_hash(c, secret_key=secret_key): c for c in wanted}
        taken = set(db.session.scalars(select(LoginCode.code_hash).where(LoginCode.code_hash.in_(list(hashes)))))
        codes += [c for h, c in hashes.items() if h not in taken]
    return codes


def _cards(
    people: list[User], languages: list[list[str]], *, issued_by: User, secret_key: str, base_url: str, now: datetime
) -> list[Card]:
    """New login codes for ``people`` (bulk insert) and the cards that show them."""
    codes = _new_codes(len(people), secret_key=secret_key)
    db.session.execute(
        insert(LoginCode),
        [
            {
                "participant_id": person.id,
                "code_hash": code_hash(code, secret_key=secret_key),
                "keyed": True,
                "issued_by_id": issued_by.id,
                "created_at": now,
            }
            for person, code in zip(people, codes, strict=True)
        ],
    )
    cards = []
    for person, code, spoken in zip(people, codes, languages, strict=True):
        language = next((lang for lang in spoken if lang in INSTRUCTIONS), "nl")
        url = links.login(base_url, code)
        cards.append(
            Card(
                participant=person,
                code=format_code(code),
                login_url=url,
                qr_url=qr_data_url(url),
                language=language,
                instruction=INSTRUCTIONS[language],
                instruction_nl=INSTRUCTIONS["nl"],
                rtl=SUPPORT_LANGUAGES.get(language, ("", "", False))[2],
                draft=language in DRAFT_LANGUAGES,
            )
        )
    return cards


@use_case
def import_participants(
    actor: User, group_id: int, raw: bytes, *, secret_key: str, base_url: str, now: datetime
) -> ImportResult:
    """Create a group's participants from a CSV file: every row valid, or nothing changes (each bad row reported
    with its line and field). Each gets the group from today, a placement at the named workplace, and a login code
    (the answer holds the cards to print)."""
    group = participants_admin.group_for(actor, group_id)
    text = csvsafe.uploaded_text(raw, MAX_CSV_BYTES)
    locks.lock(type(group), group.id)  # the same file twice at once: the second sees the first's members
    rows, problems = parse_participants(text, _workplaces(actor.organisation_id))
    day = participants_admin.today(actor.organisation, now)
    if not problems:
        problems = _duplicates(rows, group.id, actor.organisation_id, today=day)
    if problems:
        count = f"{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'}"
        raise Invalid(
            f"{count} in het bestand; er is niets veranderd.",
            errors=problems_as_errors(sorted(problems, key=lambda p: p.line), "rows"),
        )
    people = [User(organisation_id=actor.organisation_id, role=Role.PARTICIPANT, name=row.name) for row in rows]
    db.session.add_all(people)
    db.session.flush()  # one INSERT ... RETURNING for all of them where the database can
    sector_ids = participants_admin.sector_ids()
    db.session.execute(
        insert(ParticipantProfile),
        [
            {
                "user_id": person.id,
                "support_languages": row.languages,
                "route": row.route,
                "start_date": row.start_date,
                "timezone": actor.organisation.timezone,
                "ref": row.ref,
                "status": ParticipantStatus.ACTIVE,
                "status_since": day,
            }
            for person, row in zip(people, rows, strict=True)
        ],
    )
    sector_rows = [
        {"participant_id": person.id, "sector_id": sector_ids[slug]}
        for person, row in zip(people, rows, strict=True)
        for slug in row.sectors
    ]
    if sector_rows:
        db.session.execute(insert(participant_sectors), sector_rows)
    placements = [
        {
            "workplace_id": row.workplace.id,
            "participant_id": person.id,
            "start_date": row.start_date or day,
        }
        for person, row in zip(people, rows, strict=True)
        if row.workplace is not None
    ]
    if placements:
        db.session.execute(insert(Placement), placements)
    participants_admin.join_group_and_caseload(actor, group, [p.id for p in people], day=day)
    languages = [row.languages for row in rows]
    cards = _cards(people, languages, issued_by=actor, secret_key=secret_key, base_url=base_url, now=now)
    return ImportResult(len(people), cards)


@use_case
def reissue_cards(
    actor: User, participant_ids: list[int], *, secret_key: str, base_url: str, now: datetime
) -> list[Card]:
    """New login cards for participants in the actor's scope: each one's old code stops working (only theirs)."""
    ids = sorted(set(participant_ids))
    if len(ids) > MAX_CARDS:
        raise Invalid(f"Hoogstens {MAX_CARDS} kaarten tegelijk.")
    people = list(
        db.session.scalars(
            select(User)
            .where(User.id.in_(ids), User.id.in_(visible_participant_ids(actor)))
            .order_by(User.name, User.id)
        )
    )
    if len(people) != len(ids):
        message = "Een van deze deelnemers bestaat niet, of je mag deze deelnemer niet zien."
        raise Invalid(message, errors={"json": {"participant_ids": [message]}})
    locks.lock(User, *ids)  # two reissues at once: the later revokes the earlier's codes
    db.session.execute(
        update(LoginCode)
        .where(LoginCode.participant_id.in_(ids), LoginCode.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    profiles = {
        p.user_id: p.support_languages
        for p in db.session.scalars(select(ParticipantProfile).where(ParticipantProfile.user_id.in_(ids)))
    }
    languages = [profiles.get(person.id) or [] for person in people]
    return _cards(people, languages, issued_by=actor, secret_key=secret_key, base_url=base_url, now=now)
