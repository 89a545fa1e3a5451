"""
Query parameters of Wagtail's content APIs, checked before Wagtail reads them.

Wagtail's v2 and v3 APIs pass some parameters to the database unchecked, so
bad input there answers 500 instead of 400:

- `search`, `html_path` (the `find` endpoints) and field filters holding a NUL
  reach PostgreSQL, which refuses NUL in text;
- an `offset` beyond what the database's integers hold fails the query;
- a double quote in `search` is query syntax to SQLite's full-text search;
- a `search_operator` other than "and" or "or" fails in the search backend;
- an `id` that is not a whole number fails the v2 `find` endpoints' lookup.

`ContentAPIQueryMiddleware` answers these with a 400 in the API's own error
format (v2: `{"message": ...}`; v3: `application/problem+json`) and removes the
quotes from `search` (as the site search does), so a search finds the same
pages on every database. It only looks at requests that resolve to the two
APIs' URL namespaces, and only at reads; the APIs' own checks still apply.
"""

from django.http import JsonResponse

from wagtail.api.v3.errors import problem_response

from ..text import UNSAFE_CHARACTERS, clean_search_query

V2_NAMESPACE = "wagtailapi"
V3_NAMESPACE = "wagtailapi_v3"
# PostgreSQL's `integer`: more rows than any site has, and safe to add a limit to.
MAX_OFFSET = 2**31 - 1
SEARCH_OPERATORS = ("and", "or")


class BadParameter(ValueError):
    """A query parameter the API cannot use; the message says which and why."""


def check_query(query):
    """
    The query parameters with `search` cleaned, or `BadParameter` for a value
    no API request can mean.
    """
    for name, values in query.lists():
        if UNSAFE_CHARACTERS.search(name) or any(UNSAFE_CHARACTERS.search(v) for v in values):
            raise BadParameter(f"{name!a} contains a control character, which is not allowed")
    offset = query.get("offset")
    if offset is not None:
        try:
            too_far = int(offset) > MAX_OFFSET
        except ValueError:
            too_far = False  # the API itself answers "offset must be a positive integer"
        if too_far:
            raise BadParameter(f"offset cannot be higher than {MAX_OFFSET}")
    if "id" in query and not all(is_whole_number(value) for value in query.getlist("id")):
        raise BadParameter("id must be a whole number")
    operator = query.get("search_operator")
    if operator and operator.lower() not in SEARCH_OPERATORS:
        raise BadParameter("search_operator must be 'and' or 'or'")
    if "search" in query:
        query = query.copy()
        query.setlist("search", [clean_search_query(value) for value in query.getlist("search")])
    return query


def is_whole_number(value):
    try:
        int(value)
    except ValueError:
        return False
    return True


class ContentAPIQueryMiddleware:
    """See the module's docstring. Add it anywhere after `CommonMiddleware`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        namespaces = request.resolver_match.namespaces[:1]
        if namespaces not in ([V2_NAMESPACE], [V3_NAMESPACE]):
            return None
        try:
            request.GET = check_query(request.GET)
        except BadParameter as error:
            if namespaces == [V2_NAMESPACE]:
                return JsonResponse({"message": str(error)}, status=400)
            return problem_response(status=400, detail=str(error))
        return None
