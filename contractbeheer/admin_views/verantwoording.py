"""The contract manager's verantwoording screens in the Wagtail admin (issue 13): the list of duties with filters,
a duty with all its submissions (figures per product, the SROI comparison, the file) and the judgement form.

Only the Contractmanager and the Inkoper, in their regions (ADR 0011): another role gets a 403, an object of
another region a 404 like a missing id. The list reads in a fixed number of queries whatever the page holds."""

from __future__ import annotations

import mimetypes

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.shortcuts import redirect, render

from aanbesteding.models import Aanbesteding
from core import kalender
from core.berichten import fout_melden
from core.views import stream_prive_bestand
from organisaties.regios import binnen, object_of_404
from sroi.models import SroiOmzet

from .. import services
from ..models import Omzetregel, Verantwoording, Verantwoordingseis, Verantwoordingsinzending
from ._toegang import eis_staf

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PER_PAGINA = 50



class FilterForm(forms.Form):
    aanbesteding = forms.ModelChoiceField(label="Procedure", queryset=Aanbesteding.objects.none(), required=False,
                                          empty_label="Alle procedures")
    jaar = forms.IntegerField(label="Jaar", required=False, min_value=2000, max_value=2100)
    soort = forms.ChoiceField(label="Onderdeel", required=False,
                              choices=[("", "Alle onderdelen"), *Verantwoordingseis.Soort.choices])
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Alle statussen"), *Verantwoording.Status.choices])
    te_laat = forms.BooleanField(label="Alleen te laat", required=False)

    def __init__(self, *args, bereik, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbesteding"].queryset = binnen(
            Aanbesteding.objects.filter(verantwoordingseisen__isnull=False), bereik).distinct().order_by("titel")


def _te_laat(vandaag):
    """Late: past the deadline that counts and not submitted, or the latest submission came in late (the
    ``laatste_te_laat`` annotation of the list)."""
    return (Q(status__in=[Verantwoording.Status.OPEN, Verantwoording.Status.AFGEWEZEN], uiterlijk__lt=vandaag)
            | Q(status=Verantwoording.Status.HERSTEL, herstel_uiterlijk__lt=vandaag)
            | Q(laatste_te_laat=True))


def verantwoordingen(request, pk=None):
    b = eis_staf(request)
    vandaag = kalender.vandaag()
    filters = FilterForm(request.GET or None, bereik=b)
    laatste = Verantwoordingsinzending.objects.filter(verantwoording=OuterRef("pk")).order_by("-ingediend_op", "-pk")
    qs = (binnen(Verantwoording.objects, b)
          .select_related("eis", "gemeente", "overeenkomst__organisatie", "overeenkomst__aanbesteding")
          .annotate(laatste_te_laat=Subquery(laatste.values("te_laat")[:1]),
                    laatste_ingediend_op=Subquery(laatste.values("ingediend_op")[:1]),
                    heeft_verschil=Exists(Verantwoordingsinzending.objects.filter(
                        verantwoording=OuterRef("pk"), sroi_verschil__isnull=False)
                        .exclude(sroi_verschil__range=(-1, 1)))))
    if filters.is_valid():
        d = filters.cleaned_data
        if d["aanbesteding"]:
            qs = qs.filter(overeenkomst__aanbesteding=d["aanbesteding"])
        if d["jaar"]:
            qs = qs.filter(jaar=d["jaar"])
        if d["soort"]:
            qs = qs.filter(eis__soort=d["soort"])
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["te_laat"]:
            qs = qs.filter(_te_laat(vandaag))
    pagina = Paginator(qs.order_by("-jaar", "uiterlijk", "overeenkomst__organisatie__naam", "eis__volgorde",
                                   "gemeente__naam", "pk"), PER_PAGINA).get_page(request.GET.get("p"))
    rijen = [(v, v.laatste_te_laat or (v.status in ("open", "afgewezen", "herstel") and v.geldende_termijn < vandaag))
             for v in pagina]
    zoek = request.GET.copy()
    zoek.pop("p", None)
    return render(request, "contractbeheer/admin/verantwoording_lijst.html", {
        "filters": filters, "pagina": pagina, "rijen": rijen, "zoek": zoek.urlencode(),
    })


