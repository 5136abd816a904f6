"""What the OpenAPI spec says beyond the schemas, so that it matches what the API sends and needs.

An apispec plugin, given to flask-smorest's spec: every operation names its security (the bearer token, or none on
the public routes, from the ``@allow(...)`` of its view); ``X-Pagination`` is documented as what is sent, a string
holding JSON; a ``Changes`` body (a PATCH) has at least one property. ``binary`` documents a response that is a file.
"""

from apispec import BasePlugin
from flask import Flask
from flask_smorest.pagination import PaginationMetadataSchema
from flask_smorest.spec.plugins import FlaskPlugin

from api.auth import PUBLIC, policy_of
from api.schemas import Changes
from api.validation import SlugConverter

BEARER = "bearerAuth"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}

PAGINATION_HEADER = {
    "description": "The counts of the list, as JSON text: total, total_pages, first_page, last_page, page, "
    "previous_page, next_page (the last four only where they exist)",
    "schema": {
        "type": "string",
        "contentMediaType": "application/json",
        "contentSchema": {"$ref": "#/components/schemas/PaginationMetadata"},
    },
}


def binary(content_type: str, description: str, *, not_modified: bool = False) -> dict:
    """``@blp.doc(**binary(...))`` for a route whose answer is a file, not JSON (304 when it honours an ETag)."""
    responses = {
        "200": {
            "description": description,
            "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
    if not_modified:
        responses["304"] = {"description": "Not Modified: the copy named in If-None-Match is current"}
    return {"responses": responses}


def multipart_file(description: str) -> dict:
    """The request body of a multipart upload of one ``file``."""
    schema = {
        "type": "object",
        "properties": {"file": {"type": "string", "format": "binary", "description": description}},
        "required": ["file"],
    }
    return {"multipart/form-data": {"schema": schema}}


# A spreadsheet upload: the CSV as the body, or as the multipart field ``file`` (what a browser form sends).
CSV_BODY = {
    "required": True,
    "content": {
        "text/csv": {"schema": {"type": "string"}},
        **multipart_file("the list in the wordlist file format (UTF-8), at most 2 MB"),
    },
}


def _slug_parameter(converter: SlugConverter) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": converter.maxlength, "pattern": f"^{converter.regex}$"}


class SpecPlugin(BasePlugin):
    def __init__(self, app: Flask):
        super().__init__()
        self.app = app

    def init_spec(self, spec) -> None:
        super().init_spec(spec)
        spec.components.security_scheme(
            BEARER,
            {
                "type": "http",
                "scheme": "bearer",
                "description": "The token from POST /api/auth/login or /api/auth/code",
            },
        )
        spec.components.schema("PaginationMetadata", schema=PaginationMetadataSchema)
        for plugin in spec.plugins:
            if isinstance(plugin, FlaskPlugin):
                plugin.register_converter(SlugConverter, _slug_parameter)

    def schema_helper(self, name, definition, schema=None, **kwargs):
        schema_class = schema if isinstance(schema, type) else type(schema)
        if schema is not None and issubclass(schema_class, Changes):
            return {"minProperties": 1}
        return None

    def operation_helper(self, path=None, operations=None, rule=None, **kwargs) -> None:
        for method, operation in (operations or {}).items():
            if method not in METHODS:
                continue
            if rule is not None:
                with self.app.app_context():
                    policy = policy_of(rule.endpoint, method.upper()) or frozenset()
                operation["security"] = [] if PUBLIC in policy else [{BEARER: []}]
            for response in operation.get("responses", {}).values():
                headers = response.get("headers", {}) if isinstance(response, dict) else {}
                if headers.get("X-Pagination") == "PAGINATION":
                    headers["X-Pagination"] = PAGINATION_HEADER
