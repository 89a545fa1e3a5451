"""
The consultation page's two states: the form (GET shows it, POST submits it)
and the thank-you state after the redirect, and the form's tokens for a copy of
the page served from the shared cache. Wired in by the page's routes.

The form is served from the page cache on a first visit (clinic_site.page_cache):
the cached copy carries no CSRF token and no signed form token; the visitor's
browser asks `form-tokens/` for both when they start filling it in
(clinic_site.form_tokens). The form token then says when the patient started,
for the minimum fill time.
"""

from urllib.parse import urlsplit

from django.http import Http404, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _

from clinic_site import page_cache
from clinic_site.form_tokens import CSRF_FIELD, token_response
from clinic_site.protection import client_ip

from . import get_request_model
from .forms import HONEYPOT_FIELD, TOKEN_FIELD
from .services import (
    UTM_FIELDS,
    FormTokenRefused,
    SubmissionInvalid,
    SubmissionMeta,
    make_form_token,
    read_form_token,
    read_thank_you_token,
    submit_request,
)

# The request a visitor just sent, for their thank-you page.
SESSION_KEY = "consultations.submitted"
SESSION_BOT_REFERENCE = "consultations.reference"

RESEND = _(
    "For your security your request was not sent yet. Your answers are below: "
    "please check them and send the form again."
)


def same_site_referrer(request, referrer=None):
    """
    The path of the page on this site the visitor came from, if any: the
    request's Referer, or `referrer` (the form-tokens script sends the page's own).
    """
    if referrer is None:
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
            remember_submission(request, submission)
            url = page.url + page.reverse_subpage("thank_you", args=[submission.thank_you_token])
            return HttpResponseRedirect(url)
    else:
        form = page.get_form(preselect=request.GET)
        if page_cache.will_store(request):
            # Everyone's copy: the visitor's browser fetches its own token.
            return render_form(request, page, form, token="", shared=True)
        token = make_form_token(
            referrer_path=same_site_referrer(request),
            utm={key: request.GET.get(key) for key in UTM_FIELDS},
        )
    return render_form(request, page, form, token)


def render_form(request, page, form, token, shared=False):
    response = page.render(
        request,
        context_overrides={
            "form": form,
            "form_token": token,
            "token_field": TOKEN_FIELD,
            "honeypot_field": HONEYPOT_FIELD,
        },
    )
    if not shared:
        # This visitor's own form, with their tokens: no cache may keep it.
        add_never_cache_headers(response)
    return response


def form_tokens(request, page):
    """
    The tokens a cached copy of the form is sent with: this visitor's CSRF token
    and a signed form token made now (the fill time counts from here) with where
    they came from and their campaign (the script passes the page's query
    string and referrer on).
    """
    if request.method not in ("GET", "HEAD"):
        raise Http404
    token = make_form_token(
        referrer_path=same_site_referrer(request, request.GET.get("referrer", "")),
        utm={key: request.GET.get(key) for key in UTM_FIELDS},
    )
    return token_response({CSRF_FIELD: get_token(request), TOKEN_FIELD: token})


def form_needs_resending(request, page):
    """
    The form sent without a valid CSRF token: shown again with the patient's
    answers and a fresh CSRF token. Their form token is kept when it is valid
    (the fill time still counts from when they started), else a new one starts.
    """
    form = page.get_form(request.POST)
    form.add_error(None, RESEND)
    token = request.POST.get(TOKEN_FIELD, "")
    payload = read_form_token(token)
    if payload is None or payload.get("expired"):
        token = make_form_token(referrer_path=same_site_referrer(request))
    return render_form(request, page, form, token)


def remember_submission(request, submission):
    """
    The request just sent, kept in the visitor's session for the thank-you page:
    its summary is shown to the browser that sent it, never to whoever has the
    thank-you address, which carries nothing about the request.
    """
    if submission.request is not None:
        request.session[SESSION_KEY] = submission.request.pk
    else:  # a discarded bot gets a reference that looks like any other
        request.session[SESSION_KEY] = None
        request.session[SESSION_BOT_REFERENCE] = submission.reference


def submitted_request(request, page):
    """The request this visitor just sent from `page`, or None."""
    pk = request.session.get(SESSION_KEY)
    if not pk:
        return None
    return get_request_model().objects.filter(pk=pk, page=page).select_related("location").first()


def thank_you(request, page, token):
    if not read_thank_you_token(token, page.pk):
        raise Http404
    context = {"thank_you": True}
    consultation_request = submitted_request(request, page)
    if consultation_request is not None:
        context["summary"] = thank_you_summary(consultation_request)
        context["reference"] = consultation_request.reference
    else:
        context["reference"] = request.session.get(SESSION_BOT_REFERENCE, "")
    response = page.render(request, context_overrides=context)
    response["X-Robots-Tag"] = "noindex"
    add_never_cache_headers(response)
    return response


def thank_you_summary(consultation_request):
    """
    What the patient asked for, as label and answer: what they will be
    contacted about and how, never their message, contact details or other answers.
    """
    rows = [
        (_("Treatment"), consultation_request.treatment_display),
        (_("Type of consultation"), consultation_request.get_consultation_type_display()),
    ]
    if consultation_request.location_title:
        rows.append((_("Clinic"), consultation_request.location_title))
    if consultation_request.preferred_days:
        rows.append((_("Days that suit you"), consultation_request.preferred_days_display))
    if consultation_request.preferred_times:
        rows.append((_("Times that suit you"), consultation_request.preferred_times_display))
    contact = consultation_request.get_preferred_contact_display()
    rows.append((_("How we will contact you"), contact))
    return rows
