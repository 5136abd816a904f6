"""One-time account links, public: whose link it is, and choosing the password with it: /api/account-links."""

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from api.audit_trail import not_audited, recorded_by_use_case
from api.auth import PUBLIC, allow
from api.extensions import limiter
from api.models import utcnow
from api.resources import resources
from api.schemas.accounts import LinkInfoOut, PasswordIn, PasswordSetOut
from api.services import accounts

blp = Blueprint(
    "account_links", __name__, url_prefix="/api/account-links", description="Een wachtwoord kiezen met een link"
)


def _per_address():
    """The same limit per client address as the logins: a link's token cannot be guessed, but tries are counted."""
    return current_app.config["RATELIMIT_LOGIN_PER_ADDRESS"]


@blp.route("/<token>")
class AccountLink(MethodView):
    decorators = [limiter.limit(_per_address)]

    @allow(PUBLIC)
    @not_audited
    @blp.response(200, LinkInfoOut)
    def get(self, token):
        """Whose one-time link this is and what for (404 with the reason when unknown, used, revoked or expired)"""
        return accounts.link_info(token, secret_key=resources().secret_key, now=utcnow())

    @allow(PUBLIC)
    @recorded_by_use_case
    @blp.arguments(PasswordIn)
    @blp.response(200, PasswordSetOut)
    def post(self, data, token):
        """Choose a password with a one-time link; the link is used up (a reset link logs out every device)"""
        user = accounts.use_link(token, data["password"], secret_key=resources().secret_key, now=utcnow())
        return {"email": user.email}
