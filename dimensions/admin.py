"""Admin of the dimension catalogue and of innovations (with their links and evidence)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartcity.admin import HistoryAdmin, PolicyInlineMixin, PublishActionsMixin, SpreadsheetAdminMixin, download_link

from .models import Dimension, Innovation, InnovationEvidence, InnovationLink, SubDimension
from .spreadsheets import INNOVATIONS, export_queryset


class SubDimensionInline(PolicyInlineMixin, admin.TabularInline):
    model = SubDimension
    extra = 0
    fields = ["order", "code", "name", "name_en"]


@admin.register(Dimension)
class DimensionAdmin(HistoryAdmin):
    list_display = ["name", "name_en", "code", "is_core", "order"]
    list_filter = ["is_core"]
    search_fields = ["name", "name_en", "code"]
    inlines = [SubDimensionInline]


@admin.register(SubDimension)
class SubDimensionAdmin(HistoryAdmin):
    list_display = ["name", "name_en", "code", "dimension", "order"]
    list_filter = ["dimension"]
    list_select_related = ["dimension"]
    search_fields = ["name", "name_en", "code"]


class InnovationLinkInline(PolicyInlineMixin, admin.TabularInline):
    model = InnovationLink
    extra = 0


class InnovationEvidenceInline(PolicyInlineMixin, admin.TabularInline):
    model = InnovationEvidence
    extra = 0
    fields = ["title", "file", "download", "is_published", "uploaded_by", "uploaded_at"]
    readonly_fields = ["download", "uploaded_by", "uploaded_at"]
    download = staticmethod(download_link)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


@admin.register(Innovation)
class InnovationAdmin(SpreadsheetAdminMixin, PublishActionsMixin, HistoryAdmin):
    list_display = ["name", "kind", "dimension", "agency", "regency", "status", "is_published", "updated_at"]
    list_filter = ["is_published", "kind", "status", "dimension", "agency"]
    list_select_related = ["dimension", "agency__regency"]
    search_fields = ["name", "slug", "agency__name", "agency__acronym", "agency__regency__name"]
    # No date_hierarchy: its year list is a DISTINCT over every innovation of the country (~90 ms per page).
    autocomplete_fields = ["agency", "villages", "sub_dimension"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [InnovationLinkInline, InnovationEvidenceInline]
    actions = ["publish", "unpublish", "export_csv", "export_xlsx"]
    spreadsheet = INNOVATIONS
    spreadsheet_queryset = export_queryset
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "dimension", "sub_dimension", "status"]}),
        (None, {"fields": ["agency", "villages"]}),
        (None, {"fields": ["start_date", "end_date", "description", "is_published"]}),
    ]

    @admin.display(description=_("regency"), ordering="agency__regency__code")
    def regency(self, obj):
        return obj.agency.regency

    def save_formset(self, request, form, formset, change):
        if formset.model is InnovationEvidence:
            for evidence_form in formset.forms:
                if evidence_form.has_changed() and evidence_form.instance.pk is None:
                    evidence_form.instance.uploaded_by = request.user
                    upload = evidence_form.cleaned_data.get("file")
                    if upload is not None and hasattr(upload, "name"):
                        evidence_form.instance.original_name = upload.name[:200]
        super().save_formset(request, form, formset, change)


@admin.register(InnovationEvidence)
class InnovationEvidenceAdmin(PublishActionsMixin, HistoryAdmin):
    list_display = ["title", "innovation", "is_published", "uploaded_by", "uploaded_at"]
    list_filter = ["is_published"]
    list_select_related = ["innovation", "uploaded_by"]
    search_fields = ["title", "innovation__name"]
    autocomplete_fields = ["innovation"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["download", "original_name", "uploaded_by", "uploaded_at"]
    download = staticmethod(download_link)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        upload = form.cleaned_data.get("file")
        if upload is not None and "file" in form.changed_data:
            obj.original_name = upload.name[:200]
        super().save_model(request, obj, form, change)


@admin.register(InnovationLink)
class InnovationLinkAdmin(HistoryAdmin):
    list_display = ["title", "url", "innovation"]
    list_select_related = ["innovation"]
    search_fields = ["title", "url", "innovation__name"]
    autocomplete_fields = ["innovation"]
