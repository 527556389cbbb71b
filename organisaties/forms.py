import string

from django import forms

from .models import Organisatie, Regio, Rol, StaffRol

ORGANISATIE_VELDEN = [
    "naam", "kvk_nummer", "vestigingsnummer", "agb_code", "rechtsvorm", "straat", "postcode", "plaats",
    "contactpersoon", "contact_email", "contact_telefoon", "groep_kvk",
]

_HOOFDLETTERS = str.maketrans(string.ascii_lowercase, string.ascii_uppercase)


class OrganisatieForm(forms.ModelForm):
    class Meta:
        model = Organisatie
        fields = ORGANISATIE_VELDEN
        help_texts = {
            "kvk_nummer": "8 cijfers, zoals op het uittreksel van de Kamer van Koophandel.",
            "vestigingsnummer": "12 cijfers; het vestigingsnummer van de vestiging die de zorg levert.",
            "agb_code": "8 cijfers (Vektis). Laat leeg als u (nog) geen AGB-code heeft.",
            "groep_kvk": "Alleen als uw organisatie deel uitmaakt van een groep (art. 2:24b BW): 8 cijfers, het "
                         "KvK-nummer van de houdstermaatschappij aan de top. Twee inschrijvingen van dezelfde groep "
                         "worden aan de beoordelaars gemeld.",
        }

    def clean_postcode(self):
        # Upper-case ASCII letters only: str.upper() would turn "ß" into "SS" and so make a valid postcode of
        # text that is not one.
        return self.cleaned_data["postcode"].translate(_HOOFDLETTERS).replace("  ", " ")

    def clean_kvk_nummer(self):
        kvk = self.cleaned_data["kvk_nummer"].strip()
        qs = Organisatie.objects.filter(kvk_nummer=kvk)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if qs.exists():
            raise forms.ValidationError(
                "Er is al een organisatie met dit KvK-nummer geregistreerd. Vraag een beheerder daarvan om een uitnodiging."
            )
        return kvk


class UitnodigingForm(forms.Form):
    email = forms.EmailField(label="E-mailadres van uw collega")
    rol = forms.ChoiceField(label="Rol", choices=Rol.choices, initial=Rol.MEDEWERKER)


class RolForm(forms.Form):
    rol = forms.ChoiceField(label="Rol", choices=Rol.choices)


class OrganisatieWisselenForm(forms.Form):
    """Switch the active organisation; ``next`` is where to return to, checked by the view (no open redirect)."""

    next = forms.CharField(required=False, max_length=2000)


class BerichtenFilterForm(forms.Form):
    """The inbox's optional region filter (GET, the region's slug); empty shows the messages of every region.
    A slug of a region without messages simply filters nothing (the choices are the regions with messages)."""

    regio = forms.SlugField(label="Regio", required=False, max_length=50)
    pagina = forms.IntegerField(label="Pagina", required=False, min_value=1, max_value=100_000)


class RegiorolToekennenForm(forms.Form):
    """The platform administrator gives a bureau account a role in one region or in all of them (issue 17)."""

    email = forms.EmailField(label="E-mailadres van de medewerker",
                             help_text="Bestaat er nog geen account, dan maakt het portaal er een aan en mailt een "
                                       "link om het wachtwoord in te stellen.")
    voornaam = forms.CharField(label="Voornaam", required=False, max_length=150,
                               help_text="Alleen voor een nieuw account.")
    achternaam = forms.CharField(label="Achternaam", required=False, max_length=150)
    regio = forms.ModelChoiceField(label="Regio", queryset=Regio.objects.all(), required=False,
                                   empty_label="Alle regio's")
    rol = forms.ChoiceField(label="Rol", choices=StaffRol.choices)


class EherkenningArtefactForm(forms.Form):
    """The broker's redirect to the ACS (SAML HTTP-Artifact binding): the artefact to resolve over SOAP."""

    SAMLart = forms.CharField(max_length=1000)


class EherkenningMockForm(forms.Form):
    """The demo's stand-in for the eHerkenning broker (EHERKENNING_MOCK, never in production): what a real broker
    would assert after the person logged in with an eHerkenning means."""

    kvk_nummer = forms.CharField(label="KvK-nummer van de organisatie", max_length=20,
                                 help_text="De organisatie waarvoor u optreedt (8 cijfers).")
    pseudoniem = forms.CharField(label="Pseudoniem van de persoon", max_length=255,
                                 help_text="In het echt geeft de makelaar een versleuteld pseudoniem door; hier typt "
                                           "u een willekeurige tekst. Dezelfde tekst is dezelfde persoon.")
    niveau = forms.ChoiceField(label="Betrouwbaarheidsniveau", initial="urn:etoegang:core:assurance-class:loa3",
                               choices=[
                                   ("urn:etoegang:core:assurance-class:loa2", "eH2"),
                                   ("urn:etoegang:core:assurance-class:loa2plus", "eH2+"),
                                   ("urn:etoegang:core:assurance-class:loa3", "eH3"),
                                   ("urn:etoegang:core:assurance-class:loa4", "eH4"),
                               ])


class EherkenningAccountForm(forms.Form):
    """A person without a portal account after the first eHerkenning login: how the portal reaches them."""

    email = forms.EmailField(label="Uw e-mailadres", help_text="Voor berichten van het portaal; u krijgt een mail om "
                                                               "het te bevestigen.")
    voornaam = forms.CharField(label="Voornaam", max_length=150)
    achternaam = forms.CharField(label="Achternaam", max_length=150)


class EherkenningKoppelForm(forms.Form):
    """A logged-in account confirms it links the asserted eHerkenning identity (no fields: the proof is in the
    session, the account is the logged-in one)."""
