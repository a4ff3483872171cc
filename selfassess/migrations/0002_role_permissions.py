"""Advisers and service guides look up hand-over codes; managers and admins see the
anonymous statistics; editors and admins build self-assessment pages (page permissions
already cover that)."""

from django.db import migrations

from portal.role_permissions import role_permissions_grant

GRANTS = {
    "Adviser": ["redeem_handovercode"],
    "Service guide": ["redeem_handovercode"],
    "Manager": ["view_completion"],
    "Admin": ["view_completion"],
}


class Migration(migrations.Migration):
    dependencies = [
        ("selfassess", "0001_self_assessments"),
        ("portal", "0002_staff_roles"),
    ]
    operations = [role_permissions_grant("selfassess", GRANTS)]
