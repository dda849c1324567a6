"""Health professional accounts for notes on information prescriptions.

Anyone may make a list of pages. A free-text note, which a patient may take as coming from their care team, needs
an account whose e-mail address was proved to be on a domain in PRESCRIPTIONS_PROFESSIONAL_DOMAINS (e.g. nhs.net):
we send a sign-in link to that address, and following it verifies the address and signs the professional in. There
are no passwords to guess or reuse. The note is then shown with the professional's name and job title.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import HealthProfessional

logger = logging.getLogger(__name__)

LINK_SALT = "cancerinfo.prescriptions.sign-in"
# The sign-in never goes through a password: say which backend vouched for the user (others may be installed).
BACKEND = "django.contrib.auth.backends.ModelBackend"


def allowed_domains() -> list[str]:
    return [domain.lower().lstrip("@.") for domain in settings.PRESCRIPTIONS_PROFESSIONAL_DOMAINS if domain.strip()]


def domain_allowed(email: str) -> bool:
    """True for an address on an allowed domain or one of its subdomains (nhs.net allows trust.nhs.net too)."""
    domain = email.rsplit("@", 1)[-1].lower() if "@" in (email or "") else ""
    return any(domain == allowed or domain.endswith("." + allowed) for allowed in allowed_domains())


def professional_for(user) -> HealthProfessional | None:
    """The user's verified professional account, or None (signed out, never verified, or domain no longer allowed)."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    professional = HealthProfessional.objects.filter(user=user).first()
    if professional is None or professional.email_verified_at is None or not domain_allowed(user.email):
        return None
    return professional


def make_link_token(email: str, name: str, job_title: str) -> str:
    return signing.dumps({"e": email.lower(), "n": name, "j": job_title}, salt=LINK_SALT, compress=True)


def read_link_token(token: str) -> dict | None:
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=settings.PRESCRIPTIONS_SIGN_IN_LINK_SECONDS)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(data, dict) or not domain_allowed(data.get("e", "")):
        return None
    return data


def send_sign_in_link(email: str, name: str, job_title: str, confirm_url_for) -> None:
    """E-mail the sign-in link. The link is never logged."""
    url = confirm_url_for(make_link_token(email, name, job_title))
    minutes = settings.PRESCRIPTIONS_SIGN_IN_LINK_SECONDS // 60
    body = render_to_string("prescriptions/email/sign_in_link.txt", {"name": name, "url": url, "minutes": minutes})
    send_mail("Sign in to write information prescriptions", body, None, [email])
    logger.info("Sent a professional sign-in link")


@transaction.atomic
def sign_in(request, data: dict) -> HealthProfessional:
    """Create or update the account the link was for, mark its address verified and sign it in."""
    User = get_user_model()
    email = data["e"]
    user = User.objects.filter(email__iexact=email, health_professional__isnull=False).first()
    if user is None:
        user = User(username=f"hp-{email}"[:150], email=email)
        user.set_unusable_password()
        user.save()
    professional, _ = HealthProfessional.objects.update_or_create(
        user=user, defaults={"name": data["n"], "job_title": data["j"], "email_verified_at": timezone.now()}
    )
    login(request, user, backend=BACKEND)
    return professional
