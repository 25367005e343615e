"""The evaluation workflow: every write to a submission goes through here.

State machine (docs/evaluations.md has the diagram):

    draft ─submit─> submitted ─start_review─> in_review ─accept─> accepted ─publish─> published
                                   ^              │
                                   │       request_revision
                             start_review         v
                    resubmitted <─resubmit─ revision_requested

Each transition is one function. It runs in a transaction, locks the submission row (`SELECT … FOR UPDATE`),
checks who may act (the reach through `accounts.policy`, the side through `policy.role_of`), checks the status,
changes it with a conditional UPDATE (so two clicks, two tabs or two evaluators cannot both pass), writes a
`SubmissionTransition` and sends its signal (`evaluations.signals`) once the transaction has committed.

Who acts on which side:
- the region (regency staff of the submission's regency): answers, evidence, submit, resubmit;
- the review (evaluators assigned to the submission, and national admins): assessed scores, comments, findings,
  start review, request revision, accept;
- publishing: national admins.

Errors: out of reach → Http404 (another region's submission looks like a missing one); the wrong side →
PermissionDenied (403); a wrong status or bad input → `WorkflowError` (a ValidationError with a translated
message and an HTTP status, 409 or 400). Nothing is written when any check fails.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.validators import URLValidator
from django.db import transaction
from django.dispatch import Signal
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts import policy
from accounts.models import Role, User
from accounts.policy import Action
from dimensions.models import Dimension
from smartcity.uploads import EVIDENCE, check_upload

from . import scoring, selectors, signals
from .models import (
    Answer,
    AnswerEvidence,
    AnswerType,
    EvaluationPeriod,
    Finding,
    FindingKind,
    Question,
    Questionnaire,
    ScaleLevel,
    Submission,
    SubmissionStatus,
    SubmissionTransition,
)

S = SubmissionStatus

REGION = "region"
REVIEW = "review"
PUBLISHING = "publishing"
SIDES: dict[str, frozenset[Role]] = {
    REGION: frozenset({Role.REGENCY_STAFF}),
    REVIEW: frozenset({Role.EVALUATOR, Role.NATIONAL_ADMIN}),
    PUBLISHING: frozenset({Role.NATIONAL_ADMIN}),
}


class WorkflowError(ValidationError):
    """A refused workflow step: translated message, and the HTTP status a view should answer with."""

    def __init__(self, message: str, *, status: int = 409, code: str = "workflow") -> None:
        super().__init__(message, code=code)
        self.status = status


class BadInput(WorkflowError):
    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message, status=400, code=code)


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    side: str
    signal: Signal | None


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", frozenset({S.DRAFT}), S.SUBMITTED, REGION, signals.submission_submitted),
        Transition("start_review", frozenset({S.SUBMITTED, S.RESUBMITTED}), S.IN_REVIEW, REVIEW, None),
        Transition(
            "request_revision", frozenset({S.IN_REVIEW}), S.REVISION_REQUESTED, REVIEW, signals.revision_requested
        ),
        Transition("resubmit", frozenset({S.REVISION_REQUESTED}), S.RESUBMITTED, REGION, signals.submission_submitted),
        Transition("accept", frozenset({S.IN_REVIEW}), S.ACCEPTED, REVIEW, signals.submission_accepted),
        Transition("publish", frozenset({S.ACCEPTED}), S.PUBLISHED, PUBLISHING, signals.submission_published),
    )
}
# The region may change answers and evidence only here.
REGION_EDITABLE = frozenset({S.DRAFT, S.REVISION_REQUESTED})
# Transitions `_require_open` refuses once the period is closed (so no button offers them).
OPEN_PERIOD_ONLY = frozenset({"submit"})


# --- who may act ---------------------------------------------------------------------------------------------------


def side_of(user: User | None) -> set[str]:
    """The sides of the workflow the user's role acts on (for showing buttons; the services check again)."""
    role = policy.role_of(user)
    return {side for side, roles in SIDES.items() if role in roles}


def allowed_transitions(user: User | None, submission: Submission) -> list[str]:
    """Transitions the user could make now (status and side; the reach is assumed checked by the caller)."""
    sides = side_of(user)
    closed = _closed_period_error(submission) is not None
    return [
        t.name
        for t in TRANSITIONS.values()
        if submission.status in t.sources and t.side in sides and not (t.name in OPEN_PERIOD_ONLY and closed)
    ]


