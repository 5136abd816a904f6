"""Every kind of error answers in the one JSON shape: {code, status, message[, errors]}."""

import pytest
from flask import Flask

from api.auth import PUBLIC, allow
from tests import factories


def assert_error_shape(response, code):
    assert response.status_code == code
    assert response.is_json
    body = response.json
    assert body["code"] == code
    assert isinstance(body["status"], str) and body["status"]
    assert isinstance(body["message"], str) and body["message"]
    assert set(body) <= {"code", "status", "message", "errors"}
    return body


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "code", "field"),
    [
        ("GET", "/api/does-not-exist", {}, 404, None),
        ("GET", "/nothing/here", {}, 404, None),
        ("PUT", "/api/health", {}, 405, None),
        ("POST", "/api/auth/login", {"data": "{not json", "content_type": "application/json"}, 400, None),
        ("POST", "/api/auth/login", {"json": {"email": "not-an-email"}}, 422, "email"),
        ("POST", "/api/auth/login", {"json": {"email": "a@b.nl", "password": "x", "extra": 1}}, 422, "extra"),
        ("POST", "/api/auth/code", {"json": {"code": "not-a-code"}}, 422, None),
        ("GET", "/api/me", {}, 401, None),
        ("GET", "/api/participants?page_size=101", {"auth": True}, 422, "page_size"),
        ("GET", "/api/participants/999999", {"auth": True}, 404, None),
    ],
)
def test_error_paths_share_one_shape(client, world, method, path, kwargs, code, field):
    kwargs = dict(kwargs)
    if kwargs.pop("auth", False):
        kwargs["headers"] = factories.headers(world.coordinator)
    body = assert_error_shape(client.open(path, method=method, **kwargs), code)
    if field is None:
        assert "errors" not in body or code == 400, body
    else:
        assert any(field in fields for fields in body["errors"].values()), body


def test_validation_errors_name_the_fields(client, world):
    body = assert_error_shape(client.post("/api/auth/login", json={"email": "a@b.nl"}), 422)
    assert body["errors"]["json"]["password"] == ["Dit veld is verplicht."]


def test_forbidden_role_gets_403_shape(client, world):
    response = client.post(
        f"/api/participants/{world.participant.id}/login-code", headers=factories.headers(world.participant)
    )
    assert_error_shape(response, 403)


def test_method_not_allowed_lists_allowed_methods(client, ctx):
    response = client.put("/api/health")
    assert_error_shape(response, 405)
    assert "GET" in response.headers["Allow"]


def _app_with_broken_route(make_app) -> Flask:
    app = make_app({"PROPAGATE_EXCEPTIONS": False})

    @app.route("/api/boom")
    @allow(PUBLIC)
    def boom():
        raise RuntimeError("secret internals: password=hunter2")

    return app


def test_unhandled_error_is_a_500_without_internals(make_app, app, caplog):
    broken = _app_with_broken_route(make_app)
    response = broken.test_client().get("/api/boom")
    body = assert_error_shape(response, 500)
    assert "hunter2" not in response.get_data(as_text=True)
    assert "RuntimeError" not in body["message"]
    assert any("Unhandled error" in record.message for record in caplog.records)
