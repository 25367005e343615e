"""One error format for the whole API, with messages in the request's language.

    {"status": 400, "code": "invalid", "detail": "Masukan tidak valid.", "errors": {"name": ["…"]}}

`errors` is present for validation errors only (field name -> messages; `non_field_errors` for
the object as a whole). Django's own `ValidationError` (raised by services and `full_clean`) and
database integrity errors become 400 here, so bad input never reaches the client as a 500.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def _as_drf(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        detail = get_error_detail(exc)
        if isinstance(detail, dict) and NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        return exceptions.ValidationError(detail=detail)
    if isinstance(exc, ProtectedError):
        return exceptions.ValidationError(
            {"non_field_errors": [_("This object is still in use by other records and cannot be deleted.")]}
        )
    if isinstance(exc, IntegrityError):
        return exceptions.ValidationError(
            {"non_field_errors": [_("This conflicts with existing data (for example a duplicate).")]}
        )
    if isinstance(exc, exceptions.ParseError):
        # DRF's message carries the JSON decoder's English text; say it in the client's language.
        return exceptions.ParseError(_("The request body is not valid JSON."))
    if isinstance(exc, exceptions.Throttled):
        # DRF formats the wait into the message before translating it, so it is never translated.
        wait = exc.wait
        if wait is None:
            return exceptions.Throttled(detail=_("Too many requests. Try again later."))
        wait = max(1, round(wait))
        message = ngettext(
            "Too many requests. Try again in %(wait)d second.",
            "Too many requests. Try again in %(wait)d seconds.",
            wait,
        ) % {"wait": wait}
        throttled = exceptions.Throttled(detail=message)
        throttled.wait = wait  # becomes the Retry-After header
        return throttled
    return exc


def error_body(status_code: int, code: str, detail: str, errors: Any = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status_code, "code": code, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return body


def exception_handler(exc: Exception, context: dict[str, Any]):
    exc = _as_drf(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data
        if not isinstance(errors, dict):
            errors = {"non_field_errors": errors if isinstance(errors, list) else [errors]}
        response.data = error_body(response.status_code, "invalid", _("Invalid input."), errors)
    else:
        detail = getattr(exc, "detail", None)
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
        response.data = error_body(response.status_code, str(code), str(detail if detail is not None else exc))
    return response


@csrf_exempt
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other address under /api/: a JSON 404 in the same format, not the HTML error page."""
    return JsonResponse(
        error_body(status.HTTP_404_NOT_FOUND, "not_found", _("There is no API endpoint at this address.")),
        status=status.HTTP_404_NOT_FOUND,
    )
