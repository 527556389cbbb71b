"""The provider's side of contract management, under /mijn/verplichtingen/ (portal/urls.py). Every view looks
its object up through the user's organisation (no IDOR)."""

from django.urls import include, path

from .views import handhaving, meldingen, monitoring, verantwoording, verplichtingen, verzoeken
from .views import leegstand as leegstand_views

app_name = "contractbeheer"

urlpatterns = [
    path("", verplichtingen.overzicht, name="verplichtingen"),
    # Verantwoording (002 B1 32-34; 003 §13, §2.5.7, Eis 53).
    path("verantwoording/<int:pk>/", verantwoording.verantwoording, name="verantwoording"),
    path("verantwoording/<int:pk>/sjabloon.xlsx", verantwoording.sjabloon, name="verantwoording_sjabloon"),
    path("inzending/<int:pk>/bestand/", verantwoording.inzending_bestand, name="inzending_bestand"),
    # Meldingen (002 B1 27, 29, 30.2; 003 Eis 82-84, 88).
    path("meldingen/", meldingen.lijst, name="meldingen"),
    path("meldingen/nieuw/", meldingen.nieuw, name="melding_nieuw"),
    path("meldingen/<int:pk>/", meldingen.melding, name="melding"),
    # Informatieverzoeken (002 UOK 5.1) and onderzoeken (002 B1 33).
    path("informatieverzoeken/<int:pk>/", verzoeken.verzoek, name="verzoek"),
    path("informatieverzoeken/<int:pk>/bijlage/", verzoeken.verzoek_bijlage, name="verzoek_bijlage"),
    path("onderzoeken/<int:pk>/", verzoeken.onderzoek, name="onderzoek"),
    # Issue 14: Monitoring: KPI's, wachttijden, dashboard, stuurinformatie, budgetplafonds
    path("monitoring/", monitoring.lijst, name="monitoring"),
    path("monitoring/<int:pk>/", monitoring.overzicht, name="monitoring_overzicht"),
    path("monitoring/<int:pk>/cijfers/<str:periode>/", monitoring.cijfers, name="monitoring_cijfers"),
    path("monitoring/<int:pk>/upload/", monitoring.upload, name="monitoring_upload"),
    path("monitoring/<int:pk>/sjabloon/", monitoring.sjabloon, name="monitoring_sjabloon"),
    path("monitoring/<int:pk>/wachttijden/<str:maand>/", monitoring.wachttijden, name="monitoring_wachttijden"),
    # Issue 14: Contractgesprekken
    # (the stream's patterns live in its own module, included lazily by dotted path: no import line to merge)
    path("gesprekken/", include("contractbeheer.views.gesprekken")),
    # ADR 0022: the evaluation of an admitted innovatievoorstel (002 PB 1.2)
    path("innovatie/", include("contractbeheer.views.innovatie")),
    # Issue 14: Signalen
    # Issue 14: Handhaving: maatregelen en boetes
    path("maatregelen/", handhaving.maatregelen, name="maatregelen"),
    path("maatregelen/<int:pk>/", handhaving.maatregel, name="maatregel"),
    path("maatregelen/<int:pk>/brief-voornemen/", handhaving.brief_voornemen, name="maatregel_brief_voornemen"),
    path("maatregelen/<int:pk>/besluitbrief/", handhaving.brief_besluit, name="maatregel_brief_besluit"),
    path("boetes/", handhaving.boetes, name="boetes"),
    # Issue 14: Leegstandsvergoeding
    path("leegstand/", leegstand_views.lijst, name="leegstand"),
    path("leegstand/nieuw/", leegstand_views.nieuw, name="leegstand_nieuw"),
    path("leegstand/<int:pk>/", leegstand_views.overzicht, name="leegstand_overzicht"),
]
