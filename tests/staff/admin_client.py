"""Helpers to drive the real admin views with the test client: URLs, and a form's current data as a POST."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db import models
from django.urls import reverse


def admin_url(model_or_obj: Any, view: str) -> str:
    opts = model_or_obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    if view in {"change", "delete", "history"}:
        return reverse(name, args=[model_or_obj.pk])
    return reverse(name)


def _field_data(bound: forms.BoundField) -> dict[str, Any]:
    widget = bound.field.widget
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    name = bound.html_name
    value = bound.value()
    if isinstance(widget, forms.FileInput) or bound.field.disabled:
        return {}
    if isinstance(widget, forms.MultiWidget):
        values = value if isinstance(value, list | tuple) else widget.decompress(value)
        return {
            f"{name}{suffix}": "" if part is None else part
            for suffix, part in zip(widget.widgets_names, values, strict=True)
        }
    if isinstance(widget, forms.CheckboxInput):
        return {name: "on"} if value else {}
    if isinstance(value, list | tuple):
        return {name: [str(item.pk if isinstance(item, models.Model) else item) for item in value]}
    if value is None:
        return {name: ""}
    return {name: value}


def _form_data(form: forms.BaseForm) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for bound in form:
        data.update(_field_data(bound))
    for bound in form.hidden_fields():
        data.update(_field_data(bound))
    return data


def change_form_data(response: Any, *, inline_rows: bool = True) -> dict[str, Any]:
    """The data the change (or add) page's form would post back unchanged, inlines included.

    `inline_rows=False` keeps only the inlines' management forms, with no rows (for an add POST).
    """
    data = _form_data(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        management = _form_data(formset.management_form)
        if not inline_rows:
            management[f"{formset.prefix}-TOTAL_FORMS"] = 0
            management[f"{formset.prefix}-INITIAL_FORMS"] = 0
        data.update(management)
        if inline_rows:
            for form in formset.initial_forms:
                data.update(_form_data(form))
    return data
