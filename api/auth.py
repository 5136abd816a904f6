"""Who is calling: bearer tokens, and each route's declared roles, enforced in one place before every request.

Every API view declares who may call it with ``@allow(...)``; ``create_app`` refuses to start when an API route
has no declaration, so a new route cannot be left open by accident. Refusals: 401 without a valid token, 403 when
the caller's role may never use the route. Object scope (404) is ``api.access``'s job.
"""

from flask import Flask, abort, current_app, g, request

from api.models import User, utcnow
from api.services import logins
from vaktaal.roles import STAFF_ROLES, Role

PUBLIC = "public"
ANYONE = frozenset(Role)
STAFF = STAFF_ROLES
PARTICIPANT = frozenset({Role.PARTICIPANT})
POLICY_ATTR = "_vaktaal_allow"

# Routes that are not ours to decorate but are public by nature.
PUBLIC_ENDPOINTS = {"api-docs.openapi_json", "static"}


def allow(*who):
    """Declare who may call a view: ``@allow(PUBLIC)``, ``@allow(STAFF)``, ``@allow(Role.TEACHER, ...)``."""
    roles: set = set()
    for item in who:
        roles |= {item} if isinstance(item, str) else set(item)

    def mark(func):
        setattr(func, POLICY_ATTR, frozenset(roles))
        return func

    return mark


def policy_of(endpoint: str, method: str) -> frozenset | None:
    """The roles declared for an endpoint and method, or None when nothing is declared."""
    if endpoint in PUBLIC_ENDPOINTS:
        return frozenset({PUBLIC})
    view = current_app.view_functions.get(endpoint)
    if view is None:
        return None
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        name = "get" if method == "HEAD" else method.lower()
        view = getattr(view_class, name, None)
    return getattr(view, POLICY_ATTR, None)


def _bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _enforce():
    g.user = None
    g.device_session = None
    if request.endpoint is None or request.method == "OPTIONS":
        return None  # routing errors are answered by the error handlers
    policy = policy_of(request.endpoint, request.method)
    if policy is None:
        if request.path.startswith("/api"):
            abort(403)  # unreachable: create_app refuses undeclared API routes
        return None
    token = _bearer_token()
    if token:
        session = logins.authenticate(token, now=utcnow())
        if session is not None:
            g.device_session = session
            g.user = session.user
    g.public_route = PUBLIC in policy
    if g.public_route:
        return None
    if g.user is None:
        abort(401)
    if g.user.role not in policy:
        abort(403)
    return None


def current_user() -> User:
    """The logged-in user of this request (views with a role policy always have one)."""
    user = g.get("user")
    if user is None:
        abort(401)
    return user


def check_declared(app: Flask) -> None:
    """Refuse to start when an API route has no declared policy."""
    missing = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.rule.startswith("/api"):
                continue
            for method in rule.methods - {"OPTIONS", "HEAD"}:
                if policy_of(rule.endpoint, method) is None:
                    missing.append(f"{method} {rule.rule}")
    if missing:
        raise RuntimeError("API routes without @allow(...): " + ", ".join(sorted(missing)))


def init_app(app: Flask) -> None:
    app.before_request(_enforce)
