"""Editors and admins manage service channels and classifications and read page feedback."""

from django.db import migrations

from portal.role_permissions import role_permissions_grant

MODELS = ["servicechannel", "phonechannel", "locationchannel", "eservicechannel",
          "webpagechannel", "printableformchannel", "classification"]
CODENAMES = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete",
                                                                      "view")]
CODENAMES += ["view_pagefeedback"]
GRANTS = {"Editor": CODENAMES, "Admin": CODENAMES}


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_service_information")]
    operations = [role_permissions_grant("portal", GRANTS)]
