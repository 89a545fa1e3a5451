"""
Request protection shared by every app: the client's address.

One rule for the whole site, so rate limits, comment hashes and the admin's
sign-in lockout all count the same address.
"""


def client_ip(request):
    """The client's address as the web server saw it (REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "")
