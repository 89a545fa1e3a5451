"""
The consultation form page and the extra questions editors add to it.

The core questions (who, how to reply, what, when, consent) are fixed in
`forms.ConsultationForm` and stored as real columns on the request model
(`requests.py`), so staff can filter, search and export them and the JSON API
validates them the same way. Editors add their own questions with Wagtail's
form builder pieces; their answers are kept in the request's `extra_answers`.
"""

import hashlib

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from clinic_site import chrome, content_cache, seo, visibility
from clinic_site.countries import DEFAULT_COUNTRY
from clinic_site.models import BasePage, ClinicSettings, LocationPage
from clinic_site.panels import PageTypeChooserPanel

from .. import conf, emergency
from ..choices import ConsultationType
from ..forms import ConsultationForm

# Said on the thank-you page and in the patient's confirmation e-mail alike.
DEFAULT_WHAT_HAPPENS_NEXT = (
    "A member of our team will contact you within one working day, in the way you asked "
    "us to, to arrange your consultation. Please keep your reference: quote it if you "
    "call us about your request."
)

DEFAULT_CONSENT_TEXT = (
    "I agree that the clinic may use the information in this form, including anything "
    "about my health, to reply to my request and arrange a consultation."
)


def treatment_page_model():
    """The page model offered as treatments, or None when its app is not installed."""
    try:
        return apps.get_model(conf.get("CONSULTATIONS_TREATMENT_PAGE_MODEL"))
    except (LookupError, ValueError):
        return None


