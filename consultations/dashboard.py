"""
The dashboard panel for the front desk: requests waiting, e-mails not sent, and
requests per week by treatment as server-rendered SVG bars with a table of the
same figures for screen readers (no script, no CDN).
"""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component

from . import get_request_model
from .choices import Status
from .notifications import Delivery

CHART_WEEKS = 12
CHART_COLOURS = ["#0a5a5c", "#b5541c", "#3d5a80", "#6a4c93", "#2d6a4f", "#8d3b57", "#4a5563"]


def weekly_chart(weeks=CHART_WEEKS, now=None):
    """
    Requests per week by treatment over the last `weeks` weeks (spam left out),
    laid out as stacked SVG bars and as a table for screen readers.
    """
    now = now or timezone.now()
    this_week = timezone.localdate(now) - datetime.timedelta(days=timezone.localdate(now).weekday())
    starts = [this_week - datetime.timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    since = timezone.make_aware(datetime.datetime.combine(starts[0], datetime.time.min))
    rows = (
        get_request_model()
        .objects.filter(created_at__gte=since)
        .exclude(status=Status.SPAM)
        .annotate(week=TruncWeek("created_at"))
        .values("week", "treatment_title")
        .annotate(count=Count("id"))
    )
    counts = {}
    for row in rows:
        week = row["week"]
        week = week.date() if isinstance(week, datetime.datetime) else week
        label = row["treatment_title"] or str(_("Not sure yet"))
        counts.setdefault(label, {})
        counts[label][week] = counts[label].get(week, 0) + row["count"]
    treatments = sorted(counts, key=lambda label: -sum(counts[label].values()))
    series = [
        {"label": label, "colour": CHART_COLOURS[i % len(CHART_COLOURS)]}
        for i, label in enumerate(treatments)
    ]
    totals = [sum(counts[label].get(start, 0) for label in treatments) for start in starts]
    peak = max(totals, default=0) or 1
    height, bar_width, gap = 120, 24, 8
    bars = []
    for index, start in enumerate(starts):
        y = height
        segments = []
        for item in series:
            value = counts[item["label"]].get(start, 0)
            if not value:
                continue
            segment_height = round(value / peak * height, 1)
            y -= segment_height
            segments.append({**item, "value": value, "y": round(y, 1), "height": segment_height})
        bars.append(
            {
                "start": start,
                "x": index * (bar_width + gap),
                "segments": segments,
                "total": totals[index],
                "cells": [counts[item["label"]].get(start, 0) for item in series],
            }
        )
    return {
        "series": series,
        "bars": bars,
        "height": height,
        "bar_width": bar_width,
        "width": weeks * (bar_width + gap) - gap,
        "total": sum(totals),
    }


class ConsultationRequestsPanel(Component):
    """Dashboard panel: requests waiting, and requests per week by treatment."""

    name = "consultation_requests"
    order = 90
    template_name = "consultations/admin/dashboard_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["new_count"] = get_request_model().objects.filter(status=Status.NEW).count()
        context["unsent_count"] = Delivery.filter(
            get_request_model().objects.all(), Delivery.UNSENT
        ).count()
        context["failed_count"] = Delivery.filter(
            get_request_model().objects.all(), Delivery.FAILED
        ).count()
        context["chart"] = weekly_chart()
        return context
