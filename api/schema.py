"""OpenAPI description: the token scheme, and the error responses every operation can give."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """The body of every error response (see api/exceptions.py)."""

    status = serializers.IntegerField()
    code = serializers.CharField()
    detail = serializers.CharField(help_text="Human-readable message in the request's language.")
    errors = serializers.DictField(
        child=serializers.JSONField(),
        required=False,
        help_text="Validation errors only: field name (or query parameter) -> messages.",
    )

    class Meta:
        ref_name = "Error"


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorSerializer, description=description)


ERRORS_READ = {
    400: _error("Unknown query parameter, invalid filter value or page size."),
    401: _error("The token is invalid, expired or revoked (or, for writes, missing)."),
    403: _error("Signed in, but not allowed to do this."),
    404: _error("No such object (or another region's, which is indistinguishable), or an invalid cursor."),
    406: _error("The Accept header asks for a format other than JSON."),
    429: _error("Too many requests: wait the number of seconds in Retry-After."),
}
ERRORS_WRITE = {
    **ERRORS_READ,
    400: _error("Malformed JSON or invalid values; nothing was written."),
    405: _error("Method not allowed."),
    413: _error("The body is larger than the portal accepts."),
    415: _error("The body is not JSON."),
}


class AutoSchema(SpectacularAutoSchema):
    """Every operation documents its error responses, so clients and fuzzers can rely on them."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = ERRORS_READ if self.method in ("GET", "HEAD", "OPTIONS") else ERRORS_WRITE
        for code, error in errors.items():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(error, str(code), direction=direction)
        return responses


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "`Authorization: Bearer sc_…` (see docs/api.md: create_api_token).",
        }


def _any_of_for_blank_strings(node):
    if isinstance(node, dict):
        branches = node.get("oneOf")
        if branches and all(isinstance(b, dict) and b.get("type") == "string" for b in branches):
            # A blank URL is valid under both "uri" and "maxLength 0": `oneOf` would reject it.
            node["anyOf"] = node.pop("oneOf")
        for value in node.values():
            _any_of_for_blank_strings(value)
    elif isinstance(node, list):
        for value in node:
            _any_of_for_blank_strings(value)


def postprocess_blank_strings(result, generator, request, public):
    """Blank-or-URL fields as `anyOf`, so an empty string validates (drf-spectacular writes `oneOf`)."""
    _any_of_for_blank_strings(result)
    return result
