"""What a region's self-assessment still lacks: unanswered questions and answers without required evidence.

Computed for many submissions at once in a fixed number of queries (questions of the questionnaires involved,
then the answers of the submissions), so planning or sending a batch never queries per submission.

A question counts as answered when it has a self-score or a value. "Without required evidence" applies to
answered questions marked `evidence_required` whose answer has no evidence attached. The evidence relation of
`Answer` is found by name (any to-many relation whose name contains "evidence"), so evidence added by the
evaluations workflow is counted without this module changing; until such a relation exists, nothing is
reported as lacking evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dimensions.models import Dimension
from evaluations.models import Answer, Question, Submission


@dataclass
class DimensionGap:
    dimension: Dimension
    unanswered: int = 0
    without_evidence: int = 0


@dataclass
class Missing:
    total_questions: int = 0
    unanswered: int = 0
    without_evidence: int = 0
    by_dimension: list[DimensionGap] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return not self.unanswered and not self.without_evidence

    def summary(self) -> str:
        """One translated line, e.g. "3 questions unanswered, 2 without required evidence"."""
        return gap_text(self.unanswered, self.without_evidence)


def gap_text(unanswered: int, without_evidence: int) -> str:
    parts = []
    if unanswered:
        parts.append(
            ngettext("%(count)d question unanswered", "%(count)d questions unanswered", unanswered)
            % {"count": unanswered}
        )
    if without_evidence:
        parts.append(
            ngettext("%(count)d without required evidence", "%(count)d without required evidence", without_evidence)
            % {"count": without_evidence}
        )
    return _(", ").join(parts) if parts else _("nothing missing")


def evidence_relation() -> str | None:
    """The query name of Answer's to-many evidence relation, if the model has one."""
    for candidate in Answer._meta.get_fields():
        if candidate.is_relation and (candidate.one_to_many or candidate.many_to_many) and "evidence" in candidate.name:
            return candidate.name
    return None


def missing_for(submissions: Iterable[Submission]) -> dict[int, Missing]:
    """Missing items per submission id; three queries whatever the number of submissions."""
    submissions = list(submissions)
    if not submissions:
        return {}
    questionnaire_of = {s.pk: s.period.questionnaire_id for s in submissions}
    questions: dict[int, list[tuple[int, int, bool]]] = defaultdict(list)
    for qid, questionnaire_id, dimension_id, evidence_required in Question.objects.filter(
        questionnaire_id__in=set(questionnaire_of.values())
    ).values_list("pk", "questionnaire_id", "dimension_id", "evidence_required"):
        questions[questionnaire_id].append((qid, dimension_id, evidence_required))

    answers = Answer.objects.filter(submission_id__in=questionnaire_of).filter(
        Q(self_score__isnull=False) | ~Q(value="")
    )
    relation = evidence_relation()
    if relation:
        answers = answers.annotate(evidence_count=Count(relation, distinct=True))
        rows = answers.values_list("submission_id", "question_id", "evidence_count")
    else:
        rows = ((sid, qid, None) for sid, qid in answers.values_list("submission_id", "question_id"))
    answered: dict[int, dict[int, int | None]] = defaultdict(dict)
    for submission_id, question_id, evidence_count in rows:
        answered[submission_id][question_id] = evidence_count

    dimensions = {d.pk: d for d in Dimension.objects.all()}
    result: dict[int, Missing] = {}
    for submission_id, questionnaire_id in questionnaire_of.items():
        gaps: dict[int, DimensionGap] = {}
        missing = Missing()
        done = answered.get(submission_id, {})
        for qid, dimension_id, evidence_required in questions.get(questionnaire_id, []):
            missing.total_questions += 1
            gap = gaps.setdefault(dimension_id, DimensionGap(dimensions[dimension_id]))
            if qid not in done:
                gap.unanswered += 1
                missing.unanswered += 1
            elif evidence_required and done[qid] == 0:
                gap.without_evidence += 1
                missing.without_evidence += 1
        missing.by_dimension = sorted(
            (g for g in gaps.values() if g.unanswered or g.without_evidence),
            key=lambda g: (g.dimension.order, g.dimension.code),
        )
        result[submission_id] = missing
    return result
