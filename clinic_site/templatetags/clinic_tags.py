"""Template tags for the site's shared chrome: menu, breadcrumbs, structured data, names."""

import json

from django import template
from django.db.models import Prefetch, Q, Subquery
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from wagtail.images.models import SourceImageIOError
from wagtail.models import Page, Site

from .. import (
    booking,
    chrome,
    content_cache,
    form_tokens,
    fragments,
    page_cache,
    renditions,
    seo,
    visibility,
)
from ..error_summary import error_summary

register = template.Library()

# The same escapes Django's json_script uses, so content cannot close the tag.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class ContentCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        return fragments.get_or_render(
            self.name.resolve(context),
            context.get("request"),
            [value.resolve(context) for value in self.vary_on],
            lambda: self.nodelist.render(context),
        )


@register.tag
def contentcache(parser, token):
    """
    `{% contentcache "name" [vary_on ...] %}...{% endcontentcache %}`: what it
    wraps is rendered once per `vary_on` values (the page, for a part that
    shows it), language, host, day and content generation, then read from the
    cache (`clinic_site.fragments`). Wrap only what depends on published content
    alone: no forms, messages or signed-in state.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a fragment name.")
    nodelist = parser.parse(("endcontentcache",))
    parser.delete_first_token()
    return ContentCacheNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]]
    )


@register.inclusion_tag("clinic_site/components/main_menu.html", takes_context=True)
def main_menu(context):
    """
    Top-level pages that editors marked 'Show in menus', in tree order (cached).
    The consultation page is left out when the header already offers it as its
    "Book a consultation" button, so a visitor does not meet the same link twice.
    """
    request = context.get("request")
    pages = chrome.menu_items(request) if request else []
    book_page = getattr(context.get("clinic"), "consultation_page", None)
    if book_page is not None and book_page.live:
        pages = [item for item in pages if item["path"] != book_page.path]
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = [
        (
            item,
            "current"
            if item["path"] == current_path
            else ("ancestor" if current_path.startswith(item["path"]) else ""),
        )
        for item in pages
    ]
    return {"items": items, "request": request}


@register.inclusion_tag("clinic_site/components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    ancestors = page.get_breadcrumbs() if hasattr(page, "get_breadcrumbs") else []
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def json_ld(context, page):
    """
    The page's schema.org objects as `<script type="application/ld+json">` elements;
    a view that shows a list of its own on the page's address (a blog category)
    passes its objects as `structured_data` instead.
    """
    objects = context.get("structured_data")
    if objects is not None:
        return _json_ld_scripts(objects)
    if not hasattr(page, "get_json_ld"):
        return ""
    request = context.get("request")
    # The page's own objects depend on its content alone: kept rendered (`fragments`).
    return fragments.get_or_render(
        "json-ld", request, [page.pk], lambda: _json_ld_scripts(page.get_json_ld(request))
    )


def _json_ld_scripts(objects):
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        (
            (mark_safe(json.dumps(obj, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)),)  # noqa: S308
            for obj in objects
        ),
    )


@register.filter
def absolute_image_url(rendition, request=None):
    """A rendition's absolute address for meta tags (`seo.rendition_url`)."""
    return seo.rendition_url(rendition, request or None)


@register.filter
def iso_datetime(value):
    """A date or date-time as ISO 8601 with its time zone (`seo.iso_datetime`)."""
    return seo.iso_datetime(value) or ""


@register.simple_tag(takes_context=True)
def footer_locations(context):
    """
    The current site's live locations with only today's hours prefetched: the
    footer shows each one's address and whether it is open today. Kept in the
    content cache for the day, so a page pays no query for its footer.
    """
    from ..models import LocationPage, OpeningHours, OpeningHoursException

    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    today = timezone.localdate()

    def load():
        exceptions = OpeningHoursException.objects.filter(starts__lte=today).filter(
            Q(ends__gte=today) | Q(ends__isnull=True, starts=today)
        )
        root_path = Subquery(Page.objects.filter(pk=site.root_page_id).values("path"))
        return list(
            LocationPage.objects.live()
            .filter(path__startswith=root_path)
            .order_by("path")
            .prefetch_related(
                Prefetch("opening_hours", OpeningHours.objects.filter(weekday=today.weekday())),
                Prefetch("hours_exceptions", exceptions),
            )
        )

    # Cached with the content, per site and day (today's hours).
    locations = content_cache.get_or_set(f"footer-locations:{site.pk}:{today.isoformat()}", load)
    return [location for location in locations if visibility.is_public(location)]


