from django import template

from core.geld import formatteer_euro

register = template.Library()


@register.filter
def sroi_euro(waarde):
    """€ 1.234,56; empty for None."""
    if waarde in (None, ""):
        return ""
    return formatteer_euro(waarde)
