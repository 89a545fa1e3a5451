"""
What an exported list of requests looks like: cells a spreadsheet never runs as
formulas, text an XLSX file can hold, labels and times a person reads, and an
audit entry for every request in it.
"""

import datetime

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from clinic_site.text import clean_text

from . import audit, get_request_model


def neutralise_formula(value):
    """Stop a spreadsheet from running a patient's text as a formula (CSV injection)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def spreadsheet_text(value):
    """
    Text a spreadsheet can hold: control characters out (an XLSX file cannot
    contain them at all), line breaks kept. Requests stored before text was
    cleaned on the way in may still hold them.
    """
    return clean_text(value, multiline=True)


def csv_text(value):
    return neutralise_formula(spreadsheet_text(value))


def log_export(queryset, spreadsheet_format, user):
    """Every request in an exported list gets an audit entry saying who exported it."""
    if isinstance(queryset, list):
        pks = [item.pk for item in queryset]
    else:
        pks = queryset.values_list("pk", flat=True)
    audit.log_each(
        get_request_model(), pks, audit.EXPORTED, user=user, data={"format": spreadsheet_format}
    )


EXTRA_PREFIX = "extra:"
DATETIME_FORMAT = "%Y-%m-%d %H:%M"
XLSX_DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
XLSX_DATE_FORMAT = "yyyy-mm-dd"
XLSX_MIN_WIDTH, XLSX_MAX_WIDTH = 8, 60
HEADINGS = {
    "reference": _("Reference"),
    "treatment_display": _("Treatment"),
    "location_display": _("Clinic"),
    "preferred_days_display": _("Preferred days"),
    "preferred_times_display": _("Preferred times"),
    "confirmed_minimum_age": _("Confirmed age"),
}


def yes_no(value):
    return str(_("Yes") if value else _("No"))


def local(value):
    """A stored time as the clinic reads it: its own time zone, to the minute."""
    return timezone.make_naive(timezone.localtime(value)).replace(second=0, microsecond=0)


def answer_display(value):
    """An extra question's answer as a person reads it."""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return yes_no(value)
    return "" if value is None else str(value)


def extra_questions(requests):
    """Every extra question answered in `requests`, by key, with its latest wording."""
    questions = {}
    for request in sorted(requests, key=lambda r: r.created_at):
        for key, answer in (request.extra_answers or {}).items():
            questions[key] = str(answer.get("label", key))
    return questions


class RequestExportMixin:
    """
    The listing's CSV and XLSX exports, written for a person to read: choice
    labels rather than codes, Yes/No, times in the site's time zone to the
    minute, each extra question in its own column, and XLSX columns wide
    enough for what they hold. Every exported request gets an audit entry.
    """

    custom_value_preprocess = {
        str: {"csv": csv_text, "xlsx": spreadsheet_text},
        datetime.datetime: {"csv": lambda value: value.strftime(DATETIME_FORMAT), "xlsx": None},
        datetime.date: {"csv": lambda value: value.isoformat(), "xlsx": None},
    }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        requests = list(queryset)
        log_export(requests, spreadsheet_format, self.request.user)
        self.questions = extra_questions(requests)
        self.list_export = [
            *self.list_export,
            *(EXTRA_PREFIX + key for key in self.questions),
        ]
        return super().as_spreadsheet(requests, spreadsheet_format)

    def get_heading(self, queryset, field):
        if field.startswith(EXTRA_PREFIX):
            return self.questions[field[len(EXTRA_PREFIX) :]]
        if field in HEADINGS:
            return str(HEADINGS[field])
        model = get_request_model()
        return capfirst(str(model._meta.get_field(field).verbose_name))

    def to_row_dict(self, item):
        return {field: self.export_value(item, field) for field in self.list_export}

    def export_value(self, request, field):
        if field.startswith(EXTRA_PREFIX):
            answer = (request.extra_answers or {}).get(field[len(EXTRA_PREFIX) :]) or {}
            return answer_display(answer.get("value"))
        if field == "assignee":
            assignee = request.assignee
            return (assignee.get_full_name() or assignee.get_username()) if assignee else ""
        if field == "confirmed_minimum_age":
            age = request.confirmed_minimum_age
            return "" if age is None else str(_("%(age)s or older") % {"age": age})
        display = getattr(request, f"get_{field}_display", None)
        value = display() if display else getattr(request, field)
        if isinstance(value, bool):
            return yes_no(value)
        if isinstance(value, datetime.datetime):
            return local(value)
        return "" if value is None else value

    def write_xlsx(self, queryset, output):
        """Like Wagtail's, with a bold header row kept in view and fitting column widths."""
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        rows = [self.to_row_dict(item) for item in queryset]
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        workbook = Workbook(write_only=True, iso_dates=True)
        sheet = workbook.create_sheet(title=str(_("Requests")))
        for index, field in enumerate(self.list_export):
            longest = max([len(headings[index]), *(_width(row[field]) for row in rows)])
            width = min(max(longest + 2, XLSX_MIN_WIDTH), XLSX_MAX_WIDTH)
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for heading in headings:
            cell = WriteOnlyCell(sheet, heading)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        for row in rows:
            cells = []
            for field, value in row.items():
                cell = WriteOnlyCell(sheet, self.preprocess_field_value(field, value, "xlsx"))
                if cell.data_type == "f":
                    cell.data_type = "s"
                if isinstance(value, datetime.datetime):
                    cell.number_format = XLSX_DATETIME_FORMAT
                elif isinstance(value, datetime.date):
                    cell.number_format = XLSX_DATE_FORMAT
                cells.append(cell)
            sheet.append(cells)
        workbook.save(output)


def _width(value):
    """Characters a cell needs: its longest line, dates as their format shows them."""
    if isinstance(value, datetime.datetime):
        return len(XLSX_DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return len(XLSX_DATE_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0)
