"""Toetsing: the beoordelingscommissie assesses submitted inschrijvingen and the bureau decides on admission.

Sources: DOMAIN.md steps 4-5; 003a §3.2 (remedies: kort geding within 20 calendar days; ≥ 6 months' exclusion
after a rejection) and §4 (pass/fail, MST lottery, waiting list); 004 §3.2 d (plan with a minimum score); the
VNG three-step assessment (peers-and-standards §2.18).

State lives in one status field per record (ARCHITECTURE.md rule 2); services.py is the only writer.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from aanbesteding.models import Aanbesteding, Eis, Perceel, Productbeperkingen, Toetredingsmoment
from core.opslag import prive_opslag, willekeurige_naam
from core.toestand import Toestandsmachine
from inschrijving.models import Inschrijving

# The VNG three steps, in order (peers-and-standards §2.18): uitsluitingsgronden → geschiktheidseisen →
# uitvoeringseisen.
STAPPEN = (Eis.Soort.UITSLUITINGSGROND, Eis.Soort.GESCHIKTHEIDSEIS, Eis.Soort.UITVOERINGSEIS)

STANDAARD_RECHTSMIDDEL = (
    "Bent u het niet eens met dit besluit, dan kunt u binnen 20 kalenderdagen na de datum van deze brief een "
    "kort geding aanhangig maken bij de voorzieningenrechter van de rechtbank Midden-Nederland. Na het "
    "verstrijken van deze termijn wordt de voorlopige toelating definitief. U kunt om een afwijzingsgesprek "
    "vragen; de opdrachtgever kan dit weigeren."
)


class Toetsingsinstelling(models.Model):
    """Per-procedure assessment settings with the sources' defaults (ARCHITECTURE.md rule 8)."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.OneToOneField(Aanbesteding, on_delete=models.CASCADE, related_name="toetsingsinstelling")
    min_beoordelaars = models.PositiveSmallIntegerField(
        "minimum aantal beoordelaars per inschrijving", default=2, validators=[MinValueValidator(1)],
        help_text="Standaard 2 (vier-ogenprincipe); 1 waar de procedure dat toestaat (003b: één inkoper tekent het PV).",
    )
    score_min = models.DecimalField("laagste score van de schaal", max_digits=5, decimal_places=2, default=0)
    score_max = models.DecimalField("hoogste score van de schaal", max_digits=5, decimal_places=2, default=10)
    minimale_score = models.DecimalField(
        "minimale score voor een plan", max_digits=5, decimal_places=2, default=6,
        help_text="Geldt als de eis zelf geen minimale score heeft (004 §3.2 d: 'minimaal een bepaalde score').",
    )
    standstill_dagen = models.PositiveSmallIntegerField(
        "standstilltermijn (kalenderdagen)", default=20, help_text="003a §3.2: kort geding binnen 20 kalenderdagen."
    )
    uitsluiting_maanden = models.PositiveSmallIntegerField(
        "uitsluiting na afwijzing (maanden)", default=6, help_text="003a §3.2/§3.3: ten minste 6 maanden; 0 = geen."
    )
    behandeltermijn_dagen = models.PositiveSmallIntegerField(
        "streeftermijn behandeling (kalenderdagen)", default=90,
        help_text="Na deze termijn sinds indiening staat een inschrijving als 'te laat' (003a §3.3: 3–6 maanden).",
    )
    rechtsmiddel_tekst = models.TextField("tekst rechtsmiddelen", default=STANDAARD_RECHTSMIDDEL)
    briefhoofd = models.TextField(
        "briefhoofd", blank=True, help_text="Naam en adres van het inkoopbureau bovenaan de besluitbrief."
    )
    ondertekening = models.CharField("ondertekening", max_length=255, default="Inkoper Sociaal Domein")

    class Meta:
        verbose_name = "toetsingsinstelling"
        verbose_name_plural = "toetsingsinstellingen"
        constraints = [
            models.CheckConstraint(condition=Q(score_min__lt=models.F("score_max")), name="schaal_min_onder_max"),
            models.CheckConstraint(
                condition=Q(minimale_score__gte=models.F("score_min")) & Q(minimale_score__lte=models.F("score_max")),
                name="minimale_score_op_schaal",
            ),
        ]

    def __str__(self):
        return f"Toetsingsinstelling {self.aanbesteding}"

    @classmethod
    def voor(cls, aanbesteding) -> "Toetsingsinstelling":
        """The settings of a procedure; the defaults (unsaved) when none were made."""
        try:
            return aanbesteding.toetsingsinstelling
        except cls.DoesNotExist:
            return cls(aanbesteding=aanbesteding)

    def minimum_voor(self, eis: Eis):
        return eis.min_score if eis.min_score is not None else self.minimale_score


