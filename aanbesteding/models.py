"""The procedure (toelatingsprocedure / Open House) and what it publishes: percelen, products with tariffs per
year, joining moments and the requirements (eisen) a provider must meet.

Rules that differ per region are fields here with the sources' defaults (ARCHITECTURE.md rule 8).
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin
from wagtail.models.workflows import AbstractGroupApprovalTask
from wagtail.search import index

from core import kalender
from core.kalender import EENHEDEN, Termijn
from core.publicatie import vier_ogen_on_action
from core.toestand import Toestandsmachine
from organisaties.models import Domein, Gemeente, Organisatie, Regio


class Aanbesteding(models.Model):
    REGIO_PAD = "regio"

    class Status(models.TextChoices):
        IN_VOORBEREIDING = "in_voorbereiding", "In voorbereiding"
        GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
        OPEN = "open", "Open voor inschrijving"
        GESLOTEN = "gesloten", "Gesloten"
        BEEINDIGD = "beeindigd", "Beëindigd"

    class Toetreding(models.TextChoices):
        CONTINU = "continu", "Doorlopend (continu toetreden)"
        VENSTERS = "vensters", "Op toetredingsmomenten (vensters)"
        GESLOTEN = "gesloten", "Gesloten voor toetreding"

    class EisenBevriezen(models.TextChoices):
        # Issue 18: what a provider answered against stays fixed (ARCHITECTURE.md rule 14); from this moment on the
        # eisen change only through a published rectificatie (ADR 0014).
        BIJ_EERSTE_INSCHRIJVING = "eerste_inschrijving", "Bij de eerste ingediende inschrijving van een ronde"
        BIJ_OPENING = "opening", "Zodra een toetredingsronde opent"

    titel = models.CharField("titel", max_length=255)
    slug = models.SlugField("slug", max_length=100, unique=True)
    dossiernummer = models.CharField("dossiernummer", max_length=50, blank=True, help_text="Bijvoorbeeld SD005.")
    regio = models.ForeignKey(Regio, verbose_name="regio", on_delete=models.PROTECT, related_name="aanbestedingen")
    opdrachtgever = models.ForeignKey(
        Organisatie, verbose_name="opdrachtgever", on_delete=models.PROTECT, related_name="aanbestedingen",
        limit_choices_to={"soort": Organisatie.Soort.OPDRACHTGEVER},
    )
    samenvatting = models.TextField("samenvatting", blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.IN_VOORBEREIDING)
    toetreding = models.CharField(
        "toetreding", max_length=20, choices=Toetreding.choices, default=Toetreding.VENSTERS,
    )
    looptijd_start = models.DateField("looptijd vanaf")
    looptijd_einde = models.DateField("looptijd tot en met")
    verlenging_jaren = models.PositiveSmallIntegerField(
        "verlenging per keer (jaren)", default=0, help_text="0 = geen verlenging. Gooi: 2 jaar (003a §3.6)."
    )
    verlenging_max_keren = models.PositiveSmallIntegerField("maximaal aantal verlengingen", default=0)
    verlenging_aankondigen_maand = models.PositiveSmallIntegerField(
        "verlenging aankondigen vóór (maand)", null=True, blank=True, help_text="Gooi: 1 september (003a §3.6)."
    )
    verlenging_aankondigen_dag = models.PositiveSmallIntegerField("verlenging aankondigen vóór (dag)", null=True, blank=True)
    verlenging_bezwaar_maand = models.PositiveSmallIntegerField(
        "bezwaar tegen verlenging vóór (maand)", null=True, blank=True, help_text="Gooi: 1 oktober (003a §3.6)."
    )
    verlenging_bezwaar_dag = models.PositiveSmallIntegerField("bezwaar tegen verlenging vóór (dag)", null=True, blank=True)
    verlenging_toelichting = models.TextField("toelichting verlenging", blank=True)
    vragen_tot = models.DateTimeField(
        "einde vragenperiode", null=True, blank=True, help_text="Na dit moment kunnen geen vragen meer worden gesteld."
    )
    # Herstel (repair request) period: 5 werkdagen in 003, 14 kalenderdagen in the VNG model (DOMAIN.md step 4).
    herstel_termijn_aantal = models.PositiveSmallIntegerField("hersteltermijn (aantal)", default=5)
    herstel_termijn_eenheid = models.CharField(
        "hersteltermijn (eenheid)", max_length=20, default="werkdagen", choices=[(e, e) for e in sorted(EENHEDEN)]
    )
    eisen_bevriezen = models.CharField(
        "eisen bevriezen", max_length=20, choices=EisenBevriezen.choices, default=EisenBevriezen.BIJ_EERSTE_INSCHRIJVING,
        help_text="Vanaf dit moment veranderen de eisen alleen nog door een gepubliceerde rectificatie.",
    )
    # Set once, by the first submission (aanbesteding.services.eisen_bevriezen, called by inschrijving).
    eisen_bevroren_op = models.DateTimeField("eisen bevroren op", null=True, blank=True, editable=False)
    # The number of the last published rectificatie of the eisen (0 = the eisen as first published).
    eisenversie = models.PositiveIntegerField("versie van de eisen", default=0, editable=False)
    # A provider whose submitted inschrijving misses a new eis may complete it within this period after the
    # rectificatie, and never before its round closes (ADR 0014): twice the 5 werkdagen herstel of 003, because
    # a new eis may ask for a document the provider still has to request.
    aanvul_termijn_aantal = models.PositiveSmallIntegerField("aanvultermijn na rectificatie (aantal)", default=10)
    aanvul_termijn_eenheid = models.CharField(
        "aanvultermijn na rectificatie (eenheid)", max_length=20, default="werkdagen",
        choices=[(e, e) for e in sorted(EENHEDEN)],
    )
    # Limits on working with others (003 §2.13.1/§2.13.3, r.665-691): at most 3 third parties, at most 2
    # subcontractors (except the percelen exempted or closed to them, Perceel.onderaanneming), zzp'ers at most 10 %
    # of the executing FTE, subcontracting at most 20 % of the production. Empty = no limit.
    max_derden = models.PositiveSmallIntegerField("maximum aantal derden", null=True, blank=True)
    max_onderaannemers = models.PositiveSmallIntegerField("maximum aantal onderaannemers", null=True, blank=True)
    max_zzp_pct = models.DecimalField(
        "maximum aandeel zzp'ers (% van de uitvoerende fte)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    max_onderaanneming_pct = models.DecimalField(
        "maximum aandeel onderaanneming (% van de productie)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "aanbesteding (toelatingsprocedure)"
        verbose_name_plural = "aanbestedingen"
        ordering = ["-looptijd_start", "titel"]
        constraints = [
            models.CheckConstraint(condition=Q(looptijd_einde__gte=models.F("looptijd_start")), name="looptijd_einde_na_start"),
        ]

    def __str__(self):
        return f"{self.titel} ({self.dossiernummer})" if self.dossiernummer else self.titel

    @property
    def hersteltermijn(self) -> Termijn:
        return Termijn(self.herstel_termijn_aantal, self.herstel_termijn_eenheid)

    @property
    def is_openbaar(self) -> bool:
        return self.status != self.Status.IN_VOORBEREIDING

    def vragen_open(self, moment=None) -> bool:
        moment = moment or kalender.nu()
        return self.is_openbaar and self.vragen_tot is not None and moment < self.vragen_tot

    @property
    def aanvultermijn(self) -> Termijn:
        return Termijn(self.aanvul_termijn_aantal, self.aanvul_termijn_eenheid)

    def eisen_zijn_bevroren(self, moment=None) -> bool:
        """Whether the eisen may still be changed in place (False) or only by a rectificatie (True, ADR 0014).

        Frozen by the first submitted inschrijving of any round, or, when the procedure says so, as soon as a
        round has opened. Once frozen, always frozen: a later round answers the same versioned set.
        """
        if self.eisen_bevroren_op is not None:
            return True
        if self.eisen_bevriezen != self.EisenBevriezen.BIJ_OPENING:
            return False
        moment = moment or kalender.nu()
        return self.toetredingsmomenten.filter(opent_op__lte=moment).exists()


class DeelnemendeGemeente(models.Model):
    """Participation is per municipality, per domain and per contract (DOMAIN.md, Actors)."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="deelnemende_gemeenten")
    gemeente = models.ForeignKey(Gemeente, verbose_name="gemeente", on_delete=models.PROTECT, related_name="+")
    domein = models.CharField("domein", max_length=10, choices=Domein.choices)

    class Meta:
        verbose_name = "deelnemende gemeente"
        verbose_name_plural = "deelnemende gemeenten"
        ordering = ["domein", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "gemeente", "domein"], name="gemeente_eenmaal_per_domein"),
        ]

    def __str__(self):
        return f"{self.gemeente} ({self.get_domein_display()})"


