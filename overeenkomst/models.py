"""The agreement after admission: Overeenkomst with a Deelname per perceel, addenda and their acceptance,
indexation rounds, the provider's wijzigingsverzoeken, uittreding, cliëntenstop, extension rounds, and the
public announcements the cms shows.

Per-procedure rules are data (Contractregels, one per Aanbesteding) with the sources' defaults
(ARCHITECTURE.md rule 8): 003a §3.4–3.7 (Gooi) and 002 art. 8 / UOK 7 (MLO).
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from aanbesteding.models import Aanbesteding, Perceel, Product, Productbeperkingen
from core.kalender import TZ
from core.opslag import prive_opslag, willekeurige_naam
from core.toestand import Toestandsmachine
from organisaties.models import Organisatie
from organisaties.validators import kvk_validator


class Kanaal(models.TextChoices):
    """How a notice reached the bureau (issue 18, ADR 0017). A portal notice counts from the server's moment of
    submission; a letter by post or e-mail from its real moment of receipt, recorded by staff."""

    PORTAAL = "portaal", "Portaal"
    POST = "post", "Post (aangetekende brief)"
    EMAIL = "email", "E-mail"


class Contractregels(models.Model):
    """The contract rules of one procedure. Defaults are Gooi's (003a); MLO uses the 002 art. 8 regime."""

    REGIO_PAD = "aanbesteding__regio"

    class Uittredingsregime(models.TextChoices):
        MLO = "mlo", "Opzegging met ten minste één kalendermaand (MLO, 002 art. 8.1)"
        GOOI = "gooi", "Optie 1 (geen cliënten) of optie 2 (≥ 3 maanden, vergoeding per cliënt) (Gooi, 003a §3.5)"

    aanbesteding = models.OneToOneField(Aanbesteding, on_delete=models.CASCADE, related_name="contractregels")

    # Addenda: 003a §3.7 — non-material ≥ 3 months, material ≥ 9 months before taking effect.
    termijn_niet_wezenlijk_maanden = models.PositiveSmallIntegerField("aankondigingstermijn niet-wezenlijk (maanden)", default=3)
    termijn_wezenlijk_maanden = models.PositiveSmallIntegerField("aankondigingstermijn wezenlijk (maanden)", default=9)
    stilzwijgen_is_weigering = models.BooleanField(
        "geen antwoord op een addendum geldt als weigering", default=False,
        help_text="Een weigering geldt als opzegging (VNG, peers-and-standards §2.18). Aan: ook stilzwijgen.",
    )
    herinnering_addendum_dagen = models.CharField(
        "herinneringen addendum (dagen vóór ingang)", max_length=50, default="30,7",
        help_text="Kommagescheiden aantallen dagen vóór de ingangsdatum.",
    )

    # Uittreding.
    uittredingsregime = models.CharField(
        "uittredingsregime", max_length=10, choices=Uittredingsregime.choices, default=Uittredingsregime.GOOI
    )
    opzegtermijn_maanden = models.PositiveSmallIntegerField(
        "opzegtermijn (maanden)", default=1,
        help_text="MLO: ten minste 1 kalendermaand vanaf de eerste dag van de maand na ontvangst (002 art. 8.1). "
        "Gooi optie 2: 3 maanden (003a §3.5).",
    )
    vergoeding_per_client = models.DecimalField(
        "uittreedvergoeding per cliënt (€, excl. btw)", max_digits=10, decimal_places=2, default=Decimal("150.00")
    )
    peildatum_clienten_maanden = models.PositiveSmallIntegerField(
        "cliënten tellen (maanden vóór opzegging)", default=1, help_text="003a §3.5: 1 maand vóór de opzegging."
    )
    geen_levering_maanden = models.PositiveSmallIntegerField(
        "beëindiging na maanden zonder levering", default=12, help_text="003a §3.5 optie 1: 12 kalendermaanden."
    )
    opzegtermijn_opdrachtgever_maanden = models.PositiveSmallIntegerField(
        "opzegtermijn opdrachtgever (maanden)", default=9, help_text="003a §3.7: ten minste 9 maanden."
    )

    # Wijzigingsverzoeken (003a §3.4, §3.7).
    contactpersoon_werkdagen = models.PositiveSmallIntegerField("contactpersoon melden binnen (werkdagen)", default=5)
    peildatum_capaciteit_maand = models.PositiveSmallIntegerField("capaciteit/onderaannemers vóór (maand)", default=10)
    peildatum_capaciteit_dag = models.PositiveSmallIntegerField("capaciteit/onderaannemers vóór (dag)", default=1)
    rechtsvorm_termijn_maanden = models.PositiveSmallIntegerField("rechtsvormwijziging melden (maanden vooraf)", default=3)
    rechtsvorm_vergoeding = models.DecimalField(
        "vergoeding rechtsvormwijziging (€)", max_digits=10, decimal_places=2, default=Decimal("3000.00")
    )
    rechtsvorm_uurtarief = models.DecimalField(
        "uurtarief boven de inbegrepen uren (€)", max_digits=10, decimal_places=2, default=Decimal("75.00")
    )
    rechtsvorm_uren_inbegrepen = models.PositiveSmallIntegerField("inbegrepen behandeluren", default=40)

    # Term and extension: the dates live on Aanbesteding (verlenging_*); staff are reminded this many days
    # before the announcement date (003a §3.6: announced by 1 September).
    verlenging_herinnering_dagen = models.PositiveSmallIntegerField("herinnering verlenging (dagen vooraf)", default=30)

    # Evidence expiry reminders to the provider (issue 6): 6 and 2 weeks before geldig_tot.
    bewijs_herinnering_weken = models.CharField("herinneringen bewijsstukken (weken vooraf)", max_length=50, default="6,2")
    # 002 r.419 (art. 23): the provider gives "naam, vestigingsplaats, AGB-code en contactgegevens" and the Gemeente
    # may publish them so clients can choose. Off unless the procedure's agreement says so (issue 19).
    contactgegevens_publiceren = models.BooleanField(
        "contactgegevens publiceren in het register", default=False,
        help_text="Aan als de overeenkomst de gemeente toestaat de contactgegevens van aanbieders te publiceren "
                  "(bijv. 002 artikel 23). Het register toont dan e-mail en telefoon van de aanbieder.",
    )

    class Meta:
        verbose_name = "contractregels"
        verbose_name_plural = "contractregels"

    def __str__(self):
        return f"Contractregels {self.aanbesteding}"

    @staticmethod
    def _getallen(tekst: str) -> list[int]:
        return sorted({int(x) for x in tekst.replace(";", ",").split(",") if x.strip().isdigit()}, reverse=True)

    @property
    def addendum_herinneringen(self) -> list[int]:
        return self._getallen(self.herinnering_addendum_dagen)

    @property
    def bewijs_herinneringen(self) -> list[int]:
        return self._getallen(self.bewijs_herinnering_weken)

    @classmethod
    def voor(cls, aanbesteding) -> "Contractregels":
        """The rules of ``aanbesteding``; unsaved defaults when none were recorded."""
        try:
            return aanbesteding.contractregels
        except cls.DoesNotExist:
            return cls(aanbesteding=aanbesteding)


