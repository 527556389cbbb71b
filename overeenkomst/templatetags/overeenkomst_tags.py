from django import template

from core.geld import formatteer_euro

register = template.Library()


@register.filter
def euro(waarde):
    """€ 1.234,56 (Dutch notation); empty for None."""
    return "" if waarde in (None, "") else formatteer_euro(waarde)
