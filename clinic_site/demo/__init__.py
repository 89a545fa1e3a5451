"""
The demo clinic: development-only content for `manage.py load_demo_content`.

Installed by the development and test settings only, never by production, and
left out of the wheel: the reusable apps carry no demo copy. See docs/development.md.
"""
