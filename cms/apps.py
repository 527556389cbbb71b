from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Publieke site"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from core.paginacache import bij_verwijderen_van, publiek_gewijzigd

        from . import ontvangers
        from .inrichting import zorg_voor_publieke_site

        post_migrate.connect(zorg_voor_publieke_site, sender=self, dispatch_uid="cms.publieke_site")
        # Issue 18: every page publication and withdrawal in the audit trail, whichever road (cms/ontvangers.py).
        page_published.connect(ontvangers.pagina_gepubliceerd, dispatch_uid="cms.audit.gepubliceerd")
        page_unpublished.connect(ontvangers.pagina_gedepubliceerd, dispatch_uid="cms.audit.gedepubliceerd")
        # A page going live, going offline, moving or being deleted retires the stored public pages (ADR 0021);
        # a draft saved in the admin does not (nothing public changes).
        page_published.connect(publiek_gewijzigd, dispatch_uid="cms.paginacache.gepubliceerd")
        page_unpublished.connect(publiek_gewijzigd, dispatch_uid="cms.paginacache.gedepubliceerd")
        post_page_move.connect(publiek_gewijzigd, dispatch_uid="cms.paginacache.verplaatst")
        bij_verwijderen_van(Page)
        # The product book shows the budget ceilings per perceel (issue 19): contractbeheer owns them, the page
        # is cms's, so cms says that a change retires it.
        from contractbeheer.models import Budgetplafond
        from core.paginacache import bij_wijziging_van

        bij_wijziging_van(Budgetplafond)
