from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "cancerinfo.taxonomy"
    label = "taxonomy"
    verbose_name = "Cancer types and treatments"