class Overeenkomst(models.Model):
    """The agreement of one provider with the procedure's opdrachtgever (one per provider per procedure)."""

    REGIO_PAD = "aanbesteding__regio"

    class Status(models.TextChoices):
        ACTIEF = "actief", "Actief"
        BEEINDIGD = "beeindigd", "Beëindigd"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="overeenkomsten")
    organisatie = models.ForeignKey(
        Organisatie, verbose_name="aanbieder", on_delete=models.PROTECT, related_name="overeenkomsten",
        limit_choices_to={"soort": Organisatie.Soort.AANBIEDER},
    )
    startdatum = models.DateField("ingangsdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True, help_text="Gevuld zodra de overeenkomst eindigt.")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.ACTIEF, db_index=True)
    # Ends when its last deelname ends, and stays ended: a provider re-admitted after leaving gets a new
    # agreement (ARCHITECTURE.md rule 14: a redo is a new record; the ended one keeps its history).
    OVERGANGEN = Toestandsmachine(Status, {Status.ACTIEF: {Status.BEEINDIGD}})
    bron = models.CharField("bron", max_length=255, blank=True, help_text="Bijv. het besluit van definitieve toelating.")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "overeenkomst"
        verbose_name_plural = "overeenkomsten"
        ordering = ["aanbesteding", "organisatie__naam"]
        constraints = [
            # One running agreement per provider per procedure; ended ones stay as they were.
            models.UniqueConstraint(
                fields=["aanbesteding", "organisatie"], condition=Q(status="actief"), name="een_lopende_overeenkomst_per_aanbieder"
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("startdatum")), name="overeenkomst_einde_na_start"
            ),
        ]

    def __str__(self):
        return f"{self.organisatie} – {self.aanbesteding}"


