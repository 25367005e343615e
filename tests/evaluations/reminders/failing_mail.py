"""Email backends for the fault tests: a mail server that is down, and one that rejects one address."""

from __future__ import annotations

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class DownBackend(LocmemBackend):
    def open(self):
        raise smtplib.SMTPConnectError(421, "mail server unavailable")

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("not connected")


class RejectsBobBackend(LocmemBackend):
    def send_messages(self, messages):
        for message in messages:
            if "bob@example.org" in message.to:
                raise smtplib.SMTPRecipientsRefused({"bob@example.org": (550, b"mailbox unavailable")})
        return super().send_messages(messages)


class RejectsAliceAndBobBackend(LocmemBackend):
    """Refuses alice's and bob's addresses, each with its own reason."""

    REASONS = {
        "alice@example.org": (552, b"mailbox full"),
        "bob@example.org": (550, b"mailbox unavailable"),
    }

    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if address in self.REASONS:
                    raise smtplib.SMTPRecipientsRefused({address: self.REASONS[address]})
        return super().send_messages(messages)
