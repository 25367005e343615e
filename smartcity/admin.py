"""The admin site and the mixins that route every admin decision through the scoping policy.

Every ModelAdmin of the portal inherits `PolicyAdminMixin`, every inline `PolicyInlineMixin`:

- lists (`get_queryset`) show only what `policy.scope(user, "view", …)` allows;
- `has_view/add/change/delete_permission` ask `policy.can` (for the model, or for the object);
- foreign-key and many-to-many choices (also autocomplete results, which use the related admin's
  scoped queryset) come from `policy.choices`, so a tampered id is a form error, never a write;
- an object out of the user's reach answers 404 (not a redirect that reveals it exists);
- saving re-checks `policy.can_save` for the object and for every inline row (403 and rollback if
  a forged request gets past the form);
- list filters on related objects list only related objects the user may see.

The site itself (`SmartCityAdminSite`) is installed as Django's default admin site through
`smartcity.apps.SmartCityAdminConfig`, so `admin.site` and `@admin.register` are this site.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accounts import policy
from accounts.policy import Action


class SmartCityAdminSite(admin.AdminSite):
    """The staff workspace: Indonesian by default (English at /en/admin/), titled for the programme."""

    site_header = _("Smart City Portal: staff workspace")
    site_title = _("Smart City Portal staff workspace")
    index_title = _("Staff workspace")
    enable_nav_sidebar = True
    index_template = "admin/smartcity_index.html"

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None):
        from .dashboard import attention

        return super().index(request, {**(extra_context or {}), "attention": attention(request.user)})

    # Entering needs an active staff account (Django's rule); what a user then sees and may do comes from the
    # policy alone, so a staff account without a role finds an empty workspace.


def _cached_can(request: HttpRequest, action: Action, obj: models.Model) -> bool:
    """`policy.can` for an object, remembered for the request (the admin asks the same question often)."""
    cache: dict[tuple[str, str, Any], bool] = request.__dict__.setdefault("_policy_can", {})
    key = (action.value, obj._meta.label_lower, obj.pk)
    if obj.pk is None or obj._state.adding:
        return policy.can(request.user, action, obj)
    if key not in cache:
        cache[key] = policy.can(request.user, action, obj)
    return cache[key]


class ScopedRelatedFilter(admin.RelatedFieldListFilter):
    """A related-object filter that lists only the related objects the user may see.

    A national user would get every agency of the country (over 6,000) in the side bar: past `MAX_CHOICES` the
    filter is left out (search finds them instead), so the page does not load and send thousands of rows.
    """

    MAX_CHOICES = 100

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        queryset = policy.choices(request.user, field.model, field.name)
        if ordering:
            queryset = queryset.order_by(*ordering)
        choices = [(obj.pk, str(obj)) for obj in queryset[: self.MAX_CHOICES + 1]]
        return [] if len(choices) > self.MAX_CHOICES else choices


class _PolicyFormFieldsMixin:
    """Foreign-key and many-to-many choices limited by the policy."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.URLField):
            kwargs.setdefault("assume_scheme", "https")  # Django 6's default, today
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs["queryset"] = policy.choices(request.user, db_field.model, db_field.name)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs["queryset"] = policy.choices(request.user, db_field.model, db_field.name)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def _check_formset(request: HttpRequest, formset: Any) -> None:
    """Refuse (403, the surrounding transaction rolls back) any inline row out of the user's reach."""
    fk = getattr(formset, "fk", None)
    for form in formset.forms:
        instance = form.instance
        if fk is not None:
            setattr(instance, fk.name, formset.instance)
        if formset.can_delete and formset._should_delete_form(form):
            if instance.pk is not None and not policy.can(request.user, Action.DELETE, instance):
                raise PermissionDenied
            continue
        if not form.has_changed():
            continue
        if not policy.can_save(request.user, instance):
            raise PermissionDenied


