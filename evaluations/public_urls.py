"""Public published results, under /hasil-evaluasi/ (see evaluations/public_views.py)."""

from django.urls import path

from . import public_views

app_name = "results"

urlpatterns = [
    path("", public_views.results, name="index"),
    path("hasil.csv", public_views.results_csv, name="csv"),
    path("<slug:slug>/<int:period_id>/laporan.<str:fmt>", public_views.region_report, name="report"),
]
