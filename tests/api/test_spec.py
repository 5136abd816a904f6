"""The OpenAPI spec matches what the API needs and sends, and every input it describes is checked at the edge.

The walks read the spec (``/api/openapi.json``), so a new route or field is covered without a new test: every text a
request can bring (a JSON field at any depth, a dict key, a query parameter, a multipart field) refuses a NUL with a
422 naming it; every integer and every text is bounded; every PATCH refuses an empty body. Valid requests for each
route come from the permission walk's table (``tests/api/test_permissions.py``), so only one field is wrong at a time.
"""

import copy
import json
import re

import pytest

from api import create_app
from api.auth import PUBLIC, policy_of
from api.schemas import NOTHING_TO_CHANGE
from api.schemas.fields import MAX_ID
from tests import factories
from tests.api.test_permissions import (
    NO_INPUT,
    REQUESTS,
    ROUTES,
    Scene,
    _editors,
    jpeg,
    multipart_body,
    recording,
)
from vaktaal.roles import Role

NUL = "a\x00b"
KEY, VALUE = "<key>", "<value>"  # steps of a path into a dict's keys or values
# Who tries a route: the first of these its policy allows (teachers may most, with the editor right).
TRY_AS = ("teacher", "coordinator", "coach", "participant")

APP = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x"})
SPEC = APP.test_client().get("/api/openapi.json").json


def openapi_path(rule: str) -> str:
    return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule)


def operation(method: str, rule: str) -> dict:
    return SPEC["paths"].get(openapi_path(rule), {}).get(method.lower(), {})


def resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def types_of(schema: dict) -> list[str]:
    kind = schema.get("type", [])
    return [kind] if isinstance(kind, str) else kind


def text_paths(schema: dict, path: tuple = ()):
    """The path to every text a schema takes in: names, 0 for a list's item, KEY and VALUE for a dict's."""
    schema = resolve(schema)
    if "string" in types_of(schema) and schema.get("format") != "binary":
        yield path
    for name, inner in schema.get("properties", {}).items():
        yield from text_paths(inner, (*path, name))
    if "items" in schema:
        yield from text_paths(schema["items"], (*path, 0))
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict) and extra:  # a typed dict: its keys are text too
        yield (*path, KEY)
        yield from text_paths(extra, (*path, VALUE))


def with_text(body, path: tuple, text: str):
    """A copy of ``body`` with ``text`` at ``path``; what the path passes through is made where it is missing."""
    if not path:
        return text
    body = copy.deepcopy(body)
    step, rest = path[0], path[1:]
    if step == 0:
        items = body if isinstance(body, list) and body else [{} if rest and rest[0] != 0 else []]
        return [with_text(items[0], rest, text), *items[1:]]
    if step == KEY:
        value = next(iter(body.values()), None) if isinstance(body, dict) and body else None
        return {text: value if value is not None else {"text": "x"}}
    body = body if isinstance(body, dict) else {}
    if step == VALUE:
        key = next(iter(body), "en")
        body[key] = with_text(body.get(key, {}), rest, text)
        return body
    body[step] = with_text(body.get(step, {}), rest, text)
    return body


def caller_for(method: str, rule: str) -> str | None:
    policy = ROUTES[(method, rule)].policy
    if PUBLIC in policy:
        return None
    return next(name for name in TRY_AS if Role(name) in policy)


def text_inputs():
    """(method, rule, where, path) for every text of every input the spec describes."""
    cases = []
    for method, rule in ROUTES:
        op = operation(method, rule)
        content = op.get("requestBody", {}).get("content", {})
        for where, media in (("json", "application/json"), ("files", "multipart/form-data")):
            if media in content and (method, rule) in REQUESTS:
                cases += [(method, rule, where, path) for path in text_paths(content[media]["schema"])]
        for parameter in op.get("parameters", []):
            if parameter["in"] == "query" and "string" in types_of(resolve(parameter["schema"])):
                cases.append((method, rule, "query", (parameter["name"],)))
    return cases


def case_id(case) -> str:
    method, rule, where, path = case
    return f"{method} {rule} {where}:" + ".".join(str(step) for step in path)


TEXT_INPUTS = text_inputs()


def test_the_walk_reaches_nested_fields_dict_keys_queries_and_multipart_fields():
    names = {case_id(case) for case in TEXT_INPUTS}
    assert "POST /api/visits json:observations.0.context" in names
    assert "POST /api/terms json:translations.<key>" in names
    assert "POST /api/terms json:translations.<value>.text" in names
    assert "GET /api/sectors/<slug>/terms query:q" in names
    assert "POST /api/terms/<int:term_id>/audio files:kind" in names
    assert "POST /api/observations/<int:observation_id>/decision json:changes.example" in names
    assert len(TEXT_INPUTS) > 80


