"""The forms of the handhaving screens: the basis offered per procedure (MLO has none for a warning, so the user
writes it), the choices limited to the user's region and the measure's own agreement, the inkoper's read-only
export, and the letters' wording for a decision not to impose."""

import io
from datetime import datetime

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from contractbeheer.admin_views.handhaving import BesluitForm, BoeteForm, FilterForm, VoornemenForm
from contractbeheer.models import Boete, Maatregel, Trede
from contractbeheer.permissions import beheer_bereik
from contractbeheer.services import handhaving as services
from contractbeheer.tasks import handhaving as tasks
from core.kalender import TZ

from ._handhaving import NA_TERMIJN, opleggen, voornemen, wereld

pytestmark = pytest.mark.django_db
NIEUW = reverse("contractbeheer_admin_maatregel_nieuw")


@pytest.fixture
def w(regio_a):
    return wereld(regio_a)


def test_mlo_zonder_vaste_grondslag_vraagt_er_een(client, w, contractmanager_a):
    client.force_login(contractmanager_a)
    gegevens = {"overeenkomst": w.mlo_ovk.pk, "trede": 1, "gronden": "Te laat gemelde calamiteit.", "grondslag": ""}
    antwoord = client.post(NIEUW, gegevens)
    assert "deze procedure kent voor deze trede geen vaste grondslag" in antwoord.content.decode()
    assert not Maatregel.objects.exists()
    with time_machine.travel(datetime(2026, 4, 23, 10, 0, tzinfo=TZ), tick=False):
        client.post(NIEUW, {**gegevens, "grondslag": "002 B1 27.1"})
    assert Maatregel.objects.get().grondslag == "002 B1 27.1"


def test_mlo_stop_krijgt_b1_18_2(client, w, contractmanager_a):
    client.force_login(contractmanager_a)
    antwoord = client.get(NIEUW, {"overeenkomst": w.mlo_ovk.pk, "trede": 2})
    assert antwoord.context["form"].initial["grondslag"] == "002 B1 18.2"


def test_keuzes_binnen_de_regio(w, contractmanager_a, contractmanager_b, regio_b):
    from tests.contractbeheer import factories as f

    b_gooi, b_bhl, _ = f.gooi(regio_b)
    b_ovk, _ = f.overeenkomst(b_gooi, b_bhl, naam="Aanbieder in B")
    form = VoornemenForm(bereik=beheer_bereik(contractmanager_a))
    keuzes = set(form.fields["overeenkomst"].queryset)
    assert {w.ovk, w.andere_ovk, w.mlo_ovk} <= keuzes and b_ovk not in keuzes
    assert b_ovk in set(VoornemenForm(bereik=beheer_bereik(contractmanager_b)).fields["overeenkomst"].queryset)
    # A posted agreement of region B is an invalid choice, not a measure in B.
    form = VoornemenForm({"overeenkomst": b_ovk.pk, "trede": 1, "gronden": "x", "grondslag": "y"},
                         bereik=beheer_bereik(contractmanager_a))
    assert not form.is_valid() and "overeenkomst" in form.errors
    filters = FilterForm(bereik=beheer_bereik(contractmanager_a))
    assert b_ovk.organisatie not in set(filters.fields["organisatie"].queryset)


def test_beeindigde_overeenkomst_geen_keuze(w, contractmanager_a):
    w.ovk.__class__.objects.filter(pk=w.ovk.pk).update(status="beeindigd")
    form = VoornemenForm(bereik=beheer_bereik(contractmanager_a))
    assert w.ovk not in set(form.fields["overeenkomst"].queryset)


def test_besluitformulier_volgt_de_trede(w, contractmanager_a):
    velden = {t: set(BesluitForm(maatregel=Maatregel(overeenkomst=w.ovk, trede=t)).fields) for t in (1, 2, 3, 4, 8)}
    basis = {"opleggen", "motivering", "ingangsdatum"}
    assert velden[1] == velden[4] == basis
    assert velden[2] == velden[3] == basis | {"einddatum", "deelnames"}
    assert velden[8] == basis | {"einddatum", "uittreding_grond"}
    percelen = BesluitForm(maatregel=Maatregel(overeenkomst=w.ovk, trede=2)).fields["deelnames"].queryset
    assert [d.overeenkomst_id for d in percelen] == [w.ovk.pk]


