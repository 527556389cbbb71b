"""Template filters of the monitoring pages (issue 14): a traffic light as dot and word, a figure in Dutch
notation."""

from django import template

from ..grafiek_monitoring import getal as _getal
from ..grafiek_monitoring import stip as _stip

register = template.Library()


@register.filter
def stoplicht(kleur):
    return _stip(kleur)


@register.filter
def getal(waarde):
    return _getal(waarde)


@register.filter
def uit(mapping, sleutel):
    """``mapping[sleutel]`` or None (a dict keyed by id, in a table per perceel)."""
    return mapping.get(sleutel) if mapping else None
