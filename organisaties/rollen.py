"""Staff groups of the regional bureau (DOMAIN.md, Actors) and what each may do in the Wagtail admin.

Permissions are listed by codename; those of apps that do not exist yet are skipped and picked up on a later
migrate (post_migrate), so later issues only add lines here.
"""

from django.contrib.auth.models import Group, Permission

INKOPER = "Inkoper"
CONTRACTMANAGER = "Contractmanager"
BEOORDELAAR = "Beoordelaar"
REDACTEUR = "Redacteur"
SROI_ADVISEUR = "SROI-adviseur"
# Municipal staff (toegang, sociaal team) of a region (issue 14): they report signalen about providers and read
# the register of contracted providers, and see nothing else (000 r.737-749).
GEMEENTE = "Gemeente"
# Manages regions and bureau accounts, and nothing of their content (issue 17): no procedure, inschrijving,
# agreement or audit entry of any region (organisaties.regios: this group holds no role in a region).
PLATFORMBEHEERDER = "Platformbeheerder"

# The roles a staff member holds per region (organisaties.models.StaffRol, Regiorol).
REGIOROLLEN = (INKOPER, CONTRACTMANAGER, BEOORDELAAR, REDACTEUR, SROI_ADVISEUR, GEMEENTE)
STAFFGROEPEN = (*REGIOROLLEN, PLATFORMBEHEERDER)

_beheer = ("add", "change", "view")

# group -> {app_label: {model: actions}}; "*" in actions means add/change/view (never delete: legal records).
GROEPSRECHTEN: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    INKOPER: {
        "wagtailadmin": {"admin": ("access",)},
        "organisaties": {"organisatie": ("view",), "lidmaatschap": ("view",)},
        "core": {"auditregel": ("view",)},
        "aanbesteding": {
            "aanbesteding": _beheer, "perceel": _beheer, "product": _beheer, "tarief": _beheer,
            "toetredingsmoment": _beheer, "eis": _beheer,
            # Providers ask (vraag_stellen); staff answer through the edit screen (vraag_beantwoorden).
            "vraag": ("change", "view"),
            # An NvI is added by publishing it (nvi_publiceren) and never changed; the change log is written by
            # the services only (aanbesteding/wagtail_hooks.py AlleenInzienBeleid).
            "notavaninlichtingen": ("add", "view"), "procedurewijziging": ("view",),
            "proceduredocument": _beheer, "documentversie": _beheer,
            "deelnemendegemeente": _beheer,
            # Issue 19: the product book's data and rules, maintained by the bureau without a developer.
            "productintensiteit": _beheer, "samenloopregel": _beheer, "productafhankelijkheid": _beheer,
            "omrekentabel": _beheer, "perceelregel": _beheer,
        },
        "inschrijving": {"inschrijving": ("view",)},
        "toetsing": {"beoordelingscommissie": _beheer, "toewijzing": _beheer, "besluit": _beheer, "loting": _beheer,
                     "toetsingsinstelling": _beheer, "rechtsmiddel": _beheer, "toetsing": ("view",)},
        "overeenkomst": {
            "overeenkomst": ("view",), "addendum": _beheer, "indexatieronde": _beheer, "contractregels": _beheer,
            "mededeling": ("view",),
        },
        "contractbeheer": {
            "beheerregels": ("view",), "verantwoordingseis": ("view",), "meldingsoort": ("view",),
            "verantwoording": ("view",), "melding": ("view",), "informatieverzoek": ("add", "view"),
            "onderzoek": ("add", "view"),
            # Issue 14: the Inkoper reads monitoring and enforcement; the Contractmanager acts.
            "kpi": ("view",), "wachttijdnorm": ("view",), "boetesoort": ("view",), "budgetplafond": _beheer,
            "leegstandsregeling": ("view",), "kpiwaarde": ("view",), "wachttijd": ("view",),
            "contractgesprek": ("view",), "signaal": ("view",), "maatregel": ("view",), "boete": ("view",),
            "beddenoverzicht": ("view",),
        },
        # Issue 16: the bureau answers Woo requests and publishes actively; changes only through woo.services.
        "woo": {"woogrond": ("view",), "woometadata": ("change", "view"), "wooverzoek": ("add", "change", "view"),
                "verzoekstuk": ("change", "view"), "lakmarkering": ("add", "view")},
        # No "publish" (ADR 0006): the four-eyes workflow is the only road to publication.
        "wagtailcore": {"page": ("add", "change")},
        "wagtaildocs": {"document": ("add", "change", "choose")},
    },
    CONTRACTMANAGER: {
        "wagtailadmin": {"admin": ("access",)},
        "organisaties": {"organisatie": ("view",), "lidmaatschap": ("view",)},
        "core": {"auditregel": ("view",)},
        "aanbesteding": {"aanbesteding": ("view",), "perceel": ("view",), "product": ("view",), "tarief": _beheer},
        "overeenkomst": {
            "overeenkomst": _beheer, "deelname": _beheer, "addendum": _beheer, "wijzigingsverzoek": _beheer,
            "uittreding": _beheer, "clientenstop": _beheer, "indexatieronde": _beheer,
            "contractregels": ("change", "view"), "mededeling": ("view",),
        },
        # Issue 13: the rules per procedure and the duties; submissions, meldingen and answers change only
        # through the contractbeheer services (custom screens), never through a generic edit screen.
        "contractbeheer": {
            "beheerregels": ("change", "view"), "verantwoordingseis": _beheer, "meldingsoort": _beheer,
            "verantwoording": ("view",), "melding": ("view",), "informatieverzoek": ("add", "view"),
            "onderzoek": ("add", "view"),
            # Issue 14: norms and schedules as snippets; figures, talks, signals, measures, fines and bed
            # overviews change only through the services (custom screens).
            "kpi": _beheer, "wachttijdnorm": _beheer, "boetesoort": ("change", "view"), "budgetplafond": _beheer,
            "leegstandsregeling": ("change", "view"), "leegstandsverdeling": ("change", "view"),
            "kpiwaarde": ("view",), "wachttijd": ("view",), "contractgesprek": ("add", "view"),
            "signaal": ("add", "view"), "maatregel": ("add", "view"), "boete": ("view",),
            "beddenoverzicht": ("view",),
        },
    },
    BEOORDELAAR: {
        "wagtailadmin": {"admin": ("access",)},
        "toetsing": {"beoordeling": ("add", "change", "view")},
    },
    REDACTEUR: {
        "wagtailadmin": {"admin": ("access",)},
        "wagtailcore": {"page": ("add", "change")},
        "wagtaildocs": {"document": ("add", "change", "choose")},
        "wagtailimages": {"image": ("add", "change", "choose")},
        "aanbesteding": {"aanbesteding": ("view",), "vraag": ("view",)},
    },
    SROI_ADVISEUR: {
        "wagtailadmin": {"admin": ("access",)},
        "organisaties": {"organisatie": ("view",)},
        "sroi": {
            "sroiregime": _beheer, "waarderingstabel": _beheer, "sroiplan": ("change", "view"),
            "sroiactiviteit": ("change", "view"), "sroirapportage": ("change", "view"),
            "waarderingsregel": _beheer, "doelgroep": _beheer, "sroiomzet": ("add", "change", "view"),
            "sroibewijsstuk": ("view",),
        },
    },
    # Only the signal form and their own signals (contractbeheer), and the register; the register of contracted
    # providers is public, so no model permission is needed for it.
    GEMEENTE: {
        "wagtailadmin": {"admin": ("access",)},
        "contractbeheer": {"signaal": ("add",)},
    },
    PLATFORMBEHEERDER: {
        "wagtailadmin": {"admin": ("access",)},
        "organisaties": {"regio": _beheer, "gemeente": _beheer, "regiorol": _beheer},
    },
}


