"""A provider's registration (inschrijving) for a procedure, its answers per eis, and its evidence.

The core schema is shared with toetsing (which reads answers and sends herstelverzoeken); the services,
views and rules live in this app (issue 4).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import localtime

from aanbesteding.models import (
    Aanbesteding,
    Documentsoort,
    Eis,
    Perceel,
    Productbeperkingen,
    Toetredingsmoment,
)
from core.opslag import prive_opslag, willekeurige_naam
from core.toestand import Toestandsmachine
from organisaties.models import Gemeente, Organisatie
from organisaties.validators import kvk_validator


class Bewijsstuk(models.Model):
    """A document in the organisation's evidence wallet: uploaded once, reused while young enough."""

    class Controle(models.TextChoices):
        BEZIG = "bezig", "Wordt gecontroleerd"
        IN_ORDE = "in_orde", "In orde"
        GEWEIGERD = "geweigerd", "Geweigerd"

    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="bewijsstukken")
    documentsoort = models.CharField("documentsoort", max_length=30, choices=Documentsoort.choices)
    titel = models.CharField("titel", max_length=200, blank=True)
    bestand = models.FileField("bestand", storage=prive_opslag, upload_to=willekeurige_naam, max_length=255)
    originele_naam = models.CharField("bestandsnaam", max_length=255)
    grootte = models.PositiveBigIntegerField("grootte (bytes)")
    sha256 = models.CharField("sha256", max_length=64)
    mime_type = models.CharField("bestandstype", max_length=100)
    paginas = models.PositiveIntegerField("aantal pagina's", null=True, blank=True)
    afgiftedatum = models.DateField("datum van afgifte", help_text="De datum die op het document staat.")
    geldig_tot = models.DateField("geldig tot", null=True, blank=True, help_text="Voor certificaten en polissen.")
    controle = models.CharField("controle", max_length=20, choices=Controle.choices, default=Controle.BEZIG)
    controle_melding = models.CharField("melding controle", max_length=500, blank=True)
    # When the malware scan (clamd) passed; empty when none ran (no CLAMD_SOCKET), so "in orde" never
    # pretends a scan that did not happen (issue 11).
    gescand_op = models.DateTimeField("op virussen gescand op", null=True, blank=True)
    # Strip mode (settings.UPLOAD_ACTIEVE_INHOUD = "opschonen", ADR 0012): ``bestand`` is the clean copy that
    # assessors open; the upload as received is kept here for the record and is served by no view.
    origineel = models.FileField("origineel (met actieve inhoud)", storage=prive_opslag, upload_to=willekeurige_naam,
                                 max_length=255, blank=True)
    origineel_sha256 = models.CharField("sha256 origineel", max_length=64, blank=True)
    opgeschoond = models.CharField("verwijderde actieve inhoud", max_length=300, blank=True)
    tekst = models.TextField("geëxtraheerde tekst", blank=True, editable=False)
    geupload_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    geupload_op = models.DateTimeField("geüpload op", auto_now_add=True)
    # A document used in a submitted inschrijving is part of a legal record: it is archived, never deleted.
    gearchiveerd = models.BooleanField("gearchiveerd", default=False)
    # Whose document it is: empty = the organisation itself; otherwise the KvK number of a combinant or
    # onderaannemer, who delivers its own evidence where an eis asks per member (Eis.per_lid, issue 4).
    van_kvk_nummer = models.CharField("van (KvK-nummer lid)", max_length=8, blank=True)
    van_naam = models.CharField("van (naam lid)", max_length=200, blank=True)

    class Meta:
        verbose_name = "bewijsstuk"
        verbose_name_plural = "bewijsstukken"
        ordering = ["organisatie", "documentsoort", "-afgiftedatum"]
        indexes = [models.Index(fields=["organisatie", "documentsoort"])]

    def __str__(self):
        return f"{self.get_documentsoort_display()}: {self.originele_naam} ({self.afgiftedatum:%d-%m-%Y})"

    @property
    def opschoning_melding(self) -> str:
        """Dutch notice for the provider when the stored file is a clean copy of what they uploaded."""
        if not self.opgeschoond:
            return ""
        return (f"Uit dit bestand is actieve inhoud verwijderd ({self.opgeschoond}); de beoordelaars krijgen de "
                f"opgeschoonde kopie. Uw origineel is bewaard voor het dossier.")

    @property
    def controle_tekst(self) -> str:
        """The status as provider and staff read it: "in orde" says whether a virus scan ran (issue 11)."""
        if self.controle != self.Controle.IN_ORDE:
            return self.get_controle_display()
        if self.gescand_op is None:
            return "In orde – niet op virussen gescand"
        return f"In orde – gescand op {localtime(self.gescand_op):%d-%m-%Y %H:%M}"


class InschrijvingQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(status__in=Inschrijving.ACTIEVE_STATUSSEN)


class Inschrijving(models.Model):
    REGIO_PAD = "aanbesteding__regio"

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        INGEDIEND = "ingediend", "Ingediend"
        IN_BEOORDELING = "in_beoordeling", "In beoordeling"
        HERSTEL = "herstel", "Herstel gevraagd"
        BESLOTEN = "besloten", "Besluit genomen"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    class Vorm(models.TextChoices):
        ZELFSTANDIG = "zelfstandig", "Zelfstandig"
        COMBINATIE = "combinatie", "Als combinatie (penvoerder)"

    # Handed in and not yet decided: what the assessment works on (one definition for every app).
    INGEDIENDE_STATUSSEN = (Status.INGEDIEND, Status.IN_BEOORDELING, Status.HERSTEL)
    ACTIEVE_STATUSSEN = (Status.CONCEPT, *INGEDIENDE_STATUSSEN)

    # Every legal move (ADR 0009). Withdrawing is possible until the assessment starts (003a §3.2); the
    # assessment moves it through herstel to a decision; a decision withdrawn after a kort geding or bezwaar
    # sends it back to the assessment (toetsing.services.rechtsmiddel_afhandelen).
    OVERGANGEN = Toestandsmachine(Status, {
        Status.CONCEPT: {Status.INGEDIEND, Status.INGETROKKEN},
        Status.INGEDIEND: {Status.IN_BEOORDELING, Status.HERSTEL, Status.INGETROKKEN},
        Status.IN_BEOORDELING: {Status.HERSTEL, Status.BESLOTEN},
        Status.HERSTEL: {Status.IN_BEOORDELING},
        Status.BESLOTEN: {Status.IN_BEOORDELING},
    }, begin={Status.CONCEPT})

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="inschrijvingen")
    organisatie = models.ForeignKey(Organisatie, on_delete=models.PROTECT, related_name="inschrijvingen")
    toetredingsmoment = models.ForeignKey(
        Toetredingsmoment, null=True, blank=True, on_delete=models.PROTECT, related_name="inschrijvingen"
    )
    percelen = models.ManyToManyField(Perceel, through="InschrijvingPerceel", related_name="inschrijvingen")
    vorm = models.CharField("vorm", max_length=20, choices=Vorm.choices, default=Vorm.ZELFSTANDIG)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.CONCEPT, db_index=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    ingediend_op = models.DateTimeField("ingediend op", null=True, blank=True)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    # Frozen copy of every answer and file (with sha256) at submission: what the receipt and the assessors use.
    bevroren_inhoud = models.JSONField("inhoud bij indiening", default=dict, blank=True, editable=False)
    # The version of the eisen this inschrijving answers (issue 18, ADR 0014): set at submission, raised only when
    # the provider completes the eisen of a later rectificatie (inschrijving_aanvullen). A draft follows the
    # procedure's current version.
    eisenversie = models.PositiveIntegerField("versie van de eisen", default=0, editable=False)
    # The last rectificatie number the provider was mailed about, recorded before sending (no second mail).
    rectificatie_gemeld = models.PositiveIntegerField("rectificatie gemeld t/m", default=0, editable=False)
    ontvangstbewijs = models.FileField(
        "ontvangstbewijs", storage=prive_opslag, upload_to=willekeurige_naam, blank=True, max_length=255
    )
    # Set by toetsing on rejection: no new inschrijving for this procedure before this date (DOMAIN.md step 5).
    uitgesloten_tot = models.DateField("uitgesloten tot", null=True, blank=True)
    # Set by the after-commit task once the confirmation mail went out, so a re-run does not mail twice.
    bevestiging_verstuurd_op = models.DateTimeField("bevestiging verstuurd op", null=True, blank=True, editable=False)
    # The proces-verbaal van opening is shown to a submitter "op verzoek" (issue 4): the request is recorded.
    pv_opgevraagd_op = models.DateTimeField("proces-verbaal opgevraagd op", null=True, blank=True, editable=False)
    # Where the provider is established (issue 19): a Perceelregel "locatie" checks it, e.g. 5.3 "een standplaats
    # binnen de regiogemeenten" (003 r.514) and 5.10.1 "binnen de gemeentegrenzen van ..." (003 r.4632). Chosen from
    # the procedure region's municipalities.
    vestiging_gemeente = models.ForeignKey(
        Gemeente, verbose_name="vestigingsgemeente", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    vestiging_adres = models.CharField("adres van de vestiging", max_length=200, blank=True)
    # The declared figures the subcontracting caps are judged on (003 r.689: "de opgave bij de Inschrijving als
    # uitgangspunt"): executing FTE, FTE of zzp'ers, and the share of production by all subcontractors together.
    fte_uitvoerend = models.DecimalField("uitvoerende medewerkers (fte)", max_digits=8, decimal_places=2,
                                         null=True, blank=True)
    fte_zzp = models.DecimalField("zzp'ers (fte)", max_digits=8, decimal_places=2, null=True, blank=True)
    onderaanneming_pct = models.DecimalField("aandeel onderaanneming (% van de productie)", max_digits=5,
                                             decimal_places=2, null=True, blank=True)

    objects = InschrijvingQuerySet.as_manager()

    class Meta:
        verbose_name = "inschrijving"
        verbose_name_plural = "inschrijvingen"
        ordering = ["-aangemaakt_op"]
        constraints = [
            # One active inschrijving per provider per procedure (ARCHITECTURE.md rule 3).
            models.UniqueConstraint(
                fields=["aanbesteding", "organisatie"],
                condition=Q(status__in=["concept", "ingediend", "in_beoordeling", "herstel"]),
                name="een_actieve_inschrijving_per_aanbieder",
            ),
            models.CheckConstraint(
                condition=Q(status="concept") | Q(status="ingetrokken") | Q(ingediend_op__isnull=False),
                name="ingediend_heeft_tijdstip",
            ),
        ]
        permissions = [("bekijk_alle_inschrijvingen", "Alle inschrijvingen bekijken (na opening)")]

    def __str__(self):
        return f"Inschrijving {self.pk} van {self.organisatie} op {self.aanbesteding}"

    @property
    def is_bevroren(self) -> bool:
        return self.status != self.Status.CONCEPT


class InschrijvingPerceel(models.Model):
    REGIO_PAD = "inschrijving__aanbesteding__regio"

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="inschrijving_percelen")
    perceel = models.ForeignKey(Perceel, on_delete=models.PROTECT, related_name="+")
    # Chosen while the perceel was closed or full: the provider is put on the waiting list (DOMAIN.md step 5).
    op_wachtlijst = models.BooleanField("op wachtlijst", default=False)
    # Set by toetsing when deciding (True = toegelaten). Quotas and "requires a contract for perceel Y" count
    # these, so inschrijving needs no import from the higher apps.
    toegelaten = models.BooleanField("toegelaten", null=True, blank=True)

    class Meta:
        verbose_name = "gekozen perceel"
        verbose_name_plural = "gekozen percelen"
        constraints = [models.UniqueConstraint(fields=["inschrijving", "perceel"], name="perceel_eenmaal_per_inschrijving")]

    def __str__(self):
        return str(self.perceel)


