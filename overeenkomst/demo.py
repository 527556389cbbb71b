"""Demo data for agreements: contracted providers on the Gooi (003a) and MLO (002) procedures, so the public
register, the provider's "Mijn overeenkomsten" and the staff screens have content. Idempotent (natural keys:
procedure slug, KvK number, addendum title); skips gracefully when aanbesteding's demo did not create the
procedures. Runs after aanbesteding/demo.py (cms demo_data command)."""

from datetime import date

from aanbesteding.models import Aanbesteding, Perceel
from core.kalender import eerste_dag_volgende_maand, plus_kalenderdagen, plus_maanden, vandaag
from organisaties.models import Organisatie, User

from . import services
from .models import Addendum, Clientenstop, Contractregels, Onderaannemer, Overeenkomst, Uittreding

GOOI_SLUG = "gooi-jeugdhulp-voorzieningen"
MLO_SLUG = "mlo-gespecialiseerde-jeugdhulp-2020"
ACTUEEL_SLUG = "gooi-ambulante-jeugdhulp-toetreding"  # aanbesteding.demo_actueel.SLUG

# (KvK of a demo provider from bronnen.regio, number of percelen to contract, start date)
GOOI = [("99990011", 2, date(2023, 1, 1)), ("99990022", 1, date(2023, 7, 1)), ("99990033", 1, date(2024, 1, 1))]


def _percelen_met_producten(ab):
    return list(Perceel.objects.filter(aanbesteding=ab, producten__isnull=False).distinct().order_by("volgorde", "code"))


def _org(kvk):
    return Organisatie.objects.filter(kvk_nummer=kvk).first()


def _gooi(stdout):
    ab = Aanbesteding.objects.filter(slug=GOOI_SLUG).first()
    if ab is None:
        stdout.write("  overeenkomst: Gooi-procedure ontbreekt, overgeslagen")
        return
    # 003a §3.4–3.7 defaults; option 2 notice is 3 months.
    Contractregels.objects.update_or_create(
        aanbesteding=ab, defaults={"uittredingsregime": Contractregels.Uittredingsregime.GOOI, "opzegtermijn_maanden": 3}
    )
    percelen = _percelen_met_producten(ab)
    positie = 0
    for kvk, aantal, start in GOOI:
        org = _org(kvk)
        if org is None or positie >= len(percelen):
            continue
        if Overeenkomst.objects.filter(aanbesteding=ab, organisatie=org).exists():
            positie += aantal
            continue
        start = max(start, ab.looptijd_start)
        services.overeenkomst_uit_toelating(
            organisatie=org, aanbesteding=ab, percelen=percelen[positie:positie + aantal], startdatum=start,
            bron=f"Demo: definitieve toelating {start:%d-%m-%Y}",
        )
        positie += aantal
    # De Brug works with a subcontractor; Gezinshuis Eemland has a cliëntenstop (no new clients) for a term.
    brug = Overeenkomst.objects.filter(aanbesteding=ab, organisatie__kvk_nummer="99990022").first()
    if brug and brug.deelnames.exists():
        Onderaannemer.objects.get_or_create(
            deelname=brug.deelnames.first(), kvk_nummer="99990099", vanaf=date(2024, 1, 1),
            defaults={"naam": "Praktijk Vos Ambulante Hulp", "plaats": "Bussum", "agb_code": "75990099"},
        )
    eemland = Overeenkomst.objects.filter(aanbesteding=ab, organisatie__kvk_nummer="99990033").first()
    if eemland and eemland.deelnames.exists():
        Clientenstop.objects.get_or_create(
            deelname=eemland.deelnames.first(), reden="Demo: inspectierapport met verbeterpunten; geen nieuwe plaatsingen.",
            defaults={"van": plus_kalenderdagen(vandaag(), -14), "tot": plus_kalenderdagen(vandaag(), 76)},
        )
        services.clientenstops_bijwerken()
    _demo_addendum(ab)
    stdout.write(f"  overeenkomst: {ab.overeenkomsten.count()} overeenkomsten op {ab}")


