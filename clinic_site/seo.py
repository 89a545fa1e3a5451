"""
Structured data (schema.org JSON-LD) shared by every page type.

Each helper returns a plain dict; `BasePage.get_json_ld()` combines them and the
base template writes them out. Apps build their own types (BlogPosting,
MedicalProcedure, FAQPage) from these pieces.
"""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.images.models import SourceImageIOError


def absolute_url(page, request=None):
    return page.get_full_url(request=request) or ""


def rendition_url(rendition, request=None):
    """
    The rendition's absolute address, as social networks and search engines need it.
    Media on object storage or a CDN already have one (`Rendition.full_url` keeps
    it); media served by the site are put on the host the visitor asked, or, with
    no request (the API), on `WAGTAILADMIN_BASE_URL`.
    """
    url = rendition.url
    if request is not None and url.startswith("/"):
        return request.build_absolute_uri(url)
    return rendition.full_url


def image_url(image, request=None, spec="fill-1200x630"):
    """The image's sharing rendition's address; None when its original file is lost."""
    if not image:
        return None
    try:
        return rendition_url(image.get_rendition(spec), request)
    except SourceImageIOError:
        return None


def iso_datetime(value):
    """
    `value` as a full ISO 8601 date-time with its offset from UTC, as schema.org's
    `DateTime` and Open Graph's `article:*_time` want: a date alone (an article's
    date) is taken as the start of that day in the site's time zone.
    """
    if value is None:
        return None
    if not isinstance(value, datetime.datetime):
        value = datetime.datetime.combine(value, datetime.time.min)
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).isoformat(timespec="seconds")


def web_page(page, request=None, type_="WebPage"):
    data = {
        "@context": "https://schema.org",
        "@type": type_,
        "name": page.seo_title or page.title,
        "url": absolute_url(page, request),
    }
    description = getattr(page, "meta_description", "")
    if description:
        data["description"] = strip_tags(description)
    if page.last_published_at:
        data["dateModified"] = iso_datetime(page.last_published_at)
    return data


def breadcrumb_list(pages, request=None):
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": page.title,
                "item": absolute_url(page, request),
            }
            for position, page in enumerate(pages, start=1)
        ],
    }


def web_site(home, request=None, clinic=None):
    url = absolute_url(home, request)
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": clinic.clinic_name if clinic else home.title,
        "url": url,
        "potentialAction": {
            "@type": "SearchAction",
            "target": f"{url.rstrip('/')}/search/?q={{search_term_string}}",
            "query-input": "required name=search_term_string",
        },
    }


def medical_clinic(clinic, home, request=None):
    """The clinic as a `MedicalClinic`, also used as the publisher of articles."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": clinic.clinic_name,
        "url": absolute_url(home, request),
    }
    if clinic.phone:
        data["telephone"] = clinic.phone
    if clinic.email:
        data["email"] = clinic.email
    if clinic.address_lines:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(clinic.address_lines),
        }
    if clinic.price_range:
        data["priceRange"] = clinic.price_range
    if clinic.logo:
        data["logo"] = image_url(clinic.logo, request, spec="max-600x600")
    links = [link.value["url"] for link in clinic.social_links]
    if links:
        data["sameAs"] = links
    return data


def medical_web_page(page, request=None):
    """
    A `MedicalWebPage`, with `reviewedBy` and `lastReviewed` only while a clinician's
    approval covers the content (`MedicalReviewMixin.review_is_current`).
    """
    data = web_page(page, request, type_="MedicalWebPage")
    if getattr(page, "review_is_current", False):
        data["lastReviewed"] = page.last_reviewed.isoformat()
        reviewer = getattr(page, "review_author", None) or getattr(page, "reviewer", None)
        if reviewer is not None:
            data["reviewedBy"] = reviewer.to_json_ld(request)
    return data