def _authorise(user: User | None, submission: Submission, side: str) -> None:
    policy.ensure(user, Action.VIEW, submission)  # 404 for another region or an unassigned evaluator
    if policy.role_of(user) not in SIDES[side]:
        raise PermissionDenied(
            {
                REGION: _("Only the region's own staff may change its self-assessment."),
                REVIEW: _("Only the evaluators assigned to this submission may review it."),
                PUBLISHING: _("Only the national programme admin may publish results."),
            }[side]
        )


def _lock(submission: Submission | int) -> Submission:
    pk = submission.pk if isinstance(submission, Submission) else submission
    try:
        return Submission.objects.select_for_update(of=("self",)).select_related("period", "regency").get(pk=pk)
    except Submission.DoesNotExist:
        raise Http404(_("No such object, or it is not in your area of work.")) from None


def _status_error(submission: Submission, doing: str) -> WorkflowError:
    return WorkflowError(
        _("This submission is “%(status)s”: it cannot be %(doing)s now.")
        % {"status": submission.get_status_display(), "doing": doing}
    )


def _closed_period_error(submission: Submission) -> WorkflowError | None:
    """The refusal for a submission whose period is closed (None while it is open): the one rule."""
    return WorkflowError(_("The evaluation period is closed.")) if submission.period.closed_at is not None else None


def _require_open(submission: Submission) -> None:
    if (error := _closed_period_error(submission)) is not None:
        raise error


# --- transitions ---------------------------------------------------------------------------------------------------

DOING = {
    "submit": lambda: pgettext("it cannot be …", "submitted"),
    "start_review": lambda: pgettext("it cannot be …", "taken into review"),
    "request_revision": lambda: pgettext("it cannot be …", "sent back for revision"),
    "resubmit": lambda: pgettext("it cannot be …", "resubmitted"),
    "accept": lambda: pgettext("it cannot be …", "accepted"),
    "publish": lambda: pgettext("it cannot be …", "published"),
}


def _transition(
    name: str,
    *,
    user: User,
    submission: Submission,
    note: str = "",
    check: Callable[[Submission], None] | None = None,
    changes: dict[str, object] | None = None,
    after: Callable[[Submission], None] | None = None,
) -> Submission:
    spec = TRANSITIONS[name]
    with transaction.atomic():
        locked = _lock(submission)
        _authorise(user, locked, spec.side)
        if locked.status not in spec.sources:
            raise _status_error(locked, DOING[name]())
        if check is not None:
            check(locked)
        from_status = locked.status
        now = timezone.now()
        fields = {"status": spec.target, "updated_at": now, **(changes or {})}
        # Conditional: only if nobody changed the status meanwhile (the lock makes this certain on PostgreSQL).
        if Submission.objects.filter(pk=locked.pk, status=from_status).update(**fields) != 1:
            raise WorkflowError(_("Someone else changed this submission meanwhile; reload the page."))
        for key, value in fields.items():
            setattr(locked, key, value)
        if after is not None:
            after(locked)
        SubmissionTransition.objects.create(
            submission=locked, from_status=from_status, to_status=spec.target, actor=user, note=note.strip()
        )
        if spec.signal is not None:
            signal = spec.signal
            transaction.on_commit(lambda: signal.send(sender=Submission, submission=locked, actor=user))
    # The caller's object reflects the new state.
    if isinstance(submission, Submission):
        for key in ("status", "submitted_at", "revision_due_on", "updated_at"):
            setattr(submission, key, getattr(locked, key))
    return locked


def _check_complete(submission: Submission) -> None:
    scores = selectors.submission_scores(submission)
    if scores.is_complete:
        return
    missing = scores.total - scores.answered
    parts = []
    if missing:
        parts.append(_("%(count)s of %(total)s questions are not answered") % {"count": missing, "total": scores.total})
    if scores.missing_evidence:
        parts.append(_("%(count)s answers lack the required evidence") % {"count": scores.missing_evidence})
    raise WorkflowError(_("The self-assessment is not complete: %(what)s.") % {"what": "; ".join(parts)}, status=400)


