"""The fixed structure of the public site, set up after every migrate (idempotent):

- the procedure list at /procedures/ (its slug is part of the stable public URLs);
- the four-eyes workflow on the whole page tree: a procedure page goes live only after a second person
  approves it (issue 3);
- page permissions of the staff groups: Inkoper and Redacteur may add and edit pages but not publish them
  directly, so publishing always runs through the workflow.
"""

PAGINA_RECHTEN = ("add_page", "change_page")


def zorg_voor_publieke_site(**kwargs):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, WorkflowPage

    from aanbesteding.workflow import zorg_voor_workflow
    from organisaties.rollen import INKOPER, REDACTEUR

    from .models import HomePage, ProcedureIndexPage

    home = HomePage.objects.first()
    if home is None:
        return
    if not ProcedureIndexPage.objects.exists():
        home.add_child(instance=ProcedureIndexPage(
            title="Procedures", slug="procedures",
            intro="<p>De toelatingsprocedures (Open House) van de regio's, met hun documenten, productenboek en register.</p>",
        ))
    workflow = zorg_voor_workflow()
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    for naam in (INKOPER, REDACTEUR):
        groep, _ = Group.objects.get_or_create(name=naam)
        for codename in PAGINA_RECHTEN:
            perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=groep, page=home, permission=perm)
