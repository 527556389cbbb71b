from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Publieke site"

    def ready(self):
        from django.db.models.signals import post_migrate

        from .inrichting import zorg_voor_publieke_site

        post_migrate.connect(zorg_voor_publieke_site, sender=self, dispatch_uid="cms.publieke_site")
