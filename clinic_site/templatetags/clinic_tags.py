"""Template tags for the site's shared chrome: menu, breadcrumbs, structured data."""

import json

from django import template
from django.db.models import Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from wagtail.models import Page, PageViewRestriction, Site

register = template.Library()

# The same escapes Django's json_script uses, so content cannot close the tag.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.inclusion_tag("clinic_site/components/main_menu.html", takes_context=True)
def main_menu(context):
    """Top-level pages that editors marked 'Show in menus', in tree order."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    pages = site.root_page.get_children().live().public().in_menu() if site else []
    current = context.get("page")
    current_path = getattr(current, "path", "")
    items = [
        (
            item,
            "current"
            if item.path == current_path
            else ("ancestor" if current_path.startswith(item.path) else ""),
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
    """The page's schema.org objects as `<script type="application/ld+json">` elements."""
    if not hasattr(page, "get_json_ld"):
        return ""
    objects = page.get_json_ld(context.get("request"))
    return format_html_join(
        "\n",
        '<script type="application/ld+json">{}</script>',
        (
            (mark_safe(json.dumps(obj, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)),)  # noqa: S308
            for obj in objects
        ),
    )


@register.simple_tag(takes_context=True)
def footer_locations(context):
    """
    The current site's live locations with only today's hours prefetched: the
    footer shows each one's address and whether it is open today. One query on a
    site without locations; the view restrictions are read only when there are some.
    """
    from ..models import LocationPage, OpeningHours, OpeningHoursException

    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    today = timezone.localdate()
    exceptions = OpeningHoursException.objects.filter(starts__lte=today).filter(
        Q(ends__gte=today) | Q(ends__isnull=True, starts=today)
    )
    root_path = Subquery(Page.objects.filter(pk=site.root_page_id).values("path"))
    locations = list(
        LocationPage.objects.live()
        .filter(path__startswith=root_path)
        .order_by("path")
        .prefetch_related(
            Prefetch("opening_hours", OpeningHours.objects.filter(weekday=today.weekday())),
            Prefetch("hours_exceptions", exceptions),
        )
    )
    if not locations:
        return []
    restricted = [r.page.path for r in PageViewRestriction.objects.select_related("page")]
    return [loc for loc in locations if not any(loc.path.startswith(p) for p in restricted)]
