from portal.models.pages import AccessibilityStatementPage, HomePage
from portal.models.settings import SiteSettings

__all__ = ["AccessibilityStatementPage", "HomePage", "SiteSettings"]
