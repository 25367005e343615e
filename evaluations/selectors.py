"""Reads of the evaluation: a submission's sheet and scores, completeness, published results.

Every function runs a fixed number of queries whatever the number of questions, answers, evidence or regions
(tests/evaluations/test_queries.py asserts it at two sizes). Scores are computed by `evaluations.scoring` from
the stored answers; nothing is cached in the database, so a published result is the accepted review itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.fields.json import KT

from dimensions.models import Dimension, SubDimension
from kelurahan.models import Regency

from . import scoring
from .models import (
    Answer,
    AnswerEvidence,
    AnswerType,
    EvaluationPeriod,
    Finding,
    FindingKind,
    Question,
    Submission,
    SubmissionStatus,
)

# --- one submission ----------------------------------------------------------------------------------------------


@dataclass
class QuestionRow:
    """A question of the submission's questionnaire with the region's answer (or None) and its evidence."""

    question: Question
    answer: Answer | None
    evidence: list[AnswerEvidence] = field(default_factory=list)

    @property
    def scored(self) -> bool:
        return scoring.is_scored(self.question.answer_type)

    @property
    def self_score(self) -> int | None:
        return self.answer.self_score if self.answer else None

    @property
    def assessed_score(self) -> int | None:
        return self.answer.assessed_score if self.answer else None

    @property
    def differs(self) -> bool:
        """The evaluator scored it differently from the region."""
        return (
            self.assessed_score is not None and self.self_score is not None and self.assessed_score != self.self_score
        )

    @property
    def answered(self) -> bool:
        return answer_is_complete(self.question, self.answer)

    @property
    def missing_evidence(self) -> bool:
        return self.question.evidence_required and not self.evidence

    @property
    def needs_revision(self) -> bool:
        return bool(self.answer and self.answer.needs_revision)


def answer_is_complete(question: Question, answer: Answer | None) -> bool:
    if answer is None:
        return False
    if question.answer_type == AnswerType.SCALE:
        return answer.self_score is not None
    if question.answer_type == AnswerType.YES_NO:
        return answer.value in scoring.YES_NO_SCORES
    return bool(answer.value.strip() or answer.explanation.strip())


def answers_with_evidence(submission: Submission) -> list[QuestionRow]:
    """Every question of the submission's questionnaire, in order, with its answer and evidence (3 queries)."""
    questions = Question.objects.filter(questionnaire_id=_questionnaire_id(submission)).select_related(
        "dimension", "sub_dimension"
    )
    answers = {
        answer.question_id: answer
        for answer in Answer.objects.filter(submission=submission).prefetch_related(
            Prefetch("evidence", queryset=AnswerEvidence.objects.order_by("pk"))
        )
    }
    rows = []
    for question in questions.order_by("number"):
        answer = answers.get(question.pk)
        if answer is not None:
            answer.question = question  # no query when a service reads it
            answer.submission = submission
        rows.append(QuestionRow(question, answer, list(answer.evidence.all()) if answer else []))
    return rows


def _questionnaire_id(submission: Submission) -> int:
    # `period` is usually select_related by the caller; otherwise one query.
    return submission.period.questionnaire_id


@dataclass
class SubScore:
    sub_dimension: SubDimension
    self_score: Decimal | None
    assessed_score: Decimal | None