class Beoordelingscommissie(models.Model):
    """The panel of one procedure (optionally one joining moment)."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="beoordelingscommissies")
    toetredingsmoment = models.ForeignKey(
        Toetredingsmoment, verbose_name="toetredingsmoment", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="Leeg = alle inschrijvingen van de procedure.",
    )
    naam = models.CharField("naam", max_length=200)
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="voorzitter", on_delete=models.PROTECT, related_name="+",
        help_text="Een inkoper of een aangewezen beoordelaar; stelt de consensus vast.",
    )
    leden = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="beoordelaars", related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "beoordelingscommissie"
        verbose_name_plural = "beoordelingscommissies"
        ordering = ["aanbesteding", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanbesteding", "toetredingsmoment"], name="een_commissie_per_moment",
                condition=Q(toetredingsmoment__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["aanbesteding"], name="een_commissie_zonder_moment", condition=Q(toetredingsmoment__isnull=True)
            ),
        ]

    def __str__(self):
        return self.naam


class Toetsing(models.Model):
    """The assessment state of one inschrijving: what the queue filters on."""

    REGIO_PAD = "aanbesteding__regio"

    class Status(models.TextChoices):
        NIEUW = "nieuw", "Nog niet toegewezen"
        IN_BEOORDELING = "in_beoordeling", "In beoordeling"
        HERSTEL = "herstel", "Wacht op herstel"
        CONSENSUS = "consensus", "Klaar voor consensus"
        VASTGESTELD = "vastgesteld", "Consensus vastgesteld"
        BESLOTEN = "besloten", "Besloten"

    # The working states (nieuw, in beoordeling, herstel, consensus) follow the assignments and herstel
    # (services._herbereken_status): assessors are assigned, withdrawn or finish, herstel is asked and resumed.
    # Only the chair closes the consensus, only the inkoper decides; a withdrawn decision reopens it.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.NIEUW: {Status.IN_BEOORDELING, Status.HERSTEL},
        Status.IN_BEOORDELING: {Status.NIEUW, Status.HERSTEL, Status.CONSENSUS},
        Status.HERSTEL: {Status.NIEUW, Status.IN_BEOORDELING, Status.CONSENSUS},
        Status.CONSENSUS: {Status.NIEUW, Status.IN_BEOORDELING, Status.HERSTEL, Status.VASTGESTELD},
        Status.VASTGESTELD: {Status.BESLOTEN},
        Status.BESLOTEN: {Status.VASTGESTELD},
    }, begin={Status.NIEUW})

    inschrijving = models.OneToOneField(Inschrijving, on_delete=models.PROTECT, related_name="toetsing")
    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="+")
    commissie = models.ForeignKey(
        Beoordelingscommissie, null=True, blank=True, on_delete=models.PROTECT, related_name="toetsingen"
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.NIEUW, db_index=True)
    vastgesteld_op = models.DateTimeField("consensus vastgesteld op", null=True, blank=True)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "toetsing"
        verbose_name_plural = "toetsingen"
        indexes = [models.Index(fields=["aanbesteding", "status"])]

    def __str__(self):
        return f"Toetsing van {self.inschrijving}"


class Belangenverklaring(models.Model):
    """Before any content is visible an assessor declares, per provider, that there is no conflict of interest."""

    REGIO_PAD = "inschrijving__aanbesteding__regio"

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.PROTECT, related_name="belangenverklaringen")
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    geen_conflict = models.BooleanField("geen belangenconflict")
    toelichting = models.TextField("toelichting", blank=True)
    verklaard_op = models.DateTimeField("verklaard op", auto_now_add=True)

    class Meta:
        verbose_name = "belangenverklaring"
        verbose_name_plural = "belangenverklaringen"
        constraints = [models.UniqueConstraint(fields=["inschrijving", "gebruiker"], name="een_verklaring_per_persoon")]

    def __str__(self):
        return f"{'Geen conflict' if self.geen_conflict else 'Conflict'}: {self.gebruiker} / {self.inschrijving_id}"


class Toewijzing(models.Model):
    REGIO_PAD = "toetsing__aanbesteding__regio"

    class Status(models.TextChoices):
        TOEGEWEZEN = "toegewezen", "Toegewezen"
        AFGEROND = "afgerond", "Afgerond"
        TERUGGETROKKEN = "teruggetrokken", "Teruggetrokken (belangenconflict)"
        INGETROKKEN = "ingetrokken", "Toewijzing ingetrokken"

    ACTIEF = (Status.TOEGEWEZEN, Status.AFGEROND)

    # A conflict of interest is declared before any content is seen, so only an open assignment is given
    # back; the inkoper may withdraw an assignment until the consensus is closed.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.TOEGEWEZEN: {Status.AFGEROND, Status.TERUGGETROKKEN, Status.INGETROKKEN},
        Status.AFGEROND: {Status.INGETROKKEN},
    })

    toetsing = models.ForeignKey(Toetsing, on_delete=models.PROTECT, related_name="toewijzingen")
    beoordelaar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="toewijzingen")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.TOEGEWEZEN)
    toegewezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    toegewezen_op = models.DateTimeField(auto_now_add=True)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)
    # Assessors are told of new work by e-mail (Decidim #12895: notifications for evaluators); once only.
    gemaild_op = models.DateTimeField("aangekondigd op", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"
        constraints = [
            models.UniqueConstraint(
                fields=["toetsing", "beoordelaar"], condition=Q(status__in=["toegewezen", "afgerond"]),
                name="een_actieve_toewijzing_per_beoordelaar",
            ),
        ]
        indexes = [models.Index(fields=["beoordelaar", "status"])]

    def __str__(self):
        return f"{self.beoordelaar} beoordeelt {self.toetsing.inschrijving_id}"


class Oordeel(models.TextChoices):
    VOLDOET = "voldoet", "Voldoet"
    VOLDOET_NIET = "voldoet_niet", "Voldoet niet"
    HERSTEL = "herstel", "Herstel nodig"


class Beoordeling(models.Model):
    """One assessor's verdict on one eis: pass/fail, plan-type eisen with a score (004 §3.2 d)."""

    REGIO_PAD = "toewijzing__toetsing__aanbesteding__regio"

    toewijzing = models.ForeignKey(Toewijzing, on_delete=models.PROTECT, related_name="beoordelingen")
    eis = models.ForeignKey(Eis, on_delete=models.PROTECT, related_name="+")
    oordeel = models.CharField("oordeel", max_length=20, choices=Oordeel.choices)
    score = models.DecimalField("score", max_digits=5, decimal_places=2, null=True, blank=True)
    motivering = models.TextField("motivering")
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "beoordeling"
        verbose_name_plural = "beoordelingen"
        constraints = [
            models.UniqueConstraint(fields=["toewijzing", "eis"], name="een_oordeel_per_eis_per_beoordelaar"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=0), name="beoordeling_score_positief"),
        ]

    def __str__(self):
        return f"{self.eis.code}: {self.get_oordeel_display()}"