class Deelname(models.Model):
    """Participation of an agreement in one perceel: actief, cliëntenstop (no new clients) or beëindigd."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Status(models.TextChoices):
        ACTIEF = "actief", "Actief"
        CLIENTENSTOP = "clientenstop", "Cliëntenstop"
        BEEINDIGD = "beeindigd", "Beëindigd"

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="deelnames")
    perceel = models.ForeignKey(Perceel, verbose_name="perceel", on_delete=models.PROTECT, related_name="deelnames")
    startdatum = models.DateField("ingangsdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.ACTIEF, db_index=True)
    # A cliëntenstop comes and goes (clientenstops_bijwerken); an ended deelname stays ended: rejoining the
    # perceel is a new deelname (the partial unique constraint allows exactly that).
    OVERGANGEN = Toestandsmachine(Status, {
        Status.ACTIEF: {Status.CLIENTENSTOP, Status.BEEINDIGD},
        Status.CLIENTENSTOP: {Status.ACTIEF, Status.BEEINDIGD},
    }, begin={Status.ACTIEF})
    einde_reden = models.CharField("reden einde", max_length=255, blank=True)
    status_sinds = models.DateField("status sinds", null=True, blank=True)

    class Meta:
        verbose_name = "deelname"
        verbose_name_plural = "deelnames"
        ordering = ["overeenkomst", "perceel__volgorde", "perceel__code"]
        constraints = [
            # A provider may rejoin a perceel after leaving it, but never holds two live deelnames in it.
            models.UniqueConstraint(
                fields=["overeenkomst", "perceel"], condition=~Q(status="beeindigd"), name="een_lopende_deelname_per_perceel"
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("startdatum")), name="deelname_einde_na_start"
            ),
        ]

    def __str__(self):
        return f"{self.overeenkomst.organisatie} – {self.perceel.code} ({self.get_status_display()})"


class DeelnameProduct(Productbeperkingen):
    """A product a deelname is admitted for, with its restrictions (issue 19; 000 Part A and §5.1 "Award":
    restriction note, age group, and for residential products the location and group size). A deelname without
    these rows covers every product of its perceel (procedures without product choice); with them, exactly these
    products. The register, its CSV and API and the provider's pages read them (selectors)."""

    REGIO_PAD = "deelname__overeenkomst__aanbesteding__regio"

    deelname = models.ForeignKey(Deelname, on_delete=models.CASCADE, related_name="producten")
    product = models.ForeignKey(Product, verbose_name="product", on_delete=models.PROTECT, related_name="+")
    startdatum = models.DateField("ingangsdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)

    class Meta:
        verbose_name = "product van een deelname"
        verbose_name_plural = "producten van deelnames"
        ordering = ["deelname", "product__volgorde", "product__code"]
        constraints = [
            models.UniqueConstraint(fields=["deelname", "product", "startdatum"], name="deelnameproduct_uniek"),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("startdatum")), name="deelnameproduct_einde_na_start"
            ),
        ]

    def __str__(self):
        return f"{self.deelname} – {self.product.code}"


class Onderaannemer(models.Model):
    """A subcontractor delivering under a deelname (from the inschrijving, or approved by wijzigingsverzoek
    for next year: 003a §3.7, effective 1 January after consent)."""

    REGIO_PAD = "deelname__overeenkomst__aanbesteding__regio"

    deelname = models.ForeignKey(Deelname, on_delete=models.CASCADE, related_name="onderaannemers")
    naam = models.CharField("naam", max_length=200)
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, validators=[kvk_validator])
    plaats = models.CharField("vestigingsplaats", max_length=100, blank=True)
    agb_code = models.CharField("AGB-code", max_length=8, blank=True)
    vanaf = models.DateField("vanaf")
    tot = models.DateField("tot en met", null=True, blank=True)

    class Meta:
        verbose_name = "onderaannemer"
        verbose_name_plural = "onderaannemers"
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(fields=["deelname", "kvk_nummer", "vanaf"], name="onderaannemer_uniek"),
        ]

    def __str__(self):
        return f"{self.naam} (onderaannemer)"


class Clientenstop(models.Model):
    """No new clients for a deelname during a term; lifted by staff on proof (issue 6)."""

    REGIO_PAD = "deelname__overeenkomst__aanbesteding__regio"

    deelname = models.ForeignKey(Deelname, on_delete=models.PROTECT, related_name="clientenstops")
    van = models.DateField("ingangsdatum")
    tot = models.DateField("tot en met", null=True, blank=True, help_text="Leeg = tot opheffing.")
    reden = models.TextField("reden")
    opgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opgelegd_op = models.DateTimeField(auto_now_add=True)
    opgeheven_op = models.DateField("opgeheven op", null=True, blank=True)
    opgeheven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opheffing_toelichting = models.TextField("toelichting opheffing", blank=True)

    class Meta:
        verbose_name = "cliëntenstop"
        verbose_name_plural = "cliëntenstops"
        ordering = ["-van"]
        constraints = [
            models.CheckConstraint(condition=Q(tot__isnull=True) | Q(tot__gte=models.F("van")), name="clientenstop_tot_na_van"),
        ]

    def __str__(self):
        return f"Cliëntenstop {self.deelname} vanaf {self.van:%d-%m-%Y}"


