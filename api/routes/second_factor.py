"""Staff's own second factor (TOTP): /api/me/second-factor. A login whose second factor is required but not set up
reaches nothing else until it is (the check below runs before every request, after api.auth's)."""

from flask import abort, current_app, g, request
from flask.views import MethodView
from flask_smorest import Blueprint

from api.auth import STAFF, allow, current_user
from api.models import utcnow
from api.resources import resources
from api.schemas.second_factor import CodeIn, Enrolment, RecoveryCodes, SecondFactorState
from api.services import second_factor

blp = Blueprint(
    "second_factor", __name__, url_prefix="/api/me/second-factor", description="Tweestapsverificatie voor medewerkers"
)

SETUP_FIRST = "Stel eerst je tweestapsverificatie in. Daarna kun je verder."
# What a login that must set up its second factor first may reach.
SETUP_ENDPOINTS = {
    "second_factor.SecondFactor",
    "second_factor.confirm",
    "me.Me",
    "auth.logout",
}


@blp.before_app_request
def _setup_first():
    session = g.get("device_session")
    if session is None or not session.second_factor_pending or g.get("public_route"):
        return None
    if request.endpoint not in SETUP_ENDPOINTS:
        abort(403, SETUP_FIRST)
    return None


def _require_all() -> bool:
    return bool(current_app.config["REQUIRE_2FA"])


@blp.route("")
class SecondFactor(MethodView):
    @allow(STAFF)
    @blp.response(200, SecondFactorState)
    def get(self):
        """My second factor: on or off, required or not, recovery codes left"""
        return second_factor.state(current_user(), require_all=_require_all(), session=g.device_session)

    @allow(STAFF)
    @blp.response(200, Enrolment)
    def post(self):
        """Start setting up the second factor: a new secret as a QR code for the authenticator app"""
        return second_factor.start_enrolment(current_user(), secret_key=resources().secret_key)

    @allow(STAFF)
    @blp.arguments(CodeIn)
    @blp.response(204)
    def delete(self, data):
        """Switch the second factor off with a current code (only where it is optional)"""
        second_factor.disable(
            current_user(), data["code"], secret_key=resources().secret_key, now=utcnow(), require_all=_require_all()
        )


@blp.route("/confirm", methods=["POST"])
@allow(STAFF)
@blp.arguments(CodeIn)
@blp.response(200, RecoveryCodes)
def confirm(data):
    """Switch the second factor on with a first code from the app; returns the recovery codes (shown once)"""
    codes = second_factor.confirm_enrolment(
        current_user(), data["code"], secret_key=resources().secret_key, now=utcnow(), session=g.device_session
    )
    return {"recovery_codes": codes}