class Eindoordeel(models.Model):
    """The chair's consensus verdict per eis: what the decision and the letter use."""

    REGIO_PAD = "toetsing__aanbesteding__regio"

    toetsing = models.ForeignKey(Toetsing, on_delete=models.PROTECT, related_name="eindoordelen")
    eis = models.ForeignKey(Eis, on_delete=models.PROTECT, related_name="+")
    oordeel = models.CharField("oordeel", max_length=20, choices=Oordeel.choices)
    score = models.DecimalField("score", max_digits=5, decimal_places=2, null=True, blank=True)
    motivering = models.TextField("motivering")
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "eindoordeel (consensus)"
        verbose_name_plural = "eindoordelen"
        constraints = [
            models.UniqueConstraint(fields=["toetsing", "eis"], name="een_eindoordeel_per_eis"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=0), name="eindoordeel_score_positief"),
        ]

    def __str__(self):
        return f"{self.eis.code}: {self.get_oordeel_display()}"


class Loting(models.Model):
    """An auditable lottery for a quota perceel (003a §4: MST at most 1 provider, lottery, others waiting list).

    Reproducible: ``random.Random(seed)`` shuffles the participants sorted by a stable key (KvK number, then
    inschrijving id); ``toetsing.loting.trek`` recomputes the result from the stored seed and participants.

    Drawn once per perceel per round (issue 18, ARCHITECTURE.md rule 14): the database allows one *geldige*
    loting per perceel and toetredingsmoment. A redraw is a recorded four-eyes decision (LotingHerziening);
    the earlier draw then becomes *vervallen* and stays on record with its seed and winners (ADR 0016).
    """

    REGIO_PAD = "aanbesteding__regio"

    class Status(models.TextChoices):
        GELDIG = "geldig", "Geldig"
        VERVALLEN = "vervallen", "Vervallen (herzien)"

    # A draw is final; only an approved herziening (or, for rows from before issue 18, the migration that
    # found duplicate draws) sets it aside.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.GELDIG: {Status.VERVALLEN},
    })

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="+")
    perceel = models.ForeignKey(Perceel, on_delete=models.PROTECT, related_name="+")
    toetredingsmoment = models.ForeignKey(
        Toetredingsmoment, verbose_name="toetredingsmoment (ronde)", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text="De ronde waarvoor geloot is; leeg = inschrijvingen zonder toetredingsmoment.",
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.GELDIG, db_index=True)
    seed = models.CharField("seed", max_length=64)
    plaatsen = models.PositiveIntegerField("beschikbare plaatsen")
    deelnemers = models.JSONField("deelnemers (in vaste volgorde)", default=list)
    winnaars = models.JSONField("ingeloot (inschrijving-ids in volgorde)", default=list)
    uitgevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uitgevoerd_op = models.DateTimeField(auto_now_add=True)
    vervallen_op = models.DateTimeField("vervallen op", null=True, blank=True)
    vervallen_reden = models.TextField("reden van vervallen", blank=True)

    class Meta:
        verbose_name = "loting"
        verbose_name_plural = "lotingen"
        ordering = ["-uitgevoerd_op"]
        constraints = [
            # Two concurrent draws: the second insert fails here, whatever the application checked before.
            models.UniqueConstraint(
                fields=["perceel", "toetredingsmoment"], name="een_geldige_loting_per_perceel_per_ronde",
                condition=Q(status="geldig") & Q(toetredingsmoment__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["perceel"], name="een_geldige_loting_per_perceel_zonder_ronde",
                condition=Q(status="geldig") & Q(toetredingsmoment__isnull=True),
            ),
            models.CheckConstraint(
                condition=Q(status="geldig") | Q(vervallen_op__isnull=False), name="vervallen_loting_heeft_datum"
            ),
        ]

    def __str__(self):
        return f"Loting {self.perceel} ({self.uitgevoerd_op:%d-%m-%Y})"

    @property
    def deelnemer_ids(self) -> list[int]:
        return [d["inschrijving"] for d in self.deelnemers]

    @property
    def is_geldig(self) -> bool:
        return self.status == self.Status.GELDIG


class LotingHerziening(models.Model):
    """A redraw as a recorded decision (issue 18): one inkoper asks with a reason, another inkoper of the
    region approves (four eyes, enforced by a check constraint too). On approval the earlier loting becomes
    vervallen and a new draw with a new seed is made (``nieuwe_loting``)."""

    REGIO_PAD = "loting__aanbesteding__regio"

    class Status(models.TextChoices):
        AANGEVRAAGD = "aangevraagd", "Aangevraagd"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd (opnieuw geloot)"
        AFGEWEZEN = "afgewezen", "Afgewezen"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.AANGEVRAAGD: {Status.GOEDGEKEURD, Status.AFGEWEZEN},
    }, begin={Status.AANGEVRAAGD})

    loting = models.ForeignKey(Loting, on_delete=models.PROTECT, related_name="herzieningen")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.AANGEVRAAGD)
    reden = models.TextField("reden")
    aangevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangevraagd_op = models.DateTimeField("aangevraagd op")
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    toelichting = models.TextField("toelichting bij de beoordeling", blank=True)
    nieuwe_loting = models.OneToOneField(
        Loting, null=True, blank=True, on_delete=models.PROTECT, related_name="herziening_van"
    )

    class Meta:
        verbose_name = "herziening van een loting"
        verbose_name_plural = "herzieningen van lotingen"
        ordering = ["-aangevraagd_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["loting"], condition=Q(status="aangevraagd"), name="een_open_herziening_per_loting"
            ),
            models.UniqueConstraint(
                fields=["loting"], condition=Q(status="goedgekeurd"), name="een_goedgekeurde_herziening_per_loting"
            ),
            # Four eyes in the database: whoever asked cannot also decide.
            models.CheckConstraint(
                condition=Q(beoordeeld_door__isnull=True) | ~Q(beoordeeld_door=models.F("aangevraagd_door")),
                name="herziening_door_een_tweede_inkoper",
            ),
        ]

    def __str__(self):
        return f"Herziening van {self.loting} ({self.get_status_display()})"


