"""HTTP to 127.0.0.1 only: one request, its answer, and the form fields in a page."""

import http.client
import time
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie

from .config import HOST, HTTP_TIMEOUT


@dataclass
class Response:
    status: int | None  # None: no answer (connection refused, reset, timed out)
    ms: float
    body: str = ""
    location: str = ""
    cookies: dict = field(default_factory=dict)
    error: str = ""


def request(port, method, path, *, headers=None, body=None):
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=HTTP_TIMEOUT)
    try:
        conn.request(method, path, body=body, headers={"Connection": "close", **(headers or {})})
        answer = conn.getresponse()
        text = answer.read().decode("utf-8", "replace")
        cookies = SimpleCookie()
        for header in answer.msg.get_all("Set-Cookie") or []:
            cookies.load(header)
        return Response(
            status=answer.status,
            ms=(time.perf_counter() - started) * 1000,
            body=text,
            location=answer.getheader("Location", ""),
            cookies={name: morsel.value for name, morsel in cookies.items()},
        )
    except (OSError, http.client.HTTPException) as error:
        return Response(None, (time.perf_counter() - started) * 1000, error=type(error).__name__)
    finally:
        conn.close()


def get_status(port, path):
    return request(port, "GET", path).status


class FormInputs(HTMLParser):
    """The inputs of a page's forms: hidden values, and the values offered per radio group."""

    def __init__(self, text):
        super().__init__()
        self.values, self.choices = {}, defaultdict(list)
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag != "input" or not attrs.get("name"):
            return
        if attrs.get("type") == "radio":
            self.choices[attrs["name"]].append(attrs.get("value", ""))
        elif attrs.get("type") == "hidden":
            self.values[attrs["name"]] = attrs.get("value", "")
