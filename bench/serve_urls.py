"""
The site's URLs plus `/bench/constant/`: a 20 KB response from a plain Django view
through the same middleware, the machine's limit the pages are compared with.
"""

from django.urls import path

from constant_view import constant

from clinic_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/constant/", constant), *site_urlpatterns]
