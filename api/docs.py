"""Swagger UI and ReDoc from the sidecar's static files, with no CDN and no inline script.

drf-spectacular's own templates inline a `<style>` block and ReDoc's pulls fonts from a CDN; ours
link `static/css/api.css` instead. ReDoc builds its styles at run time (styled-components), so its
page alone allows inline styles; scripts stay `'self'` only.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

from smartcity.security import build_csp


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"


class RedocView(SpectacularRedocView):
    template_name = "api/redoc.html"

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        policy = dict(getattr(settings, "CONTENT_SECURITY_POLICY", {}))
        policy["style-src"] = ["'self'", "'unsafe-inline'"]
        policy["worker-src"] = ["'self'", "blob:"]
        response["Content-Security-Policy"] = build_csp(policy)
        return response
