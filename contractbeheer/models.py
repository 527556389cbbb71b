"""Contract management I (issue 13, ADR 0019): what a contracted provider owes the bureau during the term.

Three streams, each with hard deadlines counted by ``core.kalender``:

- **Verantwoording** (the yearly accounts): the duties per procedure are data (``Verantwoordingseis``, loaded
  from ``bronnen``: 002 B1 32.1-32.2 r.446-447, B1 34; 003 §13 r.3276, Eis 53, §2.5.7). For every running
  agreement, year and (where the duty is per municipality) municipality there is one ``Verantwoording`` (the
  duty); every submission is its own ``Verantwoordingsinzending`` with frozen figures and files, judged once
  (ARCHITECTURE.md rule 14: what was judged stays as judged; a rejected or repaired submission is followed by a
  new one).
- **Meldingen** (notices the provider must make: 002 B1 27.1, 29, 30.2 r.429-441; 003 Eis 82-84; 000 r.717):
  the kinds and their clocks are data (``Meldingsoort``); each ``Melding`` records the moment of the event, the
  moment received, the deadline and whether it came late, and the bureau's follow-up as a timeline
  (``Meldingsstap``). No client-identifying data is stored (sroi.validators, the same refusal as SROI).
- **Informatieverzoeken** (002 UOK 5.1: answered within 10 werkdagen) to one provider or all providers of a
  perceel, one ``Verzoekontvanger`` per addressed agreement, and **onderzoeken** (002 B1 33: two windows of 14
  kalenderdagen).

Every model is region-bound through its ``REGIO_PAD`` (ADR 0011).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from aanbesteding.models import Aanbesteding, Perceel, Product
from core.opslag import prive_opslag, willekeurige_naam
from core.toestand import Toestandsmachine
from organisaties.models import Gemeente
from overeenkomst.models import Overeenkomst

_JAAR = [MinValueValidator(2000), MaxValueValidator(2100)]


class Bijlage(models.Model):
    """An optional private upload (validated by core.uploads before it gets here), with its name, size and
    sha256 for the audit trail and the receipt."""

    bestand = models.FileField("bestand", storage=prive_opslag, upload_to=willekeurige_naam, max_length=255,
                               blank=True)
    originele_naam = models.CharField("bestandsnaam", max_length=255, blank=True)
    grootte = models.PositiveBigIntegerField("grootte (bytes)", null=True, blank=True)
    sha256 = models.CharField("sha256", max_length=64, blank=True)

    class Meta:
        abstract = True


# --- per procedure: the rules as data ---------------------------------------------------------------------


class Beheerregels(models.Model):
    """The contract-management settings of one procedure; the values of the sources are loaded from bronnen."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.OneToOneField(Aanbesteding, on_delete=models.CASCADE, related_name="beheerregels")
    drempel_controleverklaring = models.DecimalField(
        "drempel controleverklaring (omzet per gemeente per jaar)", max_digits=12, decimal_places=2,
        null=True, blank=True,
        help_text="002 B1 32.2: boven € 50.000 per gemeente een controleverklaring, anders een bestuursverklaring. "
                  "Leeg: altijd een controleverklaring.",
    )
    informatieverzoek_werkdagen = models.PositiveSmallIntegerField(
        "termijn informatieverzoek (werkdagen)", default=10, help_text="002 UOK 5.1."
    )
    onderzoek_reactie_kalenderdagen = models.PositiveSmallIntegerField(
        "reactietermijn onderzoek (kalenderdagen)", default=14, help_text="002 B1 33.2 en 33.4."
    )
    herstel_werkdagen = models.PositiveSmallIntegerField(
        "standaardtermijn herstel verantwoording (werkdagen)", default=10,
    )
    herinnering_dagen = models.CharField(
        "herinneringen (dagen vóór de termijn)", max_length=50, default="30,7",
        help_text="Kommagescheiden; na de termijn volgt wekelijks een herinnering zolang het te laat is.",
    )
    # Issue 14 (ADR 0020).
    zienswijze_werkdagen = models.PositiveSmallIntegerField(
        "termijn zienswijze bij een voorgenomen maatregel (werkdagen)", default=10,
        help_text="De bron noemt geen termijn (003 §7.11); tien werkdagen is de lezing van ADR 0020.",
    )
    gesprekken_omzetaandeel_pct = models.PositiveSmallIntegerField(
        "contractgesprekken met de aanbieders die samen dit % van de omzet halen", default=80,
        validators=[MaxValueValidator(100)], help_text="002 UOK 13.1.",
    )
    kpi_aanleveren_kalenderdagen = models.PositiveSmallIntegerField(
        "KPI-cijfers aanleveren binnen (kalenderdagen na de periode)", default=30,
    )
    bron = models.CharField("bron", max_length=255, blank=True)

    class Meta:
        verbose_name = "regels contractbeheer"
        verbose_name_plural = "regels contractbeheer"

    def __str__(self):
        return f"Regels contractbeheer {self.aanbesteding}"


class Verantwoordingseis(models.Model):
    """One yearly part of the verantwoording a procedure asks for, with its due date in the following year."""

    REGIO_PAD = "aanbesteding__regio"

    class Soort(models.TextChoices):
        PRODUCTVERANTWOORDING = "productverantwoording", "Productverantwoording"
        FINANCIEEL = "financieel", "Financiële verantwoording met verklaring"
        JAARDOCUMENT = "jaardocument", "Jaardocument"
        PRESTATIEVERKLARING = "prestatieverklaring", "Prestatieverklaring"
        KLACHTEN_INNOVATIE = "klachten_innovatie", "Klachten- en innovatieverslag"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="verantwoordingseisen")
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    naam = models.CharField("naam", max_length=200)
    # The sources say "vóór 1 april van het volgend jaar" (002 B1 32.2, 003 §13): the date is stored as written
    # and the last day on time is the day before it (contractbeheer.regels.verantwoording_uiterlijk).
    voor_dag = models.PositiveSmallIntegerField("vóór (dag)", validators=[MinValueValidator(1),
                                                                          MaxValueValidator(31)])
    voor_maand = models.PositiveSmallIntegerField(
        "vóór (maand van het volgend jaar)", validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    per_gemeente = models.BooleanField(
        "per gemeente", default=False, help_text="002 B1 32: 'specifiek voor de Gemeente opgesteld'."
    )
    per_product = models.BooleanField("omzet per product", default=False)
    bestand_verplicht = models.BooleanField("document verplicht", default=True)
    toelichting = models.TextField("toelichting voor de aanbieder", blank=True)
    bron = models.CharField("bron", max_length=255, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "verantwoordingseis"
        verbose_name_plural = "verantwoordingseisen"
        ordering = ["aanbesteding", "volgorde", "voor_maand", "voor_dag"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "soort"], name="verantwoordingseis_soort_eenmaal"),
        ]

    def __str__(self):
        return self.naam


