"""Health, OpenAPI, docs, security headers and pagination."""

import json

from tests import factories


def test_health_reports_database(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_openapi_spec_lists_routes(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json["paths"]
    assert "/api/auth/code" in paths
    assert "/api/participants/{participant_id}/login-code" in paths


def test_docs_page_is_served_locally_without_inline_script(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<script src="/api/docs/swagger-ui-bundle.js">' in html
    assert "<script>" not in html
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    response.close()
    for asset in ("/api/docs/swagger-ui-bundle.js", "/api/docs/init.js"):
        with client.get(asset) as response:
            assert response.status_code == 200


def test_security_headers_everywhere(client, world):
    for response in (client.get("/"), client.get("/api/me", headers=factories.headers(world.participant))):
        assert response.status_code == 200
        csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        response.close()
    personal = client.get("/api/me", headers=factories.headers(world.participant))
    assert personal.headers["Cache-Control"] == "no-store"


def test_lists_paginate_with_counts_in_header(client, world):
    for i in range(5):
        factories.group(world.org_a, [], [factories.participant(world.org_a, f"Extra {i}")], f"G{i}")
    headers = factories.headers(world.coordinator)
    response = client.get("/api/participants?page=2&page_size=3", headers=headers)
    assert response.status_code == 200
    assert len(response.json) == 3
    pagination = json.loads(response.headers["X-Pagination"])
    assert pagination["total"] == 7
    assert pagination["page"] == 2
    assert pagination["total_pages"] == 3


def test_frontend_served_at_root_and_login(client, ctx):
    for path in ("/", "/login"):
        response = client.get(path)
        assert response.status_code == 200
        assert b"<!doctype html>" in response.data.lower()
        response.close()


def test_static_files_are_gzipped_for_phones_and_revalidated(client, ctx):
    response = client.get("/static/js/app.js", headers={"Accept-Encoding": "gzip, deflate"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.mimetype == "text/javascript"
    import gzip

    assert b"import" in gzip.decompress(response.data)
    again = client.get(
        "/static/js/app.js", headers={"Accept-Encoding": "gzip", "If-None-Match": response.headers["ETag"]}
    )
    assert again.status_code == 304
    assert client.get("/static/../api/config.py").status_code == 404
