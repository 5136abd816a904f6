"""Staff accounts without an e-mail server: one-time setup and reset links, passwords, and the coordinator's
management of their organisation's staff.

A link's token is a random 256-bit secret handed over by the coordinator (on screen, as a QR code, or printed by
``create-coordinator``); only its HMAC keyed from SECRET_KEY is stored (``link_hash``), so a copy of the database
opens no account. A link is valid LINK_DAYS days and for one use; issuing a new one retires the user's older
unused ones. Opening a reset link, and issuing one, logs out all the user's devices.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, select, update

from api import links
from api.extensions import db
from api.models import AccountLink, Organisation, User
from api.qr import qr_data_url
from api.services import Shaped, audit, locks, use_case
from api.services.devices import revoke_devices
from api.services.logins import hash_password
from vaktaal import passwords
from vaktaal.accounts import normalize_email
from vaktaal.errors import Conflict, Forbidden, Invalid, NotFound
from vaktaal.privacy import AuditAction
from vaktaal.roles import STAFF_ROLES, LinkPurpose, Role

LINK_DAYS = 7

UNKNOWN_LINK = "Deze link bestaat niet. Vraag je coördinator om een nieuwe link."
USED_LINK = "Deze link is al gebruikt. Log in met je wachtwoord, of vraag je coördinator om een nieuwe link."
EXPIRED_LINK = "Deze link is verlopen. Vraag je coördinator om een nieuwe link."
REVOKED_LINK = "Deze link werkt niet meer: er is een nieuwere. Vraag je coördinator om de nieuwste link."
EMAIL_TAKEN = "Er is al een account met dit e-mailadres."
NOT_YOURSELF = "Dit kun je niet bij je eigen account doen. Vraag een andere coördinator."


@dataclass
class LinkCard:
    """A new one-time link as it is handed over: the address, a QR code of it, what it is for and until when."""

    purpose: LinkPurpose
    url: str
    qr_url: str
    expires_at: datetime


@dataclass
class LinkInfo:
    """What the public page shows of a link before the password is chosen."""

    purpose: LinkPurpose
    name: str
    email: str | None
    organisation: str
    expires_at: datetime


@dataclass(frozen=True)
class StaffMember:
    """A staff member as the coordinator's screens show them: the account and its state (a password set, a link
    waiting to be used)."""

    id: int
    role: Role
    name: str
    email: str | None
    active: bool
    is_editor: bool
    password_set: bool
    pending_link: AccountLink | None


@dataclass
class NewStaff:
    user: User
    link: LinkCard
    staff: StaffMember


def link_hash(token: str, *, secret_key: str) -> str:
    """What is stored of a link's token: an HMAC-SHA256 keyed with a key derived from the app's secret for this
    purpose alone."""
    key = hmac.new(secret_key.encode(), b"vaktaal account links", hashlib.sha256).digest()
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


def link_card(token: str, link: AccountLink, *, base_url: str) -> LinkCard:
    url = links.account_link(base_url, token)
    return LinkCard(purpose=link.purpose, url=url, qr_url=qr_data_url(url), expires_at=link.expires_at)


@use_case
def issue_link(
    user: User, purpose: LinkPurpose, *, issued_by: User | None, secret_key: str, now: datetime
) -> tuple[str, AccountLink]:
    """A new one-time link for ``user`` (part of a use case); the user's older unused links stop working.
    Returns the token (handed over once) and its row."""
    if not user.role.is_staff:
        raise Invalid("Alleen medewerkers krijgen een link voor een wachtwoord.")
    locks.lock(User, user.id)
    db.session.execute(
        update(AccountLink)
        .where(AccountLink.user_id == user.id, AccountLink.used_at.is_(None), AccountLink.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    token = secrets.token_urlsafe(32)
    link = AccountLink(
        user_id=user.id,
        purpose=purpose,
        token_hash=link_hash(token, secret_key=secret_key),
        issued_by_id=issued_by.id if issued_by else None,
        created_at=now,
        expires_at=now + timedelta(days=LINK_DAYS),
    )
    db.session.add(link)
    db.session.flush()
    return token, link


def _live_link(token: str, *, secret_key: str, now: datetime, lock: bool = False) -> AccountLink:
    """The link of a token when it can still be used; NotFound with what is wrong otherwise."""
    statement = select(AccountLink).where(AccountLink.token_hash == link_hash(token, secret_key=secret_key))
    rows = locks.locked(statement) if lock else [db.session.scalar(statement)]
    link = rows[0] if rows else None
    if link is None:
        raise NotFound(UNKNOWN_LINK)
    if link.used_at is not None:
        raise NotFound(USED_LINK)
    if link.revoked_at is not None:
        raise NotFound(REVOKED_LINK)
    if link.expires_at <= now:
        raise NotFound(EXPIRED_LINK)
    user = db.session.get(User, link.user_id)
    if user is None or not user.active:
        raise NotFound(UNKNOWN_LINK)
    return link


def link_info(token: str, *, secret_key: str, now: datetime) -> LinkInfo:
    """Whose link this is and what for (the public page's greeting)."""
    link = _live_link(token, secret_key=secret_key, now=now)
    user = db.session.get(User, link.user_id)
    return LinkInfo(
        purpose=link.purpose,
        name=user.name,
        email=user.email,
        organisation=user.organisation.name,
        expires_at=link.expires_at,
    )


def check_password(password: str, user: User) -> None:
    """The password rule (``vaktaal.passwords``), as a field error on ``password``."""
    personal = [user.name, user.email or "", user.organisation.name if user.organisation else ""]
    wrong = passwords.problem(password, personal=personal)
    if wrong:
        raise Invalid(wrong, errors={"json": {"password": [wrong]}})


@use_case
def use_link(token: str, password: str, *, secret_key: str, now: datetime) -> User:
    """Choose a password with a one-time link: the link is used up; a reset link logs out all the user's devices.
    Two at once: the second finds the link used."""
    link = _live_link(token, secret_key=secret_key, now=now, lock=True)
    user = db.session.get(User, link.user_id)
    check_password(password, user)
    user.password_hash = hash_password(password)
    link.used_at = now
    if link.purpose is LinkPurpose.RESET:
        revoke_devices(user, now=now)
    audit.record(user, AuditAction.CHANGE, now=now, object_kind="password", object_id=user.id)
    return user


# The organisation's staff, managed by its coordinators


def staff_query(coordinator: User, q: str | None = None) -> Select:
    """The staff of the coordinator's organisation, by name; ``q``: a part of the name."""
    statement = select(User).where(User.organisation_id == coordinator.organisation_id, User.role.in_(STAFF_ROLES))
    if q and q.strip():
        pattern = "%" + q.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(User.name.ilike(pattern, escape="\\"))
    return statement.order_by(User.name, User.id)


def staff_list(coordinator: User, q: str | None = None, *, now: datetime) -> Shaped:
    """The staff list to page (``staff_query``), each member with their account's state."""
    return Shaped(staff_query(coordinator, q), lambda members: staff_members(members, now=now))


def _member(user: User, pending_link: AccountLink | None) -> StaffMember:
    return StaffMember(
        id=user.id,
        role=user.role,
        name=user.name,
        email=user.email,
        active=user.active,
        is_editor=user.is_editor,
        password_set=user.password_hash is not None,
        pending_link=pending_link,
    )


def staff_members(members: list[User], *, now: datetime) -> list[StaffMember]:
    """``members`` with their account's state; the links waiting to be used (at most one each: a new link retires
    the older ones) read in one query for them all."""
    ids = [member.id for member in members]
    pending = {}
    if ids:
        live = db.session.scalars(
            select(AccountLink)
            .where(
                AccountLink.user_id.in_(ids),
                AccountLink.used_at.is_(None),
                AccountLink.revoked_at.is_(None),
                AccountLink.expires_at > now,
            )
            .order_by(AccountLink.id)
        )
        pending = {link.user_id: link for link in live}  # the newest, should there be two
    return [_member(member, pending.get(member.id)) for member in members]


def staff_member(member: User, *, now: datetime) -> StaffMember:
    """One staff member with their account's state."""
    return staff_members([member], now=now)[0]


def _email_free(email: str, *, except_id: int | None = None) -> str:
    email = normalize_email(email)
    if "@" not in email:
        raise Invalid("Geef een geldig e-mailadres.", errors={"json": {"email": ["Geef een geldig e-mailadres."]}})
    other = db.session.scalar(select(User.id).where(User.email == email))
    if other is not None and other != except_id:
        raise Conflict(EMAIL_TAKEN, errors={"json": {"email": [EMAIL_TAKEN]}})
    return email


def _staff_role(role: Role) -> Role:
    if role not in STAFF_ROLES:
        message = "Medewerkers zijn docent, coach of coördinator."
        raise Invalid(message, errors={"json": {"role": [message]}})
    return role


def _name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise Invalid("Geef een naam.", errors={"json": {"name": ["Geef een naam."]}})
    return name


@use_case
def create_staff(
    organisation: Organisation,
    role: Role,
    name: str,
    email: str,
    *,
    created_by: User | None,
    secret_key: str,
    now: datetime,
    base_url: str,
) -> NewStaff:
    """A new staff member without a password, and their one-time setup link (audited as ``create`` of the
    account). The same e-mail address again is a 409, so a retried request makes no second account."""
    user = User(
        organisation=organisation,
        role=_staff_role(role),
        name=_name(name),
        email=_email_free(email),
        password_hash=None,
        active=True,
    )
    db.session.add(user)
    db.session.flush()
    token, link = issue_link(user, LinkPurpose.SETUP, issued_by=created_by, secret_key=secret_key, now=now)
    audit.record(
        created_by,
        AuditAction.CREATE,
        now=now,
        object_kind="account",
        object_id=user.id,
        organisation_id=organisation.id,
    )
    return NewStaff(user=user, link=link_card(token, link, base_url=base_url), staff=_member(user, link))


@use_case
def update_staff(coordinator: User, member: User, changes: dict, *, now: datetime) -> StaffMember:
    """Change a staff member's name, e-mail, role or ``active``. Deactivating logs them out everywhere and retires
    their links; a coordinator cannot change their own role or deactivate themself (so the organisation always
    keeps an active coordinator)."""
    locks.lock(User, member.id)
    db.session.refresh(member)
    yourself = member.id == coordinator.id
    if "name" in changes:
        member.name = _name(changes["name"])
    if "email" in changes:
        member.email = _email_free(changes["email"], except_id=member.id)
    if "role" in changes and changes["role"] != member.role:
        if yourself:
            raise Forbidden(NOT_YOURSELF)
        member.role = _staff_role(changes["role"])
        if member.role not in (Role.TEACHER, Role.COORDINATOR):
            member.is_editor = False  # the content right belongs to teachers and coordinators only
    if "active" in changes and changes["active"] != member.active:
        if yourself:
            raise Forbidden(NOT_YOURSELF)
        member.active = changes["active"]
        if not member.active:
            revoke_devices(member, now=now)
            _revoke_links(member, now=now)
    audit.record(coordinator, AuditAction.CHANGE, now=now, object_kind="account", object_id=member.id)
    return staff_member(member, now=now)


def _revoke_links(user: User, *, now: datetime) -> None:
    db.session.execute(
        update(AccountLink)
        .where(AccountLink.user_id == user.id, AccountLink.used_at.is_(None), AccountLink.revoked_at.is_(None))
        .values(revoked_at=now)
    )


@use_case
def issue_reset_link(coordinator: User, member: User, *, secret_key: str, now: datetime, base_url: str) -> LinkCard:
    """A reset link for a staff member who forgot their password: their devices are logged out now (and again
    when the link is used); audited as ``reset-link``. Not for oneself, nor for a deactivated account."""
    if member.id == coordinator.id:
        raise Forbidden(NOT_YOURSELF)
    if not member.active:
        raise Invalid("Dit account staat uit. Zet het eerst weer aan.")
    token, link = issue_link(member, LinkPurpose.RESET, issued_by=coordinator, secret_key=secret_key, now=now)
    revoke_devices(member, now=now)
    audit.record(coordinator, AuditAction.RESET_LINK, now=now, object_kind="account", object_id=member.id)
    return link_card(token, link, base_url=base_url)


# The first coordinator, from the command line


@use_case
def create_coordinator(org_name: str, name: str, email: str, *, secret_key: str, now: datetime, base_url: str):
    """``flask create-coordinator``: the organisation (made when new) and a coordinator without a password, with
    their setup link. Returns (organisation, NewStaff)."""
    org_name = " ".join(org_name.split())
    if not org_name:
        raise Invalid("Geef de organisatie een naam.")
    organisation = db.session.scalar(select(Organisation).where(Organisation.name == org_name))
    if organisation is None:
        organisation = Organisation(name=org_name)
        db.session.add(organisation)
        db.session.flush()
    new = create_staff(
        organisation,
        Role.COORDINATOR,
        name,
        email,
        created_by=None,
        secret_key=secret_key,
        now=now,
        base_url=base_url,
    )
    return organisation, new
