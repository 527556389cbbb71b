"""core.bestandscontrole: the apps register their private files themselves, every private file field is
registered, and a typo in a registration fails at start-up instead of during a restore."""

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from core import bestandscontrole
from core.bestandscontrole import registraties, registreer_bestand
from core.opslag import prive_opslag
from inschrijving.models import Bewijsstuk


def _prive_bestandsvelden() -> set[str]:
    return {f"{m._meta.label}.{f.name}" for m in apps.get_models() for f in m._meta.get_fields()
            if isinstance(f, models.FileField) and getattr(f, "_storage_callable", None) is prive_opslag}


def test_elk_privebestandsveld_is_geregistreerd():
    """A new private FileField without a registration would be left out of every restore check."""
    geregistreerd = {r.sleutel for r in registraties()}
    assert _prive_bestandsvelden() <= geregistreerd, _prive_bestandsvelden() - geregistreerd
    assert "inschrijving.Bewijsstuk.bestand" in geregistreerd  # control: the set is not empty by accident


def test_de_apps_registreren_hun_eigen_bestanden_met_sha256():
    per_sleutel = {r.sleutel: r for r in registraties()}
    verwacht = {
        "inschrijving.Bewijsstuk.bestand": "sha256", "inschrijving.Bewijsstuk.origineel": "origineel_sha256",
        "inschrijving.ProcesVerbaalOpening.bestand": "sha256",
        "toetsing.Besluit.brief": "brief_sha256", "toetsing.ProcesVerbaalBeoordeling.bestand": "sha256",
        "overeenkomst.Brief.scan": "scan_sha256", "overeenkomst.Brief.bevestiging": "bevestiging_sha256",
        "sroi.SroiPlan.bestand": "sha256", "sroi.SroiBewijsstuk.bestand": "sha256",
        "sroi.SroiBewijsstuk.origineel": "origineel_sha256",
        "contractbeheer.Verantwoordingsinzending.bestand": "sha256", "contractbeheer.Informatieverzoek.bestand": "sha256",
        "contractbeheer.Verzoekontvanger.bestand": "sha256",
        "contractbeheer.Maatregel.brief_voornemen": "brief_voornemen_sha256",
        "contractbeheer.Maatregel.brief_besluit": "brief_besluit_sha256",
    }
    assert {k: per_sleutel[k].sha256veld for k in verwacht} == verwacht
    ontvangstbewijs = per_sleutel["inschrijving.Inschrijving.ontvangstbewijs"]
    assert ontvangstbewijs.verzegeld and not ontvangstbewijs.sha256veld


def test_een_tikfout_faalt_bij_het_registreren():
    with pytest.raises(FieldDoesNotExist):
        registreer_bestand(Bewijsstuk, "bestnad", sha256veld="sha256")
    with pytest.raises(FieldDoesNotExist):
        registreer_bestand(Bewijsstuk, "bestand", sha256veld="sha265")
    assert "inschrijving.Bewijsstuk.bestnad" not in {r.sleutel for r in registraties()}


def test_twee_keer_registreren_geeft_een_registratie(monkeypatch):
    monkeypatch.setattr(bestandscontrole, "_REGISTRATIES", {})
    registreer_bestand(Bewijsstuk, "bestand", sha256veld="sha256")
    registreer_bestand(Bewijsstuk, "bestand", sha256veld="sha256")
    assert [r.sleutel for r in registraties()] == ["inschrijving.Bewijsstuk.bestand"]


def test_core_noemt_geen_domeinapp():
    """The registry is filled by the apps; core's module names none of them (ADR 0002 layers)."""
    from pathlib import Path

    bron = Path(bestandscontrole.__file__).read_text()
    for app in ("inschrijving", "toetsing", "overeenkomst", "sroi", "contractbeheer", "aanbesteding", "cms"):
        assert f"import {app}" not in bron and f"from {app}" not in bron
