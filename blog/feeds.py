"""
RSS and Atom feeds of a blog index's newest articles, built on Django's syndication
framework and served as routes of the index page (`feed/rss/`, `feed/atom/`).

Items carry the summary (introduction) or, with `BLOG_FEED_FULL_TEXT`, the whole
article; links and image addresses are absolute, as feed readers need.
"""

import datetime
import re

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import conf

# src, href and srcset attributes in rendered HTML, made absolute for feed readers.
_URL_ATTRIBUTE = re.compile(r'(\s(src|href|srcset)=")([^"]*)"')


class RssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return self.index.seo_title or self.index.title

    def link(self):
        return self.index.get_full_url(self.request)

    def description(self):
        return self.index.intro or _("The newest articles from %(title)s.") % {
            "title": self.title()
        }

    subtitle = description

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        posts = self.index.get_posts()
        if conf.get("BLOG_FEED_FULL_TEXT"):
            posts = posts.defer(None)  # the items carry the whole body
        return list(posts[: conf.get("BLOG_FEED_ITEMS")])

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_description(self, item):
        if conf.get("BLOG_FEED_FULL_TEXT"):
            html = item.body.render_as_block({"request": self.request, "page": item})
            return self._absolute(str(html))
        return strip_tags(item.meta_description)

    def item_pubdate(self, item):
        if item.date:
            moment = datetime.datetime.combine(item.date, datetime.time(9))
            return timezone.make_aware(moment)
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        names = [link.author.name for link in item.post_authors.all()]
        return ", ".join(names) or None

    def _absolute(self, html):
        root = self.request.build_absolute_uri("/").rstrip("/")

        def absolute(url):
            url = url.strip()
            return f"{root}{url}" if url.startswith("/") and not url.startswith("//") else url

        def replace(match):
            prefix, name, value = match.groups()
            if name == "srcset":
                value = ", ".join(absolute(candidate) for candidate in value.split(","))
            else:
                value = absolute(value)
            return f'{prefix}{value}"'

        return _URL_ATTRIBUTE.sub(replace, html)


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
