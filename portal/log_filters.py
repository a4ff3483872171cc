"""Logging filters: personal data never reaches a log line, whoever wrote the message."""

import logging
import logging.config

from portal.redaction import redact


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
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