class Perceel(models.Model):
    REGIO_PAD = "aanbesteding__regio"

    class Toetreding(models.TextChoices):
        VOLGT_PROCEDURE = "procedure", "Volgt de procedure"
        OPEN = "open", "Open"
        GESLOTEN = "gesloten", "Gesloten"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="percelen")
    hoofdperceel = models.ForeignKey(
        "self", verbose_name="hoofdperceel", null=True, blank=True, on_delete=models.PROTECT, related_name="subpercelen",
        help_text="Alleen voor een subperceel: het perceel waaronder het valt.",
    )
    code = models.CharField("code", max_length=20, help_text="Bijvoorbeeld 5.10.")
    naam = models.CharField("naam", max_length=255)
    omschrijving = models.TextField("omschrijving", blank=True)
    domein = models.CharField("domein", max_length=10, choices=Domein.choices, default=Domein.JEUGD)
    volgorde = models.PositiveIntegerField("volgorde", default=0)
    quotum = models.PositiveIntegerField(
        "maximum aantal aanbieders", null=True, blank=True, help_text="Leeg = geen maximum. Bij overschrijding loting."
    )
    toetreding = models.CharField(
        "toetreding", max_length=20, choices=Toetreding.choices, default=Toetreding.VOLGT_PROCEDURE
    )
    wachtlijst = models.BooleanField("wachtlijst bij gesloten of vol", default=True)
    # Admission per product within the perceel (000 Part A: a provider admitted for some products of a lot, or
    # for a product with a restriction such as an age group or a location). Off: the whole perceel.
    productkeuze = models.BooleanField(
        "toelating per product", default=False,
        help_text="Aanbieders kiezen bij inschrijving de producten van dit perceel; de toelating geldt per product.",
    )

    class Onderaanneming(models.TextChoices):
        BEPERKT = "beperkt", "Toegestaan binnen het maximum van de procedure"
        VRIJ = "vrij", "Toegestaan, uitgezonderd van het maximum"
        VERBODEN = "verboden", "Geen onderaannemers"

    # 003 r.685: at most 2 subcontractors except on 5.3 (none at all); 5.7, 5.8 and 5.9 are exempt from the cap.
    onderaanneming = models.CharField(
        "onderaanneming", max_length=10, choices=Onderaanneming.choices, default=Onderaanneming.BEPERKT
    )
    # The innovation route "Overige Jeugdhulp" (002 PB 1.2, r.569-616; bronnen.mlo.INNOVATIEROUTE): this perceel
    # accepts a proposal for a new product, assessed by a committee and evaluated within 12 months.
    innovatieroute = models.BooleanField("innovatieroute", default=False)
    vereiste_percelen = models.ManyToManyField(
        "self", verbose_name="vereist ook", symmetrical=False, blank=True, related_name="vereist_door",
        through="PerceelAfhankelijkheid",
    )

    class Meta:
        verbose_name = "perceel"
        verbose_name_plural = "percelen"
        ordering = ["aanbesteding", "volgorde", "code"]
        constraints = [models.UniqueConstraint(fields=["aanbesteding", "code"], name="perceelcode_uniek_per_aanbesteding")]

    def __str__(self):
        return f"{self.code} {self.naam}"

    def clean(self):
        # A sub-perceel of another procedure would vanish from the public tree (selectors.procedure_details roots
        # only the percelen of this procedure without hoofdperceel). A CHECK cannot look across the join, so the
        # model (and every ModelForm, the Wagtail admin included) refuses it here.
        super().clean()
        if self.hoofdperceel_id is None:
            return
        if self.pk is not None and self.hoofdperceel_id == self.pk:
            raise ValidationError({"hoofdperceel": "Een perceel kan niet zijn eigen hoofdperceel zijn."})
        hoofd_aanbesteding = (
            Perceel.objects.filter(pk=self.hoofdperceel_id).values_list("aanbesteding_id", flat=True).first()
        )
        if self.aanbesteding_id is not None and hoofd_aanbesteding != self.aanbesteding_id:
            raise ValidationError(
                {"hoofdperceel": "Het hoofdperceel hoort bij een andere procedure; kies een perceel van deze procedure."}
            )


class PerceelAfhankelijkheid(models.Model):
    """Perceel X requires perceel Y: in the same inschrijving, or already contracted (issue 4).

    Examples: a residential lot needs an ambulant lot; "behandelgroep zwaar" needs "midden"; a sub-perceel
    needs a contract for its main perceel (DOMAIN.md step 2).
    """

    REGIO_PAD = "perceel__aanbesteding__regio"

    perceel = models.ForeignKey(Perceel, on_delete=models.CASCADE, related_name="afhankelijkheden")
    vereist = models.ForeignKey(Perceel, verbose_name="vereist perceel", on_delete=models.CASCADE, related_name="+")
    toelichting = models.CharField("toelichting", max_length=255, blank=True)

    class Meta:
        verbose_name = "perceelafhankelijkheid"
        verbose_name_plural = "perceelafhankelijkheden"
        constraints = [
            models.UniqueConstraint(fields=["perceel", "vereist"], name="afhankelijkheid_uniek"),
            models.CheckConstraint(condition=~Q(perceel=models.F("vereist")), name="perceel_vereist_niet_zichzelf"),
        ]

    def __str__(self):
        return f"{self.perceel.code} vereist {self.vereist.code}"