class Besluit(models.Model):
    """The decision on one inschrijving, with an outcome per perceel (BesluitPerceel)."""

    REGIO_PAD = "aanbesteding__regio"

    class Status(models.TextChoices):
        GENOMEN = "genomen", "Genomen (nog niet verzonden)"
        VERZONDEN = "verzonden", "Verzonden (standstill loopt)"
        OPGESCHORT = "opgeschort", "Opgeschort (kort geding of bezwaar)"
        DEFINITIEF = "definitief", "Definitief"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    # Sent → standstill; a kort geding or bezwaar suspends it until resolved: the decision stands (back to
    # the standstill) or is withdrawn (a redo is a new besluit, ARCHITECTURE.md rule 14).
    OVERGANGEN = Toestandsmachine(Status, {
        Status.GENOMEN: {Status.VERZONDEN},
        Status.VERZONDEN: {Status.OPGESCHORT, Status.DEFINITIEF},
        Status.OPGESCHORT: {Status.VERZONDEN, Status.INGETROKKEN},
    })

    inschrijving = models.ForeignKey(Inschrijving, on_delete=models.PROTECT, related_name="besluiten")
    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="+")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.GENOMEN, db_index=True)
    genomen_op = models.DateTimeField("genomen op")
    genomen_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    standstill_einde = models.DateField(
        "laatste dag standstill", null=True, blank=True,
        help_text="Datum van verzending + standstilltermijn; de dag erna wordt de toelating definitief.",
    )
    definitief_op = models.DateTimeField("definitief op", null=True, blank=True)
    uitgesloten_tot = models.DateField("uitgesloten tot", null=True, blank=True)
    brief = models.FileField("besluitbrief", storage=prive_opslag, upload_to=willekeurige_naam, blank=True, max_length=255)
    brief_sha256 = models.CharField(max_length=64, blank=True)
    gemaild_op = models.DateTimeField("aangekondigd per e-mail op", null=True, blank=True)

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        ordering = ["-genomen_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["inschrijving"], condition=~Q(status="ingetrokken"), name="een_geldend_besluit_per_inschrijving"
            ),
            models.CheckConstraint(
                condition=Q(status="genomen") | Q(status="ingetrokken") | Q(verzonden_op__isnull=False),
                name="verzonden_besluit_heeft_datum",
            ),
        ]
        indexes = [models.Index(fields=["status", "standstill_einde"])]

    def __str__(self):
        return f"Besluit {self.pk} op {self.inschrijving}"


