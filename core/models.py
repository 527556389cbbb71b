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
    # The id of the request or task that wrote the entry (core.logboek, issue 15): the way from an entry to the
    # log lines of the same request. Empty for entries written outside one (a management command).
    request_id = models.CharField("request-id", max_length=64, blank=True)

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


class Uitgaand(models.Model):
    """A task the portal promised to run, written in the same transaction as the change it belongs to
    (transactional outbox, ADR 0013): a broker outage between commit and publish cannot lose it. ``core.taken``
    publishes it after commit, marks it done when the task succeeded, and the relay ``uitgaand_doorsturen``
    re-publishes what was never published or never finished."""

    taak = models.CharField("taak", max_length=200)
    args = models.JSONField("argumenten", default=list, blank=True, encoder=DjangoJSONEncoder)
    kwargs = models.JSONField("trefwoordargumenten", default=dict, blank=True, encoder=DjangoJSONEncoder)
    aangemaakt_op = models.DateTimeField("aangemaakt op")
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)
    pogingen = models.PositiveIntegerField("pogingen", default=0)
    laatste_fout = models.TextField("laatste fout", blank=True)
    # The request that promised the task (core.logboek): the relay publishes it later with the same id, so the
    # worker's log lines and audit entries still lead back to the request (issue 15).
    request_id = models.CharField("request-id", max_length=64, blank=True)
    # The host the promising request was served on (core.adressen, ADR 0028): a mail the relay sends later still
    # links there when SITE_URL is not configured.
    basis_url = models.CharField("adres van het portaal", max_length=200, blank=True)

    class Meta:
        verbose_name = "uitgaande taak"
        verbose_name_plural = "uitgaande taken"
        ordering = ["aangemaakt_op", "id"]
        # The relay reads the open rows only; a partial index keeps that cheap however many finished rows wait
        # for pruning.
        indexes = [models.Index(fields=["verzonden_op", "aangemaakt_op"], name="uitgaand_open",
                                condition=models.Q(afgerond_op__isnull=True))]

    def __str__(self):
        return f"{self.taak}{tuple(self.args)}"


class VerstuurdeMail(models.Model):
    """A mail the portal sent, by a natural key (what and which moment, e.g. "ontvangstbewijs:12",
    "bewijs:12:2026-05-01:6w"). Written and committed before sending (``core.mail.eenmalig_versturen``), so a
    redelivered task or a parallel worker never sends the same mail twice; removed again when sending fails, so
    the next run retries."""

    sleutel = models.CharField("sleutel", max_length=200, unique=True)
    ontvanger = models.CharField("ontvanger", max_length=255, blank=True)
    onderwerp = models.CharField("onderwerp", max_length=255)
    verstuurd_op = models.DateTimeField("verstuurd op")

    class Meta:
        verbose_name = "verstuurde mail"
        verbose_name_plural = "verstuurde mails"
        ordering = ["-verstuurd_op", "-id"]

    def __str__(self):
        return self.onderwerp


class Hartslag(models.Model):
    """The last moment a periodic heartbeat ran, one row per source (``bron``). ``core.tasks.hartslag`` (beat,
    every minute) writes the row of "beat": its age tells /gezondheid/ that beat schedules and a worker runs what
    it schedules. In the database, not the cache, so the age survives a cache flush or a Redis restart."""

    bron = models.CharField("bron", max_length=40, unique=True)
    moment = models.DateTimeField("moment")

    class Meta:
        verbose_name = "hartslag"
        verbose_name_plural = "hartslagen"

    def __str__(self):
        return f"{self.bron}: {self.moment:%d-%m-%Y %H:%M:%S}"
