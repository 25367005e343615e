"""Template context: `unread_notifications`, computed only when a template uses it (one COUNT query)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def notifications(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        from .selectors import unread_count

        return unread_count(user)

    return {"unread_notifications": SimpleLazyObject(count)}
