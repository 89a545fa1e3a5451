"""
The shared core's API code, laid out as Wagtail's own (`wagtail/snippets/api/v3/`):
serializer fields for `api_fields` in `fields.py`, v3 endpoints in `v3/router.py`.
"""
