from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def audit_urls():
    return [
        path("audit/", views.audit_overzicht, name="core_audit"),
        path("audit/<str:app_label>/<str:model>/<str:pk>/", views.audit_object, name="core_audit_object"),
    ]


class AuditMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("core.view_auditregel")


@hooks.register("register_admin_menu_item")
def audit_menu():
    return AuditMenuItem("Audittrail", reverse("core_audit"), icon_name="history", order=9000)


@hooks.register("insert_global_admin_js")
def admin_zonder_inline_scripts():
    """Starts the widgets our template overrides no longer start inline (Content-Security-Policy, issue 11)."""
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}"></script>', static("portal/admin-csp.js"))


@hooks.register("construct_reports_menu")
def rapporten_alleen_voor_superusers(request, menu_items):
    """Wagtail's reports are not region-scoped (core.views.wagtail_rapporten): not in a bureau's menu."""
    if not request.user.is_superuser:
        menu_items[:] = []


@hooks.register("before_bulk_action")
def bulkverwijdering_in_audittrail(request, action_type, objects, action_class_instance):
    """Issue 18: a bulk delete through the snippet listings lands in the audit trail like the delete view."""
    from .audit_schermen import bulk_verwijdering_auditen

    bulk_verwijdering_auditen(request, action_type, objects)
