"""flask commands: setup, demo, and creating organisations and users."""

from pathlib import Path

import click
from flask import Flask, current_app
from flask_migrate import upgrade

from api.models import utcnow
from api.resources import resources
from api.services import (
    accounts,
    audio,
    demo,
    logins,
    people,
    practice_days,
    retention,
    reviews,
    second_factor,
    wordlists,
)
from vaktaal import passwords
from vaktaal.errors import DomainError
from vaktaal.login_codes import format_code
from vaktaal.roles import SUPPORT_LANGUAGES, Role, Route
from vaktaal.wordlists import check_directory


def _print_demo(participants) -> None:
    click.echo(f"Demo staff (password: {demo.PASSWORD}):")
    for role, name, email, _ in demo.STAFF:
        click.echo(f"  {role.value:<12} {email:<30} {name}")
    click.echo("Demo participants (login code):")
    for p in participants:
        click.echo(f"  {format_code(p.code)}  {p.name}")


@click.command("setup")
def setup_command():
    """Create or upgrade the database, replay cards computed under older grading rules, then load demo data into a
    new, empty one."""
    upgrade(directory=current_app.extensions["migrate"].directory)
    replayed = reviews.replay_outdated_cards(report=lambda n: click.echo(f"  replaying cards: {n:,}"))
    if replayed:
        click.echo(f"Cards replayed under the current grading rules: {replayed:,}.")
    people.ensure_sectors()
    directory = Path(current_app.config["WORDLISTS_DIR"])
    for report in wordlists.import_directory(directory, checker=resources().checker, now=utcnow()):
        _print_import(report)
    if not people.has_organisations() and current_app.config["DEMO"]:
        _print_demo(demo.load_demo(checker=resources().checker, secret_key=resources().secret_key, now=utcnow()))
    rebuilt = practice_days.rebuild_missing(
        everyone=bool(replayed), report=lambda n: click.echo(f"  counting practice days: {n:,} participants")
    )
    if rebuilt:
        click.echo(f"Practice days counted from the answers of {rebuilt:,} participants.")
    _run_retention()
    click.echo("Database ready.")


def _run_retention() -> None:
    report = retention.run_retention(
        now=utcnow(),
        months=int(current_app.config["RETENTION_MONTHS"]),
        audit_days=int(current_app.config["AUDIT_RETENTION_DAYS"]),
    )
    click.echo(str(report))


@click.command("retention")
def retention_command():
    """Erase participants whose programme ended more than VAKTAAL_RETENTION_MONTHS ago; delete expired device
    logins, long-revoked login codes and audit entries older than VAKTAAL_AUDIT_RETENTION_DAYS. Prints counts only."""
    _run_retention()


def _print_import(report) -> None:
    click.echo("  " + report.summary())
    for conflict in report.conflicts:
        click.echo(f"    conflict: {conflict}")


@click.group("wordlists")
def wordlists_group():
    """The shared sector wordlists in wordlists/."""


def _directory(path: str | None) -> Path:
    return Path(path) if path else Path(current_app.config["WORDLISTS_DIR"])


@wordlists_group.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Default: the shipped wordlists/.")
def wordlists_check(directory):
    """Validate every wordlist file; print each problem with file, line and the fix."""
    reports = check_directory(_directory(directory), resources().checker)
    total = 0
    for report in reports:
        for problem in report.problems:
            click.echo(str(problem))
        total += len(report.problems)
        click.echo(f"{report.sector}: {len(report.entries)} entries, {len(report.problems)} problems", err=True)
    if total:
        raise click.ClickException(f"{total} problems found.")


@wordlists_group.command("import")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Default: the shipped wordlists/.")
@click.option("--sector", "sectors", multiple=True, help="Only these sectors (default: all).")
def wordlists_import(directory, sectors):
    """Import the lists: update by key, add new entries, retire removed ones; report conflicts."""
    try:
        reports = wordlists.import_directory(
            _directory(directory), checker=resources().checker, now=utcnow(), sectors=list(sectors) or None
        )
    except DomainError as exc:
        for line in (exc.errors or {}).get("problems", []):
            click.echo(line)
        raise click.ClickException(exc.message) from None
    for report in reports:
        _print_import(report)


@wordlists_group.command("export")
@click.option("--dir", "directory", type=click.Path(file_okay=False), help="Default: the shipped wordlists/.")
def wordlists_export(directory):
    """Write the database's shared lists back in the file format."""
    target = _directory(directory)
    target.mkdir(parents=True, exist_ok=True)
    for sector, count in wordlists.export_directory(target):
        click.echo(f"{sector}: {count} entries written to {target / (sector + '.csv')}")


@click.group("audio")
def audio_group():
    """Audio for terms and examples."""


@audio_group.command("generate")
@click.option("--sector", "sectors", multiple=True, help="Only these sectors (default: all).")
def audio_generate(sectors):
    """Generate (or find cached) audio for every term and example; exit non-zero when any failed."""
    texts = audio.texts_to_speak(list(sectors) or None)
    generated = cached = 0
    failures: dict[str, str] = {}
    with click.progressbar(texts, label="Audio", show_pos=True) as bar:
        for text in bar:
            if audio.cached_speech(resources().audio_store, text):
                cached += 1
                continue
            try:
                audio.speech(resources(), text, now=utcnow())
                generated += 1
            except DomainError as exc:
                failures[text] = exc.message
    click.echo(f"{generated} generated, {cached} cached, {len(failures)} failed")
    for text, reason in failures.items():
        click.echo(f"  failed: {text!r}: {reason}")
    if failures:
        raise click.ClickException(f"{len(failures)} texts have no audio.")