class Meldingsoort(models.Model):
    """A kind of notice the provider must make, with its clock (termijn from the moment of the event)."""

    REGIO_PAD = "aanbesteding__regio"

    class Eenheid(models.TextChoices):
        UREN = "uren", "uren"
        WERKDAGEN = "werkdagen", "werkdagen"
        KALENDERDAGEN = "kalenderdagen", "kalenderdagen"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="meldingsoorten")
    code = models.SlugField("code", max_length=50)
    naam = models.CharField("naam", max_length=200)
    termijn_aantal = models.PositiveSmallIntegerField("termijn (aantal)")
    termijn_eenheid = models.CharField("termijn (eenheid)", max_length=20, choices=Eenheid.choices)
    ook_melden_aan = models.CharField(
        "ook melden aan", max_length=200, blank=True, help_text="Bijv. de Inspectie Gezondheidszorg en Jeugd (IGJ)."
    )
    toelichting = models.TextField("toelichting voor de aanbieder", blank=True)
    bron = models.CharField("bron", max_length=255, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "meldingsoort"
        verbose_name_plural = "meldingsoorten"
        ordering = ["aanbesteding", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "code"], name="meldingsoort_code_eenmaal"),
        ]

    def __str__(self):
        return self.naam


# --- verantwoording ---------------------------------------------------------------------------------------


class Verantwoording(models.Model):
    """One duty: part ``eis`` of the verantwoording over ``jaar`` (for ``gemeente`` when the part is per
    municipality) of one agreement. Its status follows the latest submission."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        OPEN = "open", "Nog in te dienen"
        INGEDIEND = "ingediend", "Ingediend, wacht op beoordeling"
        HERSTEL = "herstel", "Herstel gevraagd"
        AFGEWEZEN = "afgewezen", "Afgewezen, opnieuw indienen"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
        VERVALLEN = "vervallen", "Vervallen"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.OPEN: {Status.INGEDIEND, Status.VERVALLEN},
        Status.INGEDIEND: {Status.GOEDGEKEURD, Status.AFGEWEZEN, Status.HERSTEL},
        Status.HERSTEL: {Status.INGEDIEND, Status.VERVALLEN},
        Status.AFGEWEZEN: {Status.INGEDIEND, Status.VERVALLEN},
    }, begin=[Status.OPEN])

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="verantwoordingen")
    eis = models.ForeignKey(Verantwoordingseis, on_delete=models.PROTECT, related_name="verantwoordingen")
    jaar = models.PositiveSmallIntegerField("dienstjaar", validators=_JAAR)
    gemeente = models.ForeignKey(Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    uiterlijk = models.DateField("uiterlijk")
    herstel_uiterlijk = models.DateField("herstel uiterlijk", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    status_sinds = models.DateTimeField("status sinds", null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "verantwoording"
        verbose_name_plural = "verantwoordingen"
        ordering = ["uiterlijk", "overeenkomst", "eis__volgorde", "gemeente__naam"]
        constraints = [
            models.UniqueConstraint(fields=["overeenkomst", "eis", "jaar", "gemeente"],
                                    name="verantwoording_eenmaal_per_gemeente"),
            models.UniqueConstraint(fields=["overeenkomst", "eis", "jaar"], condition=Q(gemeente__isnull=True),
                                    name="verantwoording_eenmaal_zonder_gemeente"),
        ]
        indexes = [models.Index(fields=["status", "uiterlijk"], name="verantwoording_werklijst")]

    def __str__(self):
        wat = f"{self.eis} {self.jaar}"
        return f"{wat} – {self.gemeente}" if self.gemeente_id else wat

    @property
    def geldende_termijn(self):
        """The deadline that counts now: the repair deadline while herstel is asked, else the yearly one."""
        if self.status == self.Status.HERSTEL and self.herstel_uiterlijk:
            return self.herstel_uiterlijk
        return self.uiterlijk


class Verantwoordingsinzending(Bijlage):
    """One submission of a duty, frozen on submission and judged once. The file is the verklaring (controle- or
    bestuursverklaring), the jaardocument or the signed report, depending on the part."""

    REGIO_PAD = "verantwoording__overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", "Ingediend"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
        AFGEWEZEN = "afgewezen", "Afgewezen"
        HERSTEL = "herstel", "Herstel gevraagd"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.INGEDIEND: {Status.GOEDGEKEURD, Status.AFGEWEZEN, Status.HERSTEL},
    })

    class Verklaring(models.TextChoices):
        CONTROLEVERKLARING = "controleverklaring", "Controleverklaring van een accountant"
        BESTUURSVERKLARING = "bestuursverklaring", "Bestuursverklaring"

    verantwoording = models.ForeignKey(Verantwoording, on_delete=models.PROTECT, related_name="inzendingen")
    omzet = models.DecimalField("omzet (excl. btw)", max_digits=14, decimal_places=2, null=True, blank=True,
                                validators=[MinValueValidator(0)])
    verklaring = models.CharField("soort verklaring", max_length=20, choices=Verklaring.choices, blank=True)
    aantal_klachten = models.PositiveIntegerField("aantal klachten", null=True, blank=True)
    klachtenanalyse = models.TextField("analyse van de klachten (aard, trends, verbetermaatregelen)", blank=True)
    innovatie = models.TextField("bijdrage aan transformatie en innovatie", blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    sroi_omzet = models.DecimalField(
        "SROI-omzet bij indienen", max_digits=14, decimal_places=2, null=True, blank=True,
        help_text="De voor hetzelfde jaar gemelde SROI-omzet, vastgelegd bij het indienen.",
    )
    # The comparison with the SROI turnover (issue 13): the provider's total of this part over all municipalities
    # of the year (the latest non-rejected submission per municipality, this one included) and its difference
    # with ``sroi_omzet``; empty while not every municipality's part is in, or without SROI turnover.
    omzet_jaartotaal = models.DecimalField("totale omzet van dit deel over het jaar", max_digits=14,
                                           decimal_places=2, null=True, blank=True)
    sroi_verschil = models.DecimalField("verschil met de SROI-omzet", max_digits=14, decimal_places=2, null=True,
                                        blank=True, help_text="Totale omzet van dit deel min de SROI-omzet.")
    afwijking_toelichting = models.TextField("toelichting op het verschil met de SROI-omzet", blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.INGEDIEND,
                              db_index=True)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+")
    ingediend_op = models.DateTimeField("ingediend op")
    te_laat = models.BooleanField("te laat ingediend", default=False)
    beoordeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    reden = models.TextField("toelichting beoordeling", blank=True)
    herstel_uiterlijk = models.DateField("herstel uiterlijk", null=True, blank=True)

    class Meta:
        verbose_name = "inzending verantwoording"
        verbose_name_plural = "inzendingen verantwoording"
        ordering = ["-ingediend_op"]
        constraints = [
            models.CheckConstraint(condition=Q(status="ingediend") | Q(status="goedgekeurd") | ~Q(reden=""),
                                   name="inzending_afwijzing_herstel_met_reden"),
            models.CheckConstraint(condition=~Q(status="herstel") | Q(herstel_uiterlijk__isnull=False),
                                   name="inzending_herstel_met_termijn"),
        ]

    def __str__(self):
        return f"Inzending {self.verantwoording} ({self.ingediend_op:%d-%m-%Y})"


class Omzetregel(models.Model):
    """Turnover (and volume) of one product in one submission (the productverantwoording, 002 B1 32.1)."""

    REGIO_PAD = "inzending__verantwoording__overeenkomst__aanbesteding__regio"

    inzending = models.ForeignKey(Verantwoordingsinzending, on_delete=models.CASCADE, related_name="regels")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    aantal = models.DecimalField("aantal eenheden", max_digits=12, decimal_places=2, default=0,
                                 validators=[MinValueValidator(0)])
    omzet = models.DecimalField("omzet (excl. btw)", max_digits=14, decimal_places=2,
                                validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = "omzetregel"
        verbose_name_plural = "omzetregels"
        ordering = ["inzending", "product__code"]
        constraints = [
            models.UniqueConstraint(fields=["inzending", "product"], name="omzetregel_product_eenmaal"),
        ]

    def __str__(self):
        return f"{self.product}: {self.omzet}"


# --- meldingen --------------------------------------------------------------------------------------------


class Melding(models.Model):
    """A notice from a provider: what happened when, when the bureau received it, and whether that was in time."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        ONTVANGEN = "ontvangen", "Ontvangen"
        IN_BEHANDELING = "in_behandeling", "In behandeling"
        AFGEHANDELD = "afgehandeld", "Afgehandeld"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.ONTVANGEN: {Status.IN_BEHANDELING, Status.AFGEHANDELD},
        Status.IN_BEHANDELING: {Status.AFGEHANDELD},
        Status.AFGEHANDELD: {Status.IN_BEHANDELING},
    }, begin=[Status.ONTVANGEN])

    class Kanaal(models.TextChoices):
        PORTAAL = "portaal", "Via het portaal"
        EMAIL = "email", "Per e-mail"
        TELEFOON = "telefoon", "Telefonisch"
        POST = "post", "Per post"

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="meldingen")
    soort = models.ForeignKey(Meldingsoort, on_delete=models.PROTECT, related_name="meldingen")
    gebeurd_op = models.DateTimeField("moment van de gebeurtenis")
    ontvangen_op = models.DateTimeField("ontvangen op")
    uiterlijk = models.DateTimeField("uiterlijk te melden")
    te_laat = models.BooleanField("te laat gemeld", default=False)
    kanaal = models.CharField("kanaal", max_length=20, choices=Kanaal.choices, default=Kanaal.PORTAAL)
    samenvatting = models.CharField("samenvatting", max_length=200)
    omschrijving = models.TextField("omschrijving")
    ook_gemeld_aan = models.CharField("ook gemeld aan", max_length=200, blank=True)
    maatregelen = models.TextField("genomen en voorgenomen maatregelen", blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.ONTVANGEN,
                              db_index=True)
    gemeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="De medewerker die een melding per e-mail, telefoon of post vastlegde.",
    )

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-ontvangen_op"]
        constraints = [
            models.CheckConstraint(condition=Q(ontvangen_op__gte=models.F("gebeurd_op")),
                                   name="melding_ontvangen_na_gebeurtenis"),
        ]

    def __str__(self):
        return f"{self.soort}: {self.samenvatting}"


