"""Wagtail pages only. The CMS is a leaf: it reads the domain through selectors; no domain app imports cms."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    intro = RichTextField("introductie", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1

    class Meta:
        verbose_name = "homepagina"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["blokken"] = homepage_blokken()
        return context


def homepage_blokken():
    """Sections later issues add to the home page (procedures, product books, register)."""
    return []
