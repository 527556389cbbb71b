"""The fixed structure of the public site, set up after every migrate (idempotent):

- the procedure list at /procedures/ (its slug is part of the stable public URLs);
- the four-eyes workflow on the whole page tree: a procedure page goes live only after a second person
  approves it (issue 3);
- page permissions of the staff groups: Inkoper and Redacteur may add and edit pages but not publish them
  directly, so publishing always runs through the workflow.
"""

PAGINA_RECHTEN = ("add_page", "change_page")

# A starting text for the accessibility statement the footer links to; the editors complete it.
TOEGANKELIJKHEID = (
    "<p>Wij willen dat iedereen dit portaal kan gebruiken. Het portaal is gebouwd volgens de "
    "Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, de eis voor overheidswebsites.</p>"
    "<p>Elke wijziging wordt automatisch getoetst met axe-core in een browser, over de homepagina, de "
    "procedurepagina's, het productenboek, het register en de inlogpagina. Alle functies werken met het "
    "toetsenbord en de focus is zichtbaar.</p>"
    "<p>Loopt u toch tegen een probleem aan? Meld het bij de regio die de procedure uitvoert; wij reageren "
    "binnen vijf werkdagen.</p>"
)


def zorg_voor_publieke_site(**kwargs):
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, WorkflowPage

    from aanbesteding.workflow import zorg_voor_workflow
    from organisaties.rollen import INKOPER, REDACTEUR

    from .models import HomePage, InhoudPagina, ProcedureIndexPage

    home = HomePage.objects.first()
    if home is None:
        return
    if not ProcedureIndexPage.objects.exists():
        home.add_child(instance=ProcedureIndexPage(
            title="Procedures", slug="procedures",
            intro="<p>De toelatingsprocedures (Open House) van de regio's, met hun documenten, productenboek en register.</p>",
        ))
    if not home.get_children().filter(slug="toegankelijkheid").exists():
        home.add_child(instance=InhoudPagina(title="Toegankelijkheid", slug="toegankelijkheid", inhoud=TOEGANKELIJKHEID))
    workflow = zorg_voor_workflow()
    WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    for naam in (INKOPER, REDACTEUR):
        groep, _ = Group.objects.get_or_create(name=naam)
        for codename in PAGINA_RECHTEN:
            perm = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=groep, page=home, permission=perm)
