"""
An article: byline, date, table of contents, body, related treatments and
comments, with the inline lists of its authors and related treatments.

Related treatments are chosen from `"treatments.TreatmentPage"` by name only, so
the blog works in a project without that app (any page may then be chosen).
"""

import copy
import datetime

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from clinic_site import (
    content_cache,
    get_author_model_string,
    sharing,
)
from clinic_site.api.fields import PageLinkListField
from clinic_site.blocks import headings_with_anchors
from clinic_site.cards import chosen_pages
from clinic_site.models import BasePage, MedicalReviewMixin
from clinic_site.panels import PageTypeChooserPanel

from .. import conf
from ..api.fields import (
    AuthorListField,
    BooleanValueField,
    CommentListField,
    IntegerValueField,
    TableOfContentsField,
    TopicListField,
)
from ..blocks import ArticleStreamBlock
from ..reading import count_words
from .commenting import CommentsMixin
from .structured_data import BlogPostingMixin
from .taxonomy import BlogPostTag

TREATMENT_PAGE_TYPE = "treatments.TreatmentPage"
# How many other articles an article suggests at its end.
RELATED_POSTS = 3


class BlogPostPage(
    RoutablePageMixin, CommentsMixin, BlogPostingMixin, MedicalReviewMixin, BasePage
):
    """An article: byline, date, table of contents, body, related treatments and comments."""

    date = models.DateField(
        _("article date"),
        null=True,
        blank=True,
        db_index=True,  # lists are ordered and archived by it
        help_text=_(
            "Shown in the byline and used to order articles. Leave empty to use the day "
            "the article is first published."
        ),
    )
    body = StreamField(
        ArticleStreamBlock(),
        verbose_name=_("article"),
        blank=True,
        help_text=_(
            "The article itself. Start each section with a heading: headings make up the "
            "table of contents."
        ),
    )
    show_table_of_contents = models.BooleanField(
        _("show table of contents"),
        default=True,
        help_text=_("List the article's headings at the top so readers can jump to a section."),
    )
    categories = ParentalManyToManyField(
        "blog.BlogCategory",
        verbose_name=_("categories"),
        blank=True,
        related_name="posts",
        help_text=_("The broad subjects this article belongs to; most articles need one."),
    )
    tags = ClusterTaggableManager(
        through=BlogPostTag,
        verbose_name=_("tags"),
        blank=True,
        help_text=_(
            "Specific topics, e.g. 'migraine' or 'botox'. Readers can list every article "
            "with the same tag."
        ),
    )
    word_count = models.PositiveIntegerField(
        _("word count"),
        default=0,
        editable=False,
        help_text=_("Counted from the article when it is saved; gives its reading time."),
    )
    comments_open = models.BooleanField(
        _("allow comments"),
        default=True,
        help_text=_(
            "Untick to close comments on this article. Comments already approved stay visible."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("show_table_of_contents"),
        FieldPanel("body"),
    ]
    people_panels = [
        InlinePanel(
            "post_authors",
            label=_("Author"),
            heading=_("Authors"),
            help_text=_("Who wrote the article, in the order the byline lists them."),
        ),
        *MedicalReviewMixin.review_panels,
    ]
    topic_panels = [
        FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        MultiFieldPanel(
            [InlinePanel("related_treatments", label=_("Related treatment"))],
            heading=_("Related treatments"),
            help_text=_("Treatments this article is about; shown as cards after the article."),
        ),
    ]
    settings_panels = [*BasePage.settings_panels, FieldPanel("comments_open")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(people_panels, heading=_("Authors & review")),
            ObjectList(topic_panels, heading=_("Topics & related")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        # Patients search by topic: the tags and categories an article is filed under.
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    search_result_label = _("Article")

    api_fields = [
        *BasePage.api_fields,
        APIField("date"),
        APIField("authors", serializer=AuthorListField()),
        *MedicalReviewMixin.review_api_fields,
        APIField("categories", serializer=TopicListField(source="api_categories")),
        APIField("tags", serializer=TopicListField(source="api_tags")),
        APIField("reading_time", serializer=IntegerValueField()),
        APIField("show_table_of_contents"),
        APIField("table_of_contents", serializer=TableOfContentsField()),
        APIField("body"),
        APIField(
            "related_treatments", serializer=PageLinkListField(source="get_related_treatments")
        ),
        APIField("related_posts", serializer=PageLinkListField(source="get_related_posts")),
        APIField("comments_enabled", serializer=BooleanValueField()),
        APIField("comment_count", serializer=IntegerValueField(source="approved_comment_total")),
        APIField("comments", serializer=CommentListField(source="approved_comments")),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []
    # Neither is medical content: changing them needs no new clinical review.
    review_exempt_fields = ("date", "comments_open")
    # How a clinician's profile finds the articles they wrote (`clinic_site.models.clinicians`).
    author_lookup = "post_authors__author"
    # How a treatment page finds the articles about it, newest first (`clinic_site.related`).
    about_lookup = "related_treatments__page"
    about_ordering = ("-date", "-first_published_at", "-pk")

    class Meta:
        verbose_name = _("blog article")
        verbose_name_plural = _("blog articles")

    @classmethod
    def select_shown(cls, queryset):
        return super().select_shown(queryset).select_related(*cls.reviewer_byline_related)

    def clean(self):
        super().clean()
        # Counted here too, so a draft's revision and its preview carry its own count.
        self.word_count = count_words(self.body)

    def save(self, *args, **kwargs):
        if self.date is None and self.first_published_at:
            self.date = timezone.localdate(self.first_published_at)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.word_count = count_words(self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "word_count"}
        return super().save(*args, **kwargs)

    # Derived values (read by templates and, later, the API) ----------------

    @property
    def display_date(self):
        if self.date:
            return self.date
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return None

    @property
    def published_at(self):
        """
        When the article counts as published, as a date-time for structured data and
        Open Graph: its first publication when that fell on the article's date, else
        the start of the date an editor gave (an article moved from another site).
        """
        first = self.first_published_at or self.last_published_at
        if self.date is None or (first and timezone.localdate(first) == self.date):
            return first
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time.min))

    @cached_property
    def table_of_contents(self):
        """
        The body's headings as `{"id", "text", "level"}`, in order, with the ids the
        rendered headings and the API have (`headings_with_anchors()`): a heading's
        link name or text, so re-ordering sections keeps them, numbered -2, -3 ... when
        repeated.
        """
        return [
            {"id": anchor, "text": child.value["text"], "level": child.value["level"]}
            for child, anchor in headings_with_anchors(self.body)
        ]

    @property
    def reading_time(self):
        """Minutes to read the body, at least one, from the word count stored on save."""
        return max(1, round(self.word_count / conf.get("BLOG_WORDS_PER_MINUTE")))

    @property
    def byline_authors(self):
        """Authors in byline order; uses the listing's prefetched authors when there are any."""
        return [link.author for link in self.post_authors.all()]

    @property
    def comments_enabled(self):
        return bool(conf.get("BLOG_COMMENTS_ENABLED") and self.comments_open)

    @cached_property
    def linked(self):
        """
        What the article shows beside its body, looked up together: its authors
        (with photos and profile pages), categories, tags, related treatments (as
        cards), medical reviewer and approved comments. Kept in the content cache
        (`clinic_site.content_cache`) until content changes; a preview or a draft,
        whose lists are held in memory, is read as it is.
        """
        if self.pk is None or getattr(self, "_cluster_related_objects", None):
            return self._load_linked()
        return content_cache.get_or_set(f"blog:post:{self.pk}:linked", self._load_linked)

    def _load_linked(self):
        links = self.post_authors.select_related("author", "author__photo", "author__profile_page")
        authors = [link.author for link in links]
        reviewer = self.reviewer
        if reviewer is not None:
            reviewer.photo, reviewer.profile_page  # noqa: B018 - loaded now, cached with the rest
        for person in [*authors, reviewer]:
            if person is not None:
                person.clinician  # noqa: B018 - their profile (byline link, JSON-LD), cached too
        categories = list(self.categories.all())
        tags = list(self.tags.all())
        treatment_links = list(self.related_treatments.select_related("page"))
        return {
            "authors": authors,
            "categories": categories,
            "tags": tags,
            "related_treatments": chosen_pages([link.page for link in treatment_links]),
            "related_posts": self._related_posts(
                categories, tags, [link.page_id for link in treatment_links]
            ),
            "reviewer": reviewer,
            # Public parts only: the cache never holds a reader's e-mail address.
            "comments": list(
                self.get_approved_comments().only("pk", "post_id", "name", "body", "created_at")
            ),
        }

    def _related_posts(self, categories, tags, treatment_ids):
        """
        Up to `RELATED_POSTS` other live, public articles of the same blog that share
        a category, a tag or a related treatment with this one, newest first: one query.
        """
        index = self.get_index() if self.pk is not None else None
        if index is None:
            return []
        shared = Q()
        if categories:
            shared |= Q(categories__in=[category.pk for category in categories])
        if tags:
            shared |= Q(tags__in=[tag.pk for tag in tags])
        if treatment_ids:
            shared |= Q(related_treatments__page_id__in=treatment_ids)
        if not shared:
            return []
        matching = (
            BlogPostPage.objects.child_of(index).live().public().filter(shared).exclude(pk=self.pk)
        )
        return list(
            BlogPostPage.objects.filter(pk__in=matching.values("pk"))
            .select_related("hero_image")
            .order_by("-date", "-first_published_at", "-pk")[:RELATED_POSTS]
        )

    @property
    def authors(self):
        """The byline's authors in order, with their photos."""
        return self.linked["authors"]

    @property
    def tag_list(self):
        return self.linked["tags"]

    @property
    def review_author(self):
        return self.linked["reviewer"]

    @cached_property
    def topic_links(self):
        return self.get_topic_links()

    @property
    def api_categories(self):
        """Categories with their list addresses, for the API."""
        return self.topic_links.get("categories", [])

    @property
    def api_tags(self):
        return self.topic_links.get("tags", [])

    @property
    def booking_treatment(self):
        """Links to the consultation form from this article preselect its first treatment."""
        treatments = self.get_related_treatments()
        return treatments[0] if treatments else None

    def get_related_posts(self):
        """Other articles on the same subjects (see `_related_posts()`), cached with the content."""
        return self.linked["related_posts"]

    def get_share_links(self, request=None):
        """Links that share the article's canonical address and title (`clinic_site.sharing`)."""
        return sharing.share_links(self.get_full_url(request), self.seo_title or self.title)

    def get_related_treatments(self):
        """Live related pages as their specific types, in the editor's order, with images."""
        return self.linked["related_treatments"]

    def get_index(self):
        """
        The blog index this article belongs to, as a `BlogIndexPage`: the parent
        among the breadcrumbs (no query of its own; its own fields load only if read).
        """
        from .index_page import BlogIndexPage  # the index imports this module to list articles

        if self.pk is None:  # an article not saved yet, in preview
            return BlogIndexPage.objects.parent_of(self).first()
        ancestors = self.get_breadcrumbs()  # routing's, or cached for the index's articles
        parent = ancestors[-1] if ancestors else None
        if parent is None or not issubclass(parent.specific_class or type(None), BlogIndexPage):
            return None
        return parent.specific_deferred

    def get_topic_links(self, request=None):
        """The article's categories and tags, each with the address of its list of articles."""
        index = self.get_index()
        if index is None:  # only while an editor previews an article not yet saved
            return {}
        categories = [copy.copy(category) for category in self.linked["categories"]]
        tags = [copy.copy(tag) for tag in self.linked["tags"]]
        for category in categories:
            category.list_url = index.route_url("category", category.slug, request=request)
        for tag in tags:
            tag.list_url = index.route_url("tag", tag.slug, request=request)
        return {
            "categories": categories,
            "tags": tags,
            "blog_index": index,
            "feed_urls": index.get_feed_urls(request),
        }

    def get_context(self, request, *args, comment_form=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What only the article's kept-rendered parts show (`{% contentcache %}`)
        # is looked up when they render, not when they are read from the cache.
        topics = SimpleLazyObject(lambda: self.get_topic_links(request))
        index = self.get_index()
        context.update(
            authors=SimpleLazyObject(lambda: self.authors),
            categories=SimpleLazyObject(lambda: topics.get("categories", [])),
            tags=SimpleLazyObject(lambda: topics.get("tags", [])),
            blog_index=index,
            feed_urls=index.get_feed_urls(request) if index is not None else None,
            related_treatments=SimpleLazyObject(self.get_related_treatments),
            related_posts=SimpleLazyObject(self.get_related_posts),
            share_links=SimpleLazyObject(lambda: self.get_share_links(request)),
            comments=SimpleLazyObject(lambda: self.approved_comments),
        )
        if self.comments_enabled:
            context["comment_form"] = comment_form or self.get_comment_form_class()()
        context["comment_url"] = (self.url or "") + self.reverse_subpage("comment")
        return context


class BlogPostAuthor(Orderable):
    """One author of an article, in the byline's order."""

    post = ParentalKey(BlogPostPage, on_delete=models.CASCADE, related_name="post_authors")
    author = models.ForeignKey(
        get_author_model_string(),
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Choose a person from the list of authors, or add them there first."),
    )

    panels = [FieldPanel("author")]

    class Meta(Orderable.Meta):
        verbose_name = _("article author")
        verbose_name_plural = _("article authors")


class BlogPostRelatedTreatment(Orderable):
    """A treatment page an article is about, shown as a card after it."""

    post = ParentalKey(BlogPostPage, on_delete=models.CASCADE, related_name="related_treatments")
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("treatment"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A treatment page this article is about; only published pages are shown."),
    )

    panels = [PageTypeChooserPanel("page", page_type=TREATMENT_PAGE_TYPE)]

    class Meta(Orderable.Meta):
        verbose_name = _("related treatment")
        verbose_name_plural = _("related treatments")
