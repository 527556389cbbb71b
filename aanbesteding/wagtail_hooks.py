"""Staff screens for procedures in the Wagtail admin (issue 3): procedures with their percelen, products,
tariffs, joining moments, documents with versions (four-eyes workflow), questions and the NvI; the eisen per
procedure (their own menu item "Eisen")."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from organisaties.models import Organisatie
from organisaties.regios import RegioViewSetMixin, bereik_met_recht

from . import admin_views
from .models import (
    Aanbesteding,
    DeelnemendeGemeente,
    DocumentVersie,
    Eis,
    NotaVanInlichtingen,
    Omrekentabel,
    Perceel,
    Perceelregel,
    ProcedureDocument,
    ProcedureWijziging,
    Product,
    Productafhankelijkheid,
    Productintensiteit,
    Samenloopregel,
    Tarief,
    Toetredingsmoment,
    Vraag,
)
from .services import bevroren_melding, eis_opslaan, eis_verwijderen, vraag_beantwoorden


class AlleenInzienBeleid(ModelPermissionPolicy):
    """Records the admin shows but never adds, edits or deletes, for anyone (superusers included).

    Their only writer is a service that also audits: the public change log (``ProcedureWijziging``, written by
    ``nvi_publiceren`` and the publication of a document version) and the Nota van Inlichtingen, which exists only
    as published and binding (ADR 0006; its PDF is made once). Viewing and inspecting follow the model permission.
    """

    GEWEIGERD = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.GEWEIGERD and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        toegestaan = [a for a in actions if a not in self.GEWEIGERD]
        if not toegestaan:
            return get_user_model().objects.none()
        return super().users_with_any_permission(toegestaan)


# Registered before the viewsets below ask for a policy (wagtail.permissions.register_permission_policy).
register_permission_policy(ProcedureWijziging, AlleenInzienBeleid(ProcedureWijziging))
register_permission_policy(NotaVanInlichtingen, AlleenInzienBeleid(NotaVanInlichtingen))


class LijstZonderNPlusEen:
    """The index page loads what ``list_display`` and ``__str__`` show in one query (ARCHITECTURE.md rule 9)."""

    list_select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return self.model._default_manager.select_related(*self.list_select_related)


class AanbestedingIndexView(IndexView):
    """Each procedure in the list links to the bulk import of its eisen (issue 12)."""

    def get_list_more_buttons(self, instance):
        knoppen = super().get_list_more_buttons(instance)
        if self.request.user.has_perm("aanbesteding.change_eis"):
            knoppen.append(ListingMenuItem("Eisen importeren", url=reverse("aanbesteding_eisimport", args=[instance.pk]),
                                           icon_name="upload", priority=40))
        return knoppen


class AanbestedingViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Aanbesteding
    index_view_class = AanbestedingIndexView
    list_select_related = ("regio",)
    icon = "doc-full-inverse"
    menu_label = "Procedures"
    list_display = ["titel", "dossiernummer", "regio", "status", "looptijd_einde"]
    list_filter = ["status", "regio"]
    search_fields = ["titel", "dossiernummer"]
    panels = [
        MultiFieldPanel(
            [FieldPanel("titel"), FieldPanel("slug"), FieldPanel("dossiernummer"), FieldPanel("regio"),
             FieldPanel("opdrachtgever"), FieldPanel("samenvatting"), FieldPanel("status")],
            heading="Procedure",
        ),
        MultiFieldPanel(
            [FieldPanel("toetreding"), FieldPanel("vragen_tot"), FieldPanel("herstel_termijn_aantal"),
             FieldPanel("herstel_termijn_eenheid")],
            heading="Toetreding, vragen en herstel",
        ),
        MultiFieldPanel(
            [FieldPanel("looptijd_start"), FieldPanel("looptijd_einde"), FieldPanel("verlenging_jaren"),
             FieldPanel("verlenging_max_keren"), FieldPanel("verlenging_aankondigen_dag"),
             FieldPanel("verlenging_aankondigen_maand"), FieldPanel("verlenging_bezwaar_dag"),
             FieldPanel("verlenging_bezwaar_maand"), FieldPanel("verlenging_toelichting")],
            heading="Looptijd en verlenging",
        ),
        # Issue 19: limits on working with others (003 §2.13.1/§2.13.3, r.665-691); empty = no limit.
        MultiFieldPanel(
            [FieldPanel("max_derden"), FieldPanel("max_onderaannemers"), FieldPanel("max_zzp_pct"),
             FieldPanel("max_onderaanneming_pct")],
            heading="Derden en onderaanneming",
        ),
    ]


class DeelnemendeGemeenteViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = DeelnemendeGemeente
    list_select_related = ("gemeente", "aanbesteding")
    icon = "site"
    menu_label = "Deelnemende gemeenten"
    list_display = ["gemeente", "domein", "aanbesteding"]
    list_filter = ["aanbesteding", "domein"]


class PerceelViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Perceel
    list_select_related = ("hoofdperceel", "aanbesteding")
    icon = "folder-open-inverse"
    list_display = ["code", "naam", "hoofdperceel", "aanbesteding", "quotum", "productkeuze", "onderaanneming"]
    list_filter = ["aanbesteding", "domein"]
    search_fields = ["code", "naam"]


class ProductViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Product
    list_select_related = ("perceel",)
    icon = "list-ul"
    list_display = ["code", "naam", "perceel", "eenheid", "frequentie", "bekostiging", "geldig_vanaf", "geldig_tot"]
    list_filter = ["perceel__aanbesteding", "eenheid", "bekostiging"]
    search_fields = ["code", "naam", "naam_bron"]
    panels = [
        MultiFieldPanel([FieldPanel("perceel"), FieldPanel("categorie"), FieldPanel("code"), FieldPanel("naam"),
                         FieldPanel("naam_bron"), FieldPanel("omschrijving"), FieldPanel("volgorde")], heading="Product"),
        MultiFieldPanel([FieldPanel("eenheid"), FieldPanel("frequentie"), FieldPanel("bekostiging"),
                         FieldPanel("minimale_kwalificatie"), FieldPanel("beperking")], heading="Levering en bekostiging"),
        MultiFieldPanel(
            [HelpPanel("Een product staat in het productenboek van elk jaar waarin het geldt. Een vervangend "
                       "product noemt zijn voorganger: dan toont het boek 'vervangt' met een link naar de voorganger."),
             FieldPanel("geldig_vanaf"), FieldPanel("geldig_tot"), FieldPanel("voorganger"), FieldPanel("voorganger_code")],
            heading="Geldigheid per jaar",
        ),
    ]


class TariefForm(WagtailAdminModelForm):
    """A tariff agreed with one provider (002 r.481: tariffs "vanuit de gunning") names a provider that bid in the
    tariff's own procedure. The list offers only providers with an inschrijving in a procedure of the user's regions:
    the platform's providers elsewhere stay invisible to a region's staff (tests/beveiliging/test_regios.py), and
    ``clean`` refuses a provider that did not bid in this procedure."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is None or "organisatie" not in self.fields:
            return
        b = bereik_met_recht(user, "aanbesteding.add_tarief") | bereik_met_recht(user, "aanbesteding.change_tarief")
        aanbieders = Organisatie.objects.filter(soort=Organisatie.Soort.AANBIEDER)
        if not b.alle:
            # Through the reverse relation of inschrijving (no import upward): a bid precedes every award.
            aanbieders = aanbieders.filter(inschrijvingen__aanbesteding__regio__in=b.ids)
        self.fields["organisatie"].queryset = aanbieders.distinct().order_by("naam")

    def clean(self):
        data = super().clean()
        aanbieder, product = data.get("organisatie"), data.get("product")
        if aanbieder is not None and product is not None and not aanbieder.inschrijvingen.filter(
            aanbesteding_id=product.perceel.aanbesteding_id
        ).exists():
            self.add_error("organisatie", f"{aanbieder} heeft niet ingeschreven op {product.perceel.aanbesteding}; een "
                                          "tarief per aanbieder geldt alleen voor een aanbieder van deze procedure.")
        return data


class TariefViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Tarief
    list_select_related = ("product", "organisatie")
    icon = "tag"
    list_display = ["product", "intensiteit", "organisatie", "geldig_van", "geldig_tot", "bedrag"]
    list_filter = ["product__perceel__aanbesteding", "geldig_van"]
    search_fields = ["product__code", "product__naam"]
    edit_handler = ObjectList([
        FieldPanel("product"),
        FieldPanel("intensiteit"),
        MultiFieldPanel([FieldPanel("geldig_van"), FieldPanel("geldig_tot"), FieldPanel("bedrag"), FieldPanel("bron")],
                        heading="Tarief"),
        MultiFieldPanel(
            [HelpPanel("Alleen invullen voor een tarief dat met één aanbieder is afgesproken; het productenboek toont "
                       "het als 'tarief per aanbieder', nooit als het algemene tarief."), FieldPanel("organisatie")],
            heading="Tarief per aanbieder",
        ),
        MultiFieldPanel([FieldPanel("bedrag_onafgerond"), FieldPanel("grondslag")], heading="Indexatie"),
    ], base_form_class=TariefForm)


class ProductregelForm(WagtailAdminModelForm):
    """A product rule names products of its own procedure only (issue 19): a product of another procedure in the
    same region is refused with its code."""

    PRODUCTVELDEN = ("producten", "met_producten", "vereist")

    def clean(self):
        data = super().clean()
        aanbesteding = data.get("aanbesteding")
        if aanbesteding is None:
            return data
        for veld in self.PRODUCTVELDEN:
            vreemd = [p.code for p in data.get(veld) or () if p.perceel.aanbesteding_id != aanbesteding.pk]
            if vreemd:
                self.add_error(veld, f"Deze producten horen niet bij {aanbesteding}: {', '.join(sorted(vreemd))}. "
                                     "Kies producten van deze procedure.")
        return data


class ProductintensiteitViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Productintensiteit
    list_select_related = ("product",)
    icon = "order"
    menu_label = "Intensiteiten"
    list_display = ["product", "code", "naam", "omvang_min", "omvang_max", "omvang_eenheid"]
    list_filter = ["product__perceel__aanbesteding"]
    search_fields = ["product__code", "code", "naam"]
    panels = [
        FieldPanel("product"),
        HelpPanel("De code is de sleutel die de tarieven van dit product gebruiken (het veld intensiteit van een "
                  "tarief), bijvoorbeeld 'zwaar'. Het productenboek toont de naam en de omvang."),
        FieldPanel("code"), FieldPanel("naam"), FieldPanel("omschrijving"),
        MultiFieldPanel([FieldPanel("omvang_min"), FieldPanel("omvang_max"), FieldPanel("omvang_eenheid")],
                        heading="Omvang"),
        FieldPanel("volgorde"),
    ]


class SamenloopregelViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Samenloopregel
    list_select_related = ("aanbesteding",)
    icon = "link"
    menu_label = "Samenloopregels"
    list_display = ["__str__", "aanbesteding", "soort", "volgorde"]
    list_filter = ["aanbesteding", "soort"]
    search_fields = ["toelichting", "voorwaarde"]
    edit_handler = ObjectList(
        [
            FieldPanel("aanbesteding"), FieldPanel("soort"), FieldPanel("producten"), FieldPanel("met_producten"),
            FieldPanel("voorwaarde"), FieldPanel("toelichting"), FieldPanel("bron"), FieldPanel("volgorde"),
        ],
        base_form_class=ProductregelForm,
    )


class ProductafhankelijkheidViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Productafhankelijkheid
    list_select_related = ("aanbesteding",)
    icon = "link-external"
    menu_label = "Productafhankelijkheden"
    list_display = ["__str__", "aanbesteding", "bron"]
    list_filter = ["aanbesteding"]
    search_fields = ["toelichting"]
    edit_handler = ObjectList(
        [FieldPanel("aanbesteding"), FieldPanel("producten"), FieldPanel("vereist"), FieldPanel("toelichting"),
         FieldPanel("bron")],
        base_form_class=ProductregelForm,
    )


