"""Two-step verification for staff: an authenticator app (TOTP) and one-time recovery codes, with django-otp.

Required for every account that can read personal data (superusers and the groups in STAFF_SECOND_FACTOR_GROUPS:
Nurses, Fulfilment, Finance); offered to everyone else who uses the admin, and enforced for them once they set it up.
"""

import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10


def required_for(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.STAFF_SECOND_FACTOR_GROUPS).exists()


def has_second_factor(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def pending_app_device(user) -> TOTPDevice:
    """The authenticator app being set up (unconfirmed until its first code is right), made on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for apps that cannot scan a QR code."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]  # inline, without the XML declaration


def confirm_app(user, token: str) -> TOTPDevice | None:
    device = pending_app_device(user)
    if not device.verify_token(token.replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()  # one app at a time
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def new_recovery_codes(user) -> list[str]:
    """Replace the account's recovery codes with new ones; each works once. They are shown once, when made."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def check_code(user, token: str):
    """The device a code from the app or a recovery code belongs to (a recovery code is used up), or None."""
    return match_token(user, token.replace(" ", "").strip())