@pytest.mark.parametrize("case", TEXT_INPUTS, ids=case_id)
def test_every_text_of_every_input_refuses_a_nul(client, world, case):
    method, rule, where, path = case
    _editors(world)
    caller = caller_for(method, rule)
    scene = Scene(client, world)
    call = REQUESTS.get((method, rule), NO_INPUT)
    options = call.options(scene)
    if where == "json":
        options["json"] = with_text(options.get("json", {}), path, NUL)
    elif where == "query":
        options["query_string"] = {**options.get("query_string", {}), path[0]: NUL}
    else:
        fields = {**call.multipart(scene), path[0]: NUL}
        options = {**options, **multipart_body(fields)}
    headers = factories.headers(getattr(world, caller)) if caller else {}
    response = client.open(call.path(rule, scene), method=method, headers=headers, **options)
    assert response.status_code == 422, f"{case_id(case)}: {response.status_code} {response.get_data(as_text=True)}"
    errors = response.json["errors"][where]
    assert str(path[0]) in errors, errors


def test_text_in_a_url_is_one_line_of_visible_characters(client, world):
    headers = factories.headers(world.teacher)
    assert client.get("/api/sectors/schoonmaak", headers=headers).status_code == 200
    for slug in ("%00", "school%0Amaak", "a%7F", "x" * 101):
        response = client.get(f"/api/sectors/{slug}/terms", headers=headers)
        assert response.status_code == 404 and response.is_json, slug
    parameter = operation("GET", "/api/sectors/<slug>/terms")
    slug = next(p for p in SPEC["paths"]["/api/sectors/{slug}/terms"]["parameters"] if p["name"] == "slug")
    assert slug["schema"]["maxLength"] == 100 and "\\u0000" in slug["schema"]["pattern"]
    assert re.fullmatch(slug["schema"]["pattern"][1:-1], "schoonmaak")
    assert not re.fullmatch(slug["schema"]["pattern"][1:-1], "a\x00b")
    assert parameter["security"] == [{"bearerAuth": []}]


def inputs():
    """Every parameter and every property of a request body, as (where, name, schema)."""
    for path in SPEC["paths"].values():
        for parameter in path.get("parameters", []):
            yield "path", parameter["name"], parameter["schema"]
        for method, op in path.items():
            if method == "parameters":
                continue
            for parameter in op.get("parameters", []):
                yield parameter["in"], parameter["name"], resolve(parameter["schema"])
            for media in op.get("requestBody", {}).get("content", {}).values():
                yield from _properties(media["schema"], "body")


def _properties(schema: dict, where: str):
    schema = resolve(schema)
    for name, inner in schema.get("properties", {}).items():
        inner = resolve(inner)
        yield where, name, inner
        yield from _properties(inner, where)
        if "items" in inner:
            yield where, name + "[]", resolve(inner["items"])
            yield from _properties(inner["items"], where)
    if isinstance(schema.get("additionalProperties"), dict):
        yield from _properties(schema["additionalProperties"], where)


def test_every_integer_input_lies_in_the_database_range():
    unbounded = []
    for where, name, schema in inputs():
        if "integer" not in types_of(schema) or name == "page":  # a page past the end is an empty page
            continue
        if not (schema.get("minimum", -1) >= 0 and schema.get("maximum", MAX_ID + 1) <= MAX_ID):
            unbounded.append(f"{where} {name}: {schema}")
    assert unbounded == []


def test_every_text_input_is_bounded_and_refuses_control_characters():
    loose = []
    for where, name, schema in inputs():
        if "string" not in types_of(schema) or schema.get("format") in ("binary", "uuid", "date", "date-time"):
            continue
        if "enum" in schema:
            continue
        if "maxLength" not in schema or "pattern" not in schema or "\\u0000" not in schema["pattern"]:
            loose.append(f"{where} {name}: {schema}")
    assert loose == []


def test_every_list_input_is_bounded():
    lists = [(where, name, schema) for where, name, schema in inputs() if "array" in types_of(schema)]
    assert len(lists) >= 8
    assert [f"{where} {name}" for where, name, schema in lists if "maxItems" not in schema] == []


PATCHES = [(method, rule) for method, rule in ROUTES if method == "PATCH"]


def test_every_patch_body_has_something_to_change_in_the_spec():
    assert len(PATCHES) >= 4
    for method, rule in PATCHES:
        body = resolve(operation(method, rule)["requestBody"]["content"]["application/json"]["schema"])
        assert body.get("minProperties") == 1, rule


@pytest.mark.parametrize(("method", "rule"), PATCHES)
@pytest.mark.parametrize("body", [{}, None], ids=["empty-object", "no-body"])
def test_every_patch_refuses_an_empty_body_and_changes_nothing(client, world, method, rule, body):
    _editors(world)
    caller = getattr(world, caller_for(method, rule))
    scene = Scene(client, world)
    url = REQUESTS[(method, rule)].path(rule, scene)
    headers = factories.headers(caller)
    before = client.get(url if "/settings" not in url else url.rsplit("/", 1)[0], headers=headers).json
    options = {"json": body} if body is not None else {}
    response = client.open(url, method=method, headers=headers, **options)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.json["message"] == NOTHING_TO_CHANGE
    after = client.get(url if "/settings" not in url else url.rsplit("/", 1)[0], headers=headers).json
    assert after == before


