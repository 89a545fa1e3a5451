"""
Results editors promote for a search (`wagtail.contrib.search_promotions`,
under Settings > Promoted search results): shown first, marked as recommended.

Looking promotions up never stores what a patient typed: Wagtail's
`Query.get()` would create a row for every new search, so this reads only the
queries editors have set up. Without the app installed there are none.
"""

from django.apps import apps

from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from .. import visibility


def for_query(query):
    """
    [(promotion, specific page or None)] editors set for `query`, in their order:
    a page promotion whose page is no longer live and public is left out.
    """
    if not apps.is_installed("wagtail.contrib.search_promotions"):
        return []
    from wagtail.contrib.search_promotions.models import SearchPromotion

    promotions = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query)).order_by(
            "sort_order", "pk"
        )
    )
    page_ids = {promotion.page_id for promotion in promotions if promotion.page_id}
    pages = {}
    if page_ids:
        shown = visibility.public(Page.objects.live().filter(pk__in=page_ids)).specific()
        pages = {page.pk: page for page in shown}
    result = []
    for promotion in promotions:
        if promotion.page_id:
            if promotion.page_id in pages:
                result.append((promotion, pages[promotion.page_id]))
        elif promotion.external_link_url:
            result.append((promotion, None))
    return result
