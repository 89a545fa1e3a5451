"""
Bad input at the APIs: the content APIs' query parameters (v2 and v3) and the
JSON consultation requests. Never a server error; a clear 4xx in the API's own
format; nothing stored for a rejected request and exactly one request for a
valid one.
"""

from django.test import Client

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clinic_site.api.middleware import MAX_OFFSET
from clinic_site.text import clean_json_strings
from consultations.models import ConsultationFormField, ConsultationRequest
from tests.blog.factories import CategoryFactory, make_blog, make_post
from tests.clinic_site.factories import ImageFactory, make_clinic_settings, make_home_page
from tests.consultations.factories import form_token, make_consultation_page, valid_data
from tests.strategies import (
    bounded,
    has_unsafe_characters,
    isolated,
    json_body,
    json_values,
    noise,
    query_values,
    text,
)
from tests.treatments.factories import make_index, make_treatment

pytestmark = pytest.mark.django_db

CONSULTATIONS = "/api/v3/consultations/"
PAGE_LISTS = ["/api/v2/pages/", "/api/v3/pages/"]
FINDS = ["/api/v2/pages/find/", "/api/v3/pages/find/"]
LISTS = [
    *PAGE_LISTS,
    "/api/v2/images/",
    "/api/v3/images/",
    "/api/v2/documents/",
    "/api/v3/documents/",
]
EXTRA_QUESTIONS = [
    ("Area to treat", "singleline", ""),
    ("When did it start", "date", ""),
    ("Anything else", "multiline", ""),
    ("How many sessions", "number", ""),
    ("Preferred clinic", "dropdown", "Manchester\nSalford"),
    ("Areas", "checkboxes", "Forehead\nEyes\nLips"),
    ("Send me news", "checkbox", ""),
    ("Best time", "datetime", ""),
    ("Your website", "url", ""),
]
EXTRA_NAMES = [label.lower().replace(" ", "_") for label, _type, _choices in EXTRA_QUESTIONS]


@pytest.fixture(scope="module")
def tree(module_db):
    """Pages of every app for the content APIs; a consultation page with each kind of question."""
    home = make_home_page()
    make_clinic_settings()
    blog = make_blog(home)
    make_post(blog, title="Botox and migraines", categories=[CategoryFactory()], tags=["botox"])
    make_treatment(make_index(home), title="Botox for migraines")
    page = make_consultation_page(home)
    for label, field_type, choices in EXTRA_QUESTIONS:
        ConsultationFormField.objects.create(
            page=page, label=label, field_type=field_type, choices=choices, required=False
        )
    ImageFactory(title="Botox before and after")
    return page


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def message_of(response):
    """The error in either API's format: v2's `{"message"}` or v3's problem `detail`."""
    body = response.json()
    return body.get("message") or body.get("detail")


def titles(response):
    return [item.get("title") for item in response.json()["items"]]


# Content APIs: regressions -------------------------------------------------


@pytest.mark.parametrize("url", [*LISTS])
def test_a_nul_in_search_is_a_clear_400(client, tree, url):
    response = client.get(url, {"search": "\x00"})

    assert response.status_code == 400
    assert "'search' contains a control character" in message_of(response)


@pytest.mark.parametrize("url", PAGE_LISTS)
@pytest.mark.parametrize("search", ['"botox', 'botox"', '"botox" migraines'])
def test_a_search_with_stray_quotes_finds_what_it_finds_without_them(client, tree, url, search):
    response = client.get(url, {"search": search, "type": "treatments.TreatmentPage"})

    assert response.status_code == 200
    assert titles(response) == ["Botox for migraines"]


@pytest.mark.parametrize("url", FINDS)
@pytest.mark.parametrize("path", ["\x00", "/blog/\x00/", "/\x00/x/"])
def test_finding_a_page_by_a_path_with_a_nul_is_a_clear_400(client, tree, url, path):
    response = client.get(url, {"html_path": path})

    assert response.status_code == 400
    assert "'html_path' contains a control character" in message_of(response)


@pytest.mark.parametrize("url", FINDS)
def test_finding_a_page_by_its_path_still_works(client, tree, url):
    response = client.get(url, {"html_path": "/blog/botox-and-migraines/"})

    assert response.status_code == 302
    assert client.get(response["Location"]).json()["title"] == "Botox and migraines"


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"offset": "99999999999999999999"}, f"offset cannot be higher than {MAX_OFFSET}"),
        ({"offset": str(MAX_OFFSET + 1)}, f"offset cannot be higher than {MAX_OFFSET}"),
        ({"limit": "99999999999999999999"}, "limit cannot be higher than 20"),
    ],
)
def test_huge_offsets_and_limits_are_a_clear_400(client, tree, url, params, expected):
    response = client.get(url, params)

    assert response.status_code == 400
    assert message_of(response) == expected


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("params", [{"offset": "-1"}, {"limit": "-1"}])
def test_negative_offsets_and_limits_are_refused(client, tree, url, params):
    response = client.get(url, params)

    assert response.status_code in (400, 422)
    assert message_of(response)