class Meldingsstap(models.Model):
    """One entry in the follow-up timeline of a melding (a note, a question, an answer, a status change)."""

    REGIO_PAD = "melding__overeenkomst__aanbesteding__regio"

    class Soort(models.TextChoices):
        NOTITIE = "notitie", "Interne notitie"
        VRAAG = "vraag", "Vraag aan de aanbieder"
        ANTWOORD = "antwoord", "Antwoord van de aanbieder"
        STATUS = "status", "Statuswijziging"

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="stappen")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    tekst = models.TextField("tekst")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    op = models.DateTimeField("op")
    # Internal notes are never shown to the provider.
    intern = models.BooleanField("intern", default=False)

    class Meta:
        verbose_name = "stap in de opvolging"
        verbose_name_plural = "stappen in de opvolging"
        ordering = ["melding", "op", "pk"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.op:%d-%m-%Y %H:%M}"


# --- informatieverzoeken en onderzoeken -------------------------------------------------------------------


class Informatieverzoek(Bijlage):
    """A request for information from the bureau to one provider or to all providers of a perceel (002 UOK 5.1).
    The attachment (``bestand``) is optional."""

    REGIO_PAD = "aanbesteding__regio"

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        VERZONDEN = "verzonden", "Verzonden"
        GESLOTEN = "gesloten", "Gesloten"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.CONCEPT: {Status.VERZONDEN},
        Status.VERZONDEN: {Status.GESLOTEN},
    }, begin=[Status.CONCEPT])

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="informatieverzoeken")
    perceel = models.ForeignKey(Perceel, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                help_text="Aan alle aanbieders van dit perceel; leeg bij één aanbieder.")
    # The single addressee while the request is a draft (a Verzoekontvanger row only exists from sending on,
    # because it carries a deadline and a status an unsent request has not got).
    overeenkomst = models.ForeignKey(Overeenkomst, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+", help_text="De ene aanbieder; leeg bij een perceel.")
    onderwerp = models.CharField("onderwerp", max_length=200)
    vraag = models.TextField("vraag")
    termijn_werkdagen = models.PositiveSmallIntegerField("termijn (werkdagen)", default=10)
    termijn_reden = models.CharField("reden afwijkende termijn", max_length=255, blank=True,
                                     help_text="002 UOK 5.1: 'tenzij Partijen anders met elkaar overeenkomen'.")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.CONCEPT,
                              db_index=True)
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+")
    opgesteld_op = models.DateTimeField(auto_now_add=True)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    uiterlijk = models.DateField("uiterlijk", null=True, blank=True)

    class Meta:
        verbose_name = "informatieverzoek"
        verbose_name_plural = "informatieverzoeken"
        ordering = ["-opgesteld_op"]
        constraints = [
            # 002 UOK 5.1: to one provider or to all providers of a perceel, never both or neither.
            models.CheckConstraint(
                condition=(Q(perceel__isnull=False) & Q(overeenkomst__isnull=True))
                | (Q(perceel__isnull=True) & Q(overeenkomst__isnull=False)),
                name="informatieverzoek_perceel_of_overeenkomst",
            ),
        ]

    def __str__(self):
        return self.onderwerp


class Verzoekontvanger(Bijlage):
    """One addressed agreement of an informatieverzoek, with its own deadline and answer."""

    REGIO_PAD = "verzoek__aanbesteding__regio"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        BEANTWOORD = "beantwoord", "Beantwoord"
        AANVULLING = "aanvulling", "Aanvulling gevraagd"
        AFGEROND = "afgerond", "Afgerond"
        VERVALLEN = "vervallen", "Vervallen"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.OPEN: {Status.BEANTWOORD, Status.VERVALLEN},
        Status.BEANTWOORD: {Status.AFGEROND, Status.AANVULLING},
        Status.AANVULLING: {Status.BEANTWOORD, Status.VERVALLEN},
    }, begin=[Status.OPEN])

    verzoek = models.ForeignKey(Informatieverzoek, on_delete=models.PROTECT, related_name="ontvangers")
    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="informatieverzoeken")
    uiterlijk = models.DateField("uiterlijk")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    antwoord = models.TextField("antwoord", blank=True)
    beantwoord_op = models.DateTimeField("beantwoord op", null=True, blank=True)
    beantwoord_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    te_laat = models.BooleanField("te laat beantwoord", default=False)
    reactie = models.TextField("reactie van het bureau", blank=True)

    class Meta:
        verbose_name = "ontvanger informatieverzoek"
        verbose_name_plural = "ontvangers informatieverzoek"
        ordering = ["verzoek", "overeenkomst__organisatie__naam"]
        constraints = [
            models.UniqueConstraint(fields=["verzoek", "overeenkomst"], name="verzoek_eenmaal_per_overeenkomst"),
        ]

    def __str__(self):
        return f"{self.verzoek} – {self.overeenkomst.organisatie}"


