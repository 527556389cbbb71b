"""The audit trail of the draft's edits, the evidence and the after-commit work: who changed what, old and new."""

from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.kalender import TZ
from core.models import AuditRegel
from inschrijving import services, tasks
from inschrijving.models import Bewijsstuk, Inschrijving, ProcesVerbaalOpening

from .conftest import KVK_AFGIFTE, pdf_upload


def _regel(actie, obj=None):
    qs = AuditRegel.objects.filter(actie=actie)
    if obj is not None:
        qs = qs.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
    return qs.latest("pk")


def test_vorm_wijzigen(concept, aanbieder_medewerker):
    services.vorm_wijzigen(inschrijving=concept, vorm=Inschrijving.Vorm.COMBINATIE, door=aanbieder_medewerker)
    concept.refresh_from_db()
    assert concept.vorm == Inschrijving.Vorm.COMBINATIE
    regel = _regel("inschrijving.vorm", concept)
    assert (regel.oude_waarden, regel.nieuwe_waarden) == ({"vorm": "zelfstandig"}, {"vorm": "combinatie"})


def test_lid_toevoegen_en_verwijderen(concept, aanbieder_beheerder):
    lid = services.lid_toevoegen(inschrijving=concept, rol="combinant", naam="De Brug Jeugdhulp", kvk_nummer="99990022",
                                 door=aanbieder_beheerder)
    assert _regel("inschrijving.lid_toegevoegd", concept).nieuwe_waarden["kvk"] == "99990022"
    services.lid_verwijderen(lid=lid, door=aanbieder_beheerder)
    assert _regel("inschrijving.lid_verwijderd", concept).oude_waarden["kvk"] == "99990022"
    assert not concept.leden.exists()


def test_antwoord_opslaan_met_oud_en_nieuw(concept, procedure, aanbieder_beheerder):
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, ja_nee=True, door=aanbieder_beheerder)
    services.antwoord_opslaan(inschrijving=concept, eis=procedure.formulier_e, ja_nee=False, door=aanbieder_beheerder)
    regel = _regel("inschrijving.antwoord", concept)
    assert (regel.oude_waarden["ja_nee"], regel.nieuwe_waarden["ja_nee"]) == (True, False)


def test_bewijsstuk_uploaden_koppelen_en_ontkoppelen(concept, procedure, aanbieder, aanbieder_beheerder, tijd):
    stuk = services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload(), documentsoort="kvk_uittreksel",
                                        afgiftedatum=KVK_AFGIFTE, door=aanbieder_beheerder)
    regel = _regel("bewijsstuk.geupload", stuk)
    assert (regel.nieuwe_waarden["sha256"], regel.nieuwe_waarden["naam"]) == (stuk.sha256, "kvk-uittreksel.pdf")
    services.bewijsstuk_koppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_beheerder)
    assert _regel("inschrijving.bewijs_gekoppeld", concept).nieuwe_waarden["sha256"] == stuk.sha256
    services.bewijsstuk_ontkoppelen(inschrijving=concept, eis=procedure.kvk, bewijsstuk=stuk, door=aanbieder_beheerder)
    assert _regel("inschrijving.bewijs_ontkoppeld", concept).oude_waarden["bestand"] == "kvk-uittreksel.pdf"
    assert not concept.antwoorden.get(eis=procedure.kvk).bewijsstukken.exists()
    assert Bewijsstuk.objects.filter(pk=stuk.pk).exists(), "unlinking keeps the document in the wallet"


def test_bewijsstuk_uploaden_weigert_een_afgiftedatum_in_de_toekomst(aanbieder, aanbieder_beheerder, tijd):
    with pytest.raises(ValidationError, match="toekomst"):
        services.bewijsstuk_uploaden(organisatie=aanbieder, bestand=pdf_upload(), documentsoort="kvk_uittreksel",
                                     afgiftedatum=datetime(2023, 7, 1).date(), door=aanbieder_beheerder)
    assert not Bewijsstuk.objects.exists()


def test_controleer_percelen_noemt_wat_ontbreekt(concept, procedure):
    fouten, meldingen, wachtlijst = services.controleer_percelen(concept, [procedure.p5_7, procedure.p5_6])
    assert any("5.7" in f and "vereist ook perceel 5.8" in f for f in fouten)
    assert any("5.6" in f and "5.1" in f for f in fouten)
    fouten, meldingen, wachtlijst = services.controleer_percelen(concept, [procedure.p5_1, procedure.p5_3])
    assert fouten == [] and wachtlijst == set()
    assert any("maximum van 4" in m for m in meldingen)


def test_herstelverzoek_versturen_wordt_geaudit(compleet, aanbieder_beheerder, inkoper, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    tijd(datetime(2023, 7, 3, 9, 0, tzinfo=TZ))
    verzoek = services.herstelverzoek_versturen(inschrijving=compleet, vraag="Stuur het uittreksel.", door=inkoper)
    assert _regel("herstelverzoek.verstuurd", verzoek).nieuwe_waarden["vraag"] == "Stuur het uittreksel."


def test_proces_verbaal_opvragen_eenmaal_geaudit(compleet, aanbieder_beheerder, tijd):
    with pytest.raises(ValidationError, match="Alleen wie heeft ingediend"):
        services.proces_verbaal_opvragen(inschrijving=compleet, door=aanbieder_beheerder)
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    compleet.refresh_from_db()
    tijd(datetime(2023, 6, 30, 10, 5, tzinfo=TZ))
    assert tasks.processen_verbaal_opening_maken() == 1
    pv = ProcesVerbaalOpening.objects.get()
    assert _regel("proces_verbaal_opening.opgemaakt").nieuwe_waarden["sha256"] == pv.sha256
    services.proces_verbaal_opvragen(inschrijving=compleet, door=aanbieder_beheerder)
    services.proces_verbaal_opvragen(inschrijving=compleet, door=aanbieder_beheerder)
    assert AuditRegel.objects.filter(actie="inschrijving.pv_opgevraagd", object_id=str(compleet.pk)).count() == 1


def test_proces_verbaal_opvragen_alleen_door_een_lid(compleet, aanbieder_beheerder, inkoper, tijd):
    services.inschrijving_indienen(inschrijving=compleet, door=aanbieder_beheerder)
    with pytest.raises(PermissionDenied):
        services.proces_verbaal_opvragen(inschrijving=compleet, door=inkoper)
