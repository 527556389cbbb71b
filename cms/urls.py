from django.urls import path

from . import api, api_ocds, views

app_name = "cms"

urlpatterns = [
    path("zoeken/", views.zoeken, name="zoeken"),
    # Before Wagtail's catch-all (portal/urls.py adds it last): a region is configuration, not a page.
    path("regio/<slug:slug>/", views.regio, name="regio"),
    path("regio/<slug:slug>/huisstijl.css", views.huisstijl, name="huisstijl"),
    path("api/v1/procedures", api.procedures, name="api_procedures"),
    path("api/v1/procedures/<slug:slug>", api.procedure, name="api_procedure"),
    path("api/v1/procedures/<slug:slug>/productregels", api.productregels, name="api_productregels"),
    path("api/v1/producten", api.producten, name="api_producten"),
    path("api/v1/aanbieders", api.aanbieders, name="api_aanbieders"),
    path("api/v1/openapi.json", api.openapi, name="api_openapi"),
    # OCDS (issue 16, docs/ocds-profiel.md).
    path("api/v1/ocds/releases", api_ocds.releases, name="api_ocds_releases"),
    path("api/v1/ocds/records/<str:ocid>", api_ocds.record, name="api_ocds_record"),
    path("api/v1/ocds/procedures/<slug:slug>.json", api_ocds.procedure, name="api_ocds_procedure"),
    path("api/v1/ocds/extension/<str:naam>", api_ocds.extensie, name="api_ocds_extensie"),
    path("api/v1/ocds/profiel", api_ocds.profiel, name="api_ocds_profiel"),
]
