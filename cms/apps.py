from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Publieke site"

    def ready(self):
        from django.db.models.signals import post_migrate
        from wagtail.signals import page_published, page_unpublished

        from . import ontvangers
        from .inrichting import zorg_voor_publieke_site

        post_migrate.connect(zorg_voor_publieke_site, sender=self, dispatch_uid="cms.publieke_site")
        # Issue 18: every page publication and withdrawal in the audit trail, whichever road (cms/ontvangers.py).
        page_published.connect(ontvangers.pagina_gepubliceerd, dispatch_uid="cms.audit.gepubliceerd")
        page_unpublished.connect(ontvangers.pagina_gedepubliceerd, dispatch_uid="cms.audit.gedepubliceerd")