def submit(*, user: User, submission: Submission, note: str = "") -> Submission:
    """The region hands in a complete self-assessment; it is locked from then on."""

    def check(locked: Submission) -> None:
        _require_open(locked)
        _check_complete(locked)

    return _transition(
        "submit", user=user, submission=submission, note=note, check=check, changes={"submitted_at": timezone.now()}
    )


def start_review(*, user: User, submission: Submission, note: str = "") -> Submission:
    """An assigned evaluator takes a (re)submitted self-assessment into review."""
    return _transition("start_review", user=user, submission=submission, note=note)


def request_revision(
    *, user: User, submission: Submission, due_on: dt.date | None, questions: Iterable[int], note: str
) -> Submission:
    """Send the submission back to the region with the questions to redo, a due date and a note."""
    question_ids = {int(q) for q in questions}
    if not note.strip():
        raise BadInput(_("Explain what the region must revise."))
    if due_on is None or due_on < timezone.localdate():
        raise BadInput(_("Give a revision due date that is not in the past."))
    if not question_ids:
        raise BadInput(_("Choose at least one question the region must revise."))

    def check(locked: Submission) -> None:
        found = set(
            Answer.objects.filter(submission=locked, question_id__in=question_ids).values_list("question_id", flat=True)
        )
        if found != question_ids:
            raise BadInput(_("Some chosen questions are not answered in this submission."))

    def mark(locked: Submission) -> None:
        Answer.objects.filter(submission=locked).update(needs_revision=False)
        Answer.objects.filter(submission=locked, question_id__in=question_ids).update(needs_revision=True)

    return _transition(
        "request_revision",
        user=user,
        submission=submission,
        note=note,
        check=check,
        changes={"revision_due_on": due_on},
        after=mark,
    )


def resubmit(*, user: User, submission: Submission, note: str = "") -> Submission:
    """The region hands the revised self-assessment back; the revision marks are cleared."""

    def clear(locked: Submission) -> None:
        Answer.objects.filter(submission=locked, needs_revision=True).update(needs_revision=False)

    return _transition("resubmit", user=user, submission=submission, note=note, check=_check_complete, after=clear)


def accept(*, user: User, submission: Submission, note: str = "") -> Submission:
    """The evaluator accepts the review: every scored question must carry an assessed score."""

    def check(locked: Submission) -> None:
        unassessed = selectors.submission_scores(locked).unassessed
        if unassessed:
            raise WorkflowError(
                _("Give an assessed score to every scored question first (%(count)s missing: no. %(numbers)s).")
                % {
                    "count": len(unassessed),
                    "numbers": ", ".join(str(row.question.number) for row in unassessed[:10]),
                },
                status=400,
            )

    return _transition("accept", user=user, submission=submission, note=note, check=check)


def publish(*, user: User, submission: Submission, note: str = "") -> Submission:
    """The ministry makes the accepted scores public, and freezes them as published (`Submission.result`)."""
    return _transition("publish", user=user, submission=submission, note=note, after=freeze_result)


def freeze_result(submission: Submission) -> None:
    """Store the submission's scores as they are now, so results pages and the API need not add them up again."""
    (result,) = selectors.computed_results([submission])
    submission.result = selectors.result_snapshot(result)
    Submission.objects.filter(pk=submission.pk).update(result=submission.result)


def transition(name: str, **kwargs: object) -> Submission:
    """Run a transition by name (for views and tests that go through the matrix)."""
    functions = {
        "submit": submit,
        "start_review": start_review,
        "request_revision": request_revision,
        "resubmit": resubmit,
        "accept": accept,
        "publish": publish,
    }
    if name not in functions:
        raise BadInput(_("Unknown action."))
    return functions[name](**kwargs)  # type: ignore[operator]


# --- the region's answers and evidence -----------------------------------------------------------------------------


def _answers_refusal(user: User | None, submission: Submission) -> Exception | None:
    """Why the user may not change the submission's answers and evidence now (None: they may).

    The one rule, read by the services (which raise it) and the pages (which show or hide the form).
    """
    try:
        _authorise(user, submission, REGION)
    except (Http404, PermissionDenied) as error:
        return error
    if submission.status not in REGION_EDITABLE:
        return _status_error(submission, pgettext("it cannot be …", "changed"))
    if (error := _closed_period_error(submission)) is not None:
        return error
    if not policy.can(user, Action.CHANGE, Answer(submission=submission)):
        return PermissionDenied(_("You may not change this answer."))
    return None


