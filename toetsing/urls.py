"""The provider's side: mijn/besluiten/ (decisions and their letters). Staff screens are in wagtail_hooks."""

from django.urls import path

from . import views

app_name = "toetsing"

urlpatterns = [
    path("", views.mijn_besluiten, name="mijn_besluiten"),
    path("<int:pk>/", views.mijn_besluit, name="mijn_besluit"),
    path("<int:pk>/brief.pdf", views.mijn_besluitbrief, name="mijn_besluitbrief"),
]
