"""Endpoints the shared core adds to Wagtail's v3 API."""