def can_edit_answers(user: User | None, submission: Submission) -> bool:
    """May the user change the submission's answers and evidence now (side, reach, status, open period)?"""
    return _answers_refusal(user, submission) is None


def _region_editable(user: User, submission: Submission) -> Submission:
    """Lock the submission and check the region may change its answers now."""
    locked = _lock(submission)
    refusal = _answers_refusal(user, locked)
    if refusal is not None:
        raise refusal
    return locked


def _answer_for(locked: Submission, question: Question, existing: Answer | None) -> Answer:
    """The answer to change (maybe unsaved); during a revision only the marked ones."""
    if question.questionnaire_id != locked.period.questionnaire_id:
        raise BadInput(_("This question is not part of the submission's questionnaire."))
    if locked.status == S.REVISION_REQUESTED and not (existing is not None and existing.needs_revision):
        raise WorkflowError(_("Only the questions the evaluator marked for revision may change now."))
    return existing if existing is not None else Answer(submission=locked, question=question)


def _editable_answer(user: User, submission: Submission, question: Question) -> tuple[Submission, Answer]:
    """Lock the submission, check the region may change this question's answer now; the answer (maybe unsaved)."""
    locked = _region_editable(user, submission)
    existing = Answer.objects.filter(submission=locked, question=question).first()
    return locked, _answer_for(locked, question, existing)


def _parse_answer(question: Question, level: object, value: str) -> tuple[int | None, str]:
    value = (value or "").strip()
    if question.answer_type == AnswerType.SCALE:
        if level in (None, ""):
            return None, ""
        try:
            number = int(str(level))
        except ValueError:
            number = 0
        if not scoring.SCALE_MIN <= number <= scoring.SCALE_MAX:
            raise BadInput(_("Scores run from 1 to 5."), code="score_range")
        return number, ""
    if question.answer_type == AnswerType.YES_NO:
        if value not in ("", *scoring.YES_NO_SCORES):
            raise BadInput(_("Answer yes or no."))
        return scoring.self_score_for(question.answer_type, None, value), value
    if question.answer_type == AnswerType.NUMBER and value:
        try:
            Decimal(value.replace(",", "."))
        except InvalidOperation:
            raise BadInput(_("Enter a number.")) from None
        value = value.replace(",", ".")
    if len(value) > 200:
        raise BadInput(_("The answer is too long (at most 200 characters); use the explanation."))
    return None, value


def answer_save(
    *,
    user: User,
    submission: Submission,
    question: Question,
    level: object = None,
    value: str = "",
    explanation: str = "",
) -> Answer:
    """Save (a draft of) the region's answer to one question."""
    return answers_save(
        user=user,
        submission=submission,
        entries=[{"question": question, "level": level, "value": value, "explanation": explanation}],
    )[0]


def answers_save(*, user: User, submission: Submission, entries: Iterable[dict[str, object]]) -> list[Answer]:
    """Save several answers at once, all or nothing (the self-assessment form).

    Everything is checked before anything is written; then one lock, one read, one INSERT for new answers and one
    UPDATE for changed ones, whatever the number of questions. A question posted twice keeps its last answer.
    """
    parsed: dict[int, tuple[Question, int | None, str, str]] = {}
    for entry in entries:
        question: Question = entry["question"]  # type: ignore[assignment]
        self_score, value = _parse_answer(question, entry.get("level"), str(entry.get("value") or ""))
        parsed[question.pk] = (question, self_score, value, str(entry.get("explanation") or "").strip())
    now = timezone.now()
    with transaction.atomic():
        locked = _region_editable(user, submission)
        existing = {a.question_id: a for a in Answer.objects.filter(submission=locked, question_id__in=list(parsed))}
        answers = []
        for question, self_score, value, explanation in parsed.values():
            answer = _answer_for(locked, question, existing.get(question.pk))
            answer.self_score = self_score
            answer.value = value
            answer.explanation = explanation
            answer.updated_at = now  # bulk_update does not apply auto_now
            answers.append(answer)
        # Written only once every answer passed its checks.
        Answer.objects.bulk_create([a for a in answers if a.pk is None])
        Answer.objects.bulk_update(
            [a for a in answers if a.question_id in existing],
            ["self_score", "value", "explanation", "updated_at"],
        )
    return answers


