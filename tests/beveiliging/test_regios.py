"""Issue 17: staff of region A get nothing of region B, over every staff URL and every guessed id.

Two complete worlds (``twee_werelden``: one in region A, one in region B, names marked ``MARKER-A-`` /
``MARKER-B-``). For every admin URL (our custom screens and every snippet viewset URL: edit, inspect, history,
usage, delete, revisions, ...) and every staff persona of region A:

- with region A's ids (control): the persona reaches the screens its group may use (200);
- with region B's real ids, by GET and POST: never a 2xx, never B's content; 404 wherever the persona reaches
  the screen with A's ids (a redirect to the admin home only where its group lacks the screen entirely), and
  exactly the answer a guessed, non-existent id gets, so an id tells nothing about another region;
- with one id of B mixed into A's ids (an IDOR through the second parameter): the answer of a guessed id;
- lists, overviews and exports (CSV/XLSX) contain none of B's markers, also when asked for B by query string;
- the audit screens show no entries of B; the platform administrator sees the content of neither region.

Each test loops over the whole matrix and reports every failure at once (one line per leak), so the count of
requests and leaks is visible in one run.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db.models import Max
from django.urls import reverse

from core.audit import audit

from .test_admin import TOEGESTAAN
from .urls import Url, admin_urls

ADMIN_URLS = admin_urls()
PERSONAS = ("inkoper_a", "contractmanager_a", "beoordelaar_a", "redacteur_a", "sroi_adviseur_a")
MERK_A, MERK_B = "MARKER-A-", "MARKER-B-"
GERADEN = 2  # guessed ids per parameter: the highest existing id + 1 .. + GERADEN

# Snippet model (route segment) -> the world's attribute holding an object of it.
SNIPPETS = {
    "aanbesteding": "aanbesteding", "deelnemendegemeente": "gemeente", "perceel": "perceel", "product": "product",
    "tarief": "tarief", "toetredingsmoment": "moment", "proceduredocument": "document", "documentversie": "versie",
    "vraag": "vraag", "notavaninlichtingen": "nvi", "procedurewijziging": "wijziging", "eis": "eis",
    "contractregels": "contractregels", "mededeling": "mededeling", "sroiregime": "regime",
    "waarderingstabel": "waarderingstabel", "waarderingsregel": "waarderingsregel", "doelgroep": "doelgroep",
    "regio": "regio",
    # Issue 13: the rules per procedure, should contract management register them as snippets.
    "beheerregels": "beheerregels", "verantwoordingseis": "verantwoordingseis", "meldingsoort": "meldingsoort",
    "boetesoort": "boetesoort",  # issue 14, handhaving
    "kpi": "kpi", "wachttijdnorm": "wachttijdnorm",  # issue 14, monitoring
    "leegstandsregeling": "leegstandsregeling", "leegstandsverdeling": "leegstandsverdeling",  # issue 14, leegstand
    "budgetplafond": "budgetplafond",
    # Issue 19: the product book's rules.
    "productintensiteit": "productintensiteit", "samenloopregel": "samenloopregel",
    "productafhankelijkheid": "productafhankelijkheid", "omrekentabel": "omrekentabel", "perceelregel": "perceelregel",
}

# Custom screen (URL-name prefix) -> the world's attribute its ``pk`` addresses.
PK_VAN = {
    "toetsing_": "inschrijving", "overeenkomst_admin_detail": "overeenkomst", "overeenkomst_admin_addendum": "addendum",
    "overeenkomst_admin_verlenging": "aanbesteding", "overeenkomst_admin_brief": "overeenkomst",
    "overeenkomst_admin_ontvangstbevestiging": "brief", "overeenkomst_admin_scan": "brief", "sroi_admin_plan": "plan", "sroi_admin_activiteit": "activiteit",
    "sroi_admin_rapportage": "rapportage", "aanbesteding_nvi": "aanbesteding", "inschrijving_pv": "pv",
    "core_audit_object": "inschrijving", "organisaties_regiorol": "regiorol",
    "aanbesteding_rectificatie": "aanbesteding",
    # Issue 13 (ADR 0019). Prefixes: "..._inzending" covers inzending_bestand, "..._antwoord" antwoord_bestand.
    "contractbeheer_admin_verantwoording": "verantwoording", "contractbeheer_admin_inzending": "inzending",
    "contractbeheer_admin_melding": "melding", "contractbeheer_admin_verzoek": "informatieverzoek",
    "contractbeheer_admin_antwoord": "verzoekontvanger", "contractbeheer_admin_onderzoek": "onderzoek",
    # Issue 14: monitoring
    "contractbeheer_admin_monitoring_aanbieder": "overeenkomst",
    # Issue 14: gesprekken
    "contractbeheer_admin_gesprek": "contractgesprek", "contractbeheer_admin_afronden_gespreksactie": "gespreksactie",
    # Issue 14: signalen
    "contractbeheer_admin_signaal": "signaal", "contractbeheer_admin_mijn_signaal": "signaal",
    # Issue 14: handhaving
    "contractbeheer_admin_maatregel": "maatregel",
    # Issue 14: leegstand
    "contractbeheer_admin_leegstand_regeling": "leegstandsregeling",
    "contractbeheer_admin_leegstand_export": "leegstandsregeling",
    "contractbeheer_admin_leegstand_overzicht": "beddenoverzicht",
    # Issue 19: the XLSX import of a procedure's product book; the evaluation of an innovatievoorstel.
    "aanbesteding_productimport": "aanbesteding", "contractbeheer_admin_innovatie": "innovatie_evaluatie",
    # Issue 12: the bulk import of a procedure's eisen.
    "aanbesteding_eisimport": "aanbesteding",
    # Issue 16: Woo ("woo_admin_verzoek" covers verzoek_nieuw's prefix only by name: it has no pk).
    "woo_admin_dossier": "aanbesteding", "woo_admin_verzoek": "wooverzoek", "woo_admin_export": "wooverzoek",
    "woo_admin_inventarislijst": "wooverzoek", "woo_admin_stuk": "verzoekstuk",
}

# Every other id parameter -> the world's attribute.
PARAMETER_VAN = {
    "aanbesteding_id": "aanbesteding", "commissie_id": "commissie", "perceel_id": "perceel", "eis_id": "eis",
    "bewijsstuk_id": "bewijsstuk", "besluit_id": "besluit", "rechtsmiddel_id": "rechtsmiddel",
    "toewijzing_id": "toewijzing", "eis_pk": "eis", "revision_id": "revisie", "revision_id_a": "revisie", "revision_id_b": "revisie",
    "loting_id": "loting", "herziening_id": "lotingherziening", "toetredingsmoment_id": "moment",
    "pv_beoordeling_id": "pv_beoordeling",
}

# Ids of Wagtail's workflow machinery: neither world has any; they are filled with a guessed id.
ZONDER_OBJECT = {"workflow_state_id", "task_state_id"}
# Not ids at all.
# Parameters that are not ids: a fixed value (soort: the kind of a paper wijzigingsverzoek, issue 18).
VAST = {"action_name": "approve", "app_label": None, "model": None, "pad": "site-history/", "soort": "capaciteit",
        "formaat": "csv", "stap": "uitvoeringseis"}  # stap: a step of the assessment (issue 12)
# Screens no regional persona may use at all: the platform administrator's (its controls are in
# tests/organisaties/test_platformbeheer.py) and Wagtail's region-less reports (superuser only,
# tests/core/test_regio.py). The matrix still requests them, expecting a refusal.
# Snippets whose objects are public anyway (a region is on the public site, /regio/<slug>/): that a refusal of
# an existing id differs from a guessed one tells nothing. They are still refused.
OPENBARE_SNIPPETS = {"regio"}
GEEN_REGIOPERSONA = {"organisaties_regiorol_intrekken", "wagtail_rapporten",
                     # Issue 12: the decision's confirmation page and the letter's preview exist only while a besluit
                     # is not yet sent, and the world's besluit is sent; that they open for the Inkoper of the
                     # region (and for nobody else) is tested in tests/toetsing/test_stap.py.
                     "toetsing_besluit_verzenden", "toetsing_besluit_voorbeeld"}

# The audit trail of one object answers 200 for any id (an empty timeline); it must just show nothing of B.
ANTWOORDT_LEEG = {"core_audit_object"}

# The query strings list screens understand, aimed at B (a filter must not open another region).
OP_B_GERICHT = "?aanbesteding={ab}&ronde={ronde}&q=MARKER-B&jaar=2024&filter=alle&overeenkomst={ovk}&perceel={perceel}"


def _snippetmodel(url: Url) -> str | None:
    """The snippet model of a snippet URL: its viewset (admin/snippets/<app>/<model>/) or its chooser
    (admin/snippets/choose/<app>/<model>/)."""
    m = re.match(r"admin/snippets/(?:choose/)?\w+/(\w+)/", url.route)
    return m.group(1) if m else None


def _actie(url: Url) -> str:
    return url.naam.rsplit(":", 1)[-1]


def _pk_attribuut(url: Url) -> str:
    model = _snippetmodel(url)
    if model is not None:
        return SNIPPETS[model]
    return next(v for k, v in PK_VAN.items() if url.naam.startswith(k))


def _attribuut(url: Url, naam: str) -> str | None:
    return _pk_attribuut(url) if naam == "pk" else PARAMETER_VAN.get(naam)


def _id_parameters(url: Url) -> list[str]:
    return [n for _, n in url.parameters if n not in VAST]


def _waarden(url: Url, w, *, geraden: dict[str, int] | None = None) -> dict:
    """The URL's parameters from world ``w``; a name in ``geraden`` gets that (non-existent) id instead."""
    geraden = geraden or {}
    uit = {}
    for naam in _id_parameters(url):
        if naam in geraden:
            uit[naam] = geraden[naam]
        elif naam in ZONDER_OBJECT:
            uit[naam] = 10**6
        else:
            uit[naam] = getattr(w, _attribuut(url, naam)).pk
    uit["action_name"], uit["pad"], uit["soort"] = VAST["action_name"], VAST["pad"], VAST["soort"]
    uit["formaat"], uit["stap"] = VAST["formaat"], VAST["stap"]
    if url.naam == "core_audit_object":
        obj = getattr(w, _pk_attribuut(url))
        uit["app_label"], uit["model"] = obj._meta.app_label, obj._meta.model_name
    return uit


