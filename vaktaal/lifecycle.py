"""A participant's lifecycle: who may log in, and what a change of status does to the programme's end date.

``active`` and ``paused`` log in (a paused participant practises, their answers count; later issues raise no
attention flags for them). ``finished``: the route ended; aftercare access for ``AFTERCARE_MONTHS`` after
``ended_on``, then no login. ``left``: no login. Reactivating (``active`` again) clears ``ended_on``.
"""

import calendar
from dataclasses import dataclass
from datetime import date

from vaktaal.roles import AFTERCARE_MONTHS, ParticipantStatus

ENDED = frozenset({ParticipantStatus.FINISHED, ParticipantStatus.LEFT})

LEFT_MESSAGE = "Je kunt niet meer inloggen: je doet niet meer mee. Vraag je coördinator als dit niet klopt."
AFTERCARE_OVER_MESSAGE = (
    "Je kunt niet meer inloggen: je traject is klaar en de nazorg is voorbij. Vraag je coördinator als dit niet klopt."
)

# Plain Dutch for the status choice on the staff screen.
EXPLANATIONS: dict[ParticipantStatus, str] = {
    ParticipantStatus.ACTIVE: "Doet mee. Kan inloggen en oefenen.",
    ParticipantStatus.PAUSED: "Doet even niet mee (bijvoorbeeld ziek of verlof). Kan nog inloggen en oefenen.",
    ParticipantStatus.FINISHED: f"Traject klaar. Kan nog {AFTERCARE_MONTHS} maanden inloggen (nazorg), daarna niet.",
    ParticipantStatus.LEFT: "Gestopt. Kan niet meer inloggen. De gegevens blijven tot ze worden gewist.",
}


def add_months(day: date, months: int) -> date:
    """The same day ``months`` months later (the 31st becomes the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def aftercare_until(ended_on: date) -> date:
    """The last day a finished participant may still log in."""
    return add_months(ended_on, AFTERCARE_MONTHS)


def login_refusal(status: ParticipantStatus, ended_on: date | None, *, today: date) -> str | None:
    """Why a participant may not log in today (a message for them), or None when they may.

    Args:
        status: Their lifecycle status.
        ended_on: The day their programme ended (finished or left), if marked.
        today: Today in the participant's or organisation's time zone.

    Returns:
        A plain Dutch message, or None.
    """
    if status is ParticipantStatus.LEFT:
        return LEFT_MESSAGE
    if status is ParticipantStatus.FINISHED and ended_on is not None and today > aftercare_until(ended_on):
        return AFTERCARE_OVER_MESSAGE
    return None


@dataclass(frozen=True)
class StatusChange:
    """What a change of status sets: the status, since when, and the programme's end day."""

    status: ParticipantStatus
    status_since: date
    ended_on: date | None


def change_status(
    new: ParticipantStatus, *, ended_on: date | None, current_ended_on: date | None, today: date
) -> StatusChange:
    """The profile's values after a change of status.

    Args:
        new: The new status.
        ended_on: The end day the caller gave with it (None: not given).
        current_ended_on: The end day stored now.
        today: Today.

    Returns:
        finished/left: ended_on as given, else as stored, else today. active/paused: no end day.
    """
    if new in ENDED:
        return StatusChange(new, today, ended_on or current_ended_on or today)
    return StatusChange(new, today, None)


def retention_start(status: ParticipantStatus, ended_on: date) -> date:
    """The day the retention period starts counting: the end of aftercare for a finished route, else ``ended_on``."""
    return aftercare_until(ended_on) if status is ParticipantStatus.FINISHED else ended_on
