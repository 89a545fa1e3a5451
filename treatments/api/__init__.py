"""The treatments app's API code: serializer fields and representations in `fields.py`."""
