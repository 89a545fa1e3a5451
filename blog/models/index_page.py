"""
The blog's index page: its articles, newest first, with lists by category, tag
and month, and RSS and Atom feeds, all as routes of the page.
"""

import datetime

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from clinic_site import content_cache, seo
from clinic_site.models import BasePage

from .. import conf
from ..api.fields import FeedUrlsField, TopicListField
from ..feeds import AtomFeed, RssFeed
from .comments import with_comment_counts
from .post_page import BlogPostAuthor, BlogPostPage
from .taxonomy import BlogCategory, BlogPostTag

# A category's or tag's list with up to this many articles is read from its links
# (those articles found, then sorted); a larger one by walking the articles newest
# first until the page is full, which reads a few rows per article shown however
# many articles there are.
FEW_FILED_POSTS = 200


class BlogIndexPage(RoutablePageMixin, BasePage):
    """
    The list of articles, newest first, with lists by category, tag and month and
    RSS/Atom feeds as routes of this page (so they move with it in the tree).
    """

    search_result_label = _("Articles")

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
        """
        Live, public articles under this index (view restrictions come from the cache).
        Articles are only ever children of the index, so `descendant_of()` finds the
        same ones as `child_of()`; without its depth test SQLite walks the articles
        by their date index and stops once a page is full, instead of sorting them all.
        """
        return BlogPostPage.objects.live().public().descendant_of(self)

    def get_posts(self):
        """
        Live, public articles under this index, newest first, with what a card
        shows: main image, authors (`paginate()` adds the comment counts of the
        page shown only). Bodies are left in the database: cards show the stored
        reading time.
        """
        return (
            self.public_posts.select_related("hero_image")
            .defer_streamfields()
            .prefetch_related(
                Prefetch(
                    "post_authors",
                    queryset=BlogPostAuthor.objects.select_related("author").order_by("sort_order"),
                )
            )
            .order_by("-date", "-first_published_at", "-pk")
        )

    def paginate(self, request, posts, list_name=""):
        """
        The requested page of articles. A missing, zero or non-numeric page number
        shows the first page; a number past the end is a 404 (not a duplicate page).
        The number of articles is counted once per content change (`list_name`
        tells the lists apart), not on every request.
        """
        paginator = Paginator(posts, conf.get("BLOG_POSTS_PER_PAGE"))
        paginator.count = self.count_posts(posts, list_name)
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
        page.object_list = with_comment_counts(list(page.object_list))
        return page

    def count_posts(self, posts, list_name=""):
        """How many articles a list has, counted once per content change."""
        return content_cache.get_or_set(
            f"blog:{self.pk}:count:{list_name}", lambda: posts.order_by().count()
        )

    def get_filed_posts(self, links, list_name):
        """
        `get_posts()` filed under one category or tag: `links` are its rows in the
        link table, as `post_id` values. A list of few articles starts from its
        links; a longer one walks the articles newest first and checks each for a
        link (`FEW_FILED_POSTS`), so neither sorts thousands of articles per request.
        """
        posts = self.get_posts()
        listed = posts.filter(pk__in=links.values("post_id"))
        if self.count_posts(listed, list_name) <= FEW_FILED_POSTS:
            return listed
        return posts.filter(Exists(links.filter(post_id=OuterRef("pk"))))

    def route_url(self, name, *args, request=None):
        """The address of one of this page's routes, e.g. `route_url("tag", "botox")`."""
        return self.get_url(request) + self.reverse_subpage(name, args=args)

    def get_categories(self, request=None):
        """
        Categories with at least one live article here, each with its list's
        `list_url`: a check per category, cached until the content changes.
        """
        categories = content_cache.get_or_set(f"blog:{self.pk}:categories", self._categories)
        for category in categories:
            category.list_url = self.route_url("category", category.slug, request=request)
        return categories

    def _categories(self):
        filed = BlogPostPage.categories.through.objects.filter(
            blogcategory=OuterRef("pk"),
            blogpostpage__in=self.public_posts.order_by().values("pk"),
        )
        # When the category's newest change was published: its list's `lastmod`.
        latest = (
            self.public_posts.filter(categories=OuterRef("pk"))
            .order_by("-last_published_at")
            .values("last_published_at")[:1]
        )
        return list(
            BlogCategory.objects.filter(Exists(filed)).annotate(last_published_at=Subquery(latest))
        )

    def get_archive_months(self, request=None):
        """
        The latest `BLOG_ARCHIVE_MONTHS` months with live articles, newest first,
        each with its list's address; cached until the content changes, so the
        sidebar does not grow or slow down with the archive.
        """
        months = content_cache.get_or_set(f"blog:{self.pk}:months", self._archive_months)
        return [
            {
                "date": month,
                "url": self.route_url("archive", month.year, month.month, request=request),
            }
            for month in months
        ]

    def _archive_months(self):
        latest = self.public_posts.filter(date__isnull=False).order_by("-date").first()
        if latest is None:
            return []
        shown = conf.get("BLOG_ARCHIVE_MONTHS")
        year, month = divmod(latest.date.year * 12 + latest.date.month - shown, 12)
        since = datetime.date(year, month + 1, 1)
        return list(self.public_posts.filter(date__gte=since).dates("date", "month", "DESC"))

    def get_cached_paths(self):
        """
        The addresses a CDN keeps for this page and purges with it
        (`wagtail.contrib.frontend_cache`): the list and its feeds.
        """
        return [
            "/",
            "/" + self.reverse_subpage("feed_rss"),
            "/" + self.reverse_subpage("feed_atom"),
        ]

    def get_feed_urls(self, request=None):
        return {
            "rss": self.route_url("feed_rss", request=request),
            "atom": self.route_url("feed_atom", request=request),
        }

    def get_context(self, request, *args, posts=None, list_name="", **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["posts"] = self.paginate(
            request, self.get_posts() if posts is None else posts, list_name
        )
        context["categories"] = self.get_categories(request)
        context["archive_months"] = self.get_archive_months(request)
        context["feed_urls"] = self.get_feed_urls(request)
        return context

    # Routes: the index itself is RoutablePageMixin's "" route ------------

    @path("category/<str:slug>/", name="category")
    def category_route(self, request, slug):
        category = get_object_or_404(BlogCategory, slug=slug)
        title = _("Articles in %(category)s") % {"category": category.name}
        description = category.description or _("Every article in %(category)s, newest first.") % {
            "category": category.name
        }
        url = self.category_full_url(category, request)
        return self.render(
            request,
            posts=self.get_filed_posts(
                BlogPostPage.categories.through.objects.filter(blogcategory=category).annotate(
                    post_id=F("blogpostpage_id")
                ),
                f"category:{category.pk}",
            ),
            list_name=f"category:{category.pk}",
            context_overrides={
                "filter_title": title,
                "filter_description": category.description,
                "active_category": category,
                # A category's list is a landing page worth indexing on its own
                # address, so search engines and social networks get its own
                # address, title and description; tag and month lists stay out.
                "canonical_url": url,
                "meta_title": title,
                "meta_description": description,
                "structured_data": self.category_json_ld(title, description, url, request),
            },
        )

    @path("tag/<str:slug>/", name="tag")
    def tag_route(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        return self.render(
            request,
            posts=self.get_filed_posts(
                BlogPostTag.objects.filter(tag=tag).annotate(post_id=F("content_object_id")),
                f"tag:{tag.pk}",
            ),
            list_name=f"tag:{tag.pk}",
            context_overrides={
                "filter_title": _("Articles tagged “%(tag)s”") % {"tag": tag.name},
            },
        )

    @path("archive/<int:year>/<int:month>/", name="archive")
    def archive_route(self, request, year, month):
        if not (1 <= month <= 12 and datetime.MINYEAR <= year <= datetime.MAXYEAR):
            raise Http404(_("There is no such month."))
        month_date = datetime.date(year, month, 1)
        following = (month_date + datetime.timedelta(days=31)).replace(day=1)
        return self.render(
            request,
            # A range, not date__month: the date index answers it.
            posts=self.get_posts().filter(date__gte=month_date, date__lt=following),
            list_name=f"archive:{year}-{month}",
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

    def category_json_ld(self, title, description, url, request=None):
        """A category's list as a `CollectionPage` of the blog, one step below it."""
        page = {
            "@context": "https://schema.org",
            "@type": "CollectionPage",
            "name": title,
            "url": url,
            "description": description,
            "isPartOf": {"@type": "Blog", "name": self.title, "url": self.get_full_url(request)},
        }
        breadcrumbs = seo.breadcrumb_list([*self.get_breadcrumbs(), self], request)
        items = breadcrumbs["itemListElement"]
        items.append({"@type": "ListItem", "position": len(items) + 1, "name": title, "item": url})
        return [page, breadcrumbs]

    # Sitemap ------------------------------------------------------------

    def category_full_url(self, category, request=None):
        return self.get_full_url(request) + self.reverse_subpage("category", args=[category.slug])

    def get_sitemap_urls(self, request=None):
        """
        The blog and each category's list: categories are landing pages of their
        own (indexable, with their own address); only those with articles are listed.
        """
        return [
            *super().get_sitemap_urls(request),
            *(
                {
                    "location": self.category_full_url(category, request),
                    "lastmod": getattr(category, "last_published_at", None),
                }
                for category in content_cache.get_or_set(
                    f"blog:{self.pk}:categories", self._categories
                )
            ),
        ]
