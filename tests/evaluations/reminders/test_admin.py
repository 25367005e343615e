"""The reminder log in the admin: national admins read it, filter it and send reminders again."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from accounts.services import user_set_role
from evaluations.models import Reminder, ReminderStatus
from evaluations.reminders import delivery
from evaluations.reminders.planning import plan_reminders
from tests.factories import UserFactory

from .conftest import at

DAY = dt.date(2026, 11, 27)
DOWN = "tests.evaluations.reminders.failing_mail.DownBackend"


def national_admin():
    user = UserFactory(username="nasional", role="")
    user_set_role(user=user, role=Role.NATIONAL_ADMIN)
    return user


def test_a_failed_reminder_shows_in_the_log_and_can_be_sent_again(world, client, settings):
    settings.REMINDERS = {**settings.REMINDERS, "MAX_ATTEMPTS": 1}
    settings.EMAIL_BACKEND = DOWN
    plan_reminders(DAY)
    delivery.send_due(now=at(DAY))
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.FAILED}

    client.force_login(national_admin())
    url = reverse("admin:evaluations_reminder_changelist")
    response = client.get(url, {"status__exact": "failed"})
    assert response.status_code == 200
    assert "SMTPConnectError" in response.content.decode()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ids = list(Reminder.objects.values_list("pk", flat=True))
    response = client.post(url, {"action": "send_again", "_selected_action": ids}, follow=True)
    assert response.status_code == 200
    assert "3 pengingat dijadwalkan untuk dikirim lagi." in response.content.decode()
    # The reminders' day (27 November) may still be ahead of the real clock: then they wait, planned.
    sent_or_planned = set(Reminder.objects.values_list("status", "resend_count"))
    assert sent_or_planned <= {(ReminderStatus.SENT, 1), (ReminderStatus.PLANNED, 1)}
    delivery.send_due(now=at(DAY, 9))
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == 3
    assert len(mail.outbox) == 3


def test_regency_staff_cannot_open_the_log(world, client):
    client.force_login(world.alice)
    assert client.get(reverse("admin:evaluations_reminder_changelist")).status_code in {403, 404, 302}


def test_the_log_runs_a_constant_number_of_queries(world, client, pontianak):
    client.force_login(national_admin())
    url = reverse("admin:evaluations_reminder_changelist")
    plan_reminders(DAY)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    plan_reminders(DAY + dt.timedelta(days=2))  # one day before
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert Reminder.objects.count() == 6
    assert len(many) == len(few)