def evidence_add(
    *, user: User, submission: Submission, question: Question, title: str, file: File | None = None, url: str = ""
) -> AnswerEvidence:
    """Attach a file (checked like every upload) or a link to the region's answer to a question."""
    title = (title or "").strip()
    url = (url or "").strip()
    if not title:
        raise BadInput(_("Give the evidence a title."))
    if bool(file) == bool(url):
        raise BadInput(_("Evidence is either a file or a link."))
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise BadInput(_("Enter a valid link (http or https).")) from None
    if file:
        try:
            check_upload(file, EVIDENCE)
        except ValidationError as error:
            raise BadInput(" ".join(error.messages), code="upload") from None
    with transaction.atomic():
        _locked, answer = _editable_answer(user, submission, question)
        if answer.pk is None:
            answer.save()
        evidence = AnswerEvidence(answer=answer, title=title[:200], url=url)
        if file:
            evidence.file.save(getattr(file, "name", "bukti"), file, save=False)
        evidence.save()
    return evidence


def evidence_reuse(*, user: User, submission: Submission, question: Question, evidence_id: int) -> AnswerEvidence:
    """Attach evidence the region gave in an earlier semester (the same file or link, not a copy of the bytes)."""
    previous = selectors.reusable_evidence(submission).filter(pk=evidence_id).first()
    if previous is None or not policy.can(user, Action.VIEW, previous):
        raise BadInput(_("That earlier evidence is not available."))
    with transaction.atomic():
        _locked, answer = _editable_answer(user, submission, question)
        if answer.pk is None:
            answer.save()
        return AnswerEvidence.objects.create(
            answer=answer, title=previous.title, file=previous.file.name, url=previous.url, reused_from=previous
        )


def evidence_remove(*, user: User, evidence: AnswerEvidence) -> None:
    with transaction.atomic():
        answer = evidence.answer
        _editable_answer(user, answer.submission, answer.question)
        if not policy.can(user, Action.DELETE, evidence):
            raise PermissionDenied(_("You may not remove this evidence."))
        evidence.delete()


# --- the review ----------------------------------------------------------------------------------------------------


def _review_refusal(user: User | None, submission: Submission) -> Exception | None:
    """Why the user may not change the review (scores, comments, findings) now (None: they may)."""
    try:
        _authorise(user, submission, REVIEW)
    except (Http404, PermissionDenied) as error:
        return error
    if submission.status != S.IN_REVIEW:
        return _status_error(submission, pgettext("it cannot be …", "reviewed"))
    return None


def can_review(user: User | None, submission: Submission) -> bool:
    """May the user change the review of the submission now (assigned or national, and in review)?"""
    return _review_refusal(user, submission) is None


def _reviewable(user: User, submission: Submission) -> Submission:
    locked = _lock(submission)
    refusal = _review_refusal(user, locked)
    if refusal is not None:
        raise refusal
    return locked


def _parse_score(score: object) -> int | None:
    if score in (None, ""):
        return None
    try:
        number = int(str(score))
    except ValueError:
        number = 0
    if not scoring.SCALE_MIN <= number <= scoring.SCALE_MAX:
        raise BadInput(_("Scores run from 1 to 5."), code="score_range")
    return number


def answer_assess(*, user: User, answer: Answer, score: object, comment: str = "") -> Answer:
    """The evaluator's assessed score (1–5; empty for unscored questions) and comment on one answer."""
    return assessments_save(
        user=user, submission=answer.submission, entries=[{"answer": answer, "score": score, "comment": comment}]
    )[0]


