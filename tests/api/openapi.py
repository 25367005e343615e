"""Check a test response against the OpenAPI schema the API publishes (status documented, body valid)."""

from __future__ import annotations

import functools
import re
from typing import Any

import jsonschema
from drf_spectacular.generators import SchemaGenerator


@functools.cache
def schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


@functools.cache
def _path_patterns() -> list[tuple[re.Pattern[str], str]]:
    patterns = []
    for template in schema()["paths"]:
        regex = re.sub(r"\{[^}]+\}", r"[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}"))
        patterns.append((re.compile(f"^{regex}$"), template))
    return patterns


def _resolve(node: Any) -> Any:
    """Inline $refs and turn OpenAPI 3.0 `nullable` into JSON Schema."""
    if isinstance(node, list):
        return [_resolve(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return _resolve(schema()["components"]["schemas"][name])
    resolved = {key: _resolve(value) for key, value in node.items()}
    if resolved.pop("nullable", False):
        return {"anyOf": [resolved, {"type": "null"}]}
    return resolved


def operation_for(method: str, path: str) -> dict[str, Any] | None:
    for pattern, template in _path_patterns():
        if pattern.match(path):
            return schema()["paths"][template].get(method.lower())
    return None


def check_response(method: str, path: str, response: Any) -> None:
    """Fail unless the endpoint is documented, the status is documented for it, and the body matches."""
    if not path.startswith("/api/v1/") or path.startswith("/api/v1/schema/") or method.upper() == "OPTIONS":
        return  # CORS preflights are not API operations
    operation = operation_for(method, path)
    if operation is None:
        assert response.status_code in (404, 405), f"{method} {path} is not in the schema"
        return
    documented = operation["responses"]
    code = str(response.status_code)
    assert code in documented, f"{method} {path}: status {code} not documented ({sorted(documented)})"
    content = documented[code].get("content")
    if not content:
        assert not response.content, f"{method} {path}: {code} documented without a body"
        return
    body_schema = _resolve(content["application/json"]["schema"])
    # OpenAPI 3.0 schema objects use draft-4 style boolean exclusiveMinimum/Maximum.
    jsonschema.validate(response.json(), body_schema, cls=jsonschema.Draft4Validator)