# The hero's `sizes`, as hero.html and the article's hero write it.
HERO_SIZES = "(max-width: 48rem) 100vw, 50vw"


@register.simple_tag
def hero_preload(page):
    """
    A `<link rel="preload">` for the page's main image in the best format the
    hero offers, so the browser fetches it before it parses the body: the
    largest paint on most pages. Browsers that cannot show the format skip it.
    An image whose original file is lost gets no preload (its `{% picture %}`
    shows Wagtail's "not found" image), not a server error.
    """
    image = getattr(page, "hero_image", None)
    if image is None:
        return ""
    best = renditions.FORMATS.strip("{}").split(",")[0]
    wanted = [spec for spec in renditions.specs(renditions.HERO) if f"format-{best}" in spec]
    try:
        found = image.get_renditions(*wanted).values()
    except SourceImageIOError:
        return ""
    srcset = ", ".join(f"{rendition.url} {rendition.width}w" for rendition in found)
    return format_html(
        '<link rel="preload" as="image" type="image/{}" imagesrcset="{}" imagesizes="{}" '
        'fetchpriority="high">',
        best,
        srcset,
        HERO_SIZES,
    )


@register.simple_tag(takes_context=True)
def form_csrf_field(context):
    """
    The form's CSRF field: empty on a page the shared cache will keep (the
    form-tokens script fills it in the visitor's browser), the visitor's own
    token otherwise (a signed-in editor, a form shown again after an error).
    """
    request = context.get("request")
    if request is None or page_cache.will_store(request):
        return format_html(
            '<input type="hidden" name="{}" value="" data-form-token>', form_tokens.CSRF_FIELD
        )
    return format_html(
        '<input type="hidden" name="{}" value="{}">', form_tokens.CSRF_FIELD, get_token(request)
    )


@register.simple_tag(takes_context=True)
def shared_page(context):
    """
    Whether the page being rendered goes to everyone (the shared cache will keep
    it): its forms are then unbound, with no visitor's token or message in them,
    so a template may keep them rendered (`{% contentcache %}`).
    """
    request = context.get("request")
    return request is not None and page_cache.will_store(request)


@register.simple_tag(takes_context=True)
def form_tokens_script(context):
    """
    The form-tokens script, on pages the shared cache will keep: only their
    forms have empty token fields to fill (`clinic_site.form_tokens`).
    """
    request = context.get("request")
    if request is None or not page_cache.will_store(request):
        return ""
    return format_html('<script src="{}" defer></script>', static("clinic_site/js/form-tokens.js"))


@register.filter(name="error_summary")
def error_summary_filter(form):
    """A form's errors for `components/error_summary.html` (`clinic_site.error_summary`)."""
    return error_summary(form) if form is not None and form.is_bound else []


@register.simple_tag(takes_context=True)
def cta_url(context, value):
    """A call to action's address on the current page (`LinkValue.url_from`)."""
    return value.url_from(context.get("page"), context.get("request"))


@register.simple_tag(takes_context=True)
def consultation_url(context, consultation_page, consultation_type=""):
    """
    The consultation page's address with the current page's treatment (and the
    given consultation type) for the form to preselect: the header's "Book".
    """
    if consultation_page is None or not consultation_page.live:
        return ""
    return booking.booking_url(
        consultation_page,
        treatment=booking.booking_treatment(context.get("page")),
        consultation_type=consultation_type,
        request=context.get("request"),
    )


@register.simple_tag
def person_name(person, with_specialty=False):
    """
    An author's or reviewer's name with their qualifications, linked to their
    profile when they have one; `with_specialty=True` adds their main specialty,
    as "Medically reviewed by" lines show it. Use `{% person_name author as name %}`
    to put it inside a translated sentence.
    """
    if person is None:
        return ""
    link = person.profile_link
    name = format_html('<a href="{}">{}</a>', link, str(person)) if link else str(person)
    specialty = person.specialty if with_specialty else None
    if specialty is not None:
        return format_html('{} <span class="person-specialty">({})</span>', name, specialty.name)
    return format_html("{}", name)
