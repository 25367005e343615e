"""Delivering planned reminders exactly once: claim, send, record — and recover from every fault.

    planned ──claim──> sending ──> sent | skipped (reason) | failed (after MAX_ATTEMPTS)
       ^                  │
       └── failed attempt (back-off) or abandoned claim (lease expired) ──┘

- **Claim**: one conditional `UPDATE … SET status='sending', claim_token=<new uuid> WHERE status='planned' AND
  pk IN (…)`. The database lets only one claimer move a row, so two workers, two beats or a re-delivered task
  can never both send it; each then reads back only the rows carrying its own token.
- **Send and record**: emails go out over one connection; sent rows are recorded every `MARK_EVERY` emails with
  a fenced UPDATE (`WHERE claim_token = <ours>`), so a batch costs a fixed number of queries per
  `MARK_EVERY` reminders. Every email carries a stable Message-ID (`<reminder-<pk>.<resend>@host>`): should a
  worker die between handing an email to the mail server and recording it (the one window no database can
  close), the repeat after the lease expires carries the same Message-ID and mail stores drop it.
- **Faults**: a failed send goes back to `planned` with `next_attempt_at` growing exponentially; after
  `MAX_ATTEMPTS` it is `failed` with the error, visible in the admin (which can send it again). A claim older
  than `LEASE_SECONDS` (worker killed) is released by `release_expired_claims`, run by the sweeper.
- **Skips**: recipient inactive, the object deleted, the reason gone (submitted, reviewed, updated): `skipped`
  with the reason, never emailed. No email address: `skipped` (no_email) but still shown in the portal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from evaluations.models import Reminder, ReminderStatus, SkipReason

from . import content
from .config import conf

log = logging.getLogger("evaluations.reminders")


@dataclass
class DeliveryResult:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def add(self, other: DeliveryResult) -> None:
        self.claimed += other.claimed
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        for reason, count in other.skipped.items():
            self.skipped[reason] = self.skipped.get(reason, 0) + count


def due_filter(now: dt.datetime) -> Q:
    return Q(status=ReminderStatus.PLANNED, send_on__lte=timezone.localdate(now)) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )


def due_ids(now: dt.datetime | None = None, limit: int | None = None) -> list[int]:
    """Planned reminders whose day has come and whose back-off has passed, oldest first."""
    now = now or timezone.now()
    qs = Reminder.objects.filter(due_filter(now)).order_by("pk").values_list("pk", flat=True)
    return list(qs[:limit] if limit else qs)


def release_expired_claims(now: dt.datetime | None = None) -> int:
    """Give back rows whose claimer vanished (worker killed, machine lost) so they are sent again."""
    now = now or timezone.now()
    expired = Q(status=ReminderStatus.SENDING, claimed_at__lt=now - dt.timedelta(seconds=conf("LEASE_SECONDS")))
    error = "claim expired: the worker stopped before recording the outcome"
    failed = Reminder.objects.filter(expired, attempts__gte=conf("MAX_ATTEMPTS")).update(
        status=ReminderStatus.FAILED, claim_token=None, last_error=error
    )
    released = Reminder.objects.filter(expired).update(
        status=ReminderStatus.PLANNED,
        claim_token=None,
        claimed_at=None,
        queued_at=None,
        next_attempt_at=None,
        last_error=error,
    )
    if released or failed:
        log.warning("reminders: released %d abandoned claims (%d failed for good)", released, failed)
    return released


def claim(ids: list[int] | None, now: dt.datetime, limit: int) -> tuple[uuid.UUID, list[Reminder]]:
    token = uuid.uuid4()
    candidates = Reminder.objects.filter(due_filter(now))
    if ids is not None:
        candidates = candidates.filter(pk__in=ids)
    pks = list(candidates.order_by("pk").values_list("pk", flat=True)[:limit])
    if not pks:
        return token, []
    Reminder.objects.filter(due_filter(now), pk__in=pks).update(
        status=ReminderStatus.SENDING, claim_token=token, claimed_at=now, attempts=F("attempts") + 1
    )
    rows = list(
        Reminder.objects.filter(claim_token=token, status=ReminderStatus.SENDING)
        .select_related("recipient", "subject_type")
        .order_by("pk")
    )
    return token, rows


def message_id(reminder: Reminder) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "smartcity.localhost"
    return f"<reminder-{reminder.pk}.{reminder.resend_count}@{host}>"


def build_email(reminder: Reminder, subject: object, details: content.Details, connection) -> EmailMultiAlternatives:
    user = reminder.recipient
    with translation.override(user.language or settings.LANGUAGE_CODE):
        text = content.body(reminder, subject, details)
        context = {
            "reminder": reminder,
            "recipient": user,
            "title": reminder.title,
            "lines": text["lines"],
            "items": text["items"],
            "url": settings.SITE_URL.rstrip("/") + reminder.link,
            "site_url": settings.SITE_URL,
        }
        plain = render_to_string("evaluations/reminders/email.txt", context)
        html = render_to_string("evaluations/reminders/email.html", context)
    email = EmailMultiAlternatives(
        subject=reminder.title,
        body=plain,
        to=[user.email],
        connection=connection,
        headers={"Message-ID": message_id(reminder), "Auto-Submitted": "auto-generated"},
    )
    email.attach_alternative(html, "text/html")
    return email


def _skip_reason(reminder: Reminder, subject: object, details: content.Details) -> str | None:
    if subject is None:
        return SkipReason.SUBJECT_GONE
    if not reminder.recipient.is_active:
        return SkipReason.INACTIVE
    if content.is_resolved(reminder, subject, details):
        return SkipReason.RESOLVED
    if not reminder.recipient.email:
        return SkipReason.NO_EMAIL
    return None


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=conf("RETRY_BACKOFF_SECONDS") * 2 ** max(attempts - 1, 0))


def send_batch(ids: list[int] | None = None, *, now: dt.datetime | None = None) -> DeliveryResult:
    """Claim the given due reminders (or up to `BATCH_SIZE` of all due ones), send them, record each outcome.

    The ids are claimed all at once: the queueing side sized the batch, whatever this process's settings say.
    """
    now = now or timezone.now()
    token, rows = claim(ids, now, len(ids) if ids is not None else conf("BATCH_SIZE"))
    result = DeliveryResult(claimed=len(rows))
    if not rows:
        return result
    details = content.load_details(rows)
    mine = Reminder.objects.filter(claim_token=token, status=ReminderStatus.SENDING)

    skipped: dict[str, list[int]] = defaultdict(list)
    to_send: list[tuple[Reminder, object]] = []
    for row in rows:
        subject = content.subject_of(row, details)
        reason = _skip_reason(row, subject, details)
        if reason:
            skipped[reason].append(row.pk)
            log.info("reminders: %s skipped (%s) for %s", row.pk, reason, row.recipient_id)
        else:
            to_send.append((row, subject))
    for reason, pks in skipped.items():
        mine.filter(pk__in=pks).update(status=ReminderStatus.SKIPPED, skip_reason=reason, claim_token=None)
        result.skipped[reason] = len(pks)

    failures: list[tuple[Reminder, str]] = []
    pending: list[int] = []

    def record_sent() -> None:
        if pending:
            mine.filter(pk__in=pending).update(
                status=ReminderStatus.SENT, sent_at=timezone.now(), claim_token=None, last_error=""
            )
            result.sent += len(pending)
            pending.clear()

    connection = get_connection(fail_silently=False)
    try:
        try:
            connection.open()
        except Exception as exc:  # the mail server is down: every reminder of the batch waits for a retry
            failures = [(row, f"{type(exc).__name__}: {exc}") for row, _subject in to_send]
            to_send = []
        for row, subject in to_send:
            try:
                email = build_email(row, subject, details, connection)
                email.send()
            except Exception as exc:
                failures.append((row, f"{type(exc).__name__}: {exc}"))
                continue
            pending.append(row.pk)
            if len(pending) >= conf("MARK_EVERY"):
                record_sent()
    finally:
        record_sent()
        with contextlib.suppress(Exception):  # closing a broken connection must not hide the outcome
            connection.close()
    _record_failures(mine, failures, now, result)
    return result


def _record_failures(mine, failures: list[tuple[Reminder, str]], now: dt.datetime, result: DeliveryResult) -> None:
    # One UPDATE per (attempts, error): a batch fails mostly for one reason (the server is down), and each row
    # must keep its own error, not its neighbour's.
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for row, error in failures:
        groups[(row.attempts, error[:2000])].append(row.pk)
        log.warning(
            "reminders: sending %s to user %s failed (attempt %d): %s", row.pk, row.recipient_id, row.attempts, error
        )
    for (attempts, error), pks in groups.items():
        if attempts >= conf("MAX_ATTEMPTS"):
            mine.filter(pk__in=pks).update(status=ReminderStatus.FAILED, claim_token=None, last_error=error)
            result.failed += len(pks)
            log.error("reminders: %d reminders failed for good after %d attempts: %s", len(pks), attempts, error)
        else:
            mine.filter(pk__in=pks).update(
                status=ReminderStatus.PLANNED,
                claim_token=None,
                claimed_at=None,
                queued_at=None,
                next_attempt_at=now + _backoff(attempts),
                last_error=error,
            )
            result.retried += len(pks)


def send_due(*, now: dt.datetime | None = None, max_batches: int | None = None) -> DeliveryResult:
    """Send every due reminder, batch after batch, in this process (the command and eager mode use it)."""
    release_expired_claims(now)
    total = DeliveryResult()
    batches = 0
    while max_batches is None or batches < max_batches:
        result = send_batch(now=now)
        batches += 1
        if not result.claimed:
            break
        total.add(result)
    return total


def send_again(reminders) -> int:
    """Admin action: plan finished reminders once more (new Message-ID, attempts reset)."""
    return reminders.exclude(status__in=[ReminderStatus.PLANNED, ReminderStatus.SENDING]).update(
        status=ReminderStatus.PLANNED,
        skip_reason="",
        attempts=0,
        next_attempt_at=None,
        claim_token=None,
        claimed_at=None,
        queued_at=None,
        last_error="",
        resend_count=F("resend_count") + 1,
        read_at=None,
    )
