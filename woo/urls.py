from django.urls import path

from . import views

app_name = "woo"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.procedure, name="procedure"),
    path("<slug:slug>/<int:pk>/", views.document, name="document"),
]
