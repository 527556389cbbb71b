"""Which procedure pages a staff member may edit (issue 17): only those of their own regions.

The page tree is shared by every region (one /procedures/ list), so Wagtail's page permissions (granted on the
home page to Inkoper and Redacteur, cms/inrichting.py) say *what* an editor may do; this module says *where*.
A ProcedurePage belongs to the region of its procedure (``ProcedurePage.REGIO_PAD``); every other page (home,
inhoudspagina's, the procedure list) belongs to no region and stays editable by every editor.

Three layers, so no screen is forgotten:
- ``RegioPaginabeleid``: Wagtail's page permission policy minus other regions' procedure pages (explorer
  listing, admin search, bulk actions, dashboard panels, choosers);
- ``ProcedurePage.permissions_for_user``: the per-page tester grants nothing on another region's page;
- ``regiogrens``: every admin page URL with a page id answers 404 for another region's procedure page (edit,
  preview, history, revisions, workflow actions, ...), exactly like a page id that does not exist.
"""

from functools import wraps

from django.http import Http404
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from organisaties.regios import Bereik, bereik_met_recht

# The page permission both editing roles hold (organisaties/rollen.py): where a user holds it, they edit pages.
PAGINARECHT = "wagtailcore.change_page"
PAGINA_ID_ARGUMENTEN = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "pk")


def paginabereik(user) -> Bereik:
    """The regions whose procedure pages ``user`` may edit (no query of its own: the roles are cached per user)."""
    return bereik_met_recht(user, PAGINARECHT)


def _procedurepaginas():
    from .models import ProcedurePage

    return ProcedurePage.objects.all()


def vreemde_procedurepaginas(user):
    """Ids (a subquery) of the procedure pages outside ``user``'s regions; None when the user reaches all."""
    b = paginabereik(user)
    if b.alle:
        return None
    return _procedurepaginas().exclude(aanbesteding__regio__in=b.ids).values("pk")


def _vreemde_ids(user) -> frozenset[int]:
    """The ids of other regions' procedure pages, once per request (cached on the user object): a listing asks
    every page's tester, and one query each would grow with the list."""
    ids = getattr(user, "_vreemde_procedurepaginas_cache", None)
    if ids is None:
        ids = frozenset(vreemde_procedurepaginas(user).values_list("pk", flat=True))
        user._vreemde_procedurepaginas_cache = ids
    return ids


def pagina_in_bereik(user, page_id) -> bool:
    """False only for a procedure page of another region; any other page (or no page) is not ours to refuse."""
    if paginabereik(user).alle:
        return True
    return int(page_id) not in _vreemde_ids(user)


class RegioPaginabeleid(PagePermissionPolicy):
    """Wagtail's page policy, without the procedure pages of regions the user does not work in."""

    def _zonder_vreemde(self, user, qs):
        vreemd = vreemde_procedurepaginas(user)
        return qs if vreemd is None else qs.exclude(pk__in=vreemd)

    def instances_user_has_any_permission_for(self, user, actions):
        return self._zonder_vreemde(user, super().instances_user_has_any_permission_for(user, actions))

    def explorable_instances(self, user):
        return self._zonder_vreemde(user, super().explorable_instances(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return super().user_has_any_permission_for_instance(user, actions, instance) and (
            pagina_in_bereik(user, instance.pk)
        )


def regiogrens(view, argumenten=PAGINA_ID_ARGUMENTEN):
    """Wrap an admin page view: a page id of another region's procedure page is a 404 (no difference with a
    page id that does not exist, so a guessed id tells nothing)."""

    @wraps(view)
    def begrensd(request, *args, **kwargs):
        for naam in argumenten:
            waarde = kwargs.get(naam)
            if waarde is not None and str(waarde).isdigit() and not pagina_in_bereik(request.user, int(waarde)):
                raise Http404("Niet gevonden.")
        return view(request, *args, **kwargs)

    begrensd.regiogrens = True
    return begrensd


def begrens_urlpatterns(urlpatterns, argumenten=PAGINA_ID_ARGUMENTEN) -> None:
    """Put ``regiogrens`` around every view in ``urlpatterns`` (in place, as Wagtail's own decorate_urlpatterns
    adds its admin access check); idempotent. Only for URL modules whose id arguments are page ids."""
    for patroon in urlpatterns:
        if hasattr(patroon, "url_patterns"):
            begrens_urlpatterns(patroon.url_patterns, argumenten)
        callback = getattr(patroon, "callback", None)
        if callback is not None and not getattr(callback, "regiogrens", False):
            patroon.callback = regiogrens(callback, argumenten)


def nieuw_paginabeleid():
    return RegioPaginabeleid(Page)
