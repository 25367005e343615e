"""Delivery: each reminder goes out once, in the recipient's language, saying what is missing; faults end in a
recorded state (retry with back-off, failed, skipped with a reason) and the reminder goes out once they are gone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from evaluations.models import Reminder, ReminderRule, ReminderStatus, SkipReason, SubmissionStatus
from evaluations.reminders import delivery
from evaluations.reminders.planning import plan_reminders
from tests.factories import SubmissionFactory, UserFactory

from .conftest import at

DAY = dt.date(2026, 11, 27)  # three days before the deadline
DOWN = "tests.evaluations.reminders.failing_mail.DownBackend"


def plan_and_send(day=DAY, hour=7):
    plan_reminders(day)
    return delivery.send_due(now=at(day, hour))


def by_recipient():
    return {message.to[0].split("@")[0]: message for message in mail.outbox}


def test_each_planned_reminder_is_sent_once_and_running_again_sends_nothing(world):
    result = plan_and_send()
    assert result.sent == 3
    assert sorted(by_recipient()) == ["alice", "bob", "kadis"]
    assert plan_and_send().sent == 0
    assert delivery.send_due(now=at(DAY, 9)).sent == 0
    assert len(mail.outbox) == 3
    assert set(Reminder.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}


def test_the_email_says_what_is_missing_in_indonesian(world):
    plan_and_send()
    email = by_recipient()["alice"]
    assert email.subject.startswith("Penilaian mandiri jatuh tempo dalam 3 hari")
    assert "Kota Pekalongan" in email.subject
    assert "Yang masih kurang: 3 pertanyaan belum dijawab, 1 tanpa bukti dukung yang diwajibkan." in email.body
    assert "- Smart Governance: 1 tanpa bukti dukung yang diwajibkan" in email.body
    assert "- Smart Living: 3 pertanyaan belum dijawab" in email.body
    html = email.alternatives[0][0]
    assert "<li>Smart Living: 3 pertanyaan belum dijawab</li>" in html
    assert "http://127.0.0.1:8000/" in email.body


def test_a_user_who_chose_english_gets_english(world):
    plan_and_send()
    email = by_recipient()["bob"]
    assert email.subject.startswith("Self-assessment due in 3 days: Kota Pekalongan")
    assert "Still missing: 3 questions unanswered, 1 without required evidence." in email.body
    assert "Hello bob," in email.body
    assert Reminder.objects.get(recipient=world.bob).title.startswith("Self-assessment due in 3 days")


def test_every_email_has_a_stable_message_id(world):
    plan_and_send()
    reminder = Reminder.objects.get(recipient=world.alice)
    assert by_recipient()["alice"].extra_headers["Message-ID"] == f"<reminder-{reminder.pk}.0@127.0.0.1>"


def test_the_overdue_escalation_goes_to_the_head_of_dinkominfo(world):
    plan_and_send(dt.date(2026, 12, 1))
    rules = set(Reminder.objects.filter(recipient=world.head).values_list("rule", flat=True))
    assert rules == {ReminderRule.EVALUATION_OVERDUE, ReminderRule.OVERDUE_ESCALATION}
    subjects = sorted(m.subject for m in mail.outbox if m.to == [world.head.email])
    assert subjects[0].startswith("Eskalasi")


def test_a_second_claimer_gets_nothing_the_first_one_holds(world):
    plan_reminders(DAY)
    ids = list(Reminder.objects.values_list("pk", flat=True))
    _token, first = delivery.claim(ids, at(DAY), 100)
    assert len(first) == 3
    second = delivery.send_batch(ids, now=at(DAY))  # another worker, the same task delivered again
    assert second.claimed == 0
    assert not mail.outbox


def test_when_the_mail_server_is_down_reminders_are_retried_with_back_off_then_sent_once(world, settings):
    plan_reminders(DAY)
    settings.EMAIL_BACKEND = DOWN
    result = delivery.send_due(now=at(DAY))
    assert (result.sent, result.retried) == (0, 3)
    reminder = Reminder.objects.get(recipient=world.alice)
    assert reminder.status == ReminderStatus.PLANNED
    assert reminder.attempts == 1
    assert reminder.next_attempt_at == at(DAY) + dt.timedelta(minutes=5)
    assert "SMTPConnectError" in reminder.last_error
    assert delivery.send_due(now=at(DAY) + dt.timedelta(minutes=4)).claimed == 0  # still backing off

    second = delivery.send_due(now=at(DAY) + dt.timedelta(minutes=6))
    assert second.retried == 3
    assert Reminder.objects.get(pk=reminder.pk).next_attempt_at == at(DAY) + dt.timedelta(minutes=6 + 10)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert delivery.send_due(now=at(DAY) + dt.timedelta(minutes=17)).sent == 3
    assert len(mail.outbox) == 3
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.last_error) == (ReminderStatus.SENT, 3, "")


def test_after_the_last_attempt_a_reminder_is_failed_not_dropped(world, settings):
    settings.REMINDERS = {**settings.REMINDERS, "MAX_ATTEMPTS": 2, "RETRY_BACKOFF_SECONDS": 0}
    settings.EMAIL_BACKEND = DOWN
    plan_reminders(DAY)
    result = delivery.send_due(now=at(DAY))
    assert result.failed == 3
    assert set(Reminder.objects.values_list("status", "attempts")) == {(ReminderStatus.FAILED, 2)}
    assert delivery.send_due(now=at(DAY, 9)).claimed == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert delivery.send_again(Reminder.objects.all()) == 3
    assert delivery.send_due(now=at(DAY, 10)).sent == 3
    assert by_recipient()["alice"].extra_headers["Message-ID"].endswith(".1@127.0.0.1>")


def test_one_refused_address_does_not_hold_back_the_others(world, settings):
    settings.EMAIL_BACKEND = "tests.evaluations.reminders.failing_mail.RejectsBobBackend"
    result = plan_and_send()
    assert (result.sent, result.retried) == (2, 1)
    assert Reminder.objects.get(recipient=world.bob).status == ReminderStatus.PLANNED


def test_reminders_failing_for_different_reasons_in_one_batch_each_keep_their_own_error(world, settings):
    settings.EMAIL_BACKEND = "tests.evaluations.reminders.failing_mail.RejectsAliceAndBobBackend"
    result = plan_and_send()
    assert (result.sent, result.retried) == (1, 2)
    alice = Reminder.objects.get(recipient=world.alice)
    bob = Reminder.objects.get(recipient=world.bob)
    assert (alice.status, alice.attempts) == (bob.status, bob.attempts) == (ReminderStatus.PLANNED, 1)
    assert "mailbox full" in alice.last_error
    assert "mailbox unavailable" not in alice.last_error
    assert "mailbox unavailable" in bob.last_error
    assert "mailbox full" not in bob.last_error


def test_reminders_failing_for_good_for_different_reasons_each_keep_their_own_error(world, settings):
    settings.REMINDERS = {**settings.REMINDERS, "MAX_ATTEMPTS": 1}
    settings.EMAIL_BACKEND = "tests.evaluations.reminders.failing_mail.RejectsAliceAndBobBackend"
    result = plan_and_send()
    assert (result.sent, result.failed) == (1, 2)
    errors = dict(
        Reminder.objects.filter(status=ReminderStatus.FAILED).values_list("recipient__username", "last_error")
    )
    assert set(errors) == {"alice", "bob"}
    assert "mailbox full" in errors["alice"]
    assert "mailbox unavailable" in errors["bob"]


def test_a_claim_abandoned_by_a_killed_worker_is_released_and_sent_once(world, settings):
    plan_reminders(DAY)
    delivery.claim(None, at(DAY), 100)  # the worker dies right after claiming
    assert delivery.send_due(now=at(DAY, 7) + dt.timedelta(minutes=5)).claimed == 0  # lease still held
    assert delivery.send_due(now=at(DAY, 7) + dt.timedelta(minutes=11)).sent == 3
    assert len(mail.outbox) == 3


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("inactive", SkipReason.INACTIVE),
        ("no_email", SkipReason.NO_EMAIL),
        ("submitted", SkipReason.RESOLVED),
        ("deleted", SkipReason.SUBJECT_GONE),
    ],
)
def test_reminders_that_cannot_or_need_not_go_out_are_skipped_with_a_reason(world, change, reason):
    plan_reminders(DAY)
    if change == "inactive":
        world.alice.is_active = False
        world.alice.save()
    elif change == "no_email":
        world.alice.email = ""
        world.alice.save()
    elif change == "submitted":
        world.submission.status = SubmissionStatus.SUBMITTED
        world.submission.save()
    else:
        Reminder.objects.update(subject_id="999999")
    delivery.send_due(now=at(DAY))
    alice = Reminder.objects.get(recipient=world.alice)
    assert (alice.status, alice.skip_reason) == (ReminderStatus.SKIPPED, reason)
    assert "alice" not in by_recipient()


def test_sending_queries_do_not_grow_per_reminder(world, pontianak, settings):
    settings.REMINDERS = {**settings.REMINDERS, "MARK_EVERY": 1000}
    plan_reminders(DAY)
    with CaptureQueriesContext(connection) as few:
        assert delivery.send_batch(now=at(DAY)).sent == 3
    SubmissionFactory(period=world.period, regency=pontianak)
    for n in range(20):
        UserFactory(username=f"ptk{n}", role="regency_staff", regency=pontianak)
    plan_reminders(DAY)
    with CaptureQueriesContext(connection) as many:
        assert delivery.send_batch(now=at(DAY)).sent == 20
    assert len(many) == len(few)
