from django import forms

from aanbesteding.models import Documentsoort, Eis
from core.uploads import accept_attribuut, toegestaan_tekst

from .models import Bewijsstuk, Inschrijving, Lid
from .regels import getal

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# A number as Dutch users type it (12,5): a text field with the decimal keyboard on a phone, parsed with the locale's
# separator (localize=True), not <input type=number>, which refuses a comma in many browsers.
_GETAL = forms.TextInput(attrs={"class": "kort", "inputmode": "decimal", "autocomplete": "off"})


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


def is_kort(eis: Eis) -> bool:
    """A short eis is answered on its step page together with the others (issue 12): a declaration or a number,
    asked of the penvoerder only, without a document. Everything else (texts, plans, documents, answers per member)
    gets its own page."""
    t = Eis.Antwoordtype
    return eis.antwoordtype in (t.JA_NEE, t.GETAL) and not eis.documentsoort and not eis.per_lid


def ja_nee_uit(eis: Eis, verklaard: bool, toelichting: str = "", huidig: bool | None = None) -> bool | None:
    """The stored ja/nee answer from a ticked or unticked declaration (issue 12).

    A ja/nee eis is a declaration the provider ticks (``Eis.verklaringstekst``), so ticking records the answer that
    meets the eis (``verwacht_antwoord_ja``: "ja" for "Ik verklaar dat wij ... voldoen", "nee" for "... is niet op ons
    van toepassing"); the checklist and the assessment keep reading ja_nee against ``verwacht_antwoord_ja`` as before.
    An unticked box is no declaration: nothing is answered, unless the provider explains why it cannot declare it
    (a toelichting), or did so earlier; then the answer is the one that does not meet the eis, for the panel to judge.
    """
    if verklaard:
        return eis.verwacht_antwoord_ja
    if toelichting.strip() or (huidig is not None and huidig != eis.verwacht_antwoord_ja):
        return not eis.verwacht_antwoord_ja
    return None


class AntwoordForm(forms.Form):
    """The answer to one eis with its explanation, fields fitting the answer type (prefix ``antwoord``)."""

    def __init__(self, data=None, *, eis: Eis, antwoord=None, **kwargs):
        t = Eis.Antwoordtype
        self.eis = eis
        initial = {"tekst": antwoord.tekst, "getal": antwoord.getal} if antwoord is not None else {}
        super().__init__(data, initial=initial, prefix="antwoord", **kwargs)
        toelichting = forms.CharField(label="Toelichting (optioneel)", required=False,
                                      widget=forms.Textarea(attrs={"rows": 3}))
        if eis.antwoordtype == t.JA_NEE:
            self.fields["verklaard"] = forms.BooleanField(label=eis.verklaringstekst, required=False)
            self.initial["verklaard"] = antwoord is not None and antwoord.ja_nee == eis.verwacht_antwoord_ja
            toelichting.help_text = "Kunt u dit niet verklaren? Vink het dan niet aan en licht hier toe waarom."
            self.fields["tekst"] = toelichting
        elif eis.antwoordtype in (t.TEKST, t.PLAN):
            hulp = f"Maximaal {eis.max_woorden} woorden." if eis.max_woorden else ""
            self.fields["tekst"] = forms.CharField(label="Uw antwoord", required=False, help_text=hulp,
                                                   widget=forms.Textarea(attrs={"rows": 8}))
        elif eis.antwoordtype == t.GETAL:
            self.fields["getal"] = forms.DecimalField(
                label="Uw antwoord", required=False, max_digits=14, decimal_places=2,
                error_messages={"invalid": "Vul een getal in, bijvoorbeeld 12 of 12,5."}, localize=True,
                widget=_GETAL)
            self.fields["tekst"] = toelichting
        else:
            self.fields["tekst"] = toelichting

    def velden(self) -> dict:
        """The answer as ``services.eis_beantwoorden`` takes it."""
        d = self.cleaned_data
        tekst = d.get("tekst", "")
        uit = {"tekst": tekst, "getal": d.get("getal")}
        if "verklaard" in self.fields:
            # The toelichting is on this page: an unticked box with an emptied toelichting withdraws the answer.
            uit["ja_nee"] = ja_nee_uit(self.eis, d["verklaard"], tekst)
        return uit


