"""Staff pages of the semester evaluation under /evaluasi/ (outside the admin).

- regency staff: their region's submissions; fill the self-assessment (answers, evidence), save, submit;
- evaluators: their queue of assigned submissions; the review screen (answer, explanation and evidence beside the
  assessed score and comment), findings, request revision, accept;
- national admins: every submission; they also publish.

Every lookup goes through `accounts.policy` (another region's or an unassigned submission answers 404); every
write through `evaluations.services` (which checks again, in a transaction). A refused step answers with its
translated message and a 4xx status, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import policy
from accounts.policy import Action
from dimensions.models import Dimension
from smartcity.paging import paginate

from . import reports, selectors, services
from .models import AnswerEvidence, Finding, FindingKind, Question, Submission, SubmissionStatus


def _submission(request: HttpRequest, pk: int) -> Submission:
    """The submission if the user may see it (404 otherwise: another region, unassigned evaluator)."""
    return policy.get_object_or_404(
        request.user,
        Action.VIEW,
        Submission.objects.select_related("period__questionnaire", "regency__province"),
        pk=pk,
    )


def _refused(request: HttpRequest, error: services.WorkflowError, pk: int, where: str = "detail") -> HttpResponse:
    """Show the translated reason on the page the user came from, answering with the error's 4xx status."""
    for message in error.messages:
        messages.error(request, message)
    view = {"fill": fill, "review": review}.get(where, detail)
    return view(request, pk, status=error.status)


SUBMISSIONS_PER_PAGE = 50
# The review queue shows the submissions due first; the rest are in the list below, by status.
QUEUE_SHOWN = 50


@login_required
def submission_list(request: HttpRequest) -> HttpResponse:
    """The user's submissions: the region's own, an evaluator's queue, or (national admin) every one."""
    scoped = policy.scope(request.user, Action.VIEW, Submission)
    status = request.GET.get("status", "")
    submissions = scoped.select_related("regency__province", "period").order_by(
        "-period__year", "-period__semester", "-period__stage", "regency__name"
    )
    if status in SubmissionStatus.values:
        submissions = submissions.filter(status=status)
    queue = queue_total = None
    if "review" in services.side_of(request.user):
        queue, queue_total = selectors.review_queue(scoped, QUEUE_SHOWN)
    return render(
        request,
        "evaluations/submission_list.html",
        {
            "page_obj": paginate(request, submissions, SUBMISSIONS_PER_PAGE),
            "query": urlencode({"status": status}) if status in SubmissionStatus.values else "",
            "queue": queue,
            "queue_total": queue_total,
            "statuses": SubmissionStatus.choices,
            "status": status,
        },
    )


def _context(request: HttpRequest, submission: Submission) -> dict[str, Any]:
    rows = selectors.answers_with_evidence(submission)
    scores = selectors.submission_scores(submission, rows)
    sides = services.side_of(request.user)
    return {
        "submission": submission,
        "scores": scores,
        "rows": rows,
        "levels": list(submission.period.questionnaire.scale_levels.all()),
        "findings": selectors.findings_of(submission),
        "carried": selectors.carried_recommendations(submission),
        "transitions": list(submission.transitions.select_related("actor")),
        "allowed": services.allowed_transitions(request.user, submission),
        "is_region": "region" in sides,
        "is_reviewer": "review" in sides,
        "editable": services.can_edit_answers(request.user, submission),
        "in_review": services.can_review(request.user, submission),
        "finding_kinds": FindingKind.choices,
        "dimensions": [d.dimension for d in scores.dimensions],
        "min_due": dt.date.today().isoformat(),  # noqa: DTZ011 (a form hint only)
    }


@login_required
def detail(request: HttpRequest, pk: int, status: int = 200) -> HttpResponse:
    submission = _submission(request, pk)
    return render(request, "evaluations/submission_detail.html", _context(request, submission), status=status)


def _answer_entries(request: HttpRequest, rows: list[selectors.QuestionRow]) -> list[dict[str, Any]]:
    """The answers posted by the self-assessment form; untouched empty questions are skipped."""
    entries = []
    for row in rows:
        q = row.question.pk
        if f"present-{q}" not in request.POST:
            continue
        level = request.POST.get(f"level-{q}", "")
        value = request.POST.get(f"value-{q}", "")
        explanation = request.POST.get(f"explanation-{q}", "")
        if row.answer is None and not (level or value.strip() or explanation.strip()):
            continue
        entries.append({"question": row.question, "level": level or None, "value": value, "explanation": explanation})
    return entries


@login_required
@require_http_methods(["GET", "POST"])
def fill(request: HttpRequest, pk: int, status: int = 200) -> HttpResponse:
    """The self-assessment form: every question by dimension, with the completeness bar and evidence."""
    submission = _submission(request, pk)
    context = _context(request, submission)
    if request.method == "POST" and status == 200:
        rows = context["rows"]
        try:
            count = len(
                services.answers_save(user=request.user, submission=submission, entries=_answer_entries(request, rows))
            )
        except services.WorkflowError as error:
            for message in error.messages:
                messages.error(request, message)
            context["posted"] = request.POST
            return render(request, "evaluations/fill.html", context, status=error.status)
        messages.success(request, _("Saved %(count)s answers.") % {"count": count})
        if request.POST.get("then") == "submit":
            action = "resubmit" if submission.status == SubmissionStatus.REVISION_REQUESTED else "submit"
            return transition(request, pk, action)
        return redirect("evaluations:fill", pk=pk)
    if not context["is_region"]:
        raise PermissionDenied(_("Only the region's own staff may change its self-assessment."))
    context["reusable"] = list(selectors.reusable_evidence(submission)[:50]) if context["editable"] else []
    return render(request, "evaluations/fill.html", context, status=status)


