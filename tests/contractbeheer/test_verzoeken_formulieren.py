"""Forms and mail tasks of informatieverzoeken and onderzoeken: region-bound choices, the either-or of perceel and
agreement, and the mail texts (deadline and link, never the confidential question)."""

from datetime import date, datetime

import pytest
import time_machine
from django.core import mail

from contractbeheer import services
from contractbeheer.forms_verzoeken import (
    AntwoordActieForm,
    AntwoordForm,
    BeoordelingForm,
    OnderzoekForm,
    OnderzoekReactieForm,
    OnderzoekStapForm,
    VerlengForm,
    VerzoekForm,
)
from contractbeheer.tasks.verzoeken import onderzoek_versturen, termijn_versturen, verzoek_versturen
from core.kalender import TZ
from organisaties.regios import Bereik
from overeenkomst.models import Overeenkomst

from . import _verzoeken as v
from . import factories as f

pytestmark = pytest.mark.django_db


def _bereik(regio):
    return Bereik(alle=False, ids=frozenset({regio.pk}))


def test_verzoekform_keuzes_alleen_in_de_regio(regio_a, regio_b):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    ander_ab, ander_bhl, _, andere_rijen = v.wereld(regio_b, aantal=1)
    form = VerzoekForm(bereik=_bereik(regio_a))
    assert set(form.fields["aanbesteding"].queryset) == {ab}
    assert ander_bhl not in set(form.fields["perceel"].queryset) and bhl in set(form.fields["perceel"].queryset)
    assert set(form.fields["overeenkomst"].queryset) == {rijen[0][0]}
    labels = [label for _, label in form.fields["overeenkomst"].choices]
    assert f"{rijen[0][0].organisatie.naam} – {ab.titel}" in labels
    labels = [label for _, label in form.fields["perceel"].choices]
    assert f"{ab.titel} – 5.10 Behandelgroep (BHL)" in labels


def test_verzoekform_beeindigde_overeenkomst_geen_keuze(regio_a):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    Overeenkomst.objects.filter(pk=rijen[0][0].pk).update(status=Overeenkomst.Status.BEEINDIGD)
    assert not VerzoekForm(bereik=_bereik(regio_a)).fields["overeenkomst"].queryset.exists()


@pytest.mark.parametrize("perceel, overeenkomst, geldig", [(True, False, True), (False, True, True),
                                                           (True, True, False), (False, False, False)])
def test_verzoekform_perceel_of_overeenkomst(regio_a, perceel, overeenkomst, geldig):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    data = {"aanbesteding": ab.pk, "onderwerp": "X", "vraag": "Y",
            "perceel": bhl.pk if perceel else "", "overeenkomst": rijen[0][0].pk if overeenkomst else ""}
    form = VerzoekForm(data, bereik=_bereik(regio_a))
    assert form.is_valid() is geldig
    if not geldig:
        assert "niet allebei" in str(form.non_field_errors())


def test_verzoekform_termijn_minstens_een_dag(regio_a):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=0)
    form = VerzoekForm({"aanbesteding": ab.pk, "perceel": bhl.pk, "onderwerp": "X", "vraag": "Y",
                        "termijn_werkdagen": "0"}, bereik=_bereik(regio_a))
    assert not form.is_valid() and "termijn_werkdagen" in form.errors


def test_onderzoekform_standaard_vandaag_en_regio(regio_a, regio_b):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    v.wereld(regio_b, aantal=1)
    with time_machine.travel(datetime(2026, 12, 24, 10, 0, tzinfo=TZ)):
        form = OnderzoekForm(bereik=_bereik(regio_a))
        assert form.fields["gemeld_op"].initial == date(2026, 12, 24)
    assert set(form.fields["overeenkomst"].queryset) == {rijen[0][0]}


