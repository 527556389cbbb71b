from django.urls import path

from . import views

app_name = "organisaties"

urlpatterns = [
    path("", views.mijn, name="mijn"),
    path("berichten/", views.berichten, name="berichten"),
    path("berichten/gelezen/", views.berichten_gelezen, name="berichten_gelezen"),
    path("berichten/<int:pk>/", views.bericht, name="bericht"),
    path("organisatie/registreren/", views.organisatie_registreren, name="registreren"),
    path("organisatie/wijzigen/", views.organisatie_bewerken, name="bewerken"),
    path("organisatie/<int:pk>/wisselen/", views.organisatie_wisselen, name="wisselen"),
    path("leden/", views.leden, name="leden"),
    path("leden/uitnodigen/", views.lid_uitnodigen, name="uitnodigen"),
    path("leden/<int:pk>/rol/", views.lid_rol_wijzigen, name="lid_rol"),
    path("leden/<int:pk>/verwijderen/", views.lid_verwijderen, name="lid_verwijderen"),
    path("uitnodigingen/<int:pk>/intrekken/", views.uitnodiging_intrekken, name="uitnodiging_intrekken"),
    path("uitnodiging/<str:token>/", views.uitnodiging, name="uitnodiging"),
]
