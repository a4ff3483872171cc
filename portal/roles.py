"""Staff roles. Each is a Django group created by migration `portal.0002_staff_roles`;
later features grant their own permissions to these groups in their migrations."""

EDITOR = "Editor"
ADVISER = "Adviser"
SERVICE_GUIDE = "Service guide"
TEAM_LEAD = "Team lead"
MANAGER = "Manager"
ADMIN = "Admin"

ALL_ROLES = (EDITOR, ADVISER, SERVICE_GUIDE, TEAM_LEAD, MANAGER, ADMIN)


def is_staff_member(user) -> bool:
    """Anyone who works in the portal: a role, Django staff status or superuser."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.is_staff or user.groups.filter(name__in=ALL_ROLES).exists()