def test_kleine_formulieren():
    assert BeoordelingForm({"besluit": "akkoord"}).is_valid()
    form = BeoordelingForm({"besluit": "aanvulling", "reactie": "Meer"})
    assert form.is_valid() and form.akkoord is False
    assert not BeoordelingForm({"besluit": "misschien"}).is_valid()
    assert VerlengForm({"uiterlijk": "2027-01-20", "reden": "Afgesproken"}).is_valid()
    assert not VerlengForm({"uiterlijk": "morgen", "reden": "x"}).is_valid()
    assert AntwoordActieForm({"actie": "verlengen"}).is_valid()
    assert not AntwoordActieForm({"actie": "wissen"}).is_valid()
    assert not AntwoordForm({"antwoord": ""}).is_valid()
    assert "burgerservicenummers" in AntwoordForm().fields["antwoord"].help_text
    assert ".pdf" in str(AntwoordForm()["bestand"])
    assert OnderzoekReactieForm({"reactie": "Ja"}).is_valid()
    assert OnderzoekStapForm({"actie": "afsluiten", "uitkomst": "sanctie", "toelichting": "x"}).is_valid()
    assert not OnderzoekStapForm({"actie": "afsluiten", "uitkomst": "boete"}).is_valid()


# --- mail tasks -----------------------------------------------------------------------------------------


def test_verzoekmail_zonder_leden_gaat_niet_uit(regio_a, contractmanager_a):
    ab, bhl, _, _ = v.wereld(regio_a, aantal=0)
    ov, lid = f.overeenkomst(ab, bhl, naam="Zonder actieve leden")
    lid.is_active = False
    lid.save()
    verzoek = v.verzonden(ab, contractmanager_a, overeenkomst=ov)
    mail.outbox.clear()
    assert verzoek_versturen(verzoek.pk) == 0 and mail.outbox == []


def test_verzoekmail_tekst(regio_a, contractmanager_a, django_capture_on_commit_callbacks):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    ab.regio.bureau_naam = "Regionaal Inkoopbureau A"
    ab.regio.save()
    with time_machine.travel(datetime(2026, 12, 21, 9, 0, tzinfo=TZ)), \
            django_capture_on_commit_callbacks(execute=True):
        verzoek = v.verzonden(ab, contractmanager_a, overeenkomst=rijen[0][0], vraag="Vertrouwelijke vraag")
    bericht = next(m for m in mail.outbox if m.subject == "Informatieverzoek: Wachttijden 2026")
    ontvanger = verzoek.ontvangers.get()
    assert "Regionaal Inkoopbureau A" in bericht.body and "06-01-2027" in bericht.body
    assert f"/mijn/verplichtingen/informatieverzoeken/{ontvanger.pk}/" in bericht.body
    assert "Vertrouwelijke vraag" not in bericht.body