def _demo_addendum(ab):
    """A published, non-material addendum (four eyes: inkoper drafts, contractmanager publishes)."""
    inkoper = User.objects.filter(email="inkoper@regio.example").first()
    cm = User.objects.filter(email="contractmanager@regio.example").first()
    titel = "Verduidelijking declaratieregels"
    if inkoper is None or cm is None or Addendum.objects.filter(aanbesteding=ab, titel=titel).exists():
        return
    # 003a §3.7: at least 3 months ahead, preferably from the start of a month.
    ingang = eerste_dag_volgende_maand(plus_maanden(vandaag(), 3))
    addendum = services.addendum_opstellen(
        aanbesteding=ab, titel=titel, ingangsdatum=ingang, door=inkoper,
        tekst="Declaraties worden uiterlijk binnen 3 maanden na afloop van de maand ingediend.",
        onderdelen=[{"soort": "clausule", "bepaling": "artikel 10.2", "tekst": "Declareren binnen 3 maanden na de levermaand."}],
    )
    services.addendum_ter_goedkeuring(addendum=addendum, door=inkoper)
    services.addendum_publiceren(addendum=addendum, door=cm)


def _mlo(stdout):
    ab = Aanbesteding.objects.filter(slug=MLO_SLUG).first()
    if ab is None:
        stdout.write("  overeenkomst: MLO-procedure ontbreekt, overgeslagen")
        return
    # 002 art. 8.1: notice of at least one calendar month from the first of the next month. 002 art. 23 (r.419):
    # the Gemeente may publish the providers' contact details, so the MLO register shows them (issue 19).
    Contractregels.objects.update_or_create(
        aanbesteding=ab, defaults={"uittredingsregime": Contractregels.Uittredingsregime.MLO, "opzegtermijn_maanden": 1,
                                   "contactgegevens_publiceren": True}
    )
    percelen = _percelen_met_producten(ab)
    if not percelen:
        return
    for kvk, percelen_org in (("99990044", percelen[:2]), ("99990066", percelen[:1]), ("99990055", percelen[-1:])):
        org = _org(kvk)
        if org is None or Overeenkomst.objects.filter(aanbesteding=ab, organisatie=org).exists():
            continue  # idempotent: an agreement that ended in the demo is not revived
        services.overeenkomst_uit_toelating(
            organisatie=org, aanbesteding=ab, percelen=percelen_org, startdatum=ab.looptijd_start,
            bron="Demo: toetreding onder de Basisovereenkomst (UOK 7)",
        )
    # Stichting Kompas Jeugd gave notice on 15 March 2024 (ends 30 April 2024 after the transfer): beëindigd.
    kompas = Overeenkomst.objects.filter(aanbesteding=ab, organisatie__kvk_nummer="99990066").first()
    if kompas and not kompas.uittredingen.exists():
        u = Uittreding.objects.create(
            overeenkomst=kompas, aanleiding=Uittreding.Aanleiding.OPZEGGING_AANBIEDER, optie=Uittreding.Optie.MLO,
            ontvangen_op=date(2024, 3, 15), vroegste_einddatum=date(2024, 4, 30), clienten_overgedragen_op=date(2024, 4, 26),
            status=Uittreding.Status.LOPEND, toelichting="Demo: aangetekende brief.",
        )
        u.deelnames.set(kompas.deelnames.all())
        services.uittreding_afronden_indien_klaar(uittreding_id=u.pk)
    stdout.write(f"  overeenkomst: {ab.overeenkomsten.count()} overeenkomsten op {ab}")


def _actueel():
    """The current procedure of aanbesteding/demo_actueel.py (issue 12) has the Gooi regime, as its source."""
    ab = Aanbesteding.objects.filter(slug=ACTUEEL_SLUG).first()
    if ab is not None:
        Contractregels.objects.update_or_create(
            aanbesteding=ab, defaults={"uittredingsregime": Contractregels.Uittredingsregime.GOOI, "opzegtermijn_maanden": 3}
        )


def laad(stdout):
    _actueel()
    _gooi(stdout)
    _mlo(stdout)