class Onderzoek(models.Model):
    """An external (accountants') investigation after a signal of risk to continuity (002 B1 33): the provider
    is told first and has 14 kalenderdagen to answer (33.2); then the bureau may investigate (33.3); after the
    result the provider has another 14 kalenderdagen (33.4); then the bureau decides."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        SIGNAAL_GEMELD = "signaal_gemeld", "Signaal gemeld, wacht op reactie"
        ONDERZOEK = "onderzoek", "Onderzoek loopt"
        RESULTAAT_GEMELD = "resultaat_gemeld", "Resultaat gemeld, wacht op reactie"
        AFGESLOTEN = "afgesloten", "Afgesloten"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.SIGNAAL_GEMELD: {Status.ONDERZOEK, Status.AFGESLOTEN},
        Status.ONDERZOEK: {Status.RESULTAAT_GEMELD, Status.AFGESLOTEN},
        Status.RESULTAAT_GEMELD: {Status.AFGESLOTEN},
    }, begin=[Status.SIGNAAL_GEMELD])

    class Uitkomst(models.TextChoices):
        AFGEDAAN = "afgedaan", "Zaak afgedaan"
        OVERLEG = "overleg", "Nader overleg voor verbetering"
        SANCTIE = "sanctie", "Sanctioneren op grond van de overeenkomst"

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="onderzoeken")
    signaal = models.TextField("signaal")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.SIGNAAL_GEMELD,
                              db_index=True)
    signaal_gemeld_op = models.DateField("signaal schriftelijk gemeld op")
    reactie_uiterlijk = models.DateField("reactie op het signaal uiterlijk")
    reactie = models.TextField("reactie van de aanbieder", blank=True)
    reactie_op = models.DateTimeField("reactie ontvangen op", null=True, blank=True)
    onderzoek_gestart_op = models.DateField("onderzoek gestart op", null=True, blank=True)
    resultaat = models.TextField("resultaat van het onderzoek", blank=True)
    resultaat_gemeld_op = models.DateField("resultaat gemeld op", null=True, blank=True)
    resultaat_reactie_uiterlijk = models.DateField("reactie op het resultaat uiterlijk", null=True, blank=True)
    resultaat_reactie = models.TextField("reactie op het resultaat", blank=True)
    resultaat_reactie_op = models.DateTimeField("reactie op het resultaat ontvangen op", null=True, blank=True)
    uitkomst = models.CharField("besluit", max_length=20, choices=Uitkomst.choices, blank=True)
    besluit_toelichting = models.TextField("toelichting besluit", blank=True)
    afgesloten_op = models.DateTimeField("afgesloten op", null=True, blank=True)
    gestart_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        verbose_name = "onderzoek"
        verbose_name_plural = "onderzoeken"
        ordering = ["-signaal_gemeld_op"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="afgesloten") | ~Q(uitkomst=""),
                                   name="onderzoek_afgesloten_met_besluit"),
        ]

    def __str__(self):
        return f"Onderzoek {self.overeenkomst} ({self.signaal_gemeld_op:%d-%m-%Y})"


# =============================================================================================================
# Contract management II (issue 14, ADR 0020): monitoring, contract talks, signalen, the enforcement ladder,
# fines, leegstand and budget ceilings. Same pattern as above: the sources' numbers are data per procedure
# (loaded from bronnen.contractbeheer by services.regels_laden), what a person decided is a row with its moment
# and author, and only the contractbeheer services move a status (through OVERGANGEN).
# =============================================================================================================


# --- monitoring: KPIs and wachttijden (002 B1 35 r.464-468; 002 B1 13.7 r.360-370; 003 §1.15.5-1.15.6
# r.542-558, Eis 73; 002 B1 17 r.385-388) ----------------------------------------------------------------


class Kpi(models.Model):
    """A performance indicator of one procedure with its norm: the traffic light compares each figure with
    ``norm`` (groen) and ``drempel_oranje`` (oranje between norm and drempel, rood beyond)."""

    REGIO_PAD = "aanbesteding__regio"

    class Eenheid(models.TextChoices):
        AANTAL = "aantal", "aantal"
        PERCENTAGE = "percentage", "%"
        EURO = "euro", "€"
        DAGEN = "dagen", "dagen"
        CIJFER = "cijfer", "rapportcijfer"

    class Periode(models.TextChoices):
        MAAND = "maand", "per maand"
        KWARTAAL = "kwartaal", "per kwartaal"
        JAAR = "jaar", "per jaar"

    class Richting(models.TextChoices):
        HOGER = "hoger", "hoger is beter"
        LAGER = "lager", "lager is beter"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="kpis")
    code = models.SlugField("code", max_length=50)
    naam = models.CharField("naam", max_length=200)
    eenheid = models.CharField("eenheid", max_length=20, choices=Eenheid.choices)
    periode = models.CharField("periode", max_length=20, choices=Periode.choices, default=Periode.KWARTAAL)
    richting = models.CharField("richting", max_length=10, choices=Richting.choices)
    norm = models.DecimalField("norm (groen)", max_digits=14, decimal_places=2, null=True, blank=True,
                               help_text="Leeg: wordt gevolgd zonder norm (geen stoplicht).")
    drempel_oranje = models.DecimalField(
        "grens oranje/rood", max_digits=14, decimal_places=2, null=True, blank=True,
        help_text="Tussen de norm en deze grens is het stoplicht oranje, daarbuiten rood. Leeg: geen oranje.",
    )
    per_perceel = models.BooleanField("per perceel", default=False)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    toelichting = models.TextField("toelichting", blank=True)
    bron = models.CharField("bron", max_length=255, blank=True)

    class Meta:
        verbose_name = "KPI"
        verbose_name_plural = "KPI's"
        ordering = ["aanbesteding", "volgorde", "code"]
        constraints = [models.UniqueConstraint(fields=["aanbesteding", "code"], name="kpi_code_per_procedure")]

    def __str__(self):
        return self.naam


class Kpiwaarde(models.Model):
    """One figure of one provider for one KPI and period (``periode_start`` is the first day of the month,
    quarter or year), entered or uploaded by the provider or by staff. A correction replaces the value and is
    audited (the figure is not a judged submission)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Herkomst(models.TextChoices):
        PORTAAL = "portaal", "Ingevuld in het portaal"
        UPLOAD = "upload", "Geüpload bestand"
        STAF = "staf", "Vastgelegd door het bureau"

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="kpiwaarden")
    kpi = models.ForeignKey(Kpi, on_delete=models.PROTECT, related_name="waarden")
    perceel = models.ForeignKey(Perceel, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    periode_start = models.DateField("periode vanaf")
    waarde = models.DecimalField("waarde", max_digits=14, decimal_places=2)
    toelichting = models.TextField("toelichting", blank=True)
    herkomst = models.CharField("herkomst", max_length=10, choices=Herkomst.choices, default=Herkomst.PORTAAL)
    vastgelegd_op = models.DateTimeField("vastgelegd op")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                        related_name="+")

    class Meta:
        verbose_name = "KPI-waarde"
        verbose_name_plural = "KPI-waarden"
        ordering = ["overeenkomst", "kpi", "periode_start"]
        constraints = [
            models.UniqueConstraint(fields=["overeenkomst", "kpi", "perceel", "periode_start"],
                                    name="kpiwaarde_eenmaal_per_periode"),
            models.UniqueConstraint(fields=["overeenkomst", "kpi", "periode_start"], condition=Q(perceel__isnull=True),
                                    name="kpiwaarde_eenmaal_per_periode_zonder_perceel"),
        ]
        indexes = [models.Index(fields=["kpi", "periode_start"], name="kpiwaarde_kpi_periode")]

    def __str__(self):
        return f"{self.kpi} {self.periode_start:%m-%Y}: {self.waarde}"


