"""Which staff roles may open which admin page: one declared matrix for every URL under /admin/ and /django-admin/.

`AdminRolesMiddleware` enforces it before any admin view runs (403 for a role the page does not declare), and a test
generated from the URL configuration (cancerinfo/staff/tests/test_admin_access_matrix.py) walks every admin URL for
every role and fails when a page has no declared roles. A page nobody declared is closed to everyone: add it here.

Roles are the groups (cancerinfo/governance/roles.py and each app's migrations), SUPERUSER for superusers and
ANONYMOUS for people not signed in. The apps' own permission checks still apply inside what a role may open.
"""

from fnmatch import fnmatchcase

from django.http import HttpResponseForbidden
from django.urls import Resolver404, resolve

from .middleware import is_admin_path

ANONYMOUS = "Anonymous"
SUPERUSER = "Superuser"
EDITORS, CLINICAL, LAY, PUBLISHERS, MODERATORS = (
    "Editors",
    "Clinical reviewers",
    "Lay reviewers",
    "Publishers",
    "Moderators",
)
NURSES, FULFILMENT, FINANCE, ADMINISTRATORS = "Nurses", "Fulfilment", "Finance", "Administrators"
STAFF_ROLES = [EDITORS, CLINICAL, LAY, PUBLISHERS, MODERATORS, NURSES, FULFILMENT, FINANCE, ADMINISTRATORS, SUPERUSER]

EVERY_STAFF_ROLE = frozenset(STAFF_ROLES)
EDITORIAL = frozenset({EDITORS, CLINICAL, LAY, PUBLISHERS, MODERATORS, SUPERUSER})
SIGNING_IN = EVERY_STAFF_ROLE | {ANONYMOUS}

ENQUIRY_VIEWS = ("inbox", "detail", "assign", "status", "draft", "audit", "person")
CHAT_VIEWS = (
    "console", "switch", "history", "links", "transcript", "pick_up", "transfer", "emergency", "end", "checked",
)  # fmt: skip
PARTNER_KEY_VIEWS = (
    "index", "index_results", "add", "created", "edit", "revoke", "delete", "history", "history_results", "usage",
)  # fmt: skip
GOVERNANCE_VIEWS = ("review_report", "readability_report", "readability_reason", "link_report")
TRIAL_ALERT_VIEWS = (
    "index", "index_results", "add", "edit", "delete", "inspect", "history", "history_results", "usage",
)  # fmt: skip
WEBHOOK_VIEWS = ("index", "index_results", "add", "edit", "delete", "inspect", "history", "history_results", "usage")

