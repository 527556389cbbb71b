"""The smaller rules of the verantwoording stream: which products a provider reports on (the percelen it took part
in during the year), the mails per outcome, the status table of a duty, and the free-text refusal."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from contractbeheer import services
from contractbeheer.models import Verantwoording, Verantwoordingsinzending
from contractbeheer.tasks.verantwoording import verantwoording_beoordeeld_melden
from tests.overeenkomst.factories import DeelnameFactory, PerceelFactory, ProductFactory

from . import _verantwoording as h

pytestmark = pytest.mark.django_db

IN_MAART = h.moment(2026, 3, 15)


def test_producten_van_een_deelname_die_in_het_jaar_liep():
    w = h.mlo_wereld()
    v = w.plicht("productverantwoording")
    verblijf = PerceelFactory(aanbesteding=w.aanbesteding, code="verblijf-2", naam="Verblijf 2", volgorde=5)
    ProductFactory(perceel=verblijf, categorie="43", code="43A02", naam="Verblijf licht", eenheid="etmaal")
    # A deelname that ended in 2025 counts for 2025; one that started in 2026 does not.
    DeelnameFactory(overeenkomst=w.overeenkomst, perceel=verblijf, startdatum=date(2024, 1, 1),
                    einddatum=date(2025, 6, 30), status="beeindigd")
    assert [p.code for p in services.producten_voor(v)] == ["45A04", "45A05", "43A02"]
    laat = PerceelFactory(aanbesteding=w.aanbesteding, code="laat", naam="Later", volgorde=9)
    ProductFactory(perceel=laat, categorie="41", code="41A01", naam="Later product", eenheid="minuut")
    DeelnameFactory(overeenkomst=w.overeenkomst, perceel=laat, startdatum=date(2026, 1, 1))
    assert "41A01" not in [p.code for p in services.producten_voor(v)]


def test_een_code_op_twee_percelen_staat_een_keer_in_het_sjabloon():
    w = h.mlo_wereld()
    tweede = PerceelFactory(aanbesteding=w.aanbesteding, code="ambulant-2", naam="Ambulant 2", volgorde=2)
    ProductFactory(perceel=tweede, categorie="45", code="45A04", naam="Dubbel", eenheid="minuut")
    DeelnameFactory(overeenkomst=w.overeenkomst, perceel=tweede, startdatum=date(2024, 1, 1))
    codes = [p.code for p in services.producten_voor(w.plicht("productverantwoording"))]
    assert codes.count("45A04") == 1


def test_geen_deelname_geen_producten():
    from . import factories as f

    w = h.mlo_wereld()
    zonder, _ = f.overeenkomst(w.aanbesteding, None, naam="Zonder percelen")
    services.verantwoordingen_aanmaken(h.JAAR, aanbesteding=w.aanbesteding)
    v = Verantwoording.objects.filter(overeenkomst=zonder, eis__soort="productverantwoording").first()
    assert services.producten_voor(v) == []


@pytest.mark.parametrize(("uitkomst", "tekst"), [
    ("goedkeuren", "is goedgekeurd."),
    ("afwijzen", "is afgewezen. Dien een nieuwe verantwoording in."),
    ("herstel", "moet worden hersteld."),
])
def test_mail_per_uitkomst(regio_a, contractmanager_a, mailoutbox, uitkomst, tekst):
    w = h.mlo_wereld(regio_a)
    with time_machine.travel(IN_MAART, tick=False):
        inz = services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid,
                                               omzet=Decimal("5"), bestand=h.pdf())
        services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst=uitkomst,
                                           reden="" if uitkomst == "goedkeuren" else "Zie de opmerkingen.")
    mailoutbox.clear()
    assert verantwoording_beoordeeld_melden(inz.pk) is True
    (mail,) = mailoutbox
    assert tekst in mail.body
    assert w.gemeenten[0].naam in mail.subject
    assert w.lid.email in mail.to
    if uitkomst != "goedkeuren":
        assert "Zie de opmerkingen." in mail.body
    assert verantwoording_beoordeeld_melden(inz.pk) is False


def test_mail_naar_alle_leden_en_het_contactadres(regio_a, contractmanager_a, mailoutbox):
    from organisaties.models import Rol
    from tests.factories import LidmaatschapFactory

    w = h.mlo_wereld(regio_a)
    org = w.overeenkomst.organisatie
    collega = LidmaatschapFactory(organisatie=org, rol=Rol.MEDEWERKER).user
    org.contact_email = "contract@zorgkracht.example"
    org.save(update_fields=["contact_email"])
    with time_machine.travel(IN_MAART, tick=False):
        inz = services.verantwoording_indienen(verantwoording=w.plicht("klachten_innovatie"), door=collega,
                                               aantal_klachten=0, klachtenanalyse="Geen klachten ontvangen.",
                                               innovatie="Wachtlijstbeheer met de gemeente.")
        services.verantwoording_beoordelen(inzending=inz, door=contractmanager_a, uitkomst="goedkeuren")
    mailoutbox.clear()
    verantwoording_beoordeeld_melden(inz.pk)
    assert set(mailoutbox[0].to) == {w.lid.email, collega.email, "contract@zorgkracht.example"}
    assert "Klachten en innovatie 2025 voor" in mailoutbox[0].body


def test_de_statustabel_van_een_plicht():
    machine = Verantwoording.OVERGANGEN
    for van in ("open", "herstel", "afgewezen"):
        assert machine.toegestaan(van, "ingediend")
    for van in ("ingediend", "goedgekeurd", "vervallen"):
        assert not machine.toegestaan(van, "ingediend")
    assert not Verantwoordingsinzending.OVERGANGEN.toegestaan("goedgekeurd", "afgewezen")


@time_machine.travel(IN_MAART, tick=False)
def test_een_goedgekeurde_verantwoording_kan_niet_opnieuw(contractmanager):
    w = h.mlo_wereld()
    inz = services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid, omzet=Decimal("5"),
                                           bestand=h.pdf())
    services.verantwoording_beoordelen(inzending=inz, door=contractmanager, uitkomst="goedkeuren")
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid, omzet=Decimal("5"),
                                         bestand=h.pdf())
    assert "Goedgekeurd" in str(exc.value)


@time_machine.travel(IN_MAART, tick=False)
def test_toelichting_en_afwijking_zonder_clientgegevens():
    w = h.mlo_wereld()
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(
            verantwoording=w.plicht("financieel"), door=w.lid, omzet=Decimal("5"), bestand=h.pdf(),
            toelichting="Dossier van J. de Vries", afwijking_toelichting="geboren op 3-4-2012")
    fouten = exc.value.message_dict
    assert set(fouten) == {"toelichting", "afwijking_toelichting"}
    inz = services.verantwoording_indienen(
        verantwoording=w.plicht("financieel"), door=w.lid, omzet=Decimal("5"), bestand=h.pdf(),
        toelichting="Dossiers K-2024-017 en K-2024-018 zijn in 2026 gefactureerd.")
    assert inz.toelichting.startswith("Dossiers")


@time_machine.travel(IN_MAART, tick=False)
def test_bedragen_worden_op_centen_afgerond():
    w = h.mlo_wereld()
    inz = services.verantwoording_indienen(verantwoording=w.plicht("productverantwoording"), door=w.lid,
                                           regels=[(w.producten[0].pk, "2.005", "10.005")])
    assert inz.omzet == Decimal("10.01")
    assert inz.regels.get().aantal == Decimal("2.01")


@time_machine.travel(IN_MAART, tick=False)
def test_negatieve_omzet_geweigerd():
    w = h.mlo_wereld()
    with pytest.raises(ValidationError) as exc:
        services.verantwoording_indienen(verantwoording=w.plicht("financieel"), door=w.lid, omzet=Decimal("-1"),
                                         bestand=h.pdf())
    assert "negatief" in exc.value.message_dict["omzet"][0]


# --- the shared plumbing the stream uses (contractbeheer.services._gemeen) ---------------------------------------


def test_vereis_beheer_en_vereis_aanbieder(regio_a, contractmanager_a, contractmanager_b, beoordelaar_a):
    from django.core.exceptions import PermissionDenied

    from contractbeheer.services._gemeen import vereis, vereis_aanbieder, vereis_beheer

    w = h.mlo_wereld(regio_a)
    vereis_beheer(contractmanager_a, w.overeenkomst)
    for door in (contractmanager_b, beoordelaar_a, w.lid):
        with pytest.raises(PermissionDenied):
            vereis_beheer(door, w.overeenkomst)
    vereis_aanbieder(w.lid, w.overeenkomst)
    with pytest.raises(PermissionDenied, match="medewerker van de aanbieder"):
        vereis_aanbieder(contractmanager_a, w.overeenkomst)
    with pytest.raises(PermissionDenied, match="nee"):
        vereis(False, "nee")


def test_bijlage_zetten_controleert_de_inhoud():
    from contractbeheer.services._gemeen import bijlage_zetten

    inz = Verantwoordingsinzending()
    bijlage_zetten(inz, h.pdf("jaarverslag.pdf"), toegestaan=("pdf",))
    assert inz.originele_naam == "jaarverslag.pdf" and len(inz.sha256) == 64 and inz.grootte > 0
    with pytest.raises(ValidationError):
        bijlage_zetten(Verantwoordingsinzending(), h.xlsx([], naam="cijfers.xlsx"), toegestaan=("pdf",))
    # The default kinds are core.uploads kinds: a spreadsheet is an office document.
    tweede = Verantwoordingsinzending()
    bijlage_zetten(tweede, h.xlsx([], naam="cijfers.xlsx"))
    assert tweede.originele_naam == "cijfers.xlsx"