class ConsultationPage(RoutablePageMixin, BasePage):
    """
    The page where patients ask for a consultation. Its form posts back to the
    page; a stored request redirects to the page's thank-you route, addressed
    by a signed token rather than the request's id.
    """

    custom_emergency_notice = models.TextField(
        _("emergency notice"),
        blank=True,
        help_text=_(
            "Shown above the form. Leave empty for the standard wording with the emergency "
            "number of the clinic's country (Settings, Clinic details). If you write your own, "
            "say plainly that the form is not for emergencies and whom to call instead; the "
            "clinic's phone number is added after it."
        ),
    )
    offer_virtual = models.BooleanField(
        _("offer virtual consultations"),
        default=True,
        help_text=_("Patients can choose a video or phone consultation."),
    )
    offer_in_person = models.BooleanField(
        _("offer in-person consultations"),
        default=True,
        help_text=_("Patients can choose to come to the clinic."),
    )
    consent_text = models.TextField(
        _("consent wording"),
        default=DEFAULT_CONSENT_TEXT,
        max_length=1000,
        help_text=_(
            "The sentence patients must tick before sending. The exact words are stored with "
            "each request; changing them starts a new consent version automatically."
        ),
    )
    marketing_text = models.CharField(
        _("marketing opt-in wording"),
        max_length=300,
        default="Send me occasional news and offers by e-mail. I can unsubscribe at any time.",
        help_text=_("The optional tick box for news and offers; it is never ticked for them."),
    )
    submit_label = models.CharField(
        _("button label"),
        max_length=60,
        default="Send my request",
        help_text=_("The text on the button that sends the form."),
    )
    thank_you_heading = models.CharField(
        _("thank-you heading"),
        max_length=120,
        default="Thank you, we have your request",
        help_text=_("The heading patients see after sending the form."),
    )
    what_happens_next = models.TextField(
        _("what happens next"),
        default=DEFAULT_WHAT_HAPPENS_NEXT,
        max_length=1000,
        help_text=_(
            "Shown on the thank-you page and in the patient's confirmation e-mail, in the "
            "same words, e.g. 'We will contact you within one working day.' Promise only "
            "what the front desk can keep."
        ),
    )
    thank_you_message = RichTextField(
        _("more on the thank-you page"),
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text=_(
            "Optional. Anything else to say on the thank-you page, below what happens next, "
            "e.g. how to prepare. Never repeats what the patient wrote."
        ),
    )
    notify_emails = models.TextField(
        _("notify these staff e-mail addresses"),
        help_text=_(
            "One address per line. They get an e-mail saying a request arrived, with a link "
            "to it in the admin; the e-mail never contains the patient's details."
        ),
    )
    send_confirmation = models.BooleanField(
        _("send patients a confirmation e-mail"),
        default=True,
        help_text=_(
            "Patients who give an e-mail address get a short confirmation with their "
            "reference and what happens next; it never repeats what they wrote."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("custom_emergency_notice"),
    ]
    form_panels = [
        MultiFieldPanel(
            [InlinePanel("offered_treatments", label=_("Treatment"))],
            heading=_("Treatments offered"),
            help_text=_(
                "Leave empty to offer every published treatment. 'Not sure yet' is always offered."
            ),
        ),
        FieldRowPanel(
            [FieldPanel("offer_virtual"), FieldPanel("offer_in_person")],
            heading=_("Consultation types"),
        ),
        MultiFieldPanel(
            [FieldPanel("consent_text"), FieldPanel("marketing_text")],
            heading=_("Consent"),
        ),
        InlinePanel("extra_fields", label=_("Extra question")),
        FieldPanel("submit_label"),
    ]
    after_panels = [
        FieldPanel("what_happens_next"),
        MultiFieldPanel(
            [FieldPanel("thank_you_heading"), FieldPanel("thank_you_message")],
            heading=_("Thank-you page"),
        ),
        FieldPanel("notify_emails"),
        FieldPanel("send_confirmation"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(form_panels, heading=_("Form")),
            ObjectList(after_panels, heading=_("After sending")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = WagtailAdminFormPageForm

    # Public texts only: staff addresses and the confirmation e-mail stay in the admin.
    # The form itself (fields, choices, token) is at /api/v3/consultations/form/.
    api_fields = [
        *BasePage.api_fields,
        APIField("emergency_notice"),
        APIField("offer_virtual"),
        APIField("offer_in_person"),
        APIField("consent_text"),
        APIField("marketing_text"),
        APIField("submit_label"),
        APIField("thank_you_heading"),
        APIField("what_happens_next"),
        APIField("thank_you_message"),
    ]

    parent_page_types = ["clinic_site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("consultation page")

    def clean(self):
        super().clean()
        errors = {}
        if not (self.offer_virtual or self.offer_in_person):
            errors["offer_in_person"] = _("Offer at least one kind of consultation.")
        for address in self.notification_recipients:
            try:
                validate_email(address)
            except ValidationError:
                errors["notify_emails"] = _("'%(address)s' is not an e-mail address.") % {
                    "address": address
                }
        if not self.notification_recipients:
            errors["notify_emails"] = _("Give at least one staff e-mail address.")
        if errors:
            raise ValidationError(errors)

    @cached_property
    def clinic_country(self):
        """The clinic's country (`ClinicSettings.country`) for this page's site."""
        # The site's settings as the page chrome reads them: cached, no query.
        clinic = chrome.settings_for_page(ClinicSettings, self)
        return clinic.country if clinic else DEFAULT_COUNTRY

    @property
    def emergency_notice(self):
        """The editor's wording, or the standard one for the clinic's country."""
        custom = (self.custom_emergency_notice or "").strip()
        return custom or str(emergency.emergency_notice(self.clinic_country))

    @property
    def phone_example(self):
        return emergency.phone_example(self.clinic_country)

    @property
    def notification_recipients(self):
        return [line.strip() for line in (self.notify_emails or "").splitlines() if line.strip()]

    @property
    def consent_version(self):
        """Changes whenever the consent wording changes; stored with each request."""
        return hashlib.sha256(self.consent_text.strip().encode()).hexdigest()[:12]

    @property
    def consultation_type_choices(self):
        types = ConsultationType
        offered = [(types.VIRTUAL, self.offer_virtual), (types.IN_PERSON, self.offer_in_person)]
        return [(kind.value, kind.label) for kind, on in offered if on]

    def get_offered_treatments(self):
        """
        Live treatment pages offered in the form: the editor's choice in their
        order, or every live page of the treatment model by title.
        """
        chosen = [item.treatment_id for item in self.offered_treatments.all()]
        if chosen:
            pages = Page.objects.live().public().filter(id__in=chosen)
            by_id = {page.id: page for page in pages}
            return [by_id[i] for i in chosen if i in by_id]
        model = treatment_page_model()
        if model is None:
            return []
        return list(model.objects.live().public().order_by("title"))

    def get_locations(self):
        """
        The clinic's live location pages on this page's site, in the order of the
        site's "Locations" list: where an in-person consultation can take place.
        Kept in the content cache, so showing the form costs no query for them.
        """
        if not (self.path and self.depth):  # a page not in the tree (yet): no site
            return []
        parent_path = self.path[: Page.steplen * (self.depth - 1)]

        def load():
            return list(
                LocationPage.objects.live().filter(path__startswith=parent_path).order_by("path")
            )

        locations = content_cache.get_or_set(f"consultation-locations:{parent_path}", load)
        return [location for location in locations if visibility.is_public(location)]

    def get_extra_form_fields(self):
        return list(self.extra_fields.all())

    def get_form_class(self):
        """The form's class; override to add or change core questions."""
        return ConsultationForm

    def get_form(self, *args, **kwargs):
        return self.get_form_class()(*args, page=self, **kwargs)

    def get_json_ld(self, request=None):
        return [
            seo.web_page(self, request, type_="ContactPage"),
            seo.breadcrumb_list([*self.get_breadcrumbs(), self], request),
        ]

    @path("")
    def form_view(self, request):
        from ..views import consultation_form

        return consultation_form(request, self)

    @path("form-tokens/", name="form_tokens")
    def form_tokens_view(self, request):
        from ..views import form_tokens

        return form_tokens(request, self)

    def serve_csrf_failure(self, request, view=None, args=None, kwargs=None):
        """
        The form sent without a valid CSRF token (`clinic_site.views.csrf_failure`):
        shown again with the patient's answers and fresh tokens.
        """
        if getattr(view, "__name__", "") != "form_view":
            return None
        from ..views import form_needs_resending

        return form_needs_resending(request, self)

    @path("thank-you/<str:token>/", name="thank_you")
    def thank_you_view(self, request, token):
        from ..views import thank_you

        return thank_you(request, self, token)


class ConsultationPageTreatment(Orderable):
    """A treatment the form offers, in the editor's order."""

    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="offered_treatments"
    )
    treatment = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("treatment"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A treatment page patients can ask about."),
    )

    panels = [PageTypeChooserPanel("treatment", page_type="treatments.TreatmentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("offered treatment")
        verbose_name_plural = _("offered treatments")


class ConsultationFormField(AbstractFormField):
    """An extra question an editor adds below the core questions."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="extra_fields")

    class Meta(AbstractFormField.Meta):
        verbose_name = _("extra question")
        verbose_name_plural = _("extra questions")
