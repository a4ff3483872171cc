"""Granting model permissions to the staff roles from data migrations.

Each app's migration names which role gets which permission codenames; this one function
does the work for all of them, with the historical models of the migration it runs in.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def role_permissions_grant(app_label: str, grants: dict[str, list[str]]) -> migrations.RunPython:
    """A reversible migration operation giving each role (group name) these permissions of
    `app_label`. Roles that do not exist yet are skipped; they get their permissions when
    created (see portal/migrations/0002_staff_roles.py)."""

    def permissions_for(apps, codenames):
        Permission = apps.get_model("auth", "Permission")
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    def grant(apps, schema_editor):
        # Permissions are normally created after migrate; create them now so they can be given.
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        for group in Group.objects.filter(name__in=grants):
            group.permissions.add(*permissions_for(apps, grants[group.name]))

    def revoke(apps, schema_editor):
        Group = apps.get_model("auth", "Group")
        for group in Group.objects.filter(name__in=grants):
            group.permissions.remove(*permissions_for(apps, grants[group.name]))

    return migrations.RunPython(grant, revoke)
