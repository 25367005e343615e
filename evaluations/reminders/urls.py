from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("dibaca/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/dibaca/", views.mark_read, name="mark_read"),
]