class Perceelregel(models.Model):
    """A lot rule that a single "requires perceel Y" cannot express (issue 19).

    - één van: the perceel needs at least one of a group (Gooi residential lots need 5.1 or 5.2, 003 r.512);
    - minimaal: at least ``aantal`` of a group (5.3 needs >= 2 extra ambulant and >= 2 residential sub-percelen,
      003 r.514-520; two rules);
    - locatie: a location within the region's municipalities (5.3 "standplaats binnen de regiogemeenten",
      003 r.514; 5.10.1 r.4632).
    Met in the same inschrijving or by a running contract, like PerceelAfhankelijkheid.
    """

    REGIO_PAD = "perceel__aanbesteding__regio"

    class Soort(models.TextChoices):
        EEN_VAN = "een_van", "Vereist één van deze percelen"
        MINIMAAL = "minimaal", "Vereist een minimum aantal van deze percelen"
        LOCATIE = "locatie", "Vereist een vestiging in de regio"

    perceel = models.ForeignKey(Perceel, verbose_name="perceel", on_delete=models.CASCADE, related_name="regels")
    soort = models.CharField("soort", max_length=10, choices=Soort.choices)
    percelen = models.ManyToManyField(Perceel, verbose_name="groep van percelen", blank=True, related_name="+")
    aantal = models.PositiveSmallIntegerField("minimum aantal", default=1, validators=[MinValueValidator(1)])
    toelichting = models.CharField("toelichting", max_length=255, blank=True)
    bron = models.CharField("bron", max_length=100, blank=True)

    class Meta:
        verbose_name = "perceelregel"
        verbose_name_plural = "perceelregels"
        ordering = ["perceel", "soort", "pk"]

    def __str__(self):
        return f"{self.perceel.code}: {self.get_soort_display().lower()}"


class Toetredingsmoment(models.Model):
    """When providers may submit: a window (opens, closes at a date and hour) or continuous from a moment."""

    REGIO_PAD = "aanbesteding__regio"

    class Soort(models.TextChoices):
        VENSTER = "venster", "Venster met sluitingsdatum"
        CONTINU = "continu", "Doorlopend"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="toetredingsmomenten")
    naam = models.CharField("naam", max_length=200, help_text="Bijvoorbeeld: Toetredingsronde juni 2023.")
    soort = models.CharField("soort", max_length=10, choices=Soort.choices, default=Soort.VENSTER)
    opent_op = models.DateTimeField("opent op")
    sluit_op = models.DateTimeField(
        "sluit op", null=True, blank=True, help_text="Datum en uur, bijvoorbeeld 30-06-2023 10:00. Leeg bij doorlopend."
    )
    percelen = models.ManyToManyField(
        Perceel, verbose_name="percelen", blank=True, related_name="toetredingsmomenten",
        help_text="Leeg = alle percelen van de aanbesteding.",
    )

    class Meta:
        verbose_name = "toetredingsmoment"
        verbose_name_plural = "toetredingsmomenten"
        ordering = ["aanbesteding", "opent_op"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sluit_op__isnull=True) | Q(sluit_op__gt=models.F("opent_op")), name="moment_sluit_na_opening"
            ),
            models.CheckConstraint(
                condition=~Q(soort="venster") | Q(sluit_op__isnull=False), name="venster_heeft_sluitingsmoment"
            ),
        ]

    def __str__(self):
        if self.sluit_op:
            return f"{self.naam} (sluit {timezone.localtime(self.sluit_op):%d-%m-%Y %H:%M})"
        return f"{self.naam} (doorlopend)"

    def is_open(self, moment=None) -> bool:
        moment = moment or kalender.nu()
        return self.opent_op <= moment and (self.sluit_op is None or moment < self.sluit_op)

    @property
    def is_verzegeld(self) -> bool:
        """Windowed rounds stay sealed until closing time (the 'digitale kluis', DOMAIN.md step 3)."""
        return self.soort == self.Soort.VENSTER and self.sluit_op is not None and kalender.nu() < self.sluit_op


product_code_validator = RegexValidator(
    r"^[0-9]{2}[0-9A-Z]{3}$",
    "Een productcode bestaat uit 5 posities: 2 cijfers (productcategorie) en 3 cijfers of hoofdletters, bijv. 45A04.",
    code="productcode",
)
categorie_validator = RegexValidator(r"^[0-9]{2}$", "Een productcategorie bestaat uit 2 cijfers.", code="categorie")


class Eenheid(models.TextChoices):
    """iStandaard WJ756 units (DOMAIN.md, Product book)."""

    MINUUT = "minuut", "minuut"
    UUR = "uur", "uur"
    DAGDEEL = "dagdeel", "dagdeel"
    ETMAAL = "etmaal", "etmaal"
    STUKS = "stuks", "stuks"
    EURO = "euro", "euro"


class Frequentie(models.TextChoices):
    WEEK = "week", "per week"
    MAAND = "maand", "per maand"
    TOTAAL = "totaal", "totaal binnen geldigheid"


# The iStandaarden code values next to the words (issue 19): WJ756 / WMO756 "Eenheid" and WJ757 / WMO757
# "Frequentie" of the iJw/iWmo code lists. Exports carry both; the words stay what people read.
# Checked against the iJw/iWmo release 3.2 code lists as summarised in /work/shared/domain/peers-and-standards.md
# §4.4 (informatiemodel.istandaarden.nl, element Eenheid/LDT_Eenheid, max. 2 posities): WJ756 01 minuut, 04 uur,
# 14 etmaal, 16 dagdeel (4 uur), 82 stuks (output), 83 euro's, 84 stuks (inspanning); WMO757 1 per dag, 2 per week,
# 4 per maand, 6 totaal binnen geldigheidsduur toewijzing. The values below agree. "stuks" maps to 82 (output:
# the stuks products of the sources are trajects, e.g. MLO 53A02 "per beschikking", 002 r.633); 84 is not used.
EENHEID_CODES = {
    Eenheid.MINUUT: "01", Eenheid.UUR: "04", Eenheid.ETMAAL: "14", Eenheid.DAGDEEL: "16",
    Eenheid.STUKS: "82", Eenheid.EURO: "83",
}
FREQUENTIE_CODES = {Frequentie.WEEK: "2", Frequentie.MAAND: "4", Frequentie.TOTAAL: "6"}


class Bekostiging(models.TextChoices):
    """Funding model of a product (001 §6.1)."""

    PXQ = "pxq", "Inspanningsgericht (p × q)"
    TAAKGERICHT = "taakgericht", "Taakgericht"
    LUMPSUM = "lumpsum", "Lumpsum"


