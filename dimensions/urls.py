from django.urls import path

from . import views

app_name = "dimensions"

urlpatterns = [
    path("dimensi/", views.dimension_list, name="dimensions"),
    path("dimensi/<slug:code>/", views.dimension_detail, name="dimension"),
    path("inovasi/", views.innovation_list, name="innovations"),
    path("inovasi/<slug:slug>/", views.innovation_detail, name="innovation"),
    path("inovasi/<slug:slug>/bukti/<int:pk>/", views.evidence_file, name="evidence"),
]
