"""Published evaluation results for everyone; submissions for the signed-in users the policy lets see them."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts import policy
from accounts.policy import Action
from api.filters import IntegerFilter
from api.permissions import AuthenticatedPolicyRead
from api.viewsets import StrictQueryParamsMixin
from dimensions.models import Dimension
from evaluations.models import Answer, Submission, SubmissionStatus
from evaluations.selectors import page_results, published_submissions

from . import serializers


class ResultViewSet(StrictQueryParamsMixin, viewsets.GenericViewSet):
    """Published semester evaluation results: one row per region and period, ranked within the period.

    Paged in the database by submission id (cursor pagination like every list); the page's rows are built from
    the frozen `Submission.result` and ranked over their whole period (`evaluations.selectors.page_results`).
    """

    serializer_class = serializers.ResultSerializer
    filter_backends = []
    ordering = ["id"]
    # `ResultQuerySerializer` field -> lookup on the published submissions.
    lookups = {
        "period": "period_id",
        "year": "period__year",
        "semester": "period__semester",
        "regency": "regency_id",
        "province": "regency__province_id",
        "kind": "regency__kind",
    }

    def allowed_query_params(self) -> set[str]:
        paginator = self.paginator
        return set(serializers.ResultQuerySerializer().fields) | {
            paginator.cursor_query_param,
            paginator.page_size_query_param,
        }

    @extend_schema(
        summary="List published evaluation results (by period, region)",
        tags=["evaluations"],
        parameters=[serializers.ResultQuerySerializer],
    )
    def list(self, request: Request) -> Response:
        query = serializers.ResultQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        submissions = published_submissions().filter(
            **{self.lookups[name]: value for name, value in query.validated_data.items()}
        )
        page = self.paginate_queryset(submissions)
        codes = dict(Dimension.objects.values_list("pk", "code"))
        data = serializers.ResultSerializer(page_results(page), many=True, context={"dimension_codes": codes}).data
        return self.get_paginated_response(data)


class SubmissionFilter(filters.FilterSet):
    period = IntegerFilter(field_name="period_id", min_value=1)
    regency = filters.CharFilter(field_name="regency_id")
    status = filters.ChoiceFilter(choices=SubmissionStatus.choices)

    class Meta:
        model = Submission
        fields = ["period", "regency", "status"]


@extend_schema_view(
    list=extend_schema(summary="List the submissions you may read (signed in)", tags=["evaluations"]),
    retrieve=extend_schema(summary="One submission with its answers (signed in)", tags=["evaluations"]),
)
class SubmissionViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    """Self-assessments: evaluators read the ones assigned to them, regency staff their own region's."""

    serializer_class = serializers.SubmissionSerializer
    filterset_class = SubmissionFilter
    permission_classes = [AuthenticatedPolicyRead]
    lookup_value_regex = r"[0-9]{1,9}"
    ordering = ["id"]
    ordering_fields = ["id", "updated_at"]

    def get_queryset(self) -> QuerySet:
        queryset = Submission.objects.select_related("period", "regency").prefetch_related(
            Prefetch("answers", queryset=Answer.objects.select_related("question").order_by("question__number"))
        )
        return policy.scope(self.request.user, Action.VIEW, queryset)


routes = [
    ("evaluation-results", ResultViewSet, "evaluation-result"),
    ("submissions", SubmissionViewSet, "submission"),
]
