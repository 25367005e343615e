"""What each reminder says beyond its title: deadlines, what is missing, the evaluator's questions.

`load_details` gathers everything a batch of reminders needs in a fixed number of queries; `body` then picks
the lines for one reminder in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from dimensions.models import Innovation
from evaluations.models import Answer, Reminder, ReminderRule, Submission, SubmissionStatus, SubmissionTransition

from .config import conf
from .missing import Missing, gap_text, missing_for

MISSING_RULES = {ReminderRule.EVALUATION_DUE, ReminderRule.EVALUATION_OVERDUE, ReminderRule.OVERDUE_ESCALATION}
REVISION_RULES = {ReminderRule.REVISION_REQUESTED, ReminderRule.REVISION_DUE}


@dataclass
class Details:
    subjects: dict[tuple[int, str], object] = field(default_factory=dict)  # (content type id, pk) → object
    missing: dict[int, Missing] = field(default_factory=dict)
    questions: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # the questions to redo
    notes: dict[int, str] = field(default_factory=dict)  # the evaluator's revision note
    evaluators: set[tuple[int, int]] = field(default_factory=set)  # (submission, user) still assigned


def load_details(reminders: list[Reminder]) -> Details:
    details = Details()
    ids_by_type: dict[int, set[str]] = defaultdict(set)
    for reminder in reminders:
        ids_by_type[reminder.subject_type_id].add(reminder.subject_id)
    submissions: dict[int, Submission] = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is Submission:
            found = Submission.objects.filter(pk__in=ids).select_related("period", "regency", "regency__programme")
            submissions = {s.pk: s for s in found}
            details.subjects.update({(type_id, str(pk)): s for pk, s in submissions.items()})
        elif model is Innovation:
            details.subjects.update(
                {(type_id, str(i.pk)): i for i in Innovation.objects.filter(pk__in=ids).select_related("agency")}
            )
    rules_of: dict[int, set[str]] = defaultdict(set)
    for reminder in reminders:
        key = (reminder.subject_type_id, reminder.subject_id)
        if isinstance(details.subjects.get(key), Submission):
            rules_of[int(reminder.subject_id)].add(reminder.rule)
    need_missing = [submissions[pk] for pk, rules in rules_of.items() if rules & MISSING_RULES]
    details.missing = missing_for(need_missing)
    need_questions = [pk for pk, rules in rules_of.items() if rules & REVISION_RULES]
    if need_questions:
        questions: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for submission_id, number, comment in (
            Answer.objects.filter(submission_id__in=need_questions)
            .filter(Q(needs_revision=True) | ~Q(evaluator_comment=""))
            .order_by("submission_id", "question__number")
            .values_list("submission_id", "question__number", "evaluator_comment")
        ):
            questions[submission_id].append((number, comment))
        details.questions = dict(questions)
        for submission_id, note in (
            SubmissionTransition.objects.filter(
                submission_id__in=need_questions, to_status=SubmissionStatus.REVISION_REQUESTED
            )
            .order_by("submission_id", "created_at", "pk")
            .values_list("submission_id", "note")
        ):
            details.notes[submission_id] = note  # the last one wins
    review = [pk for pk, rules in rules_of.items() if ReminderRule.REVIEW_DUE in rules]
    if review:
        details.evaluators = set(
            Submission.evaluators.through.objects.filter(submission_id__in=review).values_list(
                "submission_id", "user_id"
            )
        )
    return details


def subject_of(reminder: Reminder, details: Details) -> object | None:
    return details.subjects.get((reminder.subject_type_id, reminder.subject_id))


def is_resolved(reminder: Reminder, subject: object, details: Details) -> bool:
    """The reason for the reminder has gone (submitted, revised, reviewed, innovation updated)."""
    rule = reminder.rule
    if isinstance(subject, Innovation):
        updated = timezone.localtime(subject.updated_at).date()
        return not subject.is_published or updated >= reminder.send_on - dt.timedelta(days=conf("STALE_AFTER_DAYS"))
    assert isinstance(subject, Submission)
    if subject.period.closed_at is not None:
        return True
    if rule in MISSING_RULES:
        return subject.status != SubmissionStatus.DRAFT
    if rule in REVISION_RULES:
        return subject.status != SubmissionStatus.REVISION_REQUESTED
    if rule == ReminderRule.REVIEW_DUE:
        waiting = (SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW, SubmissionStatus.RESUBMITTED)
        return subject.status not in waiting or (subject.pk, reminder.recipient_id) not in details.evaluators
    return False


def _date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def body(reminder: Reminder, subject: object, details: Details) -> dict:
    """Lines (paragraphs) and items (a list) of one reminder, in the active language."""
    rule = reminder.rule
    lines: list[str] = []
    items: list[str] = []
    if isinstance(subject, Innovation):
        lines.append(
            _(
                "The innovation “%(name)s” was last updated on %(date)s. Please check that its status, "
                "description and evidence are still current, and update it."
            )
            % {"name": subject.name, "date": _date(timezone.localtime(subject.updated_at).date())}
        )
        return {"lines": lines, "items": items}
    assert isinstance(subject, Submission)
    period = subject.period
    if rule in MISSING_RULES:
        if rule == ReminderRule.EVALUATION_DUE:
            lines.append(
                _("The self-assessment of %(region)s for %(period)s is due on %(date)s and has not been submitted.")
                % {"region": subject.regency.name, "period": period, "date": _date(period.due_on)}
            )
        elif rule == ReminderRule.EVALUATION_OVERDUE:
            lines.append(
                _("The self-assessment of %(region)s for %(period)s was due on %(date)s and has not been submitted.")
                % {"region": subject.regency.name, "period": period, "date": _date(period.due_on)}
            )
        else:
            lines.append(
                _(
                    "As head of Dinkominfo you are informed that the self-assessment of %(region)s for %(period)s "
                    "was due on %(date)s and has not been submitted."
                )
                % {"region": subject.regency.name, "period": period, "date": _date(period.due_on)}
            )
        missing = details.missing.get(subject.pk)
        if missing is not None and not missing.is_complete:
            lines.append(_("Still missing: %(summary)s.") % {"summary": missing.summary()})
            for gap in missing.by_dimension:
                items.append(f"{gap.dimension.display_name}: {gap_text(gap.unanswered, gap.without_evidence)}")
        elif missing is not None:
            lines.append(_("Every question is answered: the self-assessment only needs to be submitted."))
    elif rule in REVISION_RULES:
        if rule == ReminderRule.REVISION_REQUESTED:
            lines.append(
                _("The evaluator asked %(region)s to revise its self-assessment for %(period)s.")
                % {"region": subject.regency.name, "period": period}
            )
        if subject.revision_due_on:
            lines.append(_("The revision is due on %(date)s.") % {"date": _date(subject.revision_due_on)})
        note = details.notes.get(subject.pk)
        if note:
            lines.append(_("The evaluator's note: %(note)s") % {"note": note})
        for number, comment in details.questions.get(subject.pk, []):
            if comment:
                items.append(_("Question %(number)s: %(comment)s") % {"number": number, "comment": comment})
            else:
                items.append(_("Question %(number)s") % {"number": number})
    elif rule == ReminderRule.REVIEW_DUE:
        lines.append(
            _(
                "The self-assessment of %(region)s for %(period)s is waiting for your review (status: %(status)s). "
                "Reviews are due on %(date)s."
            )
            % {
                "region": subject.regency.name,
                "period": period,
                "status": subject.get_status_display(),
                "date": _date(period.review_due_on),
            }
        )
    return {"lines": lines, "items": items}