class Product(index.Indexed, models.Model):
    REGIO_PAD = "perceel__aanbesteding__regio"

    perceel = models.ForeignKey(Perceel, verbose_name="perceel", on_delete=models.PROTECT, related_name="producten")
    categorie = models.CharField("productcategorie", max_length=2, validators=[categorie_validator])
    code = models.CharField("productcode", max_length=5, validators=[product_code_validator])
    naam = models.CharField("naam", max_length=255)
    omschrijving = models.TextField("omschrijving", blank=True)
    eenheid = models.CharField("eenheid", max_length=10, choices=Eenheid.choices)
    frequentie = models.CharField("frequentie", max_length=10, choices=Frequentie.choices, default=Frequentie.TOTAAL)
    minimale_kwalificatie = models.CharField("minimale kwalificatie personeel", max_length=255, blank=True)
    voorganger = models.ForeignKey(
        "self", verbose_name="vervangt", null=True, blank=True, on_delete=models.SET_NULL, related_name="opvolgers",
        help_text="Het product (code) dat dit product vervangt, bijv. 45A65 verving JW 35502.",
    )
    voorganger_code = models.CharField(
        "vervangt code (extern)", max_length=20, blank=True, help_text="Voor een voorganger buiten dit productenboek."
    )
    # The source's own spelling when the tidy name differs (002 r.1191: "Verblijf begeleiding- Midden Kamer
    # training centrum J&O").
    naam_bron = models.CharField("naam in de bron", max_length=255, blank=True)
    bekostiging = models.CharField("bekostiging", max_length=12, choices=Bekostiging.choices, default=Bekostiging.PXQ)
    beperking = models.CharField(
        "gebruiksbeperking", max_length=255, blank=True,
        help_text="Bijvoorbeeld: alleen voor uitstromende jongeren (000 deel A).",
    )
    # A yearly product book: a product exists from a date and may be dropped (000 "Vervallen producten"); new,
    # renamed and dropped in a year are read from these dates and the predecessor.
    geldig_vanaf = models.DateField("geldig vanaf", null=True, blank=True, help_text="Leeg: vanaf de start van de procedure.")
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True, help_text="Leeg: zolang de procedure loopt.")
    volgorde = models.PositiveIntegerField(default=0)

    # Site search over products (issue 3).
    search_fields = [
        index.SearchField("code"),
        index.SearchField("naam"),
        index.SearchField("omschrijving"),
        index.AutocompleteField("naam"),
        # The admin chooser searches within the user's regions as "pk in (...)" (organisaties.regios).
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = "product"
        verbose_name_plural = "producten"
        ordering = ["perceel__volgorde", "volgorde", "code"]
        constraints = [
            models.UniqueConstraint(fields=["perceel", "code"], name="productcode_uniek_per_perceel"),
            models.CheckConstraint(condition=Q(code__startswith=models.F("categorie")), name="code_begint_met_categorie"),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_vanaf__isnull=True) | Q(geldig_tot__gte=models.F("geldig_vanaf")),
                name="product_tot_na_vanaf",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.naam}"

    @property
    def is_verblijf(self) -> bool:
        """A residential product is billed per etmaal: the weights of indexation (003a §3.9) and the location and
        group size of an admission (000 r.29-31) follow from it."""
        return self.eenheid == Eenheid.ETMAAL


def beperking_tekst(keuze) -> str:
    """One Dutch line for the restrictions of an admission per product (any object with beperking, leeftijd_van,
    leeftijd_tot, locatie, groepsomvang): "12 t/m 17 jaar; locatie Nijmegen (groep van 8); alleen ..."."""
    delen = []
    van, tot = keuze.leeftijd_van, keuze.leeftijd_tot
    if van is not None and tot is not None:
        delen.append(f"{van} t/m {tot} jaar")
    elif van is not None:
        delen.append(f"vanaf {van} jaar")
    elif tot is not None:
        delen.append(f"tot en met {tot} jaar")
    if keuze.locatie:
        delen.append(f"locatie {keuze.locatie}" + (f" (groep van {keuze.groepsomvang})" if keuze.groepsomvang else ""))
    elif keuze.groepsomvang:
        delen.append(f"groep van {keuze.groepsomvang}")
    if keuze.beperking:
        delen.append(keuze.beperking)
    return "; ".join(delen)


class Productbeperkingen(models.Model):
    """The restrictions of an admission per product (000 Part A and §5.1 "Award": a note such as "alleen voor
    uitstromende jongeren", an age group, and for a residential product its location and group size). The choice
    (inschrijving), the decision (toetsing) and the contract (overeenkomst) each keep their own rows with these
    fields (ADR 0023); the product book is where they are defined once."""

    beperking = models.CharField("beperking", max_length=255, blank=True)
    leeftijd_van = models.PositiveSmallIntegerField("leeftijd vanaf", null=True, blank=True)
    leeftijd_tot = models.PositiveSmallIntegerField("leeftijd tot en met", null=True, blank=True)
    locatie = models.CharField("vestigingsplaats (locatie)", max_length=200, blank=True)
    groepsomvang = models.PositiveSmallIntegerField("groepsomvang", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def beperking_tekst(self) -> str:
        return beperking_tekst(self)


class Productintensiteit(models.Model):
    """An intensity of a product as data (issue 19): the key its tariffs use, a name, and the volume it stands for
    (e.g. hours per week, or begeleiders per child in the intensiteitenmodel of 000)."""

    REGIO_PAD = "product__perceel__aanbesteding__regio"

    product = models.ForeignKey(Product, verbose_name="product", on_delete=models.CASCADE, related_name="intensiteiten")
    code = models.CharField("code", max_length=100, help_text="De sleutel in de tarieven, bijv. zwaar of extra_zwaar.")
    naam = models.CharField("naam", max_length=100)
    omschrijving = models.TextField("omschrijving", blank=True)
    omvang_min = models.DecimalField("omvang vanaf", max_digits=8, decimal_places=2, null=True, blank=True)
    omvang_max = models.DecimalField("omvang tot en met", max_digits=8, decimal_places=2, null=True, blank=True)
    omvang_eenheid = models.CharField("eenheid van de omvang", max_length=50, blank=True, help_text="Bijv. uur per week.")
    volgorde = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "intensiteit"
        verbose_name_plural = "intensiteiten"
        ordering = ["product", "volgorde", "code"]
        constraints = [
            models.UniqueConstraint(fields=["product", "code"], name="intensiteit_uniek_per_product"),
            models.CheckConstraint(
                condition=Q(omvang_min__isnull=True) | Q(omvang_max__isnull=True) | Q(omvang_max__gte=models.F("omvang_min")),
                name="intensiteit_max_na_min",
            ),
        ]

    def __str__(self):
        return f"{self.product.code} {self.naam}"


class Samenloopregel(models.Model):
    """Which products may or may not run together for one client (000 r.356-377): published in the product book
    and the API."""

    REGIO_PAD = "aanbesteding__regio"

    class Soort(models.TextChoices):
        NIET = "niet", "Mag niet samen"
        VOORWAARDE = "voorwaarde", "Alleen onder voorwaarde"
        WEL = "wel", "Mag wel samen (uitzondering)"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="samenloopregels")
    soort = models.CharField("soort", max_length=12, choices=Soort.choices)
    producten = models.ManyToManyField(Product, verbose_name="producten", related_name="+")
    met_producten = models.ManyToManyField(
        Product, verbose_name="met producten", blank=True, related_name="+",
        help_text="Leeg: de producten onderling (bijv. geen twee verblijfsproducten tegelijk).",
    )
    voorwaarde = models.CharField("voorwaarde", max_length=255, blank=True, help_text="Bijv. na een goedgekeurd meerzorgverzoek.")
    toelichting = models.TextField("toelichting", blank=True)
    bron = models.CharField("bron", max_length=100, blank=True)
    volgorde = models.PositiveIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "samenloopregel"
        verbose_name_plural = "samenloopregels"
        ordering = ["aanbesteding", "volgorde", "pk"]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.toelichting[:60]}"


