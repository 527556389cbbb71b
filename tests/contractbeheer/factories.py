"""Procedures shaped like MLO (002) and Gooi (003) with the contract-management rules of the sources loaded
(bronnen/contractbeheer.py), and running agreements with a member of the provider."""

from __future__ import annotations

from datetime import date

from aanbesteding.models import DeelnemendeGemeente
from bronnen import contractbeheer as bron
from contractbeheer import services
from organisaties.models import Rol
from tests.factories import GemeenteFactory, LidmaatschapFactory, OrganisatieFactory
from tests.overeenkomst.factories import DeelnameFactory, OvereenkomstFactory, gooi_procedure, mlo_procedure


def mlo(regio=None):
    """(aanbesteding, perceel, gemeenten): MLO with two municipalities taking part (Jeugd), rules of 002 loaded."""
    ab, perceel = mlo_procedure()
    if regio is not None:
        ab.regio = regio
        ab.save(update_fields=["regio"])
    gemeenten = []
    for naam in ("Venlo", "Horst aan de Maas"):
        gemeente = GemeenteFactory(naam=f"{naam} {ab.pk}", regio=ab.regio)
        DeelnemendeGemeente.objects.create(aanbesteding=ab, gemeente=gemeente, domein="jeugd")
        gemeenten.append(gemeente)
    services.regels_laden(aanbesteding=ab, bron=bron.MLO)
    return ab, perceel, gemeenten


def gooi(regio=None):
    """(aanbesteding, perceel BHL, perceel dagbehandeling): Gooi with the rules of 003 loaded."""
    ab, bhl, dag = gooi_procedure(regio)
    services.regels_laden(aanbesteding=ab, bron=bron.GOOI)
    return ab, bhl, dag


def overeenkomst(aanbesteding, perceel=None, *, naam="Zorgkracht Jeugd", start=date(2024, 1, 1), einde=None):
    """A running agreement of a new provider (with one beheerder) on ``perceel``; returns (overeenkomst, lid)."""
    org = OrganisatieFactory(naam=naam)
    lid = LidmaatschapFactory(organisatie=org, rol=Rol.BEHEERDER).user
    ov = OvereenkomstFactory(aanbesteding=aanbesteding, organisatie=org, startdatum=start, einddatum=einde)
    if perceel is not None:
        DeelnameFactory(overeenkomst=ov, perceel=perceel, startdatum=start)
    return ov, lid
