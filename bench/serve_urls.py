"""
The site's URLs plus `/bench/constant/`: a 20 KB response from a plain Django view
through the same middleware, the machine's limit the pages are compared with.
"""

from django.http import HttpResponse
from django.urls import path

from clinic_site.urls import urlpatterns as site_urlpatterns

BODY = b"<!DOCTYPE html><title>constant</title>" + b"<p>constant response</p>" * 820


def constant(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/constant/", constant), *site_urlpatterns]