@pytest.mark.parametrize("url", PAGE_LISTS)
def test_the_largest_offset_allowed_answers_an_empty_page(client, tree, url):
    response = client.get(url, {"offset": str(MAX_OFFSET)})

    assert response.status_code == 200
    assert response.json()["items"] == []


@pytest.mark.parametrize("url", [*FINDS, "/api/v2/images/find/", "/api/v2/documents/find/"])
@pytest.mark.parametrize("value", ["abc", "1.5", ""])
def test_finding_by_an_id_that_is_not_a_number_is_a_clear_400(client, tree, url, value):
    response = client.get(url, {"id": value})

    assert response.status_code == 400
    assert message_of(response) == "id must be a whole number"


def test_an_unknown_search_operator_is_a_clear_400(client, tree):
    response = client.get("/api/v2/pages/", {"search": "botox", "search_operator": "xor"})

    assert response.status_code == 400
    assert message_of(response) == "search_operator must be 'and' or 'or'"


# Content APIs: properties ----------------------------------------------------

PARAMETERS = [
    "search",
    "search_operator",
    "offset",
    "limit",
    "order",
    "fields",
    "type",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "slug",
    "title",
    "locale",
    "translation_of",
    "site",
    "html_path",
    "id",
    "show_in_menus",
    "tags",
]


@bounded(max_examples=60)
@given(
    url=st.sampled_from([*LISTS, *FINDS, "/api/v2/images/find/", "/api/v2/documents/find/"]),
    params=st.dictionaries(st.sampled_from(PARAMETERS), query_values(), max_size=4),
)
def test_any_list_or_find_parameters_answer_without_a_server_error(tree, url, params):
    with isolated():
        response = Client(raise_request_exception=False).get(url, params)

        assert response.status_code < 500, (response.status_code, response.content[:300])
        if any(has_unsafe_characters(value, allowed="\t\n\r") for value in params.values()):
            assert response.status_code == 400
            assert "contains a control character" in message_of(response)


# Consultation requests by JSON: regressions -----------------------------------


def payload(**overrides):
    data = valid_data(**overrides)
    data["consent"] = data.get("consent") == "on"
    return data


def post_json(client, body):
    return client.post(CONSULTATIONS, body, content_type="application/json")


@pytest.mark.parametrize("field", ["name", "email", "phone", "message", "form_token"])
def test_a_lone_surrogate_in_a_text_field_is_removed_and_the_request_stored(client, tree, field):
    data = payload()
    data[field] = data[field][:5] + "\ud800" + data[field][5:]
    data["extra"] = {"area_to_treat": "Fore\udfffhead", "anything_else": "One\ud800\nTwo"}

    response = post_json(client, json_body(data))

    assert response.status_code == 201, response.content
    stored = ConsultationRequest.objects.get()
    assert (stored.name, stored.email, stored.phone) == (
        "Jamie Quinlan",
        "jamie@example.com",
        "07700 900123",
    )
    assert stored.message == "Wondering about options for frown lines."
    assert stored.extra_answers["area_to_treat"]["value"] == "Forehead"
    assert stored.extra_answers["anything_else"]["value"] == "One\nTwo"


def test_a_hundred_thousand_nested_brackets_are_a_clear_422(client, tree):
    response = post_json(client, b"[" * 100_000)

    assert response.status_code == 422
    assert response.json()["errors"] == {"__all__": ["Send a JSON object."]}
    assert not ConsultationRequest.objects.exists()


@pytest.mark.parametrize("answer", [["2024-01-01"], 20240101, {"date": "2024-01-01"}, True])
def test_an_extra_date_answer_that_is_not_one_value_is_explained(client, tree, answer):
    response = post_json(client, json_body(payload(extra={"when_did_it_start": answer})))

    assert response.status_code == 422
    assert response.json()["errors"] == {"extra.when_did_it_start": ["Enter a valid date."]}
    assert not ConsultationRequest.objects.exists()


