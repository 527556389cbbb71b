"""Seed the Woo grounds as the Woo decision of seed 003 uses them (003a r. 62-107: 5.1.2.b, 5.1.2.e, "reikwijdte")
and the other common ones of Woo art. 5.1 and 5.2. The bureau can change the texts and add or deactivate grounds;
running this again changes nothing (update_or_create on the code would overwrite edits, so get_or_create)."""

from django.db import migrations

# (code, artikel, omschrijving, soort, toelichting, volgorde)
GRONDEN = [
    ("5.1.1.c", "art. 5.1, eerste lid, onder c, Woo",
     "vertrouwelijk aan de overheid meegedeelde bedrijfs- en fabricagegegevens", "absoluut",
     "Gegevens over de bedrijfsvoering of het productieproces die een bedrijf vertrouwelijk aan de overheid heeft "
     "meegedeeld, worden niet openbaar gemaakt.", 10),
    ("5.1.1.d", "art. 5.1, eerste lid, onder d, Woo", "bijzondere persoonsgegevens", "absoluut",
     "Bijzondere persoonsgegevens (zoals gegevens over gezondheid) worden niet openbaar gemaakt, tenzij de "
     "verstrekking kennelijk geen inbreuk op de persoonlijke levenssfeer maakt.", 20),
    ("5.1.1.e", "art. 5.1, eerste lid, onder e, Woo", "identificatienummers", "absoluut",
     "Identificatienummers zoals het burgerservicenummer worden niet openbaar gemaakt.", 30),
    ("5.1.2.a", "art. 5.1, tweede lid, onder a, Woo", "de betrekkingen van Nederland met andere staten", "relatief",
     "Informatie wordt niet openbaar gemaakt voor zover het belang daarvan niet opweegt tegen de betrekkingen van "
     "Nederland met andere staten en internationale organisaties.", 40),
    ("5.1.2.b", "art. 5.1, tweede lid, onder b, Woo",
     "de economische of financiële belangen van de Staat en andere publiekrechtelijke lichamen", "relatief",
     # 003a r. 91-92: economic or financial interests of the Regio, e.g. future negotiations with companies.
     "Informatie wordt niet openbaar gemaakt voor zover het belang van openbaarheid niet opweegt tegen de "
     "economische of financiële belangen van de Regio, bijvoorbeeld bij toekomstige onderhandelingen met "
     "aanbieders.", 50),
    ("5.1.2.c", "art. 5.1, tweede lid, onder c, Woo", "de opsporing en vervolging van strafbare feiten", "relatief",
     "Informatie wordt niet openbaar gemaakt voor zover openbaarheid de opsporing en vervolging van strafbare "
     "feiten zou schaden.", 60),
    ("5.1.2.d", "art. 5.1, tweede lid, onder d, Woo", "inspectie, controle en toezicht door bestuursorganen",
     "relatief",
     "Informatie wordt niet openbaar gemaakt voor zover openbaarheid het toezicht door bestuursorganen zou "
     "schaden.", 70),
    ("5.1.2.e", "art. 5.1, tweede lid, onder e, Woo", "de eerbiediging van de persoonlijke levenssfeer", "relatief",
     # 003a r. 93-101: names, e-mail addresses, phone numbers and job titles of officials and third parties.
     "Persoonsgegevens, zoals namen, e-mailadressen, telefoonnummers en functies van medewerkers en derden, zijn "
     "onleesbaar gemaakt ter eerbiediging van de persoonlijke levenssfeer. Het belang van openbaarheid weegt daar "
     "niet tegen op; de namen van medewerkers zijn ook uit goed werkgeverschap niet openbaar.", 80),
    ("5.1.2.f", "art. 5.1, tweede lid, onder f, Woo",
     "concurrentiegevoelige bedrijfs- en fabricagegegevens", "relatief",
     "Bedrijfs- en fabricagegegevens die een concurrent voordeel zouden geven, worden niet openbaar gemaakt.", 90),
    ("5.1.2.h", "art. 5.1, tweede lid, onder h, Woo", "de beveiliging van personen en bedrijven", "relatief",
     "Informatie wordt niet openbaar gemaakt voor zover openbaarheid de beveiliging van personen of bedrijven of "
     "het voorkomen van sabotage zou schaden.", 100),
    ("5.1.2.i", "art. 5.1, tweede lid, onder i, Woo", "het goed functioneren van de Staat en bestuursorganen",
     "relatief",
     "Informatie wordt niet openbaar gemaakt voor zover openbaarheid het goed functioneren van het bestuursorgaan "
     "onevenredig zou schaden.", 110),
    ("5.2", "art. 5.2, eerste lid, Woo", "persoonlijke beleidsopvattingen in intern beraad", "overig",
     "Persoonlijke beleidsopvattingen in documenten voor intern beraad worden niet openbaar gemaakt.", 120),
    ("reikwijdte", "buiten de reikwijdte van het verzoek", "buiten de reikwijdte van het verzoek", "overig",
     # 003a r. 103-105: information outside the subject of the request is removed.
     "Informatie die niet gaat over het onderwerp van het verzoek valt buiten de reikwijdte en is verwijderd.", 130),
]


def zaaien(apps, schema_editor):
    Woogrond = apps.get_model("woo", "Woogrond")
    for code, artikel, omschrijving, soort, toelichting, volgorde in GRONDEN:
        Woogrond.objects.get_or_create(code=code, defaults={
            "artikel": artikel, "omschrijving": omschrijving, "soort": soort, "toelichting": toelichting,
            "volgorde": volgorde, "actief": True,
        })


class Migration(migrations.Migration):
    dependencies = [("woo", "0001_initial")]

    operations = [migrations.RunPython(zaaien, migrations.RunPython.noop)]
