"""Published evaluation results for the API, until `evaluations.selectors.published_results` lands.

A stand-in with the same shape as the evaluations app's selector (a list of results with
`submission`, `overall`, `dimensions` and `rank`), so the API switches by changing one import.
Scores here are the weighted mean of the assessed maturity levels (1–5) per dimension (question
weight), and the overall score is the mean of the dimension scores; the evaluations app's
selector adds the component weights of the period.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Sum

from evaluations.models import Answer, EvaluationPeriod, Submission, SubmissionStatus

TWO_PLACES = Decimal("0.01")


@dataclass
class RegionResult:
    submission: Submission
    overall: Decimal | None
    dimensions: dict[int, Decimal | None] = field(default_factory=dict)
    rank: int | None = None


def _rounded(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def published_results(period: EvaluationPeriod | None = None) -> list[RegionResult]:
    """Published results (of one period, or all), ranked within each period: two queries."""
    submissions = Submission.objects.filter(status=SubmissionStatus.PUBLISHED).select_related(
        "regency__province", "period"
    )
    if period is not None:
        submissions = submissions.filter(period=period)
    subs = list(submissions)
    sums = (
        Answer.objects.filter(submission__in=[s.pk for s in subs], assessed_score__isnull=False)
        .values("submission_id", "question__dimension_id")
        .annotate(points=Sum(F("assessed_score") * F("question__weight")), weight=Sum("question__weight"))
    )
    per_submission: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for row in sums:
        if row["weight"]:
            per_submission[row["submission_id"]][row["question__dimension_id"]] = Decimal(row["points"]) / Decimal(
                row["weight"]
            )
    results = []
    for submission in subs:
        dims = per_submission.get(submission.pk, {})
        overall = sum(dims.values()) / len(dims) if dims else None
        results.append(RegionResult(submission, _rounded(overall), {pk: _rounded(score) for pk, score in dims.items()}))
    by_period: dict[int, list[RegionResult]] = defaultdict(list)
    for result in results:
        by_period[result.submission.period_id].append(result)
    for group in by_period.values():
        group.sort(key=lambda r: (-(r.overall or 0), r.submission.regency.name))
        last, rank = None, 0
        for position, result in enumerate(group, start=1):
            if result.overall != last:
                last, rank = result.overall, position
            result.rank = rank
    results.sort(
        key=lambda r: (-r.submission.period.year, -r.submission.period.semester, -r.submission.period.stage, r.rank)
    )
    return results
