"""SROI (social return): the per-procedure regime, valuation tables, target groups (data, versioned), and
per agreement the turnover, plan, activities with evidence and reports.

Rules that differ per region are data here (ARCHITECTURE.md rule 8), with the sources' values loaded by
sroi/demo.py and the data migration 0002 from bronnen/sroi.py: MLO (002 art. 17, Bijlage 4) and Gooi en
Vechtstreek (003b Eis 56, Bijlage VII).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import localtime

from aanbesteding.models import Aanbesteding
from core.kalender import EENHEDEN
from core.opslag import prive_opslag, willekeurige_naam
from core.toestand import Toestandsmachine

from . import berekening as b

_TERMIJN_EENHEDEN = [(e, e) for e in sorted(EENHEDEN)]


class SroiRegimeQuerySet(models.QuerySet):
    def geldig_op(self, aanbesteding, datum):
        """The version in force on ``datum``: the latest one that started on or before it."""
        return self.filter(aanbesteding=aanbesteding, geldig_vanaf__lte=datum).order_by("-geldig_vanaf").first()


class SroiRegime(models.Model):
    """The SROI rules of one procedure from a date on. A change is a new version, so old years keep theirs."""

    REGIO_PAD = "aanbesteding__regio"

    class Grondslag(models.TextChoices):
        VORIG_JAAR = b.GRONDSLAG_VORIG_JAAR, "Omzet van het voorgaande jaar"
        WERKELIJK = b.GRONDSLAG_WERKELIJK, "Werkelijke omzet van het jaar zelf"

    class Ritme(models.TextChoices):
        KWARTAAL = "kwartaal", "Per kwartaal"  # 002 B4 Fase II
        HALFJAAR = "halfjaar", "Tussen- en eindevaluatie (per halfjaar)"  # 003b Bijlage VII "Tussen- en eindevaluatie"

    class TekortGevolg(models.TextChoices):
        OVERLEG = "overleg", "Overleg over nadere afspraken"  # 003b Bijlage VII A
        OVERLEG_BOETE = "overleg_boete", "Overleg en mogelijk een boete"  # 002 art. 17.4, B4 Fase II c

    aanbesteding = models.ForeignKey(
        Aanbesteding, verbose_name="aanbesteding", on_delete=models.CASCADE, related_name="sroi_regimes"
    )
    naam = models.CharField("naam", max_length=200)
    versie = models.CharField("versie", max_length=50, default="1")
    geldig_vanaf = models.DateField("geldig vanaf")
    bron = models.CharField("bron", max_length=255, blank=True, help_text="Bijvoorbeeld: 002 art. 17 en Bijlage 4.")
    is_inspanningsverplichting = models.BooleanField(
        "inspanningsverplichting", default=False, help_text="Gooi: inspanningsverplichting (003b Bijlage VII A)."
    )
    drempel = models.DecimalField(
        "drempel omzet voorgaand jaar (excl. btw)", max_digits=14, decimal_places=2, null=True, blank=True,
        help_text="Verplichting alleen bij omzet boven dit bedrag. MLO: € 250.000 (002 art. 17.1). Leeg = geen drempel.",
    )
    percentage = models.DecimalField(
        "percentage", max_digits=5, decimal_places=2, default=Decimal("5.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    grondslag = models.CharField("grondslag", max_length=20, choices=Grondslag.choices, default=Grondslag.VORIG_JAAR)
    overschot_verrekenen = models.BooleanField(
        "overschot verrekenen met volgend jaar", default=False,
        help_text="MLO: een overschot gaat af van het bedrag van het volgende jaar (002 art. 17.3).",
    )
    tekort_gevolg = models.CharField(
        "gevolg van een tekort", max_length=20, choices=TekortGevolg.choices, default=TekortGevolg.OVERLEG
    )
    rapportage_ritme = models.CharField(
        "rapportageritme", max_length=20, choices=Ritme.choices, default=Ritme.KWARTAAL
    )
    # Not in the sources for periodic reports; aanname: like the final report, one month after the period.
    periode_termijn_aantal = models.PositiveSmallIntegerField("termijn periodieke rapportage (aantal)", default=1)
    periode_termijn_eenheid = models.CharField(
        "termijn periodieke rapportage (eenheid)", max_length=20, choices=_TERMIJN_EENHEDEN, default="maanden"
    )
    eind_termijn_aantal = models.PositiveSmallIntegerField(
        "termijn eindrapportage (aantal)", default=1, help_text="MLO: 1 maand na einde looptijd (002 B4 Fase II)."
    )
    eind_termijn_eenheid = models.CharField(
        "termijn eindrapportage (eenheid)", max_length=20, choices=_TERMIJN_EENHEDEN, default="maanden"
    )
    afspraak_termijn_dagen = models.PositiveSmallIntegerField(
        "afspraak of contact binnen (kalenderdagen)", null=True, blank=True,
        help_text="MLO: 7 dagen na gunning (002 B4 Fase I); Gooi: 2 weken na ondertekening (003b Bijlage VII).",
    )
    plan_verplicht = models.BooleanField("plan van aanpak verplicht", default=True)
    plan_goedkeuren_dagen = models.PositiveSmallIntegerField(
        "plan goedkeuren binnen (kalenderdagen)", null=True, blank=True,
        help_text="Gooi: 3 weken na indiening (003b Bijlage VII).",
    )
    plan_max_paginas = models.PositiveSmallIntegerField(
        "plan maximaal pagina's", null=True, blank=True, help_text="Gooi: 2 A4 (003b Bijlage VII A). Leeg = geen maximum."
    )
    voltijd_uren = models.DecimalField(
        "voltijd uren per week", max_digits=4, decimal_places=1, default=Decimal("36.0"),
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Voor pro rata van bouwblokken. De bronnen noemen geen aantal; 36 uur is de voltijdsnorm "
        "van de cao Jeugdzorg en de cao Gehandicaptenzorg.",
    )
    toelichting = models.TextField("toelichting", blank=True)

    objects = SroiRegimeQuerySet.as_manager()

    class Meta:
        verbose_name = "SROI-regime"
        verbose_name_plural = "SROI-regimes"
        ordering = ["aanbesteding", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "geldig_vanaf"], name="sroi_regime_een_versie_per_datum"),
            models.CheckConstraint(condition=Q(drempel__isnull=True) | Q(drempel__gte=0), name="sroi_drempel_niet_negatief"),
            models.CheckConstraint(condition=Q(percentage__gte=0, percentage__lte=100), name="sroi_percentage_bereik"),
        ]

    def __str__(self):
        return f"{self.naam} (versie {self.versie}, vanaf {self.geldig_vanaf:%d-%m-%Y})"

    @property
    def parameters(self) -> b.RegimeParameters:
        return b.RegimeParameters(
            percentage=self.percentage, grondslag=self.grondslag, drempel=self.drempel,
            overschot_verrekenen=self.overschot_verrekenen,
        )


class Doelgroep(models.Model):
    """A target group of a procedure's regime (002 B4 "Doelgroepen"; 003b Bijlage VII B uitkeringsgroepen)."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="sroi_doelgroepen")
    code = models.SlugField("code", max_length=50)
    naam = models.CharField("naam", max_length=200)
    omschrijving = models.TextField("omschrijving", blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "SROI-doelgroep"
        verbose_name_plural = "SROI-doelgroepen"
        ordering = ["aanbesteding", "volgorde", "naam"]
        constraints = [models.UniqueConstraint(fields=["aanbesteding", "code"], name="sroi_doelgroep_code_uniek")]

    def __str__(self):
        return self.naam


class WaarderingstabelQuerySet(models.QuerySet):
    def geldig_op(self, aanbesteding, datum):
        return self.filter(aanbesteding=aanbesteding, geldig_vanaf__lte=datum).order_by("-geldig_vanaf").first()


class Waarderingstabel(models.Model):
    """A version of a procedure's valuation table. An activity is valued with the table in force on its start
    date, so a new table from 1 January values December and January activities differently."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="sroi_tabellen")
    naam = models.CharField("naam", max_length=200)
    versie = models.CharField("versie", max_length=50)
    geldig_vanaf = models.DateField("geldig vanaf")
    bron = models.CharField("bron", max_length=255, blank=True)
    toeslag_55_plus = models.DecimalField(
        "toeslag 55+ per voltijd jaar", max_digits=12, decimal_places=2, null=True, blank=True,
        help_text="Gooi: € 5.000 extra op het bouwblok (003b Bijlage VII B). Leeg = geen toeslag.",
    )

    objects = WaarderingstabelQuerySet.as_manager()

    class Meta:
        verbose_name = "waarderingstabel"
        verbose_name_plural = "waarderingstabellen"
        ordering = ["aanbesteding", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "geldig_vanaf"], name="sroi_tabel_een_versie_per_datum"),
            models.UniqueConstraint(fields=["aanbesteding", "versie"], name="sroi_tabel_versie_uniek"),
        ]

    def __str__(self):
        return f"{self.naam} {self.versie} (vanaf {self.geldig_vanaf:%d-%m-%Y})"


class Waarderingsregel(models.Model):
    """One row of a valuation table: an MLO category item (A-E) or a Gooi bouwblok."""

    REGIO_PAD = "tabel__aanbesteding__regio"

    class Methode(models.TextChoices):
        PER_STUK = b.PER_STUK, "Vast bedrag per deelnemer"
        PER_MAAND = b.PER_MAAND, "Bedrag per maand"
        PER_UUR = b.PER_UUR, "Bedrag per uur"
        PER_DAGDEEL = b.PER_DAGDEEL, "Bedrag per dagdeel"
        LOON_OPSLAG = b.LOON_OPSLAG, "Brutoloon plus opslag (en maandbedrag)"
        FACTUURWAARDE = b.FACTUURWAARDE, "Factuur- of stortingswaarde"
        JAARBEDRAG = b.JAARBEDRAG, "Bedrag per voltijd jaar, naar rato"

    tabel = models.ForeignKey(Waarderingstabel, on_delete=models.CASCADE, related_name="regels")
    code = models.SlugField("code", max_length=50, help_text="Stabiel over versies heen, bijv. b-snuffelstage.")
    categorie = models.CharField("categorie", max_length=50, help_text="MLO: A-E (002 B4); Gooi: bouwblok.")
    naam = models.CharField("naam", max_length=200)
    methode = models.CharField("waarderingsmethode", max_length=20, choices=Methode.choices)
    bedrag = models.DecimalField("bedrag", max_digits=12, decimal_places=2, default=Decimal("0"))
    opslag_percentage = models.DecimalField("opslag op brutoloon (%)", max_digits=5, decimal_places=2, default=Decimal("0"))
    maandbedrag = models.DecimalField("extra per maand", max_digits=12, decimal_places=2, default=Decimal("0"))
    min_aantal = models.DecimalField("minimum aantal", max_digits=8, decimal_places=2, null=True, blank=True)
    max_aantal = models.DecimalField("maximum aantal", max_digits=8, decimal_places=2, null=True, blank=True)
    vereist_goedkeuring = models.BooleanField(
        "telt pas na goedkeuring", default=False, help_text="MLO categorie C en D (002 B4)."
    )
    toeslag_55_plus_mogelijk = models.BooleanField("55+-toeslag mogelijk", default=False)
    bewijs = models.CharField("vereist bewijs", max_length=255, blank=True)
    toelichting = models.CharField("toelichting", max_length=500, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "waarderingsregel"
        verbose_name_plural = "waarderingsregels"
        ordering = ["tabel", "volgorde", "categorie", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["tabel", "code"], name="sroi_regel_code_uniek"),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="sroi_regel_bedrag_niet_negatief"),
            models.CheckConstraint(
                condition=Q(min_aantal__isnull=True) | Q(max_aantal__isnull=True) | Q(max_aantal__gte=models.F("min_aantal")),
                name="sroi_regel_min_max",
            ),
        ]

    def __str__(self):
        return f"{self.categorie} {self.naam}"

    def als_regel(self) -> b.Regel:
        return b.Regel(
            methode=self.methode, bedrag=self.bedrag, opslag_percentage=self.opslag_percentage,
            maandbedrag=self.maandbedrag, min_aantal=self.min_aantal, max_aantal=self.max_aantal, naam=self.naam,
        )


# ---------------------------------------------------------------------------------------------------------
# Per agreement: turnover, plan, activities, evidence, reports.
# ---------------------------------------------------------------------------------------------------------


class SroiOmzet(models.Model):
    """The turnover of one agreement in one year (excl. VAT), entered by the provider or imported by staff."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Bron(models.TextChoices):
        AANBIEDER = "aanbieder", "Ingevuld door de aanbieder"
        IMPORT = "import", "Geïmporteerd door het inkoopbureau"

    overeenkomst = models.ForeignKey(
        "overeenkomst.Overeenkomst", verbose_name="overeenkomst", on_delete=models.PROTECT, related_name="sroi_omzetten"
    )
    jaar = models.PositiveSmallIntegerField("jaar", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    omzet = models.DecimalField("omzet (excl. btw)", max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    bron = models.CharField("bron", max_length=20, choices=Bron.choices, default=Bron.AANBIEDER)
    ingevoerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "SROI-omzet"
        verbose_name_plural = "SROI-omzetten"
        ordering = ["overeenkomst", "jaar"]
        constraints = [
            models.UniqueConstraint(fields=["overeenkomst", "jaar"], name="sroi_omzet_per_jaar"),
            models.CheckConstraint(condition=Q(omzet__gte=0), name="sroi_omzet_niet_negatief"),
        ]

    def __str__(self):
        return f"Omzet {self.jaar}: {self.overeenkomst}"


class SroiPlan(models.Model):
    """The provider's plan van aanpak (002 B4 Fase I; 003b Bijlage VII: at most 2 A4, approved within 3 weeks)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", "Ingediend, wacht op beoordeling"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
        AFGEWEZEN = "afgewezen", "Afgewezen"

    # A plan is judged once; a rejected plan is followed by a new plan (a new row), never reopened, so what the
    # adviser judged stays as judged (ARCHITECTURE.md rule 14).
    OVERGANGEN = Toestandsmachine(Status, {
        Status.INGEDIEND: {Status.GOEDGEKEURD, Status.AFGEWEZEN},
    })

    overeenkomst = models.ForeignKey("overeenkomst.Overeenkomst", on_delete=models.PROTECT, related_name="sroi_plannen")
    bestand = models.FileField("bestand", storage=prive_opslag, upload_to=willekeurige_naam, max_length=255)
    originele_naam = models.CharField("bestandsnaam", max_length=255)
    grootte = models.PositiveBigIntegerField("grootte (bytes)")
    sha256 = models.CharField("sha256", max_length=64)
    paginas = models.PositiveSmallIntegerField("pagina's", null=True, blank=True)
    verwachte_opdrachtsom = models.DecimalField(
        "(verwachte) opdrachtsom", max_digits=14, decimal_places=2, null=True, blank=True,
        help_text="003b Bijlage VII, onderdeel 1 van het plan.",
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.INGEDIEND, db_index=True)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    reden = models.TextField("toelichting beoordeling", blank=True)

    class Meta:
        verbose_name = "SROI-plan"
        verbose_name_plural = "SROI-plannen"
        ordering = ["-ingediend_op"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(reden=""), name="sroi_plan_afwijzing_met_reden"
            ),
        ]

    def __str__(self):
        return f"SROI-plan {self.overeenkomst} ({self.ingediend_op:%d-%m-%Y})"


class SroiRapportage(models.Model):
    """A periodic report (quarter or half year) or the final report, assembled from activities and frozen on
    submission (002 B4 Fase II: quarterly, final report within a month after the term; 003b: interim and final)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Soort(models.TextChoices):
        KWARTAAL = "kwartaal", "Kwartaalrapportage"
        HALFJAAR = "halfjaar", "Tussenevaluatie"
        EIND = "eind", "Eindrapportage"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        INGEDIEND = "ingediend", "Ingediend"
        BEWIJS_GEVRAAGD = "bewijs_gevraagd", "Aanvullend bewijs gevraagd"
        GEVERIFIEERD = "geverifieerd", "Geverifieerd"

    # 002 B4 Fase II b: the adviser may ask for contracts or payslips; the provider answers by re-submitting,
    # after which the adviser verifies (or asks again). A verified report is final.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.OPEN: {Status.INGEDIEND},
        Status.INGEDIEND: {Status.BEWIJS_GEVRAAGD, Status.GEVERIFIEERD},
        Status.BEWIJS_GEVRAAGD: {Status.INGEDIEND},
    })

    overeenkomst = models.ForeignKey("overeenkomst.Overeenkomst", on_delete=models.PROTECT, related_name="sroi_rapportages")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    jaar = models.PositiveSmallIntegerField("jaar")
    volgnummer = models.PositiveSmallIntegerField("periode", default=1, help_text="Kwartaal 1-4 of halfjaar 1-2.")
    periode_start = models.DateField("periode vanaf")
    periode_einde = models.DateField("periode tot en met")
    deadline = models.DateField("uiterlijk in te dienen op")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ingediend_op = models.DateTimeField("ingediend op", null=True, blank=True)
    toelichting = models.TextField("toelichting aanbieder", blank=True)
    bevroren_inhoud = models.JSONField("inhoud bij indiening", default=dict, blank=True)
    verplichting = models.DecimalField("verplichting", max_digits=14, decimal_places=2, null=True, blank=True)
    gerealiseerd = models.DecimalField("gerealiseerd", max_digits=14, decimal_places=2, null=True, blank=True)
    tekort = models.DecimalField("tekort", max_digits=14, decimal_places=2, null=True, blank=True)
    tekort_gesignaleerd = models.BooleanField(
        "tekort gesignaleerd", default=False, help_text="Bij de eindrapportage: overleg of boete volgens het regime."
    )
    bewijsverzoek = models.TextField("gevraagd bewijs", blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    opmerking = models.TextField("opmerking SROI-adviseur", blank=True)

    class Meta:
        verbose_name = "SROI-rapportage"
        verbose_name_plural = "SROI-rapportages"
        ordering = ["overeenkomst", "periode_einde", "soort"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "soort", "jaar", "volgnummer"], name="sroi_rapportage_eenmaal_per_periode"
            ),
            models.CheckConstraint(condition=Q(periode_einde__gte=models.F("periode_start")), name="sroi_periode_einde_na_start"),
            models.CheckConstraint(
                condition=Q(status="open") | Q(ingediend_op__isnull=False), name="sroi_ingediend_heeft_moment"
            ),
        ]

    def __str__(self):
        if self.soort == self.Soort.EIND:
            return f"Eindrapportage {self.overeenkomst}"
        return f"{self.get_soort_display()} {self.jaar}-{self.volgnummer} {self.overeenkomst}"

    @property
    def naam(self) -> str:
        if self.soort == self.Soort.KWARTAAL:
            return f"Kwartaal {self.volgnummer} {self.jaar}"
        if self.soort == self.Soort.HALFJAAR:
            return f"{'Tussenevaluatie' if self.volgnummer == 1 else 'Evaluatie tweede halfjaar'} {self.jaar}"
        return "Eindrapportage"

    @property
    def is_bevroren(self) -> bool:
        return self.status != self.Status.OPEN

    def is_te_laat(self, vandaag) -> bool:
        """Late: submitted after the deadline, or still open after it."""
        if self.ingediend_op is not None:
            from core.kalender import TZ

            return self.ingediend_op.astimezone(TZ).date() > self.deadline
        return vandaag > self.deadline