def _geraden_id(url: Url, w, naam: str, k: int) -> int:
    """The k-th id beyond the highest existing one of the parameter's model."""
    if naam in ZONDER_OBJECT:
        return 10**6 + k
    model = type(getattr(w, _attribuut(url, naam)))
    return (model._default_manager.aggregate(m=Max("pk"))["m"] or 0) + k


def _inhoud(antwoord) -> str:
    """The body as text; an XLSX export is unpacked so its cells are searched too."""
    data = b"".join(antwoord.streaming_content) if getattr(antwoord, "streaming", False) else antwoord.content
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
        except zipfile.BadZipFile:
            pass
    return data.decode("utf-8", "replace")


def _merken(inhoud: str, merk: str) -> list[str]:
    """The marked names in a page, for a readable report."""
    return sorted(set(re.findall(re.escape(merk) + r"[\w.-]*", inhoud)))[:5]


# Custom screens a group reaches only in part: the beoordelaar works from the queue on assigned inschrijvingen
# (no commission, settings, consensus, timeline or proces-verbaal), the inkoper sees no evidence content (only an
# assessor who declared no conflict of interest does, test_admin.py).
NIET_VOOR = {
    "beoordelaar": {"toetsing_commissie", "toetsing_commissie_nieuw", "toetsing_consensus", "toetsing_instelling",
                    "toetsing_proces_verbaal", "toetsing_tijdlijn", "toetsing_loting_detail", "toetsing_loting_herziening",
                    "toetsing_herziening_goedkeuren", "toetsing_herziening_afwijzen", "toetsing_pv_ronde",
                    "toetsing_pv_ronde_download",
                    # Issue 12: the decision's confirmation page and the letter's preview are the Inkoper's.
                    "toetsing_besluit_verzenden", "toetsing_besluit_voorbeeld"},
    # Issue 12: a step page shows evidence (only after a declaration, which the world's Inkoper has not made); the
    # confirmation and the preview exist only while the world's besluit is not sent.
    "inkoper": {"toetsing_bewijsstuk", "toetsing_stap", "toetsing_besluit_verzenden", "toetsing_besluit_voorbeeld"},
}


