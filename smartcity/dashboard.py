"""What needs a staff member's attention, shown on the admin's front page (scoped by the policy).

- innovations not updated for six months (`STALE_AFTER`);
- masterplan books still without a file (versions not superseded);
- the open evaluation period, its due date and, for a region, its submission's status.
Each part is a fixed number of queries, whatever the size of the region.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from accounts import policy
from accounts.policy import Action
from dimensions.models import Innovation
from evaluations.models import EvaluationPeriod, Submission
from masterplan.models import Book, VersionStatus

STALE_AFTER = dt.timedelta(days=183)
SHOWN = 10
# Counted up to this many: a national user's count would otherwise read every innovation of the country.
COUNT_UP_TO = 1000


def attention(user: Any) -> dict[str, Any] | None:
    """The dashboard's parts for this user, or None when the user changes no programme data."""
    if not policy.can(user, Action.CHANGE, Innovation) and not policy.can(user, Action.CHANGE, Book):
        return None
    stale = (
        policy.scope(user, Action.CHANGE, Innovation)
        .filter(updated_at__lt=timezone.now() - STALE_AFTER)
        .exclude(status__in=["completed", "stopped"])
        .select_related("agency")
        .order_by("updated_at")
    )
    missing = (
        policy.scope(user, Action.CHANGE, Book)
        .filter(file="")
        .exclude(version__status=VersionStatus.SUPERSEDED)
        .select_related("version__masterplan__regency")
        .order_by("version__masterplan__regency__code", "version__number", "number")
    )
    period = EvaluationPeriod.objects.open_now().order_by("due_on").first()
    submissions = []
    if period is not None:
        submissions = list(
            policy.scope(user, Action.VIEW, Submission).filter(period=period).select_related("regency")[:SHOWN]
        )
    stale_count = stale.order_by()[: COUNT_UP_TO + 1].count()
    return {
        "stale": list(stale[:SHOWN]),
        "stale_count": min(stale_count, COUNT_UP_TO),
        "stale_more": stale_count > COUNT_UP_TO,
        "missing_books": list(missing[:SHOWN]),
        "missing_count": missing.count(),
        "period": period,
        "days_left": (period.due_on - timezone.localdate()).days if period else None,
        "submissions": submissions,
    }
