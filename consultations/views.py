"""
The consultation page's two states: the form (GET shows it, POST submits it)
and the thank-you state after the redirect. Wired in by the page's routes.
"""

from urllib.parse import urlsplit

from django.http import Http404, HttpResponseRedirect
from django.utils.cache import add_never_cache_headers

from clinic_site.protection import client_ip

from .forms import HONEYPOT_FIELD, TOKEN_FIELD
from .services import (
    UTM_FIELDS,
    FormTokenRefused,
    SubmissionInvalid,
    SubmissionMeta,
    make_form_token,
    read_thank_you_token,
    submit_request,
)


def same_site_referrer(request):
    """The path of the page on this site the visitor came from, if any."""
    referrer = request.META.get("HTTP_REFERER", "")
    if not referrer:
        return ""
    try:
        parts = urlsplit(referrer)
    except ValueError:  # e.g. "http://[not-an-address/": a browser never sends it
        return ""
    if parts.netloc and parts.netloc != request.get_host():
        return ""
    return parts.path[:500]


def initial_treatment(page, slug):
    if not slug:
        return None
    for treatment in page.get_offered_treatments():
        if treatment.slug == slug:
            return str(treatment.pk)
    return None


def consultation_form(request, page):
    if request.method == "POST":
        meta = SubmissionMeta(ip=client_ip(request), form_token=request.POST.get(TOKEN_FIELD, ""))
        try:
            submission = submit_request(request.POST, page=page, meta=meta)
        except FormTokenRefused as refused:
            form, token = refused.form, refused.fresh_token
        except SubmissionInvalid as invalid:
            form, token = invalid.form, request.POST.get(TOKEN_FIELD, "")
        else:
            url = page.url + page.reverse_subpage("thank_you", args=[submission.thank_you_token])
            return HttpResponseRedirect(url)
    else:
        initial = {}
        treatment = initial_treatment(page, request.GET.get("treatment"))
        if treatment:
            initial["treatment"] = treatment
        form = page.get_form(initial=initial)
        token = make_form_token(
            referrer_path=same_site_referrer(request),
            utm={key: request.GET.get(key) for key in UTM_FIELDS},
        )

    response = page.render(
        request,
        context_overrides={
            "form": form,
            "form_token": token,
            "token_field": TOKEN_FIELD,
            "honeypot_field": HONEYPOT_FIELD,
        },
    )
    # Never cached: each visitor's form carries its own token and CSRF cookie.
    add_never_cache_headers(response)
    return response


def thank_you(request, page, token):
    if not read_thank_you_token(token, page.pk):
        raise Http404
    response = page.render(request, context_overrides={"thank_you": True})
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response