class Productafhankelijkheid(models.Model):
    """Whoever delivers one of ``producten`` must also deliver all of ``vereist`` (002 r.1033: "zwaar" needs
    "midden"; bronnen.mlo.PRODUCT_AFHANKELIJKHEDEN). Enforced when an inschrijving chooses products."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="productafhankelijkheden")
    producten = models.ManyToManyField(Product, verbose_name="als één van deze producten", related_name="+")
    vereist = models.ManyToManyField(Product, verbose_name="dan ook deze producten", related_name="+")
    toelichting = models.CharField("toelichting", max_length=255, blank=True)
    bron = models.CharField("bron", max_length=100, blank=True)

    class Meta:
        verbose_name = "productafhankelijkheid"
        verbose_name_plural = "productafhankelijkheden"
        ordering = ["aanbesteding", "pk"]

    def __str__(self):
        return self.toelichting or f"Productafhankelijkheid {self.pk}"


class Omrekentabel(models.Model):
    """A conversion table published with the products it concerns (002 PB 7.1 r.1143-1155: a logeer stay in hours
    to etmalen and dagdelen; bronnen.mlo.LOGEREN_OMREKENING). ``rijen``: [{"tot_en_met_uur": 26, "etmalen": 1,
    "dagdelen": 0}, ...], ascending."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="omrekentabellen")
    naam = models.CharField("naam", max_length=200)
    producten = models.ManyToManyField(Product, verbose_name="geldt voor", related_name="omrekentabellen")
    rijen = models.JSONField("rijen", default=list)
    toelichting = models.TextField("toelichting", blank=True)
    bron = models.CharField("bron", max_length=100, blank=True)

    class Meta:
        verbose_name = "omrekentabel"
        verbose_name_plural = "omrekentabellen"
        ordering = ["aanbesteding", "naam"]

    def __str__(self):
        return self.naam

    def clean(self):
        super().clean()
        vorige = 0
        try:
            for rij in self.rijen:
                uur, etmalen, dagdelen = int(rij["tot_en_met_uur"]), int(rij["etmalen"]), int(rij["dagdelen"])
                if uur <= vorige or etmalen < 0 or dagdelen < 0:
                    raise ValueError
                vorige = uur
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                {"rijen": "Elke rij heeft oplopende uren (tot_en_met_uur) en niet-negatieve etmalen en dagdelen."}
            ) from None


class TariefQuerySet(models.QuerySet):
    def geldig_op(self, datum):
        return self.filter(geldig_van__lte=datum).filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=datum))

    def voor_jaar(self, jaar: int):
        """Tariffs in force at any moment of ``jaar``."""
        return self.filter(geldig_van__lte=date(jaar, 12, 31)).filter(
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=date(jaar, 1, 1))
        )


class Tarief(models.Model):
    """A tariff of a product for a period (normally a calendar year), possibly per intensity."""

    REGIO_PAD = "product__perceel__aanbesteding__regio"

    product = models.ForeignKey(Product, verbose_name="product", on_delete=models.CASCADE, related_name="tarieven")
    intensiteit = models.CharField("intensiteit", max_length=100, blank=True, help_text="Leeg als er één tarief is.")
    geldig_van = models.DateField("geldig van")
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)
    bedrag = models.DecimalField(
        "tarief (€)", max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    # Indexation rounds the published tariff to cents but carries the unrounded value forward (issue 6).
    bedrag_onafgerond = models.DecimalField("tarief onafgerond", max_digits=16, decimal_places=6, null=True, blank=True)
    bron = models.CharField("bron", max_length=255, blank=True, help_text="Bijv. productenboek 2024 of addendum 3.")
    # A tariff agreed with one provider (002 r.481: tariffs "vanuit de gunning", possibly per provider). Empty: the
    # tariff for every provider.
    organisatie = models.ForeignKey(
        Organisatie, verbose_name="alleen voor aanbieder", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    # 003 §6.22 (r.2438-2470): the base the provisional index was applied to. Next year's base is this base
    # corrected with the definitive index of this year; the published tariff is that base times the new provisional
    # index. Empty for tariffs that did not come from an indexation round.
    grondslag = models.DecimalField("grondslag indexatie", max_digits=16, decimal_places=6, null=True, blank=True)

    objects = TariefQuerySet.as_manager()

    class Meta:
        verbose_name = "tarief"
        verbose_name_plural = "tarieven"
        ordering = ["product", "intensiteit", "geldig_van"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "intensiteit", "geldig_van"], condition=Q(organisatie__isnull=True),
                name="tarief_uniek_per_start",
            ),
            models.UniqueConstraint(
                fields=["product", "intensiteit", "geldig_van", "organisatie"], condition=Q(organisatie__isnull=False),
                name="aanbiedertarief_uniek_per_start",
            ),
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=models.F("geldig_van")), name="tarief_tot_na_van"
            ),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="tarief_niet_negatief"),
        ]

    def __str__(self):
        intensiteit = f" ({self.intensiteit})" if self.intensiteit else ""
        return f"{self.product.code}{intensiteit} vanaf {self.geldig_van:%d-%m-%Y}: € {self.bedrag}"


class Documentsoort(models.TextChoices):
    """Kinds of evidence an eis can ask for; the wallet reuses a document across eisen by its kind."""

    KVK_UITTREKSEL = "kvk_uittreksel", "Uittreksel Kamer van Koophandel"
    GEDRAGSVERKLARING = "gedragsverklaring", "Gedragsverklaring aanbesteden"
    VOG = "vog", "Verklaring omtrent het gedrag (VOG)"
    VOG_BELEID = "vog_beleid", "VOG-beleid"
    BETALINGSGEDRAG = "betalingsgedrag", "Verklaring betalingsgedrag"
    REGISTRATIE = "registratie", "Registratie SKJ/BIG"
    INSPECTIERAPPORT = "inspectierapport", "Inspectierapport"
    KEURMERK = "keurmerk", "Keurmerk of certificaat"
    VERZEKERING = "verzekering", "Verzekeringspolis"
    KLACHTENREGELING = "klachtenregeling", "Klachtenregeling"
    MELDCODE = "meldcode", "Meldcode huiselijk geweld en kindermishandeling"
    SROI_PLAN = "sroi_plan", "SROI-plan (Formulier H)"
    JAARVERSLAG = "jaarverslag", "Jaarverslag of jaarrekening"
    PLAN = "plan", "Plan van aanpak"
    OVERIG = "overig", "Overig"


