"""Region boundaries of the page editor (issue 17): an editor of region A edits only region A's procedure pages.
The rules live in cms/redactie.py; this module plugs them into Wagtail."""

import sys

from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy

from .redactie import begrens_urlpatterns, nieuw_paginabeleid, vreemde_procedurepaginas

# Before any code asks the registry for the page policy (Wagtail's advice: at the top of wagtail_hooks.py).
register_permission_policy(Page, nieuw_paginabeleid())


@hooks.register("register_admin_urls")
def begrens_paginaschermen():
    """Put the region boundary around Wagtail's page screens. Called while wagtail.admin.urls is importing
    (importing it from this module's top would run that before this hook exists): its patterns exist already."""
    from wagtail.admin.urls import pages as pagina_urls

    # Every view under /admin/pages/<id>/...: edit, preview, history, revisions, workflow actions, move, copy, ...
    begrens_urlpatterns(pagina_urls.urlpatterns)
    # The explorer of a page (/admin/pages/<id>/) lives in wagtail.admin.urls itself.
    admin_urls = sys.modules.get("wagtail.admin.urls")
    if admin_urls is not None:
        verkenner = [p for p in admin_urls.urlpatterns if (getattr(p, "name", "") or "").startswith("wagtailadmin_explore")]
        begrens_urlpatterns(verkenner, ("parent_page_id",))
    return []


@hooks.register("construct_explorer_page_queryset")
def alleen_eigen_regio_in_verkenner(parent_page, pages, request):
    vreemd = vreemde_procedurepaginas(request.user)
    return pages if vreemd is None else pages.exclude(pk__in=vreemd)

