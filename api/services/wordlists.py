"""Wordlist use cases: importing and exporting lists, creating and editing terms, proposals for shared terms."""

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select

from api.convert import apply_entry, entry_from_term
from api.extensions import db
from api.models import Sector, Term, TermProposal, User
from vaktaal.errors import Forbidden, Invalid, NotFound
from vaktaal.frequency import zipf
from vaktaal.roles import Role
from vaktaal.wordlists import Checker, Entry, Problem, Translation, check_directory, load_checker, parse_csv, to_csv

EDITABLE = ("term", "article", "plural", "pos", "level", "theme", "example", "emoji", "safety", "translations")


def checker() -> Checker:
    """The wordlist checker, loaded once per app (the article lexicon has 24k nouns)."""
    cached = current_app.extensions.get("vaktaal_checker")
    if cached is None:
        directory = Path(current_app.config["WORDLISTS_DIR"])
        cached = load_checker(Path(current_app.config["ARTICLE_LEXICON"]), directory / "article-overrides.csv")
        current_app.extensions["vaktaal_checker"] = cached
    return cached


def problems_as_errors(problems: list[Problem], location: str = "json") -> dict:
    """Problems in the error shape's ``errors``: by field for one entry, by line for a file."""
    errors: dict[str, list[str]] = {}
    for p in problems:
        name = f"line {p.line}" if p.line else p.field
        message = f"{p.field}: {p.message}" if p.line else p.message
        errors.setdefault(name, []).append(message)
    return {location: errors}


@dataclass
class ImportReport:
    sector: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    retired: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.sector}: {len(self.added)} added, {len(self.updated)} updated, {self.unchanged} unchanged, "
            f"{len(self.retired)} retired, {len(self.restored)} restored, {len(self.conflicts)} conflicts"
        )


def sector_by_slug(slug: str) -> Sector:
    sector = db.session.scalar(select(Sector).where(Sector.slug == slug))
    if sector is None:
        raise NotFound(f"Er is geen sector '{slug}'.")
    return sector


def _list_terms(sector: Sector, organisation_id: int | None) -> dict[str, Term]:
    owner = Term.organisation_id.is_(None) if organisation_id is None else Term.organisation_id == organisation_id
    return {t.key: t for t in db.session.scalars(select(Term).where(Term.sector_id == sector.id, owner))}


def import_entries(
    sector: Sector,
    entries: list[Entry],
    *,
    organisation_id: int | None,
    from_files: bool,
    now: datetime,
) -> ImportReport:
    """Bring a sector's list in line with ``entries``, by key. Does not commit.

    From the shipped files (``from_files``): an entry an editor changed through the API since its last import is
    not overwritten but reported as a conflict; file terms missing from the file are retired, never deleted;
    terms made in the app are never touched. Through the API (a spreadsheet upload): entries are added or updated
    and shared terms marked as edited, and nothing is retired.
    """
    report = ImportReport(sector.slug)
    existing = _list_terms(sector, organisation_id)
    for position, entry in enumerate(entries):
        term = existing.get(entry.key)
        if term is None:
            term = Term(
                sector_id=sector.id,
                organisation_id=organisation_id,
                key=entry.key,
                origin="file" if from_files else "app",
                position=position,
                created_at=now,
            )
            apply_entry(term, entry, zipf(entry.term))
            db.session.add(term)
            report.added.append(entry.key)
            continue
        same = entry_from_term(term).content() == entry.content()
        if from_files:
            if term.origin != "file":
                report.conflicts.append(f"{entry.key}: the key belongs to a term made in the app; rename one of them.")
                continue
            if term.edited_since_import and not same:
                report.conflicts.append(f"{entry.key}: changed through the app since the last import; kept as edited.")
                continue
            term.edited_since_import = False
            term.position = position
        if term.retired:
            term.retired = False
            report.restored.append(entry.key)
        if same:
            report.unchanged += 1
            continue
        apply_entry(term, entry, zipf(entry.term))
        term.updated_at = now
        if not from_files and organisation_id is None:
            term.edited_since_import = True
        report.updated.append(entry.key)
    if from_files:
        keys = {e.key for e in entries}
        for key, term in existing.items():
            if key not in keys and term.origin == "file" and not term.retired:
                term.retired = True
                report.retired.append(key)
    return report


def import_directory(directory: Path, *, now: datetime, sectors: list[str] | None = None) -> list[ImportReport]:
    """Import the shipped lists. All files are checked first: with any problem, nothing changes."""
    reports = [r for r in check_directory(directory, checker()) if sectors is None or r.sector in sectors]
    problems = [p for r in reports for p in r.problems]
    if problems:
        raise Invalid(
            f"De woordenlijsten hebben {len(problems)} problemen; er is niets geïmporteerd.",
            errors={"problems": [str(p) for p in problems]},
        )
    out = [
        import_entries(sector_by_slug(r.sector), r.entries, organisation_id=None, from_files=True, now=now)
        for r in reports
    ]
    db.session.commit()
    return out


def export_entries(sector: Sector, organisation_id: int | None) -> list[Entry]:
    owner = Term.organisation_id.is_(None) if organisation_id is None else Term.organisation_id == organisation_id
    terms = db.session.scalars(
        select(Term).where(Term.sector_id == sector.id, owner, Term.retired.is_(False)).order_by(Term.position, Term.id)
    )
    return [entry_from_term(t) for t in terms]


