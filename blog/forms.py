"""The public comment form, with a honeypot field people never see."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clinic_site.text import CleanTextFormMixin

from .models import BlogComment


class CommentForm(CleanTextFormMixin, forms.ModelForm):
    """
    Name, e-mail and comment. `website` is a honeypot: hidden from people (and
    from screen readers), it is filled in only by bots, whose comments are dropped.
    Control characters are cleaned out before anything validates.

    Subclass it to ask readers for more (`BLOG_COMMENT_FORM`,
    `BlogPostPage.get_comment_form_class()`): added fields are shown after the
    comment, with their labels, help texts and errors.
    """

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = BlogComment
        fields = ["name", "email", "body"]
        labels = {"name": _("Name"), "email": _("E-mail address"), "body": _("Comment")}
        help_texts = {
            "name": _("Shown with your comment."),
            "email": _("Never published; we use it only if we need to reply to you privately."),
            "body": _(
                "Please do not include personal health details: comments are public once approved."
            ),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "comment-%s")
        super().__init__(*args, **kwargs)

    @property
    def is_spam(self):
        """True when the honeypot was filled in (only call after `is_valid()`)."""
        return bool(self.cleaned_data.get("website"))

    @property
    def visible_fields_for_readers(self):
        """Every field but the honeypot, so a subclass's own fields show too."""
        return [field for field in self.visible_fields() if field.name != "website"]

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean_body(self):
        return self.cleaned_data["body"].strip()
