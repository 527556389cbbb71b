from django import template

from core.geld import formatteer_euro

register = template.Library()


@register.filter
def sroi_euro(waarde):
    """€ 1.234,56; empty for None."""
    if waarde in (None, ""):
        return ""
    return formatteer_euro(waarde)


@register.filter
def sroi_procent(deel, geheel):
    """Share in whole percent, for the inline chart (0-100)."""
    try:
        return max(0, min(100, int(float(deel) * 100 / float(geheel)))) if float(geheel) > 0 else 0
    except (TypeError, ValueError):
        return 0