class Addendum(models.Model):
    """A change of the agreement by the opdrachtgever (002 UOK 15.1: every change is an addendum)."""

    REGIO_PAD = "aanbesteding__regio"

    class Soort(models.TextChoices):
        NIET_WEZENLIJK = "niet_wezenlijk", "Niet-wezenlijke wijziging"
        WEZENLIJK = "wezenlijk", "Wezenlijke wijziging"

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        TER_GOEDKEURING = "ter_goedkeuring", "Ter goedkeuring"
        GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
        VERWERKT = "verwerkt", "In werking getreden"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="addenda")
    nummer = models.PositiveIntegerField("nummer", null=True, blank=True, help_text="Toegekend bij publicatie.")
    titel = models.CharField("titel", max_length=255)
    tekst = models.TextField("tekst")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices, default=Soort.NIET_WEZENLIJK)
    ingangsdatum = models.DateField("ingangsdatum")
    percelen = models.ManyToManyField(
        Perceel, verbose_name="betreft percelen", blank=True, related_name="addenda",
        help_text="Leeg = alle percelen van de aanbesteding.",
    )
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.CONCEPT, db_index=True)
    # Four eyes: drafted, offered for approval, published by a second person, in force on its date. Only an
    # addendum nobody received yet can be withdrawn.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.CONCEPT: {Status.TER_GOEDKEURING, Status.INGETROKKEN},
        Status.TER_GOEDKEURING: {Status.GEPUBLICEERD, Status.INGETROKKEN},
        Status.GEPUBLICEERD: {Status.VERWERKT},
    })
    opgesteld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opgesteld_op = models.DateTimeField(auto_now_add=True)
    termijn_afwijking_reden = models.TextField("reden kortere aankondigingstermijn", blank=True)
    termijn_afwijking_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="afwijking vastgelegd door",
    )
    goedgekeurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    verwerkt_op = models.DateTimeField("verwerkt op", null=True, blank=True)

    class Meta:
        verbose_name = "addendum"
        verbose_name_plural = "addenda"
        ordering = ["aanbesteding", "ingangsdatum", "nummer"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "nummer"], name="addendumnummer_uniek"),
            models.CheckConstraint(
                condition=~Q(status__in=["gepubliceerd", "verwerkt"]) | Q(goedgekeurd_door__isnull=False),
                name="gepubliceerd_addendum_is_goedgekeurd",
            ),
        ]

    def __str__(self):
        nummer = f"Addendum {self.nummer}" if self.nummer else "Addendum (concept)"
        return f"{nummer}: {self.titel}"


class AddendumOnderdeel(models.Model):
    """One structured change in an addendum."""

    REGIO_PAD = "addendum__aanbesteding__regio"

    class Soort(models.TextChoices):
        PRODUCT_TOEGEVOEGD = "product_toegevoegd", "Product toegevoegd"
        PRODUCT_GEWIJZIGD = "product_gewijzigd", "Product gewijzigd"
        PRODUCT_VERWIJDERD = "product_verwijderd", "Product vervalt"
        TARIEVEN = "tarieven", "Tarieftabel voor een jaar"
        CLAUSULE = "clausule", "Gewijzigde bepaling"

    addendum = models.ForeignKey(Addendum, on_delete=models.CASCADE, related_name="onderdelen")
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    perceel = models.ForeignKey(Perceel, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    jaar = models.PositiveSmallIntegerField("tariefjaar", null=True, blank=True)
    bepaling = models.CharField("bepaling", max_length=100, blank=True, help_text="Bijv. artikel 8.1.")
    tekst = models.TextField("tekst", blank=True)
    # Product fields (code, naam, eenheid, ...) or the tariff table [{product, intensiteit, bedrag, onafgerond}].
    gegevens = models.JSONField("gegevens", default=dict, blank=True)
    volgorde = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "onderdeel van addendum"
        verbose_name_plural = "onderdelen van addenda"
        ordering = ["addendum", "volgorde", "pk"]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.addendum})"


class AddendumReactie(models.Model):
    """A provider's answer to an addendum; 'overgenomen' for an addendum a joiner inherits (002 UOK 7.1)."""

    REGIO_PAD = "addendum__aanbesteding__regio"

    class Status(models.TextChoices):
        OPEN = "open", "Wacht op reactie"
        AANVAARD = "aanvaard", "Aanvaard"
        GEWEIGERD = "geweigerd", "Geweigerd"
        STILZWIJGEND_AANVAARD = "stilzwijgend_aanvaard", "Geen reactie (geldt als aanvaard)"
        STILZWIJGEND_GEWEIGERD = "stilzwijgend_geweigerd", "Geen reactie (geldt als weigering)"
        OVERGENOMEN = "overgenomen", "Overgenomen bij toetreding"

    WEIGERINGEN = (Status.GEWEIGERD, Status.STILZWIJGEND_GEWEIGERD)

    addendum = models.ForeignKey(Addendum, on_delete=models.PROTECT, related_name="reacties")
    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="addendumreacties")
    status = models.CharField("status", max_length=30, choices=Status.choices, default=Status.OPEN, db_index=True)
    # An answer is given once; silence is decided on the effective date. 'overgenomen' is where a joiner's
    # inherited addendum starts (002 UOK 7.1), so it is a begin state, not a move.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.OPEN: {Status.AANVAARD, Status.GEWEIGERD, Status.STILZWIJGEND_AANVAARD, Status.STILZWIJGEND_GEWEIGERD},
    })
    beantwoord_op = models.DateTimeField("beantwoord op", null=True, blank=True)
    beantwoord_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    toelichting = models.TextField("toelichting", blank=True)
    verstuurd_op = models.DateTimeField("verstuurd op", null=True, blank=True)
    verwerkt = models.BooleanField("gevolgen verwerkt", default=False)

    class Meta:
        verbose_name = "reactie op addendum"
        verbose_name_plural = "reacties op addenda"
        ordering = ["addendum", "overeenkomst"]
        constraints = [models.UniqueConstraint(fields=["addendum", "overeenkomst"], name="een_reactie_per_addendum")]

    def __str__(self):
        return f"{self.overeenkomst.organisatie}: {self.get_status_display()} ({self.addendum})"


