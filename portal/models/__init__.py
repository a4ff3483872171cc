from portal.models.channels import (
    ChannelType,
    ChargeType,
    EServiceChannel,
    LocationChannel,
    PhoneChannel,
    PrintableFormChannel,
    ServiceChannel,
    ServiceHours,
    WebPageChannel,
)
from portal.models.classifications import Classification, ClassificationKind
from portal.models.feedback import PageFeedback
from portal.models.general_descriptions import GeneralDescription
from portal.models.pages import (
    AccessibilityStatementPage,
    HomePage,
    ServiceChannelLink,
    ServicePage,
    TopicPage,
    UrgentHelpPage,
)
from portal.models.settings import SiteSettings

__all__ = [
    "AccessibilityStatementPage",
    "ChannelType",
    "ChargeType",
    "Classification",
    "ClassificationKind",
    "EServiceChannel",
    "GeneralDescription",
    "HomePage",
    "LocationChannel",
    "PageFeedback",
    "PhoneChannel",
    "PrintableFormChannel",
    "ServiceChannel",
    "ServiceChannelLink",
    "ServiceHours",
    "ServicePage",
    "SiteSettings",
    "TopicPage",
    "UrgentHelpPage",
    "WebPageChannel",
]
