"""The shared core's v3 API endpoints (added to Wagtail's v3 API in `apps.py`)."""

from ninja import Router
from ninja.errors import HttpError
from wagtail.api.v3.auth import AllowAnonymous

router = Router(tags=["preview"])


def build_preview_router():
    # Imported here: the v3 page schemas are built from every page model, so
    # they exist only once all apps are loaded.
    from wagtail.api.v3.routers.pages import PageDetailSchema

    from clinic_site.preview import PreviewTokenError, page_for_token

    @router.get(
        "/",
        response=PageDetailSchema,
        url_name="preview_page",
        summary="Draft page for a headless preview",
        description=(
            "The page as the editor is previewing it, unsaved changes included, for a "
            "short-lived signed token from the admin's preview. 404 when the token is "
            "invalid or expired."
        ),
        operation_id="pages_preview",
        auth=[AllowAnonymous()],
    )
    def preview_page(request, token: str):
        try:
            return page_for_token(token)
        except PreviewTokenError as error:
            raise HttpError(404, "This preview link is invalid or has expired.") from error

    return router
