"""Writes for the public service-information site."""

from wagtail.models import Page

from portal.models import PageFeedback
from portal.redaction import redact

FEEDBACK_COMMENT_MAX_LENGTH = 1000


def page_feedback_create(*, page: Page, useful: bool, comment: str, language: str) -> PageFeedback:
    """Store an anonymous answer. Identity codes, phone numbers and e-mail addresses are
    removed from the comment before it reaches the database."""
    cleaned = redact(comment.strip())[:FEEDBACK_COMMENT_MAX_LENGTH]
    return PageFeedback.objects.create(
        page=page, useful=useful, comment=cleaned, language=language[:5]
    )