class Indexatieronde(models.Model):
    """A yearly tariff round (003a §3.9, lines 2438–2470): one percentage or weighted components
    (ambulant 90/8/2, verblijf 82/8/10), rounded to cents with the unrounded value carried forward.

    Method ``voorlopig_definitief`` is 003 §6.22 itself (003 r.2436-2470): before the year a provisional index
    (50 % of the provisional OVA, ``ova_voorlopig`` × ``aandeel_voorlopig``, stored in ``percentage``) is applied
    to the base (``Tarief.grondslag``); after the year the definitive index (CBS Gezondheidszorg, CPI, NZa
    kapitaallasten; ``definitief_componenten``) is recorded on this round, and next year's base is this base
    corrected with it. There is no settlement of the difference (003 r.2468)."""

    REGIO_PAD = "aanbesteding__regio"

    class Methode(models.TextChoices):
        PERCENTAGE = "percentage", "Eén percentage"
        GEWOGEN = "gewogen", "Gewogen componenten"
        VOORLOPIG_DEFINITIEF = "voorlopig_definitief", "Voorlopig en definitief (003 §6.22)"

    class Status(models.TextChoices):
        CONCEPT = "concept", "Concept"
        GEPUBLICEERD = "gepubliceerd", "Gepubliceerd als addendum"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="indexatierondes")
    jaar = models.PositiveSmallIntegerField("tariefjaar", help_text="De nieuwe tarieven gelden vanaf 1 januari.")
    methode = models.CharField("methode", max_length=20, choices=Methode.choices, default=Methode.PERCENTAGE)
    percentage = models.DecimalField("indexpercentage", max_digits=7, decimal_places=4, null=True, blank=True)
    # [{"naam": "Lonen (CBS)", "gewicht": "90", "percentage": "3.1"}, ...]; weights in percent summing to 100.
    componenten = models.JSONField("componenten", default=list, blank=True)
    # 003 §6.22 (r.2448-2452): the provisional OVA of the coming year and the share of it applied (50 %); the
    # applied provisional index (ova × aandeel / 100) is ``percentage``.
    ova_voorlopig = models.DecimalField("voorlopige OVA (%)", max_digits=7, decimal_places=4, null=True, blank=True)
    aandeel_voorlopig = models.DecimalField("deel van de OVA (%)", max_digits=5, decimal_places=2, default=50)
    # The definitive index of this year, recorded afterwards (003 r.2440-2446): the components as
    # ``componenten`` ([{"naam", "percentage", "gewicht_ambulant", "gewicht_verblijf"}]).
    definitief_componenten = models.JSONField("definitieve index", default=list, blank=True)
    definitief_vastgelegd_op = models.DateTimeField("definitieve index vastgelegd op", null=True, blank=True)
    definitief_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="definitieve index vastgelegd door",
    )
    toelichting = models.TextField("toelichting", blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.CONCEPT)
    OVERGANGEN = Toestandsmachine(Status, {Status.CONCEPT: {Status.GEPUBLICEERD}})
    addendum = models.OneToOneField(
        Addendum, null=True, blank=True, on_delete=models.PROTECT, related_name="indexatieronde"
    )
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "indexatieronde"
        verbose_name_plural = "indexatierondes"
        ordering = ["aanbesteding", "-jaar"]
        constraints = [models.UniqueConstraint(fields=["aanbesteding", "jaar"], name="een_indexatie_per_jaar")]

    def __str__(self):
        return f"Indexatie {self.jaar} – {self.aanbesteding}"


