"""Editors and admins own the search thesaurus (synonyms and lay terms)."""

from django.db import migrations

from portal.role_permissions import role_permissions_grant

CODENAMES = [f"{action}_synonym" for action in ("add", "change", "delete", "view")]
GRANTS = {"Editor": CODENAMES, "Admin": CODENAMES}


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_database_search_structures"),
        ("portal", "0002_staff_roles"),
    ]
    operations = [role_permissions_grant("search", GRANTS)]