def _mag_scherm(url: Url, persona: str, user) -> bool | None:
    """Whether the persona's group may use this screen (None: not predicted, no control)."""
    basis = persona.removesuffix("_a")
    model = _snippetmodel(url)
    if model is None:
        wie = next((v for k, v in TOEGESTAAN.items() if url.naam.startswith(k)), None)
        if wie is None or url.naam in NIET_VOOR.get(basis, ()):
            return None
        return basis in wie
    # The viewset's own permission policy (a read-only policy refuses add/change/delete to everyone).
    app_label = re.match(r"admin/snippets/(?:choose/)?(\w+)/", url.route).group(1)
    beleid = apps.get_model(app_label, model).snippet_viewset.permission_policy
    perms = {a: beleid.user_has_permission(user, a) for a in ("add", "change", "delete", "view")}
    actie = _actie(url)
    # As Wagtail 8's views require (admin/views/generic: index and inspect any, history add/change/delete,
    # usage change).
    if actie in ("list", "list_results", "inspect"):
        return any(perms.values())
    if actie in ("history", "history_results"):
        return perms["add"] or perms["change"] or perms["delete"]
    if actie == "usage":
        return perms["change"]
    if actie in ("add", "copy"):
        return perms["add"]
    if actie == "edit":
        return perms["change"] or None  # view-only may open a read-only form: not predicted
    if actie == "delete":
        return perms["delete"]
    return None


