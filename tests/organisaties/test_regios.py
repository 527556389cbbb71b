"""The scoping API of issue 17 (organisaties/regios.py): where a staff member may see and act."""

import pytest
from django.http import Http404
from django.urls import reverse

from aanbesteding.models import Aanbesteding, Perceel
from organisaties.models import Regio, Regiorol
from organisaties.regios import (
    ALLE,
    GEEN,
    Bereik,
    RegioFormulierMixin,
    bereik,
    bereik_met_recht,
    binnen,
    eis_in_bereik,
    in_bereik,
    object_of_404,
    regio_ids,
    regio_keuzes,
    vergeet_rollen,
)
from organisaties.rollen import CONTRACTMANAGER, INKOPER, SROI_ADVISEUR
from tests.factories import AanbestedingFactory, PerceelFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedures(regio_a, regio_b):
    return AanbestedingFactory(regio=regio_a, titel="Jeugd Gooi"), AanbestedingFactory(regio=regio_b, titel="Jeugd MLO")


# --- Bereik as a value ----------------------------------------------------------------------------------------


def test_bereik_als_waarde():
    a, b = Bereik(False, frozenset({1})), Bereik(False, frozenset({2}))
    assert 1 in a and 2 not in a
    assert (a | b).ids == {1, 2} and not (a | b).alle
    assert (a | ALLE).alle and 99 in ALLE
    assert GEEN.leeg and not a.leeg and not ALLE.leeg
    assert 1 not in GEEN


# --- bereik / bereik_met_recht ----------------------------------------------------------------------------------


def test_bereik_per_regio(inkoper_a, inkoper_b, regio_a, regio_b):
    assert bereik(inkoper_a) == Bereik(False, frozenset({regio_a.pk}))
    assert bereik(inkoper_a, INKOPER).ids == {regio_a.pk}
    assert bereik(inkoper_b, INKOPER).ids == {regio_b.pk}
    # A role the user does not hold gives no region.
    assert bereik(inkoper_a, CONTRACTMANAGER).leeg


def test_rol_zonder_regio_is_alle_regios(inkoper, regio_a):
    assert bereik(inkoper, INKOPER).alle
    assert bereik(inkoper, CONTRACTMANAGER).leeg


def test_meerdere_regios_en_rollen(staffgroepen, regio_a, regio_b):
    user = UserFactory(groepen=[INKOPER], groepen__regios=[regio_a, regio_b])
    Regiorol.objects.create(user=user, regio=regio_a, rol=SROI_ADVISEUR)
    assert bereik(user, INKOPER).ids == {regio_a.pk, regio_b.pk}
    assert bereik(user, SROI_ADVISEUR).ids == {regio_a.pk}


def test_superuser_alles_inactief_en_anoniem_niets(db, regio_a):
    from django.contrib.auth.models import AnonymousUser

    superuser = UserFactory(is_superuser=True)
    assert bereik(superuser).alle and bereik_met_recht(superuser, "aanbesteding.view_aanbesteding").alle
    inactief = UserFactory(is_superuser=True, is_active=False)
    assert bereik(inactief).leeg and bereik_met_recht(inactief, "aanbesteding.view_aanbesteding").leeg
    assert bereik(AnonymousUser()).leeg


def test_inactieve_medewerker_ziet_niets(inkoper_a, procedures):
    inkoper_a.is_active = False
    inkoper_a.save()
    assert bereik(inkoper_a, INKOPER).leeg
    assert not binnen(Aanbesteding.objects.all(), bereik(inkoper_a, INKOPER)).exists()


def test_platformbeheerder_heeft_geen_bereik(platformbeheerder, procedures):
    """Regions and accounts, never their content (issue 17)."""
    assert bereik(platformbeheerder).leeg
    for perm in ("aanbesteding.view_aanbesteding", "inschrijving.view_inschrijving", "core.view_auditregel",
                 "overeenkomst.view_overeenkomst", "toetsing.view_besluit", "sroi.view_sroiplan"):
        assert bereik_met_recht(platformbeheerder, perm).leeg, perm
        assert not platformbeheerder.has_perm(perm), perm
    assert not binnen(Aanbesteding.objects.all(), bereik(platformbeheerder)).exists()


def test_bereik_met_recht_volgt_de_rechten_van_de_rol(inkoper_a, contractmanager_b, regio_a, regio_b):
    assert bereik_met_recht(inkoper_a, "aanbesteding.change_aanbesteding").ids == {regio_a.pk}
    # A contractmanager may only view procedures, so change gives nothing; view gives their own region.
    assert bereik_met_recht(contractmanager_b, "aanbesteding.change_aanbesteding").leeg
    assert bereik_met_recht(contractmanager_b, "aanbesteding.view_aanbesteding").ids == {regio_b.pk}
    assert bereik_met_recht(inkoper_a, "bestaat.niet").leeg


def test_rollen_worden_per_verzoek_onthouden_en_vergeten(inkoper_a, regio_b, django_assert_num_queries):
    bereik(inkoper_a)
    with django_assert_num_queries(0):
        bereik(inkoper_a, INKOPER)
    Regiorol.objects.create(user=inkoper_a, regio=regio_b, rol=INKOPER)
    assert regio_b.pk not in bereik(inkoper_a, INKOPER)
    vergeet_rollen(inkoper_a)
    assert regio_b.pk in bereik(inkoper_a, INKOPER)


# --- binnen / object_of_404 / in_bereik ---------------------------------------------------------------------------


