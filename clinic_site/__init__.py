"""
The shared core of the clinic apps, and the project package of the demo site.

`get_author_model()` and `get_author_model_string()` follow Wagtail's
`get_image_model()`: a host project that wants its own author model (with a
link to its staff directory, say) subclasses `clinic_site.models.AbstractAuthor`
and names it in the `CLINIC_AUTHOR_MODEL` setting; every byline and medical
reviewer then points at it.
"""


def get_author_model_string():
    """
    The `app_label.ModelName` of the author model, for foreign keys and
    migrations, which must not import the model itself.
    """
    from . import conf

    return conf.get("CLINIC_AUTHOR_MODEL")


def get_author_model():
    """The author model named by `CLINIC_AUTHOR_MODEL` (default `clinic_site.Author`)."""
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    model_string = get_author_model_string()
    try:
        return apps.get_model(model_string, require_ready=False)
    except ValueError as e:
        raise ImproperlyConfigured(
            "CLINIC_AUTHOR_MODEL must be of the form 'app_label.ModelName'"
        ) from e
    except LookupError as e:
        raise ImproperlyConfigured(
            f"CLINIC_AUTHOR_MODEL refers to model {model_string!r} that has not been installed"
        ) from e
