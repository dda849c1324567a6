"""Where a webhook may be sent: https only (plain http only where WEBHOOK_ALLOW_HTTP, which is DEBUG by default), and
only to public internet addresses, so the site cannot be pointed at its own network (the database, the cache, a
cloud's metadata service). Checked when staff save a subscription and again before every delivery, since a name's
addresses can change. WEBHOOK_ALLOW_PRIVATE_ADDRESSES lifts the second rule (tests, a partner on a private link)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError


def _addresses(host: str, port: int) -> list[str]:
    try:
        return sorted({info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)})
    except (socket.gaierror, UnicodeError) as error:
        raise ValidationError(f"We could not find the server {host} ({error}). Check the address.") from error


def check_destination(url: str) -> None:
    """Raise ValidationError, with a message for staff, unless webhooks may be sent to `url`."""
    parts = urlsplit(url)
    if parts.scheme != "https" and not (parts.scheme == "http" and settings.WEBHOOK_ALLOW_HTTP):
        raise ValidationError("Use an https:// address: events are signed, but must not be readable on the way.")
    if parts.username or parts.password:
        raise ValidationError("Leave the user name and password out of the address.")
    host = parts.hostname
    if not host:
        raise ValidationError("The address has no server name.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise ValidationError("The address's port is not a number from 1 to 65535.") from error
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return
    for address in _addresses(host, port):
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise ValidationError(
                f"{host} is a private, local or reserved address ({address}): webhooks go to public addresses only."
            )
