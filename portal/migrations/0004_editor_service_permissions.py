"""Editors and admins manage service channels and classifications and read page feedback."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ["servicechannel", "phonechannel", "locationchannel", "eservicechannel",
          "webpagechannel", "printableformchannel", "classification"]
CODENAMES = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete",
                                                                      "view")]
CODENAMES += ["view_pagefeedback"]
ROLES = ["Editor", "Admin"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("portal")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="portal",
                                            codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="portal",
                                            codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_service_information")]
    operations = [migrations.RunPython(grant, revoke)]
