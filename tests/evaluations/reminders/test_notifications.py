"""The in-app notification list at /notifikasi/: own reminders only, unread count, mark read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from evaluations.models import Reminder, ReminderStatus
from evaluations.reminders import delivery
from evaluations.reminders.planning import plan_reminders

from .conftest import at

DAY = dt.date(2026, 11, 27)


@pytest.fixture
def sent(world):
    plan_reminders(DAY)
    delivery.send_due(now=at(DAY))
    return world


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get("/notifikasi/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_person_sees_their_own_notifications_with_the_unread_count(client, sent):
    client.force_login(sent.alice)
    response = client.get("/notifikasi/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "1 notifikasi belum dibaca" in text
    assert "Penilaian mandiri jatuh tempo dalam 3 hari" in text
    assert text.count('class="notification ') == 1


def test_a_person_without_email_still_sees_the_reminder_in_the_portal(client, sent):
    sent.bob.email = ""
    sent.bob.save()
    plan_reminders(DAY + dt.timedelta(days=2))  # one day before
    delivery.send_due(now=at(DAY + dt.timedelta(days=2)))
    client.force_login(sent.bob)
    text = client.get("/en/notifikasi/").content.decode()
    assert "Self-assessment due tomorrow" in text
    assert "2 unread notifications" in text


def test_marking_read_follows_the_link_and_lowers_the_count(client, sent):
    client.force_login(sent.alice)
    reminder = Reminder.objects.get(recipient=sent.alice)
    response = client.post(reverse("reminders:mark_read", args=[reminder.pk]), {"open": "1"})
    assert response.status_code == 302
    assert response["Location"] == reminder.link
    reminder.refresh_from_db()
    assert reminder.read_at is not None
    assert "0 notifikasi belum dibaca" in client.get("/notifikasi/").content.decode()


def test_mark_all_read(client, sent):
    client.force_login(sent.alice)
    client.post(reverse("reminders:mark_all_read"))
    assert not Reminder.objects.filter(recipient=sent.alice, read_at__isnull=True).exists()


def test_another_persons_notification_answers_404_and_stays_unread(client, sent):
    client.force_login(sent.alice)
    bobs = Reminder.objects.get(recipient=sent.bob)
    assert client.post(reverse("reminders:mark_read", args=[bobs.pk])).status_code == 404
    assert client.get(reverse("reminders:mark_read", args=[bobs.pk])).status_code == 405
    bobs.refresh_from_db()
    assert bobs.read_at is None


def test_the_list_runs_a_constant_number_of_queries(client, sent, django_assert_num_queries):
    client.force_login(sent.alice)
    client.get("/notifikasi/")  # warm the session and content types

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/notifikasi/").status_code == 200
        return len(ctx)

    few = count()
    template = Reminder.objects.get(recipient=sent.alice)
    for n in range(1, 25):
        Reminder.objects.create(
            rule=template.rule,
            recipient=sent.alice,
            subject_type=template.subject_type,
            subject_id=template.subject_id,
            send_on=DAY - dt.timedelta(days=n),
            status=ReminderStatus.SENT,
            sent_at=at(DAY),
            title=f"T{n}",
            link=template.link,
        )
    assert count() == few
