"""portal.urls hangs in each domain app's URLs; a missing urls module is skipped, any other import error is not
(a typo inside an app's urls must fail loudly instead of silently dropping its pages)."""

import builtins
import importlib

import pytest
from django.urls import clear_url_caches

import portal.urls


@pytest.fixture
def herladen(monkeypatch):
    yield
    monkeypatch.undo()
    importlib.reload(portal.urls)
    clear_url_caches()


def _met_importfout(monkeypatch, doel, ontbrekend):
    echte_import = builtins.__import__

    def nep_import(naam, *args, **kwargs):
        if naam == doel:
            raise ModuleNotFoundError(f"No module named {ontbrekend!r}", name=ontbrekend)
        return echte_import(naam, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", nep_import)


def _prefixen():
    return [str(p.pattern) for p in portal.urls.urlpatterns]


def test_alle_domeinapps_zijn_ingehangen():
    namen = {getattr(p, "urlconf_name", None) for p in portal.urls.urlpatterns}
    modules = {n.__name__ if hasattr(n, "__name__") else n for n in namen if n}
    assert {"inschrijving.urls", "toetsing.urls", "overeenkomst.urls", "sroi.urls",
            "cms.urls"} <= modules


def test_ontbrekende_urls_module_wordt_overgeslagen(monkeypatch, herladen):
    _met_importfout(monkeypatch, "sroi.urls", "sroi.urls")
    importlib.reload(portal.urls)
    monkeypatch.undo()
    assert "mijn/sroi/" not in _prefixen()
    assert "mijn/overeenkomsten/" in _prefixen()


def test_andere_importfout_in_urls_wordt_niet_verzwegen(monkeypatch, herladen):
    _met_importfout(monkeypatch, "sroi.urls", "een_typefout")
    with pytest.raises(ModuleNotFoundError, match="een_typefout"):
        importlib.reload(portal.urls)
