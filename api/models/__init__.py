"""All tables; importing this module registers them on the metadata."""

from api.models.levels import Assessment, TargetChange
from api.models.people import (
    AccountLink,
    DeviceSession,
    LoginCode,
    Organisation,
    ParticipantProfile,
    User,
    participant_sectors,
)
from api.models.practice import Assignment, Card, PracticeDay, PracticeSession, ReviewEvent
from api.models.privacy import AuditEntry, Consent, RecoveryCode
from api.models.programme import Group, Placement, Workplace, caseload, group_participants, group_teachers
from api.models.types import UTCDateTime, utcnow
from api.models.visits import Observation, Visit, observation_participants, visit_participants
from api.models.wordlists import AudioRecording, Sector, Term, TermProposal
from vaktaal.roles import Role

__all__ = [
    "AccountLink",
    "Assessment",
    "TargetChange",
    "AuditEntry",
    "Consent",
    "RecoveryCode",
    "Observation",
    "Visit",
    "observation_participants",
    "visit_participants",
    "Assignment",
    "Card",
    "PracticeDay",
    "PracticeSession",
    "ReviewEvent",
    "AudioRecording",
    "Role",
    "DeviceSession",
    "Group",
    "LoginCode",
    "Organisation",
    "ParticipantProfile",
    "Placement",
    "Sector",
    "Term",
    "TermProposal",
    "User",
    "UTCDateTime",
    "Workplace",
    "caseload",
    "group_participants",
    "group_teachers",
    "participant_sectors",
    "utcnow",
]
