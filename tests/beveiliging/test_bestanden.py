"""(f) Private files live outside the public media folder, have no public URL, and are only served by
permission-checked views as an attachment that the browser may not sniff or cache."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.storage import storages
from django.db.models import FileField
from django.urls import reverse

from core.opslag import willekeurige_naam

# Apps whose files are private (evidence, receipts, decisions, SROI); aanbesteding/cms publish documents.
PRIVE_APPS = ("inschrijving", "toetsing", "overeenkomst", "sroi", "contractbeheer")
PRIVE_VELDEN = [
    (f"{m._meta.label}.{f.name}", f)
    for app in PRIVE_APPS for m in apps.get_app_config(app).get_models() for f in m._meta.get_fields()
    if isinstance(f, FileField)
]


def test_er_zijn_prive_bestandsvelden():
    assert {"inschrijving.Bewijsstuk.bestand", "toetsing.Besluit.brief", "sroi.SroiBewijsstuk.bestand"} <= {
        n for n, _ in PRIVE_VELDEN}


@pytest.mark.parametrize(("naam", "veld"), PRIVE_VELDEN, ids=[n for n, _ in PRIVE_VELDEN])
def test_prive_veld_gebruikt_prive_opslag_met_willekeurige_naam(naam, veld):
    assert veld.storage is storages["prive"], f"{naam} staat in de publieke opslag"
    assert veld.upload_to is willekeurige_naam, f"{naam} neemt (delen van) de bestandsnaam van de gebruiker over"


def test_prive_map_ligt_niet_onder_de_publieke_media_map():
    from portal.settings import base

    for prive, publiek in ((base.PRIVATE_MEDIA_ROOT, base.MEDIA_ROOT),
                           (storages["prive"].location, storages["default"].location)):
        prive, publiek = Path(prive).resolve(), Path(publiek).resolve()
        assert not prive.is_relative_to(publiek), f"{prive} ligt onder {publiek}"
        assert not publiek.is_relative_to(prive)


def test_prive_opslag_geeft_geen_url_onder_media_url():
    try:
        url = storages["prive"].url("inschrijving/2026/11/abc")
    except (ValueError, NotImplementedError):
        return
    assert not url.startswith(settings.MEDIA_URL), url


DOWNLOADS = {
    "inschrijving:bewijsstuk_download": lambda w: [w.bewijsstuk.pk],
    "inschrijving:ontvangstbewijs": lambda w: [w.inschrijving.pk],
    "inschrijving:proces_verbaal": lambda w: [w.inschrijving.pk],
    "toetsing:mijn_besluitbrief": lambda w: [w.besluit.pk],
    "sroi:plan_downloaden": lambda w: [w.plan.pk],
    "sroi:bewijs_downloaden": lambda w: [w.sroi_bewijs.pk],
    "overeenkomst:ontvangstbevestiging": lambda w: [w.brief.pk],
    # Issue 13: the provider's own submitted file and the bureau's attachment to an informatieverzoek.
    "contractbeheer:inzending_bestand": lambda w: [w.inzending.pk],
    "contractbeheer:verzoek_bijlage": lambda w: [w.verzoekontvanger.pk],
}


@pytest.mark.parametrize("naam", DOWNLOADS)
def test_download_als_bijlage_zonder_sniffen_of_cache(client, wereld, naam):
    pad = reverse(naam, args=DOWNLOADS[naam](wereld))
    client.force_login(wereld.beheerder)
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].startswith("attachment")
    assert antwoord["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in antwoord["Cache-Control"]
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")


# Pages that list private files: they link to the download views, never to a storage URL.
PAGINAS_MET_BESTANDEN = {
    "inschrijving:bewijsstukken": lambda w: [],
    "inschrijving:eis": lambda w: [w.inschrijving.pk, w.eis.pk],
    "inschrijving:bevestiging": lambda w: [w.inschrijving.pk],
    "toetsing:mijn_besluit": lambda w: [w.besluit.pk],
    "sroi:overeenkomst": lambda w: [w.overeenkomst.pk],
    "sroi:activiteit": lambda w: [w.activiteit.pk],
    "overeenkomst:detail": lambda w: [w.overeenkomst.pk],
    "contractbeheer:verantwoording": lambda w: [w.verantwoording.pk],
    "contractbeheer:verzoek": lambda w: [w.verzoekontvanger.pk],
}


@pytest.mark.parametrize("naam", PAGINAS_MET_BESTANDEN)
def test_paginas_linken_niet_naar_de_opslag(client, wereld, naam):
    pad = reverse(naam, args=PAGINAS_MET_BESTANDEN[naam](wereld))
    client.force_login(wereld.beheerder)
    antwoord = client.get(pad)
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert settings.MEDIA_URL not in inhoud
    contractbeheer = [getattr(o, "bestand", None) for o in (wereld.inzending, wereld.informatieverzoek,
                                                           wereld.verzoekontvanger)]
    for opgeslagen in (wereld.bewijsstuk.bestand.name, wereld.sroi_bewijs.bestand.name, wereld.plan.bestand.name,
                       wereld.besluit.brief.name, wereld.brief.bevestiging.name, wereld.brief.scan.name,
                       *(b.name for b in contractbeheer if b)):
        assert opgeslagen not in inhoud


def test_media_url_serveert_geen_prive_bestand(client, wereld):
    """Even with the storage name known, /media/ does not hand out a private file."""
    client.force_login(wereld.beheerder)
    antwoord = client.get(settings.MEDIA_URL + wereld.bewijsstuk.bestand.name, follow=True)
    assert antwoord.status_code == 404
    assert b"%PDF" not in antwoord.content
