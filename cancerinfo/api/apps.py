from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cancerinfo.api"
    label = "content_api"
    verbose_name = "Content API"
