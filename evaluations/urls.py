"""Staff pages of the evaluation, under /evaluasi/ (see evaluations/views.py)."""

from django.urls import path

from . import views

app_name = "evaluations"

urlpatterns = [
    path("", views.submission_list, name="list"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/isi/", views.fill, name="fill"),
    path("<int:pk>/bukti/<int:question_id>/", views.evidence_add, name="evidence_add"),
    path("<int:pk>/bukti/<int:evidence_id>/hapus/", views.evidence_remove, name="evidence_remove"),
    path("<int:pk>/tinjau/", views.review, name="review"),
    path("<int:pk>/temuan/", views.finding_add, name="finding_add"),
    path("<int:pk>/temuan/<int:finding_id>/hapus/", views.finding_remove, name="finding_remove"),
    path("<int:pk>/aksi/<slug:name>/", views.transition, name="transition"),
    path("<int:pk>/laporan.<str:fmt>", views.report, name="report"),
]
