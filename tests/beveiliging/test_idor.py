"""(b) A user of organisation B gets a 404 on every object URL of organisation A (no IDOR, not even a 403 that
would confirm the object exists). The same URLs as A are the control: they are reachable, so the 404 for B
comes from the scoping and not from a wrongly built URL."""

import pytest
from django.urls import reverse

from .urls import aanbieder_urls

# url name -> (function of the world giving the args, POST-only?)
OBJECT_URLS = {
    "inschrijving:detail": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:percelen": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:verklaring": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:eisen": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:eisen_perceel": (lambda w: [w.inschrijving.pk, w.perceel.pk], False),
    "inschrijving:eis": (lambda w: [w.inschrijving.pk, w.eis.pk], False),
    "inschrijving:ontkoppelen": (lambda w: [w.inschrijving.pk, w.eis.pk, w.bewijsstuk.pk], True),
    "inschrijving:leden": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:lid_verwijderen": (lambda w: [w.inschrijving.pk, w.lid.pk], True),
    "inschrijving:overzicht": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:controleren": (lambda w: [w.concept.pk], False),
    "inschrijving:indienen": (lambda w: [w.concept.pk], True),
    "inschrijving:bevestiging": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:ontvangstbewijs": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:intrekken": (lambda w: [w.inschrijving.pk], True),
    "inschrijving:aanvullen": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:proces_verbaal": (lambda w: [w.inschrijving.pk], False),
    "inschrijving:herstel": (lambda w: [w.inschrijving.pk, w.herstel.pk], False),
    "inschrijving:bewijsstuk_download": (lambda w: [w.bewijsstuk.pk], False),
    "inschrijving:bewijsstuk_status": (lambda w: [w.bewijsstuk.pk], False),
    "toetsing:mijn_besluit": (lambda w: [w.besluit.pk], False),
    "toetsing:mijn_besluitbrief": (lambda w: [w.besluit.pk], False),
    "overeenkomst:detail": (lambda w: [w.overeenkomst.pk], False),
    "overeenkomst:addendum": (lambda w: [w.reactie.pk], False),
    "overeenkomst:wijziging": (lambda w: [w.overeenkomst.pk, "adres"], False),
    "overeenkomst:opzeggen": (lambda w: [w.overeenkomst.pk], False),
    "overeenkomst:ontvangstbevestiging": (lambda w: [w.brief.pk], False),
    "sroi:overeenkomst": (lambda w: [w.overeenkomst.pk], False),
    "sroi:omzet": (lambda w: [w.overeenkomst.pk], True),
    "sroi:plan": (lambda w: [w.overeenkomst.pk], True),
    "sroi:activiteit_nieuw": (lambda w: [w.overeenkomst.pk], False),
    "sroi:plan_downloaden": (lambda w: [w.plan.pk], False),
    "sroi:activiteit": (lambda w: [w.activiteit.pk], False),
    "sroi:activiteit_verwijderen": (lambda w: [w.activiteit.pk], True),
    "sroi:bewijs_downloaden": (lambda w: [w.sroi_bewijs.pk], False),
    "sroi:rapportage": (lambda w: [w.rapportage.pk], False),
    # Issue 13 (ADR 0019): a duty, its template and submitted file, a melding, the provider's copy of an
    # informatieverzoek (its Verzoekontvanger: this provider's deadline and answer) with the bureau's attachment,
    # and an onderzoek.
    "contractbeheer:verantwoording": (lambda w: [w.verantwoording.pk], False),
    "contractbeheer:verantwoording_sjabloon": (lambda w: [w.verantwoording.pk], False),
    "contractbeheer:inzending_bestand": (lambda w: [w.inzending.pk], False),
    "contractbeheer:melding": (lambda w: [w.melding.pk], False),
    "contractbeheer:verzoek": (lambda w: [w.verzoekontvanger.pk], False),
    "contractbeheer:verzoek_bijlage": (lambda w: [w.verzoekontvanger.pk], False),
    "contractbeheer:onderzoek": (lambda w: [w.onderzoek.pk], False),
    # Issue 14: monitoring
    "contractbeheer:monitoring_overzicht": (lambda w: [w.overeenkomst.pk], False),
    "contractbeheer:monitoring_cijfers": (lambda w: [w.overeenkomst.pk, "2025-K4"], False),
    "contractbeheer:monitoring_upload": (lambda w: [w.overeenkomst.pk], False),
    "contractbeheer:monitoring_sjabloon": (lambda w: [w.overeenkomst.pk], False),
    "contractbeheer:monitoring_wachttijden": (lambda w: [w.overeenkomst.pk, "2026-02"], False),
    # Issue 14: gesprekken
    "contractbeheer:gesprek": (lambda w: [w.contractgesprek.pk], False),
    "contractbeheer:gesprek_actie_afronden": (lambda w: [w.gespreksactie.pk], True),
    # Issue 14: signalen
    # Issue 14: handhaving
    "contractbeheer:maatregel": (lambda w: [w.maatregel.pk], False),
    "contractbeheer:maatregel_brief_voornemen": (lambda w: [w.maatregel.pk], False),
    "contractbeheer:maatregel_brief_besluit": (lambda w: [w.maatregel.pk], False),
    # Issue 14: leegstand
    "contractbeheer:leegstand_overzicht": (lambda w: [w.beddenoverzicht.pk], False),
    # Issue 19 (ADR 0022): the figures of an innovatievoorstel (addressed by its inschrijving) and its evaluation.
    "inschrijving:innovatievoorstel": (lambda w: [w.innovatievoorstel.inschrijving_id], False),
    "contractbeheer:innovatie_evaluatie": (lambda w: [w.innovatie_evaluatie.pk], False),
    "organisaties:wisselen": (lambda w: [w.org.pk], True),
    "organisaties:lid_rol": (lambda w: [w.lidmaatschap.pk], True),
    "organisaties:lid_verwijderen": (lambda w: [w.lidmaatschap.pk], True),
    "organisaties:uitnodiging_intrekken": (lambda w: [w.uitnodiging.pk], True),
    "organisaties:bericht": (lambda w: [w.bericht.pk], False),
}

