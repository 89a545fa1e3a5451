"""The consultations app's API: the v3 router for JSON requests (`v3/router.py`)."""
