"""The Woo services: permission, region, audit, the pre-marking of personal data and the decision (issue 16)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditRegel
from core.toestand import OngeldigeOvergang
from woo import inventaris, selectors, services
from woo.models import Lakmarkering, Verzoekstuk, Woogrond, Woometadata, Wooverzoek

from .conftest import BEDRAG, CONTACT, CONTACT_EMAIL

pytestmark = pytest.mark.django_db

B = Verzoekstuk.Beoordeling


def _acties(obj=None) -> list[str]:
    qs = AuditRegel.objects.order_by("id")
    if obj is not None:
        qs = qs.filter(object_id=str(obj.pk))
    return list(qs.values_list("actie", flat=True))


def _verzoek(aanbesteding, door, kenmerk="DOC-26015854"):
    return services.verzoek_registreren(aanbesteding=aanbesteding, kenmerk=kenmerk, ontvangen_op=date(2026, 3, 2),
                                        onderwerp="Tussenvoorziening: bezetting en financiën",
                                        verzoeker="A. Verzoeker", door=door)


def _grond(code):
    return Woogrond.objects.get(code=code)


def _sleutel_besluit(besluit):
    return f"besluit:{besluit.pk}"


class TestVerzoekRegistreren:
    def test_registreert_en_audit_zonder_naam_verzoeker(self, inkoper_a, aanbesteding_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        assert (v.status, v.kenmerk, v.geregistreerd_door) == (Wooverzoek.Status.ONTVANGEN, "DOC-26015854", inkoper_a)
        regel = AuditRegel.objects.get(actie="woo.verzoek_registreren")
        assert regel.nieuwe_waarden["kenmerk"] == "DOC-26015854"
        assert "A. Verzoeker" not in str(regel.nieuwe_waarden)

    def test_kenmerk_uniek_per_procedure(self, inkoper_a, aanbesteding_a):
        _verzoek(aanbesteding_a, inkoper_a)
        with pytest.raises(ValidationError) as fout:
            _verzoek(aanbesteding_a, inkoper_a)
        assert "kenmerk" in fout.value.message_dict
        assert Wooverzoek.objects.count() == 1

    def test_inkoper_van_andere_regio_mag_niet(self, inkoper_b, aanbesteding_a):
        with pytest.raises(PermissionDenied):
            _verzoek(aanbesteding_a, inkoper_b)
        assert not Wooverzoek.objects.exists()

    def test_contractmanager_heeft_geen_woo_rechten(self, contractmanager_a, aanbesteding_a):
        with pytest.raises(PermissionDenied):
            _verzoek(aanbesteding_a, contractmanager_a)

    def test_aanbieder_mag_niet(self, aanbieder_beheerder, aanbesteding_a):
        with pytest.raises(PermissionDenied):
            _verzoek(aanbesteding_a, aanbieder_beheerder)


class TestSelecterenEnVoormarkeren:
    def test_persoonsgegevens_van_de_contactpersoon_automatisch_gemarkeerd(self, inkoper_a, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[_sleutel_besluit(besluit_a)], door=inkoper_a)
        vs = v.stukken.get()
        teksten = set(vs.markeringen.values_list("tekst", flat=True))
        # The contact person and her e-mail (organisation record), the member of the provider (Lidmaatschap).
        assert {CONTACT, CONTACT_EMAIL, "Pieter Brandsma"} <= teksten
        assert set(vs.markeringen.values_list("grond__code", flat=True)) == {"5.1.2.e"}
        assert all(vs.markeringen.values_list("automatisch", flat=True))
        assert vs.beoordeling == B.DEELS_OPENBAAR
        v.refresh_from_db()
        assert v.status == Wooverzoek.Status.IN_BEHANDELING

    def test_alleen_wat_in_het_document_staat(self, inkoper_a, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[f"aankondiging:{aanbesteding_a.pk}"], door=inkoper_a)
        vs = v.stukken.get()
        # The notice names nobody: no marks, so openbaar.
        assert vs.markeringen.count() == 0
        assert vs.beoordeling == B.OPENBAAR

    def test_volgnummers_blijven_en_afgevallen_stukken_gaan(self, inkoper_a, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        besluit, aankondiging = _sleutel_besluit(besluit_a), f"aankondiging:{aanbesteding_a.pk}"
        services.documenten_selecteren(verzoek=v, sleutels=[aankondiging, besluit], door=inkoper_a)
        assert list(v.stukken.values_list("sleutel", "volgnummer")) == [(aankondiging, 1), (besluit, 2)]
        services.documenten_selecteren(verzoek=v, sleutels=[besluit], door=inkoper_a)
        assert list(v.stukken.values_list("sleutel", "volgnummer")) == [(besluit, 2)]
        services.documenten_selecteren(verzoek=v, sleutels=[besluit, aankondiging], door=inkoper_a)
        assert list(v.stukken.values_list("sleutel", "volgnummer")) == [(besluit, 2), (aankondiging, 3)]
        assert _acties(v).count("woo.documenten_selecteren") == 3

    def test_onbekende_sleutel_geweigerd(self, inkoper_a, aanbesteding_a, besluit_a, besluit_b):
        v = _verzoek(aanbesteding_a, inkoper_a)
        with pytest.raises(ValidationError):
            services.documenten_selecteren(verzoek=v, sleutels=[_sleutel_besluit(besluit_b)], door=inkoper_a)
        assert not v.stukken.exists()

    def test_andere_regio_mag_niet_selecteren(self, inkoper_a, inkoper_b, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        with pytest.raises(PermissionDenied):
            services.documenten_selecteren(verzoek=v, sleutels=[_sleutel_besluit(besluit_a)], door=inkoper_b)

    def test_bekende_persoonsgegevens_omvat_staf_van_de_regio(self, inkoper_a, inkoper_b, aanbesteding_a,
                                                                 zorgaanbieder, besluit_a):
        bekend = services.bekende_persoonsgegevens(aanbesteding_a)
        assert {CONTACT, CONTACT_EMAIL, "p.brandsma@zonnehuis-zorg.example", inkoper_a.email} <= bekend
        assert inkoper_b.email not in bekend

    def test_te_markeren_vindt_patronen_uit_de_tekst(self, aanbesteding_a):
        from core.dossier import Dossierstuk
        from core.pdf import eenvoudige_pdf

        pdf = eenvoudige_pdf("Notitie", ["Bel 06-12345678 of mail info@voorbeeld.example voor vragen."])
        stuk = Dossierstuk(sleutel="x:1", soort="x", titel="Notitie", datum=date(2026, 1, 1),
                           aanbesteding_id=aanbesteding_a.pk, regio_id=aanbesteding_a.regio_id, pdf=lambda: pdf,
                           persoonsgegevens=("Niet Aanwezig", "Notitie"))
        gevonden = services.te_markeren(pdf, stuk, bekend=set())
        assert "info@voorbeeld.example" in gevonden
        assert "Notitie" in gevonden  # what the owner names and what occurs
        assert "Niet Aanwezig" not in gevonden  # never asked of the engine: it would raise "not found"


class TestMarkeringen:
    @pytest.fixture
    def vs(self, inkoper_a, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[_sleutel_besluit(besluit_a)], door=inkoper_a)
        return v.stukken.get()

    def test_passage_toevoegen(self, inkoper_a, vs):
        m = services.markering_toevoegen(verzoekstuk=vs, grond=_grond("5.1.2.b"), tekst=BEDRAG, door=inkoper_a)
        assert (m.tekst, m.pagina, m.automatisch, m.door) == (BEDRAG, 0, False, inkoper_a)
        regel = AuditRegel.objects.get(actie="woo.markering_toevoegen")
        assert regel.nieuwe_waarden["grond"] == "5.1.2.b"

    def test_passage_die_niet_voorkomt_geweigerd(self, inkoper_a, vs):
        with pytest.raises(ValidationError) as fout:
            services.markering_toevoegen(verzoekstuk=vs, grond=_grond("5.1.2.b"), tekst="geheime afspraak xyz",
                                         door=inkoper_a)
        assert "tekst" in fout.value.message_dict

    def test_dubbele_markering_geweigerd(self, inkoper_a, vs):
        services.markering_toevoegen(verzoekstuk=vs, grond=_grond("5.1.2.b"), tekst=BEDRAG, door=inkoper_a)
        with pytest.raises(ValidationError):
            services.markering_toevoegen(verzoekstuk=vs, grond=_grond("5.1.2.b"), tekst=BEDRAG, door=inkoper_a)

    def test_inactieve_grond_geweigerd(self, inkoper_a, vs):
        grond = _grond("5.1.2.a")
        grond.actief = False
        grond.save()
        with pytest.raises(ValidationError):
            services.markering_toevoegen(verzoekstuk=vs, grond=grond, tekst=BEDRAG, door=inkoper_a)

    def test_eigen_markering_verwijderen(self, inkoper_a, vs):
        m = services.markering_toevoegen(verzoekstuk=vs, grond=_grond("5.1.2.b"), tekst=BEDRAG, door=inkoper_a)
        services.markering_verwijderen(markering=m, door=inkoper_a)
        assert not Lakmarkering.objects.filter(pk=m.pk).exists()
        assert AuditRegel.objects.filter(actie="woo.markering_verwijderen").count() == 1

    def test_automatische_markering_blijft(self, inkoper_a, vs):
        m = vs.markeringen.filter(automatisch=True).first()
        with pytest.raises(PermissionDenied):
            services.markering_verwijderen(markering=m, door=inkoper_a)
        assert Lakmarkering.objects.filter(pk=m.pk).exists()

    def test_andere_regio_mag_niet_markeren(self, inkoper_b, vs):
        with pytest.raises(PermissionDenied):
            services.markering_toevoegen(verzoekstuk=vs, grond=_grond("5.1.2.b"), tekst=BEDRAG, door=inkoper_b)

    def test_markering_maakt_openbaar_deels_openbaar(self, inkoper_a, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a, kenmerk="DOC-2")
        services.documenten_selecteren(verzoek=v, sleutels=[f"aankondiging:{aanbesteding_a.pk}"], door=inkoper_a)
        vs = v.stukken.get()
        services.markering_toevoegen(verzoekstuk=vs, grond=_grond("reikwijdte"), pagina=1, door=inkoper_a)
        vs.refresh_from_db()
        assert vs.beoordeling == B.DEELS_OPENBAAR


class TestBeoordeling:
    @pytest.fixture
    def v(self, inkoper_a, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[_sleutel_besluit(besluit_a),
                                                            f"aankondiging:{aanbesteding_a.pk}"], door=inkoper_a)
        return v

    def test_openbaar_met_persoonsgegevens_geweigerd(self, inkoper_a, v):
        vs = v.stukken.get(volgnummer=1)
        with pytest.raises(ValidationError):
            services.beoordeling_vastleggen(verzoekstuk=vs, beoordeling=B.OPENBAAR, door=inkoper_a)

    def test_deels_openbaar_zonder_markering_geweigerd(self, inkoper_a, v):
        vs = v.stukken.get(volgnummer=2)
        with pytest.raises(ValidationError):
            services.beoordeling_vastleggen(verzoekstuk=vs, beoordeling=B.DEELS_OPENBAAR, door=inkoper_a)

    def test_niet_openbaar_vraagt_grond_en_markeert_het_hele_document(self, inkoper_a, v):
        vs = v.stukken.get(volgnummer=2)
        with pytest.raises(ValidationError):
            services.beoordeling_vastleggen(verzoekstuk=vs, beoordeling=B.NIET_OPENBAAR, door=inkoper_a)
        services.beoordeling_vastleggen(verzoekstuk=vs, beoordeling=B.NIET_OPENBAAR, grond=_grond("5.1.2.b"),
                                        door=inkoper_a)
        vs.refresh_from_db()
        assert vs.beoordeling == B.NIET_OPENBAAR
        assert [m.heel_document for m in vs.markeringen.all()] == [True]
        regel = AuditRegel.objects.filter(actie="woo.beoordeling_vastleggen").last()
        assert (regel.oude_waarden["beoordeling"], regel.nieuwe_waarden["beoordeling"]) == ("openbaar", "niet_openbaar")

    def test_reeds_openbaar_vraagt_vindplaats(self, inkoper_a, v):
        vs = v.stukken.get(volgnummer=2)
        with pytest.raises(ValidationError):
            services.beoordeling_vastleggen(verzoekstuk=vs, beoordeling=B.REEDS_OPENBAAR, door=inkoper_a)
        services.beoordeling_vastleggen(verzoekstuk=vs, beoordeling=B.REEDS_OPENBAAR,
                                        vindplaats="https://portaal.example/procedures/x/", door=inkoper_a)
        vs.refresh_from_db()
        assert vs.vindplaats == "https://portaal.example/procedures/x/"


class TestBesluiten:
    def test_besluit_zonder_stukken_geweigerd(self, inkoper_a, aanbesteding_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        with pytest.raises(ValidationError):
            services.verzoek_besluiten(verzoek=v, besluitdatum=date(2026, 4, 16), door=inkoper_a)
        v.refresh_from_db()
        assert v.status == Wooverzoek.Status.ONTVANGEN

    def test_besluiten_bevriest_en_maakt_de_export(self, inkoper_a, aanbesteding_a, besluit_a,
                                                  django_capture_on_commit_callbacks):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[_sleutel_besluit(besluit_a)], door=inkoper_a)
        with django_capture_on_commit_callbacks(execute=True):
            services.verzoek_besluiten(verzoek=v, besluitdatum=date(2026, 4, 16), door=inkoper_a)
        v.refresh_from_db()
        assert (v.status, v.besluitdatum, v.besloten_door) == (Wooverzoek.Status.BESLOTEN, date(2026, 4, 16), inkoper_a)
        assert v.export and len(v.export_sha256) == 64 and v.inventarislijst_pdf
        assert _acties(v)[-2:] == ["woo.verzoek_besluiten", "woo.export_maken"]
        vs = v.stukken.get()
        with pytest.raises(ValidationError):
            services.markering_toevoegen(verzoekstuk=vs, grond=_grond("5.1.2.b"), tekst=BEDRAG, door=inkoper_a)
        with pytest.raises(ValidationError):
            services.documenten_selecteren(verzoek=v, sleutels=[], door=inkoper_a)
        with pytest.raises(ValidationError):
            services.verzoek_besluiten(verzoek=v, besluitdatum=date(2026, 4, 17), door=inkoper_a)

    def test_export_is_idempotent(self, inkoper_a, aanbesteding_a, besluit_a, django_capture_on_commit_callbacks):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[_sleutel_besluit(besluit_a)], door=inkoper_a)
        with django_capture_on_commit_callbacks(execute=True):
            services.verzoek_besluiten(verzoek=v, besluitdatum=date(2026, 4, 16), door=inkoper_a)
        v.refresh_from_db()
        naam, sha = v.export.name, v.export_sha256
        services.export_maken(verzoek_id=v.pk)
        v.refresh_from_db()
        assert (v.export.name, v.export_sha256) == (naam, sha)
        assert AuditRegel.objects.filter(actie="woo.export_maken").count() == 1

    def test_export_niet_voor_een_open_verzoek(self, inkoper_a, aanbesteding_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.export_maken(verzoek_id=v.pk)
        v.refresh_from_db()
        assert not v.export

    def test_andere_regio_mag_niet_besluiten(self, inkoper_a, inkoper_b, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[_sleutel_besluit(besluit_a)], door=inkoper_a)
        with pytest.raises(PermissionDenied):
            services.verzoek_besluiten(verzoek=v, besluitdatum=date(2026, 4, 16), door=inkoper_b)

    def test_problemen_noemt_het_document(self, inkoper_a, aanbesteding_a, besluit_a):
        v = _verzoek(aanbesteding_a, inkoper_a)
        services.documenten_selecteren(verzoek=v, sleutels=[_sleutel_besluit(besluit_a)], door=inkoper_a)
        vs = v.stukken.get()
        Lakmarkering.objects.filter(verzoekstuk=vs).delete()  # as if the document changed under the request
        assert services.problemen(v) == ["Document 1 staat op 'deels openbaar' zonder markering."]


class TestActieveOpenbaarmaking:
    def test_metadata_vastleggen_maakt_de_rij(self, inkoper_a, aanbesteding_a, besluit_a):
        sleutel = _sleutel_besluit(besluit_a)
        m = services.metadata_vastleggen(aanbesteding=aanbesteding_a, sleutel=sleutel,
                                         informatiecategorie="adviezen", door=inkoper_a)
        assert (m.sleutel, m.informatiecategorie, m.status, m.soort) == (sleutel, "adviezen", "niet_gepubliceerd",
                                                                          "besluit")
        regel = AuditRegel.objects.get(actie="woo.metadata_vastleggen")
        assert (regel.oude_waarden, regel.nieuwe_waarden) == ({"informatiecategorie": "beschikkingen"},
                                                              {"informatiecategorie": "adviezen"})

    def test_onbekend_document_geweigerd(self, inkoper_a, aanbesteding_a):
        with pytest.raises(ValidationError):
            services.metadata_vastleggen(aanbesteding=aanbesteding_a, sleutel="besluit:999",
                                         informatiecategorie="adviezen", door=inkoper_a)

    def test_publiceren_lakt_persoonsgegevens(self, inkoper_a, aanbesteding_a, besluit_a,
                                              django_capture_on_commit_callbacks):
        from tests.woo.test_export import tekst_van

        with django_capture_on_commit_callbacks(execute=True):
            m = services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=_sleutel_besluit(besluit_a),
                                               door=inkoper_a)
        m.refresh_from_db()
        assert (m.status, m.openbaar_gemaakt_door) == (Woometadata.Status.ACTIEF_OPENBAAR, inkoper_a)
        assert m.publicatie and len(m.publicatie_sha256) == 64
        with m.publicatie.open("rb") as f:
            tekst = tekst_van(f.read())
        assert CONTACT not in tekst and CONTACT_EMAIL not in tekst and "Brandsma" not in tekst
        assert "5.1.2.e" in tekst
        assert inventaris.KOPIEVERMELDING in " ".join(tekst.split())  # the public copy claims no seal
        assert _acties(m) == ["woo.actief_openbaar_maken", "woo.publicatie_opslaan"]

    def test_intrekken_en_opnieuw(self, inkoper_a, aanbesteding_a, besluit_a, django_capture_on_commit_callbacks):
        sleutel = _sleutel_besluit(besluit_a)
        with django_capture_on_commit_callbacks(execute=True):
            m = services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=sleutel, door=inkoper_a)
        m = services.openbaarmaking_intrekken(metadata=m, reden="Verkeerde versie", door=inkoper_a)
        assert m.status == Woometadata.Status.INGETROKKEN and m.ingetrokken_op
        assert not selectors.actief_openbaar(aanbesteding_a).exists()
        with pytest.raises(OngeldigeOvergang):
            services.openbaarmaking_intrekken(metadata=m, reden="nog eens", door=inkoper_a)
        with django_capture_on_commit_callbacks(execute=True):
            services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=sleutel, door=inkoper_a)
        assert selectors.actief_openbaar(aanbesteding_a).count() == 1
        assert AuditRegel.objects.get(actie="woo.openbaarmaking_intrekken").toelichting == "Verkeerde versie"

    def test_twee_keer_publiceren_geweigerd(self, inkoper_a, aanbesteding_a, besluit_a):
        sleutel = _sleutel_besluit(besluit_a)
        services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=sleutel, door=inkoper_a)
        with pytest.raises(OngeldigeOvergang):
            services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=sleutel, door=inkoper_a)

    def test_publicatie_opslaan_is_idempotent(self, inkoper_a, aanbesteding_a, besluit_a,
                                              django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            m = services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=_sleutel_besluit(besluit_a),
                                               door=inkoper_a)
        m.refresh_from_db()
        naam = m.publicatie.name
        services.publicatie_opslaan(metadata_id=m.pk)
        m.refresh_from_db()
        assert m.publicatie.name == naam
        assert AuditRegel.objects.filter(actie="woo.publicatie_opslaan").count() == 1

    def test_andere_regio_mag_niet_publiceren(self, inkoper_b, aanbesteding_a, besluit_a):
        with pytest.raises(PermissionDenied):
            services.actief_openbaar_maken(aanbesteding=aanbesteding_a, sleutel=_sleutel_besluit(besluit_a),
                                           door=inkoper_b)
        assert not Woometadata.objects.exists()


class TestDossierSelector:
    def test_standaardmetadata_zonder_rij_en_opgeslagen_met_rij(self, inkoper_a, aanbesteding_a, besluit_a):
        regels = {r.stuk.sleutel: r for r in selectors.dossier(aanbesteding_a)}
        besluit = regels[_sleutel_besluit(besluit_a)]
        assert not besluit.opgeslagen
        assert besluit.metadata.informatiecategorie == "beschikkingen"
        assert regels[f"aankondiging:{aanbesteding_a.pk}"].metadata.informatiecategorie == "besluiten_algemene_strekking"
        services.metadata_vastleggen(aanbesteding=aanbesteding_a, sleutel=_sleutel_besluit(besluit_a),
                                     informatiecategorie="adviezen", door=inkoper_a)
        regels = {r.stuk.sleutel: r for r in selectors.dossier(aanbesteding_a)}
        assert regels[_sleutel_besluit(besluit_a)].opgeslagen
        assert regels[_sleutel_besluit(besluit_a)].metadata.informatiecategorie == "adviezen"


def test_voormarkeren_vergelijkt_zoals_de_lakmachine_ook_bij_een_ligatuur():
    # A PDF may carry "ffi" as one ligature character (U+FB03); the engine matches compatibility-normalised, so
    # the known name is found, pre-marked, and absent from the redacted copy.
    from datetime import date

    from core import lakken
    from core.dossier import Dossierstuk
    from core.pdf import eenvoudige_pdf
    from woo.services import te_markeren

    pdf = eenvoudige_pdf("Besluit", ["Ter attentie van mevrouw J. Gri\ufb03oen, Hilversum."])
    stuk = Dossierstuk(sleutel="besluit:1", soort="besluit", titel="Besluit", datum=date(2026, 3, 1),
                       aanbesteding_id=1, regio_id=None, pdf=lambda: pdf, persoonsgegevens=("J. Griffioen",))
    assert te_markeren(pdf, stuk, bekend=set()) == ["J. Griffioen"]
    uit = lakken.weglakken(pdf, [lakken.Lakmarkering(grond="5.1.2.e", tekst="J. Griffioen")])
    tekst = "".join(lakken.tekst_per_pagina(uit))
    assert "Gri" not in tekst and "Hilversum" in tekst