# (pattern, roles): the first pattern that matches a URL's name ("namespace:name") or, for unnamed URLs, its route
# wins. Order from the most specific to the most general. CancerInfo's own views are named one by one, never by a
# wildcard, so a new one is closed until it is declared here (the test checks it); wildcards are only for the URL
# families of Wagtail and Django themselves.
ADMIN_VIEW_ROLES: list[tuple[str, frozenset[str]]] = [
    # Signing in and out, password reset, the second factor: before anyone is signed in.
    ("wagtailadmin_login", SIGNING_IN),
    ("wagtailadmin_logout", SIGNING_IN),
    ("wagtailadmin_password_reset*", SIGNING_IN),
    ("staff:setup", SIGNING_IN),
    ("staff:verify", SIGNING_IN),
    ("admin:login", SIGNING_IN),
    ("admin:logout", SIGNING_IN),
    ("wagtailadmin_javascript_catalog", SIGNING_IN),
    ("wagtailadmin_sprite", SIGNING_IN),
    # The dashboard, the account pages and the admin's own plumbing: everyone who works in the admin.
    ("wagtailadmin_home", EVERY_STAFF_ROLE),
    ("wagtailadmin_account*", EVERY_STAFF_ROLE),
    ("wagtailadmin_dismissibles", EVERY_STAFF_ROLE),
    ("wagtailadmin_editing_sessions:*", EDITORIAL),
    ("admin/test404/", EVERY_STAFF_ROLE),
    ("admin/.*/$", EVERY_STAFF_ROLE),  # the admin's "page not found"
    # Personal data, by role only (superusers add themselves to a group when they need it).
    *((f"enquiries_admin:{name}", frozenset({NURSES})) for name in ENQUIRY_VIEWS),
    *((f"chat_admin:{name}", frozenset({NURSES})) for name in CHAT_VIEWS),  # the live chat's console
    ("publications_orders", frozenset({FULFILMENT, SUPERUSER})),
    ("publications_order", frozenset({FULFILMENT, SUPERUSER})),
    *((f"donations_admin:{name}", frozenset({FINANCE, SUPERUSER})) for name in ("list", "claims", "claim_download")),
    # Visitors' own words in search queries, and page feedback: for those who act on them.
    ("sitesearch_report", frozenset({EDITORS, PUBLISHERS, SUPERUSER})),
    ("governance_admin:feedback_report", frozenset({EDITORS, CLINICAL, PUBLISHERS, SUPERUSER})),
    # Editorial governance: review dates, readability, links.
    *((f"governance_admin:{name}", EDITORIAL) for name in GOVERNANCE_VIEWS),
    # Operations.
    ("jobs_admin:job_status", frozenset({PUBLISHERS, SUPERUSER})),
    ("jobs_admin:run_now", frozenset({PUBLISHERS, SUPERUSER})),
    ("backups_report", frozenset({ADMINISTRATORS, SUPERUSER})),
    # API partners' keys and their contact e-mail addresses: the people who run the service.
    *((f"partner_keys:{name}", frozenset({ADMINISTRATORS, SUPERUSER})) for name in PARTNER_KEY_VIEWS),
    # Clinical trial alerts: e-mail addresses, to find and delete a person's alerts when they ask.
    *((f"trial_alerts:{name}", frozenset({ADMINISTRATORS, SUPERUSER})) for name in TRIAL_ALERT_VIEWS),
    # Partner webhooks (api/webhooks): a subscription's secret signs events as us.
    *((f"webhook_subscriptions:{name}", frozenset({ADMINISTRATORS, SUPERUSER})) for name in WEBHOOK_VIEWS),
    *((f"webhook_deliveries:{name}", frozenset({ADMINISTRATORS, SUPERUSER})) for name in WEBHOOK_VIEWS),
    # Accounts, groups, sites and Django's admin (devices, lockouts, raw tables): superusers only.
    ("wagtailusers_*", frozenset({SUPERUSER})),
    ("wagtailsites:*", frozenset({SUPERUSER})),
    # The site's languages (adding one is configuration: docs/decisions/translations.md).
    ("wagtaillocales:*", frozenset({ADMINISTRATORS, SUPERUSER})),
    ("admin:*", frozenset({SUPERUSER})),
    ("django-admin/*", frozenset({SUPERUSER})),
    # Content: pages, media, snippets, settings, reports on pages and workflows, redirects, promotions, imports.
    ("wagtailadmin_*", EDITORIAL),
    ("wagtail_bulk_action", EDITORIAL),
    ("wagtailimages*", EDITORIAL),
    ("wagtaildocs*", EDITORIAL),
    ("wagtailembeds*", EDITORIAL),
    ("wagtailsnippet*", EDITORIAL),
    ("wagtailsettings:*", EDITORIAL),
    ("wagtailsearchpromotions:*", EDITORIAL),
    ("wagtailredirects:*", EDITORIAL),
    ("wagtailforms:*", EDITORIAL),
    # Translating pages and snippets (wagtail-localize): PO files out and in, the translation editor, its report.
    ("wagtail_localize:*", EDITORIAL),
    ("legacy_source:*", EDITORIAL),
]
DENIED_HEADER = "X-Admin-Access"


def declared_roles(name: str | None, route: str) -> frozenset[str] | None:
    for pattern, roles in ADMIN_VIEW_ROLES:
        if (name and fnmatchcase(name, pattern)) or (not name and fnmatchcase(route, pattern)):
            return roles
    return None


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return {ANONYMOUS}
    roles = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        roles.add(SUPERUSER)
    return roles


class AdminRolesMiddleware:
    """403 before the view for a signed-in member of staff whose roles the page does not declare. People not signed
    in pass on, so the admin sends them to sign in as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_admin_path(request.path_info):  # before the user, so public pages never load one for this
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        roles = declared_roles(match.view_name if match.url_name else None, match.route)
        if roles is None or not roles & roles_of(user):
            response = HttpResponseForbidden(
                "<!doctype html><title>Not for your role</title><h1>This page is not for your role</h1>"
                "<p>Ask a site administrator if you need it for your work.</p>"
            )
            response[DENIED_HEADER] = "undeclared" if roles is None else "role"
            return response
        return self.get_response(request)
