"""People who write and review content, and the medical review every health page carries."""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.models import PreviewableMixin, RevisionMixin
from wagtail.search import index

from .. import get_author_model_string
from ..api.fields import AuthorField, DateValueField, ImageField
from ..panels import PageTypeChooserPanel


class AbstractAuthor(PreviewableMixin, RevisionMixin, index.Indexed, models.Model):
    """
    A person who writes or medically reviews content: shown in bylines, as a
    page's medical reviewer, and in structured data. Kept in the shared core
    because every app's pages name reviewers and no app may import another.

    A host project that needs more about its people subclasses this, adds its
    fields (and panels) and names the model in `CLINIC_AUTHOR_MODEL`; see
    docs/install.md. The API, the JSON-LD and the byline read only the fields
    declared here.
    """

    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("Full name as it should appear in bylines, e.g. 'Dr Ana Silva'."),
    )
    credentials = models.CharField(
        _("credentials"),
        max_length=80,
        blank=True,
        help_text=_("Qualifications shown after the name, e.g. 'MD' or 'RN, MSc'."),
    )
    job_title = models.CharField(
        _("job title"),
        max_length=120,
        blank=True,
        help_text=_("e.g. 'Consultant dermatologist' or 'Aesthetic nurse practitioner'."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A head-and-shoulders photo; its description is used as alt text."),
    )
    bio = models.TextField(
        _("short biography"),
        blank=True,
        max_length=800,
        help_text=_("Two or three sentences about their training and experience."),
    )
    profile_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("profile page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A page on this site about this person, if there is one."),
    )
    profile_url = models.URLField(
        _("profile web address"),
        blank=True,
        help_text=_("Or a profile on another site, e.g. a professional register entry."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The admin account of this person, if they review health content. When they "
            "approve a clinical review, this author is shown as the page's medical reviewer."
        ),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("credentials")]),
        FieldPanel("job_title"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [
                PageTypeChooserPanel(
                    "profile_page",
                    page_type="clinic_site.ClinicianPage",
                    help_text=_(
                        "Their profile under 'Our team', if they have one: bylines and "
                        "'Medically reviewed by' lines then link to it and show their "
                        "specialty, and the profile lists what they wrote and reviewed."
                    ),
                ),
                FieldPanel("profile_url"),
            ],
            heading=_("Profile"),
        ),
        # Only those who manage accounts link one; editors never see the list of accounts.
        FieldPanel("user", permission="auth.change_user"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("credentials"),
    ]

    api_fields = [
        APIField("name"),
        APIField("credentials"),
        APIField("job_title"),
        APIField("bio"),
        APIField("photo", serializer=ImageField()),
        APIField("profile_link"),
    ]

    class Meta:
        abstract = True
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name

    @cached_property
    def clinician(self):
        """
        The live clinician profile chosen as this person's profile page, with its
        specialties, or None: from the content cache, so a byline costs no query.
        """
        if not self.profile_page_id:
            return None
        from .clinicians import clinician_profile

        return clinician_profile(self.profile_page_id)

    @property
    def portrait(self):
        """Their photo for bylines and author boxes: their own, else their clinician profile's."""
        if self.photo_id:
            return self.photo
        return self.clinician.photo if self.clinician is not None else None

    @property
    def portrait_alt(self):
        """The portrait's description in the image library, as its alt text."""
        portrait = self.portrait
        return (portrait.description or portrait.title) if portrait is not None else ""

    @property
    def specialty(self):
        """Their main specialty (the profile's first), shown beside their name as a reviewer."""
        return self.clinician.main_specialty if self.clinician else None

    @property
    def profile_link(self):
        if self.profile_page_id and self.profile_page.live:
            return self.profile_page.url
        return self.profile_url

    def get_preview_template(self, request, mode_name):
        return "clinic_site/components/author_preview.html"

    def to_json_ld(self, request=None):
        """
        A schema.org `Person`. With a clinician profile it is the profile's: `url` the
        profile, `sameAs` their register entry. Without one there is no `url` (no page
        here is about them), and their profile on another site, e.g. a register entry,
        is `sameAs`, so search engines can tie the byline to it.
        """
        if self.clinician is not None:
            data = self.clinician.get_person_json_ld(request)
            same_as = data.get("sameAs", [])
            if self.profile_url and self.profile_url not in same_as:
                data["sameAs"] = [*same_as, self.profile_url]
            return data
        data = {"@type": "Person", "name": self.name}
        if self.credentials:
            data["honorificSuffix"] = self.credentials
        if self.job_title:
            data["jobTitle"] = self.job_title
        if self.profile_url:
            data["sameAs"] = [self.profile_url]
        return data


