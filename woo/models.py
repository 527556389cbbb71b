"""Woo metadata, requests and redaction marks (issue 16).

The documents themselves stay with their owning apps (core.dossier.Dossierstuk, one ``sleutel`` each); this app
keeps what the Woo adds to them: the metadata and active disclosure per document (``Woometadata``), the requests
(``Wooverzoek``) with the documents selected for each (``Verzoekstuk``) and the passages withheld
(``Lakmarkering``) on a configurable list of grounds (``Woogrond``), as in the Woo decision of seed 003.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.opslag import prive_opslag, willekeurige_naam
from core.toestand import Toestandsmachine

from .gronden import normaliseer_code


class Woogrond(models.Model):
    """A ground on which information is withheld (Woo ch. 5) or left out ("reikwijdte"), as the inventarislijst
    prints it (003a r. 62-107). A list the bureau maintains; the Woo articles are seeded (migration 0002)."""

    class Soort(models.TextChoices):
        ABSOLUUT = "absoluut", "absolute uitzonderingsgrond (art. 5.1, eerste lid)"
        RELATIEF = "relatief", "relatieve uitzonderingsgrond (art. 5.1, tweede lid)"
        OVERIG = "overig", "overig (art. 5.2 e.v., buiten de reikwijdte)"

    code = models.CharField("code", max_length=20, unique=True, help_text="Bijvoorbeeld 5.1.2.e.")
    artikel = models.CharField("artikel", max_length=200, help_text="Bijvoorbeeld: art. 5.1, tweede lid, onder e, Woo.")
    omschrijving = models.CharField("omschrijving", max_length=300)
    toelichting = models.TextField(
        "toelichting", blank=True,
        help_text="Tekst voor de toelichting op de inventarislijst (003 r. 85-107).",
    )
    soort = models.CharField("soort", max_length=10, choices=Soort.choices)
    actief = models.BooleanField("actief", default=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "Woo-grond"
        verbose_name_plural = "Woo-gronden"
        ordering = ["volgorde", "code"]

    def __str__(self):
        return f"{self.code}: {self.omschrijving}"

    def save(self, *args, **kwargs):
        # One spelling in the table, whoever types it (003a r. 276: "5.1.2b" and "5.1.2 e" mean 5.1.2.b, 5.1.2.e).
        self.code = normaliseer_code(self.code)
        super().save(*args, **kwargs)


class Informatiecategorie(models.TextChoices):
    """The information categories of Woo art. 3.3 that a procedure dossier holds (the TOOI value list
    "Woo-informatiecategorieën" names the same 17; only those a procedure produces are offered here), plus
    "overig" for what is published under the general duty of art. 3.1 (an agreement is none of the 17)."""

    BESLUITEN_ALGEMENE_STREKKING = "besluiten_algemene_strekking", "Overige besluiten van algemene strekking (art. 3.3, eerste lid, onder b)"
    ORGANISATIE_WERKWIJZE = "organisatie_werkwijze", "Organisatie en werkwijze (art. 3.3, eerste lid, onder d)"
    ADVIEZEN = "adviezen", "Adviezen (art. 3.3, tweede lid, onder e)"
    CONVENANTEN = "convenanten", "Convenanten (art. 3.3, tweede lid, onder f)"
    WOO_VERZOEKEN = "woo_verzoeken", "Woo-verzoeken en -besluiten (art. 3.3, tweede lid, onder i)"
    ONDERZOEKSRAPPORTEN = "onderzoeksrapporten", "Onderzoeksrapporten (art. 3.3, tweede lid, onder j)"
    BESCHIKKINGEN = "beschikkingen", "Beschikkingen (art. 3.3, tweede lid, onder k)"
    OVEREENKOMSTEN = "overeenkomsten", "Overeenkomsten (art. 3.1, overige informatie)"


# The category a document gets until staff choose another, per Dossierstuk.soort (the owning apps' names).
# A notice, the tender documents and an NvI bind every provider alike: general rules of the procedure. A decision
# on one provider is a beschikking; an agreement or addendum a contract (art. 3.1); a proces-verbaal reports.
STANDAARDCATEGORIE = {
    "aankondiging": Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING,
    "documentversie": Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING,
    "nota_van_inlichtingen": Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING,
    "rectificatie": Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING,
    "procedurewijziging": Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING,
    "indexatie": Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING,
    "besluit": Informatiecategorie.BESCHIKKINGEN,
    "handhaving_voornemen": Informatiecategorie.BESCHIKKINGEN,
    "handhaving_besluit": Informatiecategorie.BESCHIKKINGEN,
    "uittreding": Informatiecategorie.BESCHIKKINGEN,
    "overeenkomst": Informatiecategorie.OVEREENKOMSTEN,
    "addendum": Informatiecategorie.OVEREENKOMSTEN,
    "pv_opening": Informatiecategorie.ONDERZOEKSRAPPORTEN,
    "pv_beoordeling": Informatiecategorie.ONDERZOEKSRAPPORTEN,
}


def standaardcategorie(soort: str) -> str:
    """The default category of a document of ``soort`` (a kind not listed: general rules of the procedure)."""
    return STANDAARDCATEGORIE.get(soort, Informatiecategorie.BESLUITEN_ALGEMENE_STREKKING)


class Woometadata(models.Model):
    """The Woo metadata of one document of a procedure dossier (``sleutel`` of a core.dossier.Dossierstuk), and
    whether it is actively published. Made when staff first save or publish it; until then the dossier screen
    shows the defaults (woo.selectors.dossier)."""

    class Status(models.TextChoices):
        NIET_GEPUBLICEERD = "niet_gepubliceerd", "niet gepubliceerd"
        ACTIEF_OPENBAAR = "actief_openbaar", "actief openbaar"
        INGETROKKEN = "ingetrokken", "ingetrokken"

    # A withdrawn publication can be published again (a corrected version): both moves are recorded.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.NIET_GEPUBLICEERD: {Status.ACTIEF_OPENBAAR},
        Status.ACTIEF_OPENBAAR: {Status.INGETROKKEN},
        Status.INGETROKKEN: {Status.ACTIEF_OPENBAAR},
    }, begin={Status.NIET_GEPUBLICEERD})

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(
        "aanbesteding.Aanbesteding", verbose_name="aanbesteding", on_delete=models.PROTECT, related_name="woometadata",
    )
    sleutel = models.CharField("sleutel", max_length=80)
    # The document as it was when its metadata was last saved: the public page lists these without asking the
    # owning apps (one query), the download asks the owner for the bytes.
    titel = models.CharField("titel", max_length=300)
    soort = models.CharField("soort document", max_length=40)
    datum = models.DateField("datum")
    informatiecategorie = models.CharField("informatiecategorie", max_length=40, choices=Informatiecategorie.choices)
    status = models.CharField("publicatiestatus", max_length=20, choices=Status.choices,
                              default=Status.NIET_GEPUBLICEERD)
    openbaar_gemaakt_op = models.DateTimeField("actief openbaar gemaakt op", null=True, blank=True)
    openbaar_gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="actief openbaar gemaakt door", null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    # The published copy: the document with its personal data burnt out (5.1.2.e), made after commit.
    publicatie = models.FileField("gepubliceerde versie", storage=prive_opslag, upload_to=willekeurige_naam,
                                  max_length=255, blank=True)
    publicatie_sha256 = models.CharField("sha256 gepubliceerde versie", max_length=64, blank=True)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)

    class Meta:
        verbose_name = "Woo-metadata van een dossierstuk"
        verbose_name_plural = "Woo-metadata van dossierstukken"
        ordering = ["aanbesteding", "datum", "sleutel"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "sleutel"], name="woo_metadata_een_per_stuk"),
            models.CheckConstraint(
                condition=Q(status="niet_gepubliceerd") | Q(openbaar_gemaakt_op__isnull=False),
                name="woo_metadata_openbaar_met_moment",
            ),
        ]

    def __str__(self):
        return f"{self.titel} ({self.get_status_display()})"


class Wooverzoek(models.Model):
    """A request under the Woo about a procedure (003a r. 1-56). The requester's name is personal data: it is
    shown to staff only and never printed in an export or on a public page."""

    class Status(models.TextChoices):
        ONTVANGEN = "ontvangen", "ontvangen"
        IN_BEHANDELING = "in_behandeling", "in behandeling"
        BESLOTEN = "besloten", "besloten"

    # A decision is final (ARCHITECTURE rule 14): a correction is a new request with its own decision.
    OVERGANGEN = Toestandsmachine(Status, {
        Status.ONTVANGEN: {Status.IN_BEHANDELING, Status.BESLOTEN},
        Status.IN_BEHANDELING: {Status.BESLOTEN},
    }, begin={Status.ONTVANGEN})

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.ForeignKey(
        "aanbesteding.Aanbesteding", verbose_name="aanbesteding", on_delete=models.PROTECT, related_name="wooverzoeken",
    )
    kenmerk = models.CharField("kenmerk", max_length=50, help_text="Bijvoorbeeld DOC-26015854.")
    ontvangen_op = models.DateField("ontvangen op")
    onderwerp = models.CharField("onderwerp", max_length=300)
    omschrijving = models.TextField("omschrijving van het verzoek", blank=True)
    verzoeker = models.CharField("verzoeker", max_length=200, help_text="Persoonsgegeven: nooit openbaar.")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.ONTVANGEN)
    besluitdatum = models.DateField("besluitdatum", null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="besloten door", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="geregistreerd door", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    geregistreerd_op = models.DateTimeField("geregistreerd op", auto_now_add=True)
    # The export of the decision (ZIP: redacted PDFs and the inventarislijst), made once after commit.
    export = models.FileField("export (zip)", storage=prive_opslag, upload_to=willekeurige_naam, max_length=255,
                              blank=True)
    export_sha256 = models.CharField("sha256 export", max_length=64, blank=True)
    export_gemaakt_op = models.DateTimeField("export gemaakt op", null=True, blank=True)
    inventarislijst_pdf = models.FileField("inventarislijst (pdf, verzegeld)", storage=prive_opslag,
                                           upload_to=willekeurige_naam, max_length=255, blank=True)

    class Meta:
        verbose_name = "Woo-verzoek"
        verbose_name_plural = "Woo-verzoeken"
        ordering = ["-ontvangen_op", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["aanbesteding", "kenmerk"], name="woo_verzoek_kenmerk_uniek"),
            models.CheckConstraint(
                condition=~Q(status="besloten") | Q(besluitdatum__isnull=False),
                name="woo_verzoek_besloten_met_datum",
            ),
        ]

    def __str__(self):
        return f"Woo-verzoek {self.kenmerk}"

    @property
    def besloten(self) -> bool:
        return self.status == self.Status.BESLOTEN


class Verzoekstuk(models.Model):
    """One document of the dossier selected for a request, with its number in the inventarislijst and the
    decision on it (003a r. 62-83: openbaar / deels openbaar / niet openbaar)."""

    class Beoordeling(models.TextChoices):
        OPENBAAR = "openbaar", "openbaar"
        DEELS_OPENBAAR = "deels_openbaar", "deels openbaar"
        NIET_OPENBAAR = "niet_openbaar", "niet openbaar"
        REEDS_OPENBAAR = "reeds_openbaar", "reeds openbaar"
        BUITEN_REIKWIJDTE = "buiten_reikwijdte", "buiten de reikwijdte"

    REGIO_PAD = "verzoek__aanbesteding__regio"

    verzoek = models.ForeignKey(Wooverzoek, verbose_name="verzoek", on_delete=models.CASCADE, related_name="stukken")
    sleutel = models.CharField("sleutel", max_length=80)
    volgnummer = models.PositiveIntegerField("nummer")
    titel = models.CharField("titel", max_length=300)
    soort = models.CharField("soort document", max_length=40)
    datum = models.DateField("datum")
    beoordeling = models.CharField("beoordeling", max_length=20, choices=Beoordeling.choices,
                                   default=Beoordeling.OPENBAAR)
    vindplaats = models.URLField("vindplaats (reeds openbaar)", blank=True)

    class Meta:
        verbose_name = "document van een Woo-verzoek"
        verbose_name_plural = "documenten van een Woo-verzoek"
        ordering = ["verzoek", "volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["verzoek", "volgnummer"], name="woo_verzoekstuk_volgnummer_uniek"),
            models.UniqueConstraint(fields=["verzoek", "sleutel"], name="woo_verzoekstuk_sleutel_uniek"),
            models.CheckConstraint(condition=Q(volgnummer__gte=1), name="woo_verzoekstuk_volgnummer_positief"),
            models.CheckConstraint(condition=~Q(beoordeling="reeds_openbaar") | ~Q(vindplaats=""),
                                   name="woo_verzoekstuk_reeds_openbaar_met_vindplaats"),
        ]

    def __str__(self):
        return f"{self.volgnummer}. {self.titel}"

    @property
    def documentnaam(self) -> str:
        """The title as 003 prints it: the date first (YYYYMMDD), then the title (003a r. 62-83)."""
        return f"{self.datum:%Y%m%d} {self.titel}"


class Lakmarkering(models.Model):
    """A passage (or a page, or the whole document) withheld from a selected document on one ground. Burnt into
    the exported PDF as a black bar with the ground's code (003a r. 88-90). ``automatisch`` marks are the personal
    data the portal found itself (5.1.2.e): they cannot be removed."""

    # pagina 0 means every page: one value instead of NULL, so the uniqueness below holds on every database.
    ALLE_PAGINAS = 0

    REGIO_PAD = "verzoekstuk__verzoek__aanbesteding__regio"

    verzoekstuk = models.ForeignKey(Verzoekstuk, verbose_name="document", on_delete=models.CASCADE,
                                    related_name="markeringen")
    grond = models.ForeignKey(Woogrond, verbose_name="grond", on_delete=models.PROTECT, related_name="+")
    tekst = models.CharField("passage", max_length=500, blank=True,
                             help_text="Leeg: de hele pagina of, zonder pagina, het hele document.")
    pagina = models.PositiveSmallIntegerField("pagina", default=ALLE_PAGINAS, help_text="0 = alle pagina's.")
    automatisch = models.BooleanField("automatisch (persoonsgegevens)", default=False)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="door", null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op", auto_now_add=True)

    class Meta:
        verbose_name = "lakmarkering"
        verbose_name_plural = "lakmarkeringen"
        ordering = ["verzoekstuk", "pagina", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["verzoekstuk", "grond", "tekst", "pagina"], name="woo_markering_uniek"),
        ]

    def __str__(self):
        return f"{self.grond.code}: {self.omvang}"

    @property
    def heel_document(self) -> bool:
        return not self.tekst and self.pagina == self.ALLE_PAGINAS

    @property
    def omvang(self) -> str:
        if self.tekst:
            return f"“{self.tekst}”" + (f" (pagina {self.pagina})" if self.pagina else "")
        return f"pagina {self.pagina}" if self.pagina else "het hele document"