class BesluitPerceel(models.Model):
    """The outcome for one perceel: a provider can be admitted for one perceel and rejected for another."""

    REGIO_PAD = "besluit__aanbesteding__regio"

    class Uitkomst(models.TextChoices):
        VOORLOPIG = "voorlopig", "Voorlopige toelating"
        DEFINITIEF = "definitief", "Definitieve toelating"
        AFGEWEZEN = "afgewezen", "Afwijzing"
        WACHTLIJST = "wachtlijst", "Wachtlijst"

    TOEGELATEN = (Uitkomst.VOORLOPIG, Uitkomst.DEFINITIEF)

    besluit = models.ForeignKey(Besluit, on_delete=models.CASCADE, related_name="percelen")
    perceel = models.ForeignKey(Perceel, on_delete=models.PROTECT, related_name="+")
    uitkomst = models.CharField("uitkomst", max_length=20, choices=Uitkomst.choices)
    redenen = models.JSONField("redenen", default=list, blank=True, help_text="Per afgewezen eis: code, eis, motivering.")
    toelichting = models.TextField("toelichting", blank=True)
    loting = models.ForeignKey(Loting, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "besluit per perceel"
        verbose_name_plural = "besluiten per perceel"
        ordering = ["perceel__volgorde", "perceel__code"]
        constraints = [models.UniqueConstraint(fields=["besluit", "perceel"], name="een_uitkomst_per_perceel")]
        indexes = [models.Index(fields=["perceel", "uitkomst"])]

    def __str__(self):
        return f"{self.perceel.code}: {self.get_uitkomst_display()}"


class BesluitProduct(Productbeperkingen):
    """The decision for one product chosen in a perceel with product choice (issue 19; 000 Part A: a provider
    admitted for some products of a lot, with restrictions). The restrictions are copied from the inschrijving,
    so the letter and the hand-over to the agreement read what was decided, whatever happens to the draft."""

    REGIO_PAD = "besluit__aanbesteding__regio"

    besluit = models.ForeignKey(Besluit, on_delete=models.CASCADE, related_name="producten")
    product = models.ForeignKey("aanbesteding.Product", on_delete=models.PROTECT, related_name="+")
    toegelaten = models.BooleanField("toegelaten")
    reden = models.TextField("reden van weigering", blank=True)

    class Meta:
        verbose_name = "besluit per product"
        verbose_name_plural = "besluiten per product"
        ordering = ["product__perceel__volgorde", "product__volgorde", "product__code"]
        constraints = [models.UniqueConstraint(fields=["besluit", "product"], name="een_uitkomst_per_product")]

    def __str__(self):
        return f"{self.product.code}: {'toegelaten' if self.toegelaten else 'niet toegelaten'}"


class Rechtsmiddel(models.Model):
    """A kort geding or bezwaar against a decision: suspends the standstill until staff resolve it."""

    REGIO_PAD = "besluit__aanbesteding__regio"

    class Soort(models.TextChoices):
        KORT_GEDING = "kort_geding", "Kort geding"
        BEZWAAR = "bezwaar", "Bezwaar"

    class Afloop(models.TextChoices):
        BESLUIT_BLIJFT = "besluit_blijft", "Besluit blijft in stand"
        BESLUIT_INGETROKKEN = "besluit_ingetrokken", "Besluit ingetrokken (opnieuw beslissen)"

    besluit = models.ForeignKey(Besluit, on_delete=models.PROTECT, related_name="rechtsmiddelen")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    ingediend_op = models.DateField("ingediend op")
    toelichting = models.TextField("toelichting", blank=True)
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    geregistreerd_op = models.DateTimeField(auto_now_add=True)
    afloop = models.CharField("afloop", max_length=30, choices=Afloop.choices, blank=True)
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)

    class Meta:
        verbose_name = "rechtsmiddel"
        verbose_name_plural = "rechtsmiddelen"
        ordering = ["-geregistreerd_op"]

    def __str__(self):
        return f"{self.get_soort_display()} tegen besluit {self.besluit_id}"

    @property
    def is_open(self) -> bool:
        return self.afgehandeld_op is None


