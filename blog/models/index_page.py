"""
The blog's index page: its articles, newest first, with lists by category, tag
and month, and RSS and Atom feeds, all as routes of the page.
"""

import datetime

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from clinic_site import seo
from clinic_site.cards import with_card_images
from clinic_site.models import BasePage

from .. import conf
from ..api.fields import FeedUrlsField, TopicListField
from ..feeds import AtomFeed, RssFeed
from .comments import BlogComment
from .post_page import BlogPostAuthor, BlogPostPage
from .taxonomy import BlogCategory


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
    # One list of every article: the feeds, the sitemap and every link to "the
    # blog" mean the same page. The admin refuses a second one.
    max_count = 1

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
