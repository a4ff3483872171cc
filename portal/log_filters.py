"""Logging filters: personal data never reaches a log line, whoever wrote the message."""

import logging

from portal.redaction import redact


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