def export_directory(directory: Path) -> list[tuple[str, int]]:
    """Write the database's shared lists in the file format; returns (sector, entries written)."""
    written = []
    for sector in db.session.scalars(select(Sector).order_by(Sector.position)):
        entries = export_entries(sector, None)
        (directory / f"{sector.slug}.csv").write_text(to_csv(entries), encoding="utf-8")
        written.append((sector.slug, len(entries)))
    return written


def import_csv(user: User, sector: Sector, text: str, *, shared: bool, now: datetime) -> ImportReport:
    """A spreadsheet upload through the API: every row valid, or nothing changes."""
    check_may_edit(user, None if shared else user.organisation_id)
    numbered, problems = parse_csv(text)
    problems += checker().list_problems(numbered)
    if problems:
        count = f"{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'}"
        raise Invalid(
            f"{count} in het bestand; er is niets veranderd.",
            errors=problems_as_errors(sorted(problems, key=lambda p: p.line), "rows"),
        )
    report = import_entries(
        sector,
        [e for _, e in numbered],
        organisation_id=None if shared else user.organisation_id,
        from_files=False,
        now=now,
    )
    db.session.commit()
    return report


# Editing single terms


def may_edit(user: User, organisation_id: int | None) -> bool:
    """Shared terms: teachers and coordinators with the editor right. An organisation's own terms: its teachers
    and coordinators."""
    if user.role_enum not in (Role.TEACHER, Role.COORDINATOR):
        return False
    return user.is_editor if organisation_id is None else user.organisation_id == organisation_id


def check_may_edit(user: User, organisation_id: int | None) -> None:
    if not may_edit(user, organisation_id):
        if organisation_id is None:
            raise Forbidden("Alleen redacteuren wijzigen de gedeelde woordenlijsten. Doe een voorstel.")
        raise Forbidden("Je mag de termen van deze organisatie niet wijzigen.")


def _validated(entry: Entry, *, shared: bool = True) -> Entry:
    problems = checker().entry_problems(entry, require_translations=shared)
    if problems:
        raise Invalid(
            "Niet alles is goed ingevuld. Kijk bij de velden wat er mis is.", errors=problems_as_errors(problems)
        )
    return entry


def _next_position(sector: Sector, organisation_id: int | None) -> int:
    owner = Term.organisation_id.is_(None) if organisation_id is None else Term.organisation_id == organisation_id
    return (db.session.scalar(select(func.max(Term.position)).where(Term.sector_id == sector.id, owner)) or 0) + 1


def create_term(user: User, sector: Sector, entry: Entry, *, shared: bool, now: datetime) -> Term:
    organisation_id = None if shared else user.organisation_id
    check_may_edit(user, organisation_id)
    _validated(entry, shared=shared)
    if entry.key in _list_terms(sector, organisation_id):
        raise Invalid("Deze sleutel bestaat al in deze lijst.", errors={"json": {"key": ["Kies een andere sleutel."]}})
    term = Term(
        sector_id=sector.id,
        organisation_id=organisation_id,
        key=entry.key,
        origin="app",
        position=_next_position(sector, organisation_id),
        created_at=now,
        updated_at=now,
    )
    apply_entry(term, entry, zipf(entry.term))
    db.session.add(term)
    db.session.commit()
    return term


def update_term(user: User, term: Term, changes: dict, *, now: datetime) -> Term:
    check_may_edit(user, term.organisation_id)
    entry = _validated(replace(entry_from_term(term), **changes), shared=term.organisation_id is None)
    if entry.content() != entry_from_term(term).content():
        apply_entry(term, entry, zipf(entry.term))
        term.updated_at = now
        if term.organisation_id is None and term.origin == "file":
            term.edited_since_import = True
    db.session.commit()
    return term


def propose_change(user: User, term: Term, changes: dict, note: str, *, now: datetime) -> TermProposal:
    if term.organisation_id is not None:
        raise Invalid("Voorstellen zijn voor gedeelde termen. Deze term kun je zelf wijzigen.")
    _validated(replace(entry_from_term(term), **changes))
    proposal = TermProposal(
        term_id=term.id, proposed_by_id=user.id, changes=_jsonable(changes), note=note, created_at=now
    )
    db.session.add(proposal)
    db.session.commit()
    return proposal


def _jsonable(changes: dict) -> dict:
    out = dict(changes)
    if "translations" in out:
        out["translations"] = {c: {"text": t.text, "checked": t.checked} for c, t in out["translations"].items()}
    return out


def decide_proposal(user: User, proposal: TermProposal, *, accept: bool, now: datetime) -> TermProposal:
    check_may_edit(user, None)
    if proposal.status != "open":
        raise Invalid("Over dit voorstel is al beslist.")
    if accept:
        changes = dict(proposal.changes)
        if "translations" in changes:
            changes["translations"] = {
                c: Translation(v["text"], v["checked"]) for c, v in changes["translations"].items()
            }
        update_term(user, proposal.term, changes, now=now)
    proposal.status = "accepted" if accept else "rejected"
    proposal.decided_by_id = user.id
    proposal.decided_at = now
    db.session.commit()
    return proposal
