"""The API's language comes from Accept-Language (Indonesian by default).

Portal pages take their language from the URL (`/en/…`), so Django's LocaleMiddleware sets the
default language on every unprefixed path, /api/ included. API clients have no URL prefix to
choose with; they send `Accept-Language: en`, honoured here for /api/ paths only.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ApiLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", language)
        return response


class ApiCorsMiddleware:
    """With `API_CORS_ALLOW_ALL`, read-only API requests may come from any origin (open data, no credentials).

    Browser dashboards on other sites can then read `/api/`; unsafe methods get no CORS headers, so a
    browser never sends a cross-origin write.
    """

    READ_METHODS = ("GET", "HEAD", "OPTIONS")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (settings.API_CORS_ALLOW_ALL and request.path_info.startswith("/api/")):
            return self.get_response(request)
        wanted = request.headers.get("Access-Control-Request-Method")
        if request.method == "OPTIONS" and wanted:
            response = HttpResponse(status=204)
            if wanted.upper() in self.READ_METHODS:
                response["Access-Control-Allow-Origin"] = "*"
                response["Access-Control-Allow-Methods"] = ", ".join(self.READ_METHODS)
                response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
                response["Access-Control-Max-Age"] = "86400"
            return response
        response = self.get_response(request)
        if request.method in self.READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
        return response