@pytest.mark.parametrize(
    ("name", "answer", "message"),
    [
        ("areas", {"Eyes": True}, "Enter a list of values."),
        ("areas", [["Eyes"]], "Enter a list of values."),
        ("send_me_news", 1, "Answer true or false."),
        ("how_many_sessions", [3], "Enter a number."),
        ("area_to_treat", {"text": "Forehead"}, "Enter one answer."),
        ("your_website", ["https://example.com"], "Enter a valid URL."),
    ],
)
def test_extra_answers_are_checked_by_their_question_type(client, tree, name, answer, message):
    response = post_json(client, json_body(payload(extra={name: answer})))

    assert response.status_code == 422
    assert response.json()["errors"] == {f"extra.{name}": [message]}
    assert not ConsultationRequest.objects.exists()


def test_extra_answers_of_every_type_are_stored_as_the_html_form_stores_them(client, tree):
    answers = {
        "area_to_treat": "Forehead",
        "when_did_it_start": "2024-03-01",
        "how_many_sessions": 3,
        "preferred_clinic": "Salford",
        "areas": ["Eyes", "Lips"],
        "send_me_news": True,
        "best_time": "2024-03-01 09:30",
        "your_website": "https://example.com",
    }

    response = post_json(client, json_body(payload(extra=answers)))

    assert response.status_code == 201, response.content
    stored = {k: v["value"] for k, v in ConsultationRequest.objects.get().extra_answers.items()}
    assert stored["area_to_treat"] == "Forehead"
    assert stored["when_did_it_start"] == "2024-03-01"
    assert stored["how_many_sessions"] == "3"
    assert stored["areas"] == ["Eyes", "Lips"]
    assert stored["send_me_news"] is True
    assert stored["your_website"] == "https://example.com"


# Consultation requests by JSON: properties --------------------------------------

REQUEST_FIELDS = [
    "page",
    "name",
    "email",
    "phone",
    "preferred_contact",
    "treatment",
    "consultation_type",
    "preferred_days",
    "preferred_times",
    "message",
    "patient_status",
    "heard_about",
    "consent",
    "marketing_opt_in",
    "extra",
    "form_token",
    "website",
]


def stored_requests():
    return list(ConsultationRequest.objects.all())


def assert_outcome(response, honeypot=""):
    """201 with exactly one request stored (none for a bot), or 4xx with messages and none."""
    # 415: an empty body is sent without a content type, so it is not JSON.
    assert response.status_code in (201, 404, 415, 422), (response.status_code, response.content)
    if response.status_code == 201:
        assert len(stored_requests()) == (0 if honeypot else 1)
        assert set(response.json()) == {"reference"}
    else:
        assert stored_requests() == []
        errors = response.json()["errors"]
        assert errors and all(
            isinstance(messages, list) and all(isinstance(m, str) and m for m in messages)
            for messages in errors.values()
        )


@bounded(max_examples=50)
@given(
    changes=st.dictionaries(
        st.sampled_from(REQUEST_FIELDS),
        json_values(),
        max_size=3,
    ),
    extra=st.dictionaries(st.sampled_from(EXTRA_NAMES), json_values(), max_size=3),
)
def test_any_json_request_is_stored_once_or_explained_never_a_server_error(tree, changes, extra):
    data = {**payload(), "extra": extra, **changes}
    with isolated():
        response = post_json(Client(raise_request_exception=False), json_body(data))

        website = data.get("website")
        assert_outcome(
            response, honeypot=clean_json_strings(website) if isinstance(website, str) else ""
        )


@bounded(max_examples=30)
@given(body=st.one_of(st.binary(max_size=200), text(surrogates=True).map(json_body)))
def test_any_body_at_all_is_answered_without_a_server_error(tree, body):
    with isolated():
        response = post_json(Client(raise_request_exception=False), body)

        assert_outcome(response)


@bounded(max_examples=25)
@given(
    name=st.one_of(noise(), st.sampled_from(["\ud800", "\udfff\x00"])),
    message=text(surrogates=True).filter(lambda value: len(value) < 1500),
    area=text(surrogates=True, max_parts=3).filter(lambda value: len(value) < 200),
)
def test_a_valid_json_request_with_noise_in_it_is_stored_exactly_once(tree, name, message, area):
    data = payload(name=f"Jamie{name} Quinlan", message=message, form_token=form_token())
    data["extra"] = {"area_to_treat": area}
    with isolated():
        response = post_json(Client(raise_request_exception=False), json_body(data))

        assert response.status_code == 201, response.content
        stored = ConsultationRequest.objects.get()
        assert stored.name == "Jamie Quinlan"
        values = [stored.name, stored.message, stored.extra_answers["area_to_treat"]["value"]]
        assert not any(has_unsafe_characters(value) for value in values)