def assessments_save(*, user: User, submission: Submission, entries: Iterable[dict[str, object]]) -> list[Answer]:
    """Assessed scores and comments, all or nothing (the review form).

    Everything is checked before anything is written; then one lock and one UPDATE for the lot.
    """
    parsed = [
        (entry["answer"], _parse_score(entry.get("score")), str(entry.get("comment") or "").strip())
        for entry in entries
    ]
    now = timezone.now()
    with transaction.atomic():
        locked = _reviewable(user, submission)
        for answer, number, _comment in parsed:
            if answer.submission_id != locked.pk:  # type: ignore[attr-defined]
                raise BadInput(_("This answer is not part of the submission."))
            if number is not None and not scoring.is_scored(answer.question.answer_type):  # type: ignore[attr-defined]
                raise BadInput(_("This question is not scored."))
        changed: dict[int, Answer] = {}
        for answer, number, comment in parsed:
            answer.assessed_score = number  # type: ignore[attr-defined]
            answer.evaluator_comment = comment  # type: ignore[attr-defined]
            answer.updated_at = now  # type: ignore[attr-defined]  # bulk_update does not apply auto_now
            changed[answer.pk] = answer  # type: ignore[attr-defined]
        Answer.objects.bulk_update(list(changed.values()), ["assessed_score", "evaluator_comment", "updated_at"])
    return [answer for answer, _n, _c in parsed]  # type: ignore[misc]


def finding_add(*, user: User, submission: Submission, dimension: Dimension, kind: str, text: str) -> Finding:
    """A strength, weakness or recommendation on one dimension (recommendations follow the region)."""
    text = (text or "").strip()
    if kind not in FindingKind.values:
        raise BadInput(_("Choose strength, weakness or recommendation."))
    if not text:
        raise BadInput(_("Write the finding."))
    with transaction.atomic():
        locked = _reviewable(user, submission)
        if not Question.objects.filter(questionnaire_id=locked.period.questionnaire_id, dimension=dimension).exists():
            raise BadInput(_("This dimension is not part of the submission's questionnaire."))
        return Finding.objects.create(submission=locked, dimension=dimension, kind=kind, text=text, created_by=user)


def finding_remove(*, user: User, finding: Finding) -> None:
    with transaction.atomic():
        _reviewable(user, finding.submission)
        finding.delete()


# --- questionnaires and periods ------------------------------------------------------------------------------------


def questionnaire_is_frozen(questionnaire: Questionnaire) -> bool:
    """A questionnaire a closed period used is never changed again, only copied into a new version."""
    return questionnaire.pk is not None and questionnaire.periods.filter(closed_at__isnull=False).exists()


def questionnaire_copy(*, user: User, questionnaire: Questionnaire) -> Questionnaire:
    """A new version of the questionnaire with the same scale levels and questions, to change freely."""
    if not policy.can(user, Action.ADD, Questionnaire):
        raise PermissionDenied(_("You may not create questionnaires."))
    with transaction.atomic():
        latest = (
            Questionnaire.objects.select_for_update()
            .filter(title=questionnaire.title)
            .order_by("-version")
            .values_list("version", flat=True)
            .first()
        )
        copy = Questionnaire.objects.create(
            title=questionnaire.title, version=(latest or questionnaire.version) + 1, based_on=questionnaire
        )
        ScaleLevel.objects.bulk_create(
            ScaleLevel(questionnaire=copy, level=s.level, name=s.name, descriptor=s.descriptor)
            for s in questionnaire.scale_levels.all()
        )
        Question.objects.bulk_create(
            Question(
                questionnaire=copy,
                number=q.number,
                text=q.text,
                dimension_id=q.dimension_id,
                sub_dimension_id=q.sub_dimension_id,
                component=q.component,
                answer_type=q.answer_type,
                evidence_required=q.evidence_required,
                weight=q.weight,
            )
            for q in questionnaire.questions.all()
        )
    return copy


def period_close(*, user: User, period: EvaluationPeriod) -> EvaluationPeriod:
    """Close a period: no more answers; its questionnaire is frozen from then on."""
    if not policy.can(user, Action.CHANGE, period):
        raise PermissionDenied(_("You may not change evaluation periods."))
    EvaluationPeriod.objects.filter(pk=period.pk, closed_at__isnull=True).update(closed_at=timezone.now())
    period.refresh_from_db(fields=["closed_at"])
    return period


def period_reopen(*, user: User, period: EvaluationPeriod) -> EvaluationPeriod:
    if not policy.can(user, Action.CHANGE, period):
        raise PermissionDenied(_("You may not change evaluation periods."))
    EvaluationPeriod.objects.filter(pk=period.pk).update(closed_at=None)
    period.refresh_from_db(fields=["closed_at"])
    return period
