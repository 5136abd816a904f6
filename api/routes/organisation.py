"""The caller's organisation and its settings: /api/organisation."""

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from api.audit_trail import not_audited, recorded_by_use_case
from api.auth import STAFF, allow, current_user
from api.models import Role, utcnow
from api.schemas.accounts import OrganisationChanges, OrganisationOut
from api.services import organisation
from vaktaal import attention

blp = Blueprint("organisation", __name__, url_prefix="/api/organisation", description="De organisatie")


def shaped(org) -> dict:
    return {
        "id": org.id,
        "name": org.name,
        "timezone": org.timezone,
        "retention_months": org.retention_months,
        "default_retention_months": int(current_app.config["RETENTION_MONTHS"]),
        **{name: getattr(org, name) for name in attention.LIMITS},
        "default_thresholds": attention.DEFAULTS,
    }


@blp.route("")
class Organisation(MethodView):
    @allow(STAFF)
    @not_audited
    @blp.response(200, OrganisationOut)
    def get(self):
        """My organisation's settings (staff read them; coordinators change them)"""
        return shaped(organisation.organisation_of(current_user()))

    @allow(Role.COORDINATOR)
    @recorded_by_use_case
    @blp.arguments(OrganisationChanges)
    @blp.response(200, OrganisationOut)
    def patch(self, data):
        """Change my organisation's name, time zone (an IANA name) or retention period (1-120 months, null: the
        installation's default), or the thresholds of the caseload's attention flags (null: the default)"""
        return shaped(organisation.update_organisation(current_user(), data, now=utcnow()))