def test_every_operation_names_its_security_by_its_policy():
    assert SPEC["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": "The token from POST /api/auth/login or /api/auth/code",
    }
    public = set()
    with APP.app_context():
        for rule in APP.url_map.iter_rules():
            path = openapi_path(rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                op = SPEC["paths"].get(path, {}).get(method.lower())
                if op is None:
                    continue
                if PUBLIC in policy_of(rule.endpoint, method):
                    assert op["security"] == [], (method, path)
                    public.add((method, path))
                else:
                    assert op["security"] == [{"bearerAuth": []}], (method, path)
    assert ("POST", "/api/auth/login") in public and ("GET", "/api/terms/{term_id}/audio") in public


def test_a_route_that_needs_the_token_says_so_and_refuses_without_it(client, world):
    assert operation("GET", "/api/me")["security"] == [{"bearerAuth": []}]
    response = client.get("/api/me")
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Bearer"


def test_uploads_declare_the_multipart_file_the_routes_read():
    for rule in (
        "/api/observations/<int:observation_id>/photo",
        "/api/observations/<int:observation_id>/recording",
        "/api/terms/<int:term_id>/audio",
        "/api/sectors/<slug>/terms.csv",
    ):
        body = operation("POST", rule)["requestBody"]
        assert body["required"] is True
        multipart = resolve(body["content"]["multipart/form-data"]["schema"])
        assert multipart["properties"]["file"]["format"] == "binary", rule
        assert "file" in multipart["required"], rule
        assert "application/x-www-form-urlencoded" not in body["content"]
    audio = resolve(
        operation("POST", "/api/terms/<int:term_id>/audio")["requestBody"]["content"]["multipart/form-data"]["schema"]
    )
    assert audio["properties"]["kind"]["enum"] == ["term", "example"]
    csv = operation("POST", "/api/sectors/<slug>/terms.csv")["requestBody"]["content"]
    assert csv["text/csv"]["schema"] == {"type": "string"}


def test_files_are_declared_with_their_content_type():
    for method, rule, content_type in (
        ("GET", "/api/terms/<int:term_id>/audio", "audio/mpeg"),
        ("GET", "/api/terms/<int:term_id>/example-audio", "audio/mpeg"),
        ("GET", "/api/observations/<int:observation_id>/photo", "image/jpeg"),
        ("GET", "/api/sectors/<slug>/terms.csv", "text/csv"),
    ):
        responses = operation(method, rule)["responses"]
        assert list(responses["200"]["content"]) == [content_type], rule
    assert "304" in operation("GET", "/api/terms/<int:term_id>/audio")["responses"]


def test_an_upload_without_its_file_is_refused_by_field(client, world):
    _editors(world)
    scene = Scene(client, world)
    headers = factories.headers(world.teacher)
    for url, fields in (
        (f"/api/observations/{scene.observation_id}/photo", {}),
        (f"/api/observations/{scene.observation_id}/recording", {}),
        (f"/api/terms/{scene.own_term_id}/audio", {"kind": "term"}),
    ):
        response = client.post(url, headers=headers, **multipart_body(fields))
        assert response.status_code == 422, url
        assert response.json["errors"]["files"]["file"][0].startswith("Kies een"), response.json
    sent = client.post(
        f"/api/terms/{scene.own_term_id}/audio",
        headers=headers,
        **multipart_body({"kind": "example", "file": (recording(), "opname.wav")}),
    )
    assert sent.status_code == 201 and sent.json["kind"] == "example"
    photo = client.post(
        f"/api/observations/{scene.observation_id}/photo",
        headers=headers,
        **multipart_body({"file": (jpeg(), "f.jpg")}),
    )
    assert photo.status_code == 200 and photo.json["photo_url"]


PAGINATED = [
    (method, rule)
    for method, rule in ROUTES
    if "X-Pagination" in operation(method, rule).get("responses", {}).get("200", {}).get("headers", {})
]


def test_x_pagination_is_documented_as_the_json_text_it_is():
    assert len(PAGINATED) >= 6
    for method, rule in PAGINATED:
        header = operation(method, rule)["responses"]["200"]["headers"]["X-Pagination"]
        assert header["schema"]["type"] == "string"
        assert header["schema"]["contentMediaType"] == "application/json"
        assert header["schema"]["contentSchema"] == {"$ref": "#/components/schemas/PaginationMetadata"}
    assert "headers" not in SPEC["components"] or "PAGINATION" not in SPEC["components"]["headers"]


@pytest.mark.parametrize(("method", "rule"), PAGINATED)
def test_x_pagination_sent_is_what_the_spec_says(client, world, method, rule):
    _editors(world)
    caller = caller_for(method, rule)
    scene = Scene(client, world)
    call = REQUESTS.get((method, rule), NO_INPUT)
    headers = factories.headers(getattr(world, caller))
    response = client.open(call.path(rule, scene), method=method, headers=headers, **call.options(scene))
    assert response.status_code == 200
    counts = json.loads(response.headers["X-Pagination"])
    described = resolve({"$ref": "#/components/schemas/PaginationMetadata"})["properties"]
    assert set(counts) <= set(described) and {"total", "total_pages"} <= set(counts)
    assert all(isinstance(value, int) and described[name]["type"] == "integer" for name, value in counts.items())
