from django.urls import path

from . import views

app_name = "masterplan"

urlpatterns = [
    path("wilayah/<slug:slug>/masterplan/<int:number>/", views.version_detail, name="version"),
    path("wilayah/<slug:slug>/masterplan/<int:number>/buku/<int:book>/", views.book_file, name="book"),
]