class Wachttijdnorm(models.Model):
    """The longest acceptable wait between the order (opdrachtverstrekking) and the start of care, per procedure
    and optionally per perceel (003 r.546: vier weken, or the Treeknorm where it applies; 002 B1 17.2: tien
    werkdagen)."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="wachttijdnormen")
    perceel = models.ForeignKey(Perceel, null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                                help_text="Leeg: voor alle percelen zonder eigen norm.")
    naam = models.CharField("naam", max_length=200)
    max_dagen = models.PositiveSmallIntegerField("maximale wachttijd (kalenderdagen)")
    bron = models.CharField("bron", max_length=255, blank=True)

    class Meta:
        verbose_name = "wachttijdnorm"
        verbose_name_plural = "wachttijdnormen"
        ordering = ["aanbesteding", "perceel__code"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "perceel"], name="wachttijdnorm_per_perceel"),
            models.UniqueConstraint(fields=["aanbesteding"], condition=Q(perceel__isnull=True),
                                    name="wachttijdnorm_standaard_eenmaal"),
        ]

    def __str__(self):
        return f"{self.naam}: {self.max_dagen} dagen"


class Wachttijd(models.Model):
    """The provider's monthly wachttijd per (sub-)perceel (003 r.554: "minimaal maandelijks per sub-perceel up
    to date"), with the number waiting and the capacity held free (003 §1.15.4 r.542)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="wachttijden")
    perceel = models.ForeignKey(Perceel, on_delete=models.PROTECT, related_name="+")
    maand = models.DateField("maand", help_text="De eerste dag van de maand.")
    wachttijd_dagen = models.PositiveSmallIntegerField("verwachte wachttijd (kalenderdagen)")
    wachtenden = models.PositiveIntegerField("aantal cliënten op de wachtlijst", default=0)
    capaciteit_vrij = models.PositiveIntegerField("vrije capaciteit (plaatsen)", default=0)
    capaciteit_aangehouden = models.PositiveIntegerField(
        "aangehouden capaciteit (plaatsen)", default=0,
        help_text="Capaciteit die is toegezegd maar nog niet bezet (on hold).",
    )
    toelichting = models.TextField("toelichting", blank=True)
    vastgelegd_op = models.DateTimeField("vastgelegd op")
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                        related_name="+")

    class Meta:
        verbose_name = "wachttijd"
        verbose_name_plural = "wachttijden"
        ordering = ["overeenkomst", "perceel__code", "maand"]
        constraints = [
            models.UniqueConstraint(fields=["overeenkomst", "perceel", "maand"], name="wachttijd_eenmaal_per_maand"),
        ]
        indexes = [models.Index(fields=["maand"], name="wachttijd_maand")]

    def __str__(self):
        return f"Wachttijd {self.perceel} {self.maand:%m-%Y}: {self.wachttijd_dagen} dagen"


# --- contract talks (002 UOK 13.1 r.126-137: the providers with 80 % of the turnover) ---------------------


