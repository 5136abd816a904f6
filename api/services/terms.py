"""Terms: the sectors and their lists, building a term from an entry, creating and editing terms, search, checks."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from api import access
from api.access import readable_terms
from api.convert import apply_entry, entry_from_term
from api.extensions import db
from api.models import Organisation, Sector, Term, User
from api.services import locks, use_case
from vaktaal.dutch import words
from vaktaal.errors import Conflict, Invalid, NotFound
from vaktaal.frequency import zipf
from vaktaal.search import Searchable, search
from vaktaal.wordlists import Checker, Entry, Origin, Problem

# The basics for every job: every participant practises them next to their own sector's list.
BASICS = "algemeen"


def problems_as_errors(problems: list[Problem], location: str = "json") -> dict:
    """Problems in the error shape's ``errors``: by field for one entry, by line for a file."""
    errors: dict[str, list[str]] = {}
    for p in problems:
        name = f"line {p.line}" if p.line else p.field
        message = f"{p.field}: {p.message}" if p.line else p.message
        errors.setdefault(name, []).append(message)
    return {location: errors}


def new_term(
    entry: Entry,
    *,
    sector_id: int,
    organisation_id: int | None,
    origin: Origin,
    position: int,
    now: datetime,
    workplace_id: int | None = None,
) -> Term:
    """The one way a term row is made from an entry (files, spreadsheets, the term form, a visit): added to the
    session, not yet flushed."""
    term = Term(
        sector_id=sector_id,
        organisation_id=organisation_id,
        workplace_id=workplace_id,
        key=entry.key,
        origin=origin,
        position=position,
        created_at=now,
        updated_at=now,
    )
    apply_entry(term, entry, zipf(entry.term))
    db.session.add(term)
    return term


def owned_by(organisation_id: int | None):
    """A WHERE clause for one list's owner: the shared list (None) or an organisation's own terms."""
    return Term.organisation_id.is_(None) if organisation_id is None else Term.organisation_id == organisation_id


def next_position(sector_id: int, organisation_id: int | None) -> int:
    last = db.session.scalar(
        select(func.max(Term.position)).where(Term.sector_id == sector_id, owned_by(organisation_id))
    )
    return (last or 0) + 1


def key_for(text: str, *, salt: str) -> str:
    """A stable key for a term made in the app without one (a visit): a slug of its text and a short hash."""
    slug = unicodedata.normalize("NFKD", text.lower())
    slug = "".join(ch for ch in slug if not unicodedata.combining(ch))
    slug = "-".join(re.findall(r"[a-z0-9]+", slug))[:60] or "term"
    return f"{slug}-{hashlib.sha1(f'{salt}{text}'.encode()).hexdigest()[:6]}"


# Sectors and their lists


def sector_by_slug(slug: str) -> Sector:
    sector = db.session.scalar(select(Sector).where(Sector.slug == slug))
    if sector is None:
        raise NotFound(f"Er is geen sector '{slug}'.")
    return sector


@dataclass(frozen=True)
class SectorSummary:
    slug: str
    name: str
    total: int
    levels: dict[str, int]
    themes: dict[str, int]


def _counts(column, organisation_id: int, sector_id: int | None) -> dict[int, dict[str, int]]:
    query = (
        select(Term.sector_id, column, func.count())
        .where(readable_terms(organisation_id))
        .group_by(Term.sector_id, column)
    )
    if sector_id is not None:
        query = query.where(Term.sector_id == sector_id)
    out: dict[int, dict[str, int]] = {}
    for sector, value, count in db.session.execute(query):
        out.setdefault(sector, {})[value] = count
    return out


def sector_summaries(user: User, slug: str | None = None) -> list[SectorSummary]:
    """The sectors (or one) with the counts of the terms the user reads, per level and per theme."""
    sectors = [sector_by_slug(slug)] if slug else list(db.session.scalars(select(Sector).order_by(Sector.position)))
    only = sectors[0].id if slug else None
    levels = _counts(Term.level, user.organisation_id, only)
    themes = _counts(Term.theme, user.organisation_id, only)
    return [
        SectorSummary(
            slug=s.slug,
            name=s.name,
            total=sum(levels.get(s.id, {}).values()),
            levels=levels.get(s.id, {}),
            themes=dict(sorted(themes.get(s.id, {}).items())),
        )
        for s in sectors
    ]


