"""One model for versions: a version is another page, written for the audience its row names, and the switch lists
every live version of the content, patients first, whatever the page type."""

import pytest
from django.core.exceptions import ValidationError

from cancerinfo.booklets.tests.factories import make_booklet
from cancerinfo.versions.models import Audience, ContentVersion
from cancerinfo.versions.services import switch_targets

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklets(site_tree):
    area = site_tree["cancer-types"]
    return {
        "patients": make_booklet(area, title="Understanding fatigue", sections=0),
        "professionals": make_booklet(area, title="Fatigue for professionals", sections=0, audience="professionals"),
        "easy_read": make_booklet(area, title="Fatigue easy read", sections=0, audience="easy_read"),
    }


def test_a_version_is_another_page_written_for_the_audience_it_is_linked_as(booklets):
    with pytest.raises(ValidationError, match="two different pages"):
        ContentVersion(original=booklets["patients"], version=booklets["patients"], audience="professionals").clean()
    with pytest.raises(ValidationError, match="audience is not the version"):
        ContentVersion(original=booklets["patients"], version=booklets["easy_read"], audience="professionals").clean()
    ContentVersion(original=booklets["patients"], version=booklets["professionals"], audience="professionals").clean()


def test_the_switch_lists_every_live_version_patients_first(booklets):
    for audience in ["easy_read", "professionals"]:  # linked in the "wrong" order on purpose
        ContentVersion.objects.create(original=booklets["patients"], version=booklets[audience], audience=audience)
    targets = switch_targets(booklets["easy_read"])
    assert [(t.label, t.url, t.current) for t in targets] == [
        ("For patients", booklets["patients"].url, False),
        ("For health professionals", booklets["professionals"].url, False),
        ("Easy read", "", True),
    ]
    booklets["professionals"].unpublish()
    assert [t.label for t in switch_targets(booklets["patients"])] == ["For patients", "Easy read"]
    assert Audience.EASY_READ in {row.audience for row in ContentVersion.objects.all()}
