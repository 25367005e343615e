from django.urls import path

from . import views

app_name = "kelurahan"

urlpatterns = [
    path("wilayah/<slug:slug>/", views.region_detail, name="region"),
    path("kelurahan/<str:code>/", views.village_detail, name="village"),
]