class Rectificatie(models.Model):
    """A numbered new version of a procedure's eisen, the only way to change them once frozen (issue 18, ADR 0014).

    Staff prepare it as a concept (new, changed and withdrawn eisen point at it) and publish it with a reason;
    from then on it is binding, announced on the procedure page and mailed to the providers concerned. Version
    ``nummer`` of the eisen = the first eisen plus rectificaties 1..nummer.
    """

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(
        Aanbesteding, verbose_name="aanbesteding", on_delete=models.PROTECT, related_name="rectificaties"
    )
    nummer = models.PositiveIntegerField("nummer")
    reden = models.TextField("reden", blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="aangemaakt door", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gepubliceerd door", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "rectificatie van de eisen"
        verbose_name_plural = "rectificaties van de eisen"
        ordering = ["aanbesteding", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "nummer"], name="rectificatienummer_uniek"),
            # One concept at a time: its number is the next version, so versions never interleave.
            models.UniqueConstraint(
                fields=["aanbesteding"], condition=Q(gepubliceerd_op__isnull=True), name="een_concept_rectificatie"
            ),
            models.CheckConstraint(
                condition=Q(gepubliceerd_op__isnull=True) | ~Q(reden=""), name="gepubliceerde_rectificatie_heeft_reden"
            ),
        ]

    def __str__(self):
        return f"Rectificatie {self.nummer} – {self.aanbesteding.titel}"

    @property
    def is_gepubliceerd(self) -> bool:
        return self.gepubliceerd_op is not None

    def aanvullen_tot(self, sluit_op=None):
        """Until when a submitted inschrijving may complete what this rectificatie asks anew: the procedure's
        aanvultermijn counted from the day of publication, ending 23:59 Europe/Amsterdam on the last day, and
        never before the closing moment ``sluit_op`` of the inschrijving's round (a provider in a round still
        open keeps the whole round). Like the hersteltermijn (inschrijving.services.herstel_deadline)."""
        laatste_dag = self.aanbesteding.aanvultermijn.bereken(self.gepubliceerd_op.astimezone(kalender.TZ).date())
        einde = kalender.deadline_op(laatste_dag, 23, 59)
        return max(einde, sluit_op) if sluit_op is not None else einde


class EisQuerySet(models.QuerySet):
    def in_versie(self, nummer: int):
        """The eisen of version ``nummer``: introduced at or before it (published) and not withdrawn by then."""
        return self.filter(
            Q(in_rectificatie__isnull=True)
            | Q(in_rectificatie__nummer__lte=nummer, in_rectificatie__gepubliceerd_op__isnull=False)
        ).filter(
            Q(ingetrokken_in__isnull=True) | Q(ingetrokken_in__nummer__gt=nummer)
            | Q(ingetrokken_in__gepubliceerd_op__isnull=True)
        )


class Eis(models.Model):
    """A requirement of a procedure (or of one perceel), with how it is answered and assessed.

    Versioned (ADR 0014): an eis of a rectificatie carries ``in_rectificatie``; a withdrawn one ``ingetrokken_in``;
    a changed eis is the old one withdrawn plus a new one that ``vervangt`` it. Eisen are never deleted once
    frozen: a submitted inschrijving keeps answering the version it was submitted under.
    """

    REGIO_PAD = "aanbesteding__regio"

    class Soort(models.TextChoices):
        # The VNG three-step assessment order (DOMAIN.md step 4).
        UITSLUITINGSGROND = "uitsluitingsgrond", "Uitsluitingsgrond"
        GESCHIKTHEIDSEIS = "geschiktheidseis", "Geschiktheidseis"
        UITVOERINGSEIS = "uitvoeringseis", "Uitvoeringseis"

    class Antwoordtype(models.TextChoices):
        JA_NEE = "ja_nee", "Verklaring ja/nee"
        TEKST = "tekst", "Tekst"
        PLAN = "plan", "Plan (beoordeeld met een score)"
        GETAL = "getal", "Getal"
        DOCUMENT = "document", "Document uploaden"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="eisen")
    perceel = models.ForeignKey(
        Perceel, verbose_name="perceel", null=True, blank=True, on_delete=models.CASCADE, related_name="eisen",
        help_text="Leeg = de eis geldt voor de hele inschrijving.",
    )
    code = models.CharField("code", max_length=30, help_text="Bijvoorbeeld G1, S1G1 of Eis 21. Alleen voor medewerkers.")
    # What a provider and the public read (issue 12): a readable title instead of the internal code ("Eis 21") and no
    # source reference ("Bron: 003 r. 701-703"); code and bron stay for staff, the assessment and the audit.
    titel = models.CharField(
        "titel", max_length=200, blank=True,
        help_text="Leesbare titel voor aanbieders en publiek, bijvoorbeeld “Verklaring Omtrent het Gedrag”. "
                  "Leeg = het begin van de eistekst.",
    )
    tekst = models.TextField("eis")
    bron = models.CharField(
        "bron", max_length=100, blank=True,
        help_text="Vindplaats in het aanbestedingsdocument, bijvoorbeeld “003 r. 701-703”. Alleen voor medewerkers.",
    )
    verklaring = models.TextField(
        "tekst van de verklaring", blank=True,
        help_text="Bij een verklaring (ja/nee): wat de aanbieder verklaart door aan te vinken, bijvoorbeeld “Ik verklaar "
                  "dat geen van deze uitsluitingsgronden op ons van toepassing is.” Leeg = een algemene verklaring "
                  "dat aan de eis wordt voldaan.",
    )
    toelichting = models.TextField("toelichting", blank=True)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    antwoordtype = models.CharField("antwoordtype", max_length=10, choices=Antwoordtype.choices)
    knock_out = models.BooleanField("knock-out", default=True)
    verwacht_antwoord_ja = models.BooleanField(
        "voldoet bij antwoord ja", default=True, help_text="Voor ja/nee: welk antwoord aan de eis voldoet."
    )
    max_woorden = models.PositiveIntegerField("maximum aantal woorden", null=True, blank=True)
    documentsoort = models.CharField("documentsoort", max_length=30, choices=Documentsoort.choices, blank=True)
    max_leeftijd_maanden = models.PositiveSmallIntegerField(
        "maximale leeftijd document (maanden)", null=True, blank=True,
        help_text="KvK-uittreksel 3, Gedragsverklaring aanbesteden 24, VOG 3 (003b §5).",
    )
    toegestane_bestanden = models.CharField(
        "toegestane bestandssoorten", max_length=50, default="pdf",
        help_text="Kommagescheiden: pdf, afbeelding, office.",
    )
    min_score = models.DecimalField("minimale score", max_digits=5, decimal_places=2, null=True, blank=True)
    max_score = models.DecimalField("maximale score", max_digits=5, decimal_places=2, null=True, blank=True)
    per_lid = models.BooleanField(
        "ook per combinant/onderaannemer", default=False,
        help_text="Combinanten en onderaannemers leveren voor deze eis hun eigen bewijs.",
    )
    volgorde = models.PositiveIntegerField("volgorde", default=0)
    in_rectificatie = models.ForeignKey(
        Rectificatie, verbose_name="ingevoerd bij rectificatie", null=True, blank=True, on_delete=models.PROTECT,
        related_name="nieuwe_eisen", editable=False,
    )
    ingetrokken_in = models.ForeignKey(
        Rectificatie, verbose_name="ingetrokken bij rectificatie", null=True, blank=True, on_delete=models.PROTECT,
        related_name="ingetrokken_eisen", editable=False,
    )
    vervangt = models.ForeignKey(
        "self", verbose_name="vervangt eis", null=True, blank=True, on_delete=models.PROTECT,
        related_name="vervangen_door", editable=False,
    )

    objects = EisQuerySet.as_manager()

    class Meta:
        verbose_name = "eis"
        verbose_name_plural = "eisen"
        ordering = ["aanbesteding", "volgorde", "code"]
        constraints = [
            # Unique among the eisen not withdrawn: a changed eis keeps its code in the new version.
            models.UniqueConstraint(
                fields=["aanbesteding", "perceel", "code"], condition=Q(ingetrokken_in__isnull=True), name="eiscode_uniek"
            ),
            models.CheckConstraint(
                condition=~Q(antwoordtype="document") | ~Q(documentsoort=""), name="documenteis_heeft_soort"
            ),
            models.CheckConstraint(
                condition=Q(min_score__isnull=True) | Q(max_score__isnull=True) | Q(min_score__lte=models.F("max_score")),
                name="min_score_onder_max",
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.tekst[:80]}"

    @property
    def weergavetitel(self) -> str:
        """The title a provider and the public see: ``titel``, else the first sentence of the text, shortened."""
        if self.titel:
            return self.titel
        zin = self.tekst.split(". ")[0].split(":")[0].strip().rstrip(".")
        return zin if len(zin) <= 90 else zin[:87].rsplit(" ", 1)[0] + " …"

    @property
    def verklaringstekst(self) -> str:
        """The sentence the provider ticks for a ja/nee eis: a declaration, not an ambiguous Ja/Nee (issue 12)."""
        if self.verklaring:
            return self.verklaring
        if self.verwacht_antwoord_ja:
            return "Ik verklaar dat onze organisatie aan deze eis voldoet."
        return "Ik verklaar dat dit niet op onze organisatie van toepassing is."

    @property
    def versie(self) -> int:
        """The version of the eisen this eis entered (0 = first published)."""
        return self.in_rectificatie.nummer if self.in_rectificatie_id else 0

    @property
    def bestandssoorten(self) -> tuple[str, ...]:
        return tuple(s.strip() for s in self.toegestane_bestanden.split(",") if s.strip())


# ---------------------------------------------------------------------------------------------------------
# Publication: versioned documents, the change log, questions and the Nota van Inlichtingen (issue 3).
# ---------------------------------------------------------------------------------------------------------


class TweedePersoonGoedkeuring(AbstractGroupApprovalTask):
    """A Wagtail workflow task approved by a member of the chosen groups who did not submit it (vier-ogen).

    Publishing a procedure page or a new document version needs a second person's approval (issue 3). The
    plain GroupApprovalTask lets a group member approve their own submission; this task refuses that.
    """

    @staticmethod
    def _indiener_id(obj):
        staat = getattr(obj, "current_workflow_state", None)
        return staat.requested_by_id if staat is not None else None

    def _bereik(self, user):
        """The regions where ``user`` holds the role of one of the task's groups (group name = role, issue 17)."""
        from organisaties.regios import bereik

        return bereik(user, *(g.name for g in self.groups.all()))

    def _in_regio(self, obj, user) -> bool:
        """A second person of the same region only: an inkoper of region B neither sees nor decides a version of
        region A. Content that belongs to no region (the home page) is left to the groups alone."""
        from wagtail.models import Page

        from core.regio import regio_pad
        from organisaties.regios import in_bereik

        doel = obj.specific if isinstance(obj, Page) else obj
        return regio_pad(type(doel)) is None or in_bereik(doel, self._bereik(user))

    def get_actions(self, obj, user):
        if user.pk is not None and self._indiener_id(obj) == user.pk:
            return []
        if not self._in_regio(obj, user):
            return []
        return super().get_actions(obj, user)

    # The refusals (one's own submission, another region) live in core: approving publishes cms pages too, as
    # generic plumbing on the approver's behalf (core.publicatie; tests/eigendom.py).
    on_action = vier_ogen_on_action(AbstractGroupApprovalTask, mag_beslissen=lambda taak, obj, user: taak._in_regio(obj, user))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """The submitter's own submissions and other regions' content are not in this user's work queue."""
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import CharField
        from django.db.models.functions import Cast

        from core.regio import regio_pad
        from organisaties.regios import binnen

        staten = super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)
        b = self._bereik(user)
        if b.alle:
            return staten
        for ct in ContentType.objects.filter(pk__in=staten.values("workflow_state__content_type")):
            model = ct.model_class()
            if model is None or regio_pad(model) is None:
                continue
            eigen = binnen(model._default_manager.all(), b).annotate(_sleutel=Cast("pk", CharField())).values("_sleutel")
            staten = staten.exclude(Q(workflow_state__content_type=ct) & ~Q(workflow_state__object_id__in=eigen))
        return staten

    @classmethod
    def get_description(cls):
        return "Een lid van de gekozen groepen keurt goed; niet degene die het ter goedkeuring aanbood."

    class Meta:
        verbose_name = "goedkeuring door een tweede persoon"
        verbose_name_plural = "goedkeuringen door een tweede persoon"