@dataclass
class DimensionScore:
    dimension: Dimension
    self_score: Decimal | None
    assessed_score: Decimal | None
    total: int = 0
    answered: int = 0
    missing_evidence: int = 0
    to_revise: int = 0
    sub_dimensions: list[SubScore] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return (
            self.self_score is not None and self.assessed_score is not None and self.self_score != self.assessed_score
        )

    @property
    def percent_answered(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


@dataclass
class SubmissionScores:
    submission: Submission
    rows: list[QuestionRow]
    dimensions: list[DimensionScore]
    self_total: Decimal | None
    assessed_total: Decimal | None

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def answered(self) -> int:
        return sum(d.answered for d in self.dimensions)

    @property
    def missing_evidence(self) -> int:
        return sum(d.missing_evidence for d in self.dimensions)

    @property
    def is_complete(self) -> bool:
        return self.answered == self.total and self.missing_evidence == 0

    @property
    def unassessed(self) -> list[QuestionRow]:
        """Scored questions the evaluator has not scored yet."""
        return [row for row in self.rows if row.scored and row.assessed_score is None]


def _items(rows: Iterable[QuestionRow], which: str) -> list[scoring.Item]:
    return [
        scoring.Item(
            dimension=row.question.dimension_id,
            sub_dimension=row.question.sub_dimension_id,
            component=row.question.component,
            weight=row.question.weight,
            score=getattr(row, which) if row.scored else None,
        )
        for row in rows
    ]


def submission_scores(submission: Submission, rows: list[QuestionRow] | None = None) -> SubmissionScores:
    """Self and assessed scores per question, sub-dimension and dimension, the totals, and completeness."""
    if rows is None:
        rows = answers_with_evidence(submission)
    weights = submission.period.component_weights
    self_items, assessed_items = _items(rows, "self_score"), _items(rows, "assessed_score")
    self_dims = scoring.dimension_scores(self_items, weights)
    assessed_dims = scoring.dimension_scores(assessed_items, weights)
    self_subs = scoring.sub_dimension_scores(self_items, weights)
    assessed_subs = scoring.sub_dimension_scores(assessed_items, weights)

    by_dimension: dict[int, DimensionScore] = {}
    subs_seen: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        question = row.question
        entry = by_dimension.get(question.dimension_id)
        if entry is None:
            entry = by_dimension[question.dimension_id] = DimensionScore(
                question.dimension,
                scoring.rounded(self_dims.get(question.dimension_id)),
                scoring.rounded(assessed_dims.get(question.dimension_id)),
            )
        entry.total += 1
        entry.answered += row.answered
        entry.missing_evidence += row.missing_evidence
        entry.to_revise += row.needs_revision
        sub = question.sub_dimension
        if sub is not None and sub.pk not in subs_seen[question.dimension_id]:
            subs_seen[question.dimension_id].add(sub.pk)
            entry.sub_dimensions.append(
                SubScore(sub, scoring.rounded(self_subs.get(sub.pk)), scoring.rounded(assessed_subs.get(sub.pk)))
            )
    dimensions = sorted(by_dimension.values(), key=lambda d: (d.dimension.order, d.dimension.pk))
    return SubmissionScores(
        submission=submission,
        rows=rows,
        dimensions=dimensions,
        self_total=scoring.rounded(scoring.overall_score(self_dims)),
        assessed_total=scoring.rounded(scoring.overall_score(assessed_dims)),
    )


def findings_of(submission: Submission) -> list[Finding]:
    return list(Finding.objects.filter(submission=submission).select_related("dimension", "created_by"))


def carried_recommendations(submission: Submission) -> list[Finding]:
    """The recommendations of the region's previous reviewed submission: the follow-up checklist (1 query)."""
    previous = (
        Submission.objects.filter(
            regency_id=submission.regency_id,
            status__in=[SubmissionStatus.ACCEPTED, SubmissionStatus.PUBLISHED],
        )
        .exclude(pk=submission.pk)
        .filter(
            Q(period__year__lt=submission.period.year)
            | Q(period__year=submission.period.year, period__semester__lt=submission.period.semester)
            | Q(
                period__year=submission.period.year,
                period__semester=submission.period.semester,
                period__stage__lt=submission.period.stage,
            )
        )
        .order_by("-period__year", "-period__semester", "-period__stage")
        .values("pk")[:1]
    )
    return list(
        Finding.objects.filter(submission__in=previous, kind=FindingKind.RECOMMENDATION).select_related("dimension")
    )


def reusable_evidence(submission: Submission) -> QuerySet[AnswerEvidence]:
    """Evidence the region gave in its earlier submissions, newest first (to reuse instead of uploading again)."""
    return (
        AnswerEvidence.objects.filter(answer__submission__regency_id=submission.regency_id)
        .exclude(answer__submission=submission)
        .select_related("answer__question", "answer__submission__period")
        .order_by("-answer__submission__period__year", "-answer__submission__period__semester", "-pk")
    )


# --- queues ------------------------------------------------------------------------------------------------------


def review_queue(submissions: QuerySet[Submission], shown: int) -> tuple[list[Submission], int]:
    """The `shown` submissions waiting for or in review that are due first, each with `answer_count`, and how many
    wait in all (3 queries at most; pass a QuerySet already scoped by the policy).

    The answers are counted for the shown rows only: counting them for every waiting submission of the country
    (a national user's queue) would read a hundred answers per submission.
    """
    waiting = submissions.filter(
        status__in=[
            SubmissionStatus.SUBMITTED,
            SubmissionStatus.RESUBMITTED,
            SubmissionStatus.IN_REVIEW,
            SubmissionStatus.REVISION_REQUESTED,
            SubmissionStatus.ACCEPTED,
        ]
    )
    rows = list(
        waiting.select_related("regency__province", "period").order_by("period__review_due_on", "regency__name")[:shown]
    )
    total = len(rows) if len(rows) < shown else waiting.count()
    counts = dict(
        Answer.objects.filter(submission__in=rows).values_list("submission").annotate(n=Count("pk")).order_by()
    )
    for row in rows:
        row.answer_count = counts.get(row.pk, 0)
    return rows, total


# --- published results --------------------------------------------------------------------------------------------


@dataclass
class RegionResult:
    """A published submission's scores: overall and per dimension (assessed and self), rank in its period."""

    submission: Submission
    overall: Decimal | None
    self_overall: Decimal | None
    dimensions: dict[int, Decimal | None]  # dimension id -> assessed score
    self_dimensions: dict[int, Decimal | None]
    rank: int | None = None
    previous: RegionResult | None = None

    @property
    def regency(self) -> Regency:
        return self.submission.regency

    @property
    def period(self) -> EvaluationPeriod:
        return self.submission.period

    @property
    def change(self) -> Decimal | None:
        """Against the region's previous published result."""
        if self.previous is None or self.previous.overall is None or self.overall is None:
            return None
        return self.overall - self.previous.overall

    def dimension_rows(self, dimensions: Iterable[Dimension]) -> list[dict[str, Any]]:
        rows = []
        for dimension in dimensions:
            score = self.dimensions.get(dimension.pk)
            before = self.previous.dimensions.get(dimension.pk) if self.previous else None
            rows.append(
                {
                    "dimension": dimension,
                    "score": score,
                    "self_score": self.self_dimensions.get(dimension.pk),
                    "previous": before,
                    "change": score - before if score is not None and before is not None else None,
                    "percent": int(score * 20) if score is not None else 0,
                }
            )
        return rows


def _results(submissions: QuerySet[Submission]) -> list[RegionResult]:
    """Scores of the given submissions: 1 query for the submissions with their region and period, plus 1 for the
    answers of those whose result was not frozen when published (`Submission.result`)."""
    subs = list(submissions.select_related("regency__province", "regency__programme", "period"))
    frozen = {s.pk: _thaw(s) for s in subs if s.result}
    computed = {r.submission.pk: r for r in _computed([s for s in subs if not s.result])}
    return [frozen.get(s.pk) or computed[s.pk] for s in subs]


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


def _thaw(submission: Submission) -> RegionResult:
    stored = submission.result
    return RegionResult(
        submission=submission,
        overall=_decimal(stored["overall"]),
        self_overall=_decimal(stored["self_overall"]),
        dimensions={int(k): _decimal(v) for k, v in stored["dimensions"].items()},
        self_dimensions={int(k): _decimal(v) for k, v in stored["self_dimensions"].items()},
    )


def result_snapshot(result: RegionResult) -> dict[str, Any]:
    """A result as JSON (decimals as strings, exact), for `Submission.result`."""

    def text(value: Decimal | None) -> str | None:
        return str(value) if value is not None else None

    return {
        "overall": text(result.overall),
        "self_overall": text(result.self_overall),
        "dimensions": {str(k): text(v) for k, v in result.dimensions.items()},
        "self_dimensions": {str(k): text(v) for k, v in result.self_dimensions.items()},
    }


def computed_results(submissions: list[Submission]) -> list[RegionResult]:
    """Scores added up from the answers (1 query), whatever is frozen: what publishing freezes."""
    return _computed(submissions)


def _computed(subs: list[Submission]) -> list[RegionResult]:
    if not subs:
        return []
    per_submission: dict[int, tuple[list[scoring.Item], list[scoring.Item]]] = {s.pk: ([], []) for s in subs}
    answers = Answer.objects.filter(submission__in=[s.pk for s in subs]).values_list(
        "submission_id",
        "self_score",
        "assessed_score",
        "question__dimension_id",
        "question__component",
        "question__weight",
        "question__answer_type",
    )
    for submission_id, self_score, assessed, dimension, component, weight, answer_type in answers:
        scored = scoring.is_scored(answer_type)
        self_items, assessed_items = per_submission[submission_id]
        self_items.append(scoring.Item(dimension, component, self_score if scored else None, weight))
        assessed_items.append(scoring.Item(dimension, component, assessed if scored else None, weight))
    results = []
    for submission in subs:
        weights = submission.period.component_weights
        self_items, assessed_items = per_submission[submission.pk]
        assessed_dims = scoring.dimension_scores(assessed_items, weights)
        self_dims = scoring.dimension_scores(self_items, weights)
        results.append(
            RegionResult(
                submission=submission,
                overall=scoring.rounded(scoring.overall_score(assessed_dims)),
                self_overall=scoring.rounded(scoring.overall_score(self_dims)),
                dimensions={k: scoring.rounded(v) for k, v in assessed_dims.items()},
                self_dimensions={k: scoring.rounded(v) for k, v in self_dims.items()},
            )
        )
    return results


def _rank(results: list[RegionResult]) -> list[RegionResult]:
    """Rank within each period by overall score (ties share a rank), best first."""
    by_period: dict[int, list[RegionResult]] = defaultdict(list)
    for result in results:
        by_period[result.submission.period_id].append(result)
    for group in by_period.values():
        group.sort(key=lambda r: (-(r.overall or Decimal(0)), r.regency.name))
        last_score, last_rank = None, 0
        for position, result in enumerate(group, start=1):
            if result.overall != last_score:
                last_score, last_rank = result.overall, position
            result.rank = last_rank
    return results


def published_periods() -> QuerySet[EvaluationPeriod]:
    """Periods with at least one published result, newest first."""
    return EvaluationPeriod.objects.filter(submissions__status=SubmissionStatus.PUBLISHED).distinct()


def published_results(
    period: EvaluationPeriod | None = None,
    *,
    kind: str = "",
    province: str = "",
    cohort: str = "",
) -> list[RegionResult]:
    """Published scores per region (of one period, or of all), ranked within the period, best first.

    Filters: `kind` (kota / kabupaten), `province` (code), `cohort` (the programme's cohort). Ranks are
    computed over the whole period, before filtering, so a filtered table keeps the national rank.
    Two queries whatever the number of regions and questions.
    """
    submissions = Submission.objects.filter(status=SubmissionStatus.PUBLISHED)
    if period is not None:
        submissions = submissions.filter(period=period)
    results = filter_results(_rank(_results(submissions)), kind=kind, province=province, cohort=cohort)
    results.sort(key=lambda r: (-r.period.year, -r.period.semester, -r.period.stage, r.rank or 0, r.regency.name))
    return results


def published_submissions() -> QuerySet[Submission]:
    """Published submissions with their region and period, for paging results in the database (see `page_results`)."""
    return Submission.objects.filter(status=SubmissionStatus.PUBLISHED).select_related("regency", "period")


def page_results(page: list[Submission]) -> list[RegionResult]:
    """The results of a page of published submissions, in the page's order, each ranked within its whole period.

    Ranks are national (over every published result of the period, not just the page or a filtered list). Three
    queries whatever the page: the frozen overall scores of the page's periods counted per score, the periods'
    submissions whose result is not frozen, and (only if there are any) their answers.
    """
    periods = {s.period_id for s in page}
    published = Submission.objects.filter(status=SubmissionStatus.PUBLISHED, period_id__in=periods).order_by()
    counts: dict[int, list[tuple[Decimal | None, int]]] = defaultdict(list)
    frozen_scores = (
        published.filter(result__isnull=False)
        .annotate(overall=KT("result__overall"))
        .values_list("period_id", "overall")
        .annotate(n=Count("pk"))
    )
    for period_id, overall, n in frozen_scores:
        counts[period_id].append((_decimal(overall), n))
    computed = {
        r.submission.pk: r for r in _computed(list(published.filter(result__isnull=True).select_related("period")))
    }
    for result in computed.values():
        counts[result.submission.period_id].append((result.overall, 1))

    results = []
    for submission in page:
        result = _thaw(submission) if submission.result else computed[submission.pk]
        result.submission = submission
        # As `_rank`: ties share the rank of the first of them, a missing score counts as 0.
        mine = result.overall or Decimal(0)
        result.rank = 1 + sum(n for score, n in counts[submission.period_id] if (score or Decimal(0)) > mine)
        results.append(result)
    return results


def filter_results(
    results: Iterable[RegionResult], *, kind: str = "", province: str = "", cohort: str = ""
) -> list[RegionResult]:
    """The results of regions of one kind, province and cohort (empty: any), in the given order (no query)."""
    return [
        r
        for r in results
        if (not kind or r.regency.kind == kind)
        and (not province or r.regency.province_id == province)
        and (not cohort or _cohort(r.regency) == cohort)
    ]


def _cohort(regency: Regency) -> str:
    programme = getattr(regency, "programme", None)
    return programme.cohort if programme is not None else ""


def region_results(regency: Regency) -> list[RegionResult]:
    """A region's published results, newest first, each with the previous one for the change (2 queries).

    Ranks are not computed here (that needs the whole period); use `published_results` for the table.
    """
    results = _results(Submission.objects.filter(status=SubmissionStatus.PUBLISHED, regency=regency))
    results.sort(key=lambda r: (r.period.year, r.period.semester, r.period.stage))
    for before, after in pairwise(results):
        after.previous = before
    return list(reversed(results))


def result_dimensions(results: Iterable[RegionResult]) -> list[Dimension]:
    """The dimensions appearing in the results, in catalogue order (1 query)."""
    ids = {pk for result in results for pk in result.dimensions}
    return list(Dimension.objects.filter(pk__in=ids).order_by("order", "pk"))
