from django.apps import AppConfig


class DeploymentConfig(AppConfig):
    """Safe in production by default: unsafe settings stop the site starting, personal data stays out of logs."""

    name = "cancerinfo.deployment"
    label = "deployment"
    verbose_name = "Deployment"

    def ready(self):
        from . import checks, redaction  # noqa: F401

        redaction.install()
