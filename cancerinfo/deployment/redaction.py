"""Personal data never reaches the log: e-mail addresses, password-reset links and tokens, and e-mail messages are
removed from every log record as it is made, whichever logger wrote it (Django's, gunicorn's access log, a library's)
and whichever handler it goes to.

`install()` (called when the app loads) wraps the logging module's record factory, so the redaction happens once, at
the source, before any handler or filter sees the record. `RedactPersonalData` is the same thing as a logging filter
for a LOGGING configuration that builds its own records.
"""

import logging
import re
from email.message import Message

from django.core.mail import EmailMessage

EMAIL_ADDRESS = "[e-mail address]"
RESET_LINK = "[reset link]"
SECRET = "[removed]"  # noqa: S105 - the placeholder
MAIL_MESSAGE = "[e-mail message]"

# An address, also percent-encoded in a URL (%40) and with "+tags".
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# Django's and Wagtail's password-reset confirmation URLs carry the account (uidb64) and the token in the path.
_RESET_PATH = re.compile(r"(/(?:reset|password_reset/confirm|password-reset/confirm)/)[^\s\"'<>?#]+", re.IGNORECASE)
# A password-reset token on its own: base-36 timestamp, a dash, a hex digest.
_RESET_TOKEN = re.compile(r"\b[0-9a-z]{1,13}-[0-9a-f]{20,64}\b")
_SECRET_PARAMETER = re.compile(r"([?&;](?:token|key|code|email|password|signature|otp)=)[^&;\s\"'<>]*", re.IGNORECASE)
# A whole e-mail as text (headers and body): nothing in it is for the log.
_MIME_HEADERS = re.compile(r"^(?:Subject|To|From|Content-Type|MIME-Version|Content-Transfer-Encoding):", re.MULTILINE)


def redact(text: str) -> str:
    if len(_MIME_HEADERS.findall(text)) >= 2:
        return MAIL_MESSAGE
    text = _RESET_PATH.sub(lambda match: match.group(1) + RESET_LINK, text)
    text = _SECRET_PARAMETER.sub(lambda match: match.group(1) + SECRET, text)
    text = _RESET_TOKEN.sub(SECRET, text)
    return _ADDRESS.sub(EMAIL_ADDRESS, text)


def _hide_messages(args):
    if isinstance(args, EmailMessage | Message):
        return MAIL_MESSAGE
    if isinstance(args, tuple):
        return tuple(_hide_messages(arg) for arg in args)
    if isinstance(args, dict):
        return {key: _hide_messages(value) for key, value in args.items()}
    return args


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    if getattr(record, "personal_data_removed", False):
        return record
    record.args = _hide_messages(record.args)
    try:
        message = record.getMessage()
    except Exception:  # a malformed call must still be logged, as the logging module would
        message = f"{record.msg!r} {record.args!r}"
    record.msg, record.args = redact(message), ()
    if record.exc_info and not record.exc_text:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    record.personal_data_removed = True
    return record


class RedactPersonalData(logging.Filter):
    def filter(self, record):
        redact_record(record)
        return True


def install() -> None:
    """Make every log record in this process go through `redact_record` as it is created (once, however often
    the app is loaded)."""
    current = logging.getLogRecordFactory()
    if getattr(current, "redacts_personal_data", False):
        return

    def factory(*args, **kwargs):
        return redact_record(current(*args, **kwargs))

    factory.redacts_personal_data = True
    logging.setLogRecordFactory(factory)
