"""
What an exported list of requests looks like: cells a spreadsheet never runs as
formulas, text an XLSX file can hold, and an audit entry for every request in it.
"""

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
