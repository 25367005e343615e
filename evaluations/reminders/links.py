"""Where a reminder sends its reader: the page to act on, as a path (emails prefix `SITE_URL`).

The first URL name that exists wins: the evaluation workflow's staff pages (`evaluations:fill` for the
region, `evaluations:review` for evaluators), else the object in the admin.
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def _first(candidates: list[tuple[str, tuple]]) -> str:
    for name, args in candidates:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return reverse("admin:index")


def submission_link(submission_id: int, *, evaluator: bool = False) -> str:
    pages = [("evaluations:review", (submission_id,))] if evaluator else []
    pages += [
        ("evaluations:fill", (submission_id,)),
        ("admin:evaluations_submission_change", (submission_id,)),
    ]
    return _first(pages)


def innovation_link(innovation_id: int) -> str:
    return _first([("admin:dimensions_innovation_change", (innovation_id,))])
