"""The bulk import of eisen in a real browser (issue 12): upload a CSV with one wrong row, see the preview with the
error summary on top (focus moved to it), then fix the file and import. Screenshots of the preview go to
/tmp/schermafdrukken-import/ (at 1280 px and 320 px) for a person to look at; axe-core finds no serious or
critical violation on the preview."""

import csv
import io
from pathlib import Path

import pytest

from tests.aanbesteding.factories import AanbestedingFactory, PerceelFactory
from tests.browser.acties import klik_en_wacht, wacht_op_tekst
from tests.browser.test_csp import _inloggen
from tests.browser.test_toegankelijkheid import WAGTAIL_CHROME, _axe, _beschrijf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAP = Path("/tmp/schermafdrukken-import")
KOP = ["code", "titel", "tekst", "soort", "antwoordtype", "documentsoort", "max_leeftijd_maanden", "perceel", "bron"]
RIJEN = [
    ["Eis 21", "Positief rapport van de Inspectie", "Opdrachtnemer dient in het bezit te zijn van een positief rapport "
     "van de Inspectie Jeugdzorg.", "geschiktheidseis", "document", "inspectierapport", "", "", "003 r. 3006"],
    ["Eis 45", "VOG van medewerkers", "Opdrachtnemer heeft een VOG van alle medewerkers die in contact komen met "
     "Cliënt en/of zijn ouders.", "uitvoeringseis", "ja_nee", "vog", "3", "", "003 r. 3037"],
    ["Eis 79", "Accommodatie voldoet aan het Bouwbesluit", "De behandel en/of verblijfsaccommodatie voldoet aan de "
     "bouwkundige eisen zoals brandveiligheid uit het vigerende Bouwbesluit.", "uitvoeringseis", "jaa", "", "", "5.10.1",
     "003 r. 3082"],
]


def _bestand(pad: Path, rijen) -> str:
    uit = io.StringIO()
    w = csv.writer(uit, delimiter=";")
    w.writerow(KOP)
    w.writerows(rijen)
    pad.write_text(uit.getvalue(), encoding="utf-8-sig")
    return str(pad)


def test_voorbeeld_met_fout_dan_importeren(browser, live_server, inkoper, tmp_path):
    from aanbesteding.models import Eis

    a = AanbestedingFactory(titel="Jeugdhulp Voorzieningen")
    PerceelFactory(aanbesteding=a, code="5.10.1", naam="Tussenvoorziening")
    MAP.mkdir(parents=True, exist_ok=True)
    _inloggen(browser, live_server, inkoper)
    browser.get(f"{live_server.url}/admin/aanbesteding/eisimport/{a.pk}/")
    browser.find_element("id", "id_bestand").send_keys(_bestand(tmp_path / "eisen.csv", RIJEN))
    klik_en_wacht(browser, browser.find_element("css selector", "form[enctype] button[type=submit]"))

    samenvatting = browser.find_element("id", "fouten")
    assert "Rij 4: antwoordtype ‘jaa’ bestaat niet; kies ja_nee, tekst, plan, getal of document" in samenvatting.text
    assert browser.switch_to.active_element.get_attribute("id") == "fouten"  # focus moved to the summary
    assert not browser.find_elements("xpath", "//button[normalize-space()='Importeren']")
    browser.set_window_size(1280, 1400)
    browser.save_screenshot(str(MAP / "voorbeeld-met-fout-1280.png"))
    # No violation of any impact on the project's own screen (issue 12); Wagtail's own chrome is excluded as in
    # tests/browser/test_toegankelijkheid.py.
    assert _beschrijf(_axe(browser, WAGTAIL_CHROME)) == []

    RIJEN[2][4] = "ja_nee"
    browser.find_element("id", "id_bestand").send_keys(_bestand(tmp_path / "eisen-goed.csv", RIJEN))
    klik_en_wacht(browser, browser.find_element("css selector", "form[enctype] button[type=submit]"))
    assert "3 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 met een fout" in browser.find_element("tag name", "body").text
    browser.save_screenshot(str(MAP / "voorbeeld-goed-1280.png"))
    browser.set_window_size(320, 1400)
    browser.save_screenshot(str(MAP / "voorbeeld-goed-320.png"))
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 330
    browser.set_window_size(1280, 1400)
    klik_en_wacht(browser, browser.find_element("xpath", "//button[normalize-space()='Importeren']"))
    wacht_op_tekst(browser, "Eisen geïmporteerd")  # Wagtail shows its messages with a script
    assert sorted(Eis.objects.filter(aanbesteding=a).values_list("code", flat=True)) == ["Eis 21", "Eis 45", "Eis 79"]
