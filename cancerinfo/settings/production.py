"""Production: everything from the environment, secure by default."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_list, env_str

# Unsafe settings below are system check errors (cancerinfo/deployment/checks.py): `check --deploy` fails and
# gunicorn refuses to start. SILENCED_SYSTEM_CHECKS is for benchmarks on a development machine, never a live site.
PRODUCTION = True
SILENCED_SYSTEM_CHECKS = env_list("SILENCED_SYSTEM_CHECKS", [])

# The worker delivers queued e-mail through SMTP unless EMAIL_BACKEND names another (a provider's) backend.
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
if EMAIL_BACKEND != "cancerinfo.jobs.mail.QueuedEmailBackend":  # noqa: F405 - EMAIL_QUEUE=false: sent in the request
    EMAIL_BACKEND = EMAIL_DELIVERY_BACKEND

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
