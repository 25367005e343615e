"""Base views of every API resource.

- Unknown query parameters are a 400 (a misspelt filter must not silently return everything).
- Reads: published rows to everyone, plus the rows the scoping policy lets the user view (staff
  see their own drafts); lists are cursor-paginated, with their queries decided by the selector.
- Writes: the object is looked up through `policy.get_object_or_404` (another region's object is
  a 404, a view-only one a 403), the new values are checked with `policy.can_save`, and the
  write goes through the app's service.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework import exceptions, mixins, viewsets
from rest_framework.permissions import SAFE_METHODS

from accounts import policy
from accounts.policy import Action, Level

from .permissions import METHOD_ACTIONS, PolicyPermission


def visible(user: Any, queryset: QuerySet, published: Q) -> QuerySet:
    """Rows that are published, plus the rows the policy lets this user view."""
    level = policy.level_for(user, Action.VIEW, queryset.model)
    if level is None:
        return queryset.filter(published)
    if level is Level.ALL:
        return queryset
    in_reach = policy.scope(user, Action.VIEW, queryset.model._default_manager.all()).values("pk")
    return queryset.filter(published | Q(pk__in=in_reach))


class StrictQueryParamsMixin:
    """Reject query parameters the endpoint does not know."""

    def allowed_query_params(self) -> set[str]:
        if self.action not in {"list"}:
            return set()
        allowed: set[str] = set()
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        paginator = self.paginator
        if paginator is not None:
            allowed |= {paginator.cursor_query_param, paginator.page_size_query_param}
        if getattr(self, "ordering_fields", None):
            allowed.add("ordering")
        return allowed

    def initial(self, request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.allowed_query_params())
        if unknown:
            raise exceptions.ValidationError({name: [_("Unknown query parameter.")] for name in unknown})


class PublicReadViewSet(StrictQueryParamsMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only resource: published rows to everyone, plus what the policy lets the user view."""

    published: Q = Q()

    def base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        return visible(self.request.user, self.base_queryset(), self.published)


class PolicyWriteViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin, PublicReadViewSet):
    """Readable like `PublicReadViewSet`; staff write under the scoping policy."""

    permission_classes = [PolicyPermission]

    def get_object(self) -> Model:
        if self.request.method in SAFE_METHODS:
            return super().get_object()
        lookup_url_kwarg = self.lookup_url_kwarg or self.lookup_field
        lookup = {self.lookup_field: self.kwargs[lookup_url_kwarg]}
        return policy.get_object_or_404(
            self.request.user, METHOD_ACTIONS[self.request.method], self.base_queryset(), **lookup
        )

    def check_can_save(self, obj: Model) -> None:
        """403 unless the object, with the values it now holds, is within the user's reach."""
        if not policy.can_save(self.request.user, obj):
            raise exceptions.PermissionDenied(_("You may not save this object with these values."))

    def perform_destroy(self, instance: Model) -> None:
        instance.delete()
