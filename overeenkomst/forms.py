from datetime import datetime, time

from django import forms

from aanbesteding.models import Aanbesteding, Perceel, Product
from core import kalender
from core.uploads import accept_attribuut
from organisaties.models import Rechtsvorm
from organisaties.regios import binnen

from .models import (
    Addendum,
    AddendumOnderdeel,
    Brief,
    Clientenstop,
    Deelname,
    Indexatieronde,
    Kanaal,
    Uittreding,
    Verlengingsronde,
    Wijzigingsverzoek,
)
from .regels import GOOI_GEWICHTEN

DATUM = forms.DateInput(attrs={"type": "date"})


class BereikForm(forms.Form):
    """A staff form whose object choices lie in ``bereik`` (the staff member's regions, issue 17): an id of
    another region is an invalid choice, exactly like an id that does not exist."""

    def __init__(self, *args, bereik=None, **kwargs):
        super().__init__(*args, **kwargs)
        if bereik is None:
            return
        for veld in self.fields.values():
            if isinstance(veld, forms.ModelChoiceField):
                veld.queryset = binnen(veld.queryset, bereik)


class ReactieForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Uw besluit", widget=forms.RadioSelect,
        choices=[("aanvaard", "Ik aanvaard het addendum"), ("geweigerd", "Ik weiger het addendum")],
    )
    toelichting = forms.CharField(
        label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Verplicht bij een weigering. Een weigering beëindigt uw deelname aan de betrokken percelen op de ingangsdatum.",
    )


class WijzigingsverzoekForm(forms.Form):
    """Fields per kind (003a §3.4, §3.7); only the ones of the chosen kind are shown."""

    VELDEN = {
        Wijzigingsverzoek.Soort.CONTACTPERSOON: ["contactpersoon", "contact_email", "contact_telefoon"],
        Wijzigingsverzoek.Soort.ADRES: ["straat", "postcode", "plaats", "vestigingsnummer"],
        Wijzigingsverzoek.Soort.CAPACITEIT: ["capaciteit"],
        Wijzigingsverzoek.Soort.ONDERAANNEMERS: ["onderaannemer_naam", "onderaannemer_kvk", "onderaannemer_plaats"],
        Wijzigingsverzoek.Soort.RECHTSVORM: ["rechtsvorm", "naam"],
        Wijzigingsverzoek.Soort.KVK: ["kvk_nummer"],
    }

    wijzigingsdatum = forms.DateField(label="Datum van de wijziging", widget=DATUM)
    contactpersoon = forms.CharField(label="Nieuwe contactpersoon", max_length=200, required=False)
    contact_email = forms.EmailField(label="E-mail contactpersoon", required=False)
    contact_telefoon = forms.CharField(label="Telefoon contactpersoon", max_length=30, required=False)
    straat = forms.CharField(label="Straat en huisnummer", max_length=200, required=False)
    postcode = forms.CharField(label="Postcode", max_length=7, required=False)
    plaats = forms.CharField(label="Vestigingsplaats", max_length=100, required=False)
    vestigingsnummer = forms.CharField(label="Vestigingsnummer", max_length=12, required=False)
    capaciteit = forms.CharField(
        label="Capaciteit volgend jaar", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Per perceel of product het aantal plaatsen of de gegarandeerde minimumcapaciteit.",
    )
    onderaannemer_naam = forms.CharField(label="Naam onderaannemer", max_length=200, required=False)
    onderaannemer_kvk = forms.CharField(label="KvK-nummer onderaannemer", max_length=8, required=False)
    onderaannemer_plaats = forms.CharField(label="Vestigingsplaats onderaannemer", max_length=100, required=False)
    rechtsvorm = forms.ChoiceField(label="Nieuwe rechtsvorm", choices=[("", "---")] + list(Rechtsvorm.choices), required=False)
    naam = forms.CharField(label="Nieuwe statutaire naam (indien gewijzigd)", max_length=200, required=False)
    kvk_nummer = forms.CharField(label="Nieuw KvK-nummer", max_length=8, required=False)
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, soort, **kwargs):
        super().__init__(*args, **kwargs)
        self.soort = soort
        houden = {"wijzigingsdatum", "toelichting", *self.VELDEN[soort]}
        for naam in list(self.fields):
            if naam not in houden:
                del self.fields[naam]
        for naam in self.VELDEN[soort]:
            if naam not in {"contact_telefoon", "vestigingsnummer", "naam", "onderaannemer_plaats"}:
                self.fields[naam].required = True

    def gegevens(self) -> dict:
        d = self.cleaned_data
        if self.soort == Wijzigingsverzoek.Soort.ONDERAANNEMERS:
            return {"onderaannemers": [{"naam": d["onderaannemer_naam"], "kvk_nummer": d["onderaannemer_kvk"], "plaats": d.get("onderaannemer_plaats", "")}]}
        return {k: v for k, v in d.items() if k not in {"wijzigingsdatum", "toelichting"} and v}


