from django import forms

from aanbesteding.models import Documentsoort, Eis
from core.uploads import accept_attribuut, toegestaan_tekst

from .models import Bewijsstuk, Inschrijving, Lid
from .regels import getal

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PercelenForm(forms.Form):
    percelen = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple, label="Percelen",
        help_text="Sommige percelen vereisen een ander perceel; u krijgt dan precies te zien wat er ontbreekt.",
    )

    def __init__(self, *args, kiesbaar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["percelen"].queryset = kiesbaar


class VestigingForm(forms.Form):
    """Where the provider is established, posted with the percelen (a perceel with a location rule needs it:
    5.3 "standplaats binnen de regiogemeenten", 003 r.514; 5.10.1, 003 r.4632)."""

    vestiging_gemeente = forms.ModelChoiceField(
        queryset=None, required=False, label="Vestigingsgemeente", empty_label="– niet opgegeven –",
        help_text="De gemeente van uw vestiging of standplaats. Vereist voor percelen met een locatie-eis.",
        error_messages={"invalid_choice": "Kies een gemeente uit de lijst van deze regio."},
    )
    vestiging_adres = forms.CharField(label="Adres van de vestiging (optioneel)", required=False, max_length=200,
                                      error_messages={"max_length": "Het adres is te lang (maximaal %(limit_value)d tekens)."})

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vestiging_gemeente"].queryset = gemeenten


class OpgaveForm(forms.Form):
    """The declared figures the subcontracting caps are judged on (003 r.689-691), posted with actie=opgave on the
    leden page."""

    actie = forms.CharField(required=False, widget=forms.HiddenInput, initial="opgave")
    fte_uitvoerend = forms.DecimalField(label="Uitvoerende medewerkers (fte)", required=False, min_value=0,
                                        max_digits=8, decimal_places=2,
                                        help_text="Het aantal fte van uw medewerkers die de zorg uitvoeren.")
    fte_zzp = forms.DecimalField(label="Waarvan ingezet via zzp'ers (fte)", required=False, min_value=0, max_digits=8,
                                 decimal_places=2, help_text="0 als u geen zzp'ers inzet.")
    onderaanneming_pct = forms.DecimalField(label="Aandeel onderaanneming (% van de productie)", required=False,
                                            min_value=0, max_value=100, max_digits=5, decimal_places=2,
                                            help_text="Voor alle onderaannemers samen; 0 als u geen onderaannemers inzet.")

    def __init__(self, *args, aanbesteding=None, **kwargs):
        super().__init__(*args, **kwargs)
        if aanbesteding is not None and aanbesteding.max_zzp_pct is not None:
            self.fields["fte_zzp"].help_text += f" Maximaal {getal(aanbesteding.max_zzp_pct)} % van de uitvoerende fte."
        if aanbesteding is not None and aanbesteding.max_onderaanneming_pct is not None:
            self.fields["onderaanneming_pct"].help_text += (
                f" Maximaal {getal(aanbesteding.max_onderaanneming_pct)} %.")

    def is_verstuurd(self) -> bool:
        return self.is_bound and self.data.get("actie") == "opgave"


class ProductenForm(forms.Form):
    """The products of the percelen with product choice (issue 19): per product a checkbox and the optional
    restrictions (age group, note; location and group size for a residential product, 000 r.29-31). Field names
    carry the product id (``p<id>``, ``p<id>_leeftijd_van``, ...)."""

    def __init__(self, *args, producten: dict, bestaand: dict, **kwargs):
        from .services import MAX_LEEFTIJD, is_verblijfsproduct

        super().__init__(*args, **kwargs)
        self.groepen = []
        for perceel, lijst in producten:
            rijen = []
            for product in lijst:
                keuze = bestaand.get(product.pk)
                sleutel = f"p{product.pk}"
                verblijf = is_verblijfsproduct(product)
                self.fields[sleutel] = forms.BooleanField(
                    required=False, label=f"{product.code} {product.naam}", initial=keuze is not None)
                for veld, label in (("leeftijd_van", "leeftijd vanaf"), ("leeftijd_tot", "leeftijd tot en met")):
                    self.fields[f"{sleutel}_{veld}"] = forms.IntegerField(
                        required=False, min_value=0, max_value=MAX_LEEFTIJD, label=f"{product.code}: {label}",
                        initial=getattr(keuze, veld, None), widget=forms.NumberInput(attrs={"class": "kort"}))
                self.fields[f"{sleutel}_beperking"] = forms.CharField(
                    required=False, max_length=255, label=f"{product.code}: beperking",
                    initial=getattr(keuze, "beperking", ""))
                if verblijf:
                    self.fields[f"{sleutel}_locatie"] = forms.CharField(
                        required=False, max_length=200, label=f"{product.code}: vestigingsplaats",
                        initial=getattr(keuze, "locatie", ""))
                    self.fields[f"{sleutel}_groepsomvang"] = forms.IntegerField(
                        required=False, min_value=1, max_value=999, label=f"{product.code}: groepsomvang",
                        initial=getattr(keuze, "groepsomvang", None), widget=forms.NumberInput(attrs={"class": "kort"}))
                rijen.append({
                    "product": product, "verblijf": verblijf, "keuze": self[sleutel],
                    "leeftijd_van": self[f"{sleutel}_leeftijd_van"], "leeftijd_tot": self[f"{sleutel}_leeftijd_tot"],
                    "beperking": self[f"{sleutel}_beperking"],
                    "locatie": self[f"{sleutel}_locatie"] if verblijf else None,
                    "groepsomvang": self[f"{sleutel}_groepsomvang"] if verblijf else None,
                })
            self.groepen.append({"perceel": perceel, "rijen": rijen})

    def keuzes(self, percelen) -> list[dict]:
        """The chosen products of ``percelen`` (the percelen chosen in the same post) as the service takes them."""
        ids = {p.pk for p in percelen}
        keuzes = []
        for groep in self.groepen:
            if groep["perceel"].pk not in ids:
                continue
            for rij in groep["rijen"]:
                sleutel = f"p{rij['product'].pk}"
                if not self.cleaned_data.get(sleutel):
                    continue
                keuzes.append({
                    "product": rij["product"],
                    "beperking": self.cleaned_data.get(f"{sleutel}_beperking", ""),
                    "leeftijd_van": self.cleaned_data.get(f"{sleutel}_leeftijd_van"),
                    "leeftijd_tot": self.cleaned_data.get(f"{sleutel}_leeftijd_tot"),
                    "locatie": self.cleaned_data.get(f"{sleutel}_locatie", ""),
                    "groepsomvang": self.cleaned_data.get(f"{sleutel}_groepsomvang"),
                })
        return keuzes


def antwoord_form(eis: Eis, data=None, antwoord=None):
    """A form with one field fitting the eis's answer type."""
    t = Eis.Antwoordtype
    initial = {}
    velden = {}
    if eis.antwoordtype == t.JA_NEE:
        velden["ja_nee"] = forms.TypedChoiceField(
            label="Uw verklaring", choices=[("ja", "Ja"), ("nee", "Nee")], widget=forms.RadioSelect,
            coerce=lambda v: v == "ja", required=True,
        )
        if antwoord is not None and antwoord.ja_nee is not None:
            initial["ja_nee"] = "ja" if antwoord.ja_nee else "nee"
    elif eis.antwoordtype in (t.TEKST, t.PLAN):
        hulp = f"Maximaal {eis.max_woorden} woorden." if eis.max_woorden else ""
        velden["tekst"] = forms.CharField(label="Uw antwoord", widget=forms.Textarea(attrs={"rows": 8}), help_text=hulp)
        if antwoord is not None:
            initial["tekst"] = antwoord.tekst
    elif eis.antwoordtype == t.GETAL:
        velden["getal"] = forms.DecimalField(label="Uw antwoord", max_digits=14, decimal_places=2)
        if antwoord is not None:
            initial["getal"] = antwoord.getal
    else:
        velden["tekst"] = forms.CharField(label="Toelichting (optioneel)", required=False, widget=forms.Textarea(attrs={"rows": 3}))
        if antwoord is not None:
            initial["tekst"] = antwoord.tekst
    form_klasse = type("AntwoordForm", (forms.Form,), velden)
    return form_klasse(data, initial=initial, prefix="antwoord")


class UploadForm(forms.Form):
    # Empty files pass the form so core.uploads refuses them with a message naming the file.
    bestand = forms.FileField(label="Bestand", allow_empty_file=True)
    afgiftedatum = forms.DateField(label="Datum van afgifte", widget=_DATUM, help_text="De datum die op het document staat.")
    geldig_tot = forms.DateField(label="Geldig tot (optioneel)", required=False, widget=_DATUM,
                                 help_text="Alleen voor certificaten, keurmerken en polissen met een einddatum.")

    def __init__(self, *args, toegestaan=("pdf",), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].widget.attrs["accept"] = accept_attribuut(toegestaan)
        self.fields["bestand"].help_text = f"Toegestaan: {toegestaan_tekst(toegestaan)}; maximaal 25 MB."


class WalletUploadForm(UploadForm):
    documentsoort = forms.ChoiceField(label="Soort document", choices=Documentsoort.choices)
    titel = forms.CharField(label="Omschrijving (optioneel)", required=False, max_length=200)
    field_order = ["documentsoort", "titel", "bestand", "afgiftedatum", "geldig_tot"]


class WalletFilterForm(forms.Form):
    """Which kind of document the wallet page lists (?soort=); an unknown kind lists them all."""

    soort = forms.ChoiceField(label="Soort document", required=False, choices=[("", "Alle soorten"), *Documentsoort.choices])

    def gekozen_soort(self) -> str:
        return self.cleaned_data["soort"] if self.is_valid() else ""


class KoppelForm(forms.Form):
    bewijsstuk = forms.ModelChoiceField(queryset=Bewijsstuk.objects.none(), label="Kies uit uw bewijsstukken",
                                        widget=forms.RadioSelect)

    def __init__(self, *args, keuzes, **kwargs):
        super().__init__(*args, **kwargs)
        # A queryset is used as is (the koppel view: any document of the organisation; the service checks it).
        self.fields["bewijsstuk"].queryset = (
            keuzes if hasattr(keuzes, "model") else Bewijsstuk.objects.filter(pk__in=[b.pk for b in keuzes]).defer("tekst")
        )
        self.fields["bewijsstuk"].error_messages.update({
            "required": "Kies een bewijsstuk.", "invalid_choice": "Dit bewijsstuk bestaat niet of is niet van uw organisatie.",
        })


class LidKeuzeForm(forms.Form):
    """Which member an answer or document is for (empty = the penvoerder); hidden field or ?lid= in the URL."""

    lid = forms.ModelChoiceField(queryset=Lid.objects.none(), required=False,
                                 error_messages={"invalid_choice": "Dit lid hoort niet bij deze inschrijving."})

    def __init__(self, *args, inschrijving, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lid"].queryset = Lid.objects.filter(inschrijving=inschrijving)


class VormForm(forms.Form):
    """The form of the inschrijving (zelfstandig or combinatie), posted with actie=vorm on the leden page."""

    actie = forms.CharField(required=False, widget=forms.HiddenInput)
    vorm = forms.ChoiceField(label="Vorm", choices=Inschrijving.Vorm.choices,
                             error_messages={"required": "Kies zelfstandig of als combinatie.",
                                             "invalid_choice": "Kies zelfstandig of als combinatie."})

    def is_verstuurd(self) -> bool:
        """True when this POST is the form's own (the leden page also posts the member form)."""
        return self.is_bound and self.data.get("actie") == "vorm"


class IntrekkenForm(forms.Form):
    toelichting = forms.CharField(label="Reden (optioneel)", required=False, max_length=1000,
                                  error_messages={"max_length": "De reden is te lang (maximaal %(limit_value)d tekens)."})


class LidForm(forms.ModelForm):
    class Meta:
        model = Lid
        fields = ["rol", "naam", "kvk_nummer", "plaats", "percelen"]
        widgets = {"percelen": forms.CheckboxSelectMultiple}

    def __init__(self, *args, percelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["percelen"].queryset = percelen
        self.fields["percelen"].help_text = "Leeg = voor alle gekozen percelen."

    def validate_unique(self):
        pass  # the service checks duplicates with a clear message


class HerstelForm(forms.Form):
    antwoord = forms.CharField(label="Uw antwoord", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    bestand = forms.FileField(label="Bestand toevoegen (optioneel)", required=False, allow_empty_file=True)
    documentsoort = forms.ChoiceField(label="Soort document", choices=Documentsoort.choices, initial=Documentsoort.OVERIG)
    afgiftedatum = forms.DateField(label="Datum van afgifte van het bestand", required=False, widget=_DATUM)
    bewijsstukken = forms.ModelMultipleChoiceField(
        queryset=Bewijsstuk.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Of kies uit uw bewijsstukken",
    )

    def __init__(self, *args, organisatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bewijsstukken"].queryset = Bewijsstuk.objects.filter(organisatie=organisatie).exclude(
            controle=Bewijsstuk.Controle.GEWEIGERD
        )


class AanvullenForm(forms.Form):
    """Confirming the answers to the eisen of a rectificatie (ADR 0014)."""

    bevestig = forms.BooleanField(
        label="Ik bevestig de antwoorden op de nieuwe eisen namens de organisatie.",
        error_messages={"required": "Vink de bevestiging aan."},
    )


class IndienenForm(forms.Form):
    """The binding declaration before submitting (issue 12: "controleren en verklaren"): the beheerder ticks it,
    or nothing is submitted."""

    verklaring = forms.BooleanField(error_messages={
        "required": "Vink de verklaring aan om de inschrijving definitief in te dienen."})

    def __init__(self, *args, organisatie, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verklaring"].label = (
            "Ik verklaar dat de gegevens in deze inschrijving naar waarheid zijn ingevuld en dat ik bevoegd ben namens "
            f"{organisatie.naam} in te schrijven."
        )


class InnovatievoorstelForm(forms.ModelForm):
    """The figures of an innovatievoorstel (002 r. 602, r. 613-614); the twelve texts are the perceel's eisen."""

    class Meta:
        from .models import Innovatievoorstel

        model = Innovatievoorstel
        fields = ["productnaam", "ambulant_alternatief", "duur_weken", "max_afwijking_duur_pct", "min_deelnemers",
                  "max_deelnemers", "tarief", "tarief_per"]
        help_texts = {
            "max_afwijking_duur_pct": "Bij een ambulant alternatief ten hoogste 25 % (002 r. 602).",
            "tarief": "Per uur of per traject per jeugdige die het product gebruikt (002 r. 614).",
        }
