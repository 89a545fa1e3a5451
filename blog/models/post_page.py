"""
The blog: an index page listing articles, the articles themselves, the
categories and tags they are filed under, and readers' comments.

Related treatments are chosen from `"treatments.TreatmentPage"` by name only, so
the blog works in a project without that app (any page may then be chosen).
"""

import datetime

from django import forms
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from clinic_site import seo
from clinic_site.api.fields import PageLinkListField
from clinic_site.cards import with_card_images
from clinic_site.models import Author, BasePage, ClinicSettings, MedicalReviewMixin
from clinic_site.panels import PageTypeChooserPanel

from . import conf
from .api.fields import (
    AuthorListField,
    BooleanValueField,
    CommentListField,
    FeedUrlsField,
    IntegerValueField,
    TableOfContentsField,
    TopicListField,
)
from .blocks import ArticleStreamBlock
from .feeds import AtomFeed, RssFeed

TREATMENT_PAGE_TYPE = "treatments.TreatmentPage"


class BlogCategory(models.Model):
    """A broad subject articles are filed under, with its own list at /category/<slug>/."""

    name = models.CharField(
        _("name"),
        max_length=80,
        unique=True,
        help_text=_("Shown on articles and as the heading of the category's list, e.g. 'Skin'."),
    )
    slug = models.SlugField(
        _("web address name"),
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the category's web address, e.g. 'skin'."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=400,
        help_text=_("Optional. One or two sentences shown at the top of the category's list."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldPanel("description"),
    ]

    api_fields = [APIField("name"), APIField("slug"), APIField("description")]

    class Meta:
        verbose_name = _("blog category")
        verbose_name_plural = _("blog categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BlogIndexPage(RoutablePageMixin, BasePage):
    """
    The list of articles, newest first, with lists by category, tag and month and
    RSS/Atom feeds as routes of this page (so they move with it in the tree).
    """

    api_fields = [
        *BasePage.api_fields,
        APIField("categories", serializer=TopicListField(source="get_categories")),
        APIField("feed_urls", serializer=FeedUrlsField(source="get_feed_urls")),
    ]

    parent_page_types = ["clinic_site.HomePage"]
    subpage_types = ["blog.BlogPostPage"]

    class Meta:
        verbose_name = _("blog index page")

    # Querying -----------------------------------------------------------

    @cached_property
    def public_posts(self):
        """Live, public articles under this index (view restrictions are looked up once)."""
        return BlogPostPage.objects.live().public().child_of(self)

    def get_posts(self):
        """Live, public articles under this index, newest first, with what a card shows."""
        approved = Q(comments__status=BlogComment.Status.APPROVED)
        return (
            self.public_posts.annotate(approved_comment_count=Count("comments", filter=approved))
            .prefetch_related(
                Prefetch(
                    "post_authors",
                    queryset=BlogPostAuthor.objects.select_related("author").order_by("sort_order"),
                )
            )
            .order_by("-date", "-first_published_at", "-pk")
        )

    def paginate(self, request, posts):
        """
        The requested page of articles. A missing, zero or non-numeric page number
        shows the first page; a number past the end is a 404 (not a duplicate page).
        """
        paginator = Paginator(posts, conf.get("BLOG_POSTS_PER_PAGE"))
        try:
            number = max(int(request.GET.get("page", 1)), 1)
        except (TypeError, ValueError):
            number = 1
        try:
            page = paginator.page(number)
        except EmptyPage as error:
            raise Http404(
                _("There is no page %(number)s of articles.") % {"number": number}
            ) from error
        with_card_images(page.object_list)
        return page

    def route_url(self, name, *args, request=None):
        """The address of one of this page's routes, e.g. `route_url("tag", "botox")`."""
        return self.get_url(request) + self.reverse_subpage(name, args=args)

    def get_categories(self, request=None):
        """Categories with at least one live article here, each with its list's `list_url`."""
        categories = list(BlogCategory.objects.filter(posts__in=self.public_posts).distinct())
        for category in categories:
            category.list_url = self.route_url("category", category.slug, request=request)
        return categories

    def get_archive_months(self, request=None):
        """The months with live articles, newest first, each with its list's address."""
        months = self.public_posts.dates("date", "month", "DESC")
        return [
            {
                "date": month,
                "url": self.route_url("archive", month.year, month.month, request=request),
            }
            for month in months
        ]

    def get_feed_urls(self, request=None):
        return {
            "rss": self.route_url("feed_rss", request=request),
            "atom": self.route_url("feed_atom", request=request),
        }

    def get_context(self, request, *args, posts=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["posts"] = self.paginate(request, self.get_posts() if posts is None else posts)
        context["categories"] = self.get_categories(request)
        context["archive_months"] = self.get_archive_months(request)
        context["feed_urls"] = self.get_feed_urls(request)
        return context

    # Routes: the index itself is RoutablePageMixin's "" route ------------

    @path("category/<str:slug>/", name="category")
    def category_route(self, request, slug):
        category = get_object_or_404(BlogCategory, slug=slug)
        return self.render(
            request,
            posts=self.get_posts().filter(categories=category),
            context_overrides={
                "filter_title": _("Articles in %(category)s") % {"category": category.name},
                "filter_description": category.description,
                "active_category": category,
                # A category's list is a landing page worth indexing on its own
                # address; tag and month lists stay out of search engines.
                "canonical_url": self.get_full_url(request)
                + self.reverse_subpage("category", args=[category.slug]),
            },
        )

    @path("tag/<str:slug>/", name="tag")
    def tag_route(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        return self.render(
            request,
            posts=self.get_posts().filter(tags=tag),
            context_overrides={
                "filter_title": _("Articles tagged “%(tag)s”") % {"tag": tag.name},
            },
        )

    @path("archive/<int:year>/<int:month>/", name="archive")
    def archive_route(self, request, year, month):
        if not (1 <= month <= 12 and datetime.MINYEAR <= year <= datetime.MAXYEAR):
            raise Http404(_("There is no such month."))
        month_date = datetime.date(year, month, 1)
        return self.render(
            request,
            posts=self.get_posts().filter(date__year=year, date__month=month),
            context_overrides={
                "filter_title": _("Articles from %(month)s")
                % {"month": date_format(month_date, "YEAR_MONTH_FORMAT")},
            },
        )

    @path("feed/rss/", name="feed_rss")
    def rss_feed(self, request):
        return RssFeed(self)(request)

    @path("feed/atom/", name="feed_atom")
    def atom_feed(self, request):
        return AtomFeed(self)(request)

    def get_json_ld(self, request=None):
        return [
            seo.web_page(self, request, type_="Blog"),
            seo.breadcrumb_list([*self.get_breadcrumbs(), self], request),
        ]


class BlogPostTag(TaggedItemBase):
    """Links a tag to an article; tags themselves are shared with the rest of the site."""

    content_object = ParentalKey(
        "blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class BlogPostPage(RoutablePageMixin, MedicalReviewMixin, BasePage):
    """An article: byline, date, table of contents, body, related treatments and comments."""

    date = models.DateField(
        _("article date"),
        null=True,
        blank=True,
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
        index.FilterField("date"),
    ]

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
        APIField("comments_enabled", serializer=BooleanValueField()),
        APIField("comment_count", serializer=IntegerValueField(source="approved_comment_total")),
        APIField("comments", serializer=CommentListField(source="get_approved_comments")),
    ]

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("blog article")
        verbose_name_plural = _("blog articles")

    def save(self, *args, **kwargs):
        if self.date is None and self.first_published_at:
            self.date = timezone.localdate(self.first_published_at)
        return super().save(*args, **kwargs)

    # Derived values (read by templates and, later, the API) ----------------

    @property
    def display_date(self):
        if self.date:
            return self.date
        if self.first_published_at:
            return timezone.localdate(self.first_published_at)
        return None

    @cached_property
    def table_of_contents(self):
        """
        The body's headings as `{"id", "text", "level"}`, in order. Ids come from each
        heading's text or link name, so re-ordering sections keeps them; a repeated id
        gets -2, -3 ... and the rendered heading uses the same id.
        """
        entries = []
        seen = {}
        for child in self.body:
            if child.block_type != "heading":
                continue
            value = child.value
            base = value.base_anchor_id
            count = seen.get(base, 0) + 1
            seen[base] = count
            anchor = base if count == 1 else f"{base}-{count}"
            while count > 1 and anchor in seen:
                count += 1
                anchor = f"{base}-{count}"
            seen.setdefault(anchor, 1)
            value.unique_anchor_id = anchor
            entries.append({"id": anchor, "text": value["text"], "level": value["level"]})
        return entries

    @cached_property
    def word_count(self):
        words = 0
        for child in self.body:
            if child.block_type == "heading":
                texts = [child.value["text"]]
            else:
                texts = child.block.get_searchable_content(child.value)
            words += sum(len(str(text).split()) for text in texts)
        return words

    @property
    def reading_time(self):
        """Minutes to read the body, at least one."""
        per_minute = conf.get("BLOG_WORDS_PER_MINUTE")
        return max(1, round(self.word_count / per_minute))

    @property
    def byline_authors(self):
        """Authors in byline order; uses the listing's prefetched authors when there are any."""
        return [link.author for link in self.post_authors.all()]

    @property
    def comments_enabled(self):
        return bool(conf.get("BLOG_COMMENTS_ENABLED") and self.comments_open)

    @cached_property
    def authors(self):
        """The byline's authors in order, with photos and renditions in constant queries."""
        links = self.post_authors.select_related("author", "author__profile_page")
        return with_card_images([link.author for link in links], field="photo")

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    @cached_property
    def topic_links(self):
        return self.get_topic_links()

    @property
    def api_categories(self):
        """Categories with their list addresses, for the API (one query with the tags')."""
        return self.topic_links.get("categories", [])

    @property
    def api_tags(self):
        return self.topic_links.get("tags", [])

    @property
    def approved_comment_total(self):
        return self.get_approved_comments().count()

    def get_breadcrumbs(self):
        # Read by both the breadcrumb trail and the JSON-LD: look the ancestors up once.
        if not hasattr(self, "_breadcrumbs"):
            self._breadcrumbs = super().get_breadcrumbs()
        return self._breadcrumbs

    def get_related_treatments(self):
        """Live related pages as their specific types, in the editor's order, with images."""
        ids = [item.page_id for item in self.related_treatments.all()]
        if not ids:
            return []
        pages = Page.objects.live().public().filter(id__in=ids).specific()
        by_id = {page.id: page for page in pages}
        return with_card_images([by_id[i] for i in ids if i in by_id])

    def get_approved_comments(self):
        if self.pk is None:  # a new article in preview has none yet
            return BlogComment.objects.none()
        return self.comments.filter(status=BlogComment.Status.APPROVED).order_by("created_at")

    def get_index(self):
        """The blog index this article belongs to, as a `BlogIndexPage` (one query)."""
        return BlogIndexPage.objects.parent_of(self).first()

    def get_topic_links(self, request=None):
        """The article's categories and tags, each with the address of its list of articles."""
        index = self.get_index()
        if index is None:  # only while an editor previews an article not yet saved
            return {}
        categories = list(self.categories.all())
        tags = self.tag_list
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
        from .forms import CommentForm

        context = super().get_context(request, *args, **kwargs)
        self.table_of_contents  # noqa: B018 - resolves heading ids before the body renders
        context["authors"] = self.authors
        context.update(self.get_topic_links(request))
        context["related_treatments"] = self.get_related_treatments()
        context["comments"] = list(self.get_approved_comments())
        if self.comments_enabled:
            context["comment_form"] = comment_form or CommentForm()
        context["comment_url"] = (self.url or "") + self.reverse_subpage("comment")
        return context

    # Routes -------------------------------------------------------------

    @path("comment/", name="comment")
    def comment_route(self, request):
        from .views import post_comment

        if request.method != "POST":
            return redirect(self.url)
        return post_comment(request, self)

    # Structured data -----------------------------------------------------

    def get_json_ld(self, request=None):
        objects = [self.blog_posting(request)]
        if self.reviewer_id or self.last_reviewed:
            objects.append({**seo.medical_web_page(self, request), "mainEntity": {"@id": "#post"}})
        objects.append(seo.breadcrumb_list([*self.get_breadcrumbs(), self], request))
        return objects

    def blog_posting(self, request=None):
        url = seo.absolute_url(self, request)
        data = {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "@id": f"{url}#post",
            "headline": self.title[:110],
            "url": url,
            "mainEntityOfPage": url,
            "author": [author.to_json_ld(request) for author in self.authors],
            "wordCount": self.word_count,
        }
        if self.meta_description:
            data["description"] = self.meta_description
        image = seo.image_url(self.share_image, request)
        if image:
            data["image"] = image
        published = self.first_published_at or self.last_published_at
        if self.date:
            data["datePublished"] = self.date.isoformat()
        elif published:
            data["datePublished"] = published.isoformat()
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.isoformat()
        publisher = self.publisher(request)
        if publisher:
            data["publisher"] = publisher
        keywords = [tag.name for tag in self.tag_list]
        if keywords:
            data["keywords"] = keywords
        return data

    def publisher(self, request=None):
        """The clinic, from its settings, as the organisation that publishes the article."""
        site = Site.find_for_request(request) if request else self.get_site()
        if site is None:
            return None
        clinic = ClinicSettings.for_request(request) if request else ClinicSettings.for_site(site)
        data = seo.medical_clinic(clinic, site.root_page, request)
        data.pop("@context", None)
        return data


class BlogPostAuthor(Orderable):
    """One author of an article, in the byline's order."""

    post = ParentalKey(BlogPostPage, on_delete=models.CASCADE, related_name="post_authors")
    author = models.ForeignKey(
        Author,
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


class BlogComment(models.Model):
    """
    A reader's comment. Stored as pending and shown only once staff approve it;
    the e-mail address is for staff only and the IP address is kept only as a hash
    (for rate limiting and spotting repeat spam), never in the clear.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    post = models.ForeignKey(
        BlogPostPage,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("The name the reader gave; shown with the comment.")
    )
    email = models.EmailField(
        _("e-mail address"), help_text=_("Never shown on the site; for the clinic only.")
    )
    body = models.TextField(
        _("comment"),
        max_length=3000,
        help_text=_("What the reader wrote. You may correct a typo or remove personal details."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text=_("Only approved comments are shown on the article."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    ip_hash = models.CharField(_("IP address (hashed)"), max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("name", read_only=True), FieldPanel("email", read_only=True)]),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["post", "status", "created_at"])]

    # Public parts only: the e-mail and IP hash never leave the admin.
    api_fields = [APIField("name"), APIField("body"), APIField("created_at")]

    def __str__(self):
        return _("%(name)s on “%(post)s”") % {"name": self.name, "post": self.post.title}

    @property
    def excerpt(self):
        return self.body if len(self.body) <= 80 else self.body[:79] + "…"
