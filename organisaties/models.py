import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from core import kalender

from .validators import agb_validator, kvk_validator, postcode_validator, vestigingsnummer_validator


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Een e-mailadres is verplicht.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person. Logs in with e-mail; belongs to organisations through Lidmaatschap."""

    username = None
    email = models.EmailField("e-mailadres", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class Domein(models.TextChoices):
    JEUGD = "jeugd", "Jeugdwet"
    WMO = "wmo", "Wmo 2015"


kleur_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Geef een kleur als #RRGGBB, bijvoorbeeld #1F4E79.")


def _luminantie(hex_kleur: str) -> float:
    def kanaal(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_kleur[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * kanaal(r) + 0.7152 * kanaal(g) + 0.0722 * kanaal(b)


def contrast_met_wit(hex_kleur: str) -> float:
    """WCAG 2.1 contrast ratio of ``hex_kleur`` against white (1.0–21.0)."""
    return 1.05 / (_luminantie(hex_kleur) + 0.05)


# WCAG 2.1 AA, criterion 1.4.3: normal text needs 4.5:1. The region's colour carries white text (header, buttons).
MINIMAAL_CONTRAST = 4.5


class Regio(ClusterableModel):
    """A region of municipalities that buy together through a bureau (the opdrachtgever).

    Everything a bureau configures without a developer lives here (issue 17): its municipalities per domain,
    contact details, logo and colours on its public pages, and the texts its letters use.
    """

    naam = models.CharField("naam", max_length=200, unique=True)
    slug = models.SlugField("slug", unique=True, help_text="Het adres van de regiopagina: /regio/<slug>/.")
    bureau_naam = models.CharField("naam van het inkoopbureau", max_length=200, blank=True)
    contact_email = models.EmailField("e-mail van het bureau", blank=True)
    contact_telefoon = models.CharField("telefoon van het bureau", max_length=30, blank=True)
    website = models.URLField("website", blank=True)
    postadres = models.CharField("postadres", max_length=200, blank=True,
                                 help_text="Zoals in brieven boven de afzender, bijv. 'Postbus 251, 1400 AG Bussum'.")
    intro = models.TextField("introductie op de regiopagina", blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name="logo", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kleur_primair = models.CharField(
        "hoofdkleur", max_length=7, default="#1F4E79", validators=[kleur_validator],
        help_text="Achtergrond van de kop en de knoppen, met witte tekst: minstens 4,5:1 contrast met wit.",
    )
    kleur_accent = models.CharField("accentkleur", max_length=7, default="#E5A000", validators=[kleur_validator])
    # Legal texts used in letters (decisions, notices) of this bureau; empty means the portal's default text.
    ondertekening = models.TextField(
        "ondertekening van brieven", blank=True,
        help_text="Bijv. 'Namens het college van burgemeester en wethouders, het Dagelijks Bestuur van de Regio'.",
    )
    rechtsmiddelen = models.TextField(
        "rechtsmiddelenclausule", blank=True,
        help_text="Waar en hoe een aanbieder zich tegen een besluit kan verzetten; staat onder elk besluit.",
    )
    klachten = models.TextField("klachtenregeling", blank=True)

    class Meta:
        verbose_name = "regio"
        verbose_name_plural = "regio's"
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def clean(self):
        super().clean()
        if self.kleur_primair and kleur_validator.regex.match(self.kleur_primair):
            ratio = contrast_met_wit(self.kleur_primair)
            if ratio < MINIMAAL_CONTRAST:
                raise ValidationError({"kleur_primair": (
                    f"Deze kleur geeft met witte tekst een contrast van {ratio:.1f}:1; nodig is minstens 4,5:1 "
                    "(WCAG 2.1 AA). Kies een donkerder kleur."
                )})

    @property
    def weergavenaam_bureau(self) -> str:
        return self.bureau_naam or self.naam


class Gemeente(models.Model):
    naam = models.CharField("naam", max_length=200, unique=True)
    regio = ParentalKey(Regio, verbose_name="regio", on_delete=models.PROTECT, related_name="gemeenten")
    # Participation is per municipality per domain (Eemnes buys Wmo but not Jeugd: DOMAIN.md, Actors).
    doet_mee_jeugd = models.BooleanField("neemt deel aan Jeugd", default=True)
    doet_mee_wmo = models.BooleanField("neemt deel aan Wmo", default=True)

    REGIO_PAD = "regio"

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Rechtsvorm(models.TextChoices):
    BV = "bv", "Besloten vennootschap (B.V.)"
    NV = "nv", "Naamloze vennootschap (N.V.)"
    STICHTING = "stichting", "Stichting"
    VERENIGING = "vereniging", "Vereniging"
    COOPERATIE = "cooperatie", "Coöperatie"
    EENMANSZAAK = "eenmanszaak", "Eenmanszaak"
    VOF = "vof", "Vennootschap onder firma (v.o.f.)"
    MAATSCHAP = "maatschap", "Maatschap"
    CV = "cv", "Commanditaire vennootschap (C.V.)"
    OVERHEID = "overheid", "Publiekrechtelijke rechtspersoon"


class OrganisatieQuerySet(models.QuerySet):
    def aanbieders(self):
        return self.filter(soort=Organisatie.Soort.AANBIEDER)


class Organisatie(models.Model):
    class Soort(models.TextChoices):
        AANBIEDER = "aanbieder", "Zorgaanbieder"
        OPDRACHTGEVER = "opdrachtgever", "Opdrachtgever (regio)"

    soort = models.CharField("soort", max_length=20, choices=Soort.choices, default=Soort.AANBIEDER)
    naam = models.CharField("statutaire naam", max_length=200)
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, unique=True, validators=[kvk_validator])
    vestigingsnummer = models.CharField(
        "vestigingsnummer", max_length=12, blank=True, validators=[vestigingsnummer_validator]
    )
    agb_code = models.CharField("AGB-code", max_length=8, blank=True, validators=[agb_validator])
    # The group this organisation belongs to (art. 2:24b BW): the KvK number of the group's top holding. Two bids
    # of the same group are presumed able to influence competition (003 r.647-659); toetsing flags them.
    groep_kvk = models.CharField(
        "KvK-nummer van de groep", max_length=8, blank=True, validators=[kvk_validator],
        help_text="Alleen als uw organisatie deel uitmaakt van een groep (art. 2:24b BW): het KvK-nummer van de "
                  "houdstermaatschappij aan de top van de groep.",
    )
    rechtsvorm = models.CharField("rechtsvorm", max_length=20, choices=Rechtsvorm.choices)
    straat = models.CharField("straat en huisnummer", max_length=200)
    postcode = models.CharField("postcode", max_length=7, validators=[postcode_validator])
    plaats = models.CharField("vestigingsplaats", max_length=100)
    contactpersoon = models.CharField("contactpersoon", max_length=200)
    contact_email = models.EmailField("e-mail contactpersoon")
    contact_telefoon = models.CharField("telefoon contactpersoon", max_length=30, blank=True)
    regio = models.ForeignKey(
        Regio, verbose_name="regio", null=True, blank=True, on_delete=models.PROTECT,
        help_text="Alleen voor een opdrachtgever: de regio die het bureau vertegenwoordigt.",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(soort="opdrachtgever") | Q(regio__isnull=False), name="opdrachtgever_heeft_regio"
            ),
        ]

    def __str__(self):
        return self.naam


class Rol(models.TextChoices):
    BEHEERDER = "beheerder", "Beheerder"
    MEDEWERKER = "medewerker", "Medewerker"


class Lidmaatschap(models.Model):
    user = models.ForeignKey(User, verbose_name="gebruiker", on_delete=models.CASCADE, related_name="lidmaatschappen")
    organisatie = models.ForeignKey(
        Organisatie, verbose_name="organisatie", on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    rol = models.CharField("rol", max_length=20, choices=Rol.choices, default=Rol.MEDEWERKER)
    sinds = models.DateTimeField("lid sinds", auto_now_add=True)

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        ordering = ["organisatie__naam", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "organisatie"], name="een_lidmaatschap_per_organisatie")]

    def __str__(self):
        return f"{self.user} – {self.organisatie} ({self.get_rol_display()})"

    @property
    def is_beheerder(self):
        return self.rol == Rol.BEHEERDER


class StaffRol(models.TextChoices):
    """The bureau's staff roles (DOMAIN.md, Actors); the value is the name of the Wagtail group that carries the
    model permissions (organisaties/rollen.py)."""

    INKOPER = "Inkoper", "Inkoper"
    CONTRACTMANAGER = "Contractmanager", "Contractmanager"
    BEOORDELAAR = "Beoordelaar", "Beoordelaar"
    REDACTEUR = "Redacteur", "Redacteur"
    SROI_ADVISEUR = "SROI-adviseur", "SROI-adviseur"
    # Issue 14: municipal staff (toegang, sociaal team) who report signalen and read the register, nothing else.
    GEMEENTE = "Gemeente", "Gemeente"


class Regiorol(models.Model):
    """A staff member's role in one region (issue 17): what they may do comes from the role's group, where from
    these rows. No region means every region of the portal: a portal that hosts one bureau, or a shared-services
    team; only the platform administrator grants it (organisaties.services.regiorol_toekennen)."""

    user = models.ForeignKey(User, verbose_name="medewerker", on_delete=models.CASCADE, related_name="regiorollen")
    regio = models.ForeignKey(
        Regio, verbose_name="regio", null=True, blank=True, on_delete=models.CASCADE, related_name="regiorollen",
        help_text="Leeg: alle regio's van het portaal.",
    )
    rol = models.CharField("rol", max_length=30, choices=StaffRol.choices)
    toegekend_op = models.DateTimeField("toegekend op", auto_now_add=True)
    toegekend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="toegekend door", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    REGIO_PAD = "regio"

    class Meta:
        verbose_name = "rol in een regio"
        verbose_name_plural = "rollen in regio's"
        ordering = ["user__email", "regio__naam", "rol"]
        constraints = [
            models.UniqueConstraint(fields=["user", "regio", "rol"], condition=Q(regio__isnull=False),
                                    name="een_rol_per_regio"),
            models.UniqueConstraint(fields=["user", "rol"], condition=Q(regio__isnull=True),
                                    name="een_rol_voor_alle_regios"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_rol_display()} ({self.regio or 'alle regio’s'})"


def _token():
    return secrets.token_urlsafe(32)


UITNODIGING_GELDIG = timedelta(days=14)


class UitnodigingQuerySet(models.QuerySet):
    def open(self):
        return self.filter(geaccepteerd_op__isnull=True, ingetrokken_op__isnull=True, verloopt_op__gt=kalender.nu())


class Uitnodiging(models.Model):
    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="uitnodigingen")
    email = models.EmailField("e-mailadres")
    rol = models.CharField("rol", max_length=20, choices=Rol.choices, default=Rol.MEDEWERKER)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    uitgenodigd_door = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verloopt_op = models.DateTimeField("verloopt op")
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)
    geaccepteerd_op = models.DateTimeField("geaccepteerd op", null=True, blank=True)
    geaccepteerd_door = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"
        ordering = ["-aangemaakt_op"]

    def __str__(self):
        return f"Uitnodiging {self.email} voor {self.organisatie}"

    @property
    def is_open(self):
        return self.geaccepteerd_op is None and self.ingetrokken_op is None and self.verloopt_op > kalender.nu()


class EherkenningKoppeling(models.Model):
    """A person's eHerkenning identity, linked to one portal account and one KvK number (issue 16).

    The pseudonym (``urn:etoegang:core:ActingSubjectID``) is what the broker asserts about the person, per service
    provider; the KvK number is the company the person acted for when the link was made. A pseudonym reaches only
    that company: a later login for another KvK number is refused (organisaties/eherkenning.py), so an
    authorisation for one provider never opens another provider's environment.
    """

    pseudoniem = models.CharField("pseudoniem", max_length=255, unique=True)
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, validators=[kvk_validator])
    user = models.ForeignKey(
        User, verbose_name="gebruiker", on_delete=models.CASCADE, related_name="eherkenning_koppelingen"
    )
    aangemaakt_op = models.DateTimeField("gekoppeld op", auto_now_add=True)
    laatst_gebruikt = models.DateTimeField("laatst gebruikt", null=True, blank=True)

    class Meta:
        verbose_name = "eHerkenning-koppeling"
        verbose_name_plural = "eHerkenning-koppelingen"
        ordering = ["kvk_nummer", "aangemaakt_op"]

    def __str__(self):
        return f"eHerkenning {self.kvk_nummer} – {self.user}"


class Bericht(models.Model):
    """A message the portal sent to a provider organisation, in its inbox (issue 12, ADR 0028).

    Written by ``services.bericht_versturen`` at the moment the mail goes out, from the same subject and text:
    the inbox and the mailbox cannot differ, and a new kind of mail cannot be forgotten in the inbox. ``sleutel``
    is the mail's natural key (core.mail), so a redelivered task records nothing twice."""

    organisatie = models.ForeignKey(Organisatie, verbose_name="organisatie", on_delete=models.CASCADE,
                                    related_name="berichten")
    regio = models.ForeignKey(Regio, verbose_name="regio", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    sleutel = models.CharField("sleutel", max_length=200)
    soort = models.CharField("soort", max_length=80)
    onderwerp = models.CharField("onderwerp", max_length=255)
    tekst = models.TextField("tekst")
    # The object the message is about, as a path of the portal ("/mijn/inschrijvingen/12/herstel/3/").
    pad = models.CharField("verwijzing", max_length=500, blank=True)
    verstuurd_op = models.DateTimeField("verstuurd op", db_index=True)

    class Meta:
        verbose_name = "bericht"
        verbose_name_plural = "berichten"
        ordering = ["-verstuurd_op", "-pk"]
        constraints = [models.UniqueConstraint(fields=["organisatie", "sleutel"], name="bericht_uniek_per_sleutel")]
        indexes = [models.Index(fields=["organisatie", "-verstuurd_op"], name="bericht_inbox")]

    def __str__(self):
        return self.onderwerp


class BerichtGelezen(models.Model):
    """That one member read one message: read/unread is per person, a colleague's reading marks nothing."""

    bericht = models.ForeignKey(Bericht, on_delete=models.CASCADE, related_name="gelezen")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    gelezen_op = models.DateTimeField("gelezen op")

    class Meta:
        verbose_name = "gelezen bericht"
        verbose_name_plural = "gelezen berichten"
        constraints = [models.UniqueConstraint(fields=["bericht", "user"], name="bericht_eenmaal_gelezen")]

    def __str__(self):
        return f"{self.bericht} gelezen door {self.user}"
