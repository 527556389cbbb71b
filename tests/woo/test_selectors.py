"""The Woo reads: the dossier merged with the metadata, the request list with its counts, the public lists, the
personal data the portal holds around a procedure (organisaties.selectors.persoonsgegevens), and the permissions."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from organisaties import selectors as organisaties_selectors
from tests.factories import AanbestedingFactory, LidmaatschapFactory, OrganisatieFactory
from woo import permissions, selectors, services
from woo.models import Verzoekstuk, Woogrond, Woometadata

from .conftest import CONTACT, CONTACT_EMAIL, besluit_maken

pytestmark = pytest.mark.django_db

B = Verzoekstuk.Beoordeling


class TestDossier:
    def test_op_datum_en_alle_eigenaren(self, aanbesteding_a, besluit_a):
        stukken = selectors.dossierstukken(aanbesteding_a)
        assert [s.datum for s in stukken] == sorted(s.datum for s in stukken)
        assert {s.sleutel for s in stukken} >= {f"besluit:{besluit_a.pk}", f"aankondiging:{aanbesteding_a.pk}"}

    def test_dossierstuk_op_sleutel(self, aanbesteding_a, besluit_a, aanbesteding_b):
        assert selectors.dossierstuk(aanbesteding_a, f"besluit:{besluit_a.pk}").titel.startswith("Besluit")
        assert selectors.dossierstuk(aanbesteding_b, f"besluit:{besluit_a.pk}") is None

    def test_een_query_voor_de_metadata(self, inkoper_a, aanbesteding_a, zorgaanbieder, besluit_a,
                                        django_assert_num_queries):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as eigen:
            selectors.dossierstukken(aanbesteding_a)
        with django_assert_num_queries(len(eigen.captured_queries) + 1):
            regels = selectors.dossier(aanbesteding_a)
        assert len(regels) == 2

    def test_standaardmetadata(self, aanbesteding_a, besluit_a):
        stuk = selectors.dossierstuk(aanbesteding_a, f"besluit:{besluit_a.pk}")
        m = selectors.standaardmetadata(aanbesteding_a, stuk)
        assert (m.pk, m.sleutel, m.soort, m.datum, m.informatiecategorie, m.status) == (
            None, stuk.sleutel, "besluit", stuk.datum, "beschikkingen", "niet_gepubliceerd")


class TestVerzoeken:
    def test_tellingen_per_beoordeling(self, inkoper_a, aanbesteding_a, zorgaanbieder, besluit_a):
        tweede = besluit_maken(aanbesteding_a, zorgaanbieder, toelichting="Factuur.", dag=4)
        v = services.verzoek_registreren(aanbesteding=aanbesteding_a, kenmerk="DOC-1", ontvangen_op=date(2026, 3, 2),
                                         onderwerp="x", verzoeker="y", door=inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[f"besluit:{besluit_a.pk}", f"besluit:{tweede.pk}",
                                                            f"aankondiging:{aanbesteding_a.pk}"], door=inkoper_a)
        services.beoordeling_vastleggen(verzoekstuk=v.stukken.get(sleutel=f"besluit:{tweede.pk}"),
                                        beoordeling=B.NIET_OPENBAAR, grond=Woogrond.objects.get(code="5.1.2.b"),
                                        door=inkoper_a)
        rij = selectors.verzoeken().get(pk=v.pk)
        assert (rij.aantal_stukken, rij.aantal_deels, rij.aantal_niet) == (3, 1, 1)

    def test_stukken_van_op_volgnummer_met_markeringen(self, inkoper_a, aanbesteding_a, besluit_a,
                                                       django_assert_num_queries):
        v = services.verzoek_registreren(aanbesteding=aanbesteding_a, kenmerk="DOC-1", ontvangen_op=date(2026, 3, 2),
                                         onderwerp="x", verzoeker="y", door=inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[f"aankondiging:{aanbesteding_a.pk}",
                                                            f"besluit:{besluit_a.pk}"], door=inkoper_a)
        with django_assert_num_queries(2):
            stukken = list(selectors.stukken_van(v))
            codes = [[m.grond.code for m in s.markeringen.all()] for s in stukken]
        assert [s.volgnummer for s in stukken] == [1, 2]
        assert codes[0] == [] and set(codes[1]) == {"5.1.2.e"}


class TestOpenbaar:
    def test_alleen_openbare_procedures(self, inkoper_a, regio_a, aanbesteding_a, besluit_a,
                                        django_capture_on_commit_callbacks):
        from aanbesteding.models import Aanbesteding

        with django_capture_on_commit_callbacks(execute=True):
            services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=f"besluit:{besluit_a.pk}",
                                           door=inkoper_a)
        assert [a.pk for a in selectors.openbare_procedures_met_publicaties()] == [aanbesteding_a.pk]
        assert selectors.openbare_procedures_met_publicaties().get().aantal_woo == 1
        assert selectors.actief_openbaar().count() == 1
        Aanbesteding.objects.filter(pk=aanbesteding_a.pk).update(status=Aanbesteding.Status.IN_VOORBEREIDING)
        assert not selectors.actief_openbaar().exists()
        assert not selectors.openbare_procedures_met_publicaties().exists()

    def test_niet_gepubliceerde_rij_telt_niet(self, inkoper_a, aanbesteding_a, besluit_a):
        services.metadata_vastleggen(aanbesteding=aanbesteding_a, sleutel=f"besluit:{besluit_a.pk}",
                                     informatiecategorie="beschikkingen", door=inkoper_a)
        assert Woometadata.objects.count() == 1
        assert not selectors.openbare_procedures_met_publicaties().exists()


class TestPersoonsgegevens:
    def test_contactpersonen_leden_en_staf(self, inkoper_a, inkoper_b, regio_a, zorgaanbieder):
        gegevens = organisaties_selectors.persoonsgegevens(organisatie_ids={zorgaanbieder.pk}, regio_id=regio_a.pk)
        assert {CONTACT, CONTACT_EMAIL, "Pieter Brandsma", "p.brandsma@zonnehuis-zorg.example",
                inkoper_a.email, inkoper_a.get_full_name()} <= gegevens
        assert inkoper_b.email not in gegevens
        # A surname alone would black out ordinary words (a demo account named "Inkoper Gooi").
        assert "Brandsma" not in gegevens

    def test_andere_organisatie_niet(self, regio_a, zorgaanbieder):
        ander = OrganisatieFactory(contactpersoon="Karel Buiten", contact_email="karel@buiten.example")
        LidmaatschapFactory(organisatie=ander)
        gegevens = organisaties_selectors.persoonsgegevens(organisatie_ids={zorgaanbieder.pk}, regio_id=None)
        assert "Karel Buiten" not in gegevens and "karel@buiten.example" not in gegevens
        assert CONTACT in gegevens

    def test_staf_in_alle_regios_telt_mee(self, regio_a, inkoper):
        gegevens = organisaties_selectors.persoonsgegevens(organisatie_ids=set(), regio_id=regio_a.pk)
        assert inkoper.email in gegevens

    def test_korte_waarden_niet(self, regio_a):
        org = OrganisatieFactory(contactpersoon="AB", contact_email="x@y.example", contact_telefoon="")
        gegevens = organisaties_selectors.persoonsgegevens(organisatie_ids={org.pk}, regio_id=None)
        assert "AB" not in gegevens and "" not in gegevens

    def test_van_een_stuk_via_zijn_procedure(self, aanbesteding_a, besluit_a):
        stuk = selectors.dossierstuk(aanbesteding_a, f"besluit:{besluit_a.pk}")
        assert CONTACT_EMAIL in services.bekende_persoonsgegevens_van_stuk(stuk)


class TestRechten:
    def test_inkoper_in_eigen_regio(self, inkoper_a, aanbesteding_a, aanbesteding_b):
        assert permissions.is_woo(inkoper_a)
        assert permissions.mag(inkoper_a, permissions.BEHANDELEN, aanbesteding_a)
        assert not permissions.mag(inkoper_a, permissions.BEHANDELEN, aanbesteding_b)
        with pytest.raises(PermissionDenied):
            permissions.eis(inkoper_a, permissions.PUBLICEREN, aanbesteding_b)

    @pytest.mark.parametrize("persona", ["contractmanager_a", "beoordelaar_a", "redacteur_a", "sroi_adviseur_a",
                                         "aanbieder_beheerder", "platformbeheerder"])
    def test_anderen_niet(self, request, persona, aanbesteding_a):
        user = request.getfixturevalue(persona)
        assert not permissions.is_woo(user)
        assert not permissions.mag(user, permissions.ZIEN, aanbesteding_a)

    def test_inkoper_zonder_regio_rol_ziet_alles(self, inkoper, aanbesteding_a, aanbesteding_b):
        assert permissions.mag(inkoper, permissions.BEHANDELEN, aanbesteding_a)
        assert permissions.mag(inkoper, permissions.BEHANDELEN, aanbesteding_b)

    def test_superuser(self, db, aanbesteding_a):
        from tests.factories import UserFactory

        admin = UserFactory(is_superuser=True, is_staff=True)
        assert permissions.is_woo(admin) and permissions.mag(admin, permissions.PUBLICEREN, aanbesteding_a)

    def test_andere_procedure_zelfde_regio(self, inkoper_a, regio_a):
        assert permissions.mag(inkoper_a, permissions.ZIEN, AanbestedingFactory(regio=regio_a))
