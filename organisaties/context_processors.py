from .rollen import is_staff_gebruiker


def organisatie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    org = getattr(request, "organisatie", None)
    return {
        "actieve_organisatie": org if org else None,
        "is_staff_gebruiker": is_staff_gebruiker(user),
        "mijn_organisaties": lambda: list(user.lidmaatschappen.select_related("organisatie")),
    }
