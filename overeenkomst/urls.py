from django.urls import path

from . import views

app_name = "overeenkomst"

urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<int:pk>/", views.detail, name="detail"),
    path("addendum/<int:pk>/", views.addendum, name="addendum"),
    path("<int:pk>/wijziging/<str:soort>/", views.wijziging, name="wijziging"),
    path("<int:pk>/opzeggen/", views.opzeggen, name="opzeggen"),
    path("brief/<int:pk>/ontvangstbevestiging/", views.ontvangstbevestiging, name="ontvangstbevestiging"),
]