def test_binnen_filtert_via_regio_pad(inkoper_a, inkoper_b, inkoper, procedures):
    gooi, mlo = procedures
    p_gooi, p_mlo = PerceelFactory(aanbesteding=gooi), PerceelFactory(aanbesteding=mlo)
    assert list(binnen(Aanbesteding.objects.all(), bereik(inkoper_a))) == [gooi]
    assert list(binnen(Perceel.objects.all(), bereik(inkoper_b))) == [p_mlo]
    assert set(binnen(Perceel.objects.all(), bereik(inkoper))) == {p_gooi, p_mlo}
    assert not binnen(Perceel.objects.all(), GEEN).exists()


def test_binnen_weigert_model_zonder_regio(inkoper_a):
    from organisaties.models import Organisatie

    with pytest.raises(TypeError, match="geen REGIO_PAD"):
        binnen(Organisatie.objects.all(), bereik(inkoper_a))
    # All regions: nothing to filter, so no path needed.
    assert binnen(Organisatie.objects.all(), ALLE) is not None


def test_object_van_andere_regio_is_404_als_onbestaand(inkoper_a, procedures):
    gooi, mlo = procedures
    b = bereik(inkoper_a)
    assert object_of_404(Aanbesteding.objects.all(), b, pk=gooi.pk) == gooi
    with pytest.raises(Http404) as andere_regio:
        object_of_404(Aanbesteding.objects.all(), b, pk=mlo.pk)
    with pytest.raises(Http404) as onbestaand:
        object_of_404(Aanbesteding.objects.all(), b, pk=999999)
    # Same message: a guessed id tells nothing.
    assert str(andere_regio.value) == str(onbestaand.value)


def test_in_bereik_en_eis_in_bereik(inkoper_a, procedures):
    gooi, mlo = procedures
    perceel_mlo = PerceelFactory(aanbesteding=mlo)
    b = bereik(inkoper_a)
    assert in_bereik(gooi, b) and not in_bereik(mlo, b) and not in_bereik(perceel_mlo, b)
    assert in_bereik(mlo, ALLE)
    assert eis_in_bereik(gooi, b) is gooi
    with pytest.raises(Http404):
        eis_in_bereik(perceel_mlo, b)


def test_regio_ids_en_regio_keuzes(inkoper_a, inkoper, procedures, regio_a, regio_b):
    gooi, mlo = procedures
    assert regio_ids([gooi, mlo, PerceelFactory(aanbesteding=gooi)]) == {regio_a.pk, regio_b.pk}
    assert list(regio_keuzes(inkoper_a, "aanbesteding.add_aanbesteding", Regio.objects.all())) == [regio_a]
    assert set(regio_keuzes(inkoper, "aanbesteding.add_aanbesteding", Regio.objects.all())) == {regio_a, regio_b}


# --- RegioFormulierMixin and RegioViewSetMixin on a real snippet viewset ----------------------------------------


def test_formulier_biedt_alleen_eigen_regios_en_procedures(inkoper_a, procedures, regio_a):
    from django import forms

    gooi, mlo = procedures

    class PerceelForm(RegioFormulierMixin, forms.ModelForm):
        class Meta:
            model = Perceel
            fields = ["aanbesteding", "code", "naam"]

        def __init__(self, *args, for_user=None, **kwargs):
            self.for_user = for_user
            super().__init__(*args, **kwargs)

    form = PerceelForm(for_user=inkoper_a)
    assert list(form.fields["aanbesteding"].queryset) == [gooi]
    assert mlo not in PerceelForm(for_user=inkoper_a).fields["aanbesteding"].queryset
    # Without a user (system use) nothing is narrowed.
    assert set(PerceelForm().fields["aanbesteding"].queryset) == {gooi, mlo}


def test_procedureformulier_in_beheer_biedt_alleen_eigen_regio(staff_client, inkoper_a, procedures, regio_a, regio_b):
    antwoord = staff_client(inkoper_a).get(reverse("wagtailsnippets_aanbesteding_aanbesteding:add"))
    assert antwoord.status_code == 200
    assert list(antwoord.context["form"].fields["regio"].queryset) == [regio_a]


def test_snippet_bewerken_van_andere_regio_is_404(staff_client, inkoper_a, inkoper_b, procedures):
    gooi, mlo = procedures
    client = staff_client(inkoper_a)
    assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[gooi.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[mlo.pk])).status_code == 404
    assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[999999])).status_code == 404
    assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:history", args=[mlo.pk])).status_code == 404
    lijst = client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:list")).content.decode()
    assert "Jeugd Gooi" in lijst and "Jeugd MLO" not in lijst


def test_snippet_controle_andere_regio_ziet_eigen(staff_client, inkoper_b, procedures):
    gooi, mlo = procedures
    client = staff_client(inkoper_b)
    assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[mlo.pk])).status_code == 200
    assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[gooi.pk])).status_code == 404


def test_snippet_inkoper_van_alle_regios_ziet_alles(staff_client, inkoper, procedures):
    gooi, mlo = procedures
    client = staff_client(inkoper)
    for a in (gooi, mlo):
        assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[a.pk])).status_code == 200
    lijst = client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:list")).content.decode()
    assert "Jeugd Gooi" in lijst and "Jeugd MLO" in lijst


def test_snippet_superuser_ziet_alles(client, procedures):
    gooi, mlo = procedures
    superuser = UserFactory(is_superuser=True, is_staff=True)
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(superuser, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(superuser)
    assert client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[mlo.pk])).status_code == 200


def test_snippet_inactieve_medewerker_komt_nergens(client, inkoper_a, procedures):
    gooi, _ = procedures
    client.force_login(inkoper_a)
    inkoper_a.is_active = False
    inkoper_a.save()
    antwoord = client.get(reverse("wagtailsnippets_aanbesteding_aanbesteding:edit", args=[gooi.pk]))
    assert antwoord.status_code in (302, 403, 404)
    assert "Jeugd Gooi" not in antwoord.content.decode()
