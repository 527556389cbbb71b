"""Every record of a procedure belongs to exactly one region (issue 17, ADR 0011).

A model that hangs under ``aanbesteding.Aanbesteding`` (directly or through a chain of foreign keys) must say how
to reach its region (``REGIO_PAD``); otherwise ``binnen()`` cannot scope it and staff of another region would see
it. And each declared path must really end at ``organisaties.Regio``.
"""

from django.apps import apps
from django.db import models

from organisaties.models import Regio

AANBESTEDING = "aanbesteding.Aanbesteding"


def _project_modellen():
    from tests.eigendom import APPS

    return [m for m in apps.get_models() if m._meta.app_label in APPS]


def _hangt_onder_aanbesteding(model, gezien=None) -> bool:
    """True when a chain of non-null-or-null ForeignKeys leads from ``model`` to Aanbesteding."""
    gezien = gezien or set()
    if model._meta.label in gezien:
        return False
    gezien = gezien | {model._meta.label}
    for veld in model._meta.get_fields():
        if isinstance(veld, models.ForeignKey) and not veld.auto_created:
            doel = veld.related_model
            if doel._meta.label == AANBESTEDING or _hangt_onder_aanbesteding(doel, gezien):
                return True
    return False


def _volg(model, pad: str):
    for stap in pad.split("__"):
        veld = model._meta.get_field(stap)
        assert veld.is_relation and (veld.many_to_one or veld.one_to_one), f"{model.__name__}.{stap} is geen FK"
        model = veld.related_model
    return model


def test_elk_model_onder_een_aanbesteding_heeft_regio_pad():
    onder = [m for m in _project_modellen() if _hangt_onder_aanbesteding(m)]
    # Percelen, eisen, inschrijvingen, toetsing, overeenkomsten, SROI...: the walk must actually find them.
    assert len(onder) > 40
    ontbreekt = [
        m._meta.label for m in _project_modellen()
        if m._meta.label != AANBESTEDING and _hangt_onder_aanbesteding(m) and not getattr(m, "REGIO_PAD", None)
    ]
    assert ontbreekt == [], "REGIO_PAD ontbreekt op: " + ", ".join(sorted(ontbreekt))


def test_aanbesteding_zelf_heeft_regio_pad():
    assert apps.get_model(AANBESTEDING).REGIO_PAD == "regio"


def test_elk_regio_pad_eindigt_bij_regio():
    fout = []
    for m in _project_modellen():
        pad = getattr(m, "REGIO_PAD", None)
        if pad is None:
            continue
        try:
            doel = _volg(m, pad)
        except Exception as e:  # noqa: BLE001 - report every broken path at once
            fout.append(f"{m._meta.label}: {pad} ({e})")
            continue
        if doel is not Regio:
            fout.append(f"{m._meta.label}: {pad} eindigt bij {doel._meta.label}")
    assert fout == [], "\n".join(fout)


def test_de_controle_vangt_een_fout_pad():
    """The path walker itself: a wrong path is caught, a right one reaches Regio."""
    from aanbesteding.models import Perceel

    assert _volg(Perceel, "aanbesteding__regio") is Regio
    assert _volg(Perceel, "aanbesteding") is not Regio


def test_doorzoekbare_regiomodellen_kunnen_op_id_filteren():
    """The admin chooser of a searchable region-bound model filters its search as "pk in (...)": the model must
    declare FilterField("id"), else the search answers 500 (found by tests/beveiliging/test_regios)."""
    from django.apps import apps
    from wagtail.models import Page
    from wagtail.search.index import FilterField, class_is_indexed

    ontbreekt = [
        m.__name__ for m in apps.get_models()
        if getattr(m, "REGIO_PAD", None) and class_is_indexed(m) and not issubclass(m, Page)
        and not any(isinstance(f, FilterField) and f.field_name == "id" for f in m.get_search_fields())
    ]
    assert ontbreekt == []
