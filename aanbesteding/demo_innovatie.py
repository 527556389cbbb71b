"""Demo data of the innovation route (issue 19, ADR 0022): the MLO perceel "Overige Jeugdhulp" (002 PB 1.2,
r. 569-616) with ``innovatieroute`` on, and its twelve submission fields (``bronnen.mlo.INNOVATIEROUTE``) as the
eisen of that perceel, in the source's words (r. 605-616). The committee assesses a proposal per eis in the existing
toetsing flow. Idempotent (perceel code, eis code). Runs after aanbesteding.demo (the MLO procedure exists)."""

from bronnen import mlo

from .demo import bron_aanbesteding
from .models import Eis, Perceel

PERCEELCODE = "1.2"
# The twelve fields of 002 r. 605-616, in the source's words; the keys are INNOVATIEROUTE["indienvelden"].
TEKSTEN = {
    "omschrijving product": "Omschrijving van het product.",
    "doelstelling product": "Doelstelling van het product.",
    "aansluiting bij criteria en vragen": "Aansluiting bij de beoordelingscriteria en de vragen van PB 1.2 "
                                          "(integrale jeugdhulp, vervanging van bestaand aanbod, beoogd resultaat, "
                                          "preventie, monitoring, eigen kracht, op- en afschaling, regie, "
                                          "kostenreductie, evidence, PDCA, gemeentelijke betrokkenheid).",
    "aard en omvang activiteiten": "Aard en omvang van de activiteiten.",
    "bereik product": "Bereik van het product.",
    "aantoonbare en duurzame behoefte": "Aantoonbare en duurzame behoefte en concrete belangstelling van jeugdigen "
                                        "en hun ouders voor het aanbod.",
    "samenwerking tussen aanbieders": "Samenwerking tussen Aanbieders.",
    "doelgroep deelnemers": "Doelgroep van de deelnemers.",
    "minimum en maximum aantal deelnemers per groep": "Minimum en maximum aantal deelnemers per groep bij "
                                                      "groepsactiviteiten.",
    "tarief per uur of per traject per jeugdige": "Tarief per uur of per traject per jeugdige die gebruik maakt van "
                                                  "het product.",
    "opleidingsniveau uitvoerenden": "Opleidingsniveau van degenen die de behandeling of begeleiding uitvoeren.",
    "evaluatiewijze na een jaar": "Beschrijving van de manier waarop het product na een jaar geëvalueerd gaat worden.",
}
assert tuple(TEKSTEN) == mlo.INNOVATIEROUTE["indienvelden"]


def laad(stdout):
    a = bron_aanbesteding(mlo.PROCEDURE, "Gespecialiseerde Jeugdhulp")
    if a is None:
        stdout.write("  aanbesteding: MLO-procedure niet gevonden; innovatieroute overgeslagen.")
        return
    perceel, _ = Perceel.objects.update_or_create(
        aanbesteding=a, code=PERCEELCODE,
        defaults={
            "naam": mlo.INNOVATIEROUTE["naam"], "domein": "jeugd", "volgorde": 99, "innovatieroute": True,
            "omschrijving": (
                "Vernieuwende ondersteuningstrajecten die op geen enkele wijze passen binnen de andere "
                "productcategorieën; ook ambulante alternatieven voor het perceel Verblijf met behandeling +. Een "
                "beoordelingscommissie beoordeelt het aanbod; bij opname volgt binnen een jaar een evaluatie "
                "(002 r. 569-573)."
            ),
        },
    )
    for volgorde, (veld, tekst) in enumerate(TEKSTEN.items(), start=1):
        Eis.objects.update_or_create(
            aanbesteding=a, perceel=perceel, code=f"IV{volgorde}",
            defaults={
                "tekst": tekst, "toelichting": f"Onderdeel van het innovatievoorstel ({veld}). Bron: 002 r. {604 + volgorde}.",
                "soort": Eis.Soort.GESCHIKTHEIDSEIS, "antwoordtype": Eis.Antwoordtype.TEKST, "knock_out": True,
                "volgorde": volgorde,
            },
        )
    stdout.write(f"  aanbesteding: innovatieroute {perceel} op {a} met {len(TEKSTEN)} onderdelen (002 PB 1.2).")
