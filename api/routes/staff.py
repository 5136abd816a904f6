"""The organisation's staff, managed by its coordinators: /api/staff."""

from flask.views import MethodView
from flask_smorest import Blueprint

from api import viewer
from api.audit_trail import not_audited, recorded_by_use_case
from api.auth import allow, current_user
from api.models import Role, utcnow
from api.pagination import SelectPage
from api.resources import resources
from api.schemas.accounts import LinkOut, NewStaffOut, StaffChanges, StaffIn, StaffOut, StaffQuery
from api.services import accounts

blp = Blueprint("staff", __name__, url_prefix="/api/staff", description="Medewerkers van de organisatie")


@blp.route("")
class Staff(MethodView):
    @allow(Role.COORDINATOR)
    @not_audited
    @blp.arguments(StaffQuery, location="query")
    @blp.response(200, StaffOut(many=True))
    @blp.paginate(SelectPage, page_size=50, max_page_size=100)
    def get(self, query):
        """The staff of my organisation by name (?q=: a part of the name)"""
        return accounts.staff_list(current_user(), query.get("q"), now=utcnow())

    @allow(Role.COORDINATOR)
    @recorded_by_use_case
    @blp.arguments(StaffIn)
    @blp.response(201, NewStaffOut)
    def post(self, data):
        """Add a teacher, coach or coordinator: no password yet; the answer holds their one-time setup link (and
        its QR code) to hand over"""
        coordinator = current_user()
        return accounts.create_staff(
            coordinator.organisation,
            data["role"],
            data["name"],
            data["email"],
            created_by=coordinator,
            secret_key=resources().secret_key,
            now=utcnow(),
            base_url=viewer.base_url(),
        )


@blp.route("/<int:staff_id>")
class OneStaff(MethodView):
    @allow(Role.COORDINATOR)
    @not_audited
    @blp.response(200, StaffOut)
    def get(self, member):
        """One staff member of my organisation"""
        return accounts.staff_member(member, now=utcnow())

    @allow(Role.COORDINATOR)
    @recorded_by_use_case
    @blp.arguments(StaffChanges)
    @blp.response(200, StaffOut)
    def patch(self, data, member):
        """Change name, e-mail or role; active=false logs them out everywhere and stops their login (not for
        yourself)"""
        return accounts.update_staff(current_user(), member, data, now=utcnow())


@blp.route("/<int:staff_id>/reset-link", methods=["POST"])
@allow(Role.COORDINATOR)
@recorded_by_use_case
@blp.response(201, LinkOut)
def reset_link(member):
    """A one-time link to choose a new password (forgotten password): their devices are logged out now and when
    it is used; older links stop working"""
    return accounts.issue_reset_link(
        current_user(), member, secret_key=resources().secret_key, now=utcnow(), base_url=viewer.base_url()
    )