class ProcesVerbaalBeoordeling(models.Model):
    """The proces-verbaal van beoordeling of one round (issue 18): every inschrijving of a toetredingsmoment,
    its outcome per perceel, the panel, the lottery with seed and any herziening. Sealed (PAdES, core.zegel)
    and stored; a later version (on demand by staff, e.g. after a herziening) is a new row, never an overwrite
    (ARCHITECTURE.md rule 4)."""

    REGIO_PAD = "toetredingsmoment__aanbesteding__regio"

    toetredingsmoment = models.ForeignKey(Toetredingsmoment, on_delete=models.PROTECT, related_name="+")
    volgnummer = models.PositiveIntegerField("versie", default=1)
    bestand = models.FileField("proces-verbaal (PDF)", storage=prive_opslag, upload_to=willekeurige_naam, max_length=255)
    sha256 = models.CharField(max_length=64)
    opgemaakt_op = models.DateTimeField("opgemaakt op")
    opgemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Leeg: automatisch opgemaakt toen de beoordeling van de ronde compleet was.",
    )

    class Meta:
        verbose_name = "proces-verbaal van beoordeling (ronde)"
        verbose_name_plural = "processen-verbaal van beoordeling (ronde)"
        ordering = ["toetredingsmoment", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["toetredingsmoment", "volgnummer"], name="een_pv_beoordeling_per_versie"),
        ]

    def __str__(self):
        return f"Proces-verbaal van beoordeling {self.toetredingsmoment} (versie {self.volgnummer})"
