from django import forms

from organisaties.models import Rechtsvorm

from .models import Uittreding, Wijzigingsverzoek

DATUM = forms.DateInput(attrs={"type": "date"})


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
