"""The interactive API docs at /api/docs: Swagger UI reads our OpenAPI 3.1 spec and lists every operation, from
local files, under the page's Content-Security-Policy."""

import json
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

METHODS = {"get", "post", "put", "patch", "delete"}


def spec(base_url: str) -> dict:
    with urllib.request.urlopen(base_url + "/api/openapi.json") as response:
        return json.load(response)


def test_the_docs_list_every_operation_of_the_31_spec(page, live_server, screenshot):
    document = spec(live_server)
    assert document["openapi"].startswith("3.1")
    operations = {(m.upper(), path) for path, item in document["paths"].items() for m in item if m in METHODS}
    problems, outside = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: request.url.startswith(live_server) or outside.append(request.url))

    page.goto(live_server + "/api/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Vaktaal API")
    blocks = page.locator(".opblock .opblock-summary")
    expect(blocks).to_have_count(len(operations))
    listed = {
        (b.locator(".opblock-summary-method").inner_text().strip(), b.locator(".opblock-summary-path").inner_text())
        for b in blocks.all()
    }
    # Swagger UI breaks long paths with zero-width spaces.
    assert {(method, path.replace("\u200b", "")) for method, path in listed} == operations
    screenshot("api-docs")

    # An operation opens with its responses, the error shape among them.
    login = page.locator(".opblock-post", has_text="/api/auth/login").first
    login.locator(".opblock-summary").click()
    expect(login.locator(".responses-table")).to_contain_text("422")
    screenshot("api-docs-login")
    assert problems == [], problems
    assert outside == [], "the docs load nothing from another site"
