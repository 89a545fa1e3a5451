"""
An article as schema.org structured data: a `BlogPosting` published by the clinic, with its
medical review when one is current, and its breadcrumbs.
"""

from wagtail.models import Site

from clinic_site import chrome, content_cache, seo
from clinic_site.models import ClinicSettings


class BlogPostingMixin:
    """JSON-LD for `BlogPostPage` (`seo` puts it in the page's head and the API)."""

    def get_json_ld(self, request=None):
        objects = [self.blog_posting(request)]
        if self.review_is_current:
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
        if self.published_at:
            data["datePublished"] = seo.iso_datetime(self.published_at)
        if self.last_published_at:
            data["dateModified"] = seo.iso_datetime(self.last_published_at)
        publisher = self.publisher(request)
        if publisher:
            data["publisher"] = publisher
        keywords = [tag.name for tag in self.tag_list]
        if keywords:
            data["keywords"] = keywords
        return data

    def publisher(self, request=None):
        """
        The clinic, from its settings, as the organisation that publishes the article.
        Without a request (the API) it is looked up by the article's site, once per
        content change.
        """
        if request is not None:
            site = Site.find_for_request(request)
            if site is None:
                return None
            return self._publisher(site, ClinicSettings.for_request(request), request)
        parts = self.get_url_parts()
        if parts is None:
            return None

        def load():
            site = Site.objects.select_related("root_page").get(pk=parts[0])
            return self._publisher(site, chrome.site_settings(ClinicSettings, site))

        return content_cache.get_or_set(f"blog:publisher:{parts[0]}", load)

    @staticmethod
    def _publisher(site, clinic, request=None):
        data = seo.medical_clinic(clinic, site.root_page, request)
        data.pop("@context", None)
        return data