@dataclass
class Verslag:
    verzoeken: int = 0
    lekken: list[str] = field(default_factory=list)
    controles: list[str] = field(default_factory=list)

    def vraag(self, client, methode: str, pad: str, data=None):
        self.verzoeken += 1
        client.raise_request_exception = False  # a crash is a finding (500), not the end of the matrix
        return client.get(pad) if methode == "GET" else client.post(pad, data or {})

    def lek(self, tekst: str):
        self.lekken.append(tekst)

    def controle(self, tekst: str):
        self.controles.append(tekst)

    def samenvatting(self) -> str:
        regels = [f"{self.verzoeken} verzoeken, {len(self.lekken)} lekken, {len(self.controles)} mislukte controles"]
        regels += [f"LEK {t}" for t in sorted(set(self.lekken))]
        regels += [f"CONTROLE {t}" for t in sorted(set(self.controles))]
        return "\n".join(regels)


def _doorgestuurd_naar_home(antwoord) -> bool:
    plek = antwoord.get("Location", "")
    return plek in (reverse("wagtailadmin_home"), "/admin/") or "login" in plek


POST_DATA = {"actie": "verifieren", "geen_conflict": "1", "vraag": "x", "toelichting": "poging", "titel": "x",
             "naam": "x", "oordeel": "voldoet", "motivering": "x", "afloop": "besluit_blijft", "goedkeuren": "1"}


def _volgorde(url: Url) -> tuple:
    """Deleting requests last: a leaking delete must not take B's objects away from the other URLs."""
    return ("delete" in _actie(url) or "verwijder" in url.naam, url.naam)


OBJECT_URLS = sorted((u for u in ADMIN_URLS if _id_parameters(u)), key=_volgorde)
LIJST_URLS = [u for u in ADMIN_URLS if not u.parameters]


def test_elke_parameter_van_elke_adminurl_is_gedekt():
    """A new admin URL or id parameter must get a place in the tables above (else the matrix would skip it)."""
    ontbrekend = set()
    for url in OBJECT_URLS:
        for naam in _id_parameters(url):
            if naam == "pk":
                model = _snippetmodel(url)
                if (model and model not in SNIPPETS) or (not model and not any(url.naam.startswith(k) for k in PK_VAN)):
                    ontbrekend.add(f"{url.naam}: pk")
            elif naam not in PARAMETER_VAN and naam not in ZONDER_OBJECT:
                ontbrekend.add(f"{url.naam}: {naam}")
    assert not ontbrekend, sorted(ontbrekend)
    assert len(OBJECT_URLS) > 150 and len(LIJST_URLS) > 40