class ProcedureDocument(index.Indexed, models.Model):
    """A published document of a procedure; its content lives in numbered versions (DocumentVersie).

    The slug gives the stable URL that always serves the current version (issue 3).
    """

    REGIO_PAD = "aanbesteding__regio"

    class Soort(models.TextChoices):
        INKOOPDOCUMENT = "inkoopdocument", "Inkoopdocument / toelatingsdocument"
        PROGRAMMA_VAN_EISEN = "programma_van_eisen", "Programma van eisen"
        MODELOVEREENKOMST = "modelovereenkomst", "Modelovereenkomst"
        PRODUCTENBOEK = "productenboek", "Productenboek"
        FORMULIER = "formulier", "Formulier"
        OVERIG = "overig", "Overig"

    aanbesteding = models.ForeignKey(Aanbesteding, verbose_name="aanbesteding", on_delete=models.CASCADE, related_name="documenten")
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    titel = models.CharField("titel", max_length=255)
    slug = models.SlugField("slug", max_length=100, help_text="Deel van het vaste adres, bijv. programma-van-eisen.")
    omschrijving = models.TextField("omschrijving", blank=True)
    volgorde = models.PositiveIntegerField("volgorde", default=0)

    search_fields = [
        index.SearchField("titel"),
        index.SearchField("omschrijving"),
        index.AutocompleteField("titel"),
        index.FilterField("aanbesteding_id"),
        # The admin chooser searches within the user's regions as "pk in (...)" (organisaties.regios).
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = "proceduredocument"
        verbose_name_plural = "proceduredocumenten"
        ordering = ["aanbesteding", "volgorde", "titel"]
        constraints = [models.UniqueConstraint(fields=["aanbesteding", "slug"], name="documentslug_uniek_per_aanbesteding")]

    def __str__(self):
        return f"{self.titel} ({self.aanbesteding.slug})"


class DocumentVersie(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model):
    """One version of a ProcedureDocument. Public once published through the workflow; never changed after.

    A replacement is a new version with a reason (rectificatie, DOMAIN.md 'Publish'); earlier versions stay
    downloadable with their date.
    """

    REGIO_PAD = "document__aanbesteding__regio"

    document = models.ForeignKey(ProcedureDocument, verbose_name="document", on_delete=models.PROTECT, related_name="versies")
    nummer = models.PositiveIntegerField("versienummer", editable=False)
    bestand = models.FileField("bestand", upload_to="procedures/documenten/%Y/")
    reden = models.TextField(
        "reden van wijziging (rectificatie)", blank=True,
        help_text="Verplicht vanaf versie 2: waarom vervangt deze versie de vorige?",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    # Wagtail's snippet workflow/revision mixins need these reverse relations (Wagtail docs, snippets).
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="documentversie")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState", content_type_field="base_content_type", object_id_field="object_id",
        related_query_name="documentversie", for_concrete_model=False,
    )

    class Meta:
        verbose_name = "documentversie"
        verbose_name_plural = "documentversies"
        ordering = ["document", "-nummer"]
        constraints = [models.UniqueConstraint(fields=["document", "nummer"], name="versienummer_uniek_per_document")]

    def __str__(self):
        return f"{self.document.titel} v{self.nummer}"

    def save(self, *args, **kwargs):
        if not self.nummer:
            self.nummer = self._volgend_nummer()
        super().save(*args, **kwargs)

    @property
    def revisions(self):
        return self._revisions

    @property
    def bestandsnaam(self) -> str:
        return Path(self.bestand.name).name if self.bestand else ""

    def clean(self):
        super().clean()
        if self.pk:
            oud = DocumentVersie.objects.filter(pk=self.pk).values("first_published_at", "bestand", "document_id").first()
            if oud and oud["first_published_at"] and (
                oud["bestand"] != self.bestand.name or oud["document_id"] != self.document_id
            ):
                raise ValidationError(
                    "Een gepubliceerde versie blijft ongewijzigd. Voeg een nieuwe versie toe met de reden (rectificatie)."
                )
        if self.bestand and not getattr(self.bestand, "_committed", True):
            # A new upload: public documents are PDF or office files, checked by content (core/uploads.py).
            from core.uploads import valideer_upload

            try:
                valideer_upload(self.bestand.file, toegestaan=("pdf", "office"))
            except ValidationError as fout:
                raise ValidationError({"bestand": fout.messages}) from fout
        nummer = self.nummer or self._volgend_nummer()
        if nummer > 1 and not self.reden.strip():
            raise ValidationError({"reden": "Geef de reden van de wijziging (rectificatie) voor een nieuwe versie."})

    def _volgend_nummer(self) -> int:
        if not self.document_id:
            return 1
        hoogste = DocumentVersie.objects.filter(document_id=self.document_id).aggregate(m=models.Max("nummer"))["m"]
        return (hoogste or 0) + 1