def sector_terms(user: User, slug: str, filters: dict) -> Select:
    """A sector's terms the user reads (shared and their organisation's), filtered; a SELECT to paginate."""
    sector = sector_by_slug(slug)
    org = user.organisation_id
    statement = select(Term).where(Term.sector_id == sector.id, readable_terms(org)).options(selectinload(Term.sector))
    if filters.get("scope") == "shared":
        statement = statement.where(Term.organisation_id.is_(None))
    elif filters.get("scope") == "own":
        statement = statement.where(Term.organisation_id == org)
    for name in ("level", "theme", "pos", "safety"):
        if name in filters:
            statement = statement.where(getattr(Term, name) == filters[name])
    if filters.get("q"):
        like = f"%{filters['q'].strip().lower()}%"
        statement = statement.where(
            or_(
                func.lower(Term.term).like(like),
                func.lower(Term.plural).like(like),
                func.lower(Term.example).like(like),
            )
        )
    return statement.order_by(Term.theme, Term.level, Term.position, Term.id)


# Creating and editing single terms


def validated(checker: Checker, entry: Entry, *, shared: bool = True) -> list[str]:
    """Check an entry; Invalid with every blocking problem by field. Returns the advice that did not block (an
    organisation's own terms: the article, the plural and the translations may wait; shared terms block on all)."""
    problems = checker.entry_problems(entry, own=not shared)
    blocking = [p for p in problems if not p.advice]
    if blocking:
        raise Invalid(
            "Niet alles is goed ingevuld. Kijk bij de velden wat er mis is.", errors=problems_as_errors(blocking)
        )
    return [p.message for p in problems if p.advice]


def same_terms(organisation_id: int, sector: Sector, text: str, *, article: str | None, pos: str | None) -> list[Term]:
    """The terms an organisation reads that a new term would duplicate: the same words (case and punctuation
    aside) with the same article, in the sector's lists (shared and own) or the basics for every job, shared ones
    first. A noun whose article is not known yet (or a word of unknown kind) matches either article."""
    folded = words(text)
    if not folded:
        return []
    basics = select(Sector.id).where(Sector.slug == BASICS)
    candidates = db.session.execute(
        select(Term.id, Term.term, Term.article).where(
            readable_terms(organisation_id), or_(Term.sector_id == sector.id, Term.sector_id.in_(basics))
        )
    )

    def same(term: str, its_article: str | None) -> bool:
        if words(term) != folded:
            return False
        return (article is None and pos in (None, "noun")) or its_article == article

    ids = [i for i, term, its_article in candidates if same(term, its_article)]
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(Term)
            .where(Term.id.in_(ids))
            .options(selectinload(Term.sector))
            .order_by(Term.organisation_id.is_not(None), Term.id)
        )
    )


def lock_list(sector: Sector, organisation_id: int | None) -> None:
    """Hold a list (a sector's shared list, or an organisation's own terms) until the transaction ends, so two
    requests adding the same term at once run one after the other and the second finds the first's term."""
    if organisation_id is None:
        locks.lock(Sector, sector.id)
    else:
        locks.lock(Organisation, organisation_id)


def check_not_taken(organisation_id: int, sector: Sector, entry: Entry) -> None:
    """Conflict, naming the existing term by the ``term`` field, when the entry duplicates a term (``same_terms``).
    The organisation's list stays locked (``lock_list``) until the term is made."""
    lock_list(sector, organisation_id)
    found = same_terms(organisation_id, sector, entry.term, article=entry.article, pos=entry.pos)
    if found:
        term = found[0]
        where = "de gedeelde lijst" if term.organisation_id is None else "de eigen lijst"
        message = f"'{title(term)}' staat al in {where} ({term.sector.name}). Kies dat woord."
        raise Conflict(message, errors={"json": {"term": [message]}})


def title(term: Term) -> str:
    """The term as shown: a noun with its article ("de werkkast")."""
    return f"{term.article} {term.term}" if term.pos == "noun" and term.article else term.term