def _persona(request, naam):
    return request.getfixturevalue(naam)


@pytest.mark.parametrize("persona", PERSONAS)
def test_geen_object_van_regio_b_voor_staf_van_regio_a(client, twee_werelden, request, persona):
    """The matrix: every object URL for one region-A persona, with A's ids, B's ids, guessed ids and B mixed in."""
    a, b = twee_werelden.a, twee_werelden.b
    v = Verslag()
    user = _persona(request, persona)
    client.force_login(user)
    for url in OBJECT_URLS:
        wie = f"{persona} {url.naam}"
        ids = _id_parameters(url)
        mag = _mag_scherm(url, persona, user)

        # Control: A's own ids.
        pad_a = url.pad(_waarden(url, a))
        a_get = v.vraag(client, "GET", pad_a)
        if a_get.status_code >= 500:
            v.controle(f"{wie} GET A: {a_get.status_code}")
        if MERK_B in _inhoud(a_get):
            v.lek(f"{wie} GET met A's ids toont inhoud van B: {_merken(_inhoud(a_get), MERK_B)}")
        bereikt = a_get.status_code in (200, 405) or (a_get.status_code == 302 and not _doorgestuurd_naar_home(a_get))
        if mag is True and not bereikt:
            v.controle(f"{wie} GET A: {a_get.status_code} (groep mag dit scherm)")

        # B's real ids against guessed ids (every parameter beyond the highest existing id).
        pad_b = url.pad(_waarden(url, b))
        geraden = [url.pad(_waarden(url, b, geraden={n: _geraden_id(url, b, n, k) for n in ids}))
                   for k in range(1, (GERADEN if mag else 1) + 1)]
        b_get = v.vraag(client, "GET", pad_b)
        g_statussen = {v.vraag(client, "GET", p).status_code for p in geraden}
        inhoud_b = _inhoud(b_get)
        if url.naam in ANTWOORDT_LEEG:
            if MERK_B in inhoud_b:
                v.lek(f"{wie} GET B: toont inhoud van B")
        elif 200 <= b_get.status_code < 300:
            v.lek(f"{wie} GET B: {b_get.status_code}" + (" met inhoud van B" if MERK_B in inhoud_b else ""))
        elif b_get.status_code >= 500:
            v.lek(f"{wie} GET B: {b_get.status_code}")
        elif bereikt and a_get.status_code != 405 and b_get.status_code != 404:
            v.lek(f"{wie} GET B: {b_get.status_code}, verwacht 404")
        elif b_get.status_code == 302 and not _doorgestuurd_naar_home(b_get):
            v.lek(f"{wie} GET B: doorgestuurd naar {b_get['Location']}")
        if g_statussen != {b_get.status_code} and _snippetmodel(url) not in OPENBARE_SNIPPETS:
            v.lek(f"{wie} GET B: {b_get.status_code}, geraden id: {sorted(g_statussen)} (id van B herkenbaar)")

        # B's ids by POST: never performed (no 2xx, no redirect to a result page).
        b_post = v.vraag(client, "POST", pad_b, POST_DATA)
        leeg_antwoord = url.naam in ANTWOORDT_LEEG and MERK_B not in _inhoud(b_post)
        if (200 <= b_post.status_code < 300 and not leeg_antwoord) or b_post.status_code >= 500:
            v.lek(f"{wie} POST B: {b_post.status_code}")
        elif b_post.status_code == 302 and not _doorgestuurd_naar_home(b_post):
            v.lek(f"{wie} POST B: uitgevoerd, doorgestuurd naar {b_post['Location']}")

        # One id of B among A's ids (IDOR through a second parameter): the answer of a guessed id.
        if len(ids) > 1:
            for naam in ids:
                if naam in ZONDER_OBJECT:
                    continue
                gemengd = {**_waarden(url, a), naam: _waarden(url, b)[naam]}
                geraden_gemengd = {**_waarden(url, a), naam: _geraden_id(url, b, naam, 1)}
                m_get = v.vraag(client, "GET", url.pad(gemengd))
                m_gok = v.vraag(client, "GET", url.pad(geraden_gemengd))
                if MERK_B in _inhoud(m_get) or m_get.status_code >= 500 or m_get.status_code != m_gok.status_code:
                    v.lek(f"{wie} GET A met {naam} van B: {m_get.status_code}, geraden: {m_gok.status_code}")
    print(v.samenvatting())
    assert not v.lekken and not v.controles, v.samenvatting()


