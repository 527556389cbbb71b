from .eherkenning import SESSIE_KVK
from .rollen import is_staff_gebruiker
from .selectors import aantal_ongelezen


def organisatie(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    org = getattr(request, "organisatie", None)
    kvk = getattr(request, "session", {}).get(SESSIE_KVK)
    return {
        "actieve_organisatie": org if org else None,
        "is_staff_gebruiker": is_staff_gebruiker(user),
        # The unread count next to "Berichten" in the navigation (issue 12): one query, only when shown.
        "ongelezen_berichten": lambda: aantal_ongelezen(org, user),
        # The organisation switcher: after an eHerkenning login only the asserted KvK number's (issue 16).
        "mijn_organisaties": lambda: list(user.lidmaatschappen.select_related("organisatie").filter(
            organisatie__kvk_nummer=kvk) if kvk else user.lidmaatschappen.select_related("organisatie")),
    }