class PolicyAdminMixin(_PolicyFormFieldsMixin):
    """Route a ModelAdmin's queryset, permissions, choices and object look-ups through the policy."""

    # The filtered count is enough; the unfiltered one is a second COUNT(*) over tables of 300,000 rows.
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest):
        return policy.scope(request.user, Action.VIEW, super().get_queryset(request))

    def _can(self, request: HttpRequest, action: Action, obj: models.Model | None) -> bool:
        if obj is None:
            return policy.can(request.user, action, self.model)
        return _cached_can(request, action, obj)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.can(request.user, Action.VIEW, self.model)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._can(request, Action.VIEW, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return policy.can(request.user, Action.ADD, self.model)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._can(request, Action.CHANGE, obj)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._can(request, Action.DELETE, obj)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Another region's object is indistinguishable from a missing one: 404, no redirect, no name.
        raise Http404(_("No such object, or it is not in your area of work."))

    # Django asks "may change/delete at all?" before looking the object up; out of reach is 404 first,
    # so the answer for another region's object is the same as for a missing one.
    def _404_unless_visible(self, request: HttpRequest, object_id: str, *, history: bool = False) -> None:
        if self.get_object(request, unquote(object_id)) is not None:
            return
        historical = getattr(self.model, "history", None)
        if history and historical is not None:
            # A deleted object's history: for those whose reach covers it (national admins).
            rows = policy.scope(request.user, Action.VIEW, historical.model)
            try:
                if rows.filter(id=unquote(object_id)).exists():
                    return
            except (ValueError, TypeError):
                pass
        raise Http404(_("No such object, or it is not in your area of work."))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._404_unless_visible(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._404_unless_visible(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._404_unless_visible(request, object_id, history=True)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history's view of (and revert to) an earlier version; reverting saves through
        # save_model, which checks that the old values are within the user's reach.
        self._404_unless_visible(request, object_id, history=True)
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_list_filter(self, request: HttpRequest):
        scoped = []
        for item in super().get_list_filter(request):
            if isinstance(item, str) and "__" not in item:
                field = self.model._meta.get_field(item)
                if field.is_relation and field.related_model is not None:
                    item = (item, ScopedRelatedFilter)
            scoped.append(item)
        return scoped

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        context = getattr(response, "context_data", None) or {}
        if request.method == "POST" and response.status_code == 200 and context.get("errors"):
            response.status_code = 400  # bad input: the form again, with its translated errors, as a 4xx
        return response

    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        if not policy.can_save(request.user, obj):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        _check_formset(request, formset)
        super().save_formset(request, form, formset, change)

    def get_deleted_objects(self, objs, request):
        # Parts that exist only with their parent (a version's four books, a submission's status log) go
        # with it: deleting the parent does not need a right nobody has (deleting them by hand).
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        parts = {
            str(model._meta.verbose_name)
            for model, model_admin in self.admin_site._registry.items()
            if getattr(model_admin, "deleted_with_parent", False)
        }
        return deleted, counts, {name for name in perms_needed if str(name) not in parts}, protected

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        # Bulk delete action: only what the user may delete (the action itself is already gated).
        super().delete_queryset(request, policy.scope(request.user, Action.DELETE, queryset))


def _with_shared_choices(formset_class: Any) -> Any:
    """Inline rows share one evaluated list of choices per select field, instead of one query per row."""
    from django import forms
    from django.contrib.admin.widgets import AutocompleteMixin, RelatedFieldWidgetWrapper

    class SharedChoicesFormSet(formset_class):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            shared: dict[str, list] = {}
            for form in self.forms:
                for name, field in form.fields.items():
                    widget = (
                        field.widget.widget if isinstance(field.widget, RelatedFieldWidgetWrapper) else field.widget
                    )
                    if not isinstance(field, forms.ModelChoiceField) or widget.is_hidden:
                        continue
                    if isinstance(widget, AutocompleteMixin):
                        continue
                    if name not in shared:
                        shared[name] = list(field.choices)
                    field.choices = shared[name]
                    widget.choices = shared[name]

    return SharedChoicesFormSet


class PolicyInlineMixin(_PolicyFormFieldsMixin):
    """Inlines: rows the user may see; add/change/delete as the policy grants for the inline's model.

    Django asks an inline's permissions with the *parent* object, so the inline answers for its
    model as a whole and every submitted row is checked again on save (`PolicyAdminMixin.save_formset`).
    """

    def get_queryset(self, request: HttpRequest):
        return policy.scope(request.user, Action.VIEW, super().get_queryset(request))

    def get_formset(self, request: HttpRequest, obj: models.Model | None = None, **kwargs: Any):
        return _with_shared_choices(super().get_formset(request, obj, **kwargs))

    def _parent_changeable(self, request: HttpRequest, obj: models.Model | None) -> bool:
        return obj is None or _cached_can(request, Action.CHANGE, obj)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return policy.can(request.user, Action.VIEW, self.model)

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return policy.can(request.user, Action.ADD, self.model) and self._parent_changeable(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return policy.can(request.user, Action.CHANGE, self.model) and self._parent_changeable(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return policy.can(request.user, Action.DELETE, self.model) and self._parent_changeable(request, obj)


class PublishActionsMixin:
    """ "Publish" and "unpublish" bulk actions for models with an `is_published` flag."""

    actions = ["publish", "unpublish"]

    def _set_published(self, request: HttpRequest, queryset, value: bool) -> None:
        allowed = policy.scope(request.user, Action.CHANGE, queryset)
        with transaction.atomic():
            objects = list(allowed)
            for obj in objects:
                obj.is_published = value
                obj.save()  # save(), not update(): history and auto_now follow the change
        count = len(objects)
        if value:
            message = ngettext("%(count)d item published.", "%(count)d items published.", count)
        else:
            message = ngettext("%(count)d item unpublished.", "%(count)d items unpublished.", count)
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset) -> None:
        self._set_published(request, queryset, True)

    @admin.action(description=_("Unpublish the selected items"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset) -> None:
        self._set_published(request, queryset, False)


class ReadOnlyAdminMixin:
    """For records nobody edits by hand (audit rows, logs): view only, whatever the policy table says."""

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return False


class SpreadsheetAdminMixin:
    """Import (upload → preview → confirm) and export (CSV, XLSX actions) of a model's rows as a spreadsheet.

    Set `spreadsheet` to a `smartcity.spreadsheets.Sheet` and `spreadsheet_queryset` to a function that adds the
    joins its rows need. Imports are all-or-nothing and scoped by the policy; exports list only what the user
    may view.
    """

    spreadsheet = None
    spreadsheet_queryset = None
    change_list_template = "admin/spreadsheet_change_list.html"
    actions = ["export_csv", "export_xlsx"]

    def get_urls(self):
        from django.urls import path

        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_import"
        return [path("impor/", self.admin_site.admin_view(self.import_view), name=name), *super().get_urls()]

    def _export(self, request: HttpRequest, queryset, kind: str):
        from .spreadsheets import export

        rows = policy.scope(request.user, Action.VIEW, queryset)
        if self.spreadsheet_queryset is not None:
            rows = type(self).spreadsheet_queryset(rows)
        return export(self.spreadsheet, rows, kind)

    @admin.action(description=_("Export the selected items as CSV"), permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset):
        return self._export(request, queryset, "csv")

    @admin.action(description=_("Export the selected items as XLSX"), permissions=["view"])
    def export_xlsx(self, request: HttpRequest, queryset):
        return self._export(request, queryset, "xlsx")

    def import_view(self, request: HttpRequest):
        from django.shortcuts import redirect
        from django.template.response import TemplateResponse
        from django.urls import reverse

        from .spreadsheets import (
            IMPORT_HELP,
            SpreadsheetError,
            import_rows,
            pending_import_discard,
            pending_import_load,
            pending_import_store,
            read_table,
            validate,
        )

        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        sheet = self.spreadsheet
        label = self.model._meta.label_lower
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import %(things)s from a spreadsheet") % {"things": self.model._meta.verbose_name_plural},
            "columns": sheet.columns,
            "help": IMPORT_HELP,
        }
        status = 200
        if request.method == "POST" and "payload" in request.POST:
            # The preview's rows wait on the server under a random token bound to this user and model; the
            # form posts only the token, and the rows are checked again (the data may have changed since).
            rows = pending_import_load(request.POST["payload"], user=request.user, label=label)
            if rows is None:
                context["file_error"] = _("The preview has expired; upload the file again.")
                return TemplateResponse(request, "admin/spreadsheet_import.html", context, status=400)
            checked = import_rows(request.user, sheet, rows)
            if not checked.errors:
                pending_import_discard(request.POST["payload"])
                count = len(checked.objects)
                self.message_user(
                    request,
                    ngettext("%(count)d row imported.", "%(count)d rows imported.", count) % {"count": count},
                    messages.SUCCESS,
                )
                opts = self.model._meta
                return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
            context.update(errors=checked.errors, rows=checked.rows)
            status = 400
        elif request.method == "POST":
            upload = request.FILES.get("file")
            try:
                if upload is None:
                    raise SpreadsheetError(_("Choose a CSV or XLSX file."))
                if upload.size > settings.UPLOAD_MAX_BYTES:
                    raise SpreadsheetError(_("The file is too large."))
                rows = read_table(upload, sheet)
            except SpreadsheetError as error:
                context["file_error"] = str(error)
                return TemplateResponse(request, "admin/spreadsheet_import.html", context, status=400)
            checked = validate(request.user, sheet, rows)
            errors_by_row: dict[int, list] = {}
            for error in checked.errors:
                errors_by_row.setdefault(error.row, []).append(error)
            context.update(
                errors=checked.errors,
                preview=[
                    (index, [values.get(name, "") for name in sheet.headers], errors_by_row.get(index, []))
                    for index, values in enumerate(rows, start=2)
                ],
                headers=sheet.headers,
            )
            if checked.errors:
                status = 400
            else:
                context["payload"] = pending_import_store(rows, user=request.user, label=label)
        return TemplateResponse(request, "admin/spreadsheet_import.html", context, status=status)


@admin.display(description=_("download"))
def download_link(obj: models.Model) -> str:
    """A link to the protected download view of a book or evidence file (never the bare media URL)."""
    from django.urls import reverse
    from django.utils.html import format_html

    if obj is None or obj.pk is None or not getattr(obj, "file", None):
        return "—"
    name = "book_file" if obj._meta.model_name == "book" else "evidence_file"
    return format_html('<a href="{}">{}</a>', reverse(name, args=[obj.pk]), _("Download"))


class HistoryAdmin(PolicyAdminMixin, SimpleHistoryAdmin):
    """A programme model's admin: policy-scoped, with its audit history (who, when, what) viewable and revertible."""


__all__ = [
    "HistoryAdmin",
    "PolicyAdminMixin",
    "PolicyInlineMixin",
    "PublishActionsMixin",
    "ReadOnlyAdminMixin",
    "ScopedRelatedFilter",
    "SmartCityAdminSite",
    "SpreadsheetAdminMixin",
]
