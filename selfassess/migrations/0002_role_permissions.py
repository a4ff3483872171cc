"""Advisers and service guides look up hand-over codes; managers and admins see the
anonymous statistics; editors and admins build self-assessment pages (page permissions
already cover that)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Adviser": ["redeem_handovercode"],
    "Service guide": ["redeem_handovercode"],
    "Manager": ["view_completion"],
    "Admin": ["view_completion"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("selfassess")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label="selfassess", codename__in=codenames
                )
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in GRANTS.items():
        group = Group.objects.filter(name=role).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="selfassess", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("selfassess", "0001_self_assessments"),
        ("portal", "0002_staff_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