def test_boeteformulier_alleen_eigen_schema_en_verantwoordingen(w, contractmanager_a):
    m = Maatregel(overeenkomst=w.ovk, trede=Trede.BOETE)
    form = BoeteForm(maatregel=m)
    assert {s.aanbesteding_id for s in form.fields["soort"].queryset} == {w.gooi.pk}
    assert len(form.fields["soort"].queryset) == 7
    assert all(v.overeenkomst_id == w.ovk.pk for v in form.fields["verantwoording"].queryset)
    labels = [form.fields["soort"].label_from_instance(s) for s in form.fields["soort"].queryset]
    assert "Niet voldoen aan personeelseisen: € 250,00 per medewerker per week (003 r. 2877)" in labels
    assert ("Geen contact binnen 5 werkdagen ondanks opgegeven capaciteit: 75 % van de grondslag (003 r. 2702)"
            in labels)


def test_inkoper_mag_de_export_lezen(client, w, contractmanager_a, inkoper_a):
    opleggen(w.ovk, contractmanager_a, 1)
    m = opleggen(w.ovk, contractmanager_a, 4, sprong_reden="Ernst.")
    with time_machine.travel(NA_TERMIJN, tick=False):
        services.boete_opleggen(maatregel=m, soort=w.soort("faillissement-niet-gemeld"), aantal=1,
                                door=contractmanager_a)
    client.force_login(inkoper_a)
    antwoord = client.get(reverse("contractbeheer_admin_boetes_export"), {"formaat": "xlsx"})
    assert antwoord.status_code == 200
    assert antwoord["Content-Disposition"].startswith('attachment; filename="boetes-')
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    rij = [c.value for c in blad[2]]
    assert rij[4:8] == ["Faillissement, surseance of beslag niet gemeld", "1 geval × € 2.500,00", 2500, "Opgelegd"]
    assert rij[-1] == "003 r. 3236 (conceptovereenkomst art. 9.6)"


def test_besluitbrief_bij_afzien(w, contractmanager_a):
    m = voornemen(w.ovk, contractmanager_a, 1)
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=TZ), tick=False):
        services.zienswijze_indienen(maatregel=m, tekst="Wij hebben de klachten opgelost.", door=w.lid)
        services.besluiten(maatregel=m, opleggen=False, motivering="Opgelost; geen maatregel.", door=contractmanager_a)
    tasks.besluitbrief_maken(m.pk)
    m.refresh_from_db()
    with m.brief_besluit.open("rb") as f:
        tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(f.read())).pages)
    assert "Het bureau ziet af van de maatregel." in tekst and "Zienswijze ontvangen 04-05-2026" in tekst
    assert "Opgelost; geen maatregel." in tekst and "opeisbaar" not in tekst


def test_aanbieder_ziet_geen_maatregelen_van_een_ander(client, w, contractmanager_a):
    eigen = voornemen(w.ovk, contractmanager_a, 1)
    vreemd = voornemen(w.andere_ovk, contractmanager_a, 1)
    client.force_login(w.lid)
    lijst = client.get(reverse("contractbeheer:maatregelen")).context["maatregelen"]
    assert [m.pk for m in lijst] == [eigen.pk]
    assert client.get(reverse("contractbeheer:maatregel_brief_besluit", args=[vreemd.pk])).status_code == 404
    assert not Boete.objects.exists()


def test_boeteschema_snippet_in_de_groep_geaudit_en_per_regio(w, client, contractmanager_a, inkoper_a, regio_b):
    from contractbeheer.admin_views.handhaving import BoetesoortViewSet
    from contractbeheer.wagtail_hooks import ContractbeheerInstellingenGroep
    from core.audit_schermen import AuditViewSetMixin
    from tests.contractbeheer import factories as f

    assert BoetesoortViewSet in ContractbeheerInstellingenGroep.items
    assert issubclass(BoetesoortViewSet, AuditViewSetMixin)
    vreemd, _, _ = f.gooi(regio_b)
    client.force_login(contractmanager_a)
    lijst = client.get(reverse("wagtailsnippets_contractbeheer_boetesoort:list"))
    assert {o.aanbesteding_id for o in lijst.context["object_list"]} == {w.gooi.pk}
    buiten = vreemd.boetesoorten.first()
    assert client.get(reverse("wagtailsnippets_contractbeheer_boetesoort:edit", args=[buiten.pk])).status_code == 404
    eigen = w.soort("klacht-gegrond")
    assert client.get(reverse("wagtailsnippets_contractbeheer_boetesoort:edit", args=[eigen.pk])).status_code == 200
