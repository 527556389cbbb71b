"""The restore check (core.bestandscontrole, `herstel_controleren`) knows the Woo app's private files: after a
backup is restored, a missing or changed export, published redacted copy or sealed inventarislijst is reported."""

from core.bestandscontrole import registraties
from woo.models import Woometadata, Wooverzoek


def _van_woo():
    return {
        (r.model, r.bestandsveld): r
        for r in registraties()
        if r.model in (Woometadata, Wooverzoek)
    }


def test_de_gepubliceerde_kopie_wordt_op_sha256_gecontroleerd():
    registratie = _van_woo()[(Woometadata, "publicatie")]
    assert registratie.sha256veld == "publicatie_sha256"
    assert not registratie.verzegeld


def test_de_export_wordt_op_sha256_gecontroleerd():
    registratie = _van_woo()[(Wooverzoek, "export")]
    assert registratie.sha256veld == "export_sha256"


def test_de_inventarislijst_wordt_als_verzegeld_document_gecontroleerd():
    # It keeps no sha256 of its own: the seal register (Zegelregistratie) holds the sha256 of the sealed bytes.
    registratie = _van_woo()[(Wooverzoek, "inventarislijst_pdf")]
    assert registratie.verzegeld and registratie.sha256veld == ""


def test_precies_de_drie_privebestanden_van_woo():
    assert set(_van_woo()) == {
        (Woometadata, "publicatie"), (Wooverzoek, "export"), (Wooverzoek, "inventarislijst_pdf"),
    }