def test_het_eigen_scherm_opent_voor_wie_het_mag(client, twee_werelden, request):
    """Control across the matrix: every custom object screen opens (with A's ids) for a region-A persona of a
    group that may use it, so the 404s above come from the region scoping, not from a wrongly filled URL."""
    a = twee_werelden.a
    niet_bereikt = []
    for url in OBJECT_URLS:
        if _snippetmodel(url) is not None or url.naam in ANTWOORDT_LEEG or url.naam in GEEN_REGIOPERSONA:
            continue
        statussen = {}
        for persona in PERSONAS:
            user = _persona(request, persona)
            if not _mag_scherm(url, persona, user):
                continue
            client.force_login(user)
            antwoord = client.get(url.pad(_waarden(url, a)))
            statussen[persona] = antwoord.status_code
            if antwoord.status_code in (200, 405) or (antwoord.status_code == 302 and not _doorgestuurd_naar_home(antwoord)):
                break
        else:
            niet_bereikt.append(f"{url.naam}: {statussen}")
    assert not niet_bereikt, "\n".join(niet_bereikt)


def _lijstpaden(url: Url, b) -> list[str]:
    paden = [url.pad(), url.pad() + OP_B_GERICHT.format(ab=b.aanbesteding.pk, ronde=b.indexatieronde.pk,
                                                       ovk=b.overeenkomst.pk, perceel=b.perceel.pk)]
    if _actie(url) == "list":
        paden += [url.pad() + "?export=csv", url.pad() + "?export=xlsx"]
    if url.naam == "sroi_admin_dashboard":
        paden += [url.pad() + f"?aanbesteding={b.aanbesteding.pk}&jaar=2024&formaat={f}" for f in ("csv", "xlsx")]
    return paden


def test_lijsten_en_exports_tonen_niets_van_regio_b(client, twee_werelden, request):
    a, b = twee_werelden.a, twee_werelden.b
    v = Verslag()
    gezien_a = {}
    for persona in PERSONAS:
        client.force_login(_persona(request, persona))
        for url in LIJST_URLS:
            for pad in _lijstpaden(url, b):
                antwoord = v.vraag(client, "GET", pad)
                inhoud = _inhoud(antwoord)
                if antwoord.status_code >= 500:
                    v.lek(f"{persona} {pad}: {antwoord.status_code}")
                if MERK_B in inhoud:
                    v.lek(f"{persona} {pad}: toont {_merken(inhoud, MERK_B)}")
                if MERK_A in inhoud:
                    gezien_a.setdefault(persona, set()).add(url.naam)
        # The same exports aimed at A: the control that they do carry the procedure's content.
        if persona == "sroi_adviseur_a":
            for f in ("csv", "xlsx"):
                pad = reverse("sroi_admin_dashboard") + f"?aanbesteding={a.aanbesteding.pk}&jaar=2024&formaat={f}"
                if MERK_A not in _inhoud(v.vraag(client, "GET", pad)):
                    v.controle(f"{persona} {pad}: export zonder inhoud van A")
        client.logout()
    # Control: each persona sees its own region's content somewhere in its lists.
    verwacht = {
        "inkoper_a": {"wagtailsnippets_aanbesteding_aanbesteding:list", "toetsing_overzicht"},
        "contractmanager_a": {"overeenkomst_admin_lijst"},
        "sroi_adviseur_a": {"sroi_admin_dashboard"},
    }
    for persona, namen in verwacht.items():
        for naam in namen - gezien_a.get(persona, set()):
            v.controle(f"{persona} {naam}: toont niets van A")
    print(v.samenvatting())
    assert not v.lekken and not v.controles, v.samenvatting()


