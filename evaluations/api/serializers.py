"""Published evaluation results (open data) and submissions (signed-in users, through the policy)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from evaluations.models import Answer, EvaluationPeriod, Semester, Submission
from kelurahan.models import RegencyKind


class ResultQuerySerializer(serializers.Serializer):
    """The query parameters of the results list."""

    period = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, help_text=_("Period id."))
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    semester = serializers.ChoiceField(required=False, choices=Semester.choices)
    regency = serializers.RegexField(r"^\d{2}\.\d{2}$", required=False, help_text=_("Regency code, e.g. 33.75."))
    province = serializers.RegexField(r"^\d{2}$", required=False, help_text=_("Province code, e.g. 33."))
    kind = serializers.ChoiceField(required=False, choices=RegencyKind.choices)


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvaluationPeriod
        fields = ["id", "year", "semester", "stage"]


def _score_field() -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=4, decimal_places=2, coerce_to_string=False, allow_null=True)


class DimensionScoreSerializer(serializers.Serializer):
    dimension = serializers.CharField(help_text="Dimension code.")
    score = _score_field()


# Represents the scores of every row (see `ResultSerializer.get_dimensions`).
DIMENSION_SCORE = _score_field()


class ResultSerializer(serializers.Serializer):
    """A region's published score in one period: overall (1–5), rank in the period, per dimension."""

    submission = serializers.IntegerField(source="submission.pk")
    regency = serializers.CharField(source="submission.regency_id")
    regency_name = serializers.CharField(source="submission.regency.name")
    province = serializers.CharField(source="submission.regency.province_id")
    kind = serializers.CharField(source="submission.regency.kind")
    period = PeriodSerializer(source="submission.period")
    overall = serializers.DecimalField(max_digits=4, decimal_places=2, coerce_to_string=False, allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    dimensions = serializers.SerializerMethodField()

    @extend_schema_field(DimensionScoreSerializer(many=True))
    def get_dimensions(self, result) -> list[dict]:
        # Represented as `DimensionScoreSerializer` would, without building that serializer for every row of a page
        # (which cost more than the rest of the page).
        codes = self.context["dimension_codes"]
        return [
            {
                "dimension": codes.get(pk, str(pk)),
                "score": None if score is None else DIMENSION_SCORE.to_representation(score),
            }
            for pk, score in sorted(result.dimensions.items(), key=lambda item: codes.get(item[0], ""))
        ]


class AnswerSerializer(serializers.ModelSerializer):
    question = serializers.IntegerField(source="question.number", read_only=True)

    class Meta:
        model = Answer
        fields = ["question", "self_score", "value", "explanation", "assessed_score", "evaluator_comment", "updated_at"]


class SubmissionSerializer(serializers.ModelSerializer):
    period = PeriodSerializer(read_only=True)
    regency_name = serializers.CharField(source="regency.name", read_only=True)
    answers = AnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "period", "regency", "regency_name", "status", "submitted_at", "updated_at", "answers"]