@use_case
def create_term(user: User, slug: str, entry: Entry, *, shared: bool, checker: Checker, now: datetime) -> Term:
    """Add a term to the organisation's own list, or (editors, ``shared``) to the shared list of a sector. A term
    the lists already have is refused (Conflict), so the existing one is used instead."""
    sector = sector_by_slug(slug)
    organisation_id = None if shared else user.organisation_id
    access.check_may_edit_terms(user, organisation_id)
    validated(checker, entry, shared=shared)
    lock_list(sector, organisation_id)
    taken = db.session.scalar(
        select(Term.id).where(Term.sector_id == sector.id, owned_by(organisation_id), Term.key == entry.key)
    )
    if taken is not None:
        raise Invalid("Deze sleutel bestaat al in deze lijst.", errors={"json": {"key": ["Kies een andere sleutel."]}})
    if shared:
        duplicate = [
            t
            for t in same_terms(user.organisation_id, sector, entry.term, article=entry.article, pos=entry.pos)
            if t.organisation_id is None and t.sector_id == sector.id
        ]
        if duplicate:
            message = f"'{title(duplicate[0])}' staat al in de gedeelde lijst van {sector.name}."
            raise Conflict(message, errors={"json": {"term": [message]}})
    else:
        check_not_taken(user.organisation_id, sector, entry)
    term = new_term(
        entry,
        sector_id=sector.id,
        organisation_id=organisation_id,
        origin=Origin.APP,
        position=next_position(sector.id, organisation_id),
        now=now,
    )
    db.session.flush()
    return term


@use_case
def update_term(user: User, term: Term, changes: dict, *, checker: Checker, now: datetime) -> Term:
    """Edit a term (shared terms: editors only; the key never changes). A correction reaches the participants who
    have the term with their next session: their cards and answers hang on the term, not on its text."""
    access.check_may_edit_terms(user, term.organisation_id)
    before = entry_from_term(term)
    entry = replace(before, **changes)
    validated(checker, entry, shared=term.organisation_id is None)
    if entry.content() != before.content():
        apply_entry(term, entry, zipf(entry.term))
        term.updated_at = now
        if term.organisation_id is None and term.origin is Origin.FILE:
            term.edited_since_import = True
    return term


# Search and checks


def search_terms(user: User, query: str, *, limit: int = 20) -> list[Term]:
    """Search as you type across all sectors, tolerant of typos, articles and plurals."""
    rows = db.session.execute(select(Term.id, Term.term, Term.plural).where(readable_terms(user.organisation_id)))
    ids = search(query, (Searchable(i, t, p) for i, t, p in rows), limit=limit)
    terms = {
        t.id: t for t in db.session.scalars(select(Term).where(Term.id.in_(ids)).options(selectinload(Term.sector)))
    }
    return [terms[i] for i in ids]


def search_index(user: User) -> list[dict]:
    """The lists the user reads (shared and the organisation's own, not retired), with only what searching and
    showing a found term needs: the phone keeps this copy to search as you type without a connection (on a visit)."""
    rows = db.session.execute(
        select(Term.id, Term.term, Term.article, Term.plural, Term.pos, Term.emoji, Sector.slug, Term.organisation_id)
        .join(Sector, Term.sector_id == Sector.id)
        .where(readable_terms(user.organisation_id))
        .order_by(Term.id)
    )
    return [
        {"id": i, "term": t, "article": a, "plural": p, "pos": pos, "emoji": e, "sector": slug, "shared": org is None}
        for i, t, a, p, pos, e, slug, org in rows
    ]


def check_new_term(
    user: User,
    text: str,
    *,
    pos: str | None,
    article: str | None = None,
    slug: str | None = None,
    checker: Checker,
    spelling,
) -> dict:
    """Suggestions for a new term: its article (from the noun list), its spelling (``spelling(text)``), and, given
    the sector, the terms the lists already have with the same words (to use instead of a duplicate)."""
    single_noun = (pos or "noun") == "noun" and len(text.split()) == 1
    existing = []
    if slug:
        existing = same_terms(user.organisation_id, sector_by_slug(slug), text, article=article, pos=pos)
    return {
        "article": checker.suggest_article(text) if single_noun else None,
        "spelling": spelling(text),
        "existing": existing,
    }
