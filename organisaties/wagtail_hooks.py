"""The platform administrator's screens (issue 17): regions configured without a developer, and who works for
which bureau ("Medewerkers per regio", organisaties/admin_views.py).

Only the group Platformbeheerder holds the model permissions on regions and municipalities (organisaties/rollen.py);
a bureau's own staff do not reach these screens. Every save goes through ``services.regio_opslaan``, which audits
the old and new values.
"""

from django.core.exceptions import ValidationError
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from core.audit_schermen import AuditViewSetMixin

from . import admin_views
from .models import Regio
from .services import regio_opslaan


class _RegioOpslaan:
    """Save through the service (permission, lock, audit of old and new values) instead of Wagtail's action."""

    def save_instance(self):
        self.new_revision = None
        return regio_opslaan(formulier=self.form, door=self.request.user)

    def form_valid(self, form):
        # The save runs in Wagtail's transaction, so a refusal leaves nothing behind; show it on the form.
        try:
            return super().form_valid(form)
        except ValidationError as fout:
            form.add_error(None, fout.messages)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class RegioCreateView(_RegioOpslaan, CreateView):
    pass


class RegioEditView(_RegioOpslaan, EditView):
    pass


class RegioViewSet(AuditViewSetMixin, SnippetViewSet):
    # Saves are audited by regio_opslaan; the mixin adds the delete (and skips a second entry for a save).
    model = Regio
    icon = "site"
    menu_label = "Regio's"
    menu_order = 8900
    add_to_admin_menu = True
    add_view_class = RegioCreateView
    edit_view_class = RegioEditView
    list_display = ["naam", "slug", "bureau_naam", "contact_email"]
    search_fields = ["naam", "bureau_naam"]
    edit_handler = TabbedInterface([
        ObjectList([
            MultiFieldPanel([FieldPanel("naam"), FieldPanel("slug")], heading="Regio"),
            MultiFieldPanel(
                [FieldPanel("bureau_naam"), FieldPanel("postadres"), FieldPanel("contact_email"),
                 FieldPanel("contact_telefoon"), FieldPanel("website")],
                heading="Inkoopbureau",
            ),
            FieldPanel("intro"),
        ], heading="Algemeen"),
        ObjectList([
            InlinePanel("gemeenten", heading="Gemeenten en hun domeinen", label="gemeente",
                        panels=[FieldPanel("naam"), FieldPanel("doet_mee_jeugd"), FieldPanel("doet_mee_wmo")]),
        ], heading="Gemeenten"),
        ObjectList([
            FieldPanel("logo"), FieldPanel("kleur_primair"), FieldPanel("kleur_accent"),
        ], heading="Huisstijl"),
        ObjectList([
            FieldPanel("ondertekening"), FieldPanel("rechtsmiddelen"), FieldPanel("klachten"),
        ], heading="Teksten in brieven"),
    ])


register_snippet(RegioViewSet)


@hooks.register("register_admin_urls")
def regio_medewerkers_urls():
    return [
        path("regio-medewerkers/", admin_views.regio_medewerkers, name="organisaties_regio_medewerkers"),
        path("regio-medewerkers/<int:pk>/intrekken/", admin_views.regiorol_intrekken, name="organisaties_regiorol_intrekken"),
    ]


class RegioMedewerkersMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.mag_regio_medewerkers_beheren(request.user)


@hooks.register("register_admin_menu_item")
def regio_medewerkers_menu():
    return RegioMedewerkersMenuItem("Medewerkers per regio", reverse("organisaties_regio_medewerkers"),
                                    icon_name="group", order=8950)
