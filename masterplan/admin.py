"""Admin of masterplans: versions with their four books, action plan and guidance sessions."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartcity.admin import HistoryAdmin, PolicyInlineMixin, PublishActionsMixin, SpreadsheetAdminMixin, download_link

from .models import ActionItem, Book, GuidanceSession, Masterplan, MasterplanVersion
from .spreadsheets import ACTION_ITEMS, export_queryset


class VersionInline(PolicyInlineMixin, admin.TabularInline):
    model = MasterplanVersion
    extra = 0
    fields = ["number", "start_year", "end_year", "status", "is_published"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("masterplan")

    def has_add_permission(self, request, obj=None):
        return False  # a version is added on its own page, which creates its four books


@admin.register(Masterplan)
class MasterplanAdmin(HistoryAdmin):
    list_display = ["title", "regency"]
    list_select_related = ["regency"]
    search_fields = ["title", "regency__name", "regency__code"]
    autocomplete_fields = ["regency"]
    inlines = [VersionInline]


class BookInline(PolicyInlineMixin, admin.TabularInline):
    """The four books exist with the version: their status and file are edited, never added or removed."""

    model = Book
    extra = 0
    max_num = 4
    can_delete = False
    fields = ["number", "status", "file", "download", "updated_at"]
    readonly_fields = ["number", "download", "updated_at"]
    download = staticmethod(download_link)

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ActionItemInline(PolicyInlineMixin, admin.TabularInline):
    model = ActionItem
    extra = 0
    fields = ["year", "dimension", "title", "target"]
    show_change_link = True  # the linked innovation is picked on the item's own page


class GuidanceSessionInline(PolicyInlineMixin, admin.TabularInline):
    model = GuidanceSession
    extra = 0


@admin.register(MasterplanVersion)
class MasterplanVersionAdmin(PublishActionsMixin, HistoryAdmin):
    list_display = ["__str__", "regency", "number", "start_year", "end_year", "status", "is_published", "updated_at"]
    list_filter = ["status", "is_published"]
    list_select_related = ["masterplan__regency"]
    search_fields = ["masterplan__title", "masterplan__regency__name"]
    autocomplete_fields = ["masterplan", "legal_basis"]
    filter_horizontal = ["dimensions"]
    date_hierarchy = "updated_at"
    inlines = [BookInline, ActionItemInline, GuidanceSessionInline]

    @admin.display(description=_("regency"), ordering="masterplan__regency__code")
    def regency(self, obj):
        return obj.masterplan.regency

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            # Every version has its four books (as masterplan.services.masterplan_version_create makes them).
            existing = set(form.instance.books.values_list("number", flat=True))
            Book.objects.bulk_create(
                [Book(version=form.instance, number=number) for number in range(1, 5) if number not in existing]
            )


@admin.register(Book)
class BookAdmin(HistoryAdmin):
    deleted_with_parent = True
    list_display = ["__str__", "version", "status", "updated_at"]
    list_filter = ["status", "number"]
    list_select_related = ["version__masterplan"]
    search_fields = ["version__masterplan__title", "version__masterplan__regency__name"]
    fields = ["version", "number", "status", "file", "download", "updated_at"]
    readonly_fields = ["version", "number", "download", "updated_at"]
    download = staticmethod(download_link)
    date_hierarchy = "updated_at"


@admin.register(ActionItem)
class ActionItemAdmin(SpreadsheetAdminMixin, HistoryAdmin):
    spreadsheet = ACTION_ITEMS
    spreadsheet_queryset = export_queryset
    list_display = ["title", "version", "dimension", "year", "innovation"]
    list_filter = ["dimension", "year"]
    list_select_related = ["version__masterplan", "dimension", "innovation"]
    search_fields = ["title", "target", "version__masterplan__regency__name"]
    autocomplete_fields = ["version", "innovation"]


@admin.register(GuidanceSession)
class GuidanceSessionAdmin(HistoryAdmin):
    list_display = ["__str__", "version", "stage", "starts_on", "ends_on", "participants"]
    list_filter = ["stage"]
    list_select_related = ["version__masterplan"]
    search_fields = ["topic", "version__masterplan__regency__name"]
    autocomplete_fields = ["version"]
    date_hierarchy = "starts_on"
