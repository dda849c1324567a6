"""Staff who run the service (Administrators) find a person's alerts by their e-mail address and delete them when
asked. Nobody adds or edits an alert in the admin, and other roles do not see the addresses."""

import pytest
from django.contrib.auth.models import Group

from cancerinfo.trialalerts.models import TrialAlert

from .factories import alert

pytestmark = pytest.mark.django_db


def staff(django_user_model, group):
    user = django_user_model.objects.create_user(username=f"staff-{group}", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def administrator(client, django_user_model):
    client.force_login(staff(django_user_model, "Administrators"))
    return client


def test_an_administrator_finds_a_persons_alerts_by_e_mail_and_deletes_them(administrator, site_tree, breast, bowel):
    sams = [alert(cancer_type=breast), alert(cancer_type=bowel, district="LS9")]
    jos = alert(email="jo@example.org", cancer_type=breast, district="G12")

    listing = administrator.get("/admin/trial_alerts/")
    assert listing.status_code == 200
    assert "Breast cancer" in listing.content.decode()

    found = administrator.get("/admin/trial_alerts/results/?q=SAM@example.org").content.decode()
    assert f"/admin/trial_alerts/edit/{sams[0].pk}/" in found or f"/admin/trial_alerts/inspect/{sams[0].pk}/" in found
    assert f"/{jos.pk}/" not in found
    assert "sam@example.org" not in found  # the address itself is never shown

    for one in sams:
        response = administrator.post(f"/admin/trial_alerts/delete/{one.pk}/")
        assert response.status_code == 302
    assert list(TrialAlert.objects.all()) == [jos]


def test_nobody_adds_or_edits_an_alert_in_the_admin(administrator, site_tree, breast):
    one = alert(cancer_type=breast)
    assert administrator.get("/admin/trial_alerts/new/").status_code == 302  # Wagtail: "you do not have permission"
    assert (
        administrator.post(f"/admin/trial_alerts/edit/{one.pk}/", {"district": "G12"}).status_code == 302
    )  # Wagtail: "you do not have permission"
    one.refresh_from_db()
    assert one.district == "LS1"


def test_editors_cannot_open_the_alerts(client, django_user_model, site_tree, breast):
    alert(cancer_type=breast)
    client.force_login(staff(django_user_model, "Editors"))
    assert client.get("/admin/trial_alerts/").status_code == 403
