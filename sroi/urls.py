from django.urls import path

from . import views

app_name = "sroi"

urlpatterns = [
    path("", views.index, name="index"),
    path("overeenkomst/<int:pk>/", views.overeenkomst, name="overeenkomst"),
    path("overeenkomst/<int:pk>/omzet/", views.omzet, name="omzet"),
    path("overeenkomst/<int:pk>/plan/", views.plan, name="plan"),
    path("overeenkomst/<int:pk>/activiteiten/nieuw/", views.activiteit_nieuw, name="activiteit_nieuw"),
    path("plan/<int:pk>/download/", views.plan_downloaden, name="plan_downloaden"),
    path("activiteit/<int:pk>/", views.activiteit, name="activiteit"),
    path("activiteit/<int:pk>/verwijderen/", views.activiteit_verwijderen, name="activiteit_verwijderen"),
    path("bewijs/<int:pk>/download/", views.bewijs_downloaden, name="bewijs_downloaden"),
    path("rapportage/<int:pk>/", views.rapportage, name="rapportage"),
]