class OmrekentabelForm(ProductregelForm):
    """The rows as lines "uren; etmalen; dagdelen" instead of JSON: staff type the table as the source prints it
    (002 r.1143-1155: "t/m 30 uur: logeren etmaal + logeren dagdeel" is "30; 1; 1")."""

    rijen_tekst = forms.CharField(
        label="Rijen", widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Eén regel per rij: tot en met uren; etmalen; dagdelen. Bijvoorbeeld: 26; 1; 0",
        error_messages={"required": "Geef ten minste één rij: tot en met uren; etmalen; dagdelen."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["rijen_tekst"].initial = "\n".join(
                f"{r['tot_en_met_uur']}; {r['etmalen']}; {r['dagdelen']}" for r in self.instance.rijen
            )

    def clean_rijen_tekst(self):
        rijen = []
        for nummer, regel in enumerate(self.cleaned_data["rijen_tekst"].splitlines(), start=1):
            if not regel.strip():
                continue
            delen = [d.strip() for d in regel.replace(",", ";").split(";")]
            if len(delen) != 3 or not all(d.isdigit() for d in delen):
                raise forms.ValidationError(
                    f"Regel {nummer} ('{regel.strip()}') is niet 'uren; etmalen; dagdelen' met drie gehele getallen."
                )
            rijen.append({"tot_en_met_uur": int(delen[0]), "etmalen": int(delen[1]), "dagdelen": int(delen[2])})
        uren = [r["tot_en_met_uur"] for r in rijen]
        if uren != sorted(set(uren)):
            raise forms.ValidationError("De uren lopen op: elke rij heeft meer uren dan de rij erboven.")
        self.instance.rijen = rijen
        return self.cleaned_data["rijen_tekst"]


class OmrekentabelViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Omrekentabel
    list_select_related = ("aanbesteding",)
    icon = "table"
    menu_label = "Omrekentabellen"
    list_display = ["naam", "aanbesteding", "bron"]
    list_filter = ["aanbesteding"]
    search_fields = ["naam"]
    edit_handler = ObjectList(
        [FieldPanel("aanbesteding"), FieldPanel("naam"), FieldPanel("producten"), FieldPanel("rijen_tekst"),
         FieldPanel("toelichting"), FieldPanel("bron")],
        base_form_class=OmrekentabelForm,
    )


class PerceelregelForm(WagtailAdminModelForm):
    """The group of a lot rule holds other percelen of the same procedure (003 r.512-520)."""

    def clean(self):
        data = super().clean()
        perceel = data.get("perceel")
        if perceel is None:
            return data
        groep = list(data.get("percelen") or ())
        vreemd = [p.code for p in groep if p.aanbesteding_id != perceel.aanbesteding_id]
        if vreemd:
            self.add_error("percelen", f"Deze percelen horen bij een andere procedure: {', '.join(sorted(vreemd))}.")
        if perceel in groep:
            self.add_error("percelen", f"Perceel {perceel.code} kan niet in zijn eigen groep staan.")
        soort = data.get("soort")
        if soort in (Perceelregel.Soort.EEN_VAN, Perceelregel.Soort.MINIMAAL) and not groep:
            self.add_error("percelen", "Kies de groep van percelen waarvan er een (of een minimum aantal) nodig is.")
        if soort == Perceelregel.Soort.MINIMAAL and groep and (data.get("aantal") or 0) > len(groep):
            self.add_error("aantal", f"Het minimum ({data.get('aantal')}) is groter dan de groep ({len(groep)} percelen).")
        return data


class PerceelregelViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Perceelregel
    list_select_related = ("perceel__aanbesteding",)
    icon = "folder-inverse"
    menu_label = "Perceelregels"
    list_display = ["__str__", "perceel", "soort", "aantal", "bron"]
    list_filter = ["perceel__aanbesteding", "soort"]
    search_fields = ["perceel__code", "toelichting"]
    edit_handler = ObjectList(
        [FieldPanel("perceel"), FieldPanel("soort"), FieldPanel("percelen"), FieldPanel("aantal"),
         FieldPanel("toelichting"), FieldPanel("bron")],
        base_form_class=PerceelregelForm,
    )


class ToetredingsmomentViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Toetredingsmoment
    list_select_related = ("aanbesteding",)
    icon = "date"
    list_display = ["naam", "aanbesteding", "soort", "opent_op", "sluit_op"]
    list_filter = ["aanbesteding", "soort"]


class ProcedureDocumentViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = ProcedureDocument
    list_select_related = ("aanbesteding",)
    icon = "doc-full"
    menu_label = "Documenten"
    list_display = ["titel", "soort", "aanbesteding", "slug"]
    list_filter = ["aanbesteding", "soort"]
    search_fields = ["titel"]


class DocumentVersieViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = DocumentVersie
    list_select_related = ("document__aanbesteding", "latest_revision")
    icon = "history"
    menu_label = "Documentversies"
    list_display = ["__str__", "document", "live", "first_published_at"]
    list_filter = ["document__aanbesteding", "live"]
    panels = [
        HelpPanel(
            "Een nieuwe versie wordt pas openbaar nadat een tweede inkoper haar goedkeurt: sla op en kies "
            "'Ter goedkeuring aanbieden'. Vanaf versie 2 is de reden van de wijziging (rectificatie) verplicht; "
            "eerdere versies blijven downloadbaar."
        ),
        FieldPanel("document"),
        FieldPanel("bestand"),
        FieldPanel("reden"),
    ]


class VraagForm(WagtailAdminModelForm):
    """The staff answer to a question. The status is shown, never edited: the chosen handling goes through
    ``vraag_beantwoorden`` (Vraag.OVERGANGEN, audit); publishing goes through 'Nota van Inlichtingen publiceren'."""

    BEANTWOORDEN = "beantwoorden"
    NIET_PUBLICEREN = "niet_publiceren"

    afhandeling = forms.ChoiceField(
        label="Afhandeling",
        choices=[
            (BEANTWOORDEN, "Beantwoorden: de vraag komt in een volgende Nota van Inlichtingen"),
            (NIET_PUBLICEREN, "Afhandelen zonder publicatie"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Kies hoe de vraag wordt afgehandeld.",
            "invalid_choice": "Kies beantwoorden of afhandelen zonder publicatie. "
                              "Publiceren gaat via 'Nota van Inlichtingen publiceren'.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.instance.status
        if status == Vraag.Status.BEANTWOORD:
            self.fields["afhandeling"].initial = self.BEANTWOORDEN
        elif status == Vraag.Status.NIET_PUBLICEREN:
            self.fields["afhandeling"].initial = self.NIET_PUBLICEREN

    def clean(self):
        data = super().clean()
        if self.instance.pk and (self.instance.status == Vraag.Status.GEPUBLICEERD or self.instance.nota_id):
            raise forms.ValidationError(
                "Deze vraag staat al in een gepubliceerde Nota van Inlichtingen en is bindend; "
                "zij kan niet meer worden gewijzigd.",
                code="gepubliceerd",
            )
        if data.get("afhandeling") == self.BEANTWOORDEN:
            for veld in ("vraag_publiek", "antwoord"):
                if not (data.get(veld) or "").strip():
                    self.add_error(veld, "Verplicht voor een beantwoorde vraag.")
        return data


class VraagEditView(EditView):
    """Saves only through ``vraag_beantwoorden``: every move goes through Vraag.OVERGANGEN and is audited; a
    refusal of the service becomes a form error on this screen."""

    def save_instance(self):
        data = self.form.cleaned_data
        return vraag_beantwoorden(
            vraag=self.form.instance, vraag_publiek=data.get("vraag_publiek", ""), antwoord=data.get("antwoord", ""),
            door=self.request.user, publiceren=data["afhandeling"] == VraagForm.BEANTWOORDEN,
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)  # save_instance runs in a transaction: a refusal rolls back
        except ValidationError as fout:
            form.add_error(None, fout.messages)
            return self.form_invalid(form)


class VraagViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Vraag
    list_select_related = ("aanbesteding", "organisatie", "perceel")
    icon = "help"
    menu_label = "Vragen"
    edit_view_class = VraagEditView
    list_display = ["__str__", "organisatie", "perceel", "status", "gesteld_op"]
    list_filter = ["aanbesteding", "status"]
    search_fields = ["tekst", "antwoord"]
    edit_handler = ObjectList(
        [
            FieldPanel("aanbesteding", read_only=True),
            FieldPanel("organisatie", read_only=True),
            FieldPanel("perceel", read_only=True),
            FieldPanel("document", read_only=True),
            FieldPanel("tekst", read_only=True),
            FieldPanel("status", read_only=True),
            HelpPanel("Schrijf de vraag zonder namen of herleidbare gegevens: zo komt zij in de Nota van Inlichtingen."),
            FieldPanel("vraag_publiek"),
            FieldPanel("antwoord"),
            FieldPanel("afhandeling"),
        ],
        base_form_class=VraagForm,
    )


class NotaVanInlichtingenViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = NotaVanInlichtingen
    list_select_related = ("aanbesteding",)
    icon = "doc-empty"
    menu_label = "Nota's van Inlichtingen"
    list_display = ["__str__", "nummer", "gepubliceerd_op"]
    list_filter = ["aanbesteding"]
    inspect_view_enabled = True
    # Read-only (AlleenInzienBeleid): an NvI is published and binding from the moment it exists.
    panels = [FieldPanel("inleiding", read_only=True)]


class ProcedureWijzigingViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = ProcedureWijziging
    list_select_related = ("aanbesteding",)
    icon = "list-ol"
    menu_label = "Wijzigingslog"
    list_display = ["__str__", "aanbesteding", "soort", "datum"]
    list_filter = ["aanbesteding", "soort"]
    inspect_view_enabled = True
    # Read-only (AlleenInzienBeleid): the visible history is written by the services only.
    panels = [FieldPanel("aanbesteding", read_only=True), FieldPanel("soort", read_only=True),
              FieldPanel("omschrijving", read_only=True)]


class AanbestedingGroep(SnippetViewSetGroup):
    menu_label = "Aanbestedingen"
    menu_icon = "doc-full-inverse"
    menu_order = 200
    items = (
        AanbestedingViewSet, DeelnemendeGemeenteViewSet, PerceelViewSet, PerceelregelViewSet, ProductViewSet,
        ProductintensiteitViewSet, TariefViewSet, SamenloopregelViewSet, ProductafhankelijkheidViewSet,
        OmrekentabelViewSet, ToetredingsmomentViewSet, ProcedureDocumentViewSet, DocumentVersieViewSet, VraagViewSet,
        NotaVanInlichtingenViewSet, ProcedureWijzigingViewSet,
    )


register_snippet(AanbestedingGroep)


class EisOpslaanMixin:
    """Saves only through ``eis_opslaan``: once the eisen of the procedure are frozen (first submission, or the
    opening of a round, issue 18) the service refuses and the refusal, pointing to the rectificatie, becomes a form
    error on this screen; nothing is written."""

    def save_instance(self):
        return eis_opslaan(eis=self.form.instance, door=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)  # save_instance runs in a transaction: a refusal rolls back
        except ValidationError as fout:
            form.add_error(None, fout.messages)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class EisCreateView(EisOpslaanMixin, CreateView):
    pass


class EisEditView(EisOpslaanMixin, EditView):
    def get(self, request, *args, **kwargs):
        antwoord = super().get(request, *args, **kwargs)
        if self.object.aanbesteding.eisen_zijn_bevroren():
            messages.warning(request, bevroren_melding(self.object.aanbesteding))
        return antwoord


class EisDeleteView(DeleteView):
    """Deletes only through ``eis_verwijderen``, which refuses once the eisen are frozen."""

    def delete_action(self):
        eis_verwijderen(eis=self.object, door=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as fout:
            messages.error(self.request, " ".join(fout.messages))
            return redirect(self.get_success_url())


class EisIndexView(IndexView):
    """The list of eisen links to the bulk import (issue 12) for who may change eisen."""

    @cached_property
    def header_buttons(self):
        knoppen = super().header_buttons
        if self.request.user.has_perm("aanbesteding.change_eis"):
            knoppen.append(HeaderButton("Eisen importeren (XLSX/CSV)", url=reverse("aanbesteding_eisimport_overzicht"),
                                        icon_name="upload"))
        return knoppen


class EisViewSet(RegioViewSetMixin, LijstZonderNPlusEen, SnippetViewSet):
    model = Eis
    index_view_class = EisIndexView
    add_view_class = EisCreateView
    edit_view_class = EisEditView
    delete_view_class = EisDeleteView
    # Every write goes through eis_opslaan (issue 18); Wagtail's copy screen would save past it.
    copy_view_enabled = False
    list_select_related = ("aanbesteding", "perceel", "in_rectificatie__aanbesteding", "ingetrokken_in__aanbesteding")
    icon = "list-ul"
    menu_label = "Eisen"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["code", "aanbesteding", "perceel", "soort", "antwoordtype", "knock_out", "max_leeftijd_maanden",
                    "in_rectificatie", "ingetrokken_in"]
    list_filter = ["aanbesteding", "soort", "antwoordtype", "per_lid"]
    search_fields = ["code", "titel", "tekst"]
    panels = [
        MultiFieldPanel([FieldPanel("aanbesteding"), FieldPanel("perceel"), FieldPanel("code"), FieldPanel("volgorde")],
                        heading="Waar de eis geldt"),
        MultiFieldPanel([FieldPanel("titel"), FieldPanel("tekst"), FieldPanel("toelichting"), FieldPanel("bron"),
                         FieldPanel("soort"), FieldPanel("knock_out")], heading="Eis"),
        MultiFieldPanel([FieldPanel("antwoordtype"), FieldPanel("verklaring"), FieldPanel("verwacht_antwoord_ja"), FieldPanel("max_woorden"),
                         FieldPanel("min_score"), FieldPanel("max_score")], heading="Antwoord"),
        MultiFieldPanel([FieldPanel("documentsoort"), FieldPanel("max_leeftijd_maanden"), FieldPanel("toegestane_bestanden"),
                         FieldPanel("per_lid")], heading="Bewijsstuk"),
    ]


register_snippet(EisViewSet)


@hooks.register("register_admin_urls")
def nvi_urls():
    return [
        path("aanbesteding/nvi/", admin_views.nvi_overzicht, name="aanbesteding_nvi_overzicht"),
        path("aanbesteding/nvi/<int:pk>/", admin_views.nvi_publiceren, name="aanbesteding_nvi_publiceren"),
    ]


@hooks.register("register_admin_urls")
def rectificatie_urls():
    return [
        path("aanbesteding/rectificatie/", admin_views.rectificatie_overzicht, name="aanbesteding_rectificatie_overzicht"),
        path("aanbesteding/rectificatie/<int:pk>/", admin_views.rectificatie, name="aanbesteding_rectificatie"),
        path("aanbesteding/rectificatie/<int:pk>/eis/nieuw/", admin_views.rectificatie_eis,
             name="aanbesteding_rectificatie_eis_nieuw"),
        path("aanbesteding/rectificatie/<int:pk>/eis/<int:eis_pk>/wijzigen/", admin_views.rectificatie_eis,
             name="aanbesteding_rectificatie_eis_wijzigen"),
        path("aanbesteding/rectificatie/<int:pk>/eis/<int:eis_pk>/intrekken/", admin_views.rectificatie_eis_actie,
             {"actie": "intrekken"}, name="aanbesteding_rectificatie_eis_intrekken"),
        path("aanbesteding/rectificatie/<int:pk>/eis/<int:eis_pk>/terugdraaien/", admin_views.rectificatie_eis_actie,
             {"actie": "terugdraaien"}, name="aanbesteding_rectificatie_eis_terugdraaien"),
    ]


class RectificatieMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("aanbesteding.change_eis")


@hooks.register("register_admin_menu_item")
def rectificatie_menu():
    return RectificatieMenuItem("Rectificatie eisen", reverse("aanbesteding_rectificatie_overzicht"), icon_name="history",
                                order=211)


class NviMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("aanbesteding.add_notavaninlichtingen")


@hooks.register("register_admin_menu_item")
def nvi_menu():
    return NviMenuItem("NvI publiceren", reverse("aanbesteding_nvi_overzicht"), icon_name="doc-empty-inverse", order=210)


# --- Productenboek-import (issue 19, aanbesteding/admin_import.py) -----------------------------------------


@hooks.register("register_admin_urls")
def productimport_urls():
    from . import admin_import

    return [
        path("aanbesteding/productimport/", admin_import.overzicht, name="aanbesteding_productimport_overzicht"),
        path("aanbesteding/productimport/sjabloon/", admin_import.sjabloon, name="aanbesteding_productimport_sjabloon"),
        path("aanbesteding/productimport/<int:pk>/", admin_import.importeren, name="aanbesteding_productimport"),
    ]


class ProductimportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("aanbesteding.change_product")


@hooks.register("register_admin_menu_item")
def productimport_menu():
    return ProductimportMenuItem("Productenboek importeren", reverse("aanbesteding_productimport_overzicht"),
                                 icon_name="upload", order=212)


# --- Bulk import of eisen (issue 12, aanbesteding/admin_eisimport.py) ----------------------------------------


@hooks.register("register_admin_urls")
def eisimport_urls():
    from . import admin_eisimport

    return [
        path("aanbesteding/eisimport/", admin_eisimport.overzicht, name="aanbesteding_eisimport_overzicht"),
        path("aanbesteding/eisimport/sjabloon/<str:formaat>/", admin_eisimport.sjabloon,
             name="aanbesteding_eisimport_sjabloon"),
        path("aanbesteding/eisimport/<int:pk>/", admin_eisimport.importeren, name="aanbesteding_eisimport"),
        path("aanbesteding/eisimport/<int:pk>/bevestigen/", admin_eisimport.bevestigen,
             name="aanbesteding_eisimport_bevestigen"),
    ]


class EisimportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("aanbesteding.change_eis")


@hooks.register("register_admin_menu_item")
def eisimport_menu():
    return EisimportMenuItem("Eisen importeren", reverse("aanbesteding_eisimport_overzicht"), icon_name="upload",
                             order=213)
