"""Replace Wagtail's welcome page by the portal's home page and point the default site at it."""

from django.db import migrations


def maak_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    ct, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.first()
    home = HomePage.objects.create(
        title="Open House portaal",
        draft_title="Open House portaal",
        slug="home",
        content_type=ct,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro="<p>Inkoop van jeugdhulp en Wmo-ondersteuning via Open House: elke zorgaanbieder die aan de "
        "eisen voldoet, wordt toegelaten tegen vaste tarieven.</p>",
    )
    Page.objects.filter(depth=1).update(numchild=1)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Open House portaal"}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    run_before = []

    operations = [migrations.RunPython(maak_homepage, migrations.RunPython.noop)]
