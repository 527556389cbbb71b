"""Identifiers and model rules of organisations (DOMAIN.md, Actors): KvK 8, vestiging 12, AGB 8, postcode."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisaties.forms import OrganisatieForm
from organisaties.models import Lidmaatschap, Organisatie, Rol, User
from organisaties.validators import (
    agb_validator,
    kvk_validator,
    postcode_validator,
    vestigingsnummer_validator,
)
from tests.factories import LidmaatschapFactory, OrganisatieFactory, RegioFactory, UserFactory

from ._hulp import GELDIG

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("waarde", ["12345678", "00000001", "99999999"])
def test_kvk_acht_cijfers_geldig(waarde):
    kvk_validator(waarde)


@pytest.mark.parametrize("waarde", ["1234567", "123456789", "1234 5678", "1234567a", ""])
def test_kvk_anders_dan_acht_cijfers_geweigerd(waarde):
    with pytest.raises(ValidationError) as fout:
        kvk_validator(waarde)
    assert fout.value.code == "kvk"
    assert fout.value.messages == ["Een KvK-nummer bestaat uit precies 8 cijfers."]


@pytest.mark.parametrize("waarde", ["00001234567", "0000123456789", "00001234567x"])
def test_vestigingsnummer_moet_twaalf_cijfers_zijn(waarde):
    with pytest.raises(ValidationError) as fout:
        vestigingsnummer_validator(waarde)
    assert fout.value.code == "vestigingsnummer"
    assert "precies 12 cijfers" in fout.value.messages[0]


def test_vestigingsnummer_twaalf_cijfers_geldig():
    vestigingsnummer_validator("000012345678")


@pytest.mark.parametrize(("waarde", "geldig"), [("75991234", True), ("7599123", False), ("759912345", False),
                                                ("7599123X", False)])
def test_agb_code_acht_cijfers(waarde, geldig):
    if geldig:
        agb_validator(waarde)
        return
    with pytest.raises(ValidationError) as fout:
        agb_validator(waarde)
    assert fout.value.messages == ["Een AGB-code bestaat uit precies 8 cijfers."]


@pytest.mark.parametrize(("waarde", "geldig"), [
    ("1211 AB", True), ("1211AB", True), ("9999 ZZ", True),
    ("0211 AB", False), ("1211 ab", False), ("121 AB", False), ("1211  AB", False), ("1211 A", False),
])
def test_postcode(waarde, geldig):
    if geldig:
        postcode_validator(waarde)
        return
    with pytest.raises(ValidationError, match="Nederlandse postcode"):
        postcode_validator(waarde)


def test_volledige_organisatie_is_geldig_en_lege_optionele_nummers_mogen():
    org = Organisatie(**{**GELDIG, "vestigingsnummer": "", "agb_code": "", "contact_telefoon": ""})
    org.full_clean()


def test_full_clean_meldt_alle_foute_nummers_tegelijk():
    org = Organisatie(**{**GELDIG, "kvk_nummer": "123", "vestigingsnummer": "1", "agb_code": "2"})
    with pytest.raises(ValidationError) as fout:
        org.full_clean()
    assert set(fout.value.message_dict) == {"kvk_nummer", "vestigingsnummer", "agb_code"}


def test_kvk_uniek_in_de_database():
    OrganisatieFactory(kvk_nummer="12345678")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisatieFactory(kvk_nummer="12345678")
    assert Organisatie.objects.filter(kvk_nummer="12345678").count() == 1


def test_kvk_uniek_bij_full_clean_met_nederlandse_veldnaam():
    OrganisatieFactory(kvk_nummer="12345678")
    with pytest.raises(ValidationError) as fout:
        Organisatie(**GELDIG).full_clean()
    assert "KvK-nummer" in fout.value.message_dict["kvk_nummer"][0]


def test_formulier_laat_eigen_kvk_bij_bewerken_toe():
    org = OrganisatieFactory(**GELDIG)
    form = OrganisatieForm({**GELDIG, "plaats": "Bussum"}, instance=org)
    assert form.is_valid(), form.errors


def test_formulier_weigert_kvk_van_andere_organisatie_bij_bewerken():
    OrganisatieFactory(kvk_nummer="87654321")
    org = OrganisatieFactory(**GELDIG)
    form = OrganisatieForm({**GELDIG, "kvk_nummer": "87654321"}, instance=org)
    assert not form.is_valid()
    assert "Vraag een beheerder daarvan om een uitnodiging" in form.errors["kvk_nummer"][0]


def test_formulier_maakt_postcode_hoofdletters_voor_de_modelvalidatie():
    form = OrganisatieForm({**GELDIG, "postcode": "1231 ab"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["postcode"] == "1231 AB"


def test_kvk_met_andere_cijfertekens_geweigerd():
    # Eight Arabic-Indic digits pass r"^\d{8}$" and fit max_length=8: the organisation would be stored.
    org = Organisatie(**{**GELDIG, "kvk_nummer": "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668"})
    with pytest.raises(ValidationError):
        org.full_clean()


ARABISCH = "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668"  # Arabic-Indic 1 to 8


@pytest.mark.parametrize(("validator", "waarde"), [
    (kvk_validator, "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18"),  # full-width digits
    (agb_validator, ARABISCH),
    (vestigingsnummer_validator, "0000" + ARABISCH),
    (postcode_validator, "\u0661\u0662\u0663\u0664 AB"),
    (kvk_validator, "12345678\n"),  # "$" would match before a final newline
    (postcode_validator, "1211AB\n"),
])
def test_alleen_ascii_cijfers_en_niets_erachter(validator, waarde):
    with pytest.raises(ValidationError):
        validator(waarde)


def test_formulier_maakt_geen_postcode_van_een_ringel_s():
    form = OrganisatieForm({**GELDIG, "postcode": "1231 \u00df"})  # "ß".upper() == "SS"
    assert not form.is_valid()
    assert "postcode" in form.errors


def test_opdrachtgever_zonder_regio_kan_niet():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisatieFactory(soort=Organisatie.Soort.OPDRACHTGEVER, regio=None)
    OrganisatieFactory(soort=Organisatie.Soort.OPDRACHTGEVER, regio=RegioFactory())


def test_een_lidmaatschap_per_gebruiker_per_organisatie():
    lid = LidmaatschapFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Lidmaatschap.objects.create(user=lid.user, organisatie=lid.organisatie, rol=Rol.BEHEERDER)


def test_lidmaatschap_weergave_en_is_beheerder():
    user = UserFactory(first_name="Anna", last_name="Bakker")
    lid = LidmaatschapFactory(user=user, organisatie=OrganisatieFactory(naam="Zorg B.V."), rol=Rol.BEHEERDER)
    assert str(lid) == "Anna Bakker – Zorg B.V. (Beheerder)"
    assert lid.is_beheerder
    lid.rol = Rol.MEDEWERKER
    assert not lid.is_beheerder


def test_user_manager_maakt_email_klein_en_eist_email():
    user = User.objects.create_user("Iemand@Zorg.EXAMPLE", "wachtwoord-lang-genoeg")
    assert user.email == "iemand@zorg.example"
    assert not user.is_staff and not user.is_superuser
    with pytest.raises(ValueError, match="e-mailadres is verplicht"):
        User.objects.create_user("", "x")


def test_superuser_is_staff():
    user = User.objects.create_superuser("baas@regio.example", "wachtwoord-lang-genoeg")
    assert user.is_staff and user.is_superuser


def test_user_weergave_valt_terug_op_email():
    assert str(UserFactory(first_name="", last_name="", email="kaal@zorg.example")) == "kaal@zorg.example"


def test_queryset_aanbieders():
    aanbieder = OrganisatieFactory()
    OrganisatieFactory(soort=Organisatie.Soort.OPDRACHTGEVER, regio=RegioFactory())
    assert list(Organisatie.objects.aanbieders()) == [aanbieder]
