from django.urls import path

from . import views

app_name = "inschrijving"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("starten/<int:aanbesteding_pk>/", views.starten, name="starten"),
    path("bewijsstukken/", views.bewijsstukken, name="bewijsstukken"),
    path("bewijsstukken/<int:pk>/download/", views.bewijsstuk_download, name="bewijsstuk_download"),
    path("bewijsstukken/<int:pk>/status/", views.bewijsstuk_status, name="bewijsstuk_status"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/percelen/", views.percelen, name="percelen"),
    path("<int:pk>/verklaring/", views.verklaring, name="verklaring"),
    path("<int:pk>/eisen/", views.eisen, name="eisen"),
    path("<int:pk>/eisen/perceel/<int:perceel_pk>/", views.eisen, name="eisen_perceel"),
    path("<int:pk>/eis/<int:eis_pk>/", views.eis, name="eis"),
    path("<int:pk>/eis/<int:eis_pk>/ontkoppelen/<int:bewijsstuk_pk>/", views.ontkoppelen, name="ontkoppelen"),
    path("<int:pk>/innovatievoorstel/", views.innovatievoorstel, name="innovatievoorstel"),
    path("<int:pk>/leden/", views.leden, name="leden"),
    path("<int:pk>/leden/<int:lid_pk>/verwijderen/", views.lid_verwijderen, name="lid_verwijderen"),
    path("<int:pk>/overzicht/", views.overzicht, name="overzicht"),
    path("<int:pk>/controleren/", views.controleren, name="controleren"),
    path("<int:pk>/indienen/", views.indienen, name="indienen"),
    path("<int:pk>/bevestiging/", views.bevestiging, name="bevestiging"),
    path("<int:pk>/ontvangstbewijs/", views.ontvangstbewijs, name="ontvangstbewijs"),
    path("<int:pk>/intrekken/", views.intrekken, name="intrekken"),
    path("<int:pk>/proces-verbaal/", views.proces_verbaal, name="proces_verbaal"),
    path("<int:pk>/herstel/<int:herstel_pk>/", views.herstel, name="herstel"),
    path("<int:pk>/aanvullen/", views.aanvullen, name="aanvullen"),
]