# Provider URLs with an id that is not an object of one organisation: a public procedure (starting an
# inschrijving for it is allowed to anyone logged in) and an invitation addressed by its secret token.
GEEN_ORGANISATIE_OBJECT = {"inschrijving:starten", "organisaties:uitnodiging"}

GET_URLS = [n for n, (_, alleen_post) in OBJECT_URLS.items() if not alleen_post]


def test_elke_object_url_van_het_portaal_is_gedekt():
    """A new provider URL with an id must be added above (or consciously to GEEN_ORGANISATIE_OBJECT)."""
    met_id = {u.naam for u in aanbieder_urls() if u.parameters}
    assert met_id - GEEN_ORGANISATIE_OBJECT - set(OBJECT_URLS) == set()
    assert set(OBJECT_URLS) - met_id == set(), "verouderde namen in OBJECT_URLS"


@pytest.mark.parametrize("naam", OBJECT_URLS)
def test_andere_organisatie_krijgt_404_bij_post(client, wereld, naam):
    args, _ = OBJECT_URLS[naam]
    client.force_login(wereld.andere_beheerder)
    antwoord = client.post(reverse(naam, args=args(wereld)), {"toelichting": "poging", "rol": "beheerder",
                                                                  "bewijsstuk": wereld.bewijsstuk.pk})
    assert antwoord.status_code == 404, f"{naam}: {antwoord.status_code}"


@pytest.mark.parametrize("naam", GET_URLS)
def test_andere_organisatie_krijgt_404_bij_get(client, wereld, naam):
    args, _ = OBJECT_URLS[naam]
    client.force_login(wereld.andere_beheerder)
    antwoord = client.get(reverse(naam, args=args(wereld)))
    assert antwoord.status_code == 404, f"{naam}: {antwoord.status_code}"


@pytest.mark.parametrize("naam", GET_URLS)
def test_eigen_organisatie_bereikt_dezelfde_url(client, wereld, naam):
    args, _ = OBJECT_URLS[naam]
    pad = reverse(naam, args=args(wereld))
    client.force_login(wereld.beheerder)
    antwoord = client.get(pad)
    assert antwoord.status_code in (200, 302), f"{naam}: {antwoord.status_code}"


@pytest.mark.parametrize("naam", [n for n, (_, alleen_post) in OBJECT_URLS.items() if alleen_post])
def test_eigen_organisatie_bereikt_dezelfde_post_url(client, wereld, naam):
    args, _ = OBJECT_URLS[naam]
    client.force_login(wereld.beheerder)
    antwoord = client.post(reverse(naam, args=args(wereld)), {"toelichting": "eigen", "bewijsstuk": wereld.bewijsstuk.pk})
    assert antwoord.status_code not in (403, 404, 405) and antwoord.status_code < 500, f"{naam}: {antwoord.status_code}"


def test_medewerker_van_b_ook_geen_toegang_na_wisselen_naar_a(client, wereld):
    """The active organisation comes from the session; a forged session key for A must not help B."""
    client.force_login(wereld.andere_beheerder)
    sessie = client.session
    sessie["actieve_organisatie_id"] = wereld.org.pk
    sessie.save()
    assert client.get(reverse("inschrijving:bevestiging", args=[wereld.inschrijving.pk])).status_code == 404
    assert client.get(reverse("overeenkomst:detail", args=[wereld.overeenkomst.pk])).status_code == 404
