from selfassess.models.pages import (
    AssessmentPage,
    AssessmentPageBase,
    InstrumentPage,
    SelfAssessmentIndexPage,
)
from selfassess.models.records import Completion, HandoverCode

__all__ = [
    "AssessmentPage",
    "AssessmentPageBase",
    "Completion",
    "HandoverCode",
    "InstrumentPage",
    "SelfAssessmentIndexPage",
]
