"""Content-Security-Policy and Permissions-Policy on every kind of response (issue 11), and no page the CSP would
break: no executable inline script without the response's nonce, in the public site, the provider portal or
the Wagtail admin (the browser test tests/browser/test_csp.py checks the same pages really work)."""

import re

import pytest
from django.urls import reverse

from core.csp import _render_zonder_inline_script
from tests.aanbesteding.factories import AanbestedingFactory, PerceelFactory
from tests.cms.conftest import procedurepagina_voor

# A <script> element that a browser would execute: no src, and not a data block (JSON, templates).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"(?:application/json|text/template)\")([^>]*)>", re.I)


def _inline_zonder_nonce(html: str) -> list[str]:
    return [m.group(0) for m in INLINE_SCRIPT.finditer(html) if "nonce=" not in m.group(1)]


def _staf(client, user):
    client.force_login(user)
    sessie = client.session
    sessie["mfa_ok_voor"] = user.pk
    sessie.save()
    return client


@pytest.fixture
def site(db):
    from cms.inrichting import zorg_voor_publieke_site

    zorg_voor_publieke_site()
    procedure = AanbestedingFactory(titel="Jeugdhulp Voorzieningen", slug="jeugdhulp-voorzieningen")
    return procedure, procedurepagina_voor(procedure)


def test_kopteksten_op_html_en_api(client, site):
    for pad in ("/", "/procedures/", "/api/v1/procedures", "/gezondheid/", "/verifieren/"):
        antwoord = client.get(pad)
        csp = antwoord["Content-Security-Policy"]
        script_src = next(d.strip() for d in csp.split(";") if d.strip().startswith("script-src"))
        assert script_src.startswith("script-src 'self'"), pad
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, pad
        for directief in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'",
                          "form-action 'self'"):
            assert directief in csp, (pad, directief)
        beleid = antwoord["Permissions-Policy"]
        assert "camera=()" in beleid and "geolocation=()" in beleid and "microphone=()" in beleid, pad


def test_prive_bestand_houdt_zijn_eigen_strengere_csp(client, aanbieder_beheerder):
    """Downloads of evidence keep "default-src 'none'; sandbox" (core.views.stream_prive_bestand): the
    middleware does not overwrite a policy a view already set."""
    from tests.inschrijving.factories import BewijsstukFactory

    stuk = BewijsstukFactory(organisatie=aanbieder_beheerder.lidmaatschappen.get().organisatie)
    client.force_login(aanbieder_beheerder)
    antwoord = client.get(reverse("inschrijving:bewijsstuk_download", args=[stuk.pk]))
    assert antwoord.status_code == 200
    assert antwoord["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_nonce_verschilt_per_antwoord(client, site):
    """A nonce that repeats is no nonce: two responses, two values (when a page uses one)."""
    from csp.middleware import CSPMiddleware
    from django.template import Context, Template
    from django.test import RequestFactory

    def nonce():
        verzoek = RequestFactory().get("/")
        CSPMiddleware(lambda r: None).process_request(verzoek)
        return Template("{{ request.csp_nonce }}").render(Context({"request": verzoek}))

    een, twee = nonce(), nonce()
    assert een and twee and een != twee


def test_publieke_paginas_zonder_inline_script(client, site):
    for pad in ("/", "/procedures/", "/procedures/jeugdhulp-voorzieningen/", "/accounts/login/", "/zoeken/?q=jeugd",
                "/verifieren/"):
        assert _inline_zonder_nonce(client.get(pad).content.decode()) == [], pad


def test_aanbiederportaal_zonder_inline_script(client, aanbieder_beheerder):
    client.force_login(aanbieder_beheerder)
    for pad in ("/mijn/", "/mijn/leden/"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, pad
        assert _inline_zonder_nonce(antwoord.content.decode()) == [], pad


def test_wagtail_admin_zonder_inline_script(client, site, inkoper):
    """Dashboard, a procedure form (date and date-time choosers), a perceel form (snippet chooser of its
    procedure) and a page form."""
    procedure, pagina = site
    perceel = PerceelFactory(aanbesteding=procedure)
    _staf(client, inkoper)
    html = {}
    for pad in ("/admin/", f"/admin/snippets/aanbesteding/aanbesteding/edit/{procedure.pk}/",
                f"/admin/snippets/aanbesteding/perceel/edit/{perceel.pk}/", f"/admin/pages/{pagina.pk}/edit/"):
        antwoord = client.get(pad)
        assert antwoord.status_code == 200, pad
        html[pad] = antwoord.content.decode()
        assert _inline_zonder_nonce(html[pad]) == [], pad
    # The starters are there instead, and the admin loads the script that runs them.
    procedureformulier = html[f"/admin/snippets/aanbesteding/aanbesteding/edit/{procedure.pk}/"]
    assert 'data-portaal-init="initDateChooser"' in procedureformulier
    assert 'data-portaal-init="initDateTimeChooser"' in procedureformulier
    assert "portal/admin-csp.js" in procedureformulier


def test_kiezer_zet_constructor_id_en_opties_in_data_attributen():
    class Kiezer:
        js_constructor = "SnippetChooser"

        def get_value_data(self, value):
            return {"id": value}

        def render_html(self, name, value_data, attrs):
            return f'<input name="{name}" id="{attrs["id"]}">'

        def get_js_init_options(self, id_, name, value_data):
            return {"modalUrl": "/admin/snippets/choose/x/y/", "titel": '"><script>'}

    html = _render_zonder_inline_script(Kiezer(), "aanbesteding", 3, {"id": "id_aanbesteding"})
    assert "<script" not in html
    assert 'data-portaal-init="SnippetChooser"' in html and 'data-doel="id_aanbesteding"' in html
    # The options are JSON inside an escaped attribute: a hostile value cannot close the attribute.
    assert "&quot;modalUrl&quot;: &quot;/admin/snippets/choose/x/y/&quot;" in html
    assert '"><script>' not in html