class Lid(models.Model):
    """A member of a combinatie or a subcontractor named in the inschrijving (the penvoerder is the organisation)."""

    REGIO_PAD = "inschrijving__aanbesteding__regio"

    class Rol(models.TextChoices):
        COMBINANT = "combinant", "Lid van de combinatie"
        ONDERAANNEMER = "onderaannemer", "Onderaannemer"
        # A third party whose technical and professional ability the provider relies on (003 r.683, §2.13.3);
        # at most Aanbesteding.max_derden (003 r.671).
        DERDE = "derde", "Derde (beroep op bekwaamheid)"

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="leden")
    rol = models.CharField("rol", max_length=20, choices=Rol.choices)
    naam = models.CharField("naam", max_length=200)
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, validators=[kvk_validator])
    plaats = models.CharField("vestigingsplaats", max_length=100, blank=True)
    percelen = models.ManyToManyField(Perceel, blank=True, related_name="+", verbose_name="voor percelen")

    class Meta:
        verbose_name = "combinant of onderaannemer"
        verbose_name_plural = "combinanten en onderaannemers"
        constraints = [models.UniqueConstraint(fields=["inschrijving", "kvk_nummer"], name="lid_eenmaal_per_inschrijving")]

    def __str__(self):
        return f"{self.naam} ({self.get_rol_display().lower()})"