class ProcedureWijziging(models.Model):
    """The public change log of a procedure: new document versions, NvI's and other changes (issue 3)."""

    REGIO_PAD = "aanbesteding__regio"

    class Soort(models.TextChoices):
        DOCUMENT = "document", "Nieuwe documentversie"
        NVI = "nvi", "Nota van Inlichtingen"
        RECTIFICATIE = "rectificatie", "Rectificatie van de eisen"
        PROCEDURE = "procedure", "Wijziging procedure"
        OVERIG = "overig", "Overig"

    aanbesteding = models.ForeignKey(Aanbesteding, verbose_name="aanbesteding", on_delete=models.CASCADE, related_name="wijzigingen")
    datum = models.DateTimeField("datum", default=timezone.now)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices, default=Soort.PROCEDURE)
    omschrijving = models.TextField("omschrijving")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="vastgelegd door", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    versie = models.OneToOneField(
        DocumentVersie, verbose_name="documentversie", null=True, blank=True, on_delete=models.PROTECT, related_name="wijziging",
        editable=False,
    )

    class Meta:
        verbose_name = "wijziging van de procedure"
        verbose_name_plural = "wijzigingslog"
        ordering = ["aanbesteding", "-datum", "-id"]

    def __str__(self):
        return f"{timezone.localtime(self.datum):%d-%m-%Y}: {self.omschrijving[:80]}"


class NotaVanInlichtingen(models.Model):
    """A published, numbered set of anonymised questions and answers (NvI 1, NvI 2, ...). Binding once published."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(
        Aanbesteding, verbose_name="aanbesteding", on_delete=models.PROTECT, related_name="nota_van_inlichtingen"
    )
    nummer = models.PositiveIntegerField("nummer")
    inleiding = models.TextField("inleiding", blank=True)
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", default=timezone.now)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="gepubliceerd door", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    pdf = models.FileField("pdf", upload_to="procedures/nvi/", blank=True)
    gemaild_op = models.DateTimeField("aanbieders gemaild op", null=True, blank=True)

    class Meta:
        verbose_name = "nota van inlichtingen"
        verbose_name_plural = "nota's van inlichtingen"
        ordering = ["aanbesteding", "nummer"]
        constraints = [models.UniqueConstraint(fields=["aanbesteding", "nummer"], name="nvi_nummer_uniek")]

    def __str__(self):
        return f"Nota van Inlichtingen {self.nummer} – {self.aanbesteding.titel}"


class Vraag(models.Model):
    """A provider's question about a procedure. Staff answer it and may publish it anonymised in an NvI."""

    REGIO_PAD = "aanbesteding__regio"

    class Status(models.TextChoices):
        NIEUW = "nieuw", "Nieuw"
        BEANTWOORD = "beantwoord", "Beantwoord, nog niet gepubliceerd"
        GEPUBLICEERD = "gepubliceerd", "Gepubliceerd in een Nota van Inlichtingen"
        NIET_PUBLICEREN = "niet_publiceren", "Afgehandeld zonder publicatie"

    aanbesteding = models.ForeignKey(Aanbesteding, verbose_name="aanbesteding", on_delete=models.PROTECT, related_name="vragen")
    perceel = models.ForeignKey(Perceel, verbose_name="perceel", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    document = models.ForeignKey(
        ProcedureDocument, verbose_name="document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisatie = models.ForeignKey(Organisatie, verbose_name="organisatie", on_delete=models.PROTECT, related_name="+")
    gesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="gesteld door", on_delete=models.PROTECT, related_name="+")
    tekst = models.TextField("vraag")
    gesteld_op = models.DateTimeField("gesteld op", auto_now_add=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.NIEUW)
    # Staff may change their mind between answering publicly and closing without publication until the answer
    # is in a published Nota van Inlichtingen: from then on it binds (DOMAIN.md 'Publish').
    OVERGANGEN = Toestandsmachine(Status, {
        Status.NIEUW: {Status.BEANTWOORD, Status.NIET_PUBLICEREN},
        Status.BEANTWOORD: {Status.NIET_PUBLICEREN, Status.GEPUBLICEERD},
        Status.NIET_PUBLICEREN: {Status.BEANTWOORD},
    })
    vraag_publiek = models.TextField(
        "geanonimiseerde vraag", blank=True,
        help_text="De vraag zoals die in de Nota van Inlichtingen komt: zonder namen of andere herleidbare gegevens.",
    )
    antwoord = models.TextField("antwoord", blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="beantwoord door", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    beantwoord_op = models.DateTimeField("beantwoord op", null=True, blank=True)
    nota = models.ForeignKey(
        NotaVanInlichtingen, verbose_name="nota van inlichtingen", null=True, blank=True, on_delete=models.PROTECT,
        related_name="vragen",
    )
    volgnummer = models.PositiveIntegerField("volgnummer in de nota", null=True, blank=True)

    class Meta:
        verbose_name = "vraag"
        verbose_name_plural = "vragen"
        ordering = ["aanbesteding", "gesteld_op"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="gepubliceerd") | Q(nota__isnull=False), name="gepubliceerde_vraag_heeft_nota"
            ),
        ]

    def __str__(self):
        return f"Vraag {self.pk} over {self.aanbesteding.titel}"
