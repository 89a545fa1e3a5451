"""Forms of the shared core's admin wiring: the admin login and the image upload."""

from django import forms
from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.images.forms import BaseImageForm

from .lockouts import lockout_message


class LoginForm(WagtailLoginForm):
    """
    Wagtail's login form (WAGTAILADMIN_USER_LOGIN_FORM) that says so when the
    sign-in is locked, instead of "user name and password didn't match", which
    would send the person on guessing a password that can no longer work.
    """

    def get_invalid_login_error(self):
        if getattr(self.request, "axes_locked_out", False):
            return forms.ValidationError(lockout_message(), code="locked")
        return super().get_invalid_login_error()


def megapixels(pixels):
    return number_format(pixels / 1_000_000, decimal_pos=0 if pixels >= 10_000_000 else 1)


class PixelBudgetMessage:
    """
    The "too many pixels" error in words an editor can act on. Wagtail formats
    its message with `%`, passing raw pixel counts ("121000000"); this object
    answers that `%` with megapixels and what to do instead.
    """

    def __mod__(self, params):
        limit = megapixels(params["max_pixels_count"])
        if isinstance(params.get("num_pixels"), int):
            return _(
                "This image is too large for the site to resize: it has %(pixels)s megapixels "
                "and the limit is %(limit)s. Save a smaller copy (the site never shows an image "
                "wider than 1,600 pixels, so 4,000 × 3,000 is plenty) and upload that."
            ) % {"pixels": megapixels(params["num_pixels"]), "limit": limit}
        return _(
            "This image is too large for the site to resize: the limit is %(limit)s megapixels. "
            "Save a smaller copy (4,000 × 3,000 pixels is plenty) and upload that."
        ) % {"limit": limit}


class ImageForm(BaseImageForm):
    """
    Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE) stating the pixel
    budget (WAGTAILIMAGES_MAX_IMAGE_PIXELS) before an upload and explaining a
    refusal after one. The budget keeps one rendition of the largest accepted
    image within a 512 MB worker: docs/deploy.md gives the measurements.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        budget = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
        if field is None or not budget:
            return
        field.error_messages["file_too_many_pixels"] = PixelBudgetMessage()
        field.help_text = _("%(help)s Largest image: %(limit)s megapixels.") % {
            "help": field.help_text,
            "limit": megapixels(budget),
        }
