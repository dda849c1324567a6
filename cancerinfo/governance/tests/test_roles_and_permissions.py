"""Roles: the groups exist, editors cannot publish, nurses cannot edit booklets, only Publishers publish."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission, Workflow

from cancerinfo.governance import roles

pytestmark = pytest.mark.django_db


def test_the_migration_creates_every_group(editorial_roles):
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ALL_GROUPS) <= names


def test_an_editor_can_edit_but_cannot_publish(make_user, booklet):
    editor = make_user("eddie", roles.EDITORS)
    permissions = booklet.permissions_for_user(editor)
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert not editor.is_superuser


def test_a_publisher_can_publish(make_user, booklet):
    publisher = make_user("pat", roles.PUBLISHERS)
    assert booklet.permissions_for_user(publisher).can_publish()


@pytest.mark.parametrize("group", [roles.NURSES, roles.FULFILMENT, roles.FINANCE])
def test_nurses_and_other_teams_cannot_edit_booklets(make_user, booklet, group):
    user = make_user("someone", group)
    section = booklet.get_children().first().specific
    for page in (booklet, section):
        permissions = page.permissions_for_user(user)
        assert not permissions.can_edit()
        assert not permissions.can_publish()


def test_nobody_but_publishers_has_publish_permission(editorial_roles):
    publishing_groups = set(
        GroupPagePermission.objects.filter(permission__codename="publish_page").values_list("group__name", flat=True)
    )
    assert publishing_groups == {roles.PUBLISHERS}


def test_reviewers_can_open_the_admin_but_not_publish(make_user, booklet):
    reviewer = make_user("cara", roles.CLINICAL_REVIEWERS)
    assert reviewer.has_perm("wagtailadmin.access_admin")
    assert not booklet.permissions_for_user(reviewer).can_publish()


def test_every_page_goes_through_the_review_workflow(booklet, editorial_roles):
    section = booklet.get_children().first().specific
    workflow = Workflow.objects.get(name=roles.WORKFLOW_NAME)
    assert [t.name for t in workflow.tasks] == ["Clinical review", "Lay review", "Publish"]
    assert booklet.get_workflow() == workflow
    assert section.get_workflow() == workflow


def test_the_group_page_permissions_are_visible_in_the_admin(admin_client, editorial_roles):
    group = editorial_roles[roles.EDITORS]
    response = admin_client.get(f"/admin/groups/edit/{group.pk}/")
    assert response.status_code == 200


def test_in_the_editor_an_editor_can_only_submit_for_review(client, make_user, booklet):
    editor = make_user("eddie", roles.EDITORS)
    client.force_login(editor)
    section = booklet.get_children().first()
    html = client.get(f"/admin/pages/{section.pk}/edit/").content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_in_the_editor_a_publisher_can_publish(client, make_user, booklet):
    publisher = make_user("pat", roles.PUBLISHERS)
    client.force_login(publisher)
    section = booklet.get_children().first()
    html = client.get(f"/admin/pages/{section.pk}/edit/").content.decode()
    assert 'name="action-publish"' in html


def test_a_nurse_cannot_open_the_booklet_editor(client, make_user, booklet):
    nurse = make_user("nina", roles.NURSES)
    client.force_login(nurse)
    response = client.get(f"/admin/pages/{booklet.pk}/edit/")
    assert response.status_code in (302, 403)
