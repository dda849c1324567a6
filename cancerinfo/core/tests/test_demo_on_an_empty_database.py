"""load_demo_content builds the site on any database its migrations made, even one emptied since (`manage.py flush`,
or a transactional test that ended): the tree root, its locale and the root collection that the demo's easy-read
pictures go in are made again, as Wagtail's migrations make them."""

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from cancerinfo.core.demo import build_site
from cancerinfo.core.demo_pictures import demo_picture


@pytest.mark.django_db(transaction=True)
def test_the_demo_site_and_its_pictures_are_built_on_a_flushed_database(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    call_command("flush", interactive=False)
    assert not Collection.objects.exists() and not Page.objects.exists()

    build_site()
    picture = demo_picture("medicine")

    root = Collection.objects.get()
    assert (root.name, root.depth) == ("Root", 1)
    assert get_image_model().objects.get(pk=picture.pk).collection == root
    # Loading again makes no second root.
    build_site()
    assert Collection.objects.count() == 1 and Page.objects.filter(depth=1).count() == 1
