# Issue 18 (ADR 0013): the sent-mail keys move to core.VerstuurdeMail, the one mail-once record of the portal.
# The existing keys are copied first, so no reminder that already went out is sent again after the upgrade.

from django.db import migrations


def naar_core(apps, schema_editor):
    Herinnering = apps.get_model("overeenkomst", "Herinnering")
    VerstuurdeMail = apps.get_model("core", "VerstuurdeMail")
    bestaand = set(VerstuurdeMail.objects.values_list("sleutel", flat=True))
    VerstuurdeMail.objects.bulk_create(
        [VerstuurdeMail(sleutel=h.sleutel, ontvanger=h.ontvanger, onderwerp=h.onderwerp, verstuurd_op=h.verstuurd_op)
         for h in Herinnering.objects.all().iterator() if h.sleutel not in bestaand],
        batch_size=1000,
    )


def terug(apps, schema_editor):
    Herinnering = apps.get_model("overeenkomst", "Herinnering")
    VerstuurdeMail = apps.get_model("core", "VerstuurdeMail")
    Herinnering.objects.bulk_create(
        [Herinnering(sleutel=m.sleutel[:150], ontvanger=m.ontvanger, onderwerp=m.onderwerp)
         for m in VerstuurdeMail.objects.all().iterator()],
        batch_size=1000, ignore_conflicts=True,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('overeenkomst', '0005_digitale_aangetekende_brief'),
        ('core', '0005_uitgaand_en_verstuurde_mail'),
    ]

    operations = [
        migrations.RunPython(naar_core, terug),
        migrations.DeleteModel(
            name='Herinnering',
        ),
    ]