class Wijzigingsverzoek(models.Model):
    """A change asked by the provider (003a §3.4 and §3.7, the wijzigingsformulier)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Soort(models.TextChoices):
        CONTACTPERSOON = "contactpersoon", "Contactpersoon"
        ADRES = "adres", "Adres of vestiging"
        CAPACITEIT = "capaciteit", "Capaciteit volgend jaar"
        ONDERAANNEMERS = "onderaannemers", "Onderaannemers volgend jaar"
        RECHTSVORM = "rechtsvorm", "Wijziging rechtsvorm"
        KVK = "kvk", "Ander KvK-nummer"

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", "Ingediend"
        GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
        AFGEWEZEN = "afgewezen", "Afgewezen"

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="wijzigingsverzoeken")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    gegevens = models.JSONField("gegevens", default=dict, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    wijzigingsdatum = models.DateField("datum van de wijziging", help_text="Wanneer de wijziging plaatsvond of plaatsvindt.")
    ingangsdatum = models.DateField("ingangsdatum in de overeenkomst", null=True, blank=True)
    vergoeding = models.DecimalField("vergoeding (€, excl. btw)", max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.INGEDIEND, db_index=True)
    OVERGANGEN = Toestandsmachine(Status, {Status.INGEDIEND: {Status.GOEDGEKEURD, Status.AFGEWEZEN}})
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)
    # The day the rules count from (003a §3.4/§3.7 deadlines): the moment of receipt, not the day staff typed it.
    ontvangen_op = models.DateField("ontvangen op", null=True, blank=True)
    kanaal = models.CharField("kanaal", max_length=10, choices=Kanaal.choices, default=Kanaal.PORTAAL)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    reden = models.TextField("reden besluit", blank=True)
    te_laat = models.BooleanField("buiten de termijn gemeld", default=False)

    class Meta:
        verbose_name = "wijzigingsverzoek"
        verbose_name_plural = "wijzigingsverzoeken"
        ordering = ["-ingediend_op"]

    def __str__(self):
        return f"{self.get_soort_display()} – {self.overeenkomst.organisatie}"


class Uittreding(models.Model):
    """The end of (part of) an agreement: the provider's notice, the opdrachtgever's termination on a recorded
    ground, a refused addendum, or an objection to extension. The deelnames stay active until staff confirm
    the clients were transferred (002 art. 8.4) and, for Gooi option 2, the fee was paid (003a §3.5)."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Aanleiding(models.TextChoices):
        OPZEGGING_AANBIEDER = "opzegging", "Opzegging door de aanbieder"
        BEEINDIGING_OPDRACHTGEVER = "beeindiging", "Beëindiging door de opdrachtgever"
        ADDENDUM_GEWEIGERD = "addendum", "Addendum geweigerd"
        VERLENGING_BEZWAAR = "verlenging", "Bezwaar tegen verlenging"
        EINDE_LOOPTIJD = "looptijd", "Einde looptijd"

    class Optie(models.TextChoices):
        MLO = "mlo", "Opzegging (002 art. 8.1)"
        GOOI_1 = "gooi_1", "Optie 1: geen cliënten (003a §3.5)"
        GOOI_2 = "gooi_2", "Optie 2: opzegging ≥ 3 maanden met vergoeding (003a §3.5)"

    class Grond(models.TextChoices):
        FAILLISSEMENT = "faillissement", "Faillissement of surseance"
        ZEGGENSCHAP = "zeggenschap", "Wijziging van zeggenschap (002 art. 8.3a)"
        WANPRESTATIE = "wanprestatie", "Ernstige tekortkoming (002 art. 8.3b/c)"
        INFORMATIEBEVEILIGING = "informatiebeveiliging", "Informatiebeveiliging (002 art. 8.5)"
        GEEN_LEVERING = "geen_levering", "Geen levering gedurende 12 maanden (003a §3.5)"
        BIBOB = "bibob", "Bibob-advies"

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", "Ingediend"
        LOPEND = "lopend", "Aanvaard, in afwikkeling"
        AFGEROND = "afgerond", "Afgerond"
        INGETROKKEN = "ingetrokken", "Ingetrokken"

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="uittredingen")
    deelnames = models.ManyToManyField(Deelname, verbose_name="betreft deelnames", related_name="uittredingen")
    aanleiding = models.CharField("aanleiding", max_length=20, choices=Aanleiding.choices)
    optie = models.CharField("optie", max_length=10, choices=Optie.choices, blank=True)
    grond = models.CharField("grond", max_length=30, choices=Grond.choices, blank=True)
    addendum = models.ForeignKey(Addendum, null=True, blank=True, on_delete=models.PROTECT, related_name="uittredingen")
    ontvangen_op = models.DateField("opzegging ontvangen op")
    kanaal = models.CharField("kanaal", max_length=10, choices=Kanaal.choices, default=Kanaal.PORTAAL)
    vroegste_einddatum = models.DateField("vroegst mogelijke einddatum")
    aantal_clienten = models.PositiveIntegerField("aantal cliënten (peildatum)", null=True, blank=True)
    vergoeding = models.DecimalField("vergoeding (€, excl. btw)", max_digits=10, decimal_places=2, null=True, blank=True)
    vergoeding_betaald_op = models.DateField("vergoeding betaald op", null=True, blank=True)
    continuiteit_toelichting = models.TextField("continuïteit van zorg (schriftelijk)", blank=True)
    clienten_overgedragen_op = models.DateField("cliënten overgedragen op", null=True, blank=True)
    einddatum = models.DateField("einddatum", null=True, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.INGEDIEND, db_index=True)
    # A provider's notice starts ingediend; staff's own termination, a refused addendum or an objection to
    # extension start lopend (already accepted), and an exit that took effect before it was recorded (refused
    # addendum on its date, end of term) starts afgerond. Only a notice staff did not accept yet can be withdrawn.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.INGEDIEND: {Status.LOPEND, Status.INGETROKKEN},
        Status.LOPEND: {Status.AFGEROND},
    }, begin={Status.INGEDIEND, Status.LOPEND, Status.AFGEROND})
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "uittreding"
        verbose_name_plural = "uittredingen"
        ordering = ["-ontvangen_op"]
        constraints = [
            models.CheckConstraint(condition=~Q(aanleiding="beeindiging") | ~Q(grond=""), name="beeindiging_heeft_grond"),
        ]

    def __str__(self):
        return f"{self.get_aanleiding_display()} – {self.overeenkomst.organisatie}"