def test_auditschermen_tonen_geen_regels_van_regio_b(client, twee_werelden, request):
    a, b = twee_werelden.a, twee_werelden.b
    # The audit trail of an inschrijving is confidential beyond the inkoper (core.views.zichtbare_regels).
    eigen_zichtbaar = {"inkoper_a": None, "contractmanager_a": {"overeenkomst", "addendum", "aanbesteding"}}
    objecten = ("aanbesteding", "inschrijving", "overeenkomst", "besluit", "plan", "activiteit", "addendum", "vraag")
    for w in (a, b):
        for naam in objecten:
            audit("beveiliging.regiotest", getattr(w, naam), toelichting=f"{w.merk}audit {naam}")
    v = Verslag()
    for persona in ("inkoper_a", "contractmanager_a"):
        client.force_login(_persona(request, persona))
        for pad in (reverse("core_audit"), reverse("core_audit") + "?actie=beveiliging"):
            inhoud = _inhoud(v.vraag(client, "GET", pad))
            if MERK_B in inhoud:
                v.lek(f"{persona} {pad}: regels van B")
            if f"{MERK_A}audit" not in inhoud:
                v.controle(f"{persona} {pad}: geen regels van A")
        for naam in objecten:
            for w, eigen in ((a, True), (b, False)):
                obj = getattr(w, naam)
                pad = reverse("core_audit_object", args=[obj._meta.app_label, obj._meta.model_name, obj.pk])
                antwoord = v.vraag(client, "GET", pad)
                inhoud = _inhoud(antwoord)
                if not eigen and (MERK_B in inhoud or antwoord.status_code >= 500):
                    v.lek(f"{persona} {pad} ({naam} van B): {antwoord.status_code}, regels van B")
                zichtbaar = eigen_zichtbaar[persona] is None or naam in eigen_zichtbaar[persona]
                if eigen and zichtbaar and f"{MERK_A}audit {naam}" not in inhoud:
                    v.controle(f"{persona} {pad} ({naam} van A): {antwoord.status_code}, eigen regel ontbreekt")
        client.logout()
    print(v.samenvatting())
    assert not v.lekken and not v.controles, v.samenvatting()


def _eigen_scherm_platformbeheer(url: Url) -> bool:
    return _snippetmodel(url) == "regio" or url.naam.startswith("organisaties_regio")


def test_platformbeheerder_ziet_geen_inhoud_van_een_regio(client, twee_werelden, platformbeheerder):
    a, b = twee_werelden.a, twee_werelden.b
    v = Verslag()
    client.force_login(platformbeheerder)
    for url in LIJST_URLS:
        for pad in _lijstpaden(url, b):
            antwoord = v.vraag(client, "GET", pad)
            inhoud = _inhoud(antwoord)
            if MERK_A in inhoud or MERK_B in inhoud or antwoord.status_code >= 500:
                v.lek(f"platformbeheerder {pad}: {antwoord.status_code}, inhoud van een regio")
    for url in OBJECT_URLS:
        for w, methode in ((a, "GET"), (b, "GET"), (b, "POST")):
            pad = url.pad(_waarden(url, w))
            antwoord = v.vraag(client, methode, pad, POST_DATA)
            inhoud = _inhoud(antwoord)
            if url.naam in ANTWOORDT_LEEG or _eigen_scherm_platformbeheer(url):
                # Its own screens (regions, roles) open; they must just show nothing of a region's content. A
                # region's municipalities are its configuration, which the platform administrator keeps.
                if _eigen_scherm_platformbeheer(url):
                    inhoud = inhoud.replace(f"{MERK_A}Gemeente", "").replace(f"{MERK_B}Gemeente", "")
                geweigerd = not (MERK_A in inhoud or MERK_B in inhoud) and antwoord.status_code < 500
            else:
                geweigerd = antwoord.status_code in (403, 404, 405) or (
                    antwoord.status_code == 302 and _doorgestuurd_naar_home(antwoord))
            if not geweigerd:
                v.lek(f"platformbeheerder {methode} {url.naam} ({w.merk}): {antwoord.status_code}")
    print(v.samenvatting())
    assert not v.lekken, v.samenvatting()