class Antwoord(models.Model):
    """The answer to one eis (for the penvoerder, or for one member where the eis asks per member)."""

    REGIO_PAD = "inschrijving__aanbesteding__regio"

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="antwoorden")
    eis = models.ForeignKey(Eis, on_delete=models.PROTECT, related_name="antwoorden")
    lid = models.ForeignKey(Lid, null=True, blank=True, on_delete=models.CASCADE, related_name="antwoorden")
    ja_nee = models.BooleanField("ja/nee", null=True, blank=True)
    tekst = models.TextField("tekst", blank=True)
    getal = models.DecimalField("getal", max_digits=14, decimal_places=2, null=True, blank=True)
    bewijsstukken = models.ManyToManyField(Bewijsstuk, blank=True, related_name="antwoorden")
    bijgewerkt_op = models.DateTimeField(auto_now=True)
    bijgewerkt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        constraints = [
            models.UniqueConstraint(fields=["inschrijving", "eis", "lid"], name="antwoord_uniek_met_lid"),
            models.UniqueConstraint(
                fields=["inschrijving", "eis"], condition=Q(lid__isnull=True), name="antwoord_uniek_zonder_lid"
            ),
        ]

    def __str__(self):
        return f"Antwoord op {self.eis.code}"


class Herstelverzoek(models.Model):
    """A request from the assessment to repair the inschrijving, answered by the provider within a deadline."""

    REGIO_PAD = "inschrijving__aanbesteding__regio"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        BEANTWOORD = "beantwoord", "Beantwoord"
        VERLOPEN = "verlopen", "Verlopen zonder antwoord"

    # Answered in time, or the deadline passed without an answer; both are final (ADR 0009).
    OVERGANGEN = Toestandsmachine(Status, {Status.OPEN: {Status.BEANTWOORD, Status.VERLOPEN}})

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.PROTECT, related_name="herstelverzoeken")
    eisen = models.ManyToManyField(Eis, blank=True, related_name="+", verbose_name="betreft eisen")
    vraag = models.TextField("verzoek")
    deadline = models.DateTimeField("uiterlijk beantwoorden op")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    verstuurd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    verstuurd_op = models.DateTimeField("verstuurd op", auto_now_add=True)
    # Set by the mail task once the mail went out, so a retried or repeated task sends no second mail
    # (ARCHITECTURE rule 6); left empty when sending fails, so a retry still sends it.
    gemaild_op = models.DateTimeField("gemaild op", null=True, blank=True, editable=False)
    antwoord = models.TextField("antwoord", blank=True)
    bijlagen = models.ManyToManyField(Bewijsstuk, blank=True, related_name="herstelverzoeken")
    beantwoord_op = models.DateTimeField("beantwoord op", null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "herstelverzoek"
        verbose_name_plural = "herstelverzoeken"
        ordering = ["-verstuurd_op"]

    def __str__(self):
        return f"Herstelverzoek {self.pk} bij {self.inschrijving}"


class ProcesVerbaalOpening(models.Model):
    """The official record of opening a windowed round (DOMAIN.md step 3; 003 r. 4968-4978).

    Generated once by a scheduled task after the closing time; idempotent by the one-to-one key.
    """

    REGIO_PAD = "toetredingsmoment__aanbesteding__regio"

    toetredingsmoment = models.OneToOneField(Toetredingsmoment, on_delete=models.PROTECT, related_name="proces_verbaal_opening")
    bestand = models.FileField("proces-verbaal", storage=prive_opslag, upload_to=willekeurige_naam, max_length=255)
    sha256 = models.CharField("sha256", max_length=64)
    gegenereerd_op = models.DateTimeField("opgemaakt op", auto_now_add=True)
    aantal_inschrijvingen = models.PositiveIntegerField("aantal inschrijvingen", default=0)
    onregelmatigheden = models.TextField("onregelmatigheden", blank=True)

    class Meta:
        verbose_name = "proces-verbaal van opening"
        verbose_name_plural = "processen-verbaal van opening"
        ordering = ["-gegenereerd_op"]

    def __str__(self):
        return f"Proces-verbaal van opening: {self.toetredingsmoment}"


class Innovatievoorstel(models.Model):
    """An inschrijving of the kind "innovatievoorstel" on a perceel with the innovation route (002 PB 1.2, r. 569-616;
    ``bronnen.mlo.INNOVATIEROUTE``; ADR 0022). The twelve submission fields of the source (r. 604-616) are the eisen
    of that perceel, answered like every eis (kluis, frozen record, receipt, herstel and toetsing unchanged); this row
    holds what the source asks as figures: the fixed duration and price of an ambulant alternative with at most 25 %
    deviation in duration (r. 602), the group size (r. 613) and the tariff (r. 614)."""

    REGIO_PAD = "inschrijving__aanbesteding__regio"

    class TariefPer(models.TextChoices):
        UUR = "uur", "per uur per jeugdige"
        TRAJECT = "traject", "per traject per jeugdige"

    inschrijving = models.OneToOneField(Inschrijving, on_delete=models.CASCADE, related_name="innovatievoorstel")
    perceel = models.ForeignKey(Perceel, verbose_name="perceel", on_delete=models.PROTECT, related_name="+")
    productnaam = models.CharField("naam van het voorgestelde product", max_length=200)
    ambulant_alternatief = models.BooleanField(
        "ambulant alternatief voor verblijf met behandeling", default=False,
        help_text="Een ambulant alternatief binnen het perceel Verblijf met behandeling + (002 r. 570, r. 596-602).",
    )
    duur_weken = models.PositiveSmallIntegerField("vastgestelde duur (weken)", null=True, blank=True)
    max_afwijking_duur_pct = models.DecimalField(
        "maximale afwijking van de duur (%)", max_digits=5, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    min_deelnemers = models.PositiveSmallIntegerField("minimum aantal deelnemers per groep", null=True, blank=True)
    max_deelnemers = models.PositiveSmallIntegerField("maximum aantal deelnemers per groep", null=True, blank=True)
    tarief = models.DecimalField("tarief (€)", max_digits=10, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    tarief_per = models.CharField("tarief per", max_length=10, choices=TariefPer.choices, blank=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)
    bijgewerkt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "innovatievoorstel"
        verbose_name_plural = "innovatievoorstellen"
        constraints = [
            models.CheckConstraint(
                condition=Q(min_deelnemers__isnull=True) | Q(max_deelnemers__isnull=True)
                | Q(max_deelnemers__gte=models.F("min_deelnemers")),
                name="innovatie_max_na_min_deelnemers",
            ),
        ]

    def __str__(self):
        return f"Innovatievoorstel {self.productnaam}"


class InschrijvingProduct(Productbeperkingen):
    """A product chosen within a perceel with ``productkeuze`` (000 Part A: a provider admitted for some products
    of a lot, or for a product with a restriction such as an age group or a location; 000 §5.1 "Award":
    restriction note, and for residential products the location (vestigingsplaats) and group size).

    Chosen by the provider (services.producten_kiezen); ``toegelaten`` is set by toetsing when deciding, through
    services.toelating_per_product_vastleggen. A choice in a perceel that is no longer chosen stays in the draft
    (picking the perceel again restores it) but counts nowhere, like the answers of a dropped perceel."""

    REGIO_PAD = "inschrijving__aanbesteding__regio"

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.CASCADE, related_name="inschrijving_producten")
    product = models.ForeignKey("aanbesteding.Product", verbose_name="product", on_delete=models.PROTECT, related_name="+")
    beperking = models.CharField(
        "beperking", max_length=255, blank=True, help_text="Bijvoorbeeld: alleen voor uitstromende jongeren (000 deel A)."
    )
    # Set by toetsing when deciding (True = toegelaten), like InschrijvingPerceel.toegelaten.
    toegelaten = models.BooleanField("toegelaten", null=True, blank=True)

    class Meta:
        verbose_name = "gekozen product"
        verbose_name_plural = "gekozen producten"
        ordering = ["product__perceel__volgorde", "product__volgorde", "product__code"]
        constraints = [
            models.UniqueConstraint(fields=["inschrijving", "product"], name="product_eenmaal_per_inschrijving"),
            models.CheckConstraint(
                condition=Q(leeftijd_van__isnull=True) | Q(leeftijd_tot__isnull=True) | Q(leeftijd_tot__gte=models.F("leeftijd_van")),
                name="inschrijvingproduct_leeftijd_oplopend",
            ),
        ]

    def __str__(self):
        return str(self.product)