class Verlengingsronde(models.Model):
    """An extension of the procedure's term (003a §3.6: +2 years, announced by 1 September, objection
    before 1 October; silence counts as consent)."""

    REGIO_PAD = "aanbesteding__regio"

    class Status(models.TextChoices):
        AANGEKONDIGD = "aangekondigd", "Aangekondigd"
        VERWERKT = "verwerkt", "Verwerkt"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.PROTECT, related_name="verlengingsrondes")
    oude_einddatum = models.DateField("huidige einddatum")
    nieuwe_einddatum = models.DateField("nieuwe einddatum")
    aangekondigd_op = models.DateField("aangekondigd op")
    bezwaar_tot = models.DateField("bezwaar vóór")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.AANGEKONDIGD)
    OVERGANGEN = Toestandsmachine(Status, {Status.AANGEKONDIGD: {Status.VERWERKT}})
    aangekondigd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "verlengingsronde"
        verbose_name_plural = "verlengingsrondes"
        ordering = ["aanbesteding", "-nieuwe_einddatum"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "nieuwe_einddatum"], name="verlenging_uniek"),
            models.CheckConstraint(condition=Q(nieuwe_einddatum__gt=models.F("oude_einddatum")), name="verlenging_na_einde"),
        ]

    def __str__(self):
        return f"Verlenging tot {self.nieuwe_einddatum:%d-%m-%Y} – {self.aanbesteding}"


class Verlengingsbezwaar(models.Model):
    REGIO_PAD = "ronde__aanbesteding__regio"

    ronde = models.ForeignKey(Verlengingsronde, on_delete=models.PROTECT, related_name="bezwaren")
    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="verlengingsbezwaren")
    ontvangen_op = models.DateField("ontvangen op")
    kanaal = models.CharField("kanaal", max_length=10, choices=Kanaal.choices, default=Kanaal.POST)
    toelichting = models.TextField("toelichting", blank=True)
    vastgelegd_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "bezwaar tegen verlenging"
        verbose_name_plural = "bezwaren tegen verlenging"
        constraints = [models.UniqueConstraint(fields=["ronde", "overeenkomst"], name="een_bezwaar_per_ronde")]

    def __str__(self):
        return f"Bezwaar {self.overeenkomst.organisatie} ({self.ronde})"


