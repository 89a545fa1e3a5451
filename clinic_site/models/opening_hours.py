"""
A location's opening hours: rows per weekday, and exceptions for holidays and
closures. Kept as rows rather than text so the page, the footer's "today",
the API and search engines (`openingHoursSpecification`) read the same hours.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
# schema.org's names for the days, in Python's weekday() order.
SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def check_times(opens, closes, *, required):
    """Errors for a pair of times: both or neither, and closing after opening."""
    errors = {}
    if required or opens or closes:
        if opens is None:
            errors["opens"] = _("Enter the opening time, e.g. 09:00.")
        if closes is None:
            errors["closes"] = _("Enter the closing time, e.g. 18:00.")
    if opens and closes and closes <= opens:
        errors["closes"] = _("The closing time must be after the opening time.")
    return errors


class OpeningHours(Orderable):
    """One opening period on a weekday; two rows on one day make a lunch break."""

    location = ParentalKey(
        "clinic_site.LocationPage", on_delete=models.CASCADE, related_name="opening_hours"
    )
    weekday = models.PositiveSmallIntegerField(
        _("day"),
        choices=WEEKDAYS,
        help_text=_("A day the location is open. Days without a row are shown as closed."),
    )
    opens = models.TimeField(_("opens"), help_text=_("e.g. 09:00"))
    closes = models.TimeField(_("closes"), help_text=_("e.g. 18:00"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def clean(self):
        errors = check_times(self.opens, self.closes, required=True)
        if errors:
            raise ValidationError(errors)


class OpeningHoursException(Orderable):
    """A holiday, closure or change of hours on a day or a run of days."""

    location = ParentalKey(
        "clinic_site.LocationPage", on_delete=models.CASCADE, related_name="hours_exceptions"
    )
    starts = models.DateField(_("from"), help_text=_("The first day the change applies."))
    ends = models.DateField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("The last day it applies; leave empty for a single day."),
    )
    reason = models.CharField(
        _("reason"),
        max_length=80,
        help_text=_("Shown to patients, e.g. 'Christmas Day' or 'Staff training'."),
    )
    opens = models.TimeField(
        _("opens"),
        null=True,
        blank=True,
        help_text=_("Leave both times empty when the location is closed all day."),
    )
    closes = models.TimeField(_("closes"), null=True, blank=True, help_text=_("e.g. 13:00"))

    panels = [
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends"), FieldPanel("reason")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("holiday or change of hours")
        verbose_name_plural = _("holidays and changes of hours")

    def clean(self):
        errors = check_times(self.opens, self.closes, required=False)
        if self.ends and self.starts and self.ends < self.starts:
            errors["ends"] = _("The last day cannot be before the first.")
        if errors:
            raise ValidationError(errors)

    @property
    def last_day(self):
        return self.ends or self.starts

    @property
    def closed(self):
        return self.opens is None

    def covers(self, day):
        return self.starts <= day <= self.last_day


class OpeningHoursMixin:
    """What a location knows about its hours; reads the prefetched rows, never queries more."""

    def hours_on(self, day):
        """[(opens, closes)] on `day`, exceptions first; [] when closed."""
        for exception in self.hours_exceptions.all():
            if exception.covers(day):
                return [] if exception.closed else [(exception.opens, exception.closes)]
        return [
            (row.opens, row.closes)
            for row in self.opening_hours.all()
            if row.weekday == day.weekday()
        ]

    def exception_on(self, day):
        return next((e for e in self.hours_exceptions.all() if e.covers(day)), None)

    def weekly_hours(self):
        """[(day name, [(opens, closes)])] for Monday to Sunday, for the page's table."""
        rows = sorted(self.opening_hours.all(), key=lambda row: (row.weekday, row.opens))
        return [
            (name, [(row.opens, row.closes) for row in rows if row.weekday == number])
            for number, name in WEEKDAYS
        ]

    def upcoming_exceptions(self, today=None, days=90):
        """Holidays and changes that have not ended yet and start within `days`."""
        today = today or timezone.localdate()
        horizon = today + datetime.timedelta(days=days)
        return sorted(
            (e for e in self.hours_exceptions.all() if e.last_day >= today and e.starts <= horizon),
            key=lambda e: e.starts,
        )

    def opening_hours_json_ld(self, today=None):
        """`openingHoursSpecification` and `specialOpeningHoursSpecification` (schema.org)."""
        regular = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[row.weekday]}",
                "opens": row.opens.strftime("%H:%M"),
                "closes": row.closes.strftime("%H:%M"),
            }
            for row in sorted(self.opening_hours.all(), key=lambda r: (r.weekday, r.opens))
        ]
        special = [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": exception.starts.isoformat(),
                "validThrough": exception.last_day.isoformat(),
                # schema.org's way of saying "closed all day".
                "opens": exception.opens.strftime("%H:%M") if exception.opens else "00:00",
                "closes": exception.closes.strftime("%H:%M") if exception.closes else "00:00",
            }
            for exception in self.upcoming_exceptions(today, days=365)
        ]
        return regular, special
