"""Editors keep the promoted results and read the search query report; managers read the
report too. Admins get what editors get, as with the thesaurus."""

from django.db import migrations

from portal.role_permissions import role_permissions_grant

PROMOTIONS = [f"{action}_promotion" for action in ("add", "change", "delete", "view")]
REPORT = ["view_querylogentry"]
GRANTS = {"Editor": PROMOTIONS + REPORT, "Admin": PROMOTIONS + REPORT, "Manager": REPORT}


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_query_log_and_promotions"),
        ("portal", "0002_staff_roles"),
    ]
    operations = [role_permissions_grant("search", GRANTS)]