class Contractgesprek(models.Model):
    """A planned contract talk with one provider; minuted once held, with agreed actions."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        GEPLAND = "gepland", "Gepland"
        GEHOUDEN = "gehouden", "Gehouden"
        GEANNULEERD = "geannuleerd", "Geannuleerd"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.GEPLAND: {Status.GEHOUDEN, Status.GEANNULEERD},
    }, begin=[Status.GEPLAND])

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="contractgesprekken")
    gepland_op = models.DateTimeField("gepland op")
    locatie = models.CharField("locatie of verbinding", max_length=255, blank=True)
    onderwerpen = models.TextField("onderwerpen (agenda)", blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.GEPLAND,
                              db_index=True)
    deelnemers = models.TextField("deelnemers", blank=True)
    verslag = models.TextField("verslag", blank=True)
    gehouden_op = models.DateTimeField("gehouden op", null=True, blank=True)
    geannuleerd_reden = models.TextField("reden annulering", blank=True)
    gepland_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    verslag_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        verbose_name = "contractgesprek"
        verbose_name_plural = "contractgesprekken"
        ordering = ["-gepland_op"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="gehouden") | ~Q(verslag=""),
                                   name="contractgesprek_gehouden_met_verslag"),
        ]

    def __str__(self):
        return f"Contractgesprek {self.overeenkomst.organisatie} {self.gepland_op:%d-%m-%Y}"


class Gespreksactie(models.Model):
    """An action agreed in a contract talk, for the provider or the bureau, with its due date."""

    REGIO_PAD = "gesprek__overeenkomst__aanbesteding__regio"

    class Eigenaar(models.TextChoices):
        AANBIEDER = "aanbieder", "Aanbieder"
        BUREAU = "bureau", "Bureau"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        AFGEROND = "afgerond", "Afgerond"
        VERVALLEN = "vervallen", "Vervallen"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.OPEN: {Status.AFGEROND, Status.VERVALLEN},
    }, begin=[Status.OPEN])

    gesprek = models.ForeignKey(Contractgesprek, on_delete=models.CASCADE, related_name="acties")
    omschrijving = models.TextField("afgesproken actie")
    eigenaar = models.CharField("wie", max_length=10, choices=Eigenaar.choices)
    uiterlijk = models.DateField("uiterlijk")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)
    afgerond_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    toelichting = models.TextField("toelichting afronding", blank=True)

    class Meta:
        verbose_name = "actie uit een contractgesprek"
        verbose_name_plural = "acties uit contractgesprekken"
        ordering = ["uiterlijk", "pk"]

    def __str__(self):
        return self.omschrijving[:80]


# --- signalen (000 r.737-749; 001 r.352-361; 003 §2.5.6 r.5176) --------------------------------------------


class Signaal(models.Model):
    """A signal about a provider from a referrer or a municipality. ``trap`` is the step of the source's
    escalation (000 r.741-749) the signal was at when it reached the bureau; the bureau triages it, follows it up
    (an onderzoek, a maatregel) and reports the outcome back to the sender (000 r.749)."""

    REGIO_PAD = "regio"

    class Trap(models.IntegerChoices):
        AANGESPROKEN = 1, "1. Medewerker van de aanbieder aangesproken op de afspraken"
        OPGESCHAALD = 2, "2. Bij herhaling opgeschaald binnen het eigen team of de eigen organisatie"
        CONTRACTMANAGEMENT = 3, "3. Bij herhaling doorgegeven aan contractmanagement"

    class Bron(models.TextChoices):
        GEMEENTE = "gemeente", "Gemeente (toegang, sociaal team)"
        VERWIJZER = "verwijzer", "Verwijzer (huisarts, GI, jeugdarts)"
        CLIENT = "client", "Cliënt of vertegenwoordiger"
        BUREAU = "bureau", "Eigen waarneming van het bureau"

    class Status(models.TextChoices):
        ONTVANGEN = "ontvangen", "Ontvangen"
        IN_BEHANDELING = "in_behandeling", "In behandeling"
        MAATREGEL = "maatregel", "Leidt tot een maatregel"
        AFGEHANDELD = "afgehandeld", "Afgehandeld, teruggekoppeld"
        NIET_ONTVANKELIJK = "niet_ontvankelijk", "Niet in behandeling genomen"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.ONTVANGEN: {Status.IN_BEHANDELING, Status.NIET_ONTVANKELIJK},
        Status.IN_BEHANDELING: {Status.MAATREGEL, Status.AFGEHANDELD},
        Status.MAATREGEL: {Status.AFGEHANDELD},
    }, begin=[Status.ONTVANGEN])

    class Ernst(models.TextChoices):
        LAAG = "laag", "Laag"
        MIDDEN = "midden", "Midden"
        HOOG = "hoog", "Hoog (veiligheid van cliënten)"

    regio = models.ForeignKey("organisaties.Regio", on_delete=models.PROTECT, related_name="signalen")
    organisatie = models.ForeignKey("organisaties.Organisatie", verbose_name="aanbieder", on_delete=models.PROTECT,
                                    related_name="signalen")
    overeenkomst = models.ForeignKey(Overeenkomst, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="signalen")
    gemeente = models.ForeignKey(Gemeente, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    bron = models.CharField("afkomstig van", max_length=20, choices=Bron.choices)
    trap = models.PositiveSmallIntegerField("trap", choices=Trap.choices, default=Trap.CONTRACTMANAGEMENT)
    onderwerp = models.CharField("onderwerp", max_length=200)
    omschrijving = models.TextField("omschrijving")
    kenmerk_melder = models.CharField(
        "kenmerk in het eigen systeem", max_length=100, blank=True,
        help_text="Het dossier- of zaaknummer bij de gemeente, zodat de aanbieder weet om wie het gaat zonder "
                  "dat het portaal cliëntgegevens bewaart.",
    )
    ernst = models.CharField("ernst", max_length=10, choices=Ernst.choices, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.ONTVANGEN,
                              db_index=True)
    ontvangen_op = models.DateTimeField("ontvangen op")
    gemeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    behandelaar = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    onderzoek = models.ForeignKey(Onderzoek, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="signalen")
    terugkoppeling = models.TextField("terugkoppeling aan de melder", blank=True)
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["-ontvangen_op"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="afgehandeld") | ~Q(terugkoppeling=""),
                                   name="signaal_afgehandeld_met_terugkoppeling"),
        ]

    def __str__(self):
        return f"Signaal {self.organisatie}: {self.onderwerp}"


class Signaalstap(models.Model):
    """The follow-up of a signal as a timeline (like Meldingsstap); internal notes are never shown to the
    municipal sender."""

    REGIO_PAD = "signaal__regio"

    class Soort(models.TextChoices):
        ONTVANGEN = "ontvangen", "Ontvangen"
        TRIAGE = "triage", "Beoordeeld (triage)"
        NOTITIE = "notitie", "Interne notitie"
        AANBIEDER = "aanbieder", "Besproken met de aanbieder"
        MAATREGEL = "maatregel", "Maatregel gestart"
        TERUGKOPPELING = "terugkoppeling", "Teruggekoppeld aan de melder"
        AFGEHANDELD = "afgehandeld", "Afgehandeld"

    signaal = models.ForeignKey(Signaal, on_delete=models.CASCADE, related_name="stappen")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    tekst = models.TextField("tekst", blank=True)
    intern = models.BooleanField("alleen intern", default=False)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    op = models.DateTimeField("op")

    class Meta:
        verbose_name = "stap in een signaal"
        verbose_name_plural = "stappen in signalen"
        ordering = ["signaal", "op", "pk"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.op:%d-%m-%Y}"


# --- the enforcement ladder and the fines (003 §7.11 r.2862-2885; 003 §2.5.6 r.5176-5183; 001 r.352-361) ---


class Trede(models.IntegerChoices):
    """The measures of 003 §7.11 in the order of the source (bronnen.gooi.MAATREGELEN): a heavier measure
    follows a lighter one; skipping a step needs a recorded reason (contractbeheer.regels)."""

    WAARSCHUWING = 1, "Waarschuwing"
    STOP_NIEUWE_CLIENTEN = 2, "Stop op verwijzing van nieuwe cliënten"
    STOP_HERBEOORDELING = 3, "Stop op verwijzing van bestaande cliënten bij herbeoordeling"
    BOETE = 4, "Boete"
    BOETE_PER_DAG = 5, "Boete per dag (verantwoording)"
    TERUGVORDERING = 6, "Terugvordering"
    AANGIFTE = 7, "Aangifte bij het Openbaar Ministerie"
    OPZEGGING = 8, "Opzegging van de overeenkomst"


class Maatregel(models.Model):
    """One step of the enforcement ladder against one agreement: first an intention (voornemen) with a sealed
    letter and a zienswijze period counted by the calendar, then a decision (besluit) with its own sealed
    letter. Steps 2-3 link to the cliëntenstop, step 8 to the termination (overeenkomst services)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        VOORNEMEN = "voornemen", "Voornemen verzonden, zienswijze open"
        ZIENSWIJZE = "zienswijze", "Zienswijze ontvangen"
        OPGELEGD = "opgelegd", "Besloten: opgelegd"
        AFGEZIEN = "afgezien", "Besloten: afgezien"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.VOORNEMEN: {Status.ZIENSWIJZE, Status.OPGELEGD, Status.AFGEZIEN, Status.INGETROKKEN},
        Status.ZIENSWIJZE: {Status.OPGELEGD, Status.AFGEZIEN},
        Status.OPGELEGD: {Status.INGETROKKEN},
    }, begin=[Status.VOORNEMEN])

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="maatregelen")
    trede = models.PositiveSmallIntegerField("maatregel", choices=Trede.choices)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.VOORNEMEN,
                              db_index=True)
    gronden = models.TextField("gronden (feiten en overwegingen)")
    grondslag = models.CharField("grondslag", max_length=255, help_text="Bijv. 003 §7.11 lid 2.")
    sprong_reden = models.TextField(
        "reden om een trede over te slaan", blank=True,
        help_text="Verplicht als deze maatregel zwaarder is dan de volgende trede van de ladder.",
    )
    signaal = models.ForeignKey(Signaal, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="maatregelen")
    onderzoek = models.ForeignKey(Onderzoek, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="maatregelen")
    voornemen_op = models.DateTimeField("voornemen verzonden op")
    zienswijze_uiterlijk = models.DateField("zienswijze uiterlijk")
    zienswijze = models.TextField("zienswijze van de aanbieder", blank=True)
    zienswijze_op = models.DateTimeField("zienswijze ontvangen op", null=True, blank=True)
    besluit_op = models.DateTimeField("besluit op", null=True, blank=True)
    besluit_toelichting = models.TextField("motivering besluit", blank=True)
    ingangsdatum = models.DateField("ingangsdatum", null=True, blank=True)
    einddatum = models.DateField("einddatum", null=True, blank=True)
    brief_voornemen = models.FileField("brief voornemen (verzegeld)", storage=prive_opslag,
                                       upload_to=willekeurige_naam, max_length=255, blank=True)
    brief_besluit = models.FileField("besluitbrief (verzegeld)", storage=prive_opslag, upload_to=willekeurige_naam,
                                     max_length=255, blank=True)
    clientenstops = models.ManyToManyField("overeenkomst.Clientenstop", blank=True, related_name="+",
                                           verbose_name="cliëntenstops")
    uittreding = models.ForeignKey("overeenkomst.Uittreding", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name="opzegging")
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+")
    besloten_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    # Handhaving stream (issue 14): who recorded a zienswijze that came by post or e-mail, the sha256 of the
    # sealed letters, and the withdrawal of an imposed measure with its reason.
    zienswijze_kanaal = models.CharField("zienswijze ontvangen via", max_length=10, blank=True,
                                         choices=[("portaal", "Via het portaal"), ("post", "Per post"),
                                                  ("email", "Per e-mail")])
    zienswijze_vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                                   on_delete=models.SET_NULL, related_name="+")
    brief_voornemen_sha256 = models.CharField("sha256 brief voornemen", max_length=64, blank=True)
    brief_besluit_sha256 = models.CharField("sha256 besluitbrief", max_length=64, blank=True)
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    ingetrokken_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    intrekking_reden = models.TextField("reden intrekking", blank=True)

    class Meta:
        verbose_name = "maatregel"
        verbose_name_plural = "maatregelen"
        ordering = ["-voornemen_op"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["opgelegd", "afgezien"]) | Q(besluit_op__isnull=False),
                name="maatregel_besluit_met_datum",
            ),
        ]

    def __str__(self):
        return f"{self.get_trede_display()} – {self.overeenkomst.organisatie}"


