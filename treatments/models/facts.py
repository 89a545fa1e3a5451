"""
What a treatment page says about itself beyond its fields: its facts as patients read them,
and the advertising rules for prescription-only medicines that hide brand names and prices.

A mixin of `TreatmentPage`: the page, its cards, the API, search and structured data all read
the facts from here, so they never disagree.
"""

import re

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from clinic_site import chrome
from clinic_site.models import ClinicSettings

from ..formatting import format_price, format_range


class TreatmentFactsMixin:
    """Facts at a glance and the advertising rules, for a page with the treatment's fields."""

    @property
    def summary(self):
        """The treatment's summary (its introduction), as cards and the API show it."""
        return self.intro

    @property
    def session_length_display(self):
        return format_range(self.session_minutes_min, self.session_minutes_max, "minutes")

    @property
    def results_last_display(self):
        return format_range(self.results_weeks_min, self.results_weeks_max, "weeks")

    @property
    def sessions_display(self):
        return format_range(self.sessions_min, self.sessions_max, "sessions")

    @cached_property
    def advertising_restricted(self):
        """
        Whether the law's advertising rules hide this page's brand names and price:
        the treatment uses a prescription-only medicine and the clinic's details turn
        the rules on (read from the cached settings of the page's site, no query).
        """
        return self.prescription_only and self._site_follows_advertising_rules()

    def _site_follows_advertising_rules(self):
        clinic = chrome.settings_for_page(ClinicSettings, self)
        if clinic is None:  # a page not in a site yet (a new page's preview): be safe
            return True
        return clinic.prescription_advertising_rules

    @property
    def brand_name_list(self):
        """The medicine's brand names, unless the advertising rules hide them."""
        if self.advertising_restricted:
            return []
        return [name.strip() for name in self.brand_names.split(",") if name.strip()]

    @property
    def shown_price(self):
        """The price from, unless the advertising rules hide it (then None)."""
        return None if self.advertising_restricted else self.price_from

    @property
    def price_display(self):
        if self.shown_price is None:
            return ""
        return _("From %(price)s") % {"price": format_price(self.price_from, self.price_currency)}

    @property
    def facts(self):
        """
        [(label, value with units)] for the facts that have a value, in reading order:
        the page's description list, cards and the API all use it.
        """
        rows = [
            (_("Session length"), self.session_length_display),
            (_("Numbing"), self.numbing),
            (_("Downtime"), self.downtime),
            (_("Results show"), self.results_onset),
            (_("Results last"), self.results_last_display),
            (_("Sessions needed"), self.sessions_display),
            (_("Price"), self.price_display),
            (_("Brand names"), ", ".join(self.brand_name_list)),
        ]
        return [(str(label), value) for label, value in rows if value]

    @property
    def key_facts(self):
        """The few facts a card has room for."""
        wanted = {str(_("Session length")), str(_("Downtime")), str(_("Price"))}
        return [fact for fact in self.facts if fact[0] in wanted]

    @property
    def preparation_lines(self):
        return [line.strip() for line in self.preparation.splitlines() if line.strip()]

    @property
    def aftercare_lines(self):
        return [line.strip() for line in self.aftercare.splitlines() if line.strip()]

    def _brand_names_in_promoted_text(self):
        """
        Errors for a title or introduction that names one of the medicine's brands,
        when the advertising rules apply: the setting hides the brand names field,
        but cannot rewrite what the editor typed.
        """
        if not (self.prescription_only and self.brand_names):
            return {}
        names = [name.strip() for name in self.brand_names.split(",") if name.strip()]
        found = {}
        for field in ("title", "intro", "seo_title", "search_description"):
            text = getattr(self, field) or ""
            named = [n for n in names if re.search(rf"\b{re.escape(n)}\b", text, re.IGNORECASE)]
            if named:
                found[field] = named
        if not found or not self._advertising_rules_apply():
            return {}
        return {
            field: _(
                "The advertising rules for prescription-only medicines are on: do not name "
                "%(brands)s here. Use the treatment's general name, e.g. 'Anti-wrinkle "
                "injections'."
            )
            % {"brands": ", ".join(named)}
            for field, named in found.items()
        }

    def _advertising_rules_apply(self):
        """The page's site's setting; for a page not yet in the tree, any site's."""
        if self.pk is not None and self.path:
            return self._site_follows_advertising_rules()
        return ClinicSettings.objects.filter(prescription_advertising_rules=True).exists()
