from django import template

from core.geld import formatteer_euro

register = template.Library()


@register.filter
def euro(waarde):
    """€ 1.234,56 (Dutch notation)."""
    return "" if waarde is None or waarde == "" else formatteer_euro(waarde)


@register.filter
def procent(waarde):
    """+2,5 % / -1,0 % with a decimal comma; empty without a previous year."""
    if waarde is None:
        return ""
    teken = "+" if waarde > 0 else ""
    return f"{teken}{waarde}".replace(".", ",") + " %"


@register.simple_tag
def huisstijl_url(regio):
    """The URL of ``regio``'s stylesheet with its colours (cms/huisstijl.py); '' without a region."""
    from cms import huisstijl

    return huisstijl.url(regio) if regio is not None else ""
