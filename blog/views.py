"""
Handling a reader's comment: the post's `comment/` route calls `post_comment()`.

Post/redirect/get: a good comment is stored as pending and the reader is sent back
to the article with a message; bad input re-renders the article with the form,
its values and its errors. Bots filling in the honeypot get the same thank-you
but nothing is stored. The client's address and the per-address rate limit come
from the shared core (`clinic_site.protection`), the same rule every app uses.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clinic_site.protection import client_ip, hit

from . import conf
from .models import BlogComment

THANKS = gettext_lazy(
    "Thank you. Your comment will appear once a member of our team has approved it."
)

RESEND = gettext_lazy(
    "For your security your comment was not sent yet. Please check it and press "
    '"Post comment" again.'
)


def post_comment(request, post):
    if not post.comments_enabled:
        messages.error(request, _("Comments are closed on this article."))
        return redirect(post.url + "#comments")

    form = post.get_comment_form_class()(request.POST)
    if not form.is_valid():
        return _render_with_errors(request, post, form)
    if form.is_spam:
        messages.success(request, THANKS)
        return redirect(post.url + "#comments")

    address = client_ip(request)
    if hit(
        "blog.comments",
        address,
        limit=conf.get("BLOG_COMMENTS_RATE_LIMIT"),
        period=conf.get("BLOG_COMMENTS_RATE_LIMIT_PERIOD"),
    ):
        form.add_error(
            None,
            _("You have sent several comments in a short time. Please try again later."),
        )
        return _render_with_errors(request, post, form, status=429)

    comment = form.save(commit=False)
    comment.post = post
    comment.status = BlogComment.Status.PENDING
    # Kept with the comment for moderators to spot repeats: a keyed hash, never the address.
    comment.ip_hash = salted_hmac("blog.comments.ip", address).hexdigest()
    comment.save()
    messages.success(request, THANKS)
    return redirect(post.url + "#comments")


def comment_needs_resending(request, post):
    """The article with the reader's comment kept, asking them to send it again."""
    form = post.get_comment_form_class()(request.POST)
    form.add_error(None, RESEND)
    return post.render(request, comment_form=form)


def _render_with_errors(request, post, form, status=200):
    messages.error(request, _("Your comment was not sent. Please check the form below."))
    response = post.render(request, comment_form=form)
    response.status_code = status
    return response
