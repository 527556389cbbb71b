"""The provider's side of contract management, under /mijn/verplichtingen/ (portal/urls.py). Every view looks
its object up through the user's organisation (no IDOR)."""

from django.urls import path

from .views import leegstand as leegstand_views  # issue 14, stream leegstand
from .views import meldingen, verantwoording, verplichtingen, verzoeken

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
    # --- issue 14: Monitoring: KPI's, wachttijden, dashboard, stuurinformatie, budgetplafonds (begin monitoring) ---
    # --- (einde monitoring) ---
    # --- issue 14: Contractgesprekken (begin gesprekken) ---
    # --- (einde gesprekken) ---
    # --- issue 14: Signalen (begin signalen) ---
    # --- (einde signalen) ---
    # --- issue 14: Handhaving: maatregelen en boetes (begin handhaving) ---
    # --- (einde handhaving) ---
    # --- issue 14: Leegstandsvergoeding (begin leegstand) ---
    path("leegstand/", leegstand_views.lijst, name="leegstand"),
    path("leegstand/nieuw/", leegstand_views.nieuw, name="leegstand_nieuw"),
    path("leegstand/<int:pk>/", leegstand_views.overzicht, name="leegstand_overzicht"),
    # --- (einde leegstand) ---
]