class BewijsForm(forms.Form):
    """The evidence posted with an answer: a new file with its dates, and/or documents from the wallet (issue 12).
    Every field is optional; a file without its issue date is refused by the service, the answer is saved."""

    bestand = forms.FileField(label="Bestand", required=False, allow_empty_file=True)
    afgiftedatum = forms.DateField(label="Datum van afgifte", required=False, widget=_DATUM,
                                   help_text="De datum die op het document staat.",
                                   error_messages={"invalid": "Vul een geldige datum van afgifte in."})
    geldig_tot = forms.DateField(label="Geldig tot (optioneel)", required=False, widget=_DATUM,
                                 help_text="Alleen voor certificaten, keurmerken en polissen met een einddatum.",
                                 error_messages={"invalid": "Vul een geldige datum in bij ‘geldig tot’."})
    bewijsstukken = forms.ModelMultipleChoiceField(
        queryset=Bewijsstuk.objects.none(), required=False, label="Kies uit uw bewijsstukken",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Dit bewijsstuk bestaat niet of is niet van uw organisatie."})

    def __init__(self, data=None, files=None, *, organisatie, keuzes=(), toegestaan=("pdf",), **kwargs):
        super().__init__(data, files, prefix="bewijs", **kwargs)
        # Any document of the organisation validates (the service then says why one cannot serve); the page offers
        # only ``keuzes``, the documents that fit this eis. Another organisation's document is an invalid choice.
        self.fields["bewijsstukken"].queryset = Bewijsstuk.objects.filter(organisatie=organisatie).defer("tekst")
        self.keuzes = list(keuzes)
        self.fields["bestand"].widget.attrs["accept"] = accept_attribuut(toegestaan)
        self.fields["bestand"].help_text = f"Toegestaan: {toegestaan_tekst(toegestaan)}; maximaal 25 MB."

    def keuzevelden(self):
        """The offered wallet documents as (value, checked) for the template's own checkbox list."""
        gekozen = {str(v) for v in (self.data.getlist(self.add_prefix("bewijsstukken")) if self.is_bound else [])}
        return [(b, str(b.pk) in gekozen) for b in self.keuzes]

    def vreemd_bewijsstuk(self) -> bool:
        """True when a document was posted that is not the organisation's (an id guessed or from another tab)."""
        return self.has_error("bewijsstukken", code="invalid_choice")

    def velden(self) -> dict:
        d = self.cleaned_data
        return {"bestand": d.get("bestand") or None, "afgiftedatum": d.get("afgiftedatum"),
                "geldig_tot": d.get("geldig_tot"), "bewijsstukken": list(d.get("bewijsstukken") or [])}


class StapForm(forms.Form):
    """All short eisen of one step in one form (issue 12): a checkbox per declaration, a field per number. On the
    step of the uitsluitingsgronden the declarations are one: "Ik verklaar dat geen van deze uitsluitingsgronden op
    ons van toepassing is" (the wording of issue 12; the grounds themselves are listed above it)."""

    GROEPSVERKLARING = "Ik verklaar dat geen van deze uitsluitingsgronden op ons van toepassing is."

    def __init__(self, data=None, *, eisen: list[Eis], antwoorden: dict, groep: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        self.eisen, self.antwoorden = eisen, antwoorden
        verklaringen = [e for e in eisen if e.antwoordtype == Eis.Antwoordtype.JA_NEE]
        self.groep = verklaringen if groep and verklaringen else []
        if self.groep:
            self.fields["uitsluitingsgronden"] = forms.BooleanField(
                label=self.GROEPSVERKLARING, required=False,
                initial=all(self._huidig(e) == e.verwacht_antwoord_ja for e in self.groep))
        self.rijen = []
        for eis in eisen:
            if eis in self.groep:
                continue
            naam = f"eis_{eis.pk}"
            if eis.antwoordtype == Eis.Antwoordtype.JA_NEE:
                self.fields[naam] = forms.BooleanField(label=eis.verklaringstekst, required=False,
                                                       initial=self._huidig(eis) == eis.verwacht_antwoord_ja)
            else:
                a = antwoorden.get(eis.pk)
                self.fields[naam] = forms.DecimalField(
                    label="Uw antwoord", required=False, max_digits=14, decimal_places=2,
                    initial=a.getal if a is not None else None,
                    error_messages={"invalid": "Vul een getal in, bijvoorbeeld 12 of 12,5."}, localize=True,
                    widget=_GETAL)
            self.rijen.append((eis, self[naam]))

    def _huidig(self, eis):
        a = self.antwoorden.get(eis.pk)
        return a.ja_nee if a is not None else None

    def antwoorden_voor_service(self) -> list[tuple[Eis, dict]]:
        """Each eis with the fields ``services.stap_opslaan`` takes."""
        d = self.cleaned_data
        uit = []
        for eis in self.eisen:
            if eis in self.groep:
                uit.append((eis, {"ja_nee": ja_nee_uit(eis, d["uitsluitingsgronden"], huidig=self._huidig(eis))}))
            elif eis.antwoordtype == Eis.Antwoordtype.JA_NEE:
                uit.append((eis, {"ja_nee": ja_nee_uit(eis, d[f"eis_{eis.pk}"], huidig=self._huidig(eis))}))
            else:
                uit.append((eis, {"getal": d[f"eis_{eis.pk}"]}))
        return uit


class ActieForm(forms.Form):
    """Which button saved the page: "Opslaan en volgende" (``actie=verder``) or "Opslaan" (stay on the page)."""

    actie = forms.ChoiceField(required=False, choices=[("verder", "Opslaan en volgende"), ("opslaan", "Opslaan")])

    def wil_verder(self) -> bool:
        return self.is_valid() and self.cleaned_data["actie"] == "verder"


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