def test_termijnmail_eenmaal_per_verlenging(regio_a, contractmanager_a, django_capture_on_commit_callbacks):
    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    verzoek = v.verzonden(ab, contractmanager_a, overeenkomst=rijen[0][0])
    o = verzoek.ontvangers.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.termijn_verlengen(ontvanger=o, uiterlijk=date(2030, 1, 1), reden="a", door=contractmanager_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.termijn_verlengen(ontvanger=o, uiterlijk=date(2030, 2, 1), reden="b", door=contractmanager_a)
    assert [m.subject for m in mail.outbox] == ["Termijn verlengd: Wachttijden 2026"] * 2
    assert "01-02-2030" in mail.outbox[1].body
    from core.models import AuditRegel

    laatste = AuditRegel.objects.filter(actie="contractbeheer.verzoek_termijn_verlengd").order_by("pk").last()
    assert termijn_versturen(o.pk, laatste.pk) is False  # the same extension: not again


def test_onderzoeksmail_per_stap(regio_a, contractmanager_a, django_capture_on_commit_callbacks):
    ab, _, _, rijen = v.wereld(regio_a, aantal=1)
    with time_machine.travel(datetime(2026, 12, 24, 10, 0, tzinfo=TZ)), \
            django_capture_on_commit_callbacks(execute=True):
        o = services.onderzoek_starten(overeenkomst=rijen[0][0], signaal="Vertrouwelijk signaal",
                                       door=contractmanager_a)
    with time_machine.travel(datetime(2027, 1, 8, 10, 0, tzinfo=TZ)), \
            django_capture_on_commit_callbacks(execute=True):
        services.onderzoek_instellen(onderzoek=o, door=contractmanager_a)
        services.onderzoek_resultaat(onderzoek=o, resultaat="Vertrouwelijk resultaat", door=contractmanager_a)
    onderwerpen = [m.subject for m in mail.outbox]
    assert onderwerpen == ["Schriftelijke melding van een signaal", "Onderzoek ingesteld",
                           "Resultaat van het onderzoek"]
    assert "22-01-2027" in mail.outbox[2].body
    assert all("Vertrouwelijk" not in m.body for m in mail.outbox)
    assert all(f"/mijn/verplichtingen/onderzoeken/{o.pk}/" in m.body for m in mail.outbox)
    assert onderzoek_versturen(o.pk, "resultaat") is False


# --- selectors for the obligations page -----------------------------------------------------------------


def test_open_verzoeken_en_onderzoeken_van_een_aanbieder(regio_a, contractmanager_a, django_assert_max_num_queries):
    """The obligations page lists exactly the open requests and the onderzoeken waiting for this provider's reaction
    (contractbeheer.selectors.verplichtingen_van), after the services walked every state."""
    from contractbeheer.selectors import verplichtingen_van
    from core import kalender

    ab, bhl, _, rijen = v.wereld(regio_a, aantal=2)
    ov, lid = rijen[0]
    org = ov.organisatie
    open_ = v.verzonden(ab, contractmanager_a, overeenkomst=ov, onderwerp="Open")
    beantwoord = v.verzonden(ab, contractmanager_a, overeenkomst=ov, onderwerp="Beantwoord")
    services.verzoek_beantwoorden(ontvanger=beantwoord.ontvangers.get(), antwoord="Ja", door=lid)
    gesloten = v.verzonden(ab, contractmanager_a, overeenkomst=ov, onderwerp="Gesloten")
    services.verzoek_sluiten(verzoek=gesloten, door=contractmanager_a)
    v.verzonden(ab, contractmanager_a, overeenkomst=rijen[1][0], onderwerp="Van een ander")
    services.verzoek_opstellen(aanbesteding=ab, onderwerp="Concept", vraag="?", door=contractmanager_a,
                               overeenkomst=ov)
    wacht = services.onderzoek_starten(overeenkomst=ov, signaal="S1", door=contractmanager_a)
    gereageerd = services.onderzoek_starten(overeenkomst=ov, signaal="S2", door=contractmanager_a)
    services.onderzoek_reageren(onderzoek=gereageerd, reactie="Klopt niet", door=lid)
    services.onderzoek_starten(overeenkomst=rijen[1][0], signaal="Ander", door=contractmanager_a)
    with django_assert_max_num_queries(7):
        lijst = verplichtingen_van(org, kalender.vandaag())
    assert {(r.soort, r.pk) for r in lijst} == {("informatieverzoek", open_.ontvangers.get().pk),
                                              ("onderzoek", wacht.pk)}


# --- shared plumbing of the services (contractbeheer.services._gemeen) ----------------------------------


def test_gemeen_vereis_en_bijlage_zetten(regio_a, contractmanager_a, contractmanager_b):
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from contractbeheer.models import Informatieverzoek
    from contractbeheer.services._gemeen import bijlage_zetten, vereis, vereis_aanbieder, vereis_beheer

    ab, bhl, _, rijen = v.wereld(regio_a, aantal=1)
    vereis(True, "nooit")
    with pytest.raises(PermissionDenied, match="reden"):
        vereis(False, "reden")
    vereis_beheer(contractmanager_a, ab)
    with pytest.raises(PermissionDenied):
        vereis_beheer(contractmanager_b, ab)
    vereis_aanbieder(rijen[0][1], rijen[0][0])
    with pytest.raises(PermissionDenied):
        vereis_aanbieder(contractmanager_a, rijen[0][0])
    verzoek = Informatieverzoek(aanbesteding=ab, perceel=bhl, onderwerp="X", vraag="Y")
    bijlage_zetten(verzoek, v.pdf("a.pdf"))
    assert verzoek.originele_naam == "a.pdf" and verzoek.grootte > 0 and len(verzoek.sha256) == 64
    with pytest.raises(ValidationError):
        bijlage_zetten(verzoek, SimpleUploadedFile("b.exe", b"MZ\x90\x00rest"))
