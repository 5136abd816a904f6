"""User roles, sectors, routes and the other fixed vocabularies of the glossary."""

from enum import StrEnum


class Role(StrEnum):
    PARTICIPANT = "participant"
    TEACHER = "teacher"
    COACH = "coach"
    COORDINATOR = "coordinator"

    @property
    def is_staff(self) -> bool:
        return self is not Role.PARTICIPANT


STAFF_ROLES = frozenset({Role.TEACHER, Role.COACH, Role.COORDINATOR})


class ParticipantStatus(StrEnum):
    """Where a participant is in their programme. ``paused``: may log in and practise, raises no attention flags;
    ``finished``: the route ended, aftercare access for AFTERCARE_MONTHS, then no login; ``left``: no login."""

    ACTIVE = "active"
    PAUSED = "paused"
    FINISHED = "finished"
    LEFT = "left"


AFTERCARE_MONTHS = 6
# A teacher (or coach) still sees a participant who left their group (or caseload), read-only, this many days.
FORMER_MEMBER_DAYS = 90


class LinkPurpose(StrEnum):
    """What a one-time account link is for: a new staff member's first password, or a forgotten one."""

    SETUP = "setup"
    RESET = "reset"


class Route(StrEnum):
    """Learning routes under the Wet inburgering 2021."""

    B1 = "b1"
    ONDERWIJS = "onderwijs"
    Z = "z"


# slug -> Dutch name, in the order the interface lists them.
SECTORS: dict[str, str] = {
    "algemeen": "Algemeen (voor elk werk)",
    "schoonmaak": "Schoonmaak",
    "tuinbouw": "Tuinbouw",
    "installatie": "Installatie",
    "logistiek": "Logistiek",
    "zorg": "Zorg",
}

# Support languages: code -> (name in Dutch, name in the language itself, right-to-left?).
SUPPORT_LANGUAGES: dict[str, tuple[str, str, bool]] = {
    "en": ("Engels", "English", False),
    "ar": ("Arabisch", "العربية", True),
    "ti": ("Tigrinya", "ትግርኛ", False),
    "fa": ("Perzisch (Farsi/Dari)", "فارسی", True),
    "uk": ("Oekraïens", "Українська", False),
    "tr": ("Turks", "Türkçe", False),
}

DEFAULT_TIMEZONE = "Europe/Amsterdam"
