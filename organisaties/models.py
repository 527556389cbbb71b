import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q

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


class Regio(models.Model):
    """A region of municipalities that buy together through a bureau (the opdrachtgever)."""

    naam = models.CharField("naam", max_length=200, unique=True)
    slug = models.SlugField("slug", unique=True)

    class Meta:
        verbose_name = "regio"
        verbose_name_plural = "regio's"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Gemeente(models.Model):
    naam = models.CharField("naam", max_length=200, unique=True)
    regio = models.ForeignKey(Regio, verbose_name="regio", on_delete=models.PROTECT, related_name="gemeenten")
    # Participation is per municipality per domain (Eemnes buys Wmo but not Jeugd: DOMAIN.md, Actors).
    doet_mee_jeugd = models.BooleanField("neemt deel aan Jeugd", default=True)
    doet_mee_wmo = models.BooleanField("neemt deel aan Wmo", default=True)

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
