"""Editors and admins own the search thesaurus (synonyms and lay terms)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{action}_synonym" for action in ("add", "change", "delete", "view")]
ROLES = ["Editor", "Admin"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="search",
                                            codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="search",
                                            codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_database_search_structures"),
        ("portal", "0002_staff_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
