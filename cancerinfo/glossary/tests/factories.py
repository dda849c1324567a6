import factory

from cancerinfo.glossary.models import Term


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    term = factory.Sequence(lambda n: f"testword{n}")
    definition = "A word made up for a test."
