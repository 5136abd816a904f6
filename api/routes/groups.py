"""Groups (cohorts): the caller's groups with their members, and the coordinator's management of them, members
joining and leaving on dates (history kept): /api/groups."""

from flask.views import MethodView
from flask_smorest import Blueprint, Page

from api import access
from api.audit_trail import audited, not_audited
from api.auth import STAFF, allow, current_user
from api.models import Role
from api.schemas.programme import GroupChanges, GroupIn, GroupOut, LeaveIn, MemberIn, MembershipOut, NameQuery
from api.services import groups

blp = Blueprint("groups", __name__, url_prefix="/api/groups", description="Groepen")


@blp.route("")
class Groups(MethodView):
    @allow(STAFF)
    @blp.arguments(NameQuery, location="query")
    @blp.response(200, GroupOut(many=True))
    @blp.paginate(Page, page_size=50, max_page_size=100)
    def get(self, query):
        """My groups, by name (?q= searches): a teacher's own, a coach's with someone of the caseload, a
        coordinator's organisation's; each with its members of today whom the caller may see"""
        return groups.groups(current_user(), q=query.get("q"))

    @allow(Role.COORDINATOR)
    @not_audited
    @blp.arguments(GroupIn)
    @blp.response(201, GroupOut)
    def post(self, data):
        """A new group: name, start and end date, teachers"""
        user = current_user()
        group = groups.create_group(user, data)
        return groups.group_views(user, [group], today=access.local_today(user))[0]


@blp.route("/<int:group_id>")
class OneGroup(MethodView):
    @allow(STAFF)
    @audited("group", object="group")
    @blp.response(200, GroupOut)
    def get(self, group):
        """One group with its members of today whom the caller may see"""
        user = current_user()
        return groups.group_views(user, [group], today=access.local_today(user))[0]

    @allow(Role.COORDINATOR)
    @not_audited
    @blp.arguments(GroupChanges)
    @blp.response(200, GroupOut)
    def patch(self, changes, group):
        """Change the name, the dates or the teachers (the whole list) of a group"""
        user = current_user()
        group = groups.change_group(user, group, changes)
        return groups.group_views(user, [group], today=access.local_today(user))[0]


@blp.route("/<int:group_id>/members")
class Members(MethodView):
    @allow(STAFF)
    @audited("group", object="group")
    @blp.arguments(NameQuery, location="query")
    @blp.response(200, MembershipOut(many=True))
    @blp.paginate(Page, page_size=50, max_page_size=100)
    def get(self, query, group):
        """Every stint in the group, members of today first, then former ones, with their dates (those the caller
        may see: a teacher's former members for 90 days after they left)"""
        user = current_user()
        return groups.members(user, group, today=access.local_today(user), q=query.get("q"))

    @allow(Role.COORDINATOR)
    @audited("group", object="group")
    @blp.arguments(MemberIn)
    @blp.response(201, MembershipOut)
    def post(self, data, group):
        """A participant joins the group on a day (default today): a new stint, earlier ones kept"""
        user = current_user()
        joined_on = data.get("joined_on") or access.local_today(user)
        return groups.add_member(user, group, data["participant_id"], joined_on=joined_on)


@blp.route("/<int:group_id>/members/<int:participant_id>/leave")
class Leave(MethodView):
    @allow(Role.COORDINATOR)
    @audited("group", participant="participant", object="group")
    @blp.arguments(LeaveIn)
    @blp.response(200, MembershipOut)
    def post(self, data, group, participant):
        """The participant leaves the group; ``left_on`` (default today) is their last day in it"""
        left_on = data.get("left_on") or access.local_today(current_user())
        return groups.end_membership(group, participant, left_on=left_on)