@click.command("demo")
def demo_command():
    """Load the demo organisation (once) and print its logins."""
    people.ensure_sectors()
    _print_demo(demo.load_demo(checker=resources().checker, secret_key=resources().secret_key, now=utcnow()))


@click.group("org")
def org_group():
    """Organisations (tenants)."""


@org_group.command("create")
@click.argument("name")
def org_create(name):
    """Create an organisation."""
    try:
        organisation = people.create_organisation(name)
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"Organisation {organisation.id}: {organisation.name}")


@org_group.command("rotate-key")
@click.argument("name")
def org_rotate_key(name):
    """Retire every signed media URL of an organisation: its own audio, recordings and visit photos (e.g. after
    a leak; phones fetch new URLs on their next sync)."""
    try:
        organisation = people.rotate_signing_key(name)
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"New signing key for {organisation.name}: its old signed media URLs no longer work.")


@click.group("user")
def user_group():
    """Users: staff with a password, participants with a login code."""


@user_group.command("create")
@click.option("--org", "org_name", required=True, help="Organisation name.")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", required=True, help="Display name.")
@click.option("--email", help="Staff only.")
@click.option("--language", "languages", multiple=True, type=click.Choice(list(SUPPORT_LANGUAGES)))
@click.option("--sector", "sectors", multiple=True)
@click.option("--route", type=click.Choice([r.value for r in Route]))
def user_create(org_name, role, name, email, languages, sectors, route):
    """Create a user. Staff are asked for a password; participants get a login code. Content rights: `user
    grant`."""
    role = Role(role)
    try:
        organisation = people.organisation_by_name(org_name)
        if role.is_staff:
            if not email:
                raise click.ClickException("Staff need --email.")
            password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
            wrong = passwords.problem(password, personal=[name, email, org_name])
            if wrong:
                raise click.ClickException(wrong)
            user = people.create_staff(organisation, role, name, email, password)
            click.echo(f"{role.value} {user.id}: {user.name} <{user.email}>")
        else:
            user = people.create_participant(
                organisation,
                name,
                support_languages=list(languages),
                sectors=list(sectors),
                route=Route(route) if route else None,
            )
            code = logins.issue_login_code(user, issued_by=None, secret_key=resources().secret_key, now=utcnow())
            click.echo(f"participant {user.id}: {user.name}, login code {format_code(code)}")
    except DomainError as exc:
        raise click.ClickException(exc.message) from None


@click.command("create-coordinator")
@click.option("--org", "org_name", required=True, help="Organisation name (created when new).")
@click.option("--name", required=True, help="The coordinator's display name.")
@click.option("--email", required=True, help="The coordinator's e-mail address (their login).")
def create_coordinator_command(org_name, name, email):
    """Create an organisation's first coordinator, without a password, and print their one-time setup link (valid
    7 days) where they choose one. Needs VAKTAAL_PUBLIC_URL: the link must name the address people use."""
    public_url = current_app.config.get("PUBLIC_URL")
    if not public_url:
        raise click.ClickException(
            "Set VAKTAAL_PUBLIC_URL to the address people open the app at (e.g. https://vaktaal.example.nl): "
            "the setup link is built from it."
        )
    try:
        organisation, new = accounts.create_coordinator(
            org_name, name, email, secret_key=resources().secret_key, now=utcnow(), base_url=public_url
        )
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"Coordinator {new.user.id} of {organisation.name}: {new.user.name} <{new.user.email}>")
    click.echo(f"One-time setup link (valid until {new.link.expires_at:%Y-%m-%d %H:%M} UTC):")
    click.echo(new.link.url)


RIGHT = click.Choice(sorted(people.CONTENT_RIGHTS))


@user_group.command("grant")
@click.argument("right", type=RIGHT)
@click.argument("email")
def user_grant(right, email):
    """Give a teacher or coordinator a content-team right: `editor` edits the shared wordlists and decides the
    proposals of every organisation. Installation level: only this command grants it, never an organisation."""
    try:
        user = people.grant_right(email, right)
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"{user.name} <{user.email}> ({user.organisation.name}) is now {right}.")


@user_group.command("revoke")
@click.argument("right", type=RIGHT)
@click.argument("email")
def user_revoke(right, email):
    """Take a content-team right away (the user keeps their role in their organisation)."""
    try:
        user = people.revoke_right(email, right)
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"{user.name} <{user.email}> ({user.organisation.name}) is no longer {right}.")


@user_group.command("reset-2fa")
@click.argument("email")
def user_reset_2fa(email):
    """Switch a staff member's second factor off (a lost phone and lost recovery codes) and end their logins; where
    it is required they set it up again at their next login."""
    try:
        user = second_factor.reset(email, now=utcnow())
    except DomainError as exc:
        raise click.ClickException(exc.message) from None
    click.echo(f"{user.name} <{user.email}>: two-factor login is off; set it up again at the next login.")


def init_app(app: Flask) -> None:
    for command in (
        setup_command,
        demo_command,
        retention_command,
        org_group,
        user_group,
        create_coordinator_command,
        wordlists_group,
        audio_group,
    ):
        app.cli.add_command(command)
