"""
Handling a reader's comment: the post's `comment/` route calls `post_comment()`.

Post/redirect/get: a good comment is stored as pending and the reader is sent back
to the article with a message; bad input re-renders the article with the form,
its values and its errors. Bots filling in the honeypot get the same thank-you
but nothing is stored; a per-IP rate limit uses Django's cache.
"""

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import conf
from .forms import CommentForm
from .models import BlogComment

THANKS = gettext_lazy(
    "Thank you. Your comment will appear once a member of our team has approved it."
)


def client_ip_hash(request):
    """A keyed hash of the client's IP address: enough to count, never the address itself."""
    address = request.META.get("REMOTE_ADDR", "")
    return salted_hmac("blog.comments.ip", address).hexdigest()


def is_rate_limited(ip_hash):
    """Count this comment against the IP's allowance; True once the allowance is used up."""
    key = f"blog:comments:{ip_hash}"
    cache.add(key, 0, timeout=conf.get("BLOG_COMMENTS_RATE_LIMIT_PERIOD"))
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=conf.get("BLOG_COMMENTS_RATE_LIMIT_PERIOD"))
        count = 1
    return count > conf.get("BLOG_COMMENTS_RATE_LIMIT")


def post_comment(request, post):
    if not post.comments_enabled:
        messages.error(request, _("Comments are closed on this article."))
        return redirect(post.url + "#comments")

    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_with_errors(request, post, form)
    if form.is_spam:
        messages.success(request, THANKS)
        return redirect(post.url + "#comments")

    ip_hash = client_ip_hash(request)
    if is_rate_limited(ip_hash):
        form.add_error(
            None,
            _("You have sent several comments in a short time. Please try again later."),
        )
        return _render_with_errors(request, post, form, status=429)

    comment = form.save(commit=False)
    comment.post = post
    comment.status = BlogComment.Status.PENDING
    comment.ip_hash = ip_hash
    comment.save()
    messages.success(request, THANKS)
    return redirect(post.url + "#comments")


def _render_with_errors(request, post, form, status=200):
    messages.error(request, _("Your comment was not sent. Please check the form below."))
    response = post.render(request, comment_form=form)
    response.status_code = status
    return response
