from django.urls import path

from . import opendata, views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("cari/", views.search, name="search"),
    path("data/", opendata.index, name="data"),
    path("data/<slug:name>.<str:fmt>", opendata.download, name="download"),
]
