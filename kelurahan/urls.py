from django.urls import path

from . import views

app_name = "kelurahan"

urlpatterns = [
    path("wilayah/", views.region_list, name="regions"),
    path("wilayah/<slug:slug>/", views.region_detail, name="region"),
    path("kecamatan/<str:code>/", views.district_detail, name="district"),
    path("kelurahan/<str:code>/", views.village_detail, name="village"),
]
