"""The permission matrix through the admin's real URLs: every role × every admin model × view/add/change/delete × place.

The expectations are the hand-written table of tests/accounts/test_policy_matrix.py (`EXPECTED`), written
independently of accounts/policy/rules.py: loosening any single grant there, or any admin class bypassing the
policy, fails here. Per place ("own", "sibling", "other"):

- view:   the change page answers 200, or 404 (never a redirect that names the object);
          the object is in the changelist exactly when it may be viewed;
- change: posting the unchanged form back saves (302); a view-only object answers 403; others 404;
- delete: posting the confirmation deletes (302) (or shows the protected rows that keep it); 403 / 404;
- add:    posting the object's data as a new object (the original removed first, so uniqueness holds)
          saves (302); out of reach the add page answers 403 or the form refuses the foreign choice (400),
          and nothing is saved.

Through tables of many-to-many fields have no admin of their own (they are edited as inlines or widgets);
the policy matrix covers them.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError

from tests.accounts.test_policy_matrix import EXPECTED, ROLES
from tests.files import PDF, upload
from tests.staff.admin_client import admin_url, change_form_data
from tests.world import PLACES, World

pytestmark = pytest.mark.django_db


def _registered_labels() -> list[str]:
    # django-axes' sign-in log has its own admin (Django permissions only: superusers).
    return sorted(model._meta.label_lower for model in admin.site._registry if model._meta.app_label != "axes")


class Rollback(Exception):
    pass


# Changed only through the evaluation workflow, which checks status, period and side: the admin shows them.
WORKFLOW_ONLY = {"evaluations.answer", "evaluations.answerevidence", "evaluations.finding"}


def expected(label: str, role: str) -> dict[str, str]:
    columns = EXPECTED[label][role].split()
    if label in WORKFLOW_ONLY:
        columns = [column if column == "n/a" else column[0] + "---" for column in columns]
    return {place: column for place, column in zip(PLACES, columns, strict=True) if column != "n/a"}


def _get_as(client, user, url):
    client.force_login(user)
    return client.get(url)


def _post_as(client, user, url, data):
    client.force_login(user)
    return client.post(url, data)


def _national(world: World):
    return world.users["national_admin"]


def check_view(client, world, label, role, place, obj, letters) -> list[str]:
    wrong = []
    response = _get_as(client, world.users[role], admin_url(obj, "change"))
    want = 200 if "v" in letters else 404
    if response.status_code != want:
        wrong.append(f"{role} view {place}: change page {response.status_code}, expected {want}")
    return wrong


def check_changelist(client, world, label, role) -> list[str]:
    places = expected(label, role)
    model = type(world.objects[label]["own"])
    response = _get_as(client, world.users[role], admin_url(model, "changelist"))
    any_view = any("v" in letters for letters in places.values())
    if not any_view:
        return [] if response.status_code == 403 else [f"{role} changelist {response.status_code}, expected 403"]
    if response.status_code != 200:
        return [f"{role} changelist {response.status_code}, expected 200"]
    listed = response.context["cl"].queryset
    wrong = []
    for place, letters in places.items():
        obj = world.objects[label][place]
        if listed.filter(pk=obj.pk).exists() != ("v" in letters):
            wrong.append(f"{role} changelist lists {place}: {'v' not in letters}")
    return wrong


def check_change(client, world, label, role, place, obj, letters) -> list[str]:
    user = world.users[role]
    own_page = _get_as(client, user, admin_url(obj, "change"))
    if "c" in letters and own_page.status_code == 200:
        data = change_form_data(own_page)
    else:
        data = change_form_data(_get_as(client, _national(world), admin_url(obj, "change")))
    response = _post_as(client, user, admin_url(obj, "change"), data)
    want = 302 if "c" in letters else 403 if "v" in letters else 404
    if response.status_code != want:
        errors = ""
        if response.status_code == 400 and response.context and "adminform" in response.context:
            errors = f" {response.context['adminform'].form.errors} {response.context.get('errors')}"
        return [f"{role} change {place}: {response.status_code}, expected {want}{errors}"]
    return []


def check_delete(client, world, label, role, place, obj, letters) -> list[str]:
    model = type(obj)
    wrong = []
    try:
        with transaction.atomic():
            response = _post_as(client, world.users[role], admin_url(obj, "delete"), {"post": "yes"})
            gone = not model._base_manager.filter(pk=obj.pk).exists()
            if "d" in letters:
                protected = response.status_code == 200 and response.context["protected"]
                lacking = response.status_code == 200 and response.context["perms_lacking"]
                # Rows that PROTECT the object keep it (Django lists them, with their own rights): still allowed.
                if not ((response.status_code == 302 and gone) or protected):
                    wrong.append(f"{role} delete {place}: {response.status_code}, gone={gone}, lacking={lacking}")
            else:
                want = 403 if "v" in letters else 404
                if response.status_code != want or gone:
                    wrong.append(f"{role} delete {place}: {response.status_code} (gone={gone}), expected {want}")
            raise Rollback
    except Rollback:
        pass
    return wrong


def _add_data(client, world, obj) -> dict:
    """The object's own data as an add-form POST (no inline rows; a file field gets a real PDF)."""
    data = change_form_data(_get_as(client, _national(world), admin_url(obj, "change")), inline_rows=False)
    add_page = _get_as(client, _national(world), admin_url(type(obj), "add"))
    for inline in add_page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    for field in type(obj)._meta.concrete_fields:
        if field.get_internal_type() == "FileField" and field.editable and getattr(obj, field.name):
            data[field.name] = upload("bukti.pdf", PDF)
    if type(obj)._meta.label_lower == "accounts.user":
        data.update(username="baru", password1="kata-sandi-panjang-1", password2="kata-sandi-panjang-1")
    if type(obj)._meta.label_lower == "api.apitoken":
        data["user"] = obj.user_id  # shown read-only on the change page: a key never changes hands
    return data


