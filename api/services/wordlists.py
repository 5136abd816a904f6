"""Whole wordlists: importing and exporting the shipped files, and a list as a spreadsheet (CSV) through the API."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from api import access
from api.convert import apply_entry, entry_from_term
from api.extensions import db
from api.models import Sector, Term, User
from api.services import use_case
from api.services.terms import lock_list, new_term, owned_by, problems_as_errors, sector_by_slug
from vaktaal import csvsafe
from vaktaal.errors import Invalid
from vaktaal.frequency import zipf
from vaktaal.wordlists import Checker, Entry, Origin, check_directory, parse_csv, to_csv


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


@use_case
def import_entries(
    sector: Sector,
    entries: list[Entry],
    *,
    organisation_id: int | None,
    from_files: bool,
    now: datetime,
) -> ImportReport:
    """Bring a sector's list in line with ``entries``, by key.

    From the shipped files (``from_files``): an entry an editor changed through the API since its last import is
    not overwritten but reported as a conflict; file terms missing from the file are retired, never deleted;
    terms made in the app are never touched. Through the API (a spreadsheet upload): entries are added or updated
    and shared terms marked as edited, and nothing is retired.
    """
    report = ImportReport(sector.slug)
    existing = {
        t.key: t for t in db.session.scalars(select(Term).where(Term.sector_id == sector.id, owned_by(organisation_id)))
    }
    for position, entry in enumerate(entries):
        term = existing.get(entry.key)
        if term is None:
            new_term(
                entry,
                sector_id=sector.id,
                organisation_id=organisation_id,
                origin=Origin.FILE if from_files else Origin.APP,
                position=position,
                now=now,
            )
            report.added.append(entry.key)
            continue
        same = entry_from_term(term).content() == entry.content()
        if from_files:
            if term.origin is not Origin.FILE:
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
            if key not in keys and term.origin is Origin.FILE and not term.retired:
                term.retired = True
                report.retired.append(key)
    return report


@use_case
def import_directory(
    directory: Path, *, checker: Checker, now: datetime, sectors: list[str] | None = None
) -> list[ImportReport]:
    """Import the shipped lists. All files are checked first: with any problem, nothing changes."""
    reports = [r for r in check_directory(directory, checker) if sectors is None or r.sector in sectors]
    problems = [p for r in reports for p in r.problems]
    if problems:
        raise Invalid(
            f"De woordenlijsten hebben {len(problems)} problemen; er is niets geïmporteerd.",
            errors={"problems": [str(p) for p in problems]},
        )
    return [
        import_entries(sector_by_slug(r.sector), r.entries, organisation_id=None, from_files=True, now=now)
        for r in reports
    ]


def export_entries(sector: Sector, organisation_id: int | None) -> list[Entry]:
    terms = db.session.scalars(
        select(Term)
        .where(Term.sector_id == sector.id, owned_by(organisation_id), Term.retired.is_(False))
        .order_by(Term.position, Term.id)
    )
    return [entry_from_term(t) for t in terms]


def export_directory(directory: Path) -> list[tuple[str, int]]:
    """Write the database's shared lists in the file format; returns (sector, entries written)."""
    written = []
    for sector in db.session.scalars(select(Sector).order_by(Sector.position)):
        entries = export_entries(sector, None)
        (directory / f"{sector.slug}.csv").write_text(to_csv(entries, repository=True), encoding="utf-8")
        written.append((sector.slug, len(entries)))
    return written


def list_csv(user: User, slug: str, *, shared: bool) -> tuple[str, str]:
    """A list as CSV in the wordlist file format, and a file name for it."""
    sector = sector_by_slug(slug)
    body = to_csv(export_entries(sector, None if shared else user.organisation_id))
    return body, f"{slug}{'' if shared else '-eigen'}.csv"


MAX_CSV_BYTES = 2 * 1024 * 1024


@use_case
def import_csv(user: User, slug: str, raw: bytes, *, shared: bool, checker: Checker, now: datetime) -> ImportReport:
    """A spreadsheet upload through the API (at most ``MAX_CSV_BYTES``): every row valid, or nothing changes. An
    organisation's own list gets the checks its single terms get: article, plural and translations are advice."""
    sector = sector_by_slug(slug)
    access.check_may_edit_terms(user, None if shared else user.organisation_id)
    text = csvsafe.uploaded_text(raw, MAX_CSV_BYTES)
    numbered, problems = parse_csv(text)
    problems += [p for p in checker.list_problems(numbered, own=not shared) if not p.advice]
    if problems:
        count = f"{len(problems)} {'probleem' if len(problems) == 1 else 'problemen'}"
        raise Invalid(
            f"{count} in het bestand; er is niets veranderd.",
            errors=problems_as_errors(sorted(problems, key=lambda p: p.line), "rows"),
        )
    lock_list(sector, None if shared else user.organisation_id)  # the same file twice at once: added once
    return import_entries(
        sector,
        [e for _, e in numbered],
        organisation_id=None if shared else user.organisation_id,
        from_files=False,
        now=now,
    )
