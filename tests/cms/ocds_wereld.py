"""One open-house procedure with every kind of OCDS event (issue 16), shaped like the Gooi demo: 43B03
Tussenvoorziening with the 2022-2025 tariffs of the tariff e-mail (003 r. 5326-5340), a rectificatie, an NvI,
two admission windows, two admitted providers of whom one left, an addendum and an indexation round."""

from datetime import date, datetime
from decimal import Decimal

from aanbesteding.models import (
    DeelnemendeGemeente,
    Eis,
    NotaVanInlichtingen,
    ProcedureWijziging,
    Rectificatie,
    Toetredingsmoment,
)
from core import kalender
from overeenkomst.models import Addendum, DeelnameProduct, Indexatieronde, Overeenkomst, Uittreding
from tests.aanbesteding.factories import VraagFactory
from tests.factories import GemeenteFactory, UserFactory

from .conftest import contracteer, procedurepagina_voor


def moment(j, m, d, u=10):
    return datetime(j, m, d, u, 0, tzinfo=kalender.TZ)


def bouw_wereld(procedure, tussenvoorziening):
    a = procedure
    pagina = procedurepagina_voor(a)
    type(pagina).objects.filter(pk=pagina.pk).update(first_published_at=moment(2021, 1, 4, 9))
    for naam, domein in (("Hilversum", "jeugd"), ("Eemnes", "wmo")):
        DeelnemendeGemeente.objects.create(aanbesteding=a, gemeente=GemeenteFactory(naam=naam, regio=a.regio), domein=domein)
    # Eisen: G1 from the start, S1 replaced by rectificatie 1 (S1 withdrawn, S2 new).
    g1 = Eis.objects.create(aanbesteding=a, code="G1", tekst="U bent niet failliet.", soort="uitsluitingsgrond",
                            antwoordtype="ja_nee")
    s1 = Eis.objects.create(aanbesteding=a, code="S1", tekst="U heeft een kwaliteitskeurmerk.", soort="geschiktheidseis",
                            antwoordtype="document", documentsoort="keurmerk", perceel=tussenvoorziening.perceel)
    r1 = Rectificatie.objects.create(aanbesteding=a, nummer=1, reden="Keurmerk vervangen door HKZ of ISO 9001.",
                                     gepubliceerd_op=moment(2022, 3, 1))
    Eis.objects.create(aanbesteding=a, code="S2", tekst="U heeft HKZ of ISO 9001.", soort="geschiktheidseis",
                       antwoordtype="document", documentsoort="keurmerk", in_rectificatie=r1, vervangt=s1)
    Eis.objects.filter(pk=s1.pk).update(ingetrokken_in=r1)
    concept = Rectificatie.objects.create(aanbesteding=a, nummer=2, reden="")  # a concept: never published
    Eis.objects.create(aanbesteding=a, code="S9", tekst="Concept-eis", soort="geschiktheidseis", antwoordtype="ja_nee",
                       in_rectificatie=concept)
    ProcedureWijziging.objects.create(aanbesteding=a, datum=moment(2021, 2, 1), soort="procedure",
                                      omschrijving="Looptijd toegelicht in het toelatingsdocument.")
    nvi = NotaVanInlichtingen.objects.create(aanbesteding=a, nummer=1, gepubliceerd_op=moment(2021, 2, 15))
    VraagFactory(aanbesteding=a, tekst="Mag ik als zzp'er meedoen? (jan@voorbeeld.nl)", vraag_publiek="Mag een zzp'er meedoen?",
                 antwoord="Ja, onder voorwaarden.", status="gepubliceerd", nota=nvi, volgnummer=1,
                 beantwoord_op=moment(2021, 2, 14))
    Toetredingsmoment.objects.create(aanbesteding=a, naam="Toetredingsronde 2023", opent_op=moment(2023, 5, 1),
                                     sluit_op=moment(2023, 6, 30))
    Toetredingsmoment.objects.create(aanbesteding=a, naam="Toetredingsronde 2099", opent_op=moment(2099, 5, 1),
                                     sluit_op=moment(2099, 6, 30))
    blijft = contracteer(a, tussenvoorziening.perceel, naam="Zorgkracht Gooi B.V.")
    DeelnameProduct.objects.create(deelname=blijft.deelnames.get(), product=tussenvoorziening, startdatum=date(2023, 1, 1))
    vertrekt = contracteer(a, tussenvoorziening.perceel, naam="Jeugdhuis Huizen B.V.", plaats="Huizen")
    Overeenkomst.objects.filter(pk=vertrekt.pk).update(status="beeindigd", einddatum=date(2024, 6, 30))
    vertrekt.deelnames.update(status="beeindigd", einddatum=date(2024, 6, 30))
    uittreding = Uittreding.objects.create(
        overeenkomst=vertrekt, aanleiding="opzegging", ontvangen_op=date(2024, 3, 1), vroegste_einddatum=date(2024, 6, 30),
        einddatum=date(2024, 6, 30), status="afgerond", toelichting="Privé: wegens ziekte van de directeur.",
    )
    Addendum.objects.create(aanbesteding=a, nummer=1, titel="Addendum 1: tarieven 2024", tekst="Nieuwe tarieven.",
                            ingangsdatum=date(2024, 1, 1), status="gepubliceerd", gepubliceerd_op=moment(2023, 11, 1),
                            goedgekeurd_door=UserFactory())
    Addendum.objects.create(aanbesteding=a, titel="Concept-addendum", tekst="Nog niet.", ingangsdatum=date(2026, 1, 1))
    Indexatieronde.objects.create(aanbesteding=a, jaar=2025, percentage=Decimal("7.34"), status="gepubliceerd")
    Indexatieronde.objects.create(aanbesteding=a, jaar=2026, percentage=Decimal("3.00"))  # concept
    return {"blijft": blijft, "vertrekt": vertrekt, "uittreding": uittreding, "g1": g1}
