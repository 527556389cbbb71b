"""Wagtail pages only. The CMS is a leaf: it reads the domain through selectors; no domain app imports cms."""

from django import forms
from django.db import models
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


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
    """Sections on the home page: the public procedures (issue 3)."""
    from .selectors import openbare_procedurepaginas

    paginas = openbare_procedurepaginas()
    if not paginas:
        return []
    return [{"template": "cms/blokken/procedures.html", "paginas": paginas}]


class InhoudPagina(Page):
    """A plain content page (e.g. the accessibility statement at /toegankelijkheid/)."""

    inhoud = RichTextField("inhoud", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("inhoud")]
    search_fields = [*Page.search_fields, index.SearchField("inhoud")]

    class Meta:
        verbose_name = "inhoudspagina"


class ProcedureIndexPage(Page):
    """The list of procedures, at /procedures/ (its slug must stay "procedures": the stable public URLs)."""

    intro = RichTextField("introductie", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ProcedurePage"]
    max_count = 1

    class Meta:
        verbose_name = "overzicht procedures"

    def get_context(self, request, *args, **kwargs):
        from .selectors import openbare_procedurepaginas, regios

        context = super().get_context(request, *args, **kwargs)
        # Filter by region (issue 17): ?regio=<slug>. An unknown slug shows no procedures and says so.
        alle_regios = regios()
        slug = request.GET.get("regio", "").strip()
        gekozen = next((r for r in alle_regios if r.slug == slug), None)
        onbekend = bool(slug) and gekozen is None
        paginas = [] if onbekend else openbare_procedurepaginas(regio=gekozen)
        context.update(paginas=paginas, regios=alle_regios, regio=gekozen, regio_onbekend=onbekend)
        return context


class ProcedurePaginaForm(WagtailAdminPageForm):
    """The editor picks a procedure of their own regions only (issue 17, cms/redactie.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from organisaties.regios import binnen

        from .redactie import paginabereik

        veld = self.fields.get("aanbesteding")
        if veld is not None and self.for_user is not None:
            veld.queryset = binnen(veld.queryset, paginabereik(self.for_user)).select_related("regio")


class ProcedurePage(RoutablePageMixin, Page):
    """The public page of one procedure with its documents, NvI's, change log, productenboek and register.

    Publishing it goes through the four-eyes workflow (aanbesteding/workflow.py). Its slug is the
    procedure's slug, so its URL is /procedures/<slug>/ (aanbesteding.services.publieke_url).
    """

    REGIO_PAD = "aanbesteding__regio"

    aanbesteding = models.OneToOneField(
        "aanbesteding.Aanbesteding", verbose_name="aanbesteding", on_delete=models.PROTECT, related_name="procedurepagina"
    )
    intro = RichTextField("introductie", blank=True)

    # A plain select, not the snippet chooser: its choices are the form's, limited to the editor's regions.
    content_panels = [*Page.content_panels, FieldPanel("aanbesteding", widget=forms.Select), FieldPanel("intro")]
    base_form_class = ProcedurePaginaForm
    parent_page_types = ["cms.ProcedureIndexPage"]
    subpage_types: list[str] = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.RelatedFields("aanbesteding", [
            index.SearchField("titel"), index.SearchField("samenvatting"), index.SearchField("dossiernummer"),
        ]),
    ]

    class Meta:
        verbose_name = "procedurepagina"

    def permissions_for_user(self, user):
        """Nothing on another region's procedure page (cms/redactie.py); the admin URLs answer 404 for it."""
        from .redactie import pagina_in_bereik

        tester = super().permissions_for_user(user)
        if user.is_active and not user.is_superuser and self.pk and not pagina_in_bereik(user, self.pk):
            tester.permissions = set()
        return tester

    def full_clean(self, *args, **kwargs):
        # The URL must follow the procedure: /procedures/<aanbesteding.slug>/ (links in e-mails, the API and
        # other sites rely on it), whatever slug the editor typed.
        if self.aanbesteding_id:
            self.slug = self.aanbesteding.slug
        super().full_clean(*args, **kwargs)

    # The routes; the views live in cms/views.py to keep the model thin.
    @path("")
    def procedure(self, request):
        from . import views

        return views.procedure(request, self)

    @path("documenten/<slug:document>/")
    def document_huidig(self, request, document):
        from . import views

        return views.document(request, self, document, None)

    @re_path(r"^documenten/(?P<document>[-\w]+)/v(?P<nummer>[0-9]+)/$")
    def document_versie(self, request, document, nummer):
        from . import views

        return views.document(request, self, document, int(nummer))

    @path("nvi/<int:nummer>/")
    def nvi(self, request, nummer):
        from . import views

        return views.nvi(request, self, nummer)

    @path("nvi/<int:nummer>/pdf/")
    def nvi_pdf(self, request, nummer):
        from . import views

        return views.nvi_pdf(request, self, nummer)

    @path("vragen/")
    def vragen(self, request):
        from . import views

        return views.vragen(request, self)

    @path("productenboek/")
    def productenboek_huidig(self, request):
        from . import views

        return views.productenboek_huidig(request, self)

    @path("productenboek/<int:jaar>/")
    def productenboek(self, request, jaar):
        from . import views

        return views.productenboek(request, self, jaar)

    @path("productenboek/<int:jaar>/csv/")
    def productenboek_csv(self, request, jaar):
        from . import views

        return views.productenboek_csv(request, self, jaar)

    @path("productenboek/<int:jaar>/json/")
    def productenboek_json(self, request, jaar):
        from . import views

        return views.productenboek_json(request, self, jaar)

    @path("productenboek/<int:jaar>/verschil/")
    def productenboek_verschil(self, request, jaar):
        from . import views

        return views.productenboek_verschil(request, self, jaar)

    @path("productenboek/<int:jaar>/verschil/csv/")
    def productenboek_verschil_csv(self, request, jaar):
        from . import views

        return views.productenboek_verschil_csv(request, self, jaar)

    @path("register/")
    def register(self, request):
        from . import views

        return views.register(request, self)

    @path("register/csv/")
    def register_csv(self, request):
        from . import views

        return views.register_csv(request, self)
