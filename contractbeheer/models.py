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