@pytest.mark.parametrize("persona", ["inkoper_b", "contractmanager_b", "sroi_adviseur_b"])
def test_en_andersom_staf_van_b_ziet_de_lijsten_van_a_niet(client, twee_werelden, request, persona):
    """The same refusal the other way round, on the lists (the matrix above covers A against B in full)."""
    client.force_login(request.getfixturevalue(persona))
    lekken = []
    for url in LIJST_URLS:
        inhoud = _inhoud(client.get(url.pad()))
        if MERK_A in inhoud:
            lekken.append(url.naam)
    assert not lekken, lekken


# --- the page tree (cms): a procedure's public page belongs to its region too --------------------------------

PAGINA_URLS = ("usage", "edit", "preview_on_edit", "view_draft", "add_subpage", "delete", "unpublish", "move",
               "copy", "set_privacy", "lock", "unlock", "revisions_index", "workflow_history", "history",
               "history_results", "confirm_workflow_cancellation")


@pytest.fixture
def twee_paginas(twee_werelden):
    from cms.models import ProcedureIndexPage, ProcedurePage

    index = ProcedureIndexPage.objects.get()
    for w in (twee_werelden.a, twee_werelden.b):
        w.pagina = index.add_child(instance=ProcedurePage(title=w.aanbesteding.titel, slug=w.aanbesteding.slug,
                                                          aanbesteding=w.aanbesteding, live=True))
        w.pagina.save_revision()
    return twee_werelden, index


@pytest.mark.parametrize("persona", ["redacteur_a", "inkoper_a"])
def test_paginabeheer_toont_geen_procedurepagina_van_regio_b(client, twee_paginas, request, persona):
    (werelden, index) = twee_paginas
    a, b = werelden.a, werelden.b
    client.force_login(request.getfixturevalue(persona))
    v = Verslag()
    for naam in PAGINA_URLS:
        a_get = v.vraag(client, "GET", reverse(f"wagtailadmin_pages:{naam}", args=[a.pagina.pk]))
        for methode in ("GET", "POST"):
            antwoord = v.vraag(client, methode, reverse(f"wagtailadmin_pages:{naam}", args=[b.pagina.pk]), POST_DATA)
            if 200 <= antwoord.status_code < 300 or antwoord.status_code >= 500 or MERK_B in _inhoud(antwoord):
                v.lek(f"{persona} {methode} pagina {naam} van B: {antwoord.status_code}")
            elif antwoord.status_code == 302 and not _doorgestuurd_naar_home(antwoord):
                v.lek(f"{persona} {methode} pagina {naam} van B: doorgestuurd naar {antwoord['Location']}")
            elif methode == "GET" and a_get.status_code == 200 and antwoord.status_code != 404:
                v.lek(f"{persona} GET pagina {naam} van B: {antwoord.status_code}, verwacht 404")
    for pad in (reverse("wagtailadmin_explore", args=[index.pk]), reverse("wagtailadmin_explore_results", args=[index.pk]),
                reverse("wagtailadmin_pages:search") + "?q=MARKER", reverse("wagtailadmin_pages:search_results") + "?q=MARKER"):
        antwoord = v.vraag(client, "GET", pad)
        if MERK_B in _inhoud(antwoord):
            v.lek(f"{persona} {pad}: toont {_merken(_inhoud(antwoord), MERK_B)}")
    if persona == "redacteur_a":
        # Control: the editor of region A does edit A's page and find it in the explorer.
        if v.vraag(client, "GET", reverse("wagtailadmin_pages:edit", args=[a.pagina.pk])).status_code != 200:
            v.controle("redacteur_a opent de procedurepagina van A niet")
        if MERK_A not in _inhoud(v.vraag(client, "GET", reverse("wagtailadmin_explore", args=[index.pk]))):
            v.controle("redacteur_a ziet de procedurepagina van A niet in de verkenner")
    print(v.samenvatting())
    assert not v.lekken and not v.controles, v.samenvatting()
