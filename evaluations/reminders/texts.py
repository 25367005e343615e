"""The words of each reminder: its title (email subject and in-app line) in the active language.

"Tomorrow" and "today" are their own messages rather than plural forms: Indonesian has one plural form, so
a plural entry cannot tell "tomorrow" from "in 3 days".
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from evaluations.models import ReminderRule


def title(rule: str, days: int | None, about: str) -> str:
    days = days or 0
    values = {"days": days, "about": about}
    if rule == ReminderRule.EVALUATION_DUE:
        if days <= 0:
            return _("Self-assessment due today: %(about)s") % values
        if days == 1:
            return _("Self-assessment due tomorrow: %(about)s") % values
        return (
            ngettext(
                "Self-assessment due in %(days)d day: %(about)s",
                "Self-assessment due in %(days)d days: %(about)s",
                days,
            )
            % values
        )
    if rule == ReminderRule.EVALUATION_OVERDUE:
        return _("Self-assessment overdue: %(about)s") % values
    if rule == ReminderRule.OVERDUE_ESCALATION:
        return _("Escalation: the self-assessment of %(about)s is overdue") % values
    if rule == ReminderRule.REVISION_REQUESTED:
        return _("Revision requested: %(about)s") % values
    if rule == ReminderRule.REVISION_DUE:
        if days <= 0:
            return _("Revision due today: %(about)s") % values
        if days == 1:
            return _("Revision due tomorrow: %(about)s") % values
        return (
            ngettext("Revision due in %(days)d day: %(about)s", "Revision due in %(days)d days: %(about)s", days)
            % values
        )
    if rule == ReminderRule.REVIEW_DUE:
        if days <= 0:
            return _("Review due today: %(about)s") % values
        if days == 1:
            return _("Review due tomorrow: %(about)s") % values
        return (
            ngettext("Review due in %(days)d day: %(about)s", "Review due in %(days)d days: %(about)s", days) % values
        )
    if rule == ReminderRule.STALE_INNOVATION:
        return (
            ngettext(
                "Innovation not updated for %(days)d day: %(about)s",
                "Innovation not updated for %(days)d days: %(about)s",
                days,
            )
            % values
        )
    return about
