"""/api/v1/: one router for the resources that each app declares in `<app>/api/views.py` (`routes`)."""

from __future__ import annotations

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from dimensions.api.views import routes as dimensions_routes
from evaluations.api.views import routes as evaluations_routes
from kelurahan.api.views import routes as kelurahan_routes
from masterplan.api.views import routes as masterplan_routes

from .docs import RedocView, SwaggerView
from .exceptions import not_found

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
for prefix, viewset, basename in [*kelurahan_routes, *dimensions_routes, *masterplan_routes, *evaluations_routes]:
    router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
    re_path(r"^.*$", not_found),
]