def _codenamen(rechten):
    for app_label, modellen in rechten.items():
        for model, acties in modellen.items():
            for actie in acties:
                if app_label == "wagtailadmin":
                    yield app_label, "access_admin"
                elif app_label in {"wagtailcore", "wagtaildocs", "wagtailimages"} and actie in {"publish", "choose"}:
                    yield app_label, f"{actie}_{model}"
                else:
                    yield app_label, f"{actie}_{model}"


def synchroniseer_staffgroepen(sender=None, **kwargs):
    """Create the staff groups and give them exactly the permissions above that exist. Idempotent."""
    for naam, rechten in GROEPSRECHTEN.items():
        groep, _ = Group.objects.get_or_create(name=naam)
        gewenst = set(_codenamen(rechten))
        perms = [
            p for p in Permission.objects.filter(codename__in={c for _, c in gewenst}).select_related("content_type")
            if (p.content_type.app_label, p.codename) in gewenst
        ]
        groep.permissions.set(perms)


def rollen_met_recht(perm: str) -> frozenset[str]:
    """The regional roles whose group holds ``perm`` (``"app_label.codename"``)."""
    return _ROLLEN_PER_RECHT.get(perm, frozenset())


_ROLLEN_PER_RECHT: dict[str, frozenset[str]] = {}
for _rol in REGIOROLLEN:
    for _app, _code in _codenamen(GROEPSRECHTEN[_rol]):
        _ROLLEN_PER_RECHT[f"{_app}.{_code}"] = _ROLLEN_PER_RECHT.get(f"{_app}.{_code}", frozenset()) | {_rol}


def is_staff_gebruiker(user) -> bool:
    """Staff of the bureau: superusers and members of a staff group. They must use MFA (issue 2)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    groepen = getattr(user, "_staffgroepen_cache", None)
    if groepen is None:
        groepen = set(user.groups.filter(name__in=STAFFGROEPEN).values_list("name", flat=True))
        user._staffgroepen_cache = groepen
    return bool(groepen)


def heeft_staffgroep(user, *namen: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    is_staff_gebruiker(user)
    return bool(set(namen) & getattr(user, "_staffgroepen_cache", set()))
