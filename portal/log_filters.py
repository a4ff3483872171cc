"""Logging filters: personal data never reaches a log line, whoever wrote the message."""

import logging
import logging.config
from urllib.parse import unquote_plus

from portal.redaction import redact


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if "%" in message or "+" in message:
            # A URL quoted in a message hides its query: "040%20123%204567", "matti%40ex.fi".
            # When only the decoded form shows personal data, the line is logged decoded.
            decoded = unquote_plus(message)
            cleaned_decoded = redact(decoded)
            if cleaned_decoded != decoded and cleaned == message:
                cleaned = cleaned_decoded
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def logging_configure(config: dict) -> None:
    """Django's LOGGING_CONFIG: the dictConfig, and Python warnings sent through logging.

    A warning is otherwise printed straight to stderr, past every filter; Django's own
    (a cache key warning quotes the key, which may be a URL with a search in it) included.
    """
    logging.config.dictConfig(config)
    logging.captureWarnings(True)
    _redact_every_handler()


def _redact_every_handler() -> None:
    """Handlers that Django or a server set up themselves get the filter too: runserver's
    access log (`django.server`, what `make demo` prints) quotes every URL, search queries
    included, through a handler of Django's own that LOGGING does not name."""
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, RedactPersonalDataFilter) for f in handler.filters):
                handler.addFilter(RedactPersonalDataFilter())
