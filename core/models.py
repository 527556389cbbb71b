"""The shared kernel's tables: the audit trail (append-only, rule 4 of ARCHITECTURE.md) and the register of sealed
documents (core.zegel)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class AuditRegelQuerySet(models.QuerySet):
    def voor_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    def update(self, **kwargs):
        raise PermissionError("Auditregels zijn onveranderlijk.")

    def delete(self):
        raise PermissionError("Auditregels worden nooit verwijderd.")


class AuditRegel(models.Model):
    """Who did what, when, to which object, with old and new values."""

    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="door", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too: the trail must still say who it was after an account is removed.
    actor_weergave = models.CharField("door (weergave)", max_length=255, blank=True)
    actie = models.CharField("actie", max_length=100, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_weergave = models.CharField("object", max_length=255, blank=True)
    oude_waarden = models.JSONField("oude waarden", default=dict, blank=True, encoder=DjangoJSONEncoder)
    nieuwe_waarden = models.JSONField("nieuwe waarden", default=dict, blank=True, encoder=DjangoJSONEncoder)
    toelichting = models.TextField("toelichting", blank=True)
    # The region of the object (core.regio.regio_id_van), so each bureau sees only its own trail (issue 17).
    # A plain id, not a foreign key: core imports no domain app. Empty for what belongs to no single region
    # (accounts, a provider's organisation), which only the platform administrator sees.
    regio_id = models.PositiveIntegerField("regio", null=True, blank=True, db_index=True)

    objects = AuditRegelQuerySet.as_manager()

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "audittrail"
        ordering = ["-tijdstip", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "tijdstip"])]

    def __str__(self):
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.actor_weergave}: {self.actie} {self.object_weergave}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Auditregels zijn onveranderlijk.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Auditregels worden nooit verwijderd.")

    def wijzigingen(self):
        """(veld, oud, nieuw) for every field that appears in either side, for display."""
        velden = list(dict.fromkeys([*self.oude_waarden, *self.nieuwe_waarden]))
        return [(v, self.oude_waarden.get(v), self.nieuwe_waarden.get(v)) for v in velden]


class Zegelregistratie(models.Model):
    """A legal PDF the portal sealed (core.zegel), by the sha256 of the sealed bytes: /verifieren/ tells anyone
    who uploads those exact bytes what the document is and for whom it was issued. Append-only like the audit
    trail: a seal once given is never withdrawn from the register."""

    sha256 = models.CharField("sha256", max_length=64, unique=True)
    soort = models.CharField("soort", max_length=40, db_index=True)
    titel = models.CharField("titel", max_length=255)
    uitgegeven_aan = models.CharField("uitgegeven aan", max_length=255, blank=True)
    regio_id = models.PositiveIntegerField("regio", null=True, blank=True, db_index=True)
    verzegeld_op = models.DateTimeField("verzegeld op")

    class Meta:
        verbose_name = "verzegeld document"
        verbose_name_plural = "verzegelde documenten"
        ordering = ["-verzegeld_op", "-id"]

    def __str__(self):
        return f"{self.titel} ({self.verzegeld_op:%d-%m-%Y})"

    def delete(self, *args, **kwargs):
        raise PermissionError("Een verzegeld document blijft geregistreerd.")