def _remove_original(obj) -> None:
    """Make room for the same data again: delete the original, or rename it where it is protected."""
    if obj._meta.label_lower == "accounts.user":
        return  # a new user gets a new username; the world's users stay signed in
    try:
        with transaction.atomic():
            type(obj)._base_manager.filter(pk=obj.pk).delete()
    except (ProtectedError, RestrictedError, IntegrityError):
        model = type(obj)
        unique_sets = [constraint.fields for constraint in model._meta.constraints if hasattr(constraint, "fields")]
        unique_sets += list(model._meta.unique_together)
        fields = model._meta.concrete_fields
        unique_sets += [(field.name,) for field in fields if field.unique and not field.primary_key]
        changes = {}
        for fields in unique_sets:
            for name in fields:
                field = model._meta.get_field(name)
                if field.is_relation:
                    continue
                value = getattr(obj, name)
                changes[name] = value + 50 if isinstance(value, int) else value[: field.max_length - 1] + "~"
        model._base_manager.filter(pk=obj.pk).update(**changes)


def check_add(client, world, label, role, place, obj, letters) -> list[str]:
    model = type(obj)
    user = world.users[role]
    any_add = any("a" in column for column in expected(label, role).values())
    page = _get_as(client, user, admin_url(model, "add"))
    if page.status_code != (200 if any_add else 403):
        return [f"{role} add page: {page.status_code}, expected {200 if any_add else 403}"]
    if not any_add:
        before = model._base_manager.count()
        response = _post_as(client, user, admin_url(model, "add"), {})
        if response.status_code != 403 or model._base_manager.count() != before:
            return [f"{role} add {place}: {response.status_code}, expected 403"]
        return []
    wrong = []
    try:
        with transaction.atomic():
            data = _add_data(client, world, obj)
            _remove_original(obj)
            before = model._base_manager.count()
            response = _post_as(client, user, admin_url(model, "add"), data)
            added = model._base_manager.count() - before
            if "a" in letters:
                if response.status_code != 302 or added != 1:
                    errors = ""
                    if response.status_code == 400:
                        errors = f" {response.context['adminform'].form.errors}"
                    wrong.append(f"{role} add {place}: {response.status_code}, added {added}{errors}")
            elif added != 0 or response.status_code not in {400, 403}:
                wrong.append(f"{role} add {place}: {response.status_code}, added {added}, expected a refusal")
            elif response.status_code == 400 and not response.context["adminform"].form.errors:
                wrong.append(f"{role} add {place}: 400 without a form error")
            raise Rollback
    except Rollback:
        pass
    return wrong


def _through(label: str) -> bool:
    return "_" in label.split(".")[1] and label not in {"accounts.user"}


def test_every_admin_model_is_in_the_matrix_and_every_programme_model_has_an_admin():
    registered = set(_registered_labels())
    assert registered == {label for label in EXPECTED if not _through(label)}


@pytest.mark.parametrize("label", sorted(label for label in EXPECTED if not _through(label)))
def test_the_admin_answers_the_matrix_for_every_role(client, world, label):
    wrong = []
    for role in ROLES:
        wrong += check_changelist(client, world, label, role)
        for place, letters in expected(label, role).items():
            obj = world.objects[label][place]
            wrong += check_view(client, world, label, role, place, obj, letters)
            wrong += check_change(client, world, label, role, place, obj, letters)
            wrong += check_delete(client, world, label, role, place, obj, letters)
            wrong += check_add(client, world, label, role, place, obj, letters)
    if wrong:
        pytest.fail("\n".join(wrong), pytrace=False)