class SroiActiviteitQuerySet(models.QuerySet):
    def tellend(self):
        """Activities that count: approved, or registered under a rule that needs no prior approval
        (MLO C and D count only once approved, 002 B4). Rejected ones never count."""
        return self.filter(
            Q(status=SroiActiviteit.Status.GOEDGEKEURD)
            | Q(status=SroiActiviteit.Status.GEREGISTREERD, regel__vereist_goedkeuring=False)
        )


class SroiActiviteit(models.Model):
    """One SROI effort: a placement, internship, purchase, lecture, deposit... valued from the table in force
    on its start date. Holds an anonymised person reference only, never a name or BSN (issue 7, Quality)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        GEREGISTREERD = "geregistreerd", "Geregistreerd"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
        AFGEWEZEN = "afgewezen", "Afgewezen"

    # Judged once (MLO C and D need the approval to count, 002 B4); a judged activity is not deleted or re-judged.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.GEREGISTREERD: {Status.GOEDGEKEURD, Status.AFGEWEZEN},
    })

    overeenkomst = models.ForeignKey("overeenkomst.Overeenkomst", on_delete=models.PROTECT, related_name="sroi_activiteiten")
    regel = models.ForeignKey(
        Waarderingsregel, verbose_name="categorie of bouwblok", on_delete=models.PROTECT, related_name="activiteiten"
    )
    doelgroep = models.ForeignKey(
        Doelgroep, verbose_name="doelgroep", null=True, blank=True, on_delete=models.PROTECT, related_name="activiteiten"
    )
    persoon_referentie = models.CharField(
        "persoonsreferentie", max_length=30, blank=True,
        help_text="Een eigen code, zoals K-2024-017. Nooit een naam of BSN.",
    )
    omschrijving = models.CharField("omschrijving", max_length=255)
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    jaar = models.PositiveSmallIntegerField("jaar", db_index=True, help_text="Het jaar van de startdatum.")
    aantal = models.DecimalField("aantal (deelnemers, uren of dagdelen)", max_digits=8, decimal_places=2, null=True, blank=True)
    maanden = models.DecimalField("aantal maanden", max_digits=5, decimal_places=2, null=True, blank=True)
    uren_per_week = models.DecimalField("uren per week", max_digits=4, decimal_places=1, null=True, blank=True)
    brutoloon = models.DecimalField("uitbetaald brutoloon", max_digits=12, decimal_places=2, null=True, blank=True)
    bedrag = models.DecimalField("bedrag (factuur of storting)", max_digits=12, decimal_places=2, null=True, blank=True)
    vijfenvijftig_plus = models.BooleanField("55 jaar of ouder", default=False)
    waarde = models.DecimalField("SROI-waarde", max_digits=14, decimal_places=2)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.GEREGISTREERD, db_index=True)
    reden = models.TextField("toelichting beoordeling", blank=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    rapportage = models.ForeignKey(
        SroiRapportage, null=True, blank=True, on_delete=models.PROTECT, related_name="activiteiten",
        help_text="De eerste ingediende rapportage waarin de activiteit is opgenomen; daarna is zij bevroren.",
    )
    geregistreerd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    geregistreerd_op = models.DateTimeField("geregistreerd op", auto_now_add=True)

    objects = SroiActiviteitQuerySet.as_manager()

    class Meta:
        verbose_name = "SROI-activiteit"
        verbose_name_plural = "SROI-activiteiten"
        ordering = ["overeenkomst", "-startdatum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("startdatum")),
                name="sroi_activiteit_einde_na_start",
            ),
            models.CheckConstraint(condition=Q(waarde__gte=0), name="sroi_waarde_niet_negatief"),
            models.CheckConstraint(condition=~Q(status="afgewezen") | ~Q(reden=""), name="sroi_afwijzing_met_reden"),
        ]
        indexes = [models.Index(fields=["overeenkomst", "jaar"], name="sroi_act_ovk_jaar")]

    def __str__(self):
        return f"{self.regel.naam}: {self.omschrijving}"

    @property
    def telt_mee(self) -> bool:
        if self.status == self.Status.GOEDGEKEURD:
            return True
        return self.status == self.Status.GEREGISTREERD and not self.regel.vereist_goedkeuring

    @property
    def wacht_op_goedkeuring(self) -> bool:
        return self.status == self.Status.GEREGISTREERD and self.regel.vereist_goedkeuring


class SroiBewijsstuk(models.Model):
    """Evidence of an activity (payslips, contracts, invoices, bank statements; 002 B4), in private storage."""

    REGIO_PAD = "activiteit__overeenkomst__aanbesteding__regio"

    class Soort(models.TextChoices):
        LOONSTROOK = "loonstrook", "Loonstrook"
        CONTRACT = "contract", "Arbeids- of stageovereenkomst"
        FACTUUR = "factuur", "Factuur"
        BANKAFSCHRIFT = "bankafschrift", "Bankafschrift"
        OVERIG = "overig", "Overig"

    activiteit = models.ForeignKey(SroiActiviteit, on_delete=models.PROTECT, related_name="bewijsstukken")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    bestand = models.FileField("bestand", storage=prive_opslag, upload_to=willekeurige_naam, max_length=255)
    originele_naam = models.CharField("bestandsnaam", max_length=255)
    grootte = models.PositiveBigIntegerField("grootte (bytes)")
    sha256 = models.CharField("sha256", max_length=64)
    mime_type = models.CharField("type", max_length=100)
    geupload_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    geupload_op = models.DateTimeField("geüpload op", auto_now_add=True)
    # The malware scan after commit (sroi.tasks.bewijs_scannen, where settings.CLAMD_SOCKET is set): when clamd
    # said OK, or the name of what it found (the file is then never served). Both empty: not scanned (issue 11).
    gescand_op = models.DateTimeField("op virussen gescand op", null=True, blank=True)
    virus = models.CharField("gevonden virus", max_length=200, blank=True)
    # Strip mode (settings.UPLOAD_ACTIEVE_INHOUD = "opschonen", ADR 0012): ``bestand`` is the clean copy; the
    # upload as received is kept here for the record and no view serves it.
    origineel = models.FileField("origineel (met actieve inhoud)", storage=prive_opslag, upload_to=willekeurige_naam,
                                 max_length=255, blank=True)
    origineel_sha256 = models.CharField("sha256 origineel", max_length=64, blank=True)
    opgeschoond = models.CharField("verwijderde actieve inhoud", max_length=300, blank=True)

    class Meta:
        verbose_name = "SROI-bewijsstuk"
        verbose_name_plural = "SROI-bewijsstukken"
        ordering = ["activiteit", "geupload_op"]

    def __str__(self):
        return self.originele_naam

    @property
    def opschoning_melding(self) -> str:
        if not self.opgeschoond:
            return ""
        return (f"Uit dit bestand is actieve inhoud verwijderd ({self.opgeschoond}); de SROI-adviseur krijgt de "
                f"opgeschoonde kopie. Uw origineel is bewaard voor het dossier.")

    @property
    def scan_tekst(self) -> str:
        """What provider and SROI-adviseur read about the malware scan: never "in orde" without a scan."""
        if self.virus:
            return "Geweigerd – virus gevonden"
        if self.gescand_op is None:
            return "Niet op virussen gescand"
        return f"Gescand op {localtime(self.gescand_op):%d-%m-%Y %H:%M}"