class BeoordelingForm(forms.Form):
    """Approve, reject with a reason, or ask for herstel with a reason and a deadline (the service's rules)."""

    uitkomst = forms.ChoiceField(
        label="Besluit", widget=forms.RadioSelect,
        choices=[("goedkeuren", "Goedkeuren"), ("afwijzen", "Afwijzen"), ("herstel", "Herstel vragen")],
        error_messages={"required": "Kies goedkeuren, afwijzen of herstel vragen."},
    )
    reden = forms.CharField(label="Toelichting voor de aanbieder", required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="Verplicht bij afwijzen en bij herstel: wat moet anders?")
    herstel_uiterlijk = forms.DateField(label="Herstel uiterlijk", required=False, widget=_DATUM)

    def fout_toevoegen(self, fout: ValidationError) -> None:
        if not hasattr(fout, "error_dict"):
            self.add_error(None, fout)
            return
        for veld, berichten in fout.message_dict.items():
            self.add_error(veld if veld in self.fields and veld != NON_FIELD_ERRORS else None, berichten)


def verantwoording(request, pk):
    b = eis_staf(request)
    v = object_of_404(Verantwoording.objects.select_related(
        "eis", "gemeente", "overeenkomst__organisatie", "overeenkomst__aanbesteding"), b, pk=pk)
    inzendingen = list(v.inzendingen.select_related("ingediend_door", "beoordeeld_door").prefetch_related(
        Prefetch("regels", queryset=Omzetregel.objects.select_related("product"))))
    te_beoordelen = next((i for i in inzendingen if i.status == Verantwoordingsinzending.Status.INGEDIEND), None)
    regels = services.beheerregels_van(v.overeenkomst.aanbesteding)
    standaard_herstel = kalender.plus_werkdagen(kalender.vandaag(), regels.herstel_werkdagen)
    form = BeoordelingForm(request.POST if request.method == "POST" else None)
    form.fields["herstel_uiterlijk"].help_text = (
        f"Leeg: {regels.herstel_werkdagen} werkdagen, dus {standaard_herstel:%d-%m-%Y}.")
    if request.method == "POST":
        if te_beoordelen is None:
            messages.error(request, "Er is geen inzending die op beoordeling wacht.")
            return redirect("contractbeheer_admin_verantwoording", v.pk)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.verantwoording_beoordelen(inzending=te_beoordelen, door=request.user, uitkomst=d["uitkomst"],
                                                   reden=d["reden"], herstel_uiterlijk=d["herstel_uiterlijk"])
            except ValidationError as fout:
                form.fout_toevoegen(fout)
            except PermissionDenied as fout:
                fout_melden(request, fout)
                return redirect("contractbeheer_admin_verantwoording", v.pk)
            else:
                messages.success(request, {"goedkeuren": "De verantwoording is goedgekeurd.",
                                           "afwijzen": "De verantwoording is afgewezen.",
                                           "herstel": "Herstel is gevraagd."}[d["uitkomst"]]
                                 + " De aanbieder krijgt bericht per e-mail.")
                return redirect("contractbeheer_admin_verantwoording", v.pk)
    sroi = (SroiOmzet.objects.filter(overeenkomst_id=v.overeenkomst_id, jaar=v.jaar).values_list("omzet", flat=True)
            .first())
    return render(request, "contractbeheer/admin/verantwoording_detail.html", {
        "v": v, "inzendingen": inzendingen, "te_beoordelen": te_beoordelen, "form": form, "sroi_nu": sroi,
        "toont_omzet": v.eis.soort in services.verantwoording.OMZETSOORTEN or v.eis.per_product,
    })


def inzending_bestand(request, pk):
    b = eis_staf(request)
    inz = object_of_404(Verantwoordingsinzending.objects.all(), b, pk=pk)
    if not inz.bestand:
        raise Http404("Bij deze inzending hoort geen bestand.")
    return stream_prive_bestand(inz.bestand, inz.originele_naam,
                                mime_type=mimetypes.guess_type(inz.originele_naam)[0] or "application/octet-stream")
