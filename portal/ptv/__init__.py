"""Reading Suomi.fi Palvelutietovaranto (PTV) service data; pure Python, no Django.

See ``portal.ptv.parsing`` for the input formats and the data classes, and
``portal.ptv.draftjs`` for the rich-text conversion.
"""

from .draftjs import draftjs_to_html, draftjs_to_text, is_draftjs
from .parsing import (
    LANGUAGES,
    SUMMARY_MAX_LENGTH,
    Address,
    Classification,
    LawLink,
    Localized,
    ParseResult,
    PhoneNumber,
    PtvChannel,
    PtvFormatError,
    PtvService,
    ServiceHoursEntry,
    parse_payloads,
    pick_versions,
    read_source,
    source_hash,
    version_rank,
)

__all__ = [
    "LANGUAGES",
    "SUMMARY_MAX_LENGTH",
    "Address",
    "Classification",
    "LawLink",
    "Localized",
    "ParseResult",
    "PhoneNumber",
    "PtvChannel",
    "PtvFormatError",
    "PtvService",
    "ServiceHoursEntry",
    "draftjs_to_html",
    "draftjs_to_text",
    "is_draftjs",
    "parse_payloads",
    "pick_versions",
    "read_source",
    "source_hash",
    "version_rank",
]
