"""The site's name in templates rendered outside a request (the task mails): ``{% portaal_naam %}`` (ADR 0028)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def portaal_naam() -> str:
    return settings.PORTAAL_NAAM
