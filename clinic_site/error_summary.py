"""
A form's errors as the list at the top of a public form (the GOV.UK error
summary pattern): each message with the id of the field it belongs to, so the
summary links to the field, in the order the fields are shown.

Rendered by `clinic_site/components/error_summary.html`, which every public
form (the consultation form, the blog's comment form) includes: the summary
takes focus when the page loads, so a patient who sent a form with a mistake
lands on what to fix instead of the top of a long page.
"""

from django import forms

# Widgets rendered as a group of inputs: the summary links to the first one.
GROUPED_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def error_summary(form, field_names=None):
    """`[{"id": ..., "message": ...}]`; errors not about one field have an empty id."""
    items = [{"id": "", "message": error} for error in form.non_field_errors()]
    for name in field_names if field_names is not None else form.fields:
        bound = form[name]
        if not bound.errors:
            continue
        anchor = bound.auto_id
        if isinstance(bound.field.widget, GROUPED_WIDGETS):
            anchor = f"{anchor}_0"
        items.extend({"id": anchor, "message": error} for error in bound.errors)
    return items
