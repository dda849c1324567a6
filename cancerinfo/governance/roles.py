"""Who may do what: the editorial groups, their page permissions and the review workflow.

Used by the data migration (with the historical app registry) and by tests after a flushed database; every step is
get_or_create, so it cooperates with other apps' migrations that create Nurses, Fulfilment and Finance.
"""

EDITORS = "Editors"
CLINICAL_REVIEWERS = "Clinical reviewers"
LAY_REVIEWERS = "Lay reviewers"
PUBLISHERS = "Publishers"
NURSES = "Nurses"
FULFILMENT = "Fulfilment"
FINANCE = "Finance"
MODERATORS = "Moderators"  # Wagtail's default group: kept, but it can no longer publish

ALL_GROUPS = [EDITORS, CLINICAL_REVIEWERS, LAY_REVIEWERS, PUBLISHERS, NURSES, FULFILMENT, FINANCE]
WORKFLOW_NAME = "Clinical and lay review"
# (task name, group): the order pages go through. Approving the last task publishes the page.
WORKFLOW_TASKS = [("Clinical review", CLINICAL_REVIEWERS), ("Lay review", LAY_REVIEWERS), ("Publish", PUBLISHERS)]
ROLE_NAMES = {CLINICAL_REVIEWERS: "Clinical reviewer", LAY_REVIEWERS: "Lay reviewer", PUBLISHERS: "Publisher"}

# Page permissions (wagtailcore.page codenames) per group, granted on the root of the page tree.
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    PUBLISHERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    CLINICAL_REVIEWERS: ["view_page"],
    LAY_REVIEWERS: ["view_page"],
}
ADMIN_GROUPS = [EDITORS, CLINICAL_REVIEWERS, LAY_REVIEWERS, PUBLISHERS]
# Model permissions (app_label, codename) per group.
MODEL_PERMISSIONS = {
    EDITORS: [
        ("governance", "add_changelogentry"),
        ("governance", "change_changelogentry"),
        ("governance", "delete_changelogentry"),
        ("governance", "view_changelogentry"),
        ("governance", "add_readabilityexception"),
        ("governance", "view_feedback"),
        ("governance", "view_linkcheck"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
    PUBLISHERS: [
        ("governance", "add_changelogentry"),
        ("governance", "change_changelogentry"),
        ("governance", "delete_changelogentry"),
        ("governance", "view_changelogentry"),
        ("governance", "add_readabilityexception"),
        ("governance", "change_readabilityexception"),
        ("governance", "view_feedback"),
        ("governance", "view_linkcheck"),
        ("jobs", "view_job_status"),  # they publish: they need to know when a PDF or an e-mail failed
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "choose_document"),
    ],
    CLINICAL_REVIEWERS: [("governance", "view_feedback")],
    LAY_REVIEWERS: [],
}


def _permission(apps, app_label, codename, model=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if found is not None:
        return found
    model = model or codename.split("_", 1)[1]
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ").capitalize()}
    )
    return permission


def setup_editorial_roles(apps) -> None:
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ALL_GROUPS}
    access_admin = _permission(apps, "wagtailadmin", "access_admin", model="admin")
    for name in ADMIN_GROUPS:
        groups[name].permissions.add(access_admin)
    for name, permissions in MODEL_PERMISSIONS.items():
        for app_label, codename in permissions:
            groups[name].permissions.add(_permission(apps, app_label, codename))

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root, permission=_permission(apps, "wagtailcore", codename, model="page")
            )
    # Nobody but Publishers publishes: take publishing (and any page permission) from everyone else.
    GroupPagePermission.objects.filter(permission__codename="publish_page").exclude(group=groups[PUBLISHERS]).delete()
    GroupPagePermission.objects.filter(group__name__in=[NURSES, FULFILMENT, FINANCE]).delete()
    GroupPagePermission.objects.filter(group=groups[EDITORS]).exclude(
        permission__codename__in=PAGE_PERMISSIONS[EDITORS]
    ).delete()

    setup_workflow(apps, groups, root)


def setup_workflow(apps, groups, root) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    for order, (task_name, group_name) in enumerate(WORKFLOW_TASKS):
        task = GroupApprovalTask.objects.filter(name=task_name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=task_name, content_type=task_type, active=True)
        task.groups.set([groups[group_name]])
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    # The root's workflow covers every page below it: booklets, sections, answers. Nearer assignments still win.
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
