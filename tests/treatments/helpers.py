"""Reading what a patient's browser and a structured-data parser would read."""

import json
import re


def json_ld(html):
    """Every JSON-LD object on the page, parsed back."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def types_of(obj):
    value = obj["@type"]
    return value if isinstance(value, list) else [value]


def objects_of_type(html, type_):
    return [obj for obj in json_ld(html) if type_ in types_of(obj)]


def faq_questions(html):
    """The question names in the page's FAQPage objects, one list per object."""
    return [
        [question["name"] for question in obj["mainEntity"]]
        for obj in objects_of_type(html, "FAQPage")
    ]


def main_of(html):
    """The page's <main> element, without the structured data in <head>."""
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