class Brief(models.Model):
    """The digital registered letter (issue 18, ADR 0017): one notice of the provider (uittreding, bezwaar tegen
    verlenging, wijzigingsverzoek) or one answer of the bureau, with its moment of receipt, its channel, the scan
    of a paper letter, and the sealed ontvangstbevestiging both parties can download.

    ``ontvangen_op`` is the moment the rules count from: the server's moment of a portal submission, or the real
    moment a letter by post or e-mail arrived (recorded by staff, never in the future, never before the agreement
    started). Written once by ``brief_registreren``; only the receipt fields are filled in later by the task."""

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    class Soort(models.TextChoices):
        UITTREDING = "uittreding", "Opzegging (uittreding)"
        VERLENGINGSBEZWAAR = "verlengingsbezwaar", "Bezwaar tegen verlenging"
        WIJZIGINGSVERZOEK = "wijzigingsverzoek", "Wijzigingsverzoek"
        UITTREDING_AANVAARD = "uittreding_aanvaard", "Aanvaarding van de opzegging"
        BEEINDIGING = "beeindiging", "Beëindiging door de opdrachtgever"
        WIJZIGINGSVERZOEK_BESLUIT = "wijzigingsverzoek_besluit", "Besluit op het wijzigingsverzoek"

    VAN_AANBIEDER = frozenset({Soort.UITTREDING, Soort.VERLENGINGSBEZWAAR, Soort.WIJZIGINGSVERZOEK})

    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="brieven")
    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    kanaal = models.CharField("kanaal", max_length=10, choices=Kanaal.choices)
    ontvangen_op = models.DateTimeField("moment van ontvangst")
    uittreding = models.ForeignKey(Uittreding, null=True, blank=True, on_delete=models.PROTECT, related_name="brieven")
    wijzigingsverzoek = models.ForeignKey(
        Wijzigingsverzoek, null=True, blank=True, on_delete=models.PROTECT, related_name="brieven"
    )
    verlengingsbezwaar = models.ForeignKey(
        Verlengingsbezwaar, null=True, blank=True, on_delete=models.PROTECT, related_name="brieven"
    )
    samenvatting = models.TextField("inhoud in het kort", blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="ingediend of besloten door", help_text="Leeg bij een brief per post of e-mail.",
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="vastgelegd door", help_text="De medewerker die een brief per post of e-mail vastlegde.",
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)
    scan = models.FileField("scan van de brief", storage=prive_opslag, upload_to=willekeurige_naam, blank=True, max_length=255)
    scan_naam = models.CharField("oorspronkelijke naam scan", max_length=255, blank=True)
    scan_sha256 = models.CharField("sha256 scan", max_length=64, blank=True)
    scan_mime_type = models.CharField("type scan", max_length=100, blank=True)
    bevestiging = models.FileField(
        "ontvangstbevestiging", storage=prive_opslag, upload_to=willekeurige_naam, blank=True, max_length=255
    )
    bevestiging_sha256 = models.CharField("sha256 ontvangstbevestiging", max_length=64, blank=True)
    bevestigd_op = models.DateTimeField("bevestiging gemaakt op", null=True, blank=True)
    # Natural key ("uittreding:12"): one letter per notice or answer, so a repeated call never registers twice.
    sleutel = models.CharField("sleutel", max_length=80, unique=True)

    class Meta:
        verbose_name = "brief"
        verbose_name_plural = "brieven"
        ordering = ["-ontvangen_op", "-pk"]

    def __str__(self):
        return f"{self.get_soort_display()} – {self.overeenkomst.organisatie} ({self.ontvangen_op.astimezone(TZ):%d-%m-%Y %H:%M})"

    @property
    def van_aanbieder(self) -> bool:
        return self.soort in self.VAN_AANBIEDER


class Mededeling(models.Model):
    """A public announcement on the procedure page (002 UOK 7.2: the new provider is announced; 003a §3.7:
    changes are announced). The cms reads these; this app never imports the cms."""

    REGIO_PAD = "aanbesteding__regio"

    class Soort(models.TextChoices):
        TOETREDING = "toetreding", "Nieuwe aanbieder toegetreden"
        ADDENDUM = "addendum", "Addendum gepubliceerd"
        INDEXATIE = "indexatie", "Nieuwe tarieven"
        VERLENGING = "verlenging", "Verlenging aangekondigd"

    aanbesteding = models.ForeignKey(Aanbesteding, on_delete=models.CASCADE, related_name="mededelingen")
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    titel = models.CharField("titel", max_length=255)
    tekst = models.TextField("tekst", blank=True)
    gepubliceerd_op = models.DateTimeField("gepubliceerd op")
    overeenkomst = models.ForeignKey(Overeenkomst, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    addendum = models.ForeignKey(Addendum, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    # Natural key for idempotent publication (e.g. "toetreding:12:2026-03-01").
    sleutel = models.CharField("sleutel", max_length=100, unique=True)

    class Meta:
        verbose_name = "mededeling"
        verbose_name_plural = "mededelingen"
        ordering = ["-gepubliceerd_op"]

    def __str__(self):
        return self.titel


class Toetreding(models.Model):
    """The hand-over of one admission decision (toetsing.Besluit, or another source) into an agreement.

    Recorded so the hand-over is idempotent even after the provider later left: the catch-up task never
    re-creates a deelname for a decision that was already processed (issue 5 → 6).
    """

    REGIO_PAD = "overeenkomst__aanbesteding__regio"

    bron_soort = models.CharField("soort bron", max_length=100, help_text="app_label.model, bijv. toetsing.besluit.")
    bron_id = models.CharField("id bron", max_length=40)
    overeenkomst = models.ForeignKey(Overeenkomst, on_delete=models.PROTECT, related_name="toetredingen")
    startdatum = models.DateField("ingangsdatum")
    percelen = models.ManyToManyField(Perceel, verbose_name="percelen", related_name="+")
    verwerkt_op = models.DateTimeField("verwerkt op", auto_now_add=True)

    class Meta:
        verbose_name = "toetreding"
        verbose_name_plural = "toetredingen"
        ordering = ["-verwerkt_op"]
        constraints = [models.UniqueConstraint(fields=["bron_soort", "bron_id"], name="een_toetreding_per_bron")]

    def __str__(self):
        return f"Toetreding {self.overeenkomst} ({self.bron_soort} {self.bron_id})"
