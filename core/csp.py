"""Wagtail admin widgets without inline scripts, so the Content-Security-Policy can forbid them (issue 11).

Wagtail 8's chooser widgets (page, snippet, image, document) render ``<html><script>new XChooser(id, opts)
</script>``. A strict script-src blocks that script and the chooser stays dead. ``BaseChooser.render`` is
replaced once at start-up by a version that leaves the same constructor name, id and options in data
attributes; ``portal/static/portal/admin-csp.js`` starts them (on load and when Wagtail inserts new forms).
The date/time widgets and inline panels are covered the same way by template overrides in
portal/templates/wagtailadmin/. ``tests/browser/test_csp.py`` fails when a Wagtail upgrade adds another inline
script or changes these signatures.
"""

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe


def _render_zonder_inline_script(self, name, value, attrs=None, renderer=None):
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    opties = self.get_js_init_options(id_, name, value_data)
    starter = format_html(
        '<span hidden data-portaal-init="{}" data-doel="{}" data-opties="{}"></span>',
        self.js_constructor, id_, json.dumps(opties),
    )
    return mark_safe(f"{widget_html}{starter}")  # noqa: S308 - widget_html is Wagtail's own escaped output


def choosers_zonder_inline_script() -> None:
    from wagtail.admin.widgets.chooser import BaseChooser

    BaseChooser.render = _render_zonder_inline_script
