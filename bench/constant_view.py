"""A constant 20 KB HTML response: the machine's limit every page is compared with."""

from django.http import HttpResponse

BODY = b"<!DOCTYPE html><title>constant</title>" + b"<p>constant response</p>" * 820


def constant(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")
