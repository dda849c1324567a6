"""Production: everything from the environment, secure by default."""

from .base import *  # noqa: F403
from .env import env_bool, env_int

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# X-Frame-Options, nosniff, Referrer-Policy, CSP and Permissions-Policy: base.py, the same in every environment.
# The shipped deployment is one nginx in front of gunicorn, which listens on 127.0.0.1 only (deploy/).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)

# Persistent database connections, checked before reuse (CONN_HEALTH_CHECKS in base.py): opening a connection per
# request costs more than rendering a page. DATABASE_CONN_MAX_AGE=0 turns them off (e.g. behind PgBouncer).
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", 60)  # noqa: F405

# Enquiries are special category health data: never run production without a real encryption key.
if not ENQUIRY_ENCRYPTION_KEY:  # noqa: F405
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Set ENQUIRY_ENCRYPTION_KEY (see docs/enquiries.md).")
