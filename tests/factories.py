"""factory_boy factories shared by the whole suite."""

from datetime import date
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from aanbesteding.models import Aanbesteding, Perceel, Product, Tarief
from organisaties.models import Gemeente, Lidmaatschap, Organisatie, Regio, Regiorol, Rol, User
from organisaties.rollen import REGIOROLLEN

WACHTWOORD = "een-lang-testwachtwoord"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Persoon {n}")
    password = factory.PostGenerationMethodCall("set_password", WACHTWOORD)

    @factory.post_generation
    def geverifieerd(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def groepen(self, create, extracted, **kwargs):
        """Staff groups; a regional role is held in every region (``Regiorol`` without region), as the staff of a
        portal that hosts one bureau. Per-region personas pass ``regios=[...]`` instead (issue 17)."""
        if create and extracted:
            regios = kwargs.get("regios") or [None]
            for naam in extracted:
                self.groups.add(Group.objects.get_or_create(name=naam)[0])
                if naam in REGIOROLLEN:
                    for regio in regios:
                        Regiorol.objects.get_or_create(user=self, regio=regio, rol=naam)


class RegioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Regio
        django_get_or_create = ("slug",)

    naam = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.Sequence(lambda n: f"regio-{n}")


class GemeenteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gemeente

    naam = factory.Sequence(lambda n: f"Gemeente {n}")
    regio = factory.SubFactory(RegioFactory)


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    soort = Organisatie.Soort.AANBIEDER
    naam = factory.Sequence(lambda n: f"Zorgaanbieder {n} B.V.")
    kvk_nummer = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    vestigingsnummer = factory.Sequence(lambda n: f"{100000000000 + n:012d}")
    agb_code = factory.Sequence(lambda n: f"{75000000 + n:08d}")
    rechtsvorm = "bv"
    straat = "Kerkstraat 1"
    postcode = "1211 AB"
    plaats = "Hilversum"
    contactpersoon = "J. Jansen"
    contact_email = "info@aanbieder.example"


class LidmaatschapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lidmaatschap

    user = factory.SubFactory(UserFactory)
    organisatie = factory.SubFactory(OrganisatieFactory)
    rol = Rol.MEDEWERKER


# --- procedures: one base the app test packages specialise (status, dates, codes) -------------------------

class OpdrachtgeverFactory(OrganisatieFactory):
    """The regional bureau that runs a procedure."""

    soort = Organisatie.Soort.OPDRACHTGEVER
    naam = factory.Sequence(lambda n: f"Regio Gooi en Vechtstreek ({n})")
    regio = factory.SubFactory(RegioFactory)


class AanbestedingFactory(factory.django.DjangoModelFactory):
    """A procedure shaped like the Gooi Jeugdhulp Voorzieningen (dossier SD005, term to 31-12-2028, 003a §1.8)."""

    class Meta:
        model = Aanbesteding

    titel = "Jeugdhulp Voorzieningen"
    slug = factory.Sequence(lambda n: f"jeugdhulp-{n}")
    dossiernummer = "SD005"
    regio = factory.SubFactory(RegioFactory)
    opdrachtgever = factory.SubFactory(OpdrachtgeverFactory, regio=factory.SelfAttribute("..regio"))
    status = Aanbesteding.Status.GEPUBLICEERD
    looptijd_start = date(2023, 1, 1)
    looptijd_einde = date(2028, 12, 31)


class PerceelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Perceel

    aanbesteding = factory.SubFactory(AanbestedingFactory)
    code = factory.Sequence(lambda n: f"5.{n + 1}")
    naam = factory.Sequence(lambda n: f"Perceel {n + 1}")
    volgorde = factory.Sequence(lambda n: n)


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    perceel = factory.SubFactory(PerceelFactory)
    categorie = "45"
    code = factory.Sequence(lambda n: f"45{n % 1000:03d}")
    naam = factory.Sequence(lambda n: f"Begeleiding {n}")
    eenheid = "uur"
    frequentie = "week"


class TariefFactory(factory.django.DjangoModelFactory):
    """A tariff for calendar year 2025 (an example amount, not a source tariff)."""

    class Meta:
        model = Tarief

    product = factory.SubFactory(ProductFactory)
    geldig_van = date(2025, 1, 1)
    geldig_tot = date(2025, 12, 31)
    bedrag = Decimal("71.38")
