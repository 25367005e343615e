"""Give the role groups their permissions on answer evidence (as accounts/policy/rules.py grants them).

Frozen like accounts/0003: regency staff view/add/change/delete, evaluators view, national admins all.
Narrowing evaluators to assigned submissions changed no model permission (view stays view).
"""

from django.db import migrations

GRANTS = {
    "national_admin": ["add", "change", "delete", "view"],
    "regency_staff": ["add", "change", "delete", "view"],
    "evaluator": ["view"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("evaluations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, actions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="evaluations",
                codename__in=[f"{action}_answerevidence" for action in actions],
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type__app_label="evaluations", codename__endswith="_answerevidence"):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_language"),
        ("evaluations", "0004_answer_evidence_and_revision_marks"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
