"""Proposed changes to shared terms: teachers without the editor right propose, editors accept or reject."""

from dataclasses import replace
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from api import access
from api.convert import entry_from_term, translations_from_json, translations_to_json
from api.extensions import db
from api.models import Term, TermProposal, User
from api.services import use_case
from api.services.terms import update_term, validated
from vaktaal.errors import Invalid
from vaktaal.wordlists import Checker, ProposalStatus


def _stored(changes: dict) -> dict:
    out = dict(changes)
    if "translations" in out:
        out["translations"] = translations_to_json(out["translations"])
    return out


def _loaded(stored: dict) -> dict:
    out = dict(stored)
    if "translations" in out:
        out["translations"] = translations_from_json(out["translations"])
    return out


@use_case
def propose_change(
    user: User, term: Term, changes: dict, note: str, *, checker: Checker, now: datetime
) -> TermProposal:
    if term.organisation_id is not None:
        raise Invalid("Voorstellen zijn voor gedeelde termen. Deze term kun je zelf wijzigen.")
    validated(checker, replace(entry_from_term(term), **changes))
    proposal = TermProposal(
        term_id=term.id, proposed_by_id=user.id, changes=_stored(changes), note=note, created_at=now
    )
    db.session.add(proposal)
    db.session.flush()
    return proposal


def open_proposals(user: User) -> Select:
    """Open proposals, oldest first: every organisation's for an editor (the content team works for the whole
    installation), the user's own organisation's otherwise."""
    return (
        select(TermProposal)
        .where(TermProposal.status == ProposalStatus.OPEN, access.proposals_in_scope(user))
        .options(
            selectinload(TermProposal.term), selectinload(TermProposal.proposed_by).selectinload(User.organisation)
        )
        .order_by(TermProposal.created_at, TermProposal.id)
    )


@use_case
def decide_proposal(
    user: User, proposal: TermProposal, *, accept: bool, checker: Checker, now: datetime
) -> TermProposal:
    """Accept (apply the change, in the same transaction) or reject a proposal. Editors only."""
    access.check_editor(user)
    if proposal.status is not ProposalStatus.OPEN:
        raise Invalid("Over dit voorstel is al beslist.")
    if accept:
        update_term(user, proposal.term, _loaded(proposal.changes), checker=checker, now=now)
    proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
    proposal.decided_by_id = user.id
    proposal.decided_at = now
    return proposal