def _question(submission: Submission, question_id: int) -> Question:
    question = Question.objects.filter(pk=question_id, questionnaire_id=submission.period.questionnaire_id).first()
    if question is None:
        raise Http404(_("No such question in this questionnaire."))
    return question


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int, question_id: int) -> HttpResponse:
    submission = _submission(request, pk)
    question = _question(submission, question_id)
    try:
        if request.POST.get("reuse"):
            try:
                previous = int(request.POST["reuse"])
            except ValueError:
                raise services.BadInput(_("That earlier evidence is not available.")) from None
            services.evidence_reuse(user=request.user, submission=submission, question=question, evidence_id=previous)
        else:
            services.evidence_add(
                user=request.user,
                submission=submission,
                question=question,
                title=request.POST.get("title", ""),
                file=request.FILES.get("file"),
                url=request.POST.get("url", ""),
            )
    except services.WorkflowError as error:
        for message in error.messages:
            messages.error(request, message)
        return fill(request, pk, status=error.status)
    messages.success(request, _("Evidence added."))
    return redirect(f"{_fill_url(pk)}#q{question.number}")


def _fill_url(pk: int) -> str:
    from django.urls import reverse

    return reverse("evaluations:fill", kwargs={"pk": pk})


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    submission = _submission(request, pk)
    evidence = (
        policy.scope(request.user, Action.VIEW, AnswerEvidence)
        .select_related("answer__submission__period", "answer__question")
        .filter(pk=evidence_id, answer__submission=submission)
        .first()
    )
    if evidence is None:
        raise Http404(_("No such object, or it is not in your area of work."))
    try:
        services.evidence_remove(user=request.user, evidence=evidence)
    except services.WorkflowError as error:
        for message in error.messages:
            messages.error(request, message)
        return fill(request, pk, status=error.status)
    messages.success(request, _("Evidence removed."))
    return redirect("evaluations:fill", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int, status: int = 200) -> HttpResponse:
    """The review screen: each answer with explanation and evidence beside the assessed score and comment."""
    submission = _submission(request, pk)
    if "review" not in services.side_of(request.user):
        raise PermissionDenied(_("Only the evaluators assigned to this submission may review it."))
    context = _context(request, submission)
    if request.method == "POST" and status == 200:
        entries = []
        for row in context["rows"]:
            if row.answer is None or f"present-{row.question.pk}" not in request.POST:
                continue
            entries.append(
                {
                    "answer": row.answer,
                    "score": request.POST.get(f"assessed-{row.question.pk}") or None,
                    "comment": request.POST.get(f"comment-{row.question.pk}", ""),
                }
            )
        for entry in entries:
            entry["answer"].submission = submission
        try:
            services.assessments_save(user=request.user, submission=submission, entries=entries)
        except services.WorkflowError as error:
            for message in error.messages:
                messages.error(request, message)
            context["posted"] = request.POST
            return render(request, "evaluations/review.html", context, status=error.status)
        messages.success(request, _("Review saved."))
        return redirect("evaluations:review", pk=pk)
    return render(request, "evaluations/review.html", context, status=status)


@login_required
@require_POST
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    dimension = (
        Dimension.objects.filter(pk=request.POST.get("dimension") or 0).first()
        if (request.POST.get("dimension", "").isdigit())
        else None
    )
    try:
        if dimension is None:
            raise services.BadInput(_("Choose a dimension."))
        services.finding_add(
            user=request.user,
            submission=submission,
            dimension=dimension,
            kind=request.POST.get("kind", ""),
            text=request.POST.get("text", ""),
        )
    except services.WorkflowError as error:
        for message in error.messages:
            messages.error(request, message)
        return review(request, pk, status=error.status)
    messages.success(request, _("Finding added."))
    return redirect("evaluations:review", pk=pk)


@login_required
@require_POST
def finding_remove(request: HttpRequest, pk: int, finding_id: int) -> HttpResponse:
    submission = _submission(request, pk)
    finding = Finding.objects.select_related("submission").filter(pk=finding_id, submission=submission).first()
    if finding is None:
        raise Http404(_("No such object, or it is not in your area of work."))
    try:
        services.finding_remove(user=request.user, finding=finding)
    except services.WorkflowError as error:
        for message in error.messages:
            messages.error(request, message)
        return review(request, pk, status=error.status)
    messages.success(request, _("Finding removed."))
    return redirect("evaluations:review", pk=pk)


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Make one workflow transition (the buttons on the detail, fill and review pages)."""
    submission = _submission(request, pk)
    if name not in services.TRANSITIONS:
        raise Http404(_("Unknown action."))
    kwargs: dict[str, Any] = {"note": request.POST.get("note", "")}
    if name == "request_revision":
        questions = []
        for value in request.POST.getlist("questions"):
            if not value.isdigit():
                return _refused(request, services.BadInput(_("Choose questions from the list.")), pk, "review")
            questions.append(int(value))
        kwargs.update(due_on=_parse_date(request.POST.get("due_on", "")), questions=questions)
    back = {"submit": "fill", "resubmit": "fill", "request_revision": "review", "accept": "review"}.get(name, "detail")
    try:
        with transaction.atomic():
            services.transition(name, user=request.user, submission=submission, **kwargs)
    except services.WorkflowError as error:
        return _refused(request, error, pk, back)
    messages.success(
        request,
        _("Done: the submission is now “%(status)s”.") % {"status": submission.get_status_display()},
    )
    return redirect("evaluations:detail", pk=pk)


@login_required
def report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The submission's report for staff (any status they may see): PDF, printable HTML or XLSX."""
    submission = _submission(request, pk)
    return reports.response(submission, fmt)