class Boetesoort(models.Model):
    """A fine of the schedule of one procedure (bronnen.gooi.BOETES; 003 §7.11 r.2876-2880, 003 r.3236,
    003 r.2702): an amount per unit (and per period, e.g. "medewerker per week"), or a percentage of a base
    amount (75 % of the budget)."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="boetesoorten")
    code = models.SlugField("code", max_length=50)
    omschrijving = models.CharField("omschrijving", max_length=255)
    bedrag = models.DecimalField("bedrag per eenheid", max_digits=12, decimal_places=2, null=True, blank=True)
    eenheid = models.CharField("eenheid", max_length=50, help_text="Bijv. klacht, medewerker, uur, dag, geval.")
    per_periode = models.CharField("per periode", max_length=20, blank=True,
                                   help_text="Bijv. week bij 'per medewerker per week'; leeg als de eenheid alles zegt.")
    percentage = models.DecimalField("percentage van een grondslag", max_digits=5, decimal_places=2, null=True,
                                     blank=True)
    bron = models.CharField("bron", max_length=255, blank=True)

    class Meta:
        verbose_name = "boetesoort"
        verbose_name_plural = "boetesoorten"
        ordering = ["aanbesteding", "code"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "code"], name="boetesoort_code_per_procedure"),
            models.CheckConstraint(
                condition=(Q(bedrag__isnull=False) & Q(percentage__isnull=True))
                | (Q(bedrag__isnull=True) & Q(percentage__isnull=False)),
                name="boetesoort_bedrag_of_percentage",
            ),
        ]

    def __str__(self):
        return self.omschrijving


class Boete(models.Model):
    """One fine in the provider's ledger, computed from the schedule and frozen when imposed: ``bedrag`` =
    schedule amount × ``aantal`` × ``perioden`` (or percentage × ``grondslag``)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        OPGELEGD = "opgelegd", "Opgelegd"
        BETAALD = "betaald", "Betaald of verrekend"
        KWIJTGESCHOLDEN = "kwijtgescholden", "Kwijtgescholden"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.OPGELEGD: {Status.BETAALD, Status.KWIJTGESCHOLDEN},
    }, begin=[Status.OPGELEGD])

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="boetes")
    maatregel = models.ForeignKey(Maatregel, on_delete=models.PROTECT, related_name="boetes")
    soort = models.ForeignKey(Boetesoort, on_delete=models.PROTECT, related_name="boetes")
    verantwoording = models.ForeignKey(Verantwoording, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="boetes",
                                       help_text="Bij een boete per dag voor een te late verantwoording.")
    aantal = models.DecimalField("aantal eenheden", max_digits=10, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    perioden = models.PositiveIntegerField("aantal perioden", null=True, blank=True)
    grondslag = models.DecimalField("grondslag (bij een percentage)", max_digits=14, decimal_places=2, null=True,
                                    blank=True)
    bedrag = models.DecimalField("bedrag", max_digits=14, decimal_places=2)
    berekening = models.CharField("berekening", max_length=255)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.OPGELEGD,
                              db_index=True)
    opgelegd_op = models.DateField("opgelegd op")
    betaald_op = models.DateField("betaald of verrekend op", null=True, blank=True)
    kwijtschelding_reden = models.TextField("reden kwijtschelding", blank=True)
    gewijzigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="+")

    class Meta:
        verbose_name = "boete"
        verbose_name_plural = "boetes"
        ordering = ["-opgelegd_op", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="boete_niet_negatief"),
            models.CheckConstraint(condition=~Q(status="kwijtgescholden") | ~Q(kwijtschelding_reden=""),
                                   name="boete_kwijtschelding_met_reden"),
        ]

    def __str__(self):
        return f"Boete {self.soort} {self.bedrag}"


# --- leegstandvergoeding Tussenvoorziening (003 r.4140-4207 voorstel 3, r.4259-4319 verantwoording; 003
# r.4878-4884 rectificatie; bronnen.gooi.VERGOEDINGEN leegstand_tussenvoorziening_v2) -----------------------


class Leegstandsregeling(models.Model):
    """The availability fee of one perceel: per provider at most ``max_per_aanbieder_per_jaar``, all providers
    together at most ``max_totaal_per_jaar`` (excl. indexation); paid per etmaal leegstand at the tariff of an
    occupied bed at the bed's location; shared by the municipalities by population (``Leegstandsverdeling``)."""

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="leegstandsregelingen")
    perceel = models.ForeignKey(Perceel, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+",
                                help_text="Het product waarvan het tarief van een bezet bed geldt (43B03).")
    max_per_aanbieder_per_jaar = models.DecimalField("maximum per aanbieder per jaar", max_digits=12,
                                                     decimal_places=2)
    max_totaal_per_jaar = models.DecimalField("maximum alle aanbieders per jaar", max_digits=12, decimal_places=2)
    bron = models.CharField("bron", max_length=255, blank=True)

    class Meta:
        verbose_name = "leegstandsregeling"
        verbose_name_plural = "leegstandsregelingen"
        constraints = [models.UniqueConstraint(fields=["aanbesteding", "perceel"], name="leegstand_per_perceel")]

    def __str__(self):
        return f"Leegstandsvergoeding {self.perceel}"