class UittredingForm(forms.Form):
    optie = forms.ChoiceField(label="Soort uittreding", widget=forms.RadioSelect)
    percelen = forms.MultipleChoiceField(
        label="Percelen", widget=forms.CheckboxSelectMultiple, required=False, help_text="Leeg = alle percelen."
    )
    aantal_clienten = forms.IntegerField(
        label="Aantal cliënten één maand vóór de opzegging", min_value=0, required=False,
        help_text="Gooi optie 2: de vergoeding is € 150 per cliënt (003a §3.5).",
    )
    continuiteit_toelichting = forms.CharField(
        label="Hoe is de continuïteit van zorg geborgd?", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, opties, deelnames, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["optie"].choices = [(o, Uittreding.Optie(o).label) for o in opties]
        self.fields["percelen"].choices = [(str(d.perceel_id), str(d.perceel)) for d in deelnames]
        if opties == [Uittreding.Optie.MLO]:
            del self.fields["aantal_clienten"]
            del self.fields["continuiteit_toelichting"]

    def aantal_voor_berekening(self) -> int | None:
        """The number of clients typed so far, for the fee preview (also when another field is still wrong)."""
        if not self.is_bound or "aantal_clienten" not in self.fields:
            return None
        self.is_valid()
        return self.cleaned_data.get("aantal_clienten")


# --- Staff screens (overeenkomst/admin_views.py): one form per action, Dutch errors -----------------------------


class Kommagetal(forms.DecimalField):
    """A decimal typed the Dutch way ("2,5") or the English way ("2.5"). Not ``localize=True``: with the nl
    locale that strips a dot as thousands separator and would read "2.5" as 25."""

    default_error_messages = {"invalid": "Vul een getal in, bijvoorbeeld 2,5."}

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


class ActieForm(forms.Form):
    """Which of a screen's buttons was pressed; the screen lists the actions it knows."""

    actie = forms.ChoiceField(error_messages={"required": "Kies een actie.", "invalid_choice": "Onbekende actie."})

    def __init__(self, *args, acties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actie"].choices = [(a, a) for a in acties]


class ClientenstopForm(forms.Form):
    deelnames = forms.ModelMultipleChoiceField(
        queryset=Deelname.objects.none(), error_messages={"required": "Kies ten minste één perceel."}
    )
    van = forms.DateField(label="Vanaf", required=False, help_text="Leeg = vandaag.")
    tot = forms.DateField(label="Tot en met", required=False)
    reden = forms.CharField(label="Reden", error_messages={"required": "Geef de reden van de cliëntenstop."})

    def __init__(self, *args, overeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deelnames"].queryset = overeenkomst.deelnames.exclude(status=Deelname.Status.BEEINDIGD)


class OpheffenForm(forms.Form):
    stop = forms.ModelChoiceField(queryset=Clientenstop.objects.none(), error_messages={"required": "Kies de cliëntenstop."})
    toelichting = forms.CharField(label="Toelichting", required=False)

    def __init__(self, *args, overeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stop"].queryset = Clientenstop.objects.filter(deelname__overeenkomst=overeenkomst)


class BeeindigenForm(forms.Form):
    grond = forms.ChoiceField(label="Grond", choices=Uittreding.Grond.choices)
    einddatum = forms.DateField(label="Einddatum", error_messages={"required": "Geef de einddatum."})
    toelichting = forms.CharField(label="Onderbouwing", error_messages={"required": "Leg de onderbouwing van de beëindiging vast."})


class BezwaarForm(forms.Form):
    ronde = forms.ModelChoiceField(queryset=Verlengingsronde.objects.none())
    ontvangen_op = forms.DateField(label="Ontvangen op", error_messages={"required": "Geef de datum van ontvangst."})

    def __init__(self, *args, aanbesteding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ronde"].queryset = aanbesteding.verlengingsrondes.filter(status=Verlengingsronde.Status.AANGEKONDIGD)


class AddendumNieuwForm(BereikForm):
    aanbesteding = forms.ModelChoiceField(label="Procedure", queryset=Aanbesteding.objects.all())
    titel = forms.CharField(label="Titel", max_length=255)
    soort = forms.ChoiceField(label="Soort", choices=Addendum.Soort.choices, required=False)
    ingangsdatum = forms.DateField(label="Ingangsdatum")
    percelen = forms.ModelMultipleChoiceField(label="Betreft percelen", queryset=Perceel.objects.all(), required=False)
    tekst = forms.CharField(label="Tekst")
    bepaling = forms.CharField(label="Gewijzigde bepaling", required=False, max_length=100)
    clausule = forms.CharField(label="Nieuwe tekst van de bepaling", required=False)

    def clean(self):
        data = super().clean()
        ab = data.get("aanbesteding")
        if ab is not None and any(p.aanbesteding_id != ab.pk for p in data.get("percelen", [])):
            self.add_error("percelen", "Kies alleen percelen van deze procedure.")
        return data

    def onderdelen(self) -> list[dict]:
        d = self.cleaned_data
        if not d.get("clausule"):
            return []
        return [{"soort": AddendumOnderdeel.Soort.CLAUSULE, "bepaling": d.get("bepaling", ""), "tekst": d["clausule"]}]


class RedenForm(forms.Form):
    reden = forms.CharField(label="Reden", error_messages={"required": "Geef de reden."})


class OnderdeelForm(forms.Form):
    """One structured change: a product added/changed/removed, a tariff table for a year (lines
    "productcode;intensiteit;bedrag") or a changed clause."""

    soort = forms.ChoiceField(label="Soort", choices=AddendumOnderdeel.Soort.choices)
    product = forms.ModelChoiceField(label="Bestaand product", queryset=Product.objects.none(), required=False)
    perceel = forms.ModelChoiceField(label="Perceel", queryset=Perceel.objects.none(), required=False)
    code = forms.CharField(label="Productcode", max_length=5, required=False)
    naam = forms.CharField(label="Naam", max_length=255, required=False)
    omschrijving = forms.CharField(label="Omschrijving", required=False)
    eenheid = forms.CharField(label="Eenheid", max_length=10, required=False)
    bedrag = Kommagetal(label="Tarief (€)", required=False, min_value=0, max_digits=10, decimal_places=2)
    jaar = forms.IntegerField(label="Tariefjaar", required=False, min_value=2000, max_value=2100)
    tabel = forms.CharField(label="Tarieftabel", required=False)
    bepaling = forms.CharField(label="Bepaling", max_length=100, required=False)
    tekst = forms.CharField(label="Tekst", required=False)

    def __init__(self, *args, addendum, **kwargs):
        super().__init__(*args, **kwargs)
        self.producten = Product.objects.filter(perceel__aanbesteding=addendum.aanbesteding)
        self.fields["product"].queryset = self.producten
        self.fields["perceel"].queryset = Perceel.objects.filter(aanbesteding=addendum.aanbesteding)

    def clean_tabel(self) -> list[dict]:
        per_code = {p.code: p for p in self.producten}
        tarieven = []
        for nummer, regel in enumerate(self.cleaned_data.get("tabel", "").splitlines(), start=1):
            if not regel.strip():
                continue
            delen = [d.strip() for d in regel.split(";")]
            if len(delen) != 3 or delen[0] not in per_code:
                raise forms.ValidationError(f"Regel {nummer}: gebruik productcode;intensiteit;bedrag met een bestaande productcode.")
            try:
                bedrag = Kommagetal(min_value=0).clean(delen[2])
            except forms.ValidationError as exc:
                raise forms.ValidationError(f"Regel {nummer}: ongeldig bedrag.") from exc
            tarieven.append({"product": per_code[delen[0]].pk, "code": delen[0], "intensiteit": delen[1], "bedrag": str(bedrag)})
        return tarieven

    def velden(self) -> dict:
        """The keyword arguments for ``addendum_onderdeel_toevoegen`` (besides addendum, door, volgorde)."""
        d = self.cleaned_data
        S = AddendumOnderdeel.Soort
        velden = {"soort": d["soort"], "tekst": d.get("tekst", "").strip(), "bepaling": d.get("bepaling", "").strip()}
        if d["soort"] in (S.PRODUCT_GEWIJZIGD, S.PRODUCT_VERWIJDERD):
            velden["product"] = d.get("product")
            velden["gegevens"] = {k: d[k].strip() for k in ("naam", "omschrijving") if d.get(k, "").strip()}
        elif d["soort"] == S.PRODUCT_TOEGEVOEGD:
            velden["perceel"] = d.get("perceel")
            velden["gegevens"] = {k: d[k].strip() for k in ("code", "naam", "eenheid") if d.get(k, "").strip()}
            if d.get("bedrag") is not None:
                velden["gegevens"]["bedrag"] = str(d["bedrag"])
        elif d["soort"] == S.TARIEVEN:
            velden["jaar"] = d.get("jaar")
            velden["gegevens"] = {"tarieven": d.get("tabel", [])}
        return velden


class IndexatieForm(BereikForm):
    aanbesteding = forms.ModelChoiceField(label="Procedure", queryset=Aanbesteding.objects.all())
    jaar = forms.IntegerField(label="Tariefjaar", min_value=2000, max_value=2100)
    methode = forms.ChoiceField(label="Methode", choices=Indexatieronde.Methode.choices)
    percentage = Kommagetal(label="Indexpercentage", required=False, max_digits=7, decimal_places=4)
    # 003 §6.22 (r.2448-2452): the provisional OVA; 50 % of it is applied.
    ova_voorlopig = Kommagetal(label="Voorlopige OVA (%)", required=False, max_digits=7, decimal_places=4)
    toelichting = forms.CharField(label="Toelichting", required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("methode") == Indexatieronde.Methode.PERCENTAGE and data.get("percentage") is None and "percentage" not in self.errors:
            self.add_error("percentage", "Geef het indexpercentage.")
        if (data.get("methode") == Indexatieronde.Methode.VOORLOPIG_DEFINITIEF and data.get("ova_voorlopig") is None
                and "ova_voorlopig" not in self.errors):
            self.add_error("ova_voorlopig", "Geef de voorlopige OVA van het tariefjaar (003 §6.22).")
        return data

    def velden(self, componenten) -> dict:
        """The keyword arguments for ``indexatie_opstellen`` / ``indexatie_wijzigen`` (besides the round and door)."""
        d = self.cleaned_data
        return {
            "methode": d["methode"], "percentage": d["percentage"], "ova_voorlopig": d.get("ova_voorlopig"),
            "componenten": componenten if d["methode"] == Indexatieronde.Methode.GEWOGEN else [],
            "toelichting": d.get("toelichting", ""),
        }


class AfwijkingForm(forms.Form):
    """The Inkoper's recorded exception to the 1 October lead time (003a §3.7/§3.9)."""

    reden = forms.CharField(
        label="Reden voor de kortere termijn", max_length=2000,
        error_messages={"required": "Geef de reden waarom de indexatie na de aankondigingstermijn wordt aangeboden."},
    )


class ComponentForm(forms.Form):
    """One weighted component (003a §3.9): its index and its weights for ambulant and residential products."""

    naam = forms.CharField(widget=forms.HiddenInput)
    percentage = Kommagetal(label="Index %", required=False, max_digits=7, decimal_places=4)
    gewicht_ambulant = Kommagetal(label="Gewicht ambulant", min_value=0, max_value=100, max_digits=5, decimal_places=2)
    gewicht_verblijf = Kommagetal(label="Gewicht verblijf", min_value=0, max_value=100, max_digits=5, decimal_places=2)

    def rij(self) -> dict:
        d = self.cleaned_data
        return {
            "naam": d["naam"], "percentage": str(d.get("percentage") or 0),
            "gewicht_ambulant": str(d["gewicht_ambulant"]), "gewicht_verblijf": str(d["gewicht_verblijf"]),
        }


ComponentFormSet = forms.formset_factory(ComponentForm, extra=0, min_num=1, validate_min=True)


def componenten_formset(data=None, prefix="comp", initial=None) -> forms.BaseFormSet:
    """The components formset, pre-filled with the Gooi weights (003a §3.9) on a fresh screen, or with
    ``initial`` (a concept's own components). ``prefix="def"``: the definitive index of a 003 §6.22 round (CBS
    Gezondheidszorg, CPI, NZa kapitaallasten)."""
    if not initial:
        initial = [{"naam": naam, "gewicht_ambulant": amb, "gewicht_verblijf": verb} for naam, amb, verb in GOOI_GEWICHTEN]
    return ComponentFormSet(data, prefix=prefix, initial=None if data is not None else initial)


def definitief_formset(data=None) -> forms.BaseFormSet:
    """The definitive components; every percentage is required (an empty one is not 0 %)."""
    formset = componenten_formset(data, prefix="def")
    for form in formset.forms:
        form.fields["percentage"].required = True
        form.fields["percentage"].error_messages["required"] = "Geef het percentage van elke reeks."
    return formset


class WijzigingsverzoekBesluitForm(BereikForm):
    verzoek = forms.ModelChoiceField(queryset=Wijzigingsverzoek.objects.all())
    actie = forms.ChoiceField(choices=[("goedkeuren", "Goedkeuren"), ("afwijzen", "Afwijzen")])
    reden = forms.CharField(label="Reden", required=False)


class UittredingActieForm(BereikForm):
    uittreding = forms.ModelChoiceField(queryset=Uittreding.objects.all())
    actie = forms.ChoiceField(choices=[("aanvaarden", "Aanvaarden"), ("overdracht", "Cliënten overgedragen"), ("betaald", "Vergoeding betaald")])
    datum = forms.DateField(label="Datum", required=False, help_text="Leeg = vandaag.")


class OntvangstForm(forms.Form):
    """When and how a letter arrived (issue 18, ADR 0017): the real moment of receipt the rules count from, the
    channel and an optional scan. Used alone next to a change form, and as the base of PostbriefForm."""

    kanaal = forms.ChoiceField(label="Ontvangen per", choices=[(Kanaal.POST, Kanaal.POST.label), (Kanaal.EMAIL, Kanaal.EMAIL.label)])
    ontvangen_datum = forms.DateField(label="Datum van ontvangst", widget=DATUM,
                                      error_messages={"required": "Geef de datum waarop de brief is ontvangen."})
    ontvangen_tijd = forms.TimeField(label="Tijd van ontvangst", required=False, widget=forms.TimeInput(attrs={"type": "time"}),
                                     help_text="Leeg = het begin van die dag.")
    scan = forms.FileField(label="Scan van de brief", required=False, help_text="PDF of foto (PNG/JPEG); wordt privé bewaard.",
                           widget=forms.ClearableFileInput(attrs={"accept": accept_attribuut(("pdf", "afbeelding"))}))

    def __init__(self, *args, overeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.overeenkomst = overeenkomst

    def clean(self):
        data = super().clean()
        dag = data.get("ontvangen_datum")
        if dag is not None:
            moment = datetime.combine(dag, data.get("ontvangen_tijd") or time(0, 0), tzinfo=kalender.TZ)
            if moment > kalender.nu():
                self.add_error("ontvangen_datum", "De datum van ontvangst kan niet in de toekomst liggen.")
            elif dag < self.overeenkomst.startdatum:
                self.add_error("ontvangen_datum", "De datum van ontvangst ligt vóór de ingangsdatum van de overeenkomst "
                                                  f"({self.overeenkomst.startdatum:%d-%m-%Y}).")
            data["ontvangen_op"] = moment
        return data


class PostbriefForm(OntvangstForm):
    """A registered letter that arrived on paper (or by e-mail), recorded by staff with its real date of receipt
    (issue 18, ADR 0017): the rules count from that date, not from the day it is typed in."""

    SOORTEN = [(Brief.Soort.UITTREDING, "Opzegging (uittreding)"), (Brief.Soort.VERLENGINGSBEZWAAR, "Bezwaar tegen verlenging")]

    soort = forms.ChoiceField(label="Soort brief", choices=SOORTEN)
    optie = forms.ChoiceField(label="Soort uittreding", required=False)
    aantal_clienten = forms.IntegerField(label="Aantal cliënten één maand vóór de opzegging", min_value=0, required=False)
    continuiteit_toelichting = forms.CharField(label="Continuïteit van zorg (uit de brief)", required=False,
                                               widget=forms.Textarea(attrs={"rows": 3}))
    ronde = forms.ModelChoiceField(label="Verlenging", queryset=Verlengingsronde.objects.none(), required=False)
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["soort", "kanaal", "ontvangen_datum", "ontvangen_tijd", "scan"]

    def __init__(self, *args, overeenkomst, opties, **kwargs):
        super().__init__(*args, overeenkomst=overeenkomst, **kwargs)
        self.fields["optie"].choices = [(o, Uittreding.Optie(o).label) for o in opties]
        self.fields["ronde"].queryset = overeenkomst.aanbesteding.verlengingsrondes.filter(status=Verlengingsronde.Status.AANGEKONDIGD)

    def clean(self):
        data = super().clean()
        if data.get("soort") == Brief.Soort.UITTREDING and not data.get("optie"):
            self.add_error("optie", "Kies de soort uittreding uit de brief.")
        if data.get("soort") == Brief.Soort.VERLENGINGSBEZWAAR and data.get("ronde") is None:
            self.add_error("ronde", "Kies de verlenging waartegen bezwaar is gemaakt.")
        return data
