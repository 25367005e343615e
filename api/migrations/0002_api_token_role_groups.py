"""Give the role groups their permissions on API tokens (as accounts/policy/rules.py grants them).

Frozen like accounts/0003: national admins and regency staff (Dinkominfo) view, add and change (revoke);
nobody deletes a token by hand.
"""

from django.db import migrations

GRANTS = {
    "national_admin": ["add", "change", "view"],
    "regency_staff": ["add", "change", "view"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("api")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, actions in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="api", codename__in=[f"{action}_apitoken" for action in actions]
            )
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type__app_label="api", codename__endswith="_apitoken"):
        permission.group_set.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_language"),
        ("api", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
