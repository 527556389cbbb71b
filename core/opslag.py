"""Private storage for evidence: local directory by default, S3 when configured (settings.STORAGES["prive"]).

Files get random names; the original name is kept in the model. There is no public URL: downloads go
through a view that checks permission and streams the file (``core.views.stream_prive_bestand``).
"""

import uuid

from django.core.files.storage import FileSystemStorage, storages

from core import kalender


def prive_opslag():
    return storages["prive"]


def willekeurige_naam(instance, filename: str) -> str:
    """upload_to for private files: no part of the user's file name reaches the storage path."""
    nu = kalender.nu()
    return f"{instance._meta.app_label}/{nu:%Y/%m}/{uuid.uuid4().hex}"


class PriveBestandsopslag(FileSystemStorage):
    """Local private storage. It has no URL at all: FileSystemStorage would fall back to MEDIA_URL for
    base_url=None, and one ``{{ bestand.url }}`` in a template would then point a web server at evidence."""

    def url(self, name):
        raise NotImplementedError("Privébestanden hebben geen URL; gebruik een downloadview met toegangscontrole.")