class Author(AbstractAuthor):
    """The default author model; `get_author_model()` returns the one in use."""


class MedicalReviewMixin(models.Model):
    """
    Who medically reviewed a page and when. Pages that carry health claims use
    it, and so do snippets shown on them (the treatments app's shared questions);
    the "Content due for medical review" report lists every model that does,
    found at run time, and `seo.medical_web_page()` turns it into
    `reviewedBy`/`lastReviewed`. A model whose display title is not in a `title`
    field names it in `review_title_field`.

    Only an approval in the "Clinical review" workflow task writes the reviewer
    and date (editors see them read-only), and the page shows them only while its
    content is what was approved (`review_is_current`; see `clinic_site.review`).
    List fields that are not medical content (an article's date, whether comments
    are open) in `review_exempt_fields`, so changing them needs no new review.
    """

    reviewer = models.ForeignKey(
        get_author_model_string(),
        verbose_name=_("medical reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The clinician who approved this page in the clinical review; set when they approve it."
        ),
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_(
            "The date of the last approval in the clinical review. Pages not reviewed "
            "within the review interval appear in the 'Content due for medical review' "
            "report."
        ),
    )
    reviewed_content_hash = models.CharField(max_length=64, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)

    review_exempt_fields = ()
    review_title_field = "title"
    # What the reviewer's byline shows (name, photo, profile page): the
    # `select_related()` a page's `select_shown()` adds for it.
    reviewer_byline_related = ("reviewer", "reviewer__photo", "reviewer__profile_page")

    review_api_fields = [
        APIField("reviewer", serializer=AuthorField(source="current_reviewer", read_only=True)),
        APIField("last_reviewed", serializer=DateValueField(source="current_review_date")),
    ]

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("reviewer", read_only=True),
                FieldPanel("last_reviewed", read_only=True),
            ],
            heading=_("Medical review"),
            help_text=_(
                "Filled in when a clinical reviewer approves the page: choose \u201cSubmit "
                "to Clinical review\u201d to send it to them. Shown on the page only while "
                "its content is what they approved."
            ),
        )
    ]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            from ..review import content_hash

            self.content_hash = content_hash(self)
        return super().save(*args, **kwargs)

    @property
    def review_author(self):
        """The reviewer, for the API; pages that cache what they show return their copy."""
        return self.reviewer

    @property
    def review_is_current(self):
        """Whether a clinician approved exactly the content this page holds."""
        return bool(
            self.reviewer_id
            and self.last_reviewed
            and self.reviewed_content_hash
            and self.reviewed_content_hash == self.content_hash
        )

    @property
    def current_reviewer(self):
        return self.review_author if self.review_is_current else None

    @property
    def current_review_date(self):
        return self.last_reviewed if self.review_is_current else None

    def serve_preview(self, request, mode_name):
        # The preview shows the review line only if this very content was approved.
        from ..review import content_hash

        self.content_hash = content_hash(self)
        return super().serve_preview(request, mode_name)

    def get_workflow(self):
        """The section's workflow if it has a clinical review step, else the clinical review."""
        from ..review import health_page_workflow

        return health_page_workflow(super().get_workflow())

    def permissions_for_user(self, user):
        from ..review import HealthPagePermissionTester

        return HealthPagePermissionTester(user, self)
