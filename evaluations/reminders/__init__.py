"""Reminders: plan which are due each day, deliver each exactly once, show them in the portal.

- `planning` turns the rules (settings `REMINDERS`) into `Reminder` rows for a day; the unique key
  (rule, recipient, subject, day) makes planning idempotent.
- `missing` counts what a region's self-assessment still lacks, so a reminder says what to do.
- `delivery` claims rows with a conditional UPDATE, renders the email in the recipient's language, sends,
  records the outcome (sent, skipped with a reason, retried with back-off, failed) and releases abandoned claims.
- `tasks` are the Celery entry points (beat: daily plan and send, sweeper); `send_reminders` the command.
- `views` is the in-app notification list at /notifikasi/.
"""