class Leegstandsverdeling(models.Model):
    """One municipality's share of the fee (003 r.4198-4206: inwonertal procentueel, maximale bijdrage)."""

    REGIO_PAD = "regeling__aanbesteding__regio"

    regeling = models.ForeignKey(Leegstandsregeling, on_delete=models.CASCADE, related_name="verdeling")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="+")
    percentage = models.DecimalField("aandeel (%)", max_digits=5, decimal_places=2)
    max_bijdrage = models.DecimalField("maximale bijdrage per jaar", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "verdeelsleutel leegstand"
        verbose_name_plural = "verdeelsleutel leegstand"
        ordering = ["regeling", "-percentage"]
        constraints = [
            models.UniqueConstraint(fields=["regeling", "gemeente"], name="leegstand_gemeente_eenmaal"),
        ]

    def __str__(self):
        return f"{self.gemeente}: {self.percentage}%"


class Beddenoverzicht(models.Model):
    """The provider's monthly overview of its beds (003 r.4288: "een overzicht ... van 'leegstand' van de
    specifieke bedden"; the fee is paid only when it is delivered). The computed figures are frozen when the
    bureau approves; the payment respects the yearly cap in the order of the months."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", "Ingediend"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
        AFGEWEZEN = "afgewezen", "Afgewezen"

    OVERGANGEN = Toestandsmachine(Status, {
        Status.INGEDIEND: {Status.GOEDGEKEURD, Status.AFGEWEZEN},
    }, begin=[Status.INGEDIEND])

    regeling = models.ForeignKey(Leegstandsregeling, on_delete=models.PROTECT, related_name="overzichten")
    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="beddenoverzichten")
    maand = models.DateField("maand", help_text="De eerste dag van de maand.")
    bedden = models.PositiveSmallIntegerField("beschikbare bedden")
    etmalen_capaciteit = models.PositiveIntegerField("etmalen capaciteit")
    etmalen_bezet = models.PositiveIntegerField("etmalen bezet")
    intensiteit = models.CharField("intensiteit (tarief van de locatie)", max_length=100)
    tarief = models.DecimalField("tarief per etmaal", max_digits=10, decimal_places=2)
    bedrag_berekend = models.DecimalField("leegstand × tarief", max_digits=12, decimal_places=2)
    bedrag_uit_te_betalen = models.DecimalField("uit te betalen (binnen het plafond)", max_digits=12,
                                                decimal_places=2, null=True, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.INGEDIEND,
                              db_index=True)
    ingediend_op = models.DateTimeField("ingediend op")
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                       related_name="+")
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    beoordeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    afwijsreden = models.TextField("reden afwijzing", blank=True)

    class Meta:
        verbose_name = "beddenoverzicht"
        verbose_name_plural = "beddenoverzichten"
        ordering = ["overeenkomst", "maand"]
        constraints = [
            # One live overview per month; a rejected one is followed by a new one.
            models.UniqueConstraint(fields=["overeenkomst", "regeling", "maand"], condition=~Q(status="afgewezen"),
                                    name="beddenoverzicht_eenmaal_per_maand"),
            models.CheckConstraint(condition=Q(etmalen_bezet__lte=models.F("etmalen_capaciteit")),
                                   name="beddenoverzicht_bezet_binnen_capaciteit"),
        ]

    def __str__(self):
        return f"Beddenoverzicht {self.overeenkomst.organisatie} {self.maand:%m-%Y}"


# --- budget ceilings (003a §6.3, bronnen.gooi.BUDGETPLAFONDS; 004 §3.1 r.185: per aanbieder) ---------------


class Budgetplafond(models.Model):
    """A budget ceiling as data: per client (the persoonsvolgende plafonds of 003: average spend per client of a
    product or perceel), per provider per year (004 §3.1), or for a perceel in total per year. Spend comes from
    the approved verantwoordingen (Omzetregel); the warning thresholds are percentages of the ceiling."""

    REGIO_PAD = "aanbesteding__regio"

    class Soort(models.TextChoices):
        PER_CLIENT = "per_client", "Per cliënt (persoonsvolgend)"
        PER_AANBIEDER = "per_aanbieder", "Per aanbieder per jaar"
        TOTAAL = "totaal", "Totaal per jaar"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="budgetplafonds")
    perceel = models.ForeignKey(Perceel, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    overeenkomst = models.ForeignKey(Overeenkomst, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="budgetplafonds",
                                     help_text="Alleen bij een plafond per aanbieder dat voor één aanbieder geldt; "
                                               "leeg: voor elke aanbieder hetzelfde.")
    code = models.CharField("code", max_length=50)
    naam = models.CharField("naam", max_length=200)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    bedrag = models.DecimalField("plafond", max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    jaar = models.PositiveSmallIntegerField("jaar", null=True, blank=True, validators=_JAAR,
                                            help_text="Leeg: elk jaar.")
    drempels = models.CharField("waarschuwen bij (% van het plafond)", max_length=50, default="80,100")
    bron = models.CharField("bron", max_length=255, blank=True)

    class Meta:
        verbose_name = "budgetplafond"
        verbose_name_plural = "budgetplafonds"
        ordering = ["aanbesteding", "perceel__code", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(perceel__isnull=False) | Q(product__isnull=False),
                                   name="budgetplafond_perceel_of_product"),
        ]

    def __str__(self):
        return f"{self.naam}: {self.bedrag}"


# --- innovatieroute: evaluatie binnen 12 maanden (002 PB 1.2 r. 573; ADR 0022) ----------------------------------


class InnovatieEvaluatie(models.Model):
    """The evaluation of an admitted innovatievoorstel: "Indien het aanbod voor betreffende Aanbieder wordt
    opgenomen, dient binnen een jaar een evaluatie plaats te vinden" (002 r. 573). Planned on the definitive
    admission (``uiterlijk`` = admission + 12 months, ``bronnen.mlo.INNOVATIEROUTE``); the bureau records the outcome
    once: continue, adjust or end the product. A dated duty like the others of this app: the provider sees it on
    /mijn/verplichtingen/, the bureau in its list (ADR 0019, ADR 0022)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        GEPLAND = "gepland", "Gepland"
        AFGEROND = "afgerond", "Uitkomst vastgelegd"

    class Uitkomst(models.TextChoices):
        VOORTZETTEN = "voortzetten", "Voortzetten"
        AANPASSEN = "aanpassen", "Aanpassen"
        BEEINDIGEN = "beeindigen", "Beëindigen"

    OVERGANGEN = Toestandsmachine(Status, {Status.GEPLAND: {Status.AFGEROND}}, begin=[Status.GEPLAND])

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="innovatie_evaluaties")
    voorstel = models.OneToOneField(
        "inschrijving.Innovatievoorstel", verbose_name="innovatievoorstel", on_delete=models.PROTECT,
        related_name="evaluatie",
    )
    toegelaten_op = models.DateField("toegelaten op")
    uiterlijk = models.DateField("evaluatie uiterlijk")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.GEPLAND, db_index=True)
    uitkomst = models.CharField("uitkomst", max_length=20, choices=Uitkomst.choices, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    vastgesteld_op = models.DateTimeField("vastgesteld op", null=True, blank=True)
    vastgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "evaluatie innovatievoorstel"
        verbose_name_plural = "evaluaties innovatievoorstellen"
        ordering = ["uiterlijk", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="afgerond") | ~Q(uitkomst=""),
                                   name="innovatie_evaluatie_afgerond_met_uitkomst"),
            models.CheckConstraint(condition=Q(uiterlijk__gt=models.F("toegelaten_op")),
                                   name="innovatie_evaluatie_na_toelating"),
        ]

    def __str__(self):
        return f"Evaluatie {self.voorstel.productnaam} (uiterlijk {self.uiterlijk:%d-%m-%Y})"
