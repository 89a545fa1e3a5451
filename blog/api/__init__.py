"""The blog's API code: serializer fields for its `api_fields` in `fields.py`."""
