# Issue 18: a lottery belongs to a round (toetredingsmoment) and has a status; backfilled before the
# constraints of 0004 (a separate migration: one transaction per migration on PostgreSQL).

import django.db.models.deletion
from django.db import migrations, models


def _ronde_en_dubbele_trekkingen(apps, schema_editor):
    """Backfill (issue 18): a lottery's round is the toetredingsmoment of its participants (the most common one,
    ties to the earliest moment id). Where one perceel was drawn more than once in one round (the race this
    migration closes), one draw stays geldig: the one a decision refers to, else the latest, which is the one
    ``_uitkomst_perceel`` used; the others become vervallen at the moment the next draw replaced them, with
    that reason. The constraint added in 0004 then holds."""
    Loting = apps.get_model("toetsing", "Loting")
    Inschrijving = apps.get_model("inschrijving", "Inschrijving")
    BesluitPerceel = apps.get_model("toetsing", "BesluitPerceel")
    groepen: dict = {}
    for loting in Loting.objects.filter(status="geldig").order_by("uitgevoerd_op", "pk"):
        ids = [d["inschrijving"] for d in loting.deelnemers]
        momenten: dict = {}
        for moment_id in Inschrijving.objects.filter(pk__in=ids).values_list("toetredingsmoment_id", flat=True):
            momenten[moment_id] = momenten.get(moment_id, 0) + 1
        if momenten:
            loting.toetredingsmoment_id = sorted(momenten.items(), key=lambda kv: (-kv[1], kv[0] is None, kv[0] or 0))[0][0]
        groepen.setdefault((loting.perceel_id, loting.toetredingsmoment_id), []).append(loting)
    gebruikt = set(BesluitPerceel.objects.filter(loting__isnull=False).values_list("loting_id", flat=True))
    blijvend = []
    for lotingen in groepen.values():
        met_besluit = [lt for lt in lotingen if lt.pk in gebruikt]
        blijft = (met_besluit or lotingen)[-1]
        for i, loting in enumerate(lotingen):
            if loting.pk == blijft.pk:
                blijvend.append(loting)
                continue
            volgende = lotingen[i + 1] if i + 1 < len(lotingen) else blijft
            loting.status = "vervallen"
            loting.vervallen_op = volgende.uitgevoerd_op
            loting.vervallen_reden = (
                f"Dubbele trekking voor dit perceel in deze ronde (vóór issue 18); de geldige loting is nr. {blijft.pk}."
            )
            loting.save(update_fields=["toetredingsmoment", "status", "vervallen_op", "vervallen_reden"])
    for loting in blijvend:  # after the duplicates are set aside, so this also runs under the constraints
        loting.save(update_fields=["toetredingsmoment"])


class Migration(migrations.Migration):

    dependencies = [
        ('aanbesteding', '0002_notavaninlichtingen_proceduredocument_documentversie_and_more'),
        ('inschrijving', '0005_bewijsstuk_scan_en_opschoning'),
        ('toetsing', '0002_toewijzing_gemaild'),
    ]

    operations = [
        migrations.AddField(
            model_name='loting',
            name='status',
            field=models.CharField(choices=[('geldig', 'Geldig'), ('vervallen', 'Vervallen (herzien)')], db_index=True, default='geldig', max_length=20, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='loting',
            name='toetredingsmoment',
            field=models.ForeignKey(blank=True, help_text='De ronde waarvoor geloot is; leeg = inschrijvingen zonder toetredingsmoment.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='aanbesteding.toetredingsmoment', verbose_name='toetredingsmoment (ronde)'),
        ),
        migrations.AddField(
            model_name='loting',
            name='vervallen_op',
            field=models.DateTimeField(blank=True, null=True, verbose_name='vervallen op'),
        ),
        migrations.AddField(
            model_name='loting',
            name='vervallen_reden',
            field=models.TextField(blank=True, verbose_name='reden van vervallen'),
        ),
        migrations.RunPython(_ronde_en_dubbele_trekkingen, migrations.RunPython.noop),
    ]
